#include "report/fleet_rollup.h"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "models/subject.h"

namespace report {

std::string key_region(const models::Project& p) {
  for (std::size_t b = 0; b < models::kBlockCount; ++b)
    if (p.blocks[b].enabled) return fmt::format("{} {}", models::provider_name(models::block_provider(b)), p.blocks[b].kmsRegion);
  return "none";
}

namespace {

std::string alerts_text(const std::map<std::string, std::uint64_t>& alerts) {
  std::string out;
  for (const auto& [name, n] : alerts) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", name, n);
  return out.empty() ? "-" : out;
}

}  // namespace

std::uint64_t FleetRollup::Tally::alertCount() const {
  std::uint64_t n = 0;
  for (const auto& [name, k] : alerts) n += k;
  return n;
}

FleetRollup::FleetRollup(const models::World& world) : world_(world) {
  for (const models::Project& p : world.projects()) {
    regionOf_.push_back(key_region(p));
    projects_.push_back(Tally{1, 0, 0, 0, {}});
  }
  for (const models::Cluster& c : world.clusters()) {
    projects_.at(c.project).clusters++;
    disabledSince_.push_back(c.state() == models::ClusterState::DISABLED_EAR ? 0 : -1);
  }
}

void FleetRollup::on_record(const sim::Record& r) {
  if (r.kind == sim::RecordKind::transition && models::entity_of(r.subject).kind == models::EntityKind::cluster) return cluster_transition(r);
  if (r.kind == sim::RecordKind::alert) {
    const std::string* type = r.field("eventTypeName");
    const std::optional<models::ProjectIx> p = world_.project_of(r.subject);
    if (type && p && *p < projects_.size()) projects_[*p].alerts[*type]++;
    return;
  }
  if (r.kind == sim::RecordKind::external && r.entity.starts_with("incident/")) {
    const std::string name = r.entity.substr(9);
    auto [it, fresh] = incidents_.try_emplace(name);
    if (fresh) incidentOrder_.push_back(name);
    if (const std::string* kind = r.field("kind")) it->second.kind = *kind;
    const std::string* phase = r.field("phase");
    (phase && *phase == "end" ? it->second.ends : it->second.starts)++;
  }
}

// A cluster into DISABLED_EAR is a shutdown; out of it ends a stretch of disabled time. Clusters
// created during the run are added as they first appear.
void FleetRollup::cluster_transition(const sim::Record& r) {
  const std::uint32_t c = r.subject.index;
  if (c >= disabledSince_.size()) disabledSince_.resize(c + 1, -1);
  const std::optional<models::ProjectIx> p = world_.project_of(r.subject);
  if (!p || *p >= projects_.size()) return;
  if (r.to == "DISABLED_EAR" && r.from != "DISABLED_EAR") {
    projects_[*p].shutdowns++;
    disabledSince_[c] = r.at.ms();
  } else if (r.from == "DISABLED_EAR" && r.to != "DISABLED_EAR" && disabledSince_[c] >= 0) {
    projects_[*p].disabledMinutes += static_cast<double>(r.at.ms() - disabledSince_[c]) / 60'000.0;
    disabledSince_[c] = -1;
  }
}

void FleetRollup::finish(sim::Time end) {
  for (std::size_t c = 0; c < disabledSince_.size(); ++c) {
    if (disabledSince_[c] < 0 || c >= world_.clusters().size()) continue;
    projects_.at(world_.clusters()[c].project).disabledMinutes += static_cast<double>(end.ms() - disabledSince_[c]) / 60'000.0;
    disabledSince_[c] = -1;
  }
}

FleetRollup::Tally FleetRollup::total() const {
  Tally t;
  for (const Tally& p : projects_) {
    t.projects += p.projects;
    t.clusters += p.clusters;
    t.shutdowns += p.shutdowns;
    t.disabledMinutes += p.disabledMinutes;
    for (const auto& [name, n] : p.alerts) t.alerts[name] += n;
  }
  return t;
}

std::map<std::string, FleetRollup::Tally> FleetRollup::by_region() const {
  std::map<std::string, Tally> out;
  for (std::size_t i = 0; i < projects_.size(); ++i) {
    Tally& t = out[regionOf_[i]];
    const Tally& p = projects_[i];
    t.projects += p.projects;
    t.clusters += p.clusters;
    t.shutdowns += p.shutdowns;
    t.disabledMinutes += p.disabledMinutes;
    for (const auto& [name, n] : p.alerts) t.alerts[name] += n;
  }
  return out;
}

// The n projects with the most disabled cluster-minutes, then shutdowns, then alerts; only those
// that had any of them, ties in world order.
std::vector<std::size_t> FleetRollup::worst(std::size_t n) const {
  std::vector<std::size_t> ix;
  for (std::size_t i = 0; i < projects_.size(); ++i)
    if (projects_[i].shutdowns || projects_[i].disabledMinutes > 0 || !projects_[i].alerts.empty()) ix.push_back(i);
  auto key = [&](std::size_t i) { return std::tuple(projects_[i].disabledMinutes, projects_[i].shutdowns, projects_[i].alertCount()); };
  std::stable_sort(ix.begin(), ix.end(), [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  if (ix.size() > n) ix.resize(n);
  return ix;
}

nlohmann::ordered_json FleetRollup::tally_json(const Tally& t) {
  nlohmann::ordered_json j;
  j["projects"] = t.projects;
  j["clusters"] = t.clusters;
  j["shutdowns"] = t.shutdowns;
  j["disabled_cluster_minutes"] = t.disabledMinutes;
  j["alerts"] = nlohmann::ordered_json::object();
  for (const auto& [name, n] : t.alerts) j["alerts"][name] = n;
  return j;
}

nlohmann::ordered_json FleetRollup::json() const {
  nlohmann::ordered_json j = tally_json(total());
  auto project_json = [&](std::size_t i) {
    nlohmann::ordered_json p;
    p["project"] = world_.projects()[i].name;
    p["region"] = regionOf_[i];
    const nlohmann::ordered_json t = tally_json(projects_[i]);
    for (const char* k : {"clusters", "shutdowns", "disabled_cluster_minutes", "alerts"}) p[k] = t[k];
    return p;
  };
  j["regions"] = nlohmann::ordered_json::array();
  for (const auto& [region, t] : by_region()) {
    nlohmann::ordered_json r;
    r["region"] = region;
    r.update(tally_json(t));
    j["regions"].push_back(std::move(r));
  }
  j["worst_projects"] = nlohmann::ordered_json::array();
  for (std::size_t i : worst(10)) j["worst_projects"].push_back(project_json(i));
  j["by_project"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < projects_.size(); ++i) j["by_project"].push_back(project_json(i));
  j["incidents"] = nlohmann::ordered_json::array();
  for (const std::string& name : incidentOrder_) {
    const Incident& x = incidents_.at(name);
    j["incidents"].push_back({{"name", name}, {"kind", x.kind}, {"starts", x.starts}, {"ends", x.ends}});
  }
  return j;
}

void FleetRollup::write_text(std::ostream& out) const {
  const Tally t = total();
  out << fmt::format("fleet: {} projects, {} clusters; {} shutdowns, {:.1f} disabled cluster-minutes, {} alerts\n", t.projects, t.clusters,
                     t.shutdowns, t.disabledMinutes, t.alertCount());
  out << fmt::format("{:<22} {:>8} {:>9} {:>10} {:>13}  {}\n", "region", "projects", "clusters", "shutdowns", "disabled min", "alerts");
  for (const auto& [region, r] : by_region())
    out << fmt::format("{:<22} {:>8} {:>9} {:>10} {:>13.1f}  {}\n", region, r.projects, r.clusters, r.shutdowns, r.disabledMinutes,
                       alerts_text(r.alerts));
  const std::vector<std::size_t> w = worst(10);
  out << (w.empty() ? "worst projects: none had a shutdown or an alert\n" : "worst projects (by disabled cluster-minutes, then shutdowns):\n");
  for (std::size_t i : w)
    out << fmt::format("{:<22} {:<22} shutdowns {}  disabled {:.1f} min  alerts {}\n", world_.projects()[i].name, regionOf_[i],
                       projects_[i].shutdowns, projects_[i].disabledMinutes, projects_[i].alertCount());
  if (!incidentOrder_.empty()) out << "incidents:\n";
  for (const std::string& name : incidentOrder_)
    out << fmt::format("{:<22} {:<22} starts {}  ends {}\n", name, incidents_.at(name).kind, incidents_.at(name).starts, incidents_.at(name).ends);
}

}  // namespace report
