#include <catch2/catch.hpp>

#include <cstdlib>

#include "canting/core/file_browser.h"
#include "canting/core/paths.h"
#include "canting/core/settings.h"
#include "canting/core/workbench.h"
#include "canting/core/workspace.h"
#include "support/image_fixtures.h"

using namespace canting;
namespace fs = std::filesystem;

namespace {
core::Workbench::Options options(const test::TempDir& dir) {
  core::Workbench::Options o;
  o.settingsFile = dir / "config" / "settings.json";
  o.assets = CANTING_ASSETS_DIR;
  return o;
}

void makeImage(const fs::path& p, int w = 20, int h = 10) {
  cv::Mat m(h, w, CV_8UC3, cv::Scalar(30, 90, 150));
  m(cv::Rect(0, 0, w / 2, h)).setTo(cv::Scalar(200, 210, 220));
  REQUIRE(imaging::saveImage(m, p, imaging::SaveOptions{.dpi = imaging::Dpi{254, 254}}));
}
}  // namespace

TEST_CASE("settings round-trip and a damaged file falls back to defaults with a warning", "[core][settings]") {
  test::TempDir dir;
  core::Settings s;
  s.language = core::Language::English;
  s.windowWidth = 1366;
  for (int i = 0; i < 15; ++i) s.addRecentFile("/f" + std::to_string(i));
  s.addRecentFile("/f3");  // re-adding moves it to the front, no duplicate
  REQUIRE(core::saveSettings(s, dir / "a" / "settings.json"));
  auto back = core::loadSettings(dir / "a" / "settings.json");
  CHECK(back.warning.empty());
  CHECK(back.settings.language == core::Language::English);
  CHECK(back.settings.windowWidth == 1366);
  REQUIRE(back.settings.recentFiles.size() == core::Settings::kMaxRecent);
  CHECK(back.settings.recentFiles.front() == "/f3");
  test::writeAll(dir / "bad.json", {'{', 'x'});
  auto bad = core::loadSettings(dir / "bad.json");
  CHECK_FALSE(bad.warning.empty());
  CHECK(bad.settings.language == core::Language::Indonesian);
  test::writeAll(dir / "limit.json", {'{', '"', 'm', 'a', 'x', '_', 'm', 'e', 'g', 'a', 'p', 'i', 'x', 'e', 'l', 's', '"', ':', '5', '}'});
  CHECK(core::loadSettings(dir / "limit.json").settings.maxMegapixels == 5);
  auto missing = core::loadSettings(dir / "none.json");
  CHECK(missing.warning.empty());
}

TEST_CASE("workspaces are found by name or alias and unknown names are refused", "[core][workspace]") {
  CHECK(core::findWorkspace("pustaka") == core::WorkspaceId::PustakaMotif);
  CHECK(core::findWorkspace("Pustaka-Motif") == core::WorkspaceId::PustakaMotif);
  CHECK(core::findWorkspace("library") == core::WorkspaceId::PustakaMotif);
  CHECK_FALSE(core::findWorkspace("studio-palsu"));
  for (const auto& w : core::workspaces()) CHECK(core::findWorkspace(w.name) == w.id);
}

TEST_CASE("the file browser lists folders first, images marked, hidden files left out", "[core][browser]") {
  test::TempDir dir;
  fs::create_directories(dir / "zeta");
  fs::create_directories(dir / "Alpha");
  fs::create_directories(dir / ".hidden");
  makeImage(dir / "b.PNG");
  test::writeAll(dir / "a.txt", {'x'});
  auto all = core::listDirectory(dir.path(), false);
  REQUIRE(all);
  REQUIRE(all->size() == 4);
  CHECK((*all)[0].name == "Alpha");
  CHECK((*all)[1].name == "zeta");
  CHECK((*all)[2].name == "a.txt");
  CHECK((*all)[3].isImage);
  auto images = core::listDirectory(dir.path(), true);
  REQUIRE(images);
  CHECK(images->size() == 3);
  auto missing = core::listDirectory(dir / "nope", true);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == imaging::ErrorCode::FileNotFound);
}

TEST_CASE("opening files adds documents, reports bad files and does not open a file twice", "[core][workbench]") {
  test::TempDir dir;
  makeImage(dir / "motif.png", 40, 30);
  test::writeAll(dir / "rusak.jpg", {0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 1});
  core::Workbench wb(options(dir));
  wb.openFiles({dir / "motif.png", dir / "rusak.jpg", dir / "hilang.png"});
  wb.finishAll();
  REQUIRE(wb.documents().size() == 1);
  core::Document* d = wb.active();
  REQUIRE(d);
  CHECK(d->name == "motif.png");
  CHECK(d->image.pixels.cols == 40);
  REQUIRE(d->distinctColors);
  CHECK(*d->distinctColors == 2);
  REQUIRE(wb.notices().size() == 2);
  for (const auto& n : wb.notices()) CHECK(n.kind == core::Notice::Kind::Error);
  // Indonesian by default: the messages are the table's, with the path filled in.
  bool sawTruncated = false, sawMissing = false;
  for (const auto& n : wb.notices()) {
    sawTruncated |= n.text.find("terpotong") != std::string::npos;
    sawMissing |= n.text.find("Berkas tidak ditemukan: " + (dir / "hilang.png").string()) != std::string::npos;
  }
  CHECK(sawTruncated);
  CHECK(sawMissing);
  wb.openFiles({dir / "motif.png"});
  wb.finishAll();
  CHECK(wb.documents().size() == 1);
  CHECK(wb.settings().recentFiles.front() == (dir / "motif.png").string());
  wb.close(d->id);
  CHECK(wb.documents().empty());
  CHECK(wb.active() == nullptr);
}

TEST_CASE("several files keep the order they were opened in and the last one is active", "[core][workbench]") {
  test::TempDir dir;
  makeImage(dir / "besar.png", 1500, 1500);  // slowest to decode, asked for first
  makeImage(dir / "kecil1.png");
  makeImage(dir / "kecil2.png");
  core::Workbench wb(options(dir));
  wb.openFiles({dir / "besar.png", dir / "kecil1.png", dir / "kecil2.png"});
  wb.finishAll();
  REQUIRE(wb.documents().size() == 3);
  CHECK(wb.documents()[0]->name == "besar.png");
  CHECK(wb.documents()[1]->name == "kecil1.png");
  CHECK(wb.documents()[2]->name == "kecil2.png");
  CHECK(wb.active()->name == "kecil2.png");
}

TEST_CASE("export writes the active document at its DPI and a failure is noticed", "[core][workbench]") {
  test::TempDir dir;
  makeImage(dir / "m.png");
  core::Workbench wb(options(dir));
  wb.openFiles({dir / "m.png"});
  wb.finishAll();
  wb.setActiveDpi({150, 150});
  wb.exportActive(dir / "out.tif", {});
  wb.finishAll();
  auto img = imaging::loadImage(dir / "out.tif");
  REQUIRE(img);
  REQUIRE(img->source.dpi);
  CHECK(img->source.dpi->x == Approx(150));
  wb.exportActive(dir / "no-dir" / "out.png", {});
  wb.finishAll();
  REQUIRE_FALSE(wb.notices().empty());
  CHECK(wb.notices().back().kind == core::Notice::Kind::Error);
}

TEST_CASE("the language choice is remembered between runs", "[core][workbench]") {
  test::TempDir dir;
  {
    core::Workbench wb(options(dir));
    CHECK(wb.tr().language() == core::Language::Indonesian);
    CHECK(wb.tr().tr("menu.file") == "Berkas");
    wb.setLanguage(core::Language::English);
    CHECK(wb.tr().tr("menu.file") == "File");
  }
  core::Workbench again(options(dir));
  CHECK(again.tr().language() == core::Language::English);
}

TEST_CASE("thumbnails are made small, in 8 bits, keeping the aspect", "[core][browser]") {
  cv::Mat big(1000, 500, CV_16UC3, cv::Scalar(65535, 0, 0));
  const cv::Mat t = core::makeThumbnail(big, 100);
  CHECK(t.rows == 100);
  CHECK(t.cols == 50);
  CHECK(t.depth() == CV_8U);
  CHECK(t.at<cv::Vec3b>(10, 10)[0] == 255);
}

TEST_CASE("the records database is pelatihan.db in the data folder unless CANTING_DB names another", "[core][paths]") {
  const char* old = std::getenv("CANTING_DB");
  const std::string saved = old ? old : "";
  unsetenv("CANTING_DB");
  CHECK(core::recordsDatabase("/data/canting") == fs::path("/data/canting/pelatihan.db"));
  CHECK(core::recordsDatabase() == core::dataDir() / "pelatihan.db");
  setenv("CANTING_DB", "/elsewhere/records.db", 1);
  CHECK(core::recordsDatabase("/data/canting") == fs::path("/elsewhere/records.db"));
  setenv("CANTING_DB", "", 1);  // empty is unset
  CHECK(core::recordsDatabase("/data/canting") == fs::path("/data/canting/pelatihan.db"));
  if (old) setenv("CANTING_DB", saved.c_str(), 1);
  else unsetenv("CANTING_DB");
}
