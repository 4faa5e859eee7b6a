// mongodbatlas_encryption_at_rest as the provider drives it (TF
// internal/service/encryptionatrest/resource.go; spec §7 "EAR create", "EAR update / delete").
// The model takes the provider's one PATCH of several blocks as one request per block (World has
// one PATCH action per block), in the configuration's order; the first refusal is the answer.
#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "models/clients/go_text.h"
#include "models/clients/terraform.h"

namespace models::clients {

namespace {

// The codes the create's refresh function retries on (resource.go
// ResourceMongoDBAtlasEncryptionAtRestCreateRefreshFunc: strings.Contains on the error text).
bool role_not_ready(const std::string& errorText) {
  for (const char* code : {"CANNOT_ASSUME_ROLE", "INVALID_AWS_CREDENTIALS", "CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED"})
    if (errorText.find(code) != std::string::npos) return true;
  return false;
}

ActionRequest block_request(std::string_view action, const ResourceConfig& rc, const KmsBlockConfig& b) {
  ActionRequest rq;
  rq.name = std::string(action);
  rq.project = rc.project;
  rq.provider = b.provider;
  return rq;
}

ActionRequest enable_request(const ResourceConfig& rc, const KmsBlockConfig& b) {
  ActionRequest rq = block_request("enable_cmk", rc, b);
  rq.region = b.region;
  if (b.requirePrivateNetworking) rq.params["require_private_networking"] = true;
  if (!b.keyId.empty()) rq.params["key_id"] = b.keyId;
  return rq;
}

}  // namespace

// Create: the PATCH is the SDK wait's refresh function, pending PENDING, target COMPLETED/ERROR,
// Timeout 3 min, MinTimeout 5 s: PATCHes at 0, 5, 15, 25 ... 175 s while the error names a role
// code; another error fails at once; at the end only the timeout text with last state 'PENDING'.
void TerraformClient::ear_create(const ResourceConfig& rc, Done done) {
  const std::string path = project_path(rc.project) + "/encryptionAtRest";
  auto accepted = std::make_shared<std::vector<bool>>(rc.blocks.size(), false);
  auto lastCode = std::make_shared<std::string>();
  auto patch = [this, rc, path, accepted, lastCode]() -> Reading {
    for (std::size_t i = 0; i < rc.blocks.size(); ++i) {
      if ((*accepted)[i]) continue;  // the model's per-block PATCH: a block it took is not sent again
      const Outcome o = send(enable_request(rc, rc.blocks[i]));
      if (o.ok()) {
        (*accepted)[i] = true;
        continue;
      }
      const std::string text = sdk_error_text("PATCH", path, o);
      *lastCode = o.code();
      if (role_not_ready(text)) return Reading{"PENDING", std::nullopt};
      return Reading{"ERROR", text};
    }
    return Reading{"COMPLETED", std::nullopt};
  };
  auto retries = [this, address = rc.address(), lastCode](int n, const Reading& r, std::optional<sim::Duration> next) {
    if (r.state == "PENDING" && next) note("retry", {{"resource", address}, {"attempt", std::to_string(n)}, {"code", *lastCode}, {"next", go_duration(*next)}});
  };
  const Settings& s = world_.settings();
  WaitConf conf{{"PENDING"}, {"COMPLETED", "ERROR"}, s.tf_ear_retry_window, s.tf_ear_retry_min_timeout};
  wait_for_state(world_.simulation(), conf, patch, retries, [this, rc, done](const WaitEnd& end) {
    if (end.kind == WaitEnd::Kind::reached) {
      state_[rc.address()] = Entry{rc, "", false};
      return done(true);
    }
    const std::string projectId = project_path(rc.project).substr(8);
    diagnose(true, rc.address(), fmt::format("error creating Encryption At Rest: {}", projectId), end.message);
    done(false);
  });
}

// Update: GET, then a PATCH of the changed blocks only (resource.go Update, NewAtlasEncryptionAtRest).
void TerraformClient::ear_update(const ResourceConfig& before, const ResourceConfig& after, Done done) {
  const std::string path = project_path(after.project) + "/encryptionAtRest";
  const std::string projectId = project_path(after.project).substr(8);
  ActionRequest get;
  get.name = "get_encryption_at_rest";
  get.project = after.project;
  if (const Outcome o = send(get); !o.ok()) {
    diagnose(true, after.address(), "error when getting encryption at rest resource during update",
             fmt::format("error getting project ({}): {}", projectId, sdk_error_text("GET", path, o)));
    return done(false);
  }
  std::vector<ActionRequest> patches;
  for (const KmsBlockConfig& b : after.blocks) {
    const KmsBlockConfig* old = nullptr;
    for (const KmsBlockConfig& x : before.blocks)
      if (x.provider == b.provider) old = &x;
    if (!old) patches.push_back(enable_request(after, b));
    if (!old || *old == b) continue;
    if (old->requirePrivateNetworking != b.requirePrivateNetworking) {
      ActionRequest rq = block_request("set_require_private_networking", after, b);
      rq.params["value"] = b.requirePrivateNetworking;
      patches.push_back(rq);
    }
    if (old->keyId != b.keyId) {
      ActionRequest rq = block_request("rotate_key", after, b);
      if (!b.keyId.empty()) rq.params["key_id"] = b.keyId;
      patches.push_back(rq);
    }
  }
  for (const KmsBlockConfig& x : before.blocks)
    if (std::none_of(after.blocks.begin(), after.blocks.end(), [&](const KmsBlockConfig& b) { return b.provider == x.provider; }))
      patches.push_back(block_request("disable_cmk", after, x));
  for (const ActionRequest& rq : patches)
    if (const Outcome o = send(rq); !o.ok()) {
      diagnose(true, after.address(), "error updating encryption at rest", "error updating Encryption At Rest: " + sdk_error_text("PATCH", path, o));
      return done(false);
    }
  state_[after.address()] = Entry{after, "", false};
  done(true);
}

// Delete: GET, then one PATCH turning all blocks off (resource.go Delete: AwsKms, AzureKeyVault and
// GoogleCloudKms {enabled: false}); here the configured blocks, one request each.
void TerraformClient::ear_delete(const ResourceConfig& rc, Done done) {
  const std::string path = project_path(rc.project) + "/encryptionAtRest";
  const std::string projectId = project_path(rc.project).substr(8);
  auto refused = [&](std::string_view method, const Outcome& o) {
    diagnose(true, rc.address(), "error when destroying resource",
             fmt::format("error deleting Encryption At Rest: ({}): {}", projectId, sdk_error_text(method, path, o)));
    done(false);
  };
  ActionRequest get;
  get.name = "get_encryption_at_rest";
  get.project = rc.project;
  if (const Outcome o = send(get); !o.ok()) return refused("GET", o);
  for (const KmsBlockConfig& b : rc.blocks)
    if (const Outcome o = send(block_request("disable_cmk", rc, b)); !o.ok()) return refused("PATCH", o);
  done(true);
}

// Read (refresh): GET; 404 drops the resource, another error fails at once.
bool TerraformClient::ear_read(const ResourceConfig& rc) {
  ActionRequest get;
  get.name = "get_encryption_at_rest";
  get.project = rc.project;
  const Outcome o = send(get);
  if (o.ok()) return true;
  if (o.httpStatus() == 404) {
    state_.erase(rc.address());
    note("gone", {{"resource", rc.address()}});
    return true;
  }
  diagnose(true, rc.address(), "error when getting encryption at rest resource during read",
           "error getting Encryption At Rest: " + sdk_error_text("GET", project_path(rc.project) + "/encryptionAtRest", o));
  return false;
}

}  // namespace models::clients
