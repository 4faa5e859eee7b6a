// Settings by name (spec §4, §5).
#include <doctest/doctest.h>

#include "models/settings.h"

using namespace models;

TEST_CASE("setting_names(): every spec §5 choice present with default text that set() reads back") {
  const char* required[] = {"validation_interval", "validation_phase_offset", "restart_duration", "t_reflect", "t_az_prov",
                            "t_aws_prov", "t_delete", "t_recreate", "t_iam", "initial_sync", "revocation_pause_timing",
                            "recreation_mode", "recreation_old_record", "aws_replacement_requires_approval",
                            "delete_while_initiating", "delete_while_pending_recreation", "delete_while_deleting",
                            "delete_failed_allowed", "pending_removal_effect", "endpoint_fail_prob", "endpoint_stuck_prob",
                            "api_500_rate", "endpoint_guard_scope", "duplicate_region_endpoint", "validation_on_get",
                            "shutdown_on_unscheduled_check", "valid_when_unreachable", "endpoint_loss_semantics",
                            "azure_revocation_effect", "azure_ip_list_blocks_pause", "restart_scope",
                            "auto_resume_with_invalid_key", "rotation_alert_days", "master_key_rotation_interval",
                            "aws_allow_credentials_auth", "endpoint_event_emit", "multiple_providers"};
  for (const char* n : required) CHECK_MESSAGE(find_setting(n) != nullptr, n);
  Settings s;
  for (const SettingInfo& i : setting_names()) {
    CHECK_FALSE(i.description.empty());
    CHECK(s.get_text(i.name) == i.default_text);
    Settings t;
    CHECK_NOTHROW(t.set(i.name, i.default_text));  // round trip
    CHECK(t.get_text(i.name) == i.default_text);
    if (i.kind == SettingKind::enumeration) CHECK(i.allowed.size() >= 2);
  }
  CHECK(find_setting("validation_interval")->default_text == "15m");
  CHECK(find_setting("t_reflect")->default_text == "uniform(0s, 3m) cap 3m");
  CHECK(find_setting("rotation_alert_days")->default_text == "90");
}

TEST_CASE("an enum setting offers exactly the values of its enum's table, and each sets that value") {
  const SettingInfo* i = find_setting("pending_removal_effect");
  REQUIRE(i != nullptr);
  const auto names = kPendingRemovalEffectNames.names();
  CHECK(i->allowed == std::vector<std::string_view>(names.begin(), names.end()));
  for (PendingRemovalEffect v : kPendingRemovalEffectNames.all()) {
    Settings s;
    s.set("pending_removal_effect", kPendingRemovalEffectNames.name(v));
    CHECK(s.pending_removal_effect == v);
    CHECK(s.get_text("pending_removal_effect") == kPendingRemovalEffectNames.name(v));
  }
}

TEST_CASE("Settings::set: typed values; clear errors for unknown names and bad values") {
  Settings s;
  s.set("t_delete", "uniform(30s, 10m)");
  CHECK(s.t_delete.describe() == "uniform(30s, 10m)");
  s.set("t_aws_prov", "lognormal(median 5m, p99 27m) cap 30m");
  CHECK(s.t_aws_prov.cap() == sim::Duration::minutes(30));
  s.set("recreation_mode", "same_record");
  CHECK(s.recreation_mode == RecreationMode::same_record);
  s.set("endpoint_fail_prob", 0.25);
  CHECK(s.endpoint_fail_prob == 0.25);
  s.set("validation_interval", sim::Duration::minutes(5));
  CHECK(s.validation_interval == sim::Duration::minutes(5));
  s.set("azure_ip_list_blocks_pause", true);
  CHECK(s.azure_ip_list_blocks_pause);
  CHECK_THROWS_AS(s.set("no_such_setting", "1"), SettingError);
  CHECK_THROWS_AS(s.set("recreation_mode", "sometimes"), SettingError);
  CHECK_THROWS_AS(s.set("endpoint_fail_prob", "1.5"), SettingError);
  CHECK_THROWS_AS(s.set("validation_interval", "15 minutes"), SettingError);
  CHECK_THROWS_AS(s.set("validation_interval", sim::Distribution(sim::Exponential{sim::Duration::minutes(1)})), SettingError);
  CHECK_THROWS_AS(s.set("t_delete", "uniform(10m, 1m)"), SettingError);
  CHECK_THROWS_AS(s.set("rotation_alert_days", "0"), SettingError);
  try {
    s.set("restart_scope", "rack");
  } catch (const SettingError& e) {
    CHECK(e.name() == "restart_scope");
    CHECK(e.value() == "rack");
    CHECK(std::string(e.what()).find("node, cluster") != std::string::npos);
  }
}

TEST_CASE("spec §5 (issue 11 item 11): settings under which the documented teardown could never finish are refused") {
  Settings s;
  CHECK_FALSE(deadlocking_combination(s));
  s.set("recreation_old_record", "keep_until_deleted");
  REQUIRE(deadlocking_combination(s));
  CHECK(deadlocking_combination(s)->name() == "recreation_old_record");
  CHECK(std::string(deadlocking_combination(s)->what()).find("needs delete_while_pending_recreation: accept") != std::string::npos);
  CHECK_THROWS_AS(s.check(), SettingError);
  s.set("delete_while_pending_recreation", "accept");
  CHECK_FALSE(deadlocking_combination(s));
  CHECK_NOTHROW(s.check());
  for (const auto& [name, value] : std::vector<std::pair<const char*, const char*>>{
           {"pending_removal_effect", "failed"}, {"endpoint_fail_prob", "0.1"}, {"endpoint_delete_fail_prob", "0.1"}}) {
    Settings t;
    t.set("delete_failed_allowed", "false");
    CHECK_FALSE(deadlocking_combination(t));  // alone: no FAILED endpoint unless a fault step makes one
    t.set(name, value);
    REQUIRE_MESSAGE(deadlocking_combination(t), name);
    CHECK(deadlocking_combination(t)->name() == "delete_failed_allowed");
    CHECK_THROWS_AS(t.check(), SettingError);
  }
}
