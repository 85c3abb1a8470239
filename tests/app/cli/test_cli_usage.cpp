// canting-cli's contract on its own words: --version, --help on stdout, a
// usage error as the usage once on stderr, a blank line, then the message; and
// the man page and the bash completion naming every command there is.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli.h"
#include "run_cli.h"

using namespace canting;
using test::runCli;

namespace {
std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}
std::string readText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("canting-cli --version prints the project's version on stdout, with or without the assets", "[cli][usage]") {
  const auto r = runCli({"--version"});
  CHECK(r.code == 0);
  CHECK(r.out == std::string("canting-cli ") + CANTING_VERSION + "\n");
  CHECK(r.err.empty());
  CHECK(runCli({"--lang", "en", "--version"}).out == r.out);
  // With the assets missing the help cannot be read, but the version still answers.
  const char* before = std::getenv("CANTING_ASSETS");
  const std::string saved = before ? before : "";
  ::setenv("CANTING_ASSETS", "/nonexistent/canting-assets", 1);
  const auto noAssets = runCli({"--version"});
  const auto noHelp = runCli({"--help"});
  if (before) ::setenv("CANTING_ASSETS", saved.c_str(), 1);
  else ::unsetenv("CANTING_ASSETS");
  CHECK(noHelp.code == 2);
  CHECK(noAssets.code == 0);
  CHECK(noAssets.out == r.out);
}

TEST_CASE("canting-cli --help goes to stdout with exit 0 and names --version", "[cli][usage]") {
  for (const char* lang : {"en", "id"}) {
    const auto r = runCli({"--lang", lang, "--help"});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("canting-cli --version") != std::string::npos);
  }
}

TEST_CASE("a usage error prints the usage once on stderr, then a blank line, then the message", "[cli][usage]") {
  struct Case {
    std::vector<std::string> args, help;
    std::string message;
  };
  const std::vector<Case> cases{
      {{"--lang", "en", "info"}, {"--lang", "en", "info", "--help"}, "missing argument: IMAGE"},
      {{"--lang", "en", "info", "a.png", "--bogus"}, {"--lang", "en", "info", "--help"}, "unknown option: --bogus"},
      {{"--lang", "en", "frobnicate"}, {"--lang", "en", "--help"}, "unknown command: frobnicate"},
      {{"--lang", "en", "dye", "bake"}, {"--lang", "en", "dye", "--help"}, "unknown command: dye bake"},
      {{"--lang", "id", "color", "convert", "#fff"}, {"--lang", "id", "color", "convert", "--help"}, "pilihan --to wajib diisi"},
  };
  for (const Case& c : cases) {
    INFO(c.args.back());
    const auto r = runCli(c.args);
    const auto help = runCli(c.help);
    REQUIRE(help.code == 0);
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == help.out + "\ncanting-cli: " + c.message + "\n");
    CHECK(count(r.err, c.args[1] == "en" ? "Usage:" : "Pemakaian:") == 1);
  }
}

TEST_CASE("a command group with no command prints its usage on stderr and exits 1", "[cli][usage]") {
  for (const char* group : {"color", "dye", "showroom", "training"}) {
    INFO(group);
    const auto r = runCli({"--lang", "en", group});
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == runCli({"--lang", "en", group, "--help"}).out);
  }
  const auto none = runCli({});
  CHECK(none.code == 1);
  CHECK(none.out.empty());
  CHECK(count(none.err, "Pemakaian:") == 1);
}

TEST_CASE("the man page and the bash completion name every command", "[cli][usage]") {
  const std::string root = CANTING_SOURCE_DIR;
  std::string man = readText(root + "/packaging/man/canting-cli.1.in");
  REQUIRE_FALSE(man.empty());
  for (std::size_t at; (at = man.find("\\-")) != std::string::npos;) man.replace(at, 2, "-");
  const std::string completion = readText(root + "/packaging/completion/canting-cli");
  REQUIRE_FALSE(completion.empty());
  // The completion's tables: `top="..."` and `PREFIX) next="..."` lines, as words.
  auto offered = [&](const std::string& prefix) {
    const std::string key = prefix.empty() ? "local top=\"" : (prefix.find(' ') == std::string::npos ? "    " + prefix + ") next=\"" : "    \"" + prefix + "\") next=\"");
    const auto at = completion.find(key);
    if (at == std::string::npos) return std::string();
    const auto start = at + key.size();
    return " " + completion.substr(start, completion.find('"', start) - start) + " ";
  };
  const auto names = cli::commandNames();
  CHECK(names.size() >= 41);
  for (const std::string& name : names) {
    INFO(name);
    CHECK((man.find("\n.B " + name + " ") != std::string::npos || man.find("\n.B " + name + "\n") != std::string::npos));
    std::string prefix;
    for (std::size_t at = 0; at <= name.size();) {
      const std::size_t sp = std::min(name.find(' ', at), name.size());
      const std::string word = name.substr(at, sp - at);
      CHECK(offered(prefix).find(" " + word + " ") != std::string::npos);
      prefix += (prefix.empty() ? "" : " ") + word;
      at = sp + 1;
    }
  }
}
