#pragma once
// A small argument parser: positionals, --flags and --options with values
// (as "--opt value" or "--opt=value"). Small enough to keep every message
// translatable, which an off-the-shelf parser would not.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace canting::cli {

struct ArgSpec {
  std::vector<std::string> positionals;     // required, in order
  std::set<std::string> flags;              // --json
  std::set<std::string> valueOptions;       // --to X
  std::set<char> shortOptions;              // -k N, -o OUT: single letters naming value options
};

struct ParsedArgs {
  std::vector<std::string> positionals;
  std::set<std::string> flags;
  std::map<std::string, std::string> values;
  bool help = false;

  bool flag(const std::string& f) const { return flags.count(f) != 0; }
  std::optional<std::string> value(const std::string& k) const {
    auto it = values.find(k);
    if (it == values.end()) return std::nullopt;
    return it->second;
  }
};

struct ParseProblem {
  std::string key;  // translation key
  std::string arg;  // the offending word
};

// Returns the problem, if any. --help / -h sets `help` and stops checking.
std::optional<ParseProblem> parseArgs(const std::vector<std::string>& words, const ArgSpec& spec, ParsedArgs& out);

}  // namespace canting::cli
