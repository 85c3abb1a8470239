#pragma once
// A thin RAII layer over the records database: one connection, prepared
// statements with typed binds, and a transaction guard that rolls back unless
// committed. Two backends sit behind it (src/db_sqlite.cpp for a centre's
// file, src/db_pg.cpp for the regency's PostgreSQL server); the store writes
// its SQL once, in SQLite's spelling with ?N placeholders, and the PostgreSQL
// backend translates what differs (src/pg_sql.cpp).
// Errors come back as imaging::Error so the UI shows them like any other.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "canting/imaging/error.h"
#include "canting/records/errors.h"

struct sqlite3;

namespace canting::records {

using imaging::Error;
using imaging::Result;
using imaging::Status;

enum class Dialect { Sqlite, Postgres };

namespace detail {
class StmtBackend;  // src/db_backend.h
class DbBackend;
}  // namespace detail

class Stmt {
 public:
  Stmt();
  explicit Stmt(std::unique_ptr<detail::StmtBackend> s);
  Stmt(Stmt&& o) noexcept;
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Binds are 1-based like SQLite's; each returns *this to chain.
  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, int v) { return bind(i, std::int64_t(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bindNull(int i);
  Stmt& bindIdOrNull(int i, std::int64_t id) { return id > 0 ? bind(i, id) : bindNull(i); }
  Stmt& bindBlob(int i, const void* data, std::size_t size);

  // True while a row is ready; false when done. A failure throws DbError,
  // which the store turns into a Result at its boundary.
  bool step();
  void run() { while (step()) {} }
  void reset();

  std::int64_t i64(int col) const;
  double f64(int col) const;
  std::string text(int col) const;
  bool isNull(int col) const;
  int columns() const;

 private:
  std::unique_ptr<detail::StmtBackend> m_s;
};

// Thrown inside the records library only; never crosses the store's public
// API. It keeps both of SQLite's result codes: the primary one decides which
// Error the user sees, the extended one tells a bug report which constraint
// or I/O step failed. PostgreSQL's errors are mapped onto the same codes
// (a unique violation is SQLITE_CONSTRAINT_UNIQUE) and keep their SQLSTATE.
struct DbError {
  int code;          // primary, e.g. 19 (SQLITE_CONSTRAINT)
  int extendedCode;  // e.g. 2067 (SQLITE_CONSTRAINT_UNIQUE); equals code when SQLite gives no more
  std::string message;
  std::string sqlstate = {};  // PostgreSQL's five characters ("23505"); empty from SQLite

  // "sqlite 19/2067 SQLITE_CONSTRAINT_UNIQUE: UNIQUE constraint failed: trainees.nik"
  // or "postgres 23505 (SQLITE_CONSTRAINT_UNIQUE): duplicate key value ..."
  std::string describe() const;
  bool serverGone() const;      // the connection to PostgreSQL failed or was lost
  bool retryable() const;       // a serialization failure or deadlock: the whole transaction may run again
};
// SQLite's name for a result code ("SQLITE_CONSTRAINT_UNIQUE"), or
// "SQLITE_<n>" for one this build does not name.
std::string sqliteCodeName(int code);

class Db {
 public:
  Db();
  Db(Db&& o) noexcept;
  Db& operator=(Db&& o) noexcept;
  ~Db();

  static Result<Db> open(const std::filesystem::path& file);
  // A PostgreSQL connection URL or keyword string (libpq's conninfo).
  static Result<Db> openPostgres(const std::string& url);
  Dialect dialect() const;
  Stmt prepare(std::string_view sql);
  void exec(std::string_view sql);
  std::int64_t lastId() const;
  int changes() const;
  // The schema version the migrations reached (SQLite's user_version; a
  // one-row table on PostgreSQL).
  int userVersion();
  void setUserVersion(int v);
  bool inTransaction() const;
  // A read-only snapshot for a consistent read of several queries.
  void beginRead();
  // BEGIN IMMEDIATE on SQLite; on PostgreSQL BEGIN plus a transaction-wide
  // advisory lock, so writers serialise exactly as SQLite's do.
  void beginWrite();
  void rollbackQuietly() noexcept;
  sqlite3* raw() const;  // SQLite only; nullptr on PostgreSQL

 private:
  std::unique_ptr<detail::DbBackend> m_db;
};

// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless commit()
// ran. Every multi-row change in the store goes through one of these.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  void commit();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

 private:
  Db& m_db;
  bool m_done = false;
};

// A PostgreSQL URL with its password blanked, for messages and logs.
std::string redactedUrl(const std::string& url);

}  // namespace canting::records
