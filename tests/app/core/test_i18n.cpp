#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "canting/core/i18n.h"
#include "canting/imaging/error.h"
#include "canting/records/errors.h"
#include "support/image_fixtures.h"

using namespace canting;
using core::Language;
namespace fs = std::filesystem;

namespace {
core::Translator load(Language l) {
  core::Translator t;
  REQUIRE(t.load(fs::path(CANTING_ASSETS_DIR) / "i18n", l));
  return t;
}

// Every literal key handed to tr(...), label(...) or used as a key string in
// the sources: the ImHex habit of checking that code and tables agree.
std::set<std::string> keysUsedInSources() {
  std::set<std::string> keys;
  const std::regex literal(R"re("((?:error|notice|info|model|cli|workspace|menu|view|browser|export|pustaka|status|about|gui|reason|studio|colorway|palette|library)\.[a-z0-9_.+]+)")re");
  for (const char* dir : {"app", "imaging"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(CANTING_SOURCE_DIR) / dir)) {
      const std::string ext = e.path().extension().string();
      if (ext != ".cpp" && ext != ".h") continue;
      std::ifstream f(e.path());
      std::stringstream ss;
      ss << f.rdbuf();
      const std::string text = ss.str();
      for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) keys.insert((*it)[1]);
    }
  }
  return keys;
}
}  // namespace

TEST_CASE("both translation tables have exactly the same keys", "[core][i18n]") {
  const auto id = load(Language::Indonesian), en = load(Language::English);
  for (const auto& [k, v] : id.table()) {
    INFO(k);
    CHECK(en.has(k));
    CHECK_FALSE(v.empty());
  }
  for (const auto& [k, v] : en.table()) {
    INFO(k);
    CHECK(id.has(k));
  }
}

TEST_CASE("every key used in the code exists in both languages", "[core][i18n]") {
  const auto id = load(Language::Indonesian), en = load(Language::English);
  const auto used = keysUsedInSources();
  REQUIRE(used.size() > 50);  // the scan found the code
  for (const std::string& k : used) {
    if (k.back() == '.' || k.size() > 2 && k.substr(k.size() - 2) == ".h") continue;  // prefixes (checked below), includes
    INFO(k);
    CHECK(id.has(k));
    CHECK(en.has(k));
  }
  // Keys built at run time: every error code of every domain, every colour model.
  REQUIRE(imaging::allErrorCodes().size() == imaging::errorDomain(imaging::ErrorCode{}).allCodes().size());
  for (const canting::base::ErrorDomain* domain :
       {&imaging::errorDomain(imaging::ErrorCode{}), &canting::records::errorDomain(canting::records::RecordsError{})}) {
    REQUIRE_FALSE(domain->allCodes().empty());
    for (const canting::base::Code& code : domain->allCodes()) {
      INFO(code);
      CHECK(std::string(code.key()) != "error.unknown");
      CHECK(id.has(imaging::errorKey(code)));
      CHECK(en.has(imaging::errorKey(code)));
    }
  }
  for (const char* r : {"straight", "half-drop", "half-brick", "mirror", "centre"}) {
    CHECK(id.has(std::string("studio.repeat.") + r));
    CHECK(en.has(std::string("studio.repeat.") + r));
  }
  for (const char* c : {"kain-panjang", "sarung", "selendang", "iket"}) {
    CHECK(id.has(std::string("studio.cloth.") + c));
    CHECK(en.has(std::string("studio.cloth.") + c));
  }
  for (const char* m : {"grey", "grey+alpha", "RGB", "RGBA", "palette", "palette+alpha", "CMYK", "YCbCr"}) {
    CHECK(id.has(std::string("model.") + m));
    CHECK(en.has(std::string("model.") + m));
  }
}

TEST_CASE("translation lookup fills placeholders and shows missing keys as themselves", "[core][i18n]") {
  const auto id = load(Language::Indonesian), en = load(Language::English);
  const auto err = imaging::makeError(imaging::ErrorCode::FileNotFound, {{"path", "/a/motif.png"}});
  CHECK(id.message(err) == "Berkas tidak ditemukan: /a/motif.png");
  CHECK(en.message(err) == "File not found: /a/motif.png");
  CHECK(id.tr("no.such.key") == "no.such.key");
  CHECK(core::format("{a} dan {b} dan {c}", {{"a", "1"}, {"b", "2"}}) == "1 dan 2 dan {c}");
}

TEST_CASE("numbers are written the Indonesian or the English way", "[core][i18n]") {
  CHECK(core::formatNumber(1234567.25, 2, Language::Indonesian) == "1.234.567,25");
  CHECK(core::formatNumber(1234567.25, 2, Language::English) == "1,234,567.25");
  CHECK(core::formatNumber(-10.16, 1, Language::Indonesian) == "-10,2");
  CHECK(core::formatCount(44901, Language::Indonesian) == "44.901");
  CHECK(core::formatCount(999, Language::English) == "999");
}

TEST_CASE("a missing or malformed translation table is reported, not fatal", "[core][i18n]") {
  test::TempDir dir;
  core::Translator t;
  CHECK_FALSE(t.load(dir.path(), Language::English));
  CHECK_FALSE(t.loadError().empty());
  test::writeAll(dir / "en.json", {'{', '"', 'a', '"', ':', '1', '}'});
  CHECK_FALSE(t.load(dir.path(), Language::English));
  CHECK(t.loadError().find("not text") != std::string::npos);
  CHECK(t.tr("a") == "a");
}

TEST_CASE("a missing key comes back readable after the temporary it was passed in is gone", "[i18n]") {
  canting::core::Translator tr;  // no table: every key is missing
  // ui.tr(failed ? "browser.no_preview" : "browser.loading") makes a temporary
  // std::string; the reference returned must not point into it (found by the
  // random-input test under ASan, as stack-use-after-scope, with an old table).
  const std::string& a = tr.tr(std::string("browser.no_such_key"));
  const std::string& b = tr.tr(std::string("browser.another_missing_key"));
  CHECK(a == "browser.no_such_key");
  CHECK(b == "browser.another_missing_key");
  CHECK(&tr.tr(std::string("browser.no_such_key")) == &a);  // one copy per key, however often it is asked for
}
