// The Db/Stmt layer's public calls and its SQLite backend.
//
// Index of this file:
// [SECTION] SQLite's result codes and their names
// [SECTION] the SQLite backend
// [SECTION] Stmt, Db and Transaction: the backend's calls

#include "canting/records/db.h"

#include <sqlite3.h>

#include <cstring>

#include "db_backend.h"

namespace canting::records {

// [SECTION] SQLite's result codes and their names

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
  if (!sqlstate.empty()) return "postgres " + sqlstate + " (" + sqliteCodeName(extendedCode) + "): " + message;
  return "sqlite " + std::to_string(code) + "/" + std::to_string(extendedCode) + " " + sqliteCodeName(extendedCode) + ": " + message;
}
// Class 08 is a connection exception; 57P01..57P03 are the server shutting down or not yet up.
bool DbError::serverGone() const { return sqlstate.rfind("08", 0) == 0 || sqlstate.rfind("57P", 0) == 0; }
bool DbError::retryable() const { return sqlstate == "40001" || sqlstate == "40P01"; }


// [SECTION] the SQLite backend

namespace {

class SqliteStmt final : public detail::StmtBackend {
 public:
  SqliteStmt(sqlite3* db, sqlite3_stmt* s) : m_db(db), m_s(s) {}
  ~SqliteStmt() override { sqlite3_finalize(m_s); }
  void bind(int i, std::int64_t v) override {
    if (int rc = sqlite3_bind_int64(m_s, i, v); rc != SQLITE_OK) fail(m_db, rc);
  }
  void bind(int i, double v) override {
    if (int rc = sqlite3_bind_double(m_s, i, v); rc != SQLITE_OK) fail(m_db, rc);
  }
  void bind(int i, std::string_view v) override {
    if (int rc = sqlite3_bind_text64(m_s, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8); rc != SQLITE_OK) fail(m_db, rc);
  }
  void bindNull(int i) override {
    if (int rc = sqlite3_bind_null(m_s, i); rc != SQLITE_OK) fail(m_db, rc);
  }
  void bindBlob(int i, const void* data, std::size_t size) override {
    if (int rc = sqlite3_bind_blob64(m_s, i, data, size, SQLITE_TRANSIENT); rc != SQLITE_OK) fail(m_db, rc);
  }
  bool step() override {
    const int rc = sqlite3_step(m_s);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(m_s);
    fail(m_db, rc);
  }
  void reset() override {
    sqlite3_reset(m_s);
    sqlite3_clear_bindings(m_s);
  }
  std::int64_t i64(int col) const override { return sqlite3_column_int64(m_s, col); }
  double f64(int col) const override { return sqlite3_column_double(m_s, col); }
  std::string text(int col) const override {
    const auto* p = sqlite3_column_text(m_s, col);
    return p ? std::string(reinterpret_cast<const char*>(p), std::size_t(sqlite3_column_bytes(m_s, col))) : std::string();
  }
  bool isNull(int col) const override { return sqlite3_column_type(m_s, col) == SQLITE_NULL; }
  int columns() const override { return sqlite3_column_count(m_s); }

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_s;
};

class SqliteDb final : public detail::DbBackend {
 public:
  explicit SqliteDb(sqlite3* db) : m_db(db) {}
  ~SqliteDb() override { sqlite3_close_v2(m_db); }
  Dialect dialect() const override { return Dialect::Sqlite; }
  std::unique_ptr<detail::StmtBackend> prepare(std::string_view sql) override {
    sqlite3_stmt* s = nullptr;
    if (int rc = sqlite3_prepare_v2(m_db, sql.data(), int(sql.size()), &s, nullptr); rc != SQLITE_OK) fail(m_db, rc);
    return std::make_unique<SqliteStmt>(m_db, s);
  }
  void exec(std::string_view sql) override {
    char* err = nullptr;
    const std::string s(sql);
    if (int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      throw makeDbError(m_db, rc, std::move(msg));
    }
  }
  std::int64_t lastId() override { return sqlite3_last_insert_rowid(m_db); }
  int changes() const override { return sqlite3_changes(m_db); }
  int userVersion() override {
    auto q = prepare("PRAGMA user_version");
    q->step();
    return int(q->i64(0));
  }
  void setUserVersion(int v) override { exec("PRAGMA user_version = " + std::to_string(v)); }
  bool inTransaction() const override { return sqlite3_get_autocommit(m_db) == 0; }
  void beginRead() override { exec("BEGIN"); }
  void beginWrite() override { exec("BEGIN IMMEDIATE"); }
  void rollbackQuietly() noexcept override { sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr); }
  sqlite3* raw() const override { return m_db; }

 private:
  sqlite3* m_db;
};

}  // namespace

// [SECTION] Stmt, Db and Transaction: the backend's calls

Stmt::Stmt() = default;
Stmt::Stmt(std::unique_ptr<detail::StmtBackend> s) : m_s(std::move(s)) {}
Stmt::Stmt(Stmt&& o) noexcept = default;
Stmt& Stmt::operator=(Stmt&& o) noexcept = default;
Stmt::~Stmt() = default;

Stmt& Stmt::bind(int i, std::int64_t v) {
  m_s->bind(i, v);
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  m_s->bind(i, v);
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
  m_s->bind(i, v);
  return *this;
}
Stmt& Stmt::bindNull(int i) {
  m_s->bindNull(i);
  return *this;
}
Stmt& Stmt::bindBlob(int i, const void* data, std::size_t size) {
  m_s->bindBlob(i, data, size);
  return *this;
}
bool Stmt::step() { return m_s->step(); }
void Stmt::reset() { m_s->reset(); }
std::int64_t Stmt::i64(int col) const { return m_s->i64(col); }
double Stmt::f64(int col) const { return m_s->f64(col); }
std::string Stmt::text(int col) const { return m_s->text(col); }
bool Stmt::isNull(int col) const { return m_s->isNull(col); }
int Stmt::columns() const { return m_s->columns(); }

Db::Db() = default;
Db::Db(Db&& o) noexcept = default;
Db& Db::operator=(Db&& o) noexcept = default;
Db::~Db() = default;

Result<Db> Db::open(const std::filesystem::path& file) {
  sqlite3* h = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  Db db;
  db.m_db = std::make_unique<SqliteDb>(h);  // closes h whatever happens next
  if (rc != SQLITE_OK)
    return imaging::makeError(rc == SQLITE_CANTOPEN ? canting::base::Code(imaging::ErrorCode::PermissionDenied) : canting::base::Code(canting::records::RecordsError::DatabaseDamaged),
                              {{"path", file.string()}}, makeDbError(h, rc, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc)).describe());
  // Another process (the CLI beside the GUI) may hold the write lock briefly.
  sqlite3_busy_timeout(h, 5000);
  sqlite3_extended_result_codes(h, 1);
  return db;
}

Result<Db> Db::openPostgres(const std::string& url) {
  auto backend = detail::connectPostgres(url);
  if (!backend) return backend.error();
  Db db;
  db.m_db = std::move(*backend);
  return db;
}

Dialect Db::dialect() const { return m_db->dialect(); }
Stmt Db::prepare(std::string_view sql) { return Stmt(m_db->prepare(sql)); }
void Db::exec(std::string_view sql) { m_db->exec(sql); }
std::int64_t Db::lastId() const { return m_db->lastId(); }
int Db::changes() const { return m_db->changes(); }
int Db::userVersion() { return m_db->userVersion(); }
void Db::setUserVersion(int v) { m_db->setUserVersion(v); }
bool Db::inTransaction() const { return m_db->inTransaction(); }
void Db::beginRead() { m_db->beginRead(); }
void Db::beginWrite() { m_db->beginWrite(); }
void Db::rollbackQuietly() noexcept { m_db->rollbackQuietly(); }
sqlite3* Db::raw() const { return m_db ? m_db->raw() : nullptr; }

Transaction::Transaction(Db& db) : m_db(db) { m_db.beginWrite(); }
Transaction::~Transaction() {
  if (!m_done) m_db.rollbackQuietly();
}
void Transaction::commit() {
  m_db.exec("COMMIT");
  m_done = true;
}

std::string redactedUrl(const std::string& url) {
  // postgresql://user:secret@host/db -> postgresql://user:***@host/db; password=... in keyword form likewise.
  std::string out = url;
  if (const auto scheme = out.find("://"); scheme != std::string::npos) {
    const auto at = out.find('@', scheme + 3);
    const auto colon = out.find(':', scheme + 3);
    if (at != std::string::npos && colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  for (const char* key : {"password=", "PASSWORD="}) {
    auto p = out.find(key);
    while (p != std::string::npos) {
      const auto from = p + std::strlen(key);
      auto end = out.find_first_of("& ", from);
      if (end == std::string::npos) end = out.size();
      out.replace(from, end - from, "***");
      p = out.find(key, from + 3);
    }
  }
  return out;
}

}  // namespace canting::records
