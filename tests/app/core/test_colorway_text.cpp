// Colourway names and the reason one cannot be dyed, in the user's language
// (issue 22: "complementary 27°" in the Indonesian UI).

#include <catch2/catch.hpp>

#include <filesystem>

#include "canting/core/colorway_text.h"

using namespace canting;
using namespace canting::core;
namespace im = canting::imaging;

namespace {

Translator load(Language lang) {
  Translator tr;
  REQUIRE(tr.load(std::filesystem::path(CANTING_ASSETS_DIR) / "i18n", lang));
  return tr;
}

}  // namespace

TEST_CASE("harmony and random colourways are named in each language, named palettes by their own name", "[core][colorway]") {
  const Translator id = load(Language::Indonesian), en = load(Language::English);
  im::Palette design;
  for (const im::Lab& l : {im::Lab{90, 0, 10}, im::Lab{50, 20, 30}, im::Lab{25, 10, 5}}) design.swatches.push_back({l, 1.0 / 3, ""});
  const auto harmony = im::generateColorways(design, {.count = 4});
  REQUIRE(harmony.size() == 4);
  const std::string hue = std::to_string(int(harmony[0].hue));
  CHECK(colorwayName(id, harmony[0]) == "Komplementer " + hue + "°");
  CHECK(colorwayName(en, harmony[0]) == "Complementary " + hue + "°");
  CHECK(colorwayName(id, harmony[3]) == "Komplementer terbelah " + hue + "°");
  CHECK(colorwayName(id, harmony[1], false) == "Analog");
  // A label kept on its own (an order's) is read back the same way.
  for (const im::Colorway& cw : harmony) CHECK(colorwayName(id, cw.label) == colorwayName(id, cw));
  CHECK(colorwayName(id, "random 3") == "Acak 3");
  CHECK(colorwayName(id, "Sogan klasik") == "Sogan klasik");
  CHECK(colorwayName(en, "Pewarna alam 2") == "Pewarna alam 2");
}

TEST_CASE("the reason a colourway cannot be dyed names both colours and the light", "[core][colorway]") {
  const Translator id = load(Language::Indonesian);
  im::Colorway cw;
  // Yellow first, then blue: blue reflects more blue light than the yellow it would be dyed over.
  cw.colours = {im::Lab{90, -5, 80}, im::Lab{40, 10, -50}};
  cw.dyeability = im::checkDyeableInSuccession(cw.colours);
  REQUIRE_FALSE(cw.dyeability.dyeable);
  CHECK(cw.dyeability.channel == 2);
  const std::string why = dyeabilityReason(id, cw);
  CHECK(why.find(im::formatHex(cw.colours[0])) != std::string::npos);
  CHECK(why.find(im::formatHex(cw.colours[1])) != std::string::npos);
  CHECK(why.find("cahaya biru") != std::string::npos);
  cw.colours = {im::Lab{90, 0, 0}, im::Lab{40, 0, 0}};
  cw.dyeability = im::checkDyeableInSuccession(cw.colours);
  CHECK(dyeabilityReason(id, cw).empty());
}
