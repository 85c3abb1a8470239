// canting-cli: the dispatch and the argument helpers every command file
// shares. The commands live by area: image.cpp, colour.cpp, pattern.cpp,
// photo.cpp, dye.cpp, showroom.cpp, training.cpp. The image, colour and pattern
// commands parse their arguments into app/core's action structs and run
// them on the Studio's path (writeDesign below).

#include "cli.h"

#include <cmath>
#include <cstdlib>

#include "args.h"
#include "cli_internal.h"
#include "canting/core/actions.h"
#include "canting/core/i18n.h"
#include "canting/core/paths.h"
#include "canting/imaging/color.h"

namespace canting::cli {

using core::Language;
using core::Translator;
namespace im = imaging;

// [SECTION] argument helpers

std::optional<double> parsePositive(const std::string& s) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || !(v > 0) || v > 1e6) return std::nullopt;
  return v;
}

// "#A=#B,rgb(1,2,3)=#C": commas inside parentheses belong to the colour.
std::vector<std::string> splitTopLevel(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string cur;
  int depth = 0;
  for (char ch : s) {
    if (ch == '(') ++depth;
    if (ch == ')') --depth;
    if (ch == sep && depth == 0) { parts.push_back(cur); cur.clear(); continue; }
    cur += ch;
  }
  parts.push_back(cur);
  return parts;
}

std::optional<long> parseInt(const std::string& s, long lo, long hi) {
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  if (end == s.c_str() || *end != '\0' || v < lo || v > hi) return std::nullopt;
  return v;
}

std::optional<im::LoadOptions> loadOptions(Ctx& c, const ParsedArgs& a, const std::string& helpKey, int& status) {
  im::LoadOptions o;
  if (auto v = a.value("max-mp")) {
    auto mp = parsePositive(*v);
    if (!mp) {
      status = c.usage("cli.usage.bad_value", {{"arg", "--max-mp"}, {"value", *v}}, helpKey);
      return std::nullopt;
    }
    o.maxPixels = std::uint64_t(*mp * 1e6);
  }
  return o;
}

std::optional<std::string> requireOut(Ctx& c, const ParsedArgs& a, const std::string& helpKey, int& status) {
  auto o = a.value("o");
  if (!o || o->empty()) {
    status = c.usage("cli.usage.missing_option", {{"arg", "-o"}}, helpKey);
    return std::nullopt;
  }
  return o;
}

bool readNumber(Ctx& c, const ParsedArgs& a, const char* key, double lo, double hi, const std::string& help, int& status, double& v) {
  auto s = a.value(key);
  if (!s) return true;
  char* e = nullptr;
  const double x = std::strtod(s->c_str(), &e);
  if (s->empty() || *e || !(x >= lo && x <= hi)) {
    status = c.usage("cli.usage.bad_value", {{"arg", std::string("--") + key}, {"value", *s}}, help);
    return false;
  }
  v = x;
  return true;
}

std::optional<SizeArg> parseSize(std::string s) {
  SizeArg a;
  if (s.size() > 2 && s.substr(s.size() - 2) == "cm") {
    a.cm = true;
    s.resize(s.size() - 2);
  }
  const auto x = s.find('x');
  if (x == std::string::npos) return std::nullopt;
  char* e1 = nullptr;
  char* e2 = nullptr;
  const std::string ws = s.substr(0, x), hs = s.substr(x + 1);
  a.w = std::strtod(ws.c_str(), &e1);
  a.h = std::strtod(hs.c_str(), &e2);
  if (ws.empty() || hs.empty() || *e1 || *e2 || !(a.w > 0) || !(a.h > 0) || a.w > 1e6 || a.h > 1e6) return std::nullopt;
  return a;
}

// [SECTION] writing

int writeRows(Ctx& c, const im::StreamedImage& img, const std::string& out, std::optional<double> dpi) {
  im::SaveOptions o;
  if (dpi) o.dpi = im::Dpi{*dpi, *dpi};
  if (auto st = core::ExportAction{out, o}.run(img); !st) return c.fail(st.error());
  c.out << c.tr.tr("cli.converted", {{"path", out}, {"w", std::to_string(img.size.width)}, {"h", std::to_string(img.size.height)},
                                     {"dpi", dpi ? core::formatNumber(*dpi, 0, c.tr.language()) : c.tr.tr("info.dpi.none")}})
        << "\n";
  return kOk;
}

int writeDesign(Ctx& c, const core::Design& d, const std::string& out, const std::vector<im::Palette>& named) {
  for (const core::Operation& op : d.ops)
    if (auto st = op.validate(d.palette.swatches.size()); !st) return c.fail(st.error());
  const core::ExportAction action{out, {.dpi = core::exportDpi(d)}};
  if (auto st = action.validate(); !st) return c.fail(st.error());
  if (auto st = action.run(core::renderOutput(d, named)); !st) return c.fail(st.error());
  c.out << c.tr.tr("cli.recolored", {{"path", out}}) << "\n";
  return kOk;
}

int runStack(Ctx& c, const ParsedArgs& a, const std::string& help, std::vector<core::Operation> ops, const std::vector<im::Palette>& named) {
  int status = 0;
  auto out = requireOut(c, a, help, status);
  if (!out) return status;
  auto lo = loadOptions(c, a, help, status);
  if (!lo) return status;
  auto d = core::designFromFile(a.positionals[0], {.colours = 0, .load = *lo});  // these operations need no palette
  if (!d) return c.fail(d.error());
  d->ops = std::move(ops);
  return writeDesign(c, *d, *out, named);
}

std::optional<std::vector<im::Palette>> shippedPalettes(Ctx& c, int& status) {
  auto shipped = im::loadPaletteDir(core::assetsDir() / "palettes");
  if (!shipped) {
    status = c.fail(shipped.error());
    return std::nullopt;
  }
  return std::move(*shipped);
}

// [SECTION] dispatch

namespace {
std::vector<Command> allCommands() {
  std::vector<Command> all;
  for (auto list : {imageCommands, colourCommands, patternCommands, photoCommands, dyeCommands, trainingCommands, showroomCommands})
    for (auto& cmd : list()) all.push_back(std::move(cmd));
  return all;
}
}  // namespace

std::vector<std::string> commandNames() {
  std::vector<std::string> names;
  for (const Command& cmd : allCommands()) names.push_back(cmd.name);
  return names;
}

int run(const std::vector<std::string>& argsIn, std::ostream& out, std::ostream& err) {
  // --lang may stand anywhere; it is taken out before the command is parsed.
  Language lang = Language::Indonesian;
  if (const char* env = std::getenv("CANTING_LANG")) core::parseLanguage(env, lang);
  std::vector<std::string> args;
  std::string badLang;
  for (std::size_t i = 0; i < argsIn.size(); ++i) {
    const std::string& a = argsIn[i];
    std::string value;
    if (a == "--lang" && i + 1 < argsIn.size()) value = argsIn[++i];
    else if (a.rfind("--lang=", 0) == 0) value = a.substr(7);
    else { args.push_back(a); continue; }
    if (!core::parseLanguage(value, lang)) badLang = value;
  }
  // Before the translations: the version answers even where the assets are missing.
  if (!args.empty() && args[0] == "--version") {
    out << "canting-cli " << CANTING_VERSION << "\n";
    return kOk;
  }
  Ctx c{Translator{}, out, err};
  if (!c.tr.load(core::assetsDir() / "i18n", lang)) {
    err << "canting-cli: " << c.tr.loadError() << "\n";
    return kBadInput;
  }
  if (!badLang.empty()) return c.usage("cli.usage.bad_value", {{"arg", "--lang"}, {"value", badLang}}, "cli.help.main");
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    (args.empty() ? err : out) << c.tr.tr("cli.help.main") << "\n";
    return args.empty() ? kUsage : kOk;
  }
  const std::vector<Command> all = allCommands();
  for (const Command& cmd : all) {
    std::vector<std::string> words;
    for (std::size_t at = 0; at <= cmd.name.size();) {
      const std::size_t sp = std::min(cmd.name.find(' ', at), cmd.name.size());
      words.push_back(cmd.name.substr(at, sp - at));
      at = sp + 1;
    }
    if (args[0] != words[0]) continue;
    if (words.size() > 1 && (args.size() < 2 || args[1] == "--help" || args[1] == "-h")) {
      // A group with no command is a usage error, so its usage goes to stderr (as for no command at all).
      std::ostream& to = args.size() < 2 ? err : out;
      to << c.tr.tr("cli.help." + words[0]) << "\n";
      for (const Command& other : all)
        if (other.helpMore && other.name.rfind(words[0] + " ", 0) == 0) to << "\n" << other.helpMore(c);
      return args.size() < 2 ? kUsage : kOk;
    }
    bool match = true;
    for (std::size_t k = 1; k < words.size() && match; ++k) match = k < args.size() && args[k] == words[k];
    if (!match) continue;
    const std::size_t consumed = words.size();
    ParsedArgs parsed;
    const std::vector<std::string> rest(args.begin() + std::ptrdiff_t(consumed), args.end());
    if (auto problem = parseArgs(rest, cmd.spec, parsed)) return c.usage(problem->key, {{"arg", problem->arg}}, cmd.helpKey);
    if (parsed.help) {
      out << c.tr.tr(cmd.helpKey) << "\n";
      if (cmd.helpMore) out << "\n" << cmd.helpMore(c);
      return kOk;
    }
    c.takesMaxMp = cmd.spec.valueOptions.count("max-mp") > 0;
    return cmd.run(c, parsed);
  }
  const bool group = args[0] == "color" || args[0] == "photo" || args[0] == "dye" || args[0] == "training" || args[0] == "showroom";
  return c.usage("cli.usage.unknown_command", {{"arg", group && args.size() > 1 ? args[0] + " " + args[1] : args[0]}},
                 group ? "cli.help." + args[0] : "cli.help.main");
}

}  // namespace canting::cli
