#pragma once
// A thin RAII layer over SQLite: one connection, prepared statements with
// typed binds, and a transaction guard that rolls back unless committed.
// Errors come back as imaging::Error so the UI shows them like any other.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "canting/imaging/error.h"
#include "canting/records/errors.h"

struct sqlite3;
struct sqlite3_stmt;

namespace canting::records {

using imaging::Error;
using imaging::Result;
using imaging::Status;

class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, sqlite3_stmt* s) : m_db(db), m_s(s) {}
  Stmt(Stmt&& o) noexcept : m_db(o.m_db), m_s(o.m_s) { o.m_s = nullptr; }
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

 private:
  sqlite3* m_db = nullptr;
  sqlite3_stmt* m_s = nullptr;
};

// Thrown inside the records library only; never crosses the store's public
// API. It keeps both of SQLite's result codes: the primary one decides which
// Error the user sees, the extended one tells a bug report which constraint
// or I/O step failed.
struct DbError {
  int code;          // primary, e.g. 19 (SQLITE_CONSTRAINT)
  int extendedCode;  // e.g. 2067 (SQLITE_CONSTRAINT_UNIQUE); equals code when SQLite gives no more
  std::string message;

  // "sqlite 19/2067 SQLITE_CONSTRAINT_UNIQUE: UNIQUE constraint failed: trainees.nik"
  std::string describe() const;
};
// SQLite's name for a result code ("SQLITE_CONSTRAINT_UNIQUE"), or
// "SQLITE_<n>" for one this build does not name.
std::string sqliteCodeName(int code);

class Db {
 public:
  Db() = default;
  Db(Db&& o) noexcept : m_db(o.m_db) { o.m_db = nullptr; }
  Db& operator=(Db&& o) noexcept;
  ~Db();

  static Result<Db> open(const std::filesystem::path& file);
  Stmt prepare(std::string_view sql);
  void exec(std::string_view sql);
  std::int64_t lastId() const;
  int changes() const;
  sqlite3* raw() const { return m_db; }

 private:
  sqlite3* m_db = nullptr;
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

}  // namespace canting::records
