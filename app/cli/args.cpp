#include "args.h"

#include <cctype>

namespace canting::cli {

std::optional<ParseProblem> parseArgs(const std::vector<std::string>& words, const ArgSpec& spec, ParsedArgs& out) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "--help" || w == "-h") {
      out.help = true;
      return std::nullopt;
    }
    // "-k 8": a short value option. "-3" stays a value (negative numbers are data).
    if (w.size() == 2 && w[0] == '-' && std::isalpha(static_cast<unsigned char>(w[1]))) {
      if (!spec.shortOptions.count(w[1])) return ParseProblem{"cli.usage.unknown_option", w};
      if (i + 1 >= words.size()) return ParseProblem{"cli.usage.missing_value", w};
      out.values[std::string(1, w[1])] = words[++i];
      continue;
    }
    if (w.size() > 2 && w.rfind("--", 0) == 0) {
      std::string name = w.substr(2), value;
      bool hasInline = false;
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        hasInline = true;
      }
      if (spec.flags.count(name)) {
        if (hasInline) return ParseProblem{"cli.usage.flag_takes_no_value", "--" + name};
        out.flags.insert(name);
      } else if (spec.valueOptions.count(name)) {
        if (!hasInline) {
          if (i + 1 >= words.size()) return ParseProblem{"cli.usage.missing_value", "--" + name};
          value = words[++i];
        }
        out.values[name] = value;
      } else {
        return ParseProblem{"cli.usage.unknown_option", w};
      }
    } else {
      out.positionals.push_back(w);
    }
  }
  if (out.positionals.size() < spec.positionals.size())
    return ParseProblem{"cli.usage.missing_argument", spec.positionals[out.positionals.size()]};
  if (out.positionals.size() > spec.positionals.size())
    return ParseProblem{"cli.usage.extra_argument", out.positionals[spec.positionals.size()]};
  return std::nullopt;
}

}  // namespace canting::cli
