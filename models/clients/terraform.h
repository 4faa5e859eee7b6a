// TerraformClient: `terraform apply` and `terraform destroy` of the MongoDB Atlas provider as an
// actor in the simulation (spec §7). It talks to the world only as an HTTP client would: every
// request is a World::perform of a catalogue action (models/actions.cpp), with its own name in
// ActionRequest::client, and it reads only what those requests answer (status codes, error codes
// and texts, response bodies). It keeps a Terraform state of its own (addresses and ids) and
// schedules its polls and retries on the simulation's clock. Its progress is recorded as
// Records of kind `client` under "terraform/<name>"; its requests as ordinary operations.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/clients/state_wait.h"
#include "models/clients/terraform_config.h"
#include "models/world.h"

namespace models::clients {

// One diagnostic as Terraform prints it: a summary and a detail (lines joined by '\n', as Go's
// errors.Join writes them).
struct Diagnostic {
  bool error = true;
  std::string address;  // the resource it is about
  std::string summary, detail;
  std::string text() const { return summary + ": " + detail; }
};

// How the last command went.
struct CommandOutcome {
  std::string command;  // "apply" | "destroy"
  sim::Time started;
  std::optional<sim::Time> finished;  // nullopt: still running
  std::vector<Diagnostic> diagnostics;
  bool has_error() const;
};

class TerraformClient {
 public:
  TerraformClient(World& world, std::string name);
  TerraformClient(const TerraformClient&) = delete;
  TerraformClient& operator=(const TerraformClient&) = delete;

  // terraform apply: refresh every resource in the state (stop on an error), then create, update,
  // replace (tainted) or delete (no longer configured) to match `config`; a resource waits for the
  // ones it depends on, independent ones run side by side; a failed one skips its dependents.
  // `done` runs when it finishes. Throws std::logic_error when a command is still running.
  void apply(Configuration config, std::function<void()> done = {});
  // terraform destroy: refresh, then delete every resource in the state, dependents first.
  void destroy(std::function<void()> done = {});

  const std::string& name() const { return name_; }
  std::string entity() const { return "terraform/" + name_; }
  const std::optional<CommandOutcome>& last() const { return last_; }
  bool running() const { return last_ && !last_->finished; }
  // Called with every request the client sends and the answer it got (a test watching what the
  // client does, in the same typed terms as a scenario step).
  void observe_requests(std::function<void(const ActionRequest&, const Outcome&)> f) { requestObserver_ = std::move(f); }
  // Addresses in the state, with the endpoint id for private endpoints ("" for the others).
  std::map<std::string, std::string> state_ids() const;

 private:
  struct Entry {  // one resource in the Terraform state
    ResourceConfig config;
    std::string id;        // private endpoint id
    bool tainted = false;  // created with an error (FAILED): replaced by the next apply
  };
  enum class Op { create, update, remove, replace };
  struct Job {
    std::string address;
    Op op;
    std::vector<std::size_t> after;  // jobs that must succeed first
    enum class Status { waiting, running, ok, failed, skipped } status = Status::waiting;
  };
  using Done = std::function<void(bool ok)>;

  void start(std::string command, std::vector<Job> jobs, std::function<void()> done);
  void refresh_all();
  void plan_apply();
  void run_ready_jobs();
  void run_job(std::size_t i);
  void job_done(std::size_t i, bool ok);
  void finish();

  // encryption at rest (terraform_ear.cpp)
  void ear_create(const ResourceConfig& rc, Done done);
  void ear_update(const ResourceConfig& before, const ResourceConfig& after, Done done);
  void ear_delete(const ResourceConfig& rc, Done done);
  bool ear_read(const ResourceConfig& rc);  // false: an error diagnostic
  // private endpoints (terraform_endpoint.cpp)
  void endpoint_create(const ResourceConfig& rc, Done done);
  void endpoint_delete(const Entry& e, Done done);
  bool endpoint_read(Entry& e);  // false: an error diagnostic; a 404 drops it from the state
  void endpoint_created(const ResourceConfig& rc, const std::string& id, const WaitEnd& end, Done done);
  void endpoint_diagnostics(const std::string& address, const Outcome& read);
  Reading read_endpoint(const ResourceConfig& rc, const std::string& id, Outcome* answer = nullptr);

  // requests and records
  Outcome send(ActionRequest rq);
  void note(std::string_view cause, std::vector<std::pair<std::string, std::string>> fields);
  void diagnose(bool error, const std::string& address, std::string summary, std::string detail);
  ReadingNote poll_note(const std::string& address, const std::string& what);
  std::string project_path(const std::string& project) const;  // "/groups/{id}"
  sim::Duration timeout_or_default(const std::optional<sim::Duration>& t) const;

  World& world_;
  std::string name_;
  std::map<std::string, Entry> state_;  // by address
  Configuration config_;                // the configuration being applied
  std::vector<Job> jobs_;
  std::optional<CommandOutcome> last_;
  std::function<void()> done_;
  std::function<void(const ActionRequest&, const Outcome&)> requestObserver_;
  bool walking_ = false, again_ = false;  // run_ready_jobs re-entered from a job that ended at once
};

}  // namespace models::clients
