// The store itself: opening (integrity check, migrations with backups), the
// clock, the role check, and the one mapping from SQLite's errors to Errors.
// Each area's calls live in their own file (see store.h).

#include "store_internal.h"

#include <sodium.h>
#include <sqlite3.h>

#include <ctime>

#include "canting/core/attempts.h"
#include "canting/core/paths.h"
#include "canting/records/backup.h"
#include "canting/records/schema.h"

namespace canting::records {

namespace fs = std::filesystem;

namespace detail {

std::string isoTime(std::int64_t t) { return core::isoUtc(t); }

Error fromDb(const DbError& e, const std::string& path, const char* what) {
  const std::string detail = what ? std::string(what) + ": " + e.describe() : e.describe();
  if (e.serverGone()) return makeError(canting::records::RecordsError::ServerUnavailable, {{"server", path}}, detail);
  if (e.code == SQLITE_FULL) return makeError(ErrorCode::DiskFull, {{"path", path}}, detail);
  if (e.code == SQLITE_CONSTRAINT) return makeError(ErrorCode::InvalidArgument, {{"what", e.message}}, detail);
  if (e.code == SQLITE_CORRUPT || e.code == SQLITE_NOTADB)
    return makeError(canting::records::RecordsError::DatabaseDamaged, {{"reason", e.message}, {"path", path}, {"backups", ""}}, detail);
  if (e.code == SQLITE_READONLY || e.code == SQLITE_PERM || e.code == SQLITE_CANTOPEN)
    return makeError(ErrorCode::PermissionDenied, {{"path", path}}, detail);
  return makeError(ErrorCode::WriteFailed, {{"path", path}}, detail);
}

Error invalid(const std::string& what) { return makeError(ErrorCode::InvalidArgument, {{"what", what}}); }

Status ownCentre(const Actor& by, Id centre) {
  if (by.role() == Role::Trainer && by.centre() != 0 && centre != by.centre())
    return makeError(canting::records::RecordsError::NotAllowed, {{"role", "@records.role.trainer"}, {"what", "@records.action.other_centre"}});
  return imaging::Ok{};
}

}  // namespace detail

Result<std::unique_ptr<Store>> Store::open(StoreOptions opt) {
  if (sodium_init() < 0) return makeError(ErrorCode::OutOfMemory, {{"path", "libsodium"}});
  if (!opt.clock) opt.clock = [] { return std::int64_t(std::time(nullptr)); };
  if (!opt.pgUrl.empty()) return openServer(std::move(opt));
  if (opt.evidenceDir.empty()) opt.evidenceDir = opt.file.parent_path() / "bukti";
  std::error_code ec;
  if (!opt.file.parent_path().empty()) fs::create_directories(opt.file.parent_path(), ec);
  const fs::path backups = opt.file.parent_path() / "cadangan";
  auto db = Db::open(opt.file);
  if (!db) return db.error();
  try {
    // A file that is not a database fails here, before any change.
    db->exec("PRAGMA foreign_keys = ON");
    auto check = db->prepare("PRAGMA integrity_check");
    std::string first;
    if (check.step()) first = check.text(0);
    if (first != "ok")
      return makeError(canting::records::RecordsError::DatabaseDamaged, {{"reason", "integrity_check: " + first}, {"path", opt.file.string()},
                                                    {"backups", backups.string()}});
    check = Stmt();
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = NORMAL");
  } catch (const DbError& e) {
    return makeError(canting::records::RecordsError::DatabaseDamaged, {{"reason", e.message}, {"path", opt.file.string()}, {"backups", backups.string()}},
                     "open: " + e.describe());
  }
  if (auto st = records::migrate(*db, kSchemaVersion, backups, fileStamp(opt.clock())); !st) {
    auto e = st.error();
    for (auto& [k, v] : e.args)
      if (k == "path" && v.empty()) v = opt.file.string();
    if (e.arg("path").empty()) e.args.emplace_back("path", opt.file.string());
    return e;
  }
  return std::unique_ptr<Store>(new Store(std::move(opt), std::move(*db)));
}

// The regency's records on PostgreSQL: no file to check or copy (the server
// keeps its pages whole; pg_dump backs it up), the same migrations.
Result<std::unique_ptr<Store>> Store::openServer(StoreOptions opt) {
  if (opt.evidenceDir.empty()) opt.evidenceDir = core::recordsDatabase().parent_path() / "bukti";
  // The installation's key file (keys.cpp) is named after `file`: this
  // computer's key for the server's records, beside the evidence folder.
  if (opt.file.empty()) opt.file = opt.evidenceDir.parent_path() / "kabupaten-server";
  auto db = Db::openPostgres(opt.pgUrl);
  if (!db) return db.error();
  if (auto st = records::migrate(*db, kSchemaVersion, {}, fileStamp(opt.clock())); !st) {
    auto e = st.error();
    e.args.emplace_back("path", redactedUrl(opt.pgUrl));
    return e;
  }
  return std::unique_ptr<Store>(new Store(std::move(opt), std::move(*db)));
}

Store::~Store() = default;

int Store::schemaVersion() { return m_db.userVersion(); }

std::string Store::where() const { return m_opt.pgUrl.empty() ? m_opt.file.string() : redactedUrl(m_opt.pgUrl); }

bool Store::isDemo() {
  try {
    auto q = m_db.prepare("SELECT value FROM meta WHERE key = 'demo'");
    return q.step() && q.text(0) == "1";
  } catch (const DbError&) {
    return false;
  }
}

std::int64_t Store::now() const { return m_opt.clock(); }
std::string Store::today() const { return detail::isoTime(now()).substr(0, 10); }

Actor Store::systemActor() const { return Actor(0, "sistem", Role::Admin, 0); }

Status Store::require(const Actor& by, std::initializer_list<Role> roles, const char* what) const {
  for (Role r : roles)
    if (by.role() == r) return imaging::Ok{};
  return makeError(canting::records::RecordsError::NotAllowed, {{"role", std::string("@records.role.") + roleName(by.role())}, {"what", std::string("@records.action.") + what}});
}

}  // namespace canting::records
