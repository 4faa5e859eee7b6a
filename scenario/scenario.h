// A scenario as plain data: what parse() reads from a `cmksim: 1` file and check() completes,
// before anything is built. Every struct keeps the SourceLocation of its YAML node so later
// messages (bad input, failed expectations) can point into the file. FORMAT.md is the reference.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/actions.h"
#include "models/clients/terraform_config.h"
#include "models/cluster.h"
#include "models/endpoint.h"
#include "models/ids.h"
#include "models/key.h"
#include "models/project.h"
#include "models/settings.h"
#include "scenario/incident.h"
#include "scenario/input_error.h"
#include "sim/distribution.h"
#include "sim/observer.h"
#include "sim/time.h"
#include "sim/wall_clock.h"

namespace scenario {

// One `kms:` entry of a project: a customer key, its credentials, and the Encryption at Rest
// block that uses it. Secrets (Azure `secret`, AWS `accessKeyID`/`secretAccessKey`) are parsed
// and dropped: only the fact that they were given is kept.
struct KmsSpec {
  SourceLocation where;
  models::Provider provider = models::Provider::AWS;
  bool enabled = true;
  bool requirePrivateNetworking = false;
  std::string region = "US_EAST_1";
  std::string keyId;
  models::KeyState keyState = models::KeyState::ENABLED;
  models::CredentialState credentials = models::CredentialState::VALID;
  models::AccessState access = models::AccessState::GRANTED;
  std::optional<sim::Distribution> keyAge;
  std::optional<sim::Distribution> secretExpiresIn;
  bool ipAccessListBlocksControlPlane = false;
  bool unreachable = false;
  bool accessKeyAuth = false;  // accessKeyID + secretAccessKey were given (values dropped)
  bool secretGiven = false;    // an Azure client secret was given (value dropped)
};

struct RegionSpec {
  SourceLocation where;
  std::string regionName;
  models::Provider cloud = models::Provider::AWS;
  std::optional<std::int64_t> nodes;  // default: the setting nodes_per_region
};

struct ClusterSpec {
  SourceLocation where;
  std::string name;
  std::string tier = "M10";
  std::int64_t diskSizeGB = 10;
  std::vector<RegionSpec> regions;  // empty: one AWS US_EAST_1 region
  models::Provider encryptionAtRestProvider = models::Provider::NONE;
  bool cmk_project_provider = false;  // cmk: true -> the project's only enabled key provider (check())
  SourceLocation cmk_where;
  bool paused = false;
};

struct EndpointSpec {
  SourceLocation where;
  std::string label;  // `name:`; steps and expectations refer to the endpoint by it
  models::Provider cloud = models::Provider::AWS;
  std::string region;
  models::EndpointStatus status = models::EndpointStatus::ACTIVE;
};

struct ProjectSpec {
  SourceLocation where;
  std::string name;
  models::ProjectState state = models::ProjectState::ACTIVE;
  bool backupCompliancePolicy = false;
  std::optional<sim::Distribution> validationPhase;
  std::vector<KmsSpec> kms;
  std::vector<ClusterSpec> clusters;
  std::vector<EndpointSpec> endpoints;
};

// A `do: terraform_apply` / `do: terraform_destroy` step: a command of a Terraform client actor
// (models/clients/) and, for apply, its configuration (scenario/client_steps.cpp).
struct ClientStep {
  enum class Command { apply, destroy };
  Command command = Command::apply;
  std::string client = "terraform";  // `client:`: the actor's name (one Terraform state per name)
  SourceLocation client_where;
  models::clients::Configuration config;
  std::vector<SourceLocation> resource_where;   // per resource, the `- resource:` entry
  std::vector<std::vector<SourceLocation>> depends_where;  // per resource, each depends_on item
};

// What an expectation looks at.
struct Target {
  enum class Kind { project, kms, cluster, endpoint, alert, client, step };
  Kind kind = Kind::cluster;
  SourceLocation where;
  std::string project;  // filled with the only project when omitted
  models::Provider provider = models::Provider::NONE;  // kms block; endpoint by region: its cloud
  std::string cluster;
  std::string endpoint_label;  // endpoint: <label>
  std::string region;          // endpoint: {region: ..., provider: ...}
  std::string alert;           // eventTypeName
  std::string client;          // client: <name> (a Terraform client of the timeline)
  std::string step;            // step: a timeline step's id (how many times it ran)
  bool project_given = false;
};

// One `field: value` inside an expectation.
struct FieldCheck {
  // contains / not_contains / exactly: a client's error and warning texts (some diagnostic holds
  // the text / none does / one is exactly it).
  enum class Op { equals, not_equals, one_of, at_least, at_most, contains, not_contains, exactly };
  SourceLocation where;
  std::string field;
  Op op = Op::equals;
  std::vector<std::string> values;  // as text; JSON values compare by their text form
};

struct Expectation {
  enum class When { at, within, always };  // always: an invariant
  SourceLocation where;
  When when = When::at;
  sim::Time at;            // at:
  sim::Time from, to;      // within: [from, to]
  std::string name;        // invariants: optional `name:`
  Target target;
  std::vector<FieldCheck> checks;
};

// What a reactive step (`on:`) waits for: a record of the run that matches. FORMAT.md "Reactive steps".
struct Trigger {
  enum class Kind { notification, cleared, state, operation, step };
  Kind kind = Kind::notification;
  SourceLocation where;
  sim::RecordKind notification = sim::RecordKind::alert;  // notification: alert, email or event
  std::string eventTypeName;         // notification / cleared: the name written
  std::vector<std::string> closing;  // cleared: the notifications that clear it (models::alerts::cleared_by)
  std::string project;               // notification / cleared / operation: only this project's ("" = any)
  std::string action;                // operation: the action answered
  std::optional<std::string> code;   // operation / step: only this answer (OK or an Atlas error code)
  std::string step;                  // step: the `id:` of the step that completes
  std::optional<Expectation> state;          // state: the target and fields that must start to hold
};

// What a step expects Atlas to answer: `expect_error:` (a code, `any`, or a mapping of code,
// status, message, message_contains, params) or, for a request that must succeed,
// `expect_status:`. FORMAT.md "What a step expects Atlas to answer".
struct ExpectedAnswer {
  SourceLocation where;   // the expect_error / expect_status value
  bool refused = false;   // expect_error: given (the request must fail)
  std::string code;       // the errorCode; "" with refused: any code (`any`)
  bool detailed = false;  // the mapping form or expect_status: the verdict lists each field
  std::optional<int> status;                      // HTTP status
  std::optional<std::string> message;             // the exact detail text
  std::optional<std::string> message_contains;    // a part of the detail text
  std::optional<std::vector<std::string>> params; // the error's parameters, in order
};

// One timeline entry: at a time (absolute `at:` or `after:` the previous step) do one action; or,
// with `on:`, each time (or the first time) something happens, `after:` a delay.
struct Step {
  SourceLocation where;       // the `- at:` entry
  SourceLocation time_where;  // the at:/after: value
  bool relative = false;      // after: (relative to the previous step's time)
  sim::Distribution time;     // drawn from the seeded source when the run starts
  SourceLocation action_where;
  const models::ActionInfo* action = nullptr;  // the `do:` action's catalogue entry
  models::ActionRequest request;  // endpoint and snapshot labels are resolved to ids by the run
  std::string endpoint_label;     // `endpoint:` label, resolved to the live id at run time
  std::string label;              // `as:` on create_endpoint / take_snapshot: names the created thing
  ExpectedAnswer answer;          // expect_error / expect_status (default: any success)
  std::optional<sim::Distribution> for_;  // faults with an undo: the undo runs this long after
  SourceLocation for_where;
  std::string note;  // free text, shown as the field `note` of the step's verdict record in the trace
  std::map<std::string, SourceLocation> param_where;  // key -> value location (for run-time messages)
  std::string id;                     // `id:`: other steps' `on: {step: ID}` and expectations name it
  std::optional<Trigger> on;          // reactive step: `time` is the delay after the trigger
  bool every = false;                 // `repeat: every` (default once: the first trigger only)
  std::vector<Expectation> conditions;  // `if:`: all must hold when the reaction is due, else it is skipped
  std::string responder;              // a runbook step: the responder who performs it ("" = the scenario)
  std::optional<ClientStep> client;  // a client command instead of a catalogue action (then action is nullptr)
};

// A runbook: when its trigger happens, its responder works through the steps in order, each
// `after:` its delay from the previous one (the first from the acknowledgement).
struct Runbook {
  SourceLocation where;
  Trigger on;
  std::vector<Step> steps;
};

// Hours in which a responder acknowledges at once; outside them, at the next start (wall clock, UTC).
struct WorkingHours {
  int from_minute = 9 * 60, to_minute = 17 * 60;  // of the UTC day, from < to
  unsigned days = 0b0011111;                      // bit 0 = Monday ... bit 6 = Sunday
};

// `responders:`: a person or an automation that hears of alerts and works runbooks.
struct Responder {
  SourceLocation where;
  std::string name;
  sim::Distribution acknowledge;   // notified -> acknowledged
  sim::Distribution paging_delay;  // Atlas notification sent -> reaches the responder (pager, chat bot)
  std::optional<WorkingHours> hours;
  bool parallel = false;           // busy: parallel (works runbooks at once) or queue (default: one at a time)
  std::vector<Runbook> runbooks;
};

struct Scenario {
  std::string file;  // label used in messages
  int version = 1;
  std::string name;
  std::string description;
  std::uint64_t seed = 0;
  sim::Duration horizon;
  sim::WallClock clock;  // `start:`: the UTC instant time zero stands for (default sim::kDefaultStartUnixMs)
  models::Settings settings;  // the model's defaults, overridden by `settings:`
  std::vector<std::pair<std::string, SourceLocation>> settings_given;
  std::vector<ProjectSpec> projects;  // `projects:`, then those a `fleet:` generates
  std::vector<IncidentSpec> incidents;  // `fleet: incidents:`
  std::vector<Step> steps;
  std::vector<Responder> responders;
  std::vector<Expectation> expectations;  // expect:
  std::vector<Expectation> invariants;    // invariants:
};

// Cross-reference checks and defaults that need the whole file (check.cpp): names exist and are
// unique, times fit the horizon, endpoints only for AWS/Azure, labels defined before use, the
// only project filled in where omitted. Throws InputError.
void check(Scenario& s);

// Why a region name is not one of the cloud's Atlas region names (with a did-you-mean), or ""
// when it is. Provider::NONE: a region of any cloud.
std::string region_problem(models::Provider cloud, std::string_view regionName);

}  // namespace scenario
