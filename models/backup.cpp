// Backup and restore rules of customer-managed keys (seed 003 §'Encrypted Backups'; api-errors;
// issue 11 item 12): restore guards, legacy backups, and the Backup Compliance Policy's hold on
// the project's key providers.
#include "models/world.h"

namespace models {

// Why a restore of `snap` onto `target` is refused, in this order [inferred]: a paused target
// (api-errors CLUSTER_PAUSED_CANNOT_RESTORE), a target whose encryption differs from the
// snapshot's (api-errors INVALID_SNAPSHOT_RESTORE_ENCRYPTION; seed 003 "Restore snapshots with the
// key that was active at the time the snapshot was taken"), then the snapshot's key no longer
// valid (seed 003 "You cannot restore snapshots encrypted with keys that have become invalid").
std::optional<AtlasError> World::restore_guard(const Cluster& target, const Snapshot& snap) const {
  if (target.state() == ClusterState::PAUSED) return errors::cluster_paused_cannot_restore();
  if (target.encryptionAtRestProvider != snap.encryptionAtRestProvider) return errors::invalid_snapshot_restore_encryption();
  // seed 003 §'Encrypted Backups': the snapshot needs the key version that encrypted it (key_versions.cpp).
  if (snap.encryptionAtRestProvider != Provider::NONE && !snapshot_key_usable(snap)) return errors::snapshot_key_invalid(snap.id.str());
  return std::nullopt;
}

// seed 003 §'Encrypted Backups': "You cannot enable Legacy Backups (Deprecated) on clusters
// encrypted with keys that you manage" (api-errors CANNOT_USE_ENCRYPTION_AT_REST_BACKUP_TYPE). A
// cluster on, or heading for, a customer key is refused; any other one switches to legacy backups.
Outcome World::enable_legacy_backup(ClusterIx c) {
  Cluster& cl = clusters_.at(c);
  if (cl.state() == ClusterState::PAUSED) return errors::cannot_update_paused_cluster(cl.name);  // api-errors
  if (cl.encryptionAtRestProvider != Provider::NONE || provider_after_queue(cl) != Provider::NONE)
    return errors::cannot_use_encryption_at_rest_backup_type();
  cl.legacyBackup = true;
  return Outcome::success();
}

// The Backup Compliance Policy's rule on disabling a provider (G-DIS (3)): by default any disable
// is refused (spec §3.1, api-errors CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY);
// with backup_compliance_keeps_one_provider, only the last enabled provider must stay (api-errors
// CAN_NOT_DISABLE_ALL_ENCRYPTION_AT_REST_SETTINGS_WHILE_BACKUP_COMPLIANCE_POLICY_ENCRYPTION_ENABLED).
std::optional<AtlasError> World::backup_compliance_guard(ProjectIx p, Provider provider) const {
  const Project& pr = projects_.at(p);
  if (!pr.backupCompliancePolicy) return std::nullopt;
  if (!settings_.backup_compliance_keeps_one_provider) return errors::cannot_disable_with_backup_compliance();
  for (std::size_t i = 0; i < kBlockCount; ++i)
    if (block_provider(i) != provider && pr.blocks[i].enabled) return std::nullopt;
  return errors::cannot_disable_all_with_backup_compliance();
}

}  // namespace models
