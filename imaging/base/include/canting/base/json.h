#pragma once
// JSON text out of nlohmann::json, the one way every file and log line is
// written: invalid UTF-8 (a file name from an old disk, a pasted name) is
// replaced by U+FFFD instead of throwing in the middle of a save.

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace canting::base {

// `indent` as nlohmann's dump(): -1 is one line, n >= 0 is n spaces per level.
std::string dumpJson(const nlohmann::json& j, int indent = -1);

}  // namespace canting::base
