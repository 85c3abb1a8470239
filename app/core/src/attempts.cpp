#include "canting/core/attempts.h"

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <fstream>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"

namespace canting::core {

namespace fs = std::filesystem;
using nlohmann::json;

std::string isoUtc(long long secondsSinceEpoch) {
  const std::time_t t = std::time_t(secondsSinceEpoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string nowIso8601() { return isoUtc(std::time(nullptr)); }

imaging::Status AttemptLog::save(const Attempt& a) {
  if (a.trainee.empty()) return imaging::makeError(imaging::ErrorCode::InvalidArgument, {{"what", "trainee"}}, "no trainee name");
  std::error_code ec;
  fs::create_directories(m_file.parent_path(), ec);
  const json j = {{"trainee", a.trainee}, {"exercise", a.exercise}, {"plan", json::parse(a.planJson, nullptr, false)},
                  {"mean_de00", a.meanDeltaE}, {"share_within_5", a.shareWithin5}, {"baths", a.baths},
                  {"fewest_baths", a.fewestBaths}, {"worst_layer", a.worstLayer}, {"when", a.when}};
  std::string line = base::dumpJson(j) + "\n";
  // If an earlier write was cut short (a crash mid-line), start afresh on a
  // new line so this attempt is not glued onto the broken one.
  if (std::ifstream last(m_file, std::ios::binary | std::ios::ate); last && last.tellg() > 0) {
    last.seekg(-1, std::ios::end);
    if (last.get() != '\n') line.insert(line.begin(), '\n');
  }
  // One write() of a whole line in append mode: a crash or a full disk can
  // cut only this line short, and attemptsOf() skips a cut line.
  std::FILE* f = std::fopen(m_file.c_str(), "ab");
  if (!f) return imaging::makeError(errno == EACCES ? imaging::ErrorCode::PermissionDenied : imaging::ErrorCode::WriteFailed, {{"path", m_file.string()}});
  const bool ok = std::fwrite(line.data(), 1, line.size(), f) == line.size() && std::fflush(f) == 0;
  const int err = errno;
  const bool closed = std::fclose(f) == 0;
  if (!ok || !closed)
    return imaging::makeError(err == ENOSPC ? imaging::ErrorCode::DiskFull : imaging::ErrorCode::WriteFailed, {{"path", m_file.string()}});
  return imaging::Ok{};
}

std::optional<Attempt> parseAttemptLine(const std::string& line) {
  const json j = json::parse(line, nullptr, false);
  if (!j.is_object() || !j.contains("trainee") || !j["trainee"].is_string() || j["trainee"].get<std::string>().empty()) return std::nullopt;
  try {
    Attempt a;
    a.trainee = j["trainee"].get<std::string>();
    a.exercise = j.value("exercise", "");
    a.planJson = base::dumpJson(j.value("plan", json::object()));
    a.meanDeltaE = j.value("mean_de00", 0.0);
    a.shareWithin5 = j.value("share_within_5", 0.0);
    a.baths = j.value("baths", 0);
    a.fewestBaths = j.value("fewest_baths", 0);
    a.worstLayer = j.value("worst_layer", "");
    a.when = j.value("when", "");
    return a;
  } catch (const json::exception&) {
    return std::nullopt;  // a field of the wrong type: this line only
  }
}

imaging::Result<std::vector<Attempt>> AttemptLog::attemptsOf(const std::string& trainee) const {
  std::vector<Attempt> out;
  std::error_code ec;
  if (!fs::exists(m_file, ec)) return out;
  std::ifstream in(m_file);
  if (!in) return imaging::makeError(imaging::ErrorCode::ReadFailed, {{"path", m_file.string()}});
  std::string line;
  while (std::getline(in, line))
    if (auto a = parseAttemptLine(line); a && a->trainee == trainee) out.push_back(std::move(*a));
  return out;
}

}  // namespace canting::core
