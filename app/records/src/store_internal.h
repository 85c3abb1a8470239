#pragma once
// Shared between the store, the CSV import and the bundles; not public API.

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
Error fromDb(const DbError& e, const std::string& path);
Error invalid(const std::string& what);

Status validateTrainee(const Trainee& t);
Id insertTrainee(Db& db, const Trainee& t);
void insertTraineeVersion(Db& db, const Trainee& t, const std::string& origin);
Id insertAssessment(Db& db, const std::string& uuid, const AssessmentInput& in, Id assessor, const std::string& created);

// Evidence under its content hash: written atomically (imaging::writeFileAtomic)
// unless a file of that name and size is already there.
Status storeBlob(const std::filesystem::path& path, const std::vector<unsigned char>& bytes);
// The last component of a name, without separators, control characters or
// a leading dot; never empty.
std::string safeFileName(const std::string& name);

}  // namespace detail
}  // namespace canting::records
