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
  REQUIRE(lib.motifs().size() == 9);
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

TEST_CASE("parang keeps its mlinjon while lereng and udan liris ship as the diagonal family without it", "[core][library]") {
  test::TempDir dir;
  core::MotifLibrary lib;
  lib.load(bundled(), dir / "user");
  REQUIRE(lib.find("parang"));
  CHECK(lib.find("parang")->name == "Parang");
  CHECK(lib.find("parang")->geometryIn(core::Language::English).find("mlinjon") != std::string::npos);
  for (const auto& [id, says] : {std::pair{"lereng", "without parang's mlinjon"}, std::pair{"udan-liris", "A lereng of parallel diagonal bands"}}) {
    INFO(id);
    const auto* m = lib.find(id);
    REQUIRE(m);
    CHECK(m->generated);
    CHECK(m->familyIn(core::Language::English) == lib.find("parang")->familyIn(core::Language::English));
    CHECK(m->geometryIn(core::Language::English).find(says) != std::string::npos);
    CHECK_FALSE(m->sources.empty());
    CHECK(imaging::loadImage(m->image));
  }
  CHECK(lib.filter("gerimis", "", core::Language::Indonesian).size() == 1);  // udan liris: drizzling rain
}

TEST_CASE("Purbalingga's own motifs wait for the centre's image, and filling one makes it a motif with its story", "[core][library]") {
  test::TempDir dir;
  core::MotifLibrary lib;
  lib.load(bundled(), dir / "user");
  std::vector<std::string> waiting;
  for (const auto* m : lib.awaiting()) {
    waiting.push_back(m->id);
    INFO(m->id);
    CHECK(m->awaitingImage);
    CHECK_FALSE(m->sources.empty());
    CHECK_FALSE(m->originIn(core::Language::Indonesian).empty());
    CHECK_FALSE(m->geometryIn(core::Language::English).empty());
    CHECK_FALSE(lib.find(m->id));  // no image: not among the motifs to open, recolour or show
  }
  CHECK(waiting == std::vector<std::string>{"patrawisa", "sawah-layur", "lawa", "naga-tapa"});
  const auto* lawa = lib.awaiting()[2];
  CHECK(lawa->meaningIn(core::Language::English).find("Perbup 30/2017") != std::string::npos);
  CHECK(lawa->coloursIn(core::Language::Indonesian).find("hitam-putih-merah") != std::string::npos);

  // A broken image fills nothing; an unknown entry is refused.
  test::writeAll(dir / "bad.jpg", {0xFF, 0xD8, 0xFF});
  CHECK_FALSE(lib.fill("patrawisa", dir / "bad.jpg"));
  CHECK_FALSE(lib.fill("kawung", anImage(dir)));
  CHECK(lib.awaiting().size() == 4);

  auto id = lib.fill("patrawisa", anImage(dir));
  REQUIRE(id);
  CHECK(lib.awaiting().size() == 3);
  core::MotifLibrary again;  // and after a restart, in both languages
  again.load(bundled(), dir / "user");
  CHECK(again.warnings().empty());
  const auto* filled = again.find(*id);
  REQUIRE(filled);
  CHECK(filled->fills == "patrawisa");
  CHECK(filled->name == "Patrawisa");
  CHECK_FALSE(filled->bundled);
  CHECK_FALSE(filled->generated);
  CHECK(filled->meaningIn(core::Language::English).find("Tungtung Gunung") != std::string::npos);
  CHECK(filled->meaningIn(core::Language::Indonesian).find("Sungai Tungtung Gunung") != std::string::npos);
  CHECK(filled->sources.size() == 2);
  CHECK(again.awaiting().size() == 3);
  // Deleting the filled motif puts the entry back on the waiting list.
  REQUIRE(again.remove(*id));
  CHECK(again.awaiting().size() == 4);
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
  CHECK(lib.motifs().size() == 9);
  fs::create_directories(dir / "user");
  test::writeAll(dir / "user" / "motifs.json", {'{', 'x'});
  core::MotifLibrary damaged;
  damaged.load(bundled(), dir / "user");
  CHECK(damaged.motifs().size() == 9);
  CHECK(damaged.warnings().size() == 1);
}
