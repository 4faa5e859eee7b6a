// TerraformClient: the command flow of terraform apply / destroy (refresh, plan, a dependency
// graph walked with independent resources side by side) and the client's records. The resources'
// own requests are in terraform_ear.cpp and terraform_endpoint.cpp.
#include "models/clients/terraform.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "models/causes.h"
#include "models/clients/go_text.h"

namespace models::clients {

bool CommandOutcome::has_error() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.error; });
}

TerraformClient::TerraformClient(World& world, std::string name) : world_(world), name_(std::move(name)) {}

std::map<std::string, std::string> TerraformClient::state_ids() const {
  std::map<std::string, std::string> out;
  for (const auto& [address, e] : state_) out[address] = e.id;
  return out;
}

void TerraformClient::apply(Configuration config, std::function<void()> done) {
  config_ = std::move(config);
  start(std::string(causes::kClientApply), {}, std::move(done));
  if (!last_->finished) plan_apply();
}

void TerraformClient::destroy(std::function<void()> done) {
  config_ = {};
  start(std::string(causes::kClientDestroy), {}, std::move(done));
  if (!last_->finished) plan_apply();  // an empty configuration: every resource in the state goes
}

// Opens the command's outcome and refreshes the state (Terraform refreshes before it plans); a
// refresh error ends the command at once.
void TerraformClient::start(std::string command, std::vector<Job> jobs, std::function<void()> done) {
  if (running()) throw std::logic_error(fmt::format("terraform client '{}' is still running {}", name_, last_->command));
  last_ = CommandOutcome{std::move(command), world_.simulation().now(), std::nullopt, {}};
  jobs_ = std::move(jobs);
  done_ = std::move(done);
  const bool apply = last_->command == causes::kClientApply;
  note(last_->command, {{"resources", std::to_string(apply ? config_.resources.size() : state_.size())}});
  refresh_all();
  if (last_->has_error()) finish();
}

// terraform plan's refresh: each resource's Read, in address order.
void TerraformClient::refresh_all() {
  std::vector<std::string> addresses;
  for (const auto& [address, e] : state_) addresses.push_back(address);
  for (const std::string& address : addresses) {
    Entry& e = state_.at(address);
    if (e.config.type == ResourceType::encryption_at_rest) ear_read(e.config);
    else endpoint_read(e);
  }
}

// The jobs that make the state match config_: create, update, replace, delete, with their order.
void TerraformClient::plan_apply() {
  std::map<std::string, std::size_t> applyJob, removeJob;  // address -> job
  for (const ResourceConfig& rc : config_.resources) {
    auto it = state_.find(rc.address());
    Op op = Op::create;
    if (it != state_.end()) {
      if (it->second.tainted) op = Op::replace;
      else if (rc.type == ResourceType::encryption_at_rest && it->second.config.blocks != rc.blocks) op = Op::update;
      else if (rc.type == ResourceType::encryption_at_rest_private_endpoint &&
               (it->second.config.cloud != rc.cloud || it->second.config.region != rc.region)) op = Op::replace;  // ForceNew
      else {
        it->second.config = rc;  // timeouts and delete_on_create_timeout live in the state only
        continue;
      }
    }
    applyJob[rc.address()] = jobs_.size();
    jobs_.push_back(Job{rc.address(), op, {}});
  }
  for (const auto& entry : state_) {
    const std::string& address = entry.first;  // a named reference: clang 14 cannot capture a structured binding
    const bool configured = std::any_of(config_.resources.begin(), config_.resources.end(),
                                        [&](const ResourceConfig& rc) { return rc.address() == address; });
    if (configured) continue;
    removeJob[address] = jobs_.size();
    jobs_.push_back(Job{address, Op::remove, {}});
  }
  // A resource is created after what it depends on; deleted before what it depends on.
  for (const ResourceConfig& rc : config_.resources)
    if (auto j = applyJob.find(rc.address()); j != applyJob.end())
      for (const std::string& dep : rc.dependsOn)
        if (auto d = applyJob.find(dep); d != applyJob.end()) jobs_[j->second].after.push_back(d->second);
  for (const auto& [address, e] : state_)
    if (auto j = removeJob.find(address); j != removeJob.end())
      for (const std::string& dep : e.config.dependsOn)
        if (auto d = removeJob.find(dep); d != removeJob.end()) jobs_[d->second].after.push_back(j->second);
  run_ready_jobs();
}

// Starts every job whose predecessors succeeded, skips those with one that did not, and finishes
// the command when nothing runs any more. A job may end at once (inside run_job), so a call made
// meanwhile only asks for another pass.
void TerraformClient::run_ready_jobs() {
  using S = Job::Status;
  if (walking_) {
    again_ = true;
    return;
  }
  walking_ = true;
  do {
    again_ = false;
    for (std::size_t i = 0; i < jobs_.size(); ++i) {
      if (jobs_[i].status != S::waiting) continue;
      bool ready = true, blocked = false;
      for (std::size_t a : jobs_[i].after) {
        ready = ready && jobs_[a].status == S::ok;
        blocked = blocked || jobs_[a].status == S::failed || jobs_[a].status == S::skipped;
      }
      if (blocked) {
        jobs_[i].status = S::skipped;
        again_ = true;
      } else if (ready) {
        jobs_[i].status = S::running;
        run_job(i);
      }
    }
  } while (again_);
  walking_ = false;
  const bool busy = std::any_of(jobs_.begin(), jobs_.end(), [](const Job& j) { return j.status == S::running || j.status == S::waiting; });
  if (!busy && last_ && !last_->finished) finish();
}

void TerraformClient::run_job(std::size_t i) {
  const Job job = jobs_[i];
  auto done = [this, i](bool ok) { job_done(i, ok); };
  static constexpr std::string_view kOpNames[] = {"create", "update", "delete", "replace"};
  note(kOpNames[static_cast<int>(job.op)], {{"resource", job.address}});
  const ResourceConfig* configured = nullptr;
  for (const ResourceConfig& rc : config_.resources)
    if (rc.address() == job.address) configured = &rc;
  auto create = [this, done](const ResourceConfig& rc) {
    if (rc.type == ResourceType::encryption_at_rest) ear_create(rc, done);
    else endpoint_create(rc, done);
  };
  if (job.op == Op::create) return create(*configured);
  const Entry entry = state_.at(job.address);
  if (job.op == Op::update) return ear_update(entry.config, *configured, done);
  auto removed = [this, i, job, create, configured](bool ok) {
    if (ok) state_.erase(job.address);
    if (ok && job.op == Op::replace) return create(*configured);
    job_done(i, ok);
  };
  if (entry.config.type == ResourceType::encryption_at_rest) ear_delete(entry.config, removed);
  else endpoint_delete(entry, removed);
}

void TerraformClient::job_done(std::size_t i, bool ok) {
  jobs_[i].status = ok ? Job::Status::ok : Job::Status::failed;
  run_ready_jobs();
}

void TerraformClient::finish() {
  last_->finished = world_.simulation().now();
  std::size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : last_->diagnostics) (d.error ? errors : warnings)++;
  note(causes::kClientDone, {{"outcome", errors ? "error" : "success"}, {"errors", std::to_string(errors)}, {"warnings", std::to_string(warnings)},
                {"took", go_duration(*last_->finished - last_->started)}});
  jobs_.clear();
  if (auto done = std::move(done_)) done();
}

// ---- requests and records ----

Outcome TerraformClient::send(ActionRequest rq) {
  rq.client = entity();
  const Outcome o = world_.perform(rq);
  if (requestObserver_) requestObserver_(rq, o);
  return o;
}

void TerraformClient::note(std::string_view cause, std::vector<std::pair<std::string, std::string>> fields) {
  sim::Simulation& sim = world_.simulation();
  if (!sim.observed()) return;
  sim::Record r;
  r.at = sim.now();
  r.kind = sim::RecordKind::client;
  r.entity = entity();
  r.cause = std::string(cause);
  r.fields = std::move(fields);
  sim.record(r);
}

void TerraformClient::diagnose(bool error, const std::string& address, std::string summary, std::string detail) {
  std::string shown = detail;  // one line in the timeline: errors.Join's lines separated by " | "
  for (std::size_t p = shown.find('\n'); p != std::string::npos; p = shown.find('\n', p)) shown.replace(p, 1, " | ");
  note(error ? "error" : "warning", {{"resource", address}, {"summary", summary}, {"detail", shown}});
  last_->diagnostics.push_back(Diagnostic{error, address, std::move(summary), std::move(detail)});
}

ReadingNote TerraformClient::poll_note(const std::string& address, const std::string& what) {
  // A record when the reading changes (the first, a new state, an error, the last); every GET is
  // an operation record of its own anyway.
  auto last = std::make_shared<std::string>();
  return [this, address, what, last](int n, const Reading& r, std::optional<sim::Duration> next) {
    const std::string seen = r.error ? "error" : r.state;
    if (n > 1 && seen == *last && next) return;
    *last = seen;
    std::vector<std::pair<std::string, std::string>> f = {{"resource", address}, {"wait", what}, {"poll", std::to_string(n)}, {"state", seen}};
    if (next) f.emplace_back("next", go_duration(*next));
    note("poll", std::move(f));
  };
}

std::string TerraformClient::project_path(const std::string& project) const {
  const auto p = world_.find_project(project);
  return "/groups/" + (p ? world_.project(*p).id.str() : project);
}

sim::Duration TerraformClient::timeout_or_default(const std::optional<sim::Duration>& t) const {
  return t.value_or(world_.settings().tf_default_timeout);  // TF cleanup.ResolveTimeout, constant.DefaultTimeout
}

}  // namespace models::clients
