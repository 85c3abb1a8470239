#include "canting/records/db.h"

#include <sqlite3.h>

namespace canting::records {

namespace {

// With extended result codes switched on (Db::open) rc is already extended;
// without them the connection still knows the extended code of its last error.
DbError makeDbError(sqlite3* db, int rc, std::string message) {
  int extended = rc;
  if (db && rc == (rc & 0xFF) && (sqlite3_extended_errcode(db) & 0xFF) == rc) extended = sqlite3_extended_errcode(db);
  return DbError{rc & 0xFF, extended, std::move(message)};
}

[[noreturn]] void fail(sqlite3* db, int rc) { throw makeDbError(db, rc, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)); }

struct CodeName {
  int code;
  const char* name;
};
#define CANTING_SQLITE_CODE(c) CodeName{c, #c}
// The codes a records file can meet; the rest print as SQLITE_<n>.
constexpr CodeName kCodeNames[] = {
    CANTING_SQLITE_CODE(SQLITE_OK), CANTING_SQLITE_CODE(SQLITE_ERROR), CANTING_SQLITE_CODE(SQLITE_INTERNAL),
    CANTING_SQLITE_CODE(SQLITE_PERM), CANTING_SQLITE_CODE(SQLITE_ABORT), CANTING_SQLITE_CODE(SQLITE_BUSY),
    CANTING_SQLITE_CODE(SQLITE_LOCKED), CANTING_SQLITE_CODE(SQLITE_NOMEM), CANTING_SQLITE_CODE(SQLITE_READONLY),
    CANTING_SQLITE_CODE(SQLITE_INTERRUPT), CANTING_SQLITE_CODE(SQLITE_IOERR), CANTING_SQLITE_CODE(SQLITE_CORRUPT),
    CANTING_SQLITE_CODE(SQLITE_NOTFOUND), CANTING_SQLITE_CODE(SQLITE_FULL), CANTING_SQLITE_CODE(SQLITE_CANTOPEN),
    CANTING_SQLITE_CODE(SQLITE_PROTOCOL), CANTING_SQLITE_CODE(SQLITE_EMPTY), CANTING_SQLITE_CODE(SQLITE_SCHEMA),
    CANTING_SQLITE_CODE(SQLITE_TOOBIG), CANTING_SQLITE_CODE(SQLITE_CONSTRAINT), CANTING_SQLITE_CODE(SQLITE_MISMATCH),
    CANTING_SQLITE_CODE(SQLITE_MISUSE), CANTING_SQLITE_CODE(SQLITE_NOLFS), CANTING_SQLITE_CODE(SQLITE_AUTH),
    CANTING_SQLITE_CODE(SQLITE_FORMAT), CANTING_SQLITE_CODE(SQLITE_RANGE), CANTING_SQLITE_CODE(SQLITE_NOTADB),
    CANTING_SQLITE_CODE(SQLITE_NOTICE), CANTING_SQLITE_CODE(SQLITE_WARNING), CANTING_SQLITE_CODE(SQLITE_ROW),
    CANTING_SQLITE_CODE(SQLITE_DONE),
    CANTING_SQLITE_CODE(SQLITE_CONSTRAINT_CHECK), CANTING_SQLITE_CODE(SQLITE_CONSTRAINT_FOREIGNKEY),
    CANTING_SQLITE_CODE(SQLITE_CONSTRAINT_NOTNULL), CANTING_SQLITE_CODE(SQLITE_CONSTRAINT_PRIMARYKEY),
    CANTING_SQLITE_CODE(SQLITE_CONSTRAINT_TRIGGER), CANTING_SQLITE_CODE(SQLITE_CONSTRAINT_UNIQUE),
    CANTING_SQLITE_CODE(SQLITE_CONSTRAINT_ROWID), CANTING_SQLITE_CODE(SQLITE_CORRUPT_INDEX),
    CANTING_SQLITE_CODE(SQLITE_CORRUPT_SEQUENCE), CANTING_SQLITE_CODE(SQLITE_CORRUPT_VTAB),
    CANTING_SQLITE_CODE(SQLITE_READONLY_DBMOVED), CANTING_SQLITE_CODE(SQLITE_READONLY_DIRECTORY),
    CANTING_SQLITE_CODE(SQLITE_READONLY_RECOVERY), CANTING_SQLITE_CODE(SQLITE_READONLY_CANTLOCK),
    CANTING_SQLITE_CODE(SQLITE_READONLY_ROLLBACK), CANTING_SQLITE_CODE(SQLITE_BUSY_RECOVERY),
    CANTING_SQLITE_CODE(SQLITE_BUSY_SNAPSHOT), CANTING_SQLITE_CODE(SQLITE_BUSY_TIMEOUT),
    CANTING_SQLITE_CODE(SQLITE_CANTOPEN_ISDIR), CANTING_SQLITE_CODE(SQLITE_CANTOPEN_FULLPATH),
    CANTING_SQLITE_CODE(SQLITE_IOERR_READ), CANTING_SQLITE_CODE(SQLITE_IOERR_SHORT_READ),
    CANTING_SQLITE_CODE(SQLITE_IOERR_WRITE), CANTING_SQLITE_CODE(SQLITE_IOERR_FSYNC),
    CANTING_SQLITE_CODE(SQLITE_IOERR_TRUNCATE), CANTING_SQLITE_CODE(SQLITE_IOERR_NOMEM),
    CANTING_SQLITE_CODE(SQLITE_IOERR_LOCK), CANTING_SQLITE_CODE(SQLITE_IOERR_SHMOPEN),
    CANTING_SQLITE_CODE(SQLITE_IOERR_SHMMAP),
};
#undef CANTING_SQLITE_CODE

}  // namespace

std::string sqliteCodeName(int code) {
  for (const CodeName& c : kCodeNames)
    if (c.code == code) return c.name;
  return "SQLITE_" + std::to_string(code);
}

std::string DbError::describe() const {
  return "sqlite " + std::to_string(code) + "/" + std::to_string(extendedCode) + " " + sqliteCodeName(extendedCode) + ": " + message;
}

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(m_s);
    m_db = o.m_db;
    m_s = o.m_s;
    o.m_s = nullptr;
  }
  return *this;
}
Stmt::~Stmt() { sqlite3_finalize(m_s); }

Stmt& Stmt::bind(int i, std::int64_t v) {
  if (int rc = sqlite3_bind_int64(m_s, i, v); rc != SQLITE_OK) fail(m_db, rc);
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  if (int rc = sqlite3_bind_double(m_s, i, v); rc != SQLITE_OK) fail(m_db, rc);
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
  if (int rc = sqlite3_bind_text64(m_s, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8); rc != SQLITE_OK) fail(m_db, rc);
  return *this;
}
Stmt& Stmt::bindNull(int i) {
  if (int rc = sqlite3_bind_null(m_s, i); rc != SQLITE_OK) fail(m_db, rc);
  return *this;
}
Stmt& Stmt::bindBlob(int i, const void* data, std::size_t size) {
  if (int rc = sqlite3_bind_blob64(m_s, i, data, size, SQLITE_TRANSIENT); rc != SQLITE_OK) fail(m_db, rc);
  return *this;
}
bool Stmt::step() {
  const int rc = sqlite3_step(m_s);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(m_s);
  fail(m_db, rc);
}
void Stmt::reset() {
  sqlite3_reset(m_s);
  sqlite3_clear_bindings(m_s);
}
std::int64_t Stmt::i64(int col) const { return sqlite3_column_int64(m_s, col); }
double Stmt::f64(int col) const { return sqlite3_column_double(m_s, col); }
std::string Stmt::text(int col) const {
  const auto* p = sqlite3_column_text(m_s, col);
  return p ? std::string(reinterpret_cast<const char*>(p), std::size_t(sqlite3_column_bytes(m_s, col))) : std::string();
}
bool Stmt::isNull(int col) const { return sqlite3_column_type(m_s, col) == SQLITE_NULL; }

Db& Db::operator=(Db&& o) noexcept {
  if (this != &o) {
    sqlite3_close_v2(m_db);
    m_db = o.m_db;
    o.m_db = nullptr;
  }
  return *this;
}
Db::~Db() { sqlite3_close_v2(m_db); }

Result<Db> Db::open(const std::filesystem::path& file) {
  Db db;
  const int rc = sqlite3_open_v2(file.c_str(), &db.m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK)
    return imaging::makeError(rc == SQLITE_CANTOPEN ? canting::base::Code(imaging::ErrorCode::PermissionDenied) : canting::base::Code(canting::records::RecordsError::DatabaseDamaged),
                              {{"path", file.string()}}, makeDbError(db.m_db, rc, db.m_db ? sqlite3_errmsg(db.m_db) : sqlite3_errstr(rc)).describe());
  // Another process (the CLI beside the GUI) may hold the write lock briefly.
  sqlite3_busy_timeout(db.m_db, 5000);
  sqlite3_extended_result_codes(db.m_db, 1);
  return db;
}

Stmt Db::prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  if (int rc = sqlite3_prepare_v2(m_db, sql.data(), int(sql.size()), &s, nullptr); rc != SQLITE_OK) fail(m_db, rc);
  return Stmt(m_db, s);
}
void Db::exec(std::string_view sql) {
  char* err = nullptr;
  const std::string s(sql);
  if (int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw makeDbError(m_db, rc, std::move(msg));
  }
}
std::int64_t Db::lastId() const { return sqlite3_last_insert_rowid(m_db); }
int Db::changes() const { return sqlite3_changes(m_db); }

Transaction::Transaction(Db& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }
Transaction::~Transaction() {
  if (!m_done) sqlite3_exec(m_db.raw(), "ROLLBACK", nullptr, nullptr, nullptr);
}
void Transaction::commit() {
  m_db.exec("COMMIT");
  m_done = true;
}

}  // namespace canting::records
