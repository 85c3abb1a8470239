#pragma once
// What several of the store's area files (and the CSV import, the bundles and
// the demo) share; not public API. An area's own helpers stay in its file.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "canting/records/store.h"

namespace canting::records {

std::optional<Attendance> parseAttendance(std::string_view t);
std::optional<EvidenceType> parseEvidenceType(std::string_view t);

namespace detail {

constexpr std::uint64_t kMaxEvidenceBytes = 64ull << 20;  // a phone video clip is not evidence we copy

std::string isoTime(std::int64_t secondsSinceEpoch);
// The one mapping from SQLite's codes to the Error the user sees; the detail
// keeps both codes ("sqlite 19/2067 SQLITE_CONSTRAINT_UNIQUE: ..."), after
// `what` (the store call that failed) when given.
Error fromDb(const DbError& e, const std::string& path, const char* what = nullptr);
Error invalid(const std::string& what);
// A trainer bound to one centre may not touch another centre's records.
Status ownCentre(const Actor& by, Id centre);

// Walks the audit log's hash chain (Store::verifyAudit; a backup or a file
// to restore is checked the same way before it counts). Throws DbError.
AuditCheck verifyChain(Db& db);
// An entry's chain hash from its fields and prev_hash (what anyone holding the
// file can recompute: the reason heads are anchored outside it).
std::string auditEntryHash(const AuditRow& r, const std::string& recordKind, const std::string& recordUuid, const std::string& contentHash);

Status validateTrainee(const Trainee& t);
Id insertTrainee(Db& db, const Trainee& t);
void insertTraineeVersion(Db& db, const Trainee& t, const std::string& origin);
Id insertAssessment(Db& db, const std::string& uuid, const AssessmentInput& in, Id assessor, const std::string& created);

// A scheme's unit tree (units, elements, criteria, in their order), with ids.
std::vector<Unit> readUnits(Db& db, Id scheme);
// Inserts a scheme version and its unit tree (the ids in `s` are ignored);
// returns the new scheme's id. The caller holds the transaction.
Id insertScheme(Db& db, const Scheme& s, const std::string& loadedAt);

// Evidence under its content hash: written atomically (imaging::writeFileAtomic)
// unless a file of that name and size is already there.
Status storeBlob(const std::filesystem::path& path, const std::vector<unsigned char>& bytes);
// The last component of a name, without separators, control characters or
// a leading dot; never empty.
std::string safeFileName(const std::string& name);

}  // namespace detail

// The names every area file uses, spelled once.
using detail::invalid;
using detail::isoTime;
using detail::ownCentre;
using imaging::ErrorCode;
using imaging::makeError;

// Runs f; a DbError thrown inside becomes the returned Error (see fromDb).
// Every store call that touches the database goes through this boundary.
// On PostgreSQL a transaction that lost a serialization race (or a deadlock)
// was rolled back whole, and runs again, a few times at most.
template <class F>
auto Store::guarded(const char* what, F&& f) -> decltype(f()) {
  for (int attempt = 0;; ++attempt) {
    try {
      return f();
    } catch (const DbError& e) {
      if (e.retryable() && attempt < 4 && !m_db.inTransaction()) continue;
      return detail::fromDb(e, where(), what);
    }
  }
}

}  // namespace canting::records
