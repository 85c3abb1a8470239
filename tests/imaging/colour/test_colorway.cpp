#include <catch2/catch.hpp>

#include "canting/imaging/colorway.h"

using namespace canting::imaging;

namespace {
Lab hex(const char* h) { return *parseColor(h); }

std::vector<double> sortedHues(std::vector<double> h) {
  std::sort(h.begin(), h.end());
  return h;
}

Palette design() {
  Palette p;
  p.swatches = {Swatch{hex("#EFE4CC"), 0.6, "ground"}, Swatch{hex("#8B5A2B"), 0.25, "soga"}, Swatch{hex("#2B3556"), 0.15, "wedel"}};
  return p;
}

std::vector<int> lightnessRanks(const std::vector<Lab>& c) {
  std::vector<int> idx(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) idx[i] = int(i);
  std::sort(idx.begin(), idx.end(), [&](int a, int b) { return c[std::size_t(a)].L > c[std::size_t(b)].L; });
  return idx;
}
}  // namespace

TEST_CASE("harmony rules give the right hue angles", "[imaging][colorway]") {
  CHECK(sortedHues(harmonyHues(30, HarmonyRule::Complementary)) == std::vector<double>{30, 210});
  CHECK(sortedHues(harmonyHues(10, HarmonyRule::Analogous)) == std::vector<double>{10, 40, 340});
  CHECK(sortedHues(harmonyHues(300, HarmonyRule::Triadic)) == std::vector<double>{60, 180, 300});
  CHECK(sortedHues(harmonyHues(0, HarmonyRule::SplitComplementary)) == std::vector<double>{0, 150, 210});
  CHECK(harmonyHues(200, HarmonyRule::Triadic).front() == 200);
}

TEST_CASE("the dyeable-in-succession check agrees with hand-made cases", "[imaging][colorway]") {
  // Sogan: cream, then soga browns, then near-black: each bath only darkens.
  CHECK(checkDyeableInSuccession({hex("#EFE4CC"), hex("#B8864E"), hex("#5C3A1E")}).dyeable);
  // Indigo-putih: white, light blue, indigo.
  CHECK(checkDyeableInSuccession({hex("#F4F1EA"), hex("#A9B8D0"), hex("#2A3A66")}).dyeable);
  // Order given does not matter: the check orders light to dark itself.
  const Dyeability d = checkDyeableInSuccession({hex("#2A3A66"), hex("#F4F1EA"), hex("#A9B8D0")});
  CHECK(d.dyeable);
  CHECK(d.order == std::vector<int>{1, 2, 0});
  // Yellow then blue: a blue bath over yellow gives green, never blue.
  const Dyeability yb = checkDyeableInSuccession({hex("#F0D040"), hex("#3050C0")});
  CHECK_FALSE(yb.dyeable);
  CHECK(yb.failAt == 1);
  // Pink then green: this green reflects more green than the pink.
  CHECK_FALSE(checkDyeableInSuccession({hex("#F0A0B0"), hex("#40C050")}).dyeable);
  // Red over a cream ground is fine; a light turquoise after red is not.
  CHECK(checkDyeableInSuccession({hex("#F3E7C9"), hex("#C0392B")}).dyeable);
  CHECK_FALSE(checkDyeableInSuccession({hex("#F3E7C9"), hex("#C0392B"), hex("#20B0B0")}).dyeable);
}

TEST_CASE("harmony colourways keep each swatch's lightness and the pale ground", "[imaging][colorway]") {
  const auto cws = generateColorways(design(), ColorwayOptions{.count = 9, .scheme = ColorwayScheme::Harmony});
  REQUIRE(cws.size() == 9);
  for (const Colorway& cw : cws) {
    REQUIRE(cw.colours.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) CHECK(cw.colours[i].L == Approx(design().swatches[i].lab.L).margin(1e-9));
    CHECK(deltaE2000(cw.colours[0], design().swatches[0].lab) < 1e-9);
    CHECK(cw.dyeability.dyeable == checkDyeableInSuccession(cw.colours).dyeable);
  }
  CHECK(cws[0].label.rfind("complementary", 0) == 0);
  CHECK(cws[2].label.rfind("triadic", 0) == 0);
}

TEST_CASE("named-palette colourways keep the design's lightness order and honour locks", "[imaging][colorway]") {
  Palette sogan;
  sogan.name = "Sogan klasik";
  for (const char* h : {"#EFE4CC", "#B8864E", "#8B5A2B", "#5C3A1E", "#2B3556", "#1E1B22"}) sogan.swatches.push_back(Swatch{hex(h), 0, {}});
  Palette two;
  two.name = "Dua";
  for (const char* h : {"#FFFFFF", "#000080"}) two.swatches.push_back(Swatch{hex(h), 0, {}});
  ColorwayOptions o{.count = 6, .scheme = ColorwayScheme::Named, .palettes = {sogan, two}, .seed = 5};
  const auto cws = generateColorways(design(), o);
  REQUIRE(cws.size() == 6);
  const std::vector<Lab> base = {design().swatches[0].lab, design().swatches[1].lab, design().swatches[2].lab};
  for (const Colorway& cw : cws) CHECK(lightnessRanks(cw.colours) == lightnessRanks(base));
  CHECK(cws[0].label == "Sogan klasik");
  CHECK(cws[1].label == "Dua");
  // Same seed, same colourways; a locked swatch keeps its colour.
  const auto again = generateColorways(design(), o);
  for (std::size_t i = 0; i < cws.size(); ++i)
    for (std::size_t j = 0; j < 3; ++j) CHECK(again[i].colours[j].L == cws[i].colours[j].L);
  o.locked = {false, true, false};
  for (const Colorway& cw : generateColorways(design(), o)) CHECK(deltaE2000(cw.colours[1], base[1]) < 1e-9);
  // Random draws from a pool, lightness order kept.
  const auto rnd = generateColorways(design(), ColorwayOptions{.count = 4, .scheme = ColorwayScheme::Random, .palettes = {sogan}, .seed = 9});
  REQUIRE(rnd.size() == 4);
  for (const Colorway& cw : rnd) CHECK(lightnessRanks(cw.colours) == lightnessRanks(base));
}
