// Issue 22: what canting-cli prints in Indonesian holds no English words, and
// the limits fit the program's own files (info on a 366 MP TIFF, --max-mp named).

#include <catch2/catch.hpp>

#include <filesystem>

#include "cli_internal.h"
#include "run_cli.h"
#include "support/english_words.h"
#include "support/image_fixtures.h"
#include "support/tiff_builder.h"

using namespace canting;
using namespace canting::test;

namespace {

const std::filesystem::path kDemo = std::filesystem::path(CANTING_ASSETS_DIR) / "demo";

std::string joined(const std::set<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += w + " ";
  return s;
}

// canting-cli's command words are typed as they are, in every language.
const std::set<std::string>& commandWords() {
  static const std::set<std::string> words = [] {
    std::set<std::string> w;
    for (auto list : {cli::imageCommands, cli::colourCommands, cli::patternCommands, cli::dyeCommands, cli::trainingCommands,
                      cli::showroomCommands})
      for (const cli::Command& cmd : list())
        for (std::size_t at = 0; at <= cmd.name.size();) {
          const std::size_t sp = std::min(cmd.name.find(' ', at), cmd.name.size());
          w.insert(cmd.name.substr(at, sp - at));
          at = sp + 1;
        }
    return w;
  }();
  return words;
}

// Runs the command in Indonesian and checks its output and messages.
CliRun scanned(std::vector<std::string> args) {
  std::string shown;
  for (const auto& a : args) shown += a + " ";
  args.insert(args.begin(), {"--lang", "id"});
  const CliRun r = runCli(args);
  INFO("canting-cli " << shown << "\n" << r.out << r.err);
  const auto found = englishWords(r.out + "\n" + r.err, commandWords());
  CHECK(joined(found) == "");
  return r;
}

}  // namespace

TEST_CASE("the word scan finds English prose and skips syntax and Indonesian", "[cli][language]") {
  CHECK(englishWords("split-complementary 27°").count("split-complementary"));
  CHECK(englishWords("export-bundle half-drop").empty());
  CHECK(englishWords("complementary 27°  NOT dyeable in succession") ==
        std::set<std::string>{"complementary", "dyeable", "in", "not", "succession"});
  CHECK(englishWords("Error: cannot open the file.") == std::set<std::string>{"cannot", "error", "file", "open", "the"});
  CHECK(englishWords("--scheme harmony|random --max-mp N  contoh.png  max_megapixels {width}").empty());
  CHECK(englishWords("Format data motif status folder demo: No 3, kain ukuran 2 m.").empty());
}

TEST_CASE("every --help of canting-cli is Indonesian", "[cli][language]") {
  scanned({"--help"});
  for (auto list : {cli::imageCommands, cli::colourCommands, cli::patternCommands, cli::dyeCommands, cli::trainingCommands,
                    cli::showroomCommands})
    for (const cli::Command& cmd : list()) {
      std::vector<std::string> args;
      for (std::size_t at = 0; at <= cmd.name.size();) {
        const std::size_t sp = std::min(cmd.name.find(' ', at), cmd.name.size());
        args.push_back(cmd.name.substr(at, sp - at));
        at = sp + 1;
      }
      args.push_back("--help");
      CHECK(scanned(args).code == 0);
    }
}

TEST_CASE("the main commands on the demo data speak Indonesian", "[cli][language]") {
  TempDir dir;
  const std::string parang = (kDemo / "contoh-parang.png").string(), kawung = (kDemo / "contoh-kawung.png").string();
  scanned({"info", parang});
  scanned({"info", (kDemo / "foto-ceplok-ponsel.jpg").string()});
  scanned({"palette", parang, "-k", "6"});
  for (const char* scheme : {"harmony", "random", "sogan"}) {
    const CliRun r = scanned({"colorways", parang, "-n", "8", "--scheme", scheme, "-o", (dir / scheme).string()});
    CHECK(r.code == 0);
  }
  scanned({"quantize", kawung, "-k", "4", "-o", (dir / "q.png").string()});
  scanned({"repeat", kawung, "--layout", "half-drop", "--out-px", "400x300", "-o", (dir / "r.png").string()});
  scanned({"pola", parang, "--width-cm", "20", "-o", (dir / "pola.pdf").string()});
  scanned({"motif", "kawung", "-o", (dir / "m.png").string()});
  scanned({"dye", "list"});
  scanned({"dye", "recipe", (std::filesystem::path(CANTING_ASSETS_DIR) / "dyes" / "plans" / "sogan-kawung.json").string()});
  CHECK(scanned({"showroom", "mockup", kawung, "--product", "kemeja", "--motif-cm", "10", "-o", (dir / "shirt.png").string()}).code == 0);
  const std::string db = (dir / "demo.db").string();
  scanned({"training", "init", "--db", db, "--demo"});
  scanned({"training", "centre", "list", "--db", db});
  scanned({"training", "verify-audit", "--db", db});
  // Mistakes people make: a missing file, a bad value, an unknown command.
  CHECK(scanned({"info", (dir / "tidak-ada.png").string()}).code == 2);
  CHECK(scanned({"colorways", parang, "-n", "2", "--scheme", "plaid", "-o", (dir / "z").string()}).code == 1);
  CHECK(scanned({"warnai", parang}).code == 1);
}

TEST_CASE("colourways are named in the user's language, with the reason one cannot be dyed", "[cli][language]") {
  TempDir dir;
  const std::string parang = (kDemo / "contoh-parang.png").string();
  const CliRun id = runCli({"--lang", "id", "colorways", parang, "-n", "8", "-o", (dir / "id").string()});
  REQUIRE(id.code == 0);
  CHECK(id.out.find("Komplementer") != std::string::npos);
  CHECK(id.out.find("Triadik") != std::string::npos);
  const CliRun en = runCli({"--lang", "en", "colorways", parang, "-n", "8", "-o", (dir / "en").string()});
  CHECK(en.out.find("Complementary") != std::string::npos);
  // Every colourway says how it is dyed; one that cannot be dyed by hand says why.
  std::size_t notDyeable = 0, reasons = 0, processes = 0;
  for (std::size_t at = 0; (at = id.out.find("TIDAK bisa", at)) != std::string::npos; ++at) ++notDyeable;
  for (std::size_t at = 0; (at = id.out.find("warna ini perlu colet", at)) != std::string::npos; ++at) ++reasons;
  for (std::size_t at = 0; (at = id.out.find("\n    Bisa dicelup", at)) != std::string::npos; ++at) ++processes;
  CHECK(notDyeable == reasons);
  CHECK(notDyeable + processes == 8);
}

TEST_CASE("info describes a 366 MP TIFF from its header, and the limit names --max-mp", "[cli][limits]") {
  TempDir dir;
  const auto kain = dir / "kain.tif";
  writeAll(kain, makeUniformTiff(20000, 18300, 150, 90, 40));
  const CliRun r = scanned({"info", kain.string()});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("20000") != std::string::npos);
  CHECK(r.out.find("18300") != std::string::npos);
  CHECK(r.out.find("--max-mp") != std::string::npos);  // why the colours were not counted
  const CliRun j = runCli({"info", kain.string(), "--json"});
  REQUIRE(j.code == 0);
  CHECK(j.out.find("\"distinct_colors\": null") != std::string::npos);
  // A --max-mp given refuses it, as the option's help says, naming the file.
  const CliRun refused = scanned({"info", kain.string(), "--max-mp", "100"});
  CHECK(refused.code == 2);
  CHECK(refused.err.find(kain.string()) != std::string::npos);
  CHECK(refused.err.find("{path}") == std::string::npos);
  // Decoding it is refused, and the message says which option raises the limit, with a value that works.
  const CliRun c = scanned({"convert", kain.string(), (dir / "k.png").string()});
  CHECK(c.code == 2);
  CHECK(c.err.find("--max-mp 367") != std::string::npos);
}
