#include <catch2/catch.hpp>

#include <fstream>

#include <opencv2/imgproc.hpp>

#include "canting/core/showroom.h"
#include "canting/imaging/cloth_layout.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/palette.h"
#include "support/image_fixtures.h"

using namespace canting;
using core::Showroom;

namespace {
const std::filesystem::path kAssets = CANTING_ASSETS_DIR;

std::vector<imaging::Palette> palettes() {
  auto p = imaging::loadPaletteDir(kAssets / "palettes");
  REQUIRE(p);
  return *p;
}
Showroom withKawung() {
  Showroom s;
  auto img = imaging::loadImage(kAssets / "motifs" / "kawung.png");
  REQUIRE(img);
  REQUIRE(s.selectMotif("kawung", "Kawung", img->pixels, palettes()));
  return s;
}
}  // namespace

TEST_CASE("the shipped catalogue loads every product with sizes and prices", "[core][showroom]") {
  auto c = core::loadCatalogue(kAssets / "showroom" / "katalog.json");
  REQUIRE(c);
  CHECK(c->problems.empty());
  REQUIRE(c->products.size() == 6);
  for (const auto& p : c->products) {
    CHECK_FALSE(p.name[0].empty());
    CHECK_FALSE(p.sizes.empty());
    for (const auto& s : p.sizes) CHECK(s.price > 0);
  }
  CHECK_FALSE(c->note.empty());
}

TEST_CASE("a catalogue's bad entries are reported and skipped, and the good ones load", "[core][showroom]") {
  test::TempDir dir;
  const auto f = dir.path() / "katalog.json";
  std::ofstream(f) << R"({"products": [
    {"id": "baik", "kind": "kemeja", "name": {"id": "Kemeja"}, "sizes": [{"label": "M", "width_cm": 86, "length_cm": 74, "price": 350000}]},
    {"kind": "tas", "name": {"id": "Tanpa id"}, "sizes": [{"label": "A", "width_cm": 40, "length_cm": 40, "price": 1}]},
    {"id": "aneh", "kind": "sarung-bantal", "name": {"id": "Sarung bantal"}, "sizes": [{"label": "A", "width_cm": 40, "length_cm": 40, "price": 1}]},
    {"id": "mahal", "kind": "tas", "name": {"id": "Tas"}, "sizes": [{"label": "A", "width_cm": 40, "length_cm": 40, "price": -5}]},
    {"id": "baik", "kind": "tas", "name": {"id": "Kembar"}, "sizes": [{"label": "A", "width_cm": 40, "length_cm": 40, "price": 1}]},
    {"id": "kosong", "kind": "iket", "name": {"id": "Iket"}, "sizes": []},
    {"id": "lama", "kind": "iket", "name": {"id": "Iket"}, "lead_days": "besok", "sizes": [{"label": "A", "width_cm": 40, "length_cm": 40, "price": 1}]},
    "bukan objek",
    {"id": "selendang", "kind": "selendang", "name": {"id": "Selendang", "en": "Shawl"}, "lead_days": 10,
     "sizes": [{"label": "200 x 50", "width_cm": 50, "length_cm": 200, "price": 250000}]}
  ]})";
  auto c = core::loadCatalogue(f);
  REQUIRE(c);
  REQUIRE(c->products.size() == 2);
  CHECK(c->products[0].id == "baik");
  CHECK(c->products[0].name[1] == "Kemeja");  // no English name: the Indonesian one
  CHECK(c->products[1].id == "selendang");
  std::vector<std::pair<int, std::string>> got;
  for (const auto& p : c->problems) got.emplace_back(p.index, p.reasonKey);
  CHECK(got == std::vector<std::pair<int, std::string>>{{1, "showroom.bad.no_id"}, {2, "showroom.bad.kind"},     {3, "showroom.bad.size_entry"},
                                                        {4, "showroom.bad.duplicate"}, {5, "showroom.bad.sizes"}, {6, "showroom.bad.lead_days"},
                                                        {7, "showroom.bad.no_id"}});
  std::ofstream(f) << "not json";
  CHECK(core::loadCatalogue(f).error().code == imaging::ErrorCode::MalformedFile);
  CHECK(core::loadCatalogue(dir.path() / "none.json").error().code == imaging::ErrorCode::FileNotFound);
}

TEST_CASE("a motif gets twelve colourways with thumbnails, favourites and a pair to compare", "[core][showroom]") {
  Showroom s = withKawung();
  REQUIRE(s.colorways().size() == 12);
  REQUIRE(s.thumbnails().size() == 12);
  CHECK(std::max(s.thumbnails()[0].cols, s.thumbnails()[0].rows) <= 360);
  // The first ones are the named batik palettes, one each.
  std::set<std::string> named;
  for (int i = 0; i < 4; ++i) named.insert(s.colorways()[std::size_t(i)].label);
  CHECK(named == std::set<std::string>{"Indigo-putih", "Pesisiran cerah", "Pewarna alam", "Sogan klasik"});
  CHECK(s.colorways()[8].label == "Pewarna alam 1");
  // Each thumbnail differs from the motif as it is.
  const cv::Mat orig = s.colorwayImage(-1);
  const cv::Mat full = s.colorwayImage(0);
  CHECK(full.size() == orig.size());
  CHECK(cv::norm(full, orig, cv::NORM_L1) > 0);
  s.toggleFavourite(3);
  s.toggleFavourite(5);
  s.toggleFavourite(3);
  CHECK(s.favourites() == std::set<int>{5});
  s.addToCompare(2);
  s.addToCompare(2);  // the same one twice is not a pair
  s.addToCompare(7);
  CHECK(s.compare() == std::vector<int>{2, 7});
  s.addToCompare(9);
  CHECK(s.compare() == std::vector<int>{9});
}

TEST_CASE("kiosk mode starts the attract slideshow after a minute without input, and a touch stops it", "[core][showroom]") {
  Showroom s;
  s.input(100);
  CHECK_FALSE(s.attracting(200));  // not in kiosk mode
  s.kiosk = true;
  CHECK_FALSE(s.attracting(159));
  CHECK(s.attracting(160));
  s.input(161);
  CHECK_FALSE(s.attracting(200));
}

TEST_CASE("the order draft takes the chosen colourway, product, size and price, with dye names where dyeable", "[core][showroom]") {
  Showroom s = withKawung();
  auto cat = core::loadCatalogue(kAssets / "showroom" / "katalog.json");
  auto book = imaging::loadDyeBook(kAssets / "dyes" / "dyes.json");
  REQUIRE(cat);
  REQUIRE(book);
  // A dyeable colourway among the twelve.
  int dyeable = -1;
  for (int i = 0; i < int(s.colorways().size()) && dyeable < 0; ++i)
    if (s.colorways()[std::size_t(i)].process.dyeable) dyeable = i;
  REQUIRE(dyeable >= 0);
  s.chosen = dyeable;
  s.product = 1;  // the shirt
  s.size = 2;     // L
  const core::Order o = s.draft(*cat, &*book, 0);
  CHECK(o.motifName == "Kawung");
  CHECK(o.productName == "Kemeja lengan pendek");
  CHECK(o.size == "L");
  CHECK(o.unitPrice == 375000);
  CHECK(o.dyeable);
  REQUIRE(o.swatches.size() == s.palette().swatches.size());
  CHECK(o.swatches[0].hex.size() == 7);
  CHECK(std::any_of(o.swatches.begin(), o.swatches.end(), [](const core::OrderSwatch& w) { return !w.dye.empty(); }));
  // An undyeable colourway names no dyes.
  for (int i = 0; i < int(s.colorways().size()); ++i)
    if (!s.colorways()[std::size_t(i)].process.dyeable)
      for (const auto& w : s.swatches(i, &*book, 0)) CHECK(w.dye.empty());
  CHECK(core::formatRupiah(1250000) == "Rp 1.250.000");
  CHECK(core::formatRupiah(0) == "Rp 0");
  // The mockup follows the catalogue size.
  auto m = s.mockup(*cat, 600);
  REQUIRE(m);
  CHECK(m->product.width / m->pxPerCm == Approx(92).epsilon(0.02));
}

TEST_CASE("a big photo or a 16-bit repeat tile is scaled for the showroom, and prepared apart gives what selectMotif gives", "[core][showroom]") {
  test::TempDir dir;
  cv::Mat photo(2400, 3600, CV_8UC3, cv::Scalar(40, 90, 160));
  cv::circle(photo, cv::Point(1800, 1200), 700, cv::Scalar(220, 230, 240), -1);
  REQUIRE(imaging::saveImage(photo, dir / "foto.jpg"));
  cv::Mat tile16(600, 500, CV_16UC3, cv::Scalar(10000, 30000, 50000));
  cv::rectangle(tile16, cv::Rect(100, 100, 250, 300), cv::Scalar(60000, 20000, 5000), -1);
  REQUIRE(imaging::saveImage(tile16, dir / "ubin.tif"));
  auto big = core::loadShowroomMotif(dir / "foto.jpg");
  REQUIRE(big);
  CHECK(big->cols == 1400);
  CHECK(big->rows == 933);
  CHECK(big->type() == CV_8UC3);
  auto tile = core::loadShowroomMotif(dir / "ubin.tif");
  REQUIRE(tile);
  CHECK(tile->size() == cv::Size(500, 600));  // small enough: kept
  CHECK(tile->type() == CV_8UC3);
  CHECK_FALSE(core::loadShowroomMotif(dir / "none.png"));

  auto prepared = Showroom::prepareMotif("ubin", "Ubin", *tile, palettes());
  REQUIRE(prepared);
  Showroom a, b;
  a.setMotif(std::move(*prepared));
  REQUIRE(b.selectMotif("ubin", "Ubin", *tile, palettes()));
  REQUIRE(a.colorways().size() == 12);
  REQUIRE(a.colorways().size() == b.colorways().size());
  for (std::size_t i = 0; i < a.colorways().size(); ++i) {
    CHECK(a.colorways()[i].label == b.colorways()[i].label);
    CHECK(cv::norm(a.thumbnails()[i], b.thumbnails()[i], cv::NORM_INF) == 0);
  }
  // The enlarged view asks every frame: the same pixels each time, kept.
  const cv::Mat first = a.colorwayImage(3);
  CHECK(a.colorwayImage(3).data == first.data);
  CHECK(cv::norm(first, b.colorwayImage(3), cv::NORM_INF) == 0);
}

// The outlet sells the same cloths the Studio lays out: a customer must not be
// quoted a 200 cm selendang the pola was drawn at 230 cm for.
TEST_CASE("the shipped catalogue's kain panjang, selendang and iket come in the sizes of the cloth layouts", "[showroom][catalogue]") {
  auto cat = core::loadCatalogue(kAssets / "showroom" / "katalog.json");
  REQUIRE(cat);
  CHECK(cat->problems.empty());
  auto layouts = imaging::loadLayouts(kAssets / "layouts" / "kain.json");
  REQUIRE(layouts);
  int matched = 0;
  for (const auto& p : cat->products) {
    for (const auto& l : *layouts) {
      if (l.id != p.id) continue;
      ++matched;
      INFO(p.id);
      bool found = false;
      for (const auto& s : p.sizes)
        found = found || (std::min(s.widthCm, s.lengthCm) == std::min(l.heightCm, l.lengthCm) &&
                          std::max(s.widthCm, s.lengthCm) == std::max(l.heightCm, l.lengthCm));
      CHECK(found);
    }
  }
  CHECK(matched == 3);
}
