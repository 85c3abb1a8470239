// Backups: Store::backupTo through SQLite's online backup API, the checks a
// copy must pass (after a backup, before a restore), restoreDatabase, and the
// reminder. Why a restore works on a copy: see backup.h.

#include "canting/records/backup.h"

#include <sqlite3.h>

#include <ctime>
#include <fstream>

#include "store_internal.h"

namespace canting::records {

namespace fs = std::filesystem;

namespace {

constexpr char kSqliteMagic[] = "SQLite format 3";  // and a NUL: the first 16 bytes of every SQLite 3 file

Error refused(const std::string& reason, const fs::path& file) {
  return makeError(RecordsError::RestoreRefused, {{"reason", reason}, {"path", file.string()}});
}
Error backupFailed(const std::string& reason, const fs::path& file, const std::string& detail = {}) {
  return makeError(RecordsError::BackupFailed, {{"reason", reason}, {"path", file.string()}}, detail);
}

bool startsAsSqlite(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char head[16] = {};
  return in.read(head, sizeof head) && std::equal(head, head + 16, kSqliteMagic);
}

// A file and the journal files SQLite may keep beside it.
void removeWithJournals(const fs::path& file) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(fs::path(file.string() + suffix), ec);
}

// What a copy must be to count as a Canting records database this build can
// open: intact pages, our tables, a schema version not newer than ours, and
// an audit chain that follows. Returns the reason key when it is not, and
// reads the version and audit rows when it is.
std::optional<std::string> checkCopy(const fs::path& file, int& version, AuditCheck& audit) {
  auto db = Db::open(file);
  if (!db) return "@records.restore.damaged";
  try {
    auto check = db->prepare("PRAGMA integrity_check");
    if (!check.step() || check.text(0) != "ok") return "@records.restore.damaged";
    check = Stmt();
    auto q = db->prepare("PRAGMA user_version");
    q.step();
    version = int(q.i64(0));
    q = db->prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('audit_log', 'people', 'centres', 'trainees')");
    q.step();
    if (version < 1 || q.i64(0) != 4) return "@records.restore.not_ours";
    q = Stmt();
    if (version > Store::kSchemaVersion) return "@records.newer_schema";
    audit = detail::verifyChain(*db);
    if (!audit.intact) return "@records.restore.audit_broken";
  } catch (const DbError&) {
    return "@records.restore.damaged";
  }
  return std::nullopt;
}

}  // namespace

std::string fileStamp(std::int64_t now) {
  char stamp[32];
  const std::time_t t = std::time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  return stamp;
}

std::string backupFileName(const fs::path& records, std::int64_t now) {
  const std::string stem = records.stem().string();
  return (stem.empty() ? std::string("pelatihan") : stem) + "-" + fileStamp(now) + ".db";
}

bool backupDue(std::optional<std::int64_t> lastBackup, std::int64_t now, bool hasRecords) {
  if (!hasRecords) return false;
  return !lastBackup || now - *lastBackup > kBackupReminderSeconds;
}

Status Store::backupTo(const fs::path& out) {
  // A server's database is backed up by its administrator with pg_dump (docs/DEPLOY.md).
  if (m_db.dialect() == Dialect::Postgres) return backupFailed("@records.backup.use_pg_dump", out);
  std::error_code ec;
  if (fs::exists(out, ec) && fs::equivalent(out, m_opt.file, ec)) return backupFailed("@records.backup.same_file", out);
  if (fs::is_directory(out, ec)) return makeError(ErrorCode::IsDirectory, {{"path", out.string()}});
  if (!out.parent_path().empty() && !fs::is_directory(out.parent_path(), ec))  // a flash drive no longer there, say
    return makeError(ErrorCode::DirectoryMissing, {{"path", out.parent_path().string()}});
  const fs::path part = out.parent_path() / ("." + out.filename().string() + ".part-backup");
  removeWithJournals(part);
  sqlite3* dst = nullptr;
  int rc = sqlite3_open_v2(part.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc == SQLITE_OK) {
    // One step copies every page under one read transaction: a consistent
    // snapshot even while the app writes (WAL lets it go on meanwhile).
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", m_db.raw(), "main");
    if (!b) rc = sqlite3_errcode(dst);
    else {
      rc = sqlite3_backup_step(b, -1);
      const int fin = sqlite3_backup_finish(b);
      rc = rc == SQLITE_DONE ? fin : rc;
    }
  }
  // The copy goes to a flash drive alone: a plain rollback journal, no -wal beside it.
  if (rc == SQLITE_OK) rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  const std::string why = dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc);
  sqlite3_close_v2(dst);
  if (rc != SQLITE_OK) {
    removeWithJournals(part);
    if ((rc & 0xFF) == SQLITE_FULL) return makeError(ErrorCode::DiskFull, {{"path", out.string()}}, why);
    if ((rc & 0xFF) == SQLITE_CANTOPEN || (rc & 0xFF) == SQLITE_READONLY || (rc & 0xFF) == SQLITE_PERM)
      return makeError(ErrorCode::PermissionDenied, {{"path", out.string()}}, why);
    return makeError(ErrorCode::WriteFailed, {{"path", out.string()}}, "backup: " + why);
  }
  int version = 0;
  AuditCheck audit;
  if (auto bad = checkCopy(part, version, audit); bad || version != schemaVersion()) {
    removeWithJournals(part);
    return backupFailed(bad.value_or("@records.restore.not_ours"), out);
  }
  fs::rename(part, out, ec);
  if (ec) {
    removeWithJournals(part);
    return makeError(ErrorCode::WriteFailed, {{"path", out.string()}}, "rename: " + ec.message());
  }
  return guarded("backupTo", [&]() -> Status {
    m_db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_backup', ?1)").bind(1, std::to_string(now())).run();
    return imaging::Ok{};
  });
}

std::optional<std::int64_t> Store::lastBackupAt() {
  try {
    auto q = m_db.prepare("SELECT value FROM meta WHERE key = 'last_backup'");
    if (q.step()) return std::int64_t(std::stoll(q.text(0)));
  } catch (const DbError&) {
  } catch (const std::exception&) {  // a value that is not a number counts as no backup
  }
  return std::nullopt;
}

bool Store::hasRecords() {
  try {
    auto q = m_db.prepare("SELECT EXISTS (SELECT 1 FROM audit_log)");
    return q.step() && q.i64(0) != 0;
  } catch (const DbError&) {
    return false;
  }
}

Result<RestoreResult> restoreDatabase(const fs::path& from, const fs::path& target, std::int64_t now) {
  std::error_code ec;
  if (!fs::is_regular_file(from, ec)) return makeError(ErrorCode::FileNotFound, {{"path", from.string()}});
  if (fs::exists(target, ec) && fs::equivalent(from, target, ec)) return refused("@records.backup.same_file", from);
  if (!startsAsSqlite(from)) return refused("@records.restore.not_sqlite", from);
  const fs::path part = target.parent_path() / ("." + target.filename().string() + ".part-restore");
  removeWithJournals(part);
  if (!target.parent_path().empty()) fs::create_directories(target.parent_path(), ec);
  fs::copy_file(from, part, fs::copy_options::overwrite_existing, ec);
  if (ec) return makeError(ErrorCode::WriteFailed, {{"path", part.string()}}, "copy: " + ec.message());
  RestoreResult result;
  AuditCheck audit;
  if (auto bad = checkCopy(part, result.fromVersion, audit)) {
    removeWithJournals(part);
    return refused(*bad, from);
  }
  result.auditRows = audit.rows;
  {
    // Opening it as the store does migrates an older schema (its copies of each
    // step go to cadangan/ beside the records, as on any open).
    StoreOptions opt;
    opt.file = part;
    opt.clock = [now] { return now; };
    auto s = Store::open(opt);
    if (!s) {
      removeWithJournals(part);
      return refused("@records.restore.damaged", from);
    }
  }
  if (fs::exists(target, ec)) {
    // Fold the current file's WAL into it first, so the kept copy is whole and
    // no stale -wal of the old file is read as part of the new one.
    if (auto cur = Db::open(target)) try {
        cur->exec("PRAGMA wal_checkpoint(TRUNCATE)");
      } catch (const DbError&) {
      }
    result.keptAs = target.parent_path() / (target.filename().string() + "." + fileStamp(now) + ".bak");
    fs::rename(target, result.keptAs, ec);
    if (ec) {
      removeWithJournals(part);
      return makeError(ErrorCode::WriteFailed, {{"path", target.string()}}, "keep: " + ec.message());
    }
    for (const char* suffix : {"-wal", "-journal"})
      if (fs::exists(target.string() + suffix, ec)) fs::rename(target.string() + suffix, result.keptAs.string() + suffix, ec);
    fs::remove(target.string() + "-shm", ec);
  }
  fs::rename(part, target, ec);
  if (ec) {
    std::error_code back;
    if (!result.keptAs.empty()) fs::rename(result.keptAs, target, back);
    removeWithJournals(part);
    return makeError(ErrorCode::WriteFailed, {{"path", target.string()}}, "rename: " + ec.message());
  }
  return result;
}

}  // namespace canting::records
