#pragma once
// The canonical content of the records the audit log covers (audit_content.cpp);
// not public API.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store_internal.h"

namespace canting::records::detail {

struct RecordContent {
  std::string uuid;
  std::string hash;  // SHA-256 of the canonical content, hex
};

bool isRecordKind(const std::string& kind);
// The record as it is now; none when the kind is unknown or the row is not there.
std::optional<RecordContent> recordContent(Db& db, const RecordRef& r);
// Every record of every kind, in one pass per kind.
void allRecordContents(Db& db, const std::function<void(const char* kind, const char* table, Id id, const std::string& uuid,
                                                        const std::string& hash)>& f);

// PostgreSQL's trigger noting the records a write to `table` touched (the
// schema makes one per table that belongs to a record); empty for other tables.
std::string pgWriteTracking(const std::string& table);

// Notes every record a stretch of writes touched (an import writes hundreds
// in one go), so that each gets its own audit entry. One per connection at a time.
class WrittenRecords {
 public:
  explicit WrittenRecords(Db& db);
  ~WrittenRecords();
  WrittenRecords(const WrittenRecords&) = delete;
  WrittenRecords& operator=(const WrittenRecords&) = delete;
  std::vector<RecordRef> records();  // stops noting; each record once, in the order first written
  void note(const char* table, std::int64_t rowid);

 private:
  void stop();
  Db& m_db;
  bool m_on = true;
  std::vector<std::pair<std::string, std::int64_t>> m_rows;
};

}  // namespace canting::records::detail
