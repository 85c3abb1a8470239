// The file dialog's model without a window: typed paths, the folder each kind
// of file starts in, and the size on cloth an export asks for.

#include <catch2/catch.hpp>

#include "canting/core/file_browser.h"
#include "canting/core/paths.h"
#include "canting/core/print_size.h"
#include "canting/core/settings.h"
#include "canting/core/workbench.h"
#include "support/image_fixtures.h"

using namespace canting;
namespace fs = std::filesystem;

TEST_CASE("a typed name is read as an absolute, a home or a relative path, never spliced into the folder's name", "[core][browser]") {
  test::TempDir dir;
  fs::create_directories(dir / "laporan" / "2026");
  const fs::path shown = dir / "laporan", home = "/home/ratih";

  SECTION("a plain name goes into the folder shown") {
    const auto t = core::resolveTypedPath(shown, "daftar-hadir.pdf", home);
    CHECK(t.folder == shown);
    CHECK(t.name == "daftar-hadir.pdf");
  }
  SECTION("an absolute path replaces the folder (the reported splice: /root/daftar-hadir-2026-12-/tmp/...)") {
    const auto t = core::resolveTypedPath(shown, "/tmp/x/hadir01.pdf", home);
    CHECK(t.folder == fs::path("/tmp/x"));
    CHECK(t.name == "hadir01.pdf");
  }
  SECTION("~ and ~/ start at home") {
    const auto t = core::resolveTypedPath(shown, "~/Dokumen/hadir.pdf", home);
    CHECK(t.folder == fs::path("/home/ratih/Dokumen"));
    CHECK(t.name == "hadir.pdf");
    const auto h = core::resolveTypedPath(shown, "~", home);
    CHECK(h.isFolder());
    CHECK(h.folder == home);
  }
  SECTION("a relative path is read from the folder shown, .. included") {
    const auto t = core::resolveTypedPath(shown, "2026/hadir.pdf", home);
    CHECK(t.folder == shown / "2026");
    CHECK(t.name == "hadir.pdf");
    const auto up = core::resolveTypedPath(shown / "2026", "../hadir.pdf", home);
    CHECK(up.folder == shown);
    CHECK(up.name == "hadir.pdf");
  }
  SECTION("a folder (existing, or typed with a trailing /) comes back to be opened") {
    const auto existing = core::resolveTypedPath(shown, "2026", home);
    CHECK(existing.isFolder());
    CHECK(existing.folder == shown / "2026");
    const auto slash = core::resolveTypedPath(shown, "/tmp/", home);
    CHECK(slash.isFolder());
    CHECK(slash.folder == fs::path("/tmp"));
    const auto parent = core::resolveTypedPath(shown / "2026", "..", home);
    CHECK(parent.isFolder());
    CHECK(parent.folder == shown);
    CHECK(core::resolveTypedPath(shown, "/", home).folder == fs::path("/"));
  }
  SECTION("nothing typed is the folder shown") {
    const auto t = core::resolveTypedPath(shown, "", home);
    CHECK(t.isFolder());
    CHECK(t.folder == shown);
  }
}

TEST_CASE("the kind of a file follows its name, and each kind has its own empty-folder message", "[core][browser]") {
  CHECK(core::fileKindOf("daftar-hadir.PDF") == core::FileKind::Pdf);
  CHECK(core::fileKindOf("matriks.csv") == core::FileKind::Csv);
  CHECK(core::fileKindOf("bundel-Limbasari.canting-bundle") == core::FileKind::Bundle);
  CHECK(core::fileKindOf("parang.canting") == core::FileKind::Project);
  CHECK(core::fileKindOf("parang-cetak.tif") == core::FileKind::Image);
  CHECK(core::fileKindOf("palet.gpl") == core::FileKind::Palette);
  CHECK(core::fileKindOf("") == core::FileKind::Any);
  core::Translator tr;
  for (const auto lang : {core::Language::Indonesian, core::Language::English}) {
    REQUIRE(tr.load(fs::path(CANTING_ASSETS_DIR) / "i18n", lang));
    for (const auto kind : {core::FileKind::Image, core::FileKind::Project, core::FileKind::Palette, core::FileKind::Pdf,
                            core::FileKind::Csv, core::FileKind::Bundle, core::FileKind::Any}) {
      const std::string key = core::emptyFolderMessageKey(kind);
      INFO(key);
      CHECK(tr.has(key));
    }
  }
  REQUIRE(tr.load(fs::path(CANTING_ASSETS_DIR) / "i18n", core::Language::Indonesian));
  CHECK(tr.tr(core::emptyFolderMessageKey(core::FileKind::Pdf)).find("PDF") != std::string::npos);
  CHECK(tr.tr(core::emptyFolderMessageKey(core::FileKind::Pdf)).find("gambar") == std::string::npos);
}

TEST_CASE("each kind of file starts in its own last folder, kept in the settings", "[core][browser][settings]") {
  test::TempDir dir;
  fs::create_directories(dir / "foto");
  fs::create_directories(dir / "laporan");
  core::Workbench::Options o;
  o.settingsFile = dir / "config" / "settings.json";
  o.assets = CANTING_ASSETS_DIR;
  {
    core::Workbench wb(o);
    CHECK(wb.startFolder(core::FileKind::Pdf) == core::homeDir());
    wb.rememberFolder(dir / "foto", core::FileKind::Image);
    wb.rememberFolder(dir / "laporan", core::FileKind::Pdf);
    CHECK(wb.startFolder(core::FileKind::Image) == dir / "foto");
    CHECK(wb.startFolder(core::FileKind::Pdf) == dir / "laporan");
    // A kind never used starts where the user was last.
    CHECK(wb.startFolder(core::FileKind::Csv) == dir / "laporan");
    wb.persistSettings();
  }
  core::Workbench again(o);
  CHECK(again.startFolder(core::FileKind::Image) == dir / "foto");
  CHECK(again.startFolder(core::FileKind::Pdf) == dir / "laporan");
  // A folder since removed falls back to the last of any kind.
  fs::remove(dir / "foto");
  CHECK(again.startFolder(core::FileKind::Image) == dir / "laporan");
}

TEST_CASE("export by cloth size: the DPI follows the centimetres asked for, and under 150 DPI is too low", "[core][print]") {
  // A 2953 x 1476 repeat on 2 m of cloth: the artisan's 38 DPI, now computed and flagged.
  const cv::Size px(2953, 1476);
  const auto cloth = core::printSize(px, core::PrintBy::WidthCm, 200);
  REQUIRE(cloth);
  CHECK(cloth->dpi == Approx(37.5031).epsilon(1e-4));
  CHECK(cloth->heightCm == Approx(100.0).epsilon(1e-3));
  CHECK(cloth->tooLow());
  const auto byHeight = core::printSize(px, core::PrintBy::HeightCm, 12.4968);
  REQUIRE(byHeight);
  CHECK(byHeight->dpi == Approx(300).epsilon(1e-4));
  CHECK(byHeight->widthCm == Approx(25.0019).epsilon(1e-4));
  CHECK_FALSE(byHeight->tooLow());
  const auto atDpi = core::printSize(px, core::PrintBy::Dpi, 150);
  REQUIRE(atDpi);
  CHECK_FALSE(atDpi->tooLow());  // 150 itself is enough
  CHECK(atDpi->widthCm == Approx(2953 * 2.54 / 150));
  // The DPI stays what a file header holds; the size follows it.
  const auto huge = core::printSize(cv::Size(10, 10), core::PrintBy::WidthCm, 1e6);
  REQUIRE(huge);
  CHECK(huge->dpi == 1);
  CHECK(huge->widthCm == Approx(25.4));
  CHECK_FALSE(core::printSize(px, core::PrintBy::WidthCm, 0));
  CHECK_FALSE(core::printSize(px, core::PrintBy::Dpi, -3));
  CHECK_FALSE(core::printSize(cv::Size(0, 10), core::PrintBy::Dpi, 300));
}

TEST_CASE("a dialog lists the folders and the files of its kind", "[core][browser]") {
  test::TempDir dir;
  fs::create_directories(dir / "arsip");
  for (const char* f : {"hadir.pdf", "matriks.csv", "motif.png", "desain.canting"}) test::writeAll(dir / f, {'x'});
  auto names = [&](core::FileKind kind) {
    std::vector<std::string> out;
    auto list = core::listDirectory(dir.path(), kind);
    REQUIRE(list);
    for (const auto& e : *list) out.push_back(e.name);
    return out;
  };
  CHECK(names(core::FileKind::Pdf) == std::vector<std::string>{"arsip", "hadir.pdf"});
  CHECK(names(core::FileKind::Csv) == std::vector<std::string>{"arsip", "matriks.csv"});
  CHECK(names(core::FileKind::Image) == std::vector<std::string>{"arsip", "motif.png"});
  CHECK(names(core::FileKind::Project) == std::vector<std::string>{"arsip", "desain.canting", "motif.png"});
  CHECK(names(core::FileKind::Any).size() == 5);
}
