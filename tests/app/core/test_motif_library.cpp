#include <catch2/catch.hpp>

#include "canting/core/motif_library.h"
#include "canting/imaging/image_io.h"
#include "support/image_fixtures.h"

using namespace canting;
namespace fs = std::filesystem;

namespace {
fs::path bundled() { return fs::path(CANTING_ASSETS_DIR) / "motifs"; }
fs::path anImage(const test::TempDir& d) {
  cv::Mat m(40, 40, CV_8UC3, cv::Scalar(10, 90, 140));
  REQUIRE(imaging::saveImage(m, d / "mine.png"));
  return d / "mine.png";
}
}  // namespace

TEST_CASE("the bundled motifs load with their metadata in both languages", "[core][library]") {
  test::TempDir dir;
  core::MotifLibrary lib;
  lib.load(bundled(), dir / "user");
  CHECK(lib.warnings().empty());
  REQUIRE(lib.motifs().size() == 7);
  const auto* kawung = lib.find("kawung");
  REQUIRE(kawung);
  CHECK(kawung->bundled);
  CHECK(kawung->generated);
  CHECK(kawung->meaningIn(core::Language::Indonesian).find("Kiblat papat") != std::string::npos);
  CHECK(kawung->meaningIn(core::Language::English).find("four directions") != std::string::npos);
  CHECK_FALSE(kawung->sources.empty());
  // Search reaches names, families and meanings in both languages.
  CHECK(lib.filter("mendung", "", core::Language::Indonesian).size() == 1);
  CHECK(lib.filter("cirebon", "", core::Language::English).size() == 1);
  CHECK(lib.filter("pernikahan-tidak-ada", "", core::Language::Indonesian).empty());
  const auto fams = lib.families(core::Language::English);
  CHECK(std::find(fams.begin(), fams.end(), "Geometric") != fams.end());
  CHECK(lib.filter("", "Geometric", core::Language::English).size() == 1);  // ceplok
  // Bundled motifs are not the user's to delete or edit.
  CHECK_FALSE(lib.remove("kawung"));
  CHECK_FALSE(lib.update("kawung", {"x", "", "", ""}));
}

TEST_CASE("importing, editing, deleting and undoing the delete of the user's own motif", "[core][library]") {
  test::TempDir dir;
  core::MotifLibrary lib;
  lib.load(bundled(), dir / "user");
  auto id = lib.import(anImage(dir), {"Patrawisa (latihan)", "Purbalingga", "Limbasari", "Pegunungan Patrawisa"});
  REQUIRE(id);
  REQUIRE(lib.find(*id));
  CHECK(fs::exists(lib.find(*id)->image));
  // It survives a restart.
  core::MotifLibrary again;
  again.load(bundled(), dir / "user");
  REQUIRE(again.find(*id));
  CHECK(again.find(*id)->origin[0] == "Limbasari");
  REQUIRE(again.update(*id, {"Patrawisa", "Purbalingga", "Limbasari", "Gunung dan sungai"}));
  CHECK(again.find(*id)->name == "Patrawisa");
  const fs::path image = again.find(*id)->image;
  REQUIRE(again.remove(*id));
  CHECK_FALSE(again.find(*id));
  CHECK_FALSE(fs::exists(image));
  REQUIRE(again.canUndoRemove());
  REQUIRE(again.undoRemove());
  REQUIRE(again.find(*id));
  CHECK(fs::exists(again.find(*id)->image));
  CHECK_FALSE(again.canUndoRemove());
}

TEST_CASE("a broken image is refused at import and a damaged collection file still opens the rest", "[core][library]") {
  test::TempDir dir;
  core::MotifLibrary lib;
  lib.load(bundled(), dir / "user");
  test::writeAll(dir / "bad.png", {0x89, 'P', 'N', 'G'});
  auto r = lib.import(dir / "bad.png", {"x", "", "", ""});
  REQUIRE_FALSE(r);
  CHECK(lib.motifs().size() == 7);
  fs::create_directories(dir / "user");
  test::writeAll(dir / "user" / "motifs.json", {'{', 'x'});
  core::MotifLibrary damaged;
  damaged.load(bundled(), dir / "user");
  CHECK(damaged.motifs().size() == 7);
  CHECK(damaged.warnings().size() == 1);
}
