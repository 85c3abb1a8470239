#pragma once
// Backups of the records file. Store::backupTo writes one (store.h); this is
// the rest: putting a backup back in place, and when to remind about one.
//
// A restore refuses anything but an intact Canting records database that this
// build can open (integrity_check, our tables, a schema version not newer than
// Store::kSchemaVersion, an audit chain that verifies), and a refusal changes
// nothing: the checks run on a copy beside the target, never on the file given
// and never on the current records. Only then is the current file kept as
// NAME.YYYYMMDD-HHMMSS.bak beside it and the checked copy renamed into place.
// Restore with the app closed: a connection still open keeps the old file.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "canting/records/db.h"

namespace canting::records {

struct RestoreResult {
  std::filesystem::path keptAs;  // the previous records (NAME.YYYYMMDD-HHMMSS.bak); empty when there were none
  int fromVersion = 0;           // the schema version of the file restored (migrated up when older)
  std::int64_t auditRows = 0;    // entries of the restored audit log, every hash following
};

// `now` (seconds since the epoch, UTC) names the kept copy.
Result<RestoreResult> restoreDatabase(const std::filesystem::path& from, const std::filesystem::path& target, std::int64_t now);

// The reminder: a database that holds anything and has no backup, or whose
// last backup is older than a week.
constexpr std::int64_t kBackupReminderSeconds = 7 * 24 * 3600;
bool backupDue(std::optional<std::int64_t> lastBackup, std::int64_t now, bool hasRecords);

// "pelatihan-20261202-011500.db": the name a backup gets in a chosen folder
// (a flash drive), from the records file's name and `now` (UTC).
std::string backupFileName(const std::filesystem::path& records, std::int64_t now);

// YYYYMMDD-HHMMSS in UTC, the stamp of migration copies, kept copies and backups.
std::string fileStamp(std::int64_t now);

}  // namespace canting::records
