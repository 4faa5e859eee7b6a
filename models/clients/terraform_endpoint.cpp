// mongodbatlas_encryption_at_rest_private_endpoint as the provider drives it (TF
// internal/service/encryptionatrestprivateendpoint/resource.go and state_transition.go,
// internal/common/cleanup/handle_timeout.go; spec §7 "Create wait" ... "Read / update").
#include <memory>

#include <fmt/format.h>

#include "models/clients/go_text.h"
#include "models/clients/terraform.h"

namespace models::clients {

namespace {

// resource.go constants.
constexpr std::string_view kFailedSummary = "Private endpoint is in a failed status";
constexpr std::string_view kErrorMessageSummary = "Something went wrong. Please review the `status` field of this resource";
constexpr std::string_view kPendingAcceptanceSummary = "Private endpoint may be in PENDING_ACCEPTANCE status";
constexpr std::string_view kPendingAcceptanceDetail =
    "Please ensure to approve the private endpoint connection. If recently approved or deleted the endpoint, please ignore this "
    "warning & wait for a few minutes for the status to update.";
// cleanup.HandleCreateTimeout's joined lines.
constexpr std::string_view kCleanupWillRun =
    "will run cleanup because delete_on_create_timeout is true. If you suspect a transient error, wait before retrying to allow "
    "resource deletion to finish";
constexpr std::string_view kCleanupWontRun = "cleanup won't be run because delete_on_create_timeout is false";

std::string endpoints_path(const std::string& projectPath, Provider cloud) {
  return fmt::format("{}/encryptionAtRest/{}/privateEndpoints", projectPath, provider_name(cloud));
}

ActionRequest endpoint_request(std::string_view action, const ResourceConfig& rc, const std::string& id) {
  ActionRequest rq;
  rq.name = std::string(action);
  rq.project = rc.project;
  rq.provider = rc.cloud;
  rq.endpoint = id;
  return rq;
}

}  // namespace

// The wait's refresh (state_transition.go refreshFunc): GET; 404 -> "DELETED"; another error ends
// the wait; else the status.
Reading TerraformClient::read_endpoint(const ResourceConfig& rc, const std::string& id, Outcome* answer) {
  const Outcome o = send(endpoint_request("get_endpoint", rc, id));
  if (answer) *answer = o;
  if (o.httpStatus() == 404) return Reading{"DELETED", std::nullopt};
  if (!o.ok()) return Reading{"", sdk_error_text("GET", endpoints_path(project_path(rc.project), rc.cloud) + "/" + id, o)};
  const std::string* status = o.body_field("status");
  return Reading{status ? *status : std::string(), std::nullopt};
}

// Create: POST, then wait (pending INITIATING; target PENDING_ACCEPTANCE, ACTIVE, FAILED; the
// timeouts block's create, default 3 h; MinTimeout 30 s).
void TerraformClient::endpoint_create(const ResourceConfig& rc, Done done) {
  ActionRequest post = endpoint_request("create_endpoint", rc, "");
  post.region = rc.region;
  const Outcome o = send(post);
  if (!o.ok()) {
    diagnose(true, rc.address(), "error creating resource", sdk_error_text("POST", endpoints_path(project_path(rc.project), rc.cloud), o));
    return done(false);
  }
  const std::string id = o.createdId();
  auto last = std::make_shared<Outcome>();
  WaitConf conf{{"INITIATING"}, {"PENDING_ACCEPTANCE", "ACTIVE", "FAILED"}, timeout_or_default(rc.createTimeout), world_.settings().tf_poll_min_timeout};
  wait_for_state(world_.simulation(), conf, [this, rc, id, last] { return read_endpoint(rc, id, last.get()); }, poll_note(rc.address(), "create"),
                 [this, rc, id, last, done](const WaitEnd& end) {
                   if (end.kind == WaitEnd::Kind::reached) {
                     const bool failed = end.state == "FAILED";
                     state_[rc.address()] = Entry{rc, id, failed};  // saved before the diagnostics: FAILED is tainted
                     endpoint_diagnostics(rc.address(), *last);
                     return done(!failed);
                   }
                   endpoint_created(rc, id, end, done);
                 });
}

// The create wait did not reach a target: cleanup.HandleCreateTimeout on a timeout (one DELETE,
// no wait; 404 counts as done), the wait's own error otherwise. Nothing is saved in the state.
void TerraformClient::endpoint_created(const ResourceConfig& rc, const std::string& id, const WaitEnd& end, Done done) {
  std::string detail = end.message;
  if (end.kind == WaitEnd::Kind::timeout && !rc.deleteOnCreateTimeout) detail += "\n" + std::string(kCleanupWontRun);
  if (end.kind == WaitEnd::Kind::timeout && rc.deleteOnCreateTimeout) {
    detail += "\n" + std::string(kCleanupWillRun);
    note("cleanup", {{"resource", rc.address()}, {"id", id}});
    const Outcome d = send(endpoint_request("delete_endpoint", rc, id));
    if (!d.ok() && d.httpStatus() != 404)
      detail += "\ncleanup failed: " + sdk_error_text("DELETE", endpoints_path(project_path(rc.project), rc.cloud) + "/" + id, d);
  }
  diagnose(true, rc.address(), "error when waiting for status transition in creation", detail);
  done(false);
}

// CheckErrorMessageAndStatus: FAILED is an error; else a non-empty errorMessage, else
// PENDING_ACCEPTANCE, is a warning.
void TerraformClient::endpoint_diagnostics(const std::string& address, const Outcome& read) {
  const std::string* status = read.body_field("status");
  const std::string* message = read.body_field("errorMessage");
  const std::string errorMessage = message ? *message : std::string();
  if (status && *status == "FAILED") diagnose(true, address, std::string(kFailedSummary), errorMessage);
  else if (!errorMessage.empty()) diagnose(false, address, std::string(kErrorMessageSummary), errorMessage);
  else if (status && *status == "PENDING_ACCEPTANCE")
    diagnose(false, address, std::string(kPendingAcceptanceSummary), std::string(kPendingAcceptanceDetail));
}

// Delete: DELETE, then wait (pending DELETING; target DELETED (404), FAILED; timeouts.delete).
void TerraformClient::endpoint_delete(const Entry& e, Done done) {
  const ResourceConfig rc = e.config;
  const std::string id = e.id;
  const std::string path = endpoints_path(project_path(rc.project), rc.cloud) + "/" + id;
  if (const Outcome o = send(endpoint_request("delete_endpoint", rc, id)); !o.ok()) {
    diagnose(true, rc.address(), "error deleting resource", sdk_error_text("DELETE", path, o));
    return done(false);
  }
  auto last = std::make_shared<Outcome>();
  WaitConf conf{{"DELETING"}, {"DELETED", "FAILED"}, timeout_or_default(rc.deleteTimeout), world_.settings().tf_poll_min_timeout};
  wait_for_state(world_.simulation(), conf, [this, rc, id, last] { return read_endpoint(rc, id, last.get()); }, poll_note(rc.address(), "delete"),
                 [this, rc, last, done](const WaitEnd& end) {
                   if (end.kind != WaitEnd::Kind::reached) {
                     diagnose(true, rc.address(), "error when waiting for status transition in delete", end.message);
                     return done(false);
                   }
                   if (end.state == "DELETED") return done(true);  // an empty model: no diagnostics
                   endpoint_diagnostics(rc.address(), *last);
                   done(false);
                 });
}

// Read (refresh): GET; 404 drops it from the state; another error fails at once ("error fetching
// resource"); then the same diagnostics as after a create.
bool TerraformClient::endpoint_read(Entry& e) {
  const std::string address = e.config.address();
  Outcome answer;
  const Reading r = read_endpoint(e.config, e.id, &answer);
  if (r.error) {
    diagnose(true, address, "error fetching resource", *r.error);
    return false;
  }
  if (r.state == "DELETED") {
    state_.erase(address);
    note("gone", {{"resource", address}});
    return true;
  }
  const std::size_t errorsBefore = last_->diagnostics.size();
  endpoint_diagnostics(address, answer);
  for (std::size_t i = errorsBefore; i < last_->diagnostics.size(); ++i)
    if (last_->diagnostics[i].error) return false;
  return true;
}

}  // namespace models::clients
