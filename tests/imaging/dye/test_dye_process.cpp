// The dyeing process behind a set of colours: wax, baths, kerok and mbironi,
// as the centres dye; colours added by Kubelka–Munk over the baths an area took.

#include <catch2/catch.hpp>

#include <algorithm>

#include "canting/imaging/dye_process.h"
#include "canting/imaging/palette.h"

using namespace canting::imaging;

namespace {
Lab hex(const char* h) { return *parseColor(h); }

int count(const DyeProcess& p, ProcessStepKind k) {
  return int(std::count_if(p.steps.begin(), p.steps.end(), [&](const ProcessStep& s) { return s.kind == k; }));
}

// Runs the steps on one area per colour, as cloth would take them: wax keeps a
// bath off, kerok takes the wax away, lorod ends it. Returns the baths each area took.
std::vector<std::vector<int>> replay(const DyeProcess& p, std::size_t n) {
  std::vector<bool> waxed(n, false);
  std::vector<std::vector<int>> took(n);
  for (const ProcessStep& s : p.steps) {
    switch (s.kind) {
      case ProcessStepKind::Wax:
      case ProcessStepKind::Mbironi:
        for (int c : s.colours) {
          CHECK_FALSE(waxed[std::size_t(c)]);  // no area is waxed twice over
          waxed[std::size_t(c)] = true;
        }
        break;
      case ProcessStepKind::Kerok:
        for (int c : s.colours) {
          CHECK(waxed[std::size_t(c)]);  // only wax can be scraped
          waxed[std::size_t(c)] = false;
        }
        break;
      case ProcessStepKind::Dye: {
        std::vector<int> bare;
        for (std::size_t a = 0; a < n; ++a)
          if (!waxed[a]) took[a].push_back(s.bath), bare.push_back(int(a));
        CHECK(bare == s.colours);
        break;
      }
      case ProcessStepKind::Lorod: std::fill(waxed.begin(), waxed.end(), false); break;
    }
  }
  return took;
}
}  // namespace

TEST_CASE("classic sogan (white, indigo, soga, near-black where both) is dyed with medel, kerok, mbironi and soga", "[imaging][dye][process]") {
  // The colours of assets/palettes/sogan-klasik.json.
  const std::vector<Lab> c = {hex("#EFE4CC"), hex("#2B3556"), hex("#8B5A2B"), hex("#1E1B22")};
  const DyeProcess p = planDyeProcess(c);
  REQUIRE(p.dyeable);
  CHECK_FALSE(p.succession);
  // The palette's near-black is darker than one indigo and one soga bath give
  // (CIEDE2000 13): it takes a third, darkening bath of its own.
  REQUIRE(p.baths.size() == 3);
  // Medel before nyoga: the first bath is the blue.
  CHECK(labToLch(p.baths[0]).h > 200);
  CHECK(labToLch(p.baths[0]).h < 300);
  CHECK(labToLch(p.baths[1]).h < 90);
  // White takes nothing, blue the indigo, brown the soga, near-black both.
  CHECK(p.bathsOf[0].empty());
  CHECK(p.bathsOf[1] == std::vector<int>{0});
  CHECK(p.bathsOf[2] == std::vector<int>{1});
  CHECK(p.bathsOf[3] == std::vector<int>{0, 1, 2});
  CHECK(p.kerokSteps == 1);
  // Mbironi covers the blue after the kerok (and the brown before the near-black's own bath).
  const auto mb = std::find_if(p.steps.begin(), p.steps.end(), [](const ProcessStep& s) { return s.kind == ProcessStepKind::Mbironi; });
  REQUIRE(mb != p.steps.end());
  CHECK(mb->colours == std::vector<int>{1});
  CHECK(count(p, ProcessStepKind::Mbironi) == 2);
  CHECK(count(p, ProcessStepKind::Lorod) == 1);
  CHECK(p.steps.front().kind == ProcessStepKind::Wax);
  CHECK(replay(p, c.size()) == p.bathsOf);
  for (std::size_t i = 0; i < c.size(); ++i) {
    INFO(i);
    CHECK(deltaE2000(p.predicted[i], c[i]) <= 5.0);
  }
}

TEST_CASE("colours that darken one after another are dyed in succession, without kerok", "[imaging][dye][process]") {
  const std::vector<Lab> c = {hex("#5C3A1E"), hex("#EFE4CC"), hex("#B8864E")};
  const DyeProcess p = planDyeProcess(c);
  REQUIRE(p.dyeable);
  CHECK(p.succession);
  CHECK(p.kerokSteps == 0);
  CHECK(count(p, ProcessStepKind::Mbironi) == 0);
  CHECK(p.baths.size() == 2);
  CHECK(p.bathsOf[2] == std::vector<int>{0});
  CHECK(p.bathsOf[0] == std::vector<int>{0, 1});
  CHECK(replay(p, c.size()) == p.bathsOf);
  for (std::size_t i = 0; i < c.size(); ++i) CHECK(deltaE2000(p.predicted[i], c[i]) < 1.0);
}

TEST_CASE("a yellow motif on a blue ground needs kerok after the blue, or colet, and says which colour", "[imaging][dye][process]") {
  const std::vector<Lab> c = {hex("#F4F1EA"), hex("#F0D040"), hex("#3050C0")};
  const DyeProcess p = planDyeProcess(c);
  REQUIRE(p.dyeable);
  CHECK_FALSE(p.succession);
  REQUIRE(p.baths.size() == 2);
  CHECK(labToLch(p.baths[0]).h > 200);  // blue first: the yellow motif is waxed, not the ground
  const auto kerok = std::find_if(p.steps.begin(), p.steps.end(), [](const ProcessStep& s) { return s.kind == ProcessStepKind::Kerok; });
  REQUIRE(kerok != p.steps.end());
  CHECK(kerok->colours == std::vector<int>{1});
  CHECK(p.coletInstead == std::vector<int>{1});
  CHECK(replay(p, c.size()) == p.bathsOf);
}

TEST_CASE("each bath only darkens: an area's colour is monotone in the baths it takes", "[imaging][dye][process]") {
  const std::vector<Lab> c = {hex("#F3E7C9"), hex("#C0392B"), hex("#20B0B0"), hex("#402020"), hex("#A9B8D0")};
  const DyeProcess p = planDyeProcess(c);
  REQUIRE(p.dyeable);
  for (std::size_t i = 0; i < c.size(); ++i) {
    CHECK(p.predicted[i].L <= p.cloth.L + 1e-6);
    for (int b : p.bathsOf[i]) CHECK(p.predicted[i].L <= p.baths[std::size_t(b)].L + 1e-6);
  }
  CHECK(replay(p, c.size()) == p.bathsOf);
}

TEST_CASE("colours of unrelated hues beyond the bath and kerok limits are not dyeable by hand, and the colour that breaks it is named", "[imaging][dye][process]") {
  const std::vector<Lab> c = {hex("#FFFFFF"), hex("#F0D040"), hex("#40C050"), hex("#C03030"), hex("#3050C0"), hex("#C040C0"),
                              hex("#40C0C0"), hex("#E08020")};
  // Five baths and two keroks reach all eight (mixes of yellow, cyan, magenta, blue and orange baths).
  const DyeProcess p = planDyeProcess(c);
  REQUIRE(p.dyeable);
  CHECK(p.baths.size() == 5);
  CHECK(p.kerokSteps == 2);
  CHECK(replay(p, c.size()) == p.bathsOf);
  for (std::size_t i = 0; i < c.size(); ++i) CHECK(deltaE2000(p.predicted[i], c[i]) <= 5.0);
  // Three baths do not.
  const DyeProcess fewBaths = planDyeProcess(c, {.maxBaths = 3});
  CHECK_FALSE(fewBaths.dyeable);
  CHECK(fewBaths.block == DyeProcess::Block::TooManyBaths);
  CHECK(fewBaths.blocking >= 1);
  // Nor one kerok.
  const DyeProcess oneKerok = planDyeProcess(c, {.maxKerok = 1});
  CHECK_FALSE(oneKerok.dyeable);
  CHECK(oneKerok.block == DyeProcess::Block::TooManyKerok);
  CHECK(oneKerok.blocking >= 1);
}

TEST_CASE("one colour is the cloth itself, and no colours is nothing to do", "[imaging][dye][process]") {
  const DyeProcess one = planDyeProcess({hex("#EFE4CC")});
  CHECK(one.dyeable);
  CHECK(one.baths.empty());
  CHECK(one.steps.empty());
  CHECK(planDyeProcess({}).dyeable);
}
