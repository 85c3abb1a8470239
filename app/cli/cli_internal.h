#pragma once
// Shared by the command files of canting-cli.

#include <cstdlib>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <optional>

#include "args.h"
#include "canting/core/design.h"
#include "canting/core/i18n.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/stream_export.h"
#include "cli.h"

namespace canting::cli {

struct Ctx;
// The PIN from the first line of a file, so that it stays out of the shell's
// history and `ps` (training_access.cpp).
std::optional<std::string> readPinFile(Ctx& c, const std::string& path, int& status);

struct Ctx {
  core::Translator tr;
  std::ostream& out;
  std::ostream& err;
  bool takesMaxMp = false;  // the command running has --max-mp, so a pixel-limit error names it

  // The error's values and "need": a whole --max-mp value above the image's megapixels.
  static core::Args limitArgs(const imaging::Error& e) {
    core::Args args = e.args;
    for (const auto& [k, v] : e.args)
      if (k == "megapixels") args.push_back({"need", std::to_string(long(std::atof(v.c_str())) + 1)});
    return args;
  }
  int fail(const imaging::Error& e) {
    err << "canting-cli: " << tr.message(e) << "\n";
    // A limit says what raises it: the pixel limit is this command's --max-mp.
    if (e.code == imaging::ErrorCode::TooManyPixels && takesMaxMp) err << "  " << tr.tr("cli.limit.max_mp", limitArgs(e)) << "\n";
    // The technical detail (SQLite's own words, say) for whoever debugs a report.
    if (std::getenv("CANTING_DEBUG") && !e.detail.empty()) err << "  (" << e.detail << ")\n";
    return kBadInput;
  }
  // The usage once, then a blank line, then what was wrong: the message is the
  // last line, where a terminal leaves the eye, however long the usage.
  int usage(const std::string& key, const core::Args& args, const std::string& helpKey) {
    err << tr.tr(helpKey) << "\n\ncanting-cli: " << tr.tr(key, args) << "\n";
    return kUsage;
  }
};

struct Command {
  std::string name;     // "info", "color delta-e", "training centre list"
  ArgSpec spec;
  std::string helpKey;
  std::function<int(Ctx&, const ParsedArgs&)> run;
  // Lines --help adds after the help text, for what comes from data (the topics of a session).
  std::function<std::string(Ctx&)> helpMore = nullptr;
};

// The command lists by area: image.cpp, colour.cpp, pattern.cpp, dye.cpp,
// training.cpp, showroom.cpp.
std::vector<Command> imageCommands();
std::vector<Command> colourCommands();
std::vector<Command> patternCommands();
std::vector<Command> photoCommands();  // photo.cpp: photo clean, raport
std::vector<Command> dyeCommands();
std::vector<Command> trainingCommands();
std::vector<Command> showroomCommands();


// Argument helpers (cli.cpp). Each returns nothing (or false) after writing
// a usage error into `status`.
std::optional<double> parsePositive(const std::string& s);
std::optional<long> parseInt(const std::string& s, long lo, long hi);  // whole numbers for -k, -n, --seed
// Splits at `sep` outside parentheses: "#A=#B,rgb(1,2,3)=#C" keeps each colour whole.
std::vector<std::string> splitTopLevel(const std::string& s, char sep);
std::optional<imaging::LoadOptions> loadOptions(Ctx& c, const ParsedArgs& a, const std::string& helpKey, int& status);  // --max-mp
std::optional<std::string> requireOut(Ctx& c, const ParsedArgs& a, const std::string& helpKey, int& status);
// --KEY N within [lo, hi] into v; v keeps its default when the option is absent.
bool readNumber(Ctx& c, const ParsedArgs& a, const char* key, double lo, double hi, const std::string& help, int& status, double& v);
// "300x200" pixels, or "250x105cm" centimetres.
struct SizeArg {
  double w = 0, h = 0;
  bool cm = false;
};
std::optional<SizeArg> parseSize(std::string s);
std::optional<std::vector<imaging::Palette>> shippedPalettes(Ctx& c, int& status);

// Writes rows (PNG and TIFF band by band) and says what was written.
int writeRows(Ctx& c, const imaging::StreamedImage& img, const std::string& out, std::optional<double> dpi);
// The Studio's path: validates the design's operations, renders its stack,
// makes its output (tile, repeat or cloth) and exports it.
int writeDesign(Ctx& c, const core::Design& d, const std::string& out, const std::vector<imaging::Palette>& named = {});
// A stack command: opens IMAGE (the first positional; --max-mp) as the Studio does, puts `ops` on its stack
// and writes it to -o with writeDesign.
int runStack(Ctx& c, const ParsedArgs& a, const std::string& help, std::vector<core::Operation> ops,
             const std::vector<imaging::Palette>& named = {});

}  // namespace canting::cli
