// The PostgreSQL backend of the Db/Stmt layer (db.h), over libpq.
//
// Every statement with values is a server-side prepared statement, prepared
// once per connection and SQL text and then only executed (PQexecPrepared);
// values travel as text and the server infers their types from where they
// stand, as SQLite's affinity did. A statement's rows are fetched whole when
// it is first stepped, so several may be open at once on one connection.
//
// Index of this file:
// [SECTION] errors: SQLSTATE to SQLite's codes
// [SECTION] statements
// [SECTION] the connection

#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <vector>

#include "db_backend.h"
#include "pg_sql.h"

namespace canting::records::detail {

namespace {

// [SECTION] errors: SQLSTATE to SQLite's codes

// SQLite's numbers (sqlite3.h is not needed for nine constants).
constexpr int kError = 1, kPerm = 3, kBusy = 5, kNoMem = 7, kReadOnly = 8, kFull = 13, kCantOpen = 14, kConstraint = 19;
constexpr int kConstraintCheck = 275, kConstraintForeignKey = 787, kConstraintNotNull = 1299, kConstraintTrigger = 1811,
              kConstraintUnique = 2067;

DbError pgError(PGconn* conn, const PGresult* r) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state ? state : "";
  std::string message = r ? PQresultErrorMessage(r) : "";
  if (message.empty()) message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (sqlstate.empty() && PQstatus(conn) == CONNECTION_BAD) sqlstate = "08006";
  int code = kError, ext = kError;
  if (sqlstate == "23505") code = kConstraint, ext = kConstraintUnique;
  else if (sqlstate == "23503") code = kConstraint, ext = kConstraintForeignKey;
  else if (sqlstate == "23502") code = kConstraint, ext = kConstraintNotNull;
  else if (sqlstate == "23514") code = kConstraint, ext = kConstraintCheck;
  else if (sqlstate.rfind("23", 0) == 0) code = ext = kConstraint;
  else if (sqlstate == "P0001") code = kConstraint, ext = kConstraintTrigger;  // our triggers refusing DELETE/UPDATE
  else if (sqlstate == "53100") code = ext = kFull;
  else if (sqlstate == "53200") code = ext = kNoMem;
  else if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") code = ext = kBusy;
  else if (sqlstate == "42501") code = ext = kPerm;
  else if (sqlstate == "25006") code = ext = kReadOnly;
  else if (sqlstate.rfind("08", 0) == 0 || sqlstate.rfind("57P", 0) == 0) code = ext = kCantOpen;
  return DbError{code, ext, std::move(message), std::move(sqlstate)};
}

struct ResultPtr {
  PGresult* r = nullptr;
  explicit ResultPtr(PGresult* p = nullptr) : r(p) {}
  ResultPtr(ResultPtr&& o) noexcept : r(o.r) { o.r = nullptr; }
  ResultPtr& operator=(ResultPtr&& o) noexcept {
    std::swap(r, o.r);
    return *this;
  }
  ~ResultPtr() { PQclear(r); }
};

class PgDb;

// [SECTION] statements

class PgStmt final : public StmtBackend {
 public:
  PgStmt(PgDb& db, std::string name, int params) : m_db(db), m_name(std::move(name)), m_values(std::size_t(params)) {}
  void bind(int i, std::int64_t v) override { set(i, std::to_string(v)); }
  void bind(int i, double v) override {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    set(i, buf);
  }
  void bind(int i, std::string_view v) override { set(i, std::string(v)); }
  void bindNull(int i) override { at(i) = Value{}; }
  void bindBlob(int i, const void* data, std::size_t size) override {
    at(i) = Value{std::string(static_cast<const char*>(data), size), true};
  }
  bool step() override;
  void reset() override {
    m_result = ResultPtr();
    m_row = -1;
    for (Value& v : m_values) v = Value{};
  }
  std::int64_t i64(int col) const override {
    const char* v = cell(col);
    if (!v) return 0;
    if (v[0] == 't' && v[1] == '\0') return 1;  // a boolean expression read as a number, as SQLite's are
    if (v[0] == 'f' && v[1] == '\0') return 0;
    return std::strtoll(v, nullptr, 10);
  }
  double f64(int col) const override {
    const char* v = cell(col);
    if (!v) return 0;
    if (v[0] == 't' && v[1] == '\0') return 1;
    if (v[0] == 'f' && v[1] == '\0') return 0;
    return std::strtod(v, nullptr);
  }
  std::string text(int col) const override {
    const char* v = cell(col);
    return v ? std::string(v, std::size_t(PQgetlength(m_result.r, m_row, col))) : std::string();
  }
  bool isNull(int col) const override { return cell(col) == nullptr; }
  int columns() const override { return m_result.r ? PQnfields(m_result.r) : 0; }

 private:
  struct Value {
    std::optional<std::string> bytes;
    bool binary = false;
  };
  Value& at(int i) {
    if (i < 1) throw DbError{25, 25, "bind index " + std::to_string(i) + " out of range"};  // SQLITE_RANGE
    if (std::size_t(i) > m_values.size()) m_values.resize(std::size_t(i));
    return m_values[std::size_t(i - 1)];
  }
  void set(int i, std::string v) { at(i) = Value{std::move(v), false}; }
  const char* cell(int col) const {
    if (!m_result.r || m_row < 0 || col < 0 || col >= PQnfields(m_result.r) || PQgetisnull(m_result.r, m_row, col)) return nullptr;
    return PQgetvalue(m_result.r, m_row, col);
  }

  PgDb& m_db;
  std::string m_name;
  std::vector<Value> m_values;
  ResultPtr m_result;
  int m_row = -1;  // -1: not run yet
};

// [SECTION] the connection

// One key for the advisory lock every writing transaction takes ("canting" in ASCII).
constexpr const char* kWriteLock = "SELECT pg_advisory_xact_lock(109626563637063)";

void quiet(void*, const char*) {}  // NOTICEs (CREATE ... IF NOT EXISTS) are not the user's business

class PgDb final : public DbBackend {
 public:
  explicit PgDb(PGconn* c) : m_conn(c) { PQsetNoticeProcessor(m_conn, quiet, nullptr); }
  ~PgDb() override { PQfinish(m_conn); }
  Dialect dialect() const override { return Dialect::Postgres; }

  std::unique_ptr<StmtBackend> prepare(std::string_view sql) override {
    auto it = m_prepared.find(std::string(sql));
    if (it == m_prepared.end()) {
      const std::string text = toPostgres(sql);
      const std::string name = "c" + std::to_string(m_prepared.size() + 1);
      ResultPtr r(PQprepare(m_conn, name.c_str(), text.c_str(), 0, nullptr));
      if (PQresultStatus(r.r) != PGRES_COMMAND_OK) throw pgError(m_conn, r.r);
      ResultPtr d(PQdescribePrepared(m_conn, name.c_str()));
      const int params = PQresultStatus(d.r) == PGRES_COMMAND_OK ? PQnparams(d.r) : 0;
      it = m_prepared.emplace(std::string(sql), Prepared{name, params}).first;
    }
    return std::make_unique<PgStmt>(*this, it->second.name, it->second.params);
  }
  void exec(std::string_view sql) override { run(toPostgres(sql)); }
  std::int64_t lastId() override {
    auto q = prepare("SELECT lastval()");
    q->step();
    return q->i64(0);
  }
  int changes() const override { return m_changes; }
  int userVersion() override {
    auto q = prepare("SELECT version FROM canting_schema");
    return q->step() ? int(q->i64(0)) : 0;
  }
  void setUserVersion(int v) override {
    auto q = prepare("UPDATE canting_schema SET version = ?1");
    q->bind(1, std::int64_t(v));
    q->step();
  }
  bool inTransaction() const override { return PQtransactionStatus(m_conn) != PQTRANS_IDLE; }
  void beginRead() override { run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
  void beginWrite() override {
    run("BEGIN");
    run(kWriteLock);
  }
  void rollbackQuietly() noexcept override { PQclear(PQexec(m_conn, "ROLLBACK")); }

  PGconn* conn() const { return m_conn; }
  void setChanges(int n) { m_changes = n; }

  void run(const std::string& sql) {
    ResultPtr r(PQexec(m_conn, sql.c_str()));
    const auto st = PQresultStatus(r.r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw pgError(m_conn, r.r);
    const char* n = PQcmdTuples(r.r);
    m_changes = n && *n ? std::atoi(n) : 0;
  }

 private:
  struct Prepared {
    std::string name;
    int params;
  };
  PGconn* m_conn;
  std::unordered_map<std::string, Prepared> m_prepared;
  int m_changes = 0;
};

bool PgStmt::step() {
  if (m_row < 0) {
    std::vector<const char*> values(m_values.size());
    std::vector<int> lengths(m_values.size()), formats(m_values.size());
    for (std::size_t i = 0; i < m_values.size(); ++i) {
      values[i] = m_values[i].bytes ? m_values[i].bytes->data() : nullptr;
      lengths[i] = m_values[i].bytes ? int(m_values[i].bytes->size()) : 0;
      formats[i] = m_values[i].binary ? 1 : 0;
    }
    m_result = ResultPtr(PQexecPrepared(m_db.conn(), m_name.c_str(), int(values.size()), values.data(), lengths.data(), formats.data(), 0));
    const auto st = PQresultStatus(m_result.r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      DbError e = pgError(m_db.conn(), m_result.r);
      m_result = ResultPtr();
      throw e;
    }
    const char* n = PQcmdTuples(m_result.r);
    m_db.setChanges(n && *n ? std::atoi(n) : 0);
  }
  ++m_row;
  return m_row < PQntuples(m_result.r);
}

}  // namespace

Result<std::unique_ptr<DbBackend>> connectPostgres(const std::string& url) {
  // A server that does not answer is given ten seconds unless the URL says otherwise.
  const char* keys[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"10", url.c_str(), nullptr};
  PGconn* c = PQconnectdbParams(keys, values, 1);
  if (!c || PQstatus(c) != CONNECTION_OK) {
    std::string why = c ? PQerrorMessage(c) : "out of memory";
    PQfinish(c);
    while (!why.empty() && why.back() == '\n') why.pop_back();
    return imaging::makeError(RecordsError::ServerUnavailable, {{"server", redactedUrl(url)}}, "postgres: " + why);
  }
  auto db = std::make_unique<PgDb>(c);
  try {
    if (PQsetClientEncoding(c, "UTF8") != 0) throw DbError{kError, kError, "client encoding UTF8 refused", "22021"};
    db->run("SET client_min_messages = warning");
    // The schema version lives in a one-row table; made under the writers' lock
    // so that two first connections do not race to make it.
    db->beginWrite();
    db->run("CREATE TABLE IF NOT EXISTS canting_schema (one INTEGER PRIMARY KEY CHECK (one = 1), version INTEGER NOT NULL)");
    db->run("INSERT INTO canting_schema VALUES (1, 0) ON CONFLICT DO NOTHING");
    db->run("COMMIT");
  } catch (const DbError& e) {
    return imaging::makeError(RecordsError::ServerUnavailable, {{"server", redactedUrl(url)}}, e.describe());
  }
  return std::unique_ptr<DbBackend>(std::move(db));
}

}  // namespace canting::records::detail
