#pragma once
// What a database backend gives the Db/Stmt layer (db.h); not public API.
// SQLite's lives in db.cpp, PostgreSQL's in db_pg.cpp.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "canting/records/db.h"

namespace canting::records::detail {

class StmtBackend {
 public:
  virtual ~StmtBackend() = default;
  virtual void bind(int i, std::int64_t v) = 0;
  virtual void bind(int i, double v) = 0;
  virtual void bind(int i, std::string_view v) = 0;
  virtual void bindNull(int i) = 0;
  virtual void bindBlob(int i, const void* data, std::size_t size) = 0;
  virtual bool step() = 0;
  virtual void reset() = 0;
  virtual std::int64_t i64(int col) const = 0;
  virtual double f64(int col) const = 0;
  virtual std::string text(int col) const = 0;
  virtual bool isNull(int col) const = 0;
  virtual int columns() const = 0;
};

class DbBackend {
 public:
  virtual ~DbBackend() = default;
  virtual Dialect dialect() const = 0;
  virtual std::unique_ptr<StmtBackend> prepare(std::string_view sql) = 0;
  virtual void exec(std::string_view sql) = 0;
  virtual std::int64_t lastId() = 0;
  virtual int changes() const = 0;
  virtual int userVersion() = 0;
  virtual void setUserVersion(int v) = 0;
  virtual bool inTransaction() const = 0;
  virtual void beginRead() = 0;
  virtual void beginWrite() = 0;
  virtual void rollbackQuietly() noexcept = 0;
  virtual sqlite3* raw() const { return nullptr; }
};

// db_pg.cpp: connects, or returns the Error the user sees (ServerUnavailable).
Result<std::unique_ptr<DbBackend>> connectPostgres(const std::string& url);

}  // namespace canting::records::detail
