// The documented teardown raises no network-access alert when no cluster uses the key (spec §2.5
// "private-path node, no ACTIVE endpoint in its region"; seed 000 §'Disable Private Endpoint
// Connections...'; issue 11 item 15).
#include <doctest/doctest.h>

#include "helpers.h"
#include "models/alerts.h"

using namespace models;
using namespace testing;

TEST_CASE("spec §2.5: deleting the last endpoint cuts the private path only for clusters on it") {
  for (const bool withCluster : {false, true}) {
    Env env;
    const ProjectIx p = env.project("p", Provider::AWS, true);
    const EndpointIx e = env.w->add_endpoint("p", Provider::AWS, "US_EAST_1", EndpointStatus::ACTIVE);
    if (withCluster) env.cluster("p", "orders", Provider::AWS);
    REQUIRE(env.w->project(p).awsKms().privatePath);
    REQUIRE(env.w->delete_endpoint(e).ok());
    env.run_to(min(16));  // gone (T_delete <= 10 min p99) and a scheduled check at 15 min
    INFO("withCluster=" << withCluster);
    CHECK(env.rec.count(std::string(alerts::kKmsNetworkAccessDenied)) == (withCluster ? 1u : 0u));
    CHECK(env.w->project(p).awsKms().ear.state() == (withCluster ? EarState::ON_UNREACHABLE : EarState::ON_VALID));
  }
}
