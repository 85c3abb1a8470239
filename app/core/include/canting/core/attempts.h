#pragma once
// A trainee's attempt at a dye-lab exercise, and where attempts are kept.
// The lab only knows AttemptStore; the training records (issue #6) will
// implement it over their SQLite store. While nobody is logged in AttemptLog
// keeps them as one JSON object per line in the user's data folder; the
// records take them in when a trainer logs in (Store::importPendingAttempts).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "canting/imaging/error.h"

namespace canting::core {

struct Attempt {
  std::string trainee;       // as the trainee typed it
  std::string exercise;      // the exercise's id (its plan file's name)
  std::string planJson;      // the plan as built, to replay or discuss
  double meanDeltaE = 0, shareWithin5 = 0;
  int baths = 0, fewestBaths = 0;
  std::string worstLayer;
  std::string when;          // ISO 8601, UTC
};

class AttemptStore {
 public:
  virtual ~AttemptStore() = default;
  virtual imaging::Status save(const Attempt& attempt) = 0;
  virtual imaging::Result<std::vector<Attempt>> attemptsOf(const std::string& trainee) const = 0;
};

class AttemptLog final : public AttemptStore {
 public:
  explicit AttemptLog(std::filesystem::path file) : m_file(std::move(file)) {}
  // Appends one line; a write that fails (a full disk) leaves earlier lines intact.
  imaging::Status save(const Attempt& attempt) override;
  // Lines that do not parse are skipped: one damaged line loses one attempt, not all.
  imaging::Result<std::vector<Attempt>> attemptsOf(const std::string& trainee) const override;

 private:
  std::filesystem::path m_file;
};

// One line of an AttemptLog; none for a line that is damaged, cut short or has no trainee.
std::optional<Attempt> parseAttemptLine(const std::string& line);

std::string nowIso8601();
// 2026-11-28T09:30:00Z for seconds since the epoch.
std::string isoUtc(long long secondsSinceEpoch);

}  // namespace canting::core
