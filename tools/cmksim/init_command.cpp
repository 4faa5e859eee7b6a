#include "init_command.h"

#include <fmt/format.h>

namespace cli {
namespace {

// The clouds a key can live in; private endpoints exist for AWS and Azure only (seed 000, seed 004).
enum class InitCloud { aws, azure, gcp };

void validate(boost::any& v, const std::vector<std::string>& values, InitCloud*, int) {
  po::validators::check_first_occurrence(v);
  const std::string& s = po::validators::get_single_string(values);
  if (s == "aws") v = InitCloud::aws;
  else if (s == "azure") v = InitCloud::azure;
  else if (s == "gcp") v = InitCloud::gcp;
  else bad_value(s, "aws, azure, gcp");
}

po::options_description init_options() {
  po::options_description d("Options");
  d.add_options()
      ("help,h", "show this help")
      ("cloud", po::value<InitCloud>()->default_value(InitCloud::aws, "aws")->value_name("aws|azure|gcp"),
       "where the customer key lives")
      ("private-endpoints", po::bool_switch(), "reach the key over a private endpoint (aws and azure)");
  return d;
}

// What differs per cloud in the starter: the kms entry, the cluster's cloud and region.
struct CloudText {
  const char* provider;  // AWS, AZURE, GCP
  const char* kms;       // the kms entry's lines after `- provider: X`, indented for the entry
  const char* cluster;   // the cluster's flow mapping after `name: orders, tier: M30, cmk: X`
  const char* console;   // where the key is disabled
};

CloudText cloud_text(InitCloud c) {
  switch (c) {
    case InitCloud::azure:
      return {"AZURE",
              "        region: US_EAST_2                # the key vault's Atlas region name\n"
              "        secret: replace-me               # the client secret: parsed, never printed\n",
              ", provider: AZURE, regions: [US_EAST_2]", "the Azure portal"};
    case InitCloud::gcp:
      return {"GCP", "        region: US_EAST_4                # the key ring's location (Atlas region name)\n", "", "the Google Cloud console"};
    default:
      return {"AWS", "        region: US_EAST_1                # the key's Atlas region name\n", "", "the AWS console"};
  }
}

// The private-endpoint part of the timeline and its expectations (empty without endpoints).
std::pair<std::string, std::string> endpoint_text(InitCloud c) {
  const std::string region = c == InitCloud::azure ? "US_EAST_2" : "US_EAST_1";
  std::string steps = fmt::format(
      "  - at: 0s\n"
      "    do: create_endpoint                  # POST .../encryptionAtRest/{0}/privateEndpoints\n"
      "    provider: {0}\n"
      "    region: {1}\n"
      "    as: east                             # a label: later steps and expectations say `endpoint: east`\n",
      c == InitCloud::azure ? "AZURE" : "AWS", region);
  if (c == InitCloud::azure)
    steps += "  - at: 10m\n"
             "    do: approve_endpoint                 # approve the connection on the key vault\n"
             "    endpoint: east\n";
  std::string expects = "  - within: [0s, 40m]                    # provisioning time is drawn; see `cmksim settings`\n"
                        "    endpoint: east\n"
                        "    status: ACTIVE\n";
  return {steps, expects};
}

// The whole starter scenario.
std::string starter(InitCloud c, bool private_endpoints) {
  const CloudText t = cloud_text(c);
  const auto [endpoint_steps, endpoint_expects] = private_endpoints ? endpoint_text(c) : std::pair<std::string, std::string>{};
  return fmt::format(
      "# A starter scenario from `cmksim init`. Edit it, then:\n"
      "#   cmksim validate my.yaml && cmksim run my.yaml\n"
      "# The format is documented in FORMAT.md (share/cmksim/ when installed, scenario/ in the source);\n"
      "# `cmksim actions` lists what a step can do and `cmksim settings` every setting with its default.\n"
      "cmksim: 1\n"
      "name: my-scenario\n"
      "description: The {0} key is disabled for an hour; when do the clusters stop, and when do they come back?\n"
      "seed: 1                                  # the same seed replays the same run (`cmksim run --seed N` tries others)\n"
      "horizon: 4h                              # how long the story lasts, in simulated time\n"
      "\n"
      "settings:\n"
      "  validation_interval: 15m               # Atlas checks the key this often (the documented default)\n"
      "\n"
      "projects:\n"
      "  - name: shop\n"
      "    kms:\n"
      "      - provider: {0}\n"
      "{1}"
      "{2}"
      "    clusters:\n"
      "      - {{name: orders, tier: M30, cmk: {0}{3}}}   # encrypted with the customer key\n"
      "\n"
      "timeline:                                # at: from the start; after: from the previous step\n"
      "{4}"
      "  - {{at: 1h, do: disable_key, provider: {0}}}    # someone disables the key in {5}\n"
      "  - {{at: 2h, do: enable_key, provider: {0}}}     # ...and enables it again\n"
      "  - {{after: 1m, do: try_again}}                  # the \"Try Again\" button: Atlas validates at once\n"
      "\n"
      "expect:                                  # each is a PASS or FAIL line of `cmksim run`\n"
      "{6}"
      "  - {{at: 1h30m, cluster: orders, runState: DISABLED_EAR}}   # shut down at the next check\n"
      "  - {{at: 3h, cluster: orders, runState: RUNNING}}           # restarted once the key is valid\n",
      t.provider, t.kms, private_endpoints ? "        requirePrivateNetworking: true   # the key is reached over the endpoint below\n" : "",
      t.cluster, endpoint_steps, t.console, endpoint_expects);
}

}  // namespace

void help_init(std::ostream& out) {
  out << "Usage: cmksim init [options]\n\n"
         "Writes a commented starter scenario to standard output: one project with a customer key in\n"
         "the chosen cloud, one cluster encrypted with it, a key disabled for an hour and the\n"
         "expectations that hold. It passes `cmksim validate` and `cmksim run` as written.\n\n"
      << init_options()
      << "\nExamples:\n"
         "  cmksim init > my.yaml && cmksim run my.yaml\n"
         "  cmksim init --cloud azure --private-endpoints > azure.yaml\n"
         "  cmksim init | cmksim validate -\n\n"
         "Exit status: 0, or 2 for bad usage (e.g. --private-endpoints with gcp).\n";
}

int init_command(const Args& args, std::ostream& out, std::ostream&) {
  const auto vm = parse_args("init", help_init, args, init_options(), {}, out);
  if (!vm) return 0;
  const InitCloud cloud = (*vm)["cloud"].as<InitCloud>();
  const bool endpoints = (*vm)["private-endpoints"].as<bool>();
  if (endpoints && cloud == InitCloud::gcp)
    throw UsageError("init", "--private-endpoints: Atlas offers private endpoints to the KMS for aws and azure only");
  out << starter(cloud, endpoints);
  return 0;
}

}  // namespace cli
