#include "models/settings.h"

#include <charconv>
#include <cmath>
#include <functional>
#include <variant>

#include <fmt/format.h>

#include "sim/duration_text.h"

namespace models {

namespace {

using DurationField = sim::Duration Settings::*;
using DistributionField = sim::Distribution Settings::*;
using BoolField = bool Settings::*;
using DoubleField = double Settings::*;
using IntField = std::int64_t Settings::*;
struct EnumField {
  std::function<std::string_view(const Settings&)> get;
  std::function<bool(Settings&, std::string_view)> set;  // false: not a value of the enum
};
using Field = std::variant<DurationField, DistributionField, BoolField, DoubleField, IntField, EnumField>;

struct Entry {
  SettingInfo info;
  Field field;
};

// An enum setting read and written through its table of names (settings.h).
template <class E, std::size_t N>
EnumField enum_field(E Settings::*m, const sim::EnumNames<E, N>& names) {
  return EnumField{[m, &names](const Settings& s) { return names.name(s.*m); },
                   [m, &names](Settings& s, std::string_view text) {
                     const std::optional<E> v = names.parse(text);
                     if (v) s.*m = *v;
                     return v.has_value();
                   }};
}

std::string trim(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  return std::string(t);
}

std::string text_of(const Settings& s, const Entry& e);

const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = [] {
    std::vector<Entry> v;
    auto dur = [&](std::string_view n, DurationField f, std::string_view d) {
      v.push_back({{n, SettingKind::duration, d, "", {}}, f});
    };
    auto dist = [&](std::string_view n, DistributionField f, std::string_view d) {
      v.push_back({{n, SettingKind::distribution, d, "", {}}, f});
    };
    auto boolean = [&](std::string_view n, BoolField f, std::string_view d) {
      v.push_back({{n, SettingKind::boolean, d, "", {}}, f});
    };
    auto prob = [&](std::string_view n, DoubleField f, std::string_view d) {
      v.push_back({{n, SettingKind::probability, d, "", {}}, f});
    };
    auto integer = [&](std::string_view n, IntField f, std::string_view d) {
      v.push_back({{n, SettingKind::integer, d, "", {}}, f});
    };
    auto enumeration = [&]<class E, std::size_t N>(std::string_view n, E Settings::*f, const sim::EnumNames<E, N>& names,
                                                   std::string_view d) {
      const auto allowed = names.names();
      v.push_back({{n, SettingKind::enumeration, d, "", {allowed.begin(), allowed.end()}}, enum_field(f, names)});
    };
    using S = Settings;
    dur("validation_interval", &S::validation_interval, "KMS validation period; 15m (seed 003 §'Validate your KMS Configuration')");
    dur("validation_phase_offset", &S::validation_phase_offset, "offset of each project's first scheduled check; 0 (spec §4 tick phase, undocumented)");
    enumeration("validation_phase", &S::validation_phase, kValidationPhaseNames, "fixed: every project at validation_phase_offset; random: uniform in [0, interval) per project (spec §4)");
    boolean("validation_on_get", &S::validation_on_get, "GET encryptionAtRest runs an on-demand validation; true (seed 003 'On-demand with the API endpoint')");
    boolean("shutdown_on_unscheduled_check", &S::shutdown_on_unscheduled_check, "invalid key found by an on-demand check shuts clusters down too; false (seed 003 'next scheduled validity check')");
    enumeration("valid_when_unreachable", &S::valid_when_unreachable, kValidWhenUnreachableNames, "valid flag while KMS unreachable; unchanged (spec §5, undocumented)");
    dist("restart_duration", &S::restart_duration, "mongod/mongos restart; 5m (spec §4, undocumented, 1-20m)");
    dist("initial_sync", &S::initial_sync, "initial sync on encryptionAtRestProvider change; 30m (spec §4, 10m-24h)");
    dist("resize_duration", &S::resize_duration, "tier/disk change applying; 10m (undocumented)");
    dist("cluster_create_duration", &S::cluster_create_duration, "new cluster CREATING -> IDLE; 10m (undocumented)");
    dist("add_nodes_duration", &S::add_nodes_duration, "nodes added by add_cluster_regions join (UPDATING); 10m (seed 004 silent on timing) [inferred]");
    enumeration("restart_scope", &S::restart_scope, kRestartScopeNames, "restart during KMS outage takes down the restarted node(s) or the whole cluster; node (seed 003, DOCS security-aws-kms)");
    integer("nodes_per_region", &S::nodes_per_region, "nodes per region of a new cluster; 3 (replica set)");
    dur("pause_auto_resume_after", &S::pause_auto_resume_after, "paused clusters auto-resume; 30d (DOCS pause-terminate-cluster)");
    dur("pause_min_running", &S::pause_min_running, "running time after resume before next pause; 60m (DOCS pause-terminate-cluster)");
    enumeration("auto_resume_with_invalid_key", &S::auto_resume_with_invalid_key, kAutoResumeWithInvalidKeyNames, "auto-resume while key invalid; disabled_ear (spec §5, undocumented)");
    dist("migration_delay", &S::migration_delay, "CMK clusters move to the private path after first ACTIVE endpoint; 0 (spec §4, 0-30m)");
    dist("multicloud_disable_delay", &S::multicloud_disable_delay, "Azure PN on -> multi-cloud clusters disabled; 0 (spec §4, 0-15m)");
    enumeration("azure_revocation_effect", &S::azure_revocation_effect, kAzureRevocationEffectNames, "Azure key-access revocation pauses clusters (seed 004) or shuts them down (seed 003 generic); pause");
    enumeration("revocation_pause_timing", &S::revocation_pause_timing, kRevocationPauseTimingNames, "when the revocation pause happens (spec §4 T_revoke_pause); next_tick");
    boolean("azure_ip_list_blocks_pause", &S::azure_ip_list_blocks_pause, "honour a vault IP list blocking the control plane: no pause (spec §8.2); false");
    dist("t_reflect", &S::t_reflect, "approval -> ACTIVE visible; uniform(0s, 3m) cap 3m (seed 004 'up to three minutes')");
    dist("t_az_prov", &S::t_az_prov, "Azure INITIATING -> PENDING_ACCEPTANCE; lognormal(median 1m, p99 3m) cap 3m (spec §4: 1m, 0.5-3m; CIREP)");
    dist("t_aws_prov", &S::t_aws_prov, "AWS INITIATING -> ACTIVE; lognormal(median 3m, p99 25m) cap 27m (spec §4, CIREP)");
    dur("t_aws_prov_min", &S::t_aws_prov_min, "shortest AWS INITIATING -> ACTIVE, a floor under t_aws_prov; 1m (spec §4 range 1-25m, CIREP) [inferred]");
    dist("t_delete", &S::t_delete, "DELETING -> gone; lognormal(median 2m, p99 10m) (spec §4, TF ab237ab5d)");
    dist("t_recreate", &S::t_recreate, "PENDING_RECREATION -> replacement INITIATING; 1m (spec §4, PR #2544)");
    dist("t_iam", &S::t_iam, "IAM role propagation (CANNOT_ASSUME_ROLE meanwhile); 20s (spec §4, CIREP)");
    enumeration("recreation_mode", &S::recreation_mode, kRecreationModeNames, "after reject/remove: new INITIATING record beside old PENDING_RECREATION (seed 000/004) or same record back to INITIATING (PR #2544); new_record");
    enumeration("recreation_old_record", &S::recreation_old_record, kRecreationOldRecordNames, "fate of the old PENDING_RECREATION record (spec §5, undocumented)");
    boolean("aws_replacement_requires_approval", &S::aws_replacement_requires_approval, "AWS replacement endpoint needs approval (seed 000); true");
    enumeration("delete_while_initiating", &S::delete_while_initiating, kDeleteWhileInitiatingNames, "DELETE during INITIATING (CIREP; re-allow planned CLOUDP-344647); reject_400");
    enumeration("delete_while_pending_recreation", &S::delete_while_pending_recreation, kDeleteWhilePendingRecreationNames, "DELETE during PENDING_RECREATION (undocumented); reject_400");
    enumeration("delete_while_deleting", &S::delete_while_deleting, kDeleteWhileDeletingNames, "DELETE during DELETING (undocumented); accept_204_noop");
    boolean("delete_failed_allowed", &S::delete_failed_allowed, "DELETE of a FAILED endpoint (seed 000 'regardless of their state'); true");
    enumeration("pending_removal_effect", &S::pending_removal_effect, kPendingRemovalEffectNames, "removing an unapproved Azure connection (PR #2512, once); no_change");
    prob("endpoint_fail_prob", &S::endpoint_fail_prob, "endpoint creation ends FAILED (spec §6); 0");
    prob("endpoint_stuck_prob", &S::endpoint_stuck_prob, "endpoint creation stays INITIATING (spec §6 #1); 0");
    prob("endpoint_delete_fail_prob", &S::endpoint_delete_fail_prob, "endpoint deletion ends FAILED (spec §2.1 [inferred]); 0");
    prob("api_500_rate", &S::api_500_rate, "POST endpoint answers 500 UNEXPECTED_ERROR (spec §6 #5); 0");
    enumeration("endpoint_guard_scope", &S::endpoint_guard_scope, kEndpointGuardScopeNames, "which endpoints block disabling CMK (seed 000 'all ... associated with the project'); project");
    enumeration("disable_guard_order", &S::disable_guard_order, kDisableGuardOrderNames, "which refusal of {enabled: false} wins when several G-DIS guards apply: the spec's order (endpoints 400, clusters 409, Backup Compliance Policy 400, invalid key 400; spec §3.1) or the reverse (spec §5 'any', undocumented) [inferred]; endpoints_clusters_compliance_key");
    enumeration("duplicate_region_endpoint", &S::duplicate_region_endpoint, kDuplicateRegionEndpointNames, "second endpoint in one region (undocumented); reject_409");
    enumeration("endpoint_loss_semantics", &S::endpoint_loss_semantics, kEndpointLossSemanticsNames, "private-path block with no ACTIVE endpoint left (spec §2.5); unreachable. One region's loss while others keep theirs is always unreachable for that region's nodes [inferred]");
    enumeration("endpoint_event_emit", &S::endpoint_event_emit, kEndpointEventEmitNames, "when PRIVATE_ENDPOINT_CREATED is emitted (undocumented); on_request");
    dur("tf_default_timeout", &S::tf_default_timeout, "Terraform timeouts.create/delete default; 3h (TF internal/common/constant/timeout.go; 20m before 2024-09-09, spec §7)");
    dur("tf_poll_min_timeout", &S::tf_poll_min_timeout, "Terraform endpoint wait MinTimeout, gaps alternate it and 10s; 30s (TF encryptionatrestprivateendpoint/state_transition.go)");
    dur("tf_ear_retry_window", &S::tf_ear_retry_window, "Terraform encryption-at-rest create retries role errors this long; 3m (TF encryptionatrest/resource.go; 1m before #4064, spec §7)");
    dur("tf_ear_retry_min_timeout", &S::tf_ear_retry_min_timeout, "Terraform encryption-at-rest create retry MinTimeout; 5s (TF encryptionatrest/resource.go)");
    integer("rotation_alert_days", &S::rotation_alert_days, "customer-key rotation alert age in days; 90 (seed 003) vs 365 (seed 002 legacy)");
    dur("master_key_rotation_interval", &S::master_key_rotation_interval, "Atlas master-key rotation; 90d (DOCS fact-atlas-key-rotation)");
    dist("master_key_rotation_window", &S::master_key_rotation_window, "an Atlas master-key rotation, begun in the maintenance window, rolls over the nodes for this long before SIM_ATLAS_MASTER_KEY_ROTATED (DOCS fact-atlas-key-rotation 'rolling basis', duration undocumented; apart from key_rotation_deploy_window) [inferred]; 1h");
    dur("azure_secret_max_lifetime", &S::azure_secret_max_lifetime, "Azure client secret lifetime cap; 730d (DOCS security-azure-kms)");
    dur("key_deletion_waiting_period", &S::key_deletion_waiting_period, "scheduled key deletion -> deleted; 30d (AWS KMS 7-30d) [inferred]");
    dur("key_recovery_window", &S::key_recovery_window, "deleted key restorable, then destroyed; 90d (seed 003 §'Restore a Deleted Key') [inferred]");
    dist("key_rotation_deploy_window", &S::key_rotation_deploy_window, "a key rotation (new key id PATCHed) deploys over this window; the old key must stay usable until then; 10m (seed 004 §'Rotate...' 'until your changes have deployed', duration undocumented) [inferred]");
    dur("provider_auto_rotation_period", &S::provider_auto_rotation_period, "provider-side automatic key rotation (set_key_auto_rotation); 365d (DOCS security-aws-kms, security-azure-kms, security-gcp-kms, spec §4)");
    boolean("aws_allow_credentials_auth", &S::aws_allow_credentials_auth, "AWS access-key credentials accepted (seed 002) vs roles only (seed 000); false");
    boolean("backup_compliance_keeps_one_provider", &S::backup_compliance_keeps_one_provider, "with a Backup Compliance Policy, disabling any provider is refused (false: spec §3.1 G-DIS (3)) or only the last enabled one (true: api-errors CAN_NOT_DISABLE_ALL_ENCRYPTION_AT_REST_SETTINGS_...) [inferred]; false");
    enumeration("multiple_providers", &S::multiple_providers, kMultipleProvidersNames, "several EAR providers at once (seed 003 'one or more'); allowed");
    dur("alert_notification_delay", &S::alert_notification_delay, "alert raised -> its notification sent (Atlas alert settings 'send if condition lasts at least', notifications[].delayMin); 0 (not in the seeds: Atlas's default) [inferred]");
    const Settings defaults;
    for (Entry& e : v) e.info.default_text = text_of(defaults, e);
    return v;
  }();
  return table;
}

const Entry& entry(std::string_view name) {
  for (const Entry& e : entries())
    if (e.info.name == name) return e;
  throw SettingError(std::string(name), "", fmt::format("unknown setting '{}'", name));
}

std::string text_of(const Settings& s, const Entry& e) {
  return std::visit(
      [&](const auto& f) -> std::string {
        using F = std::decay_t<decltype(f)>;
        if constexpr (std::is_same_v<F, DurationField>) return sim::format_duration(s.*f);
        else if constexpr (std::is_same_v<F, DistributionField>) return (s.*f).describe();
        else if constexpr (std::is_same_v<F, BoolField>) return s.*f ? "true" : "false";
        else if constexpr (std::is_same_v<F, DoubleField>) return fmt::format("{}", s.*f);
        else if constexpr (std::is_same_v<F, IntField>) return std::to_string(s.*f);
        else return std::string(f.get(s));
      },
      e.field);
}

[[noreturn]] void bad(const Entry& e, std::string_view value, const std::string& why) {
  throw SettingError(std::string(e.info.name), std::string(value),
                     fmt::format("setting '{}' ({}): bad value '{}': {}", e.info.name, setting_kind_name(e.info.kind), value, why));
}

sim::Duration parse_dur(const Entry& e, std::string_view text) {
  try {
    return sim::parse_duration(trim(text));
  } catch (const std::exception& x) {
    bad(e, text, x.what());
  }
}

// Reads what Distribution::describe() writes: "3m", "uniform(1m, 3m)", "exponential(4m)",
// "lognormal(median 5m, p99 27m)", each optionally followed by " cap 3m".
sim::Distribution parse_distribution(const Entry& e, std::string_view text) {
  std::string t = trim(text);
  std::optional<sim::Duration> cap;
  if (auto pos = t.find(" cap "); pos != std::string::npos) {
    cap = parse_dur(e, std::string_view(t).substr(pos + 5));
    t = trim(std::string_view(t).substr(0, pos));
  }
  auto args = [&](std::string_view head) -> std::optional<std::string> {
    if (t.rfind(head, 0) != 0 || t.back() != ')') return std::nullopt;
    return t.substr(head.size(), t.size() - head.size() - 1);
  };
  auto split2 = [&](const std::string& a) {
    auto c = a.find(',');
    if (c == std::string::npos) bad(e, text, "expected two values separated by a comma");
    return std::pair{trim(std::string_view(a).substr(0, c)), trim(std::string_view(a).substr(c + 1))};
  };
  sim::Distribution d;
  if (auto a = args("uniform(")) {
    auto [lo, hi] = split2(*a);
    d = sim::Distribution(sim::Uniform{parse_dur(e, lo), parse_dur(e, hi)}, cap);
  } else if (auto a2 = args("exponential(")) {
    d = sim::Distribution(sim::Exponential{parse_dur(e, *a2)}, cap);
  } else if (auto a3 = args("lognormal(")) {
    auto [m, p] = split2(*a3);
    auto strip = [&](std::string s, std::string_view word) {
      if (s.rfind(word, 0) == 0) s = trim(std::string_view(s).substr(word.size()));
      return s;
    };
    d = sim::Distribution(sim::LogNormal{parse_dur(e, strip(m, "median")), parse_dur(e, strip(p, "p99"))}, cap);
  } else {
    d = sim::Distribution(sim::Fixed{parse_dur(e, t)}, cap);
  }
  try {
    d.check();
  } catch (const std::exception& x) {
    bad(e, text, x.what());
  }
  return d;
}

}  // namespace

std::string_view setting_kind_name(SettingKind k) {
  switch (k) {
    case SettingKind::duration: return "duration";
    case SettingKind::distribution: return "distribution";
    case SettingKind::enumeration: return "enum";
    case SettingKind::boolean: return "bool";
    case SettingKind::integer: return "int";
    case SettingKind::probability: return "probability";
  }
  return "?";
}

const std::vector<SettingInfo>& setting_names() {
  static const std::vector<SettingInfo> infos = [] {
    std::vector<SettingInfo> v;
    for (const Entry& e : entries()) v.push_back(e.info);
    return v;
  }();
  return infos;
}

const SettingInfo* find_setting(std::string_view name) {
  for (const SettingInfo& i : setting_names())
    if (i.name == name) return &i;
  return nullptr;
}

void Settings::set(std::string_view name, std::string_view text) {
  const Entry& e = entry(name);
  const std::string t = trim(text);
  std::visit(
      [&](const auto& f) {
        using F = std::decay_t<decltype(f)>;
        if constexpr (std::is_same_v<F, DurationField>) {
          this->*f = parse_dur(e, t);
        } else if constexpr (std::is_same_v<F, DistributionField>) {
          this->*f = parse_distribution(e, t);
        } else if constexpr (std::is_same_v<F, BoolField>) {
          if (t == "true") this->*f = true;
          else if (t == "false") this->*f = false;
          else bad(e, text, "expected true or false");
        } else if constexpr (std::is_same_v<F, DoubleField>) {
          double x = 0;
          auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), x);
          if (ec != std::errc{} || p != t.data() + t.size()) bad(e, text, "expected a number in [0, 1]");
          if (!(x >= 0 && x <= 1)) bad(e, text, "a probability must be in [0, 1]");
          this->*f = x;
        } else if constexpr (std::is_same_v<F, IntField>) {
          std::int64_t x = 0;
          auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), x);
          if (ec != std::errc{} || p != t.data() + t.size()) bad(e, text, "expected an integer");
          if (x < 1) bad(e, text, "must be at least 1");
          this->*f = x;
        } else {
          if (f.set(*this, t)) return;
          std::string list;
          for (auto a : e.info.allowed) list += (list.empty() ? "" : ", ") + std::string(a);
          bad(e, text, "expected one of " + list);
        }
      },
      e.field);
}

void Settings::set(std::string_view name, sim::Distribution d) {
  const Entry& e = entry(name);
  try {
    d.check();
  } catch (const std::exception& x) {
    bad(e, d.describe(), x.what());
  }
  if (auto* f = std::get_if<DistributionField>(&e.field)) {
    this->**f = d;
  } else if (auto* g = std::get_if<DurationField>(&e.field)) {
    const auto* fixed = std::get_if<sim::Fixed>(&d.shape());
    if (!fixed || d.cap()) bad(e, d.describe(), "this setting takes a single duration, not a distribution");
    this->**g = fixed->value;
  } else {
    bad(e, d.describe(), "this setting does not take a duration");
  }
}

void Settings::set(std::string_view name, sim::Duration d) { set(name, sim::Distribution(d)); }

void Settings::set(std::string_view name, bool b) {
  const Entry& e = entry(name);
  if (auto* f = std::get_if<BoolField>(&e.field)) this->**f = b;
  else bad(e, b ? "true" : "false", "this setting does not take a boolean");
}

void Settings::set(std::string_view name, double x) {
  const Entry& e = entry(name);
  if (auto* f = std::get_if<DoubleField>(&e.field)) {
    if (!(x >= 0 && x <= 1)) bad(e, fmt::format("{}", x), "a probability must be in [0, 1]");
    this->**f = x;
  } else if (auto* g = std::get_if<IntField>(&e.field)) {
    if (x != std::floor(x) || x < 1) bad(e, fmt::format("{}", x), "expected an integer of at least 1");
    this->**g = static_cast<std::int64_t>(x);
  } else {
    bad(e, fmt::format("{}", x), "this setting does not take a number");
  }
}

std::string Settings::get_text(std::string_view name) const { return text_of(*this, entry(name)); }

void Settings::check() const {
  for (const Entry& e : entries()) {
    if (auto* f = std::get_if<DistributionField>(&e.field)) {
      try {
        (this->**f).check();
      } catch (const std::exception& x) {
        bad(e, (this->**f).describe(), x.what());
      }
    } else if (auto* p = std::get_if<DoubleField>(&e.field)) {
      if (!(this->**p >= 0 && this->**p <= 1)) bad(e, fmt::format("{}", this->**p), "a probability must be in [0, 1]");
    }
  }
  if (validation_interval <= sim::Duration{}) throw SettingError("validation_interval", "", "validation_interval must be positive");
  if (auto deadlock = deadlocking_combination(*this)) throw *deadlock;
}

}  // namespace models
