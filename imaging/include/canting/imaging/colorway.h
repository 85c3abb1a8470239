#pragma once
// Colourways: variations of a design's palette from harmony rules, named
// batik palettes or seeded draws, each marked as dyeable by successive
// wax-and-dye baths or not.

#include <cstdint>
#include <string>
#include <vector>

#include "canting/imaging/dye_process.h"
#include "canting/imaging/palette.h"

namespace canting::imaging {

enum class HarmonyRule { Complementary, Analogous, Triadic, SplitComplementary };
const char* harmonyName(HarmonyRule rule);
// Hues (degrees, [0,360)) of the rule around `baseHue`, the base first.
std::vector<double> harmonyHues(double baseHue, HarmonyRule rule);

// In batik the lightest colour is dyed first and covered with wax; each
// later bath can only darken what is bare (reflectances multiply). So a set
// of colours can be made by successive baths only if, ordered light to dark,
// no colour has more linear-RGB reflectance in any channel than the one
// before it (yellow then blue gives green, never blue).
struct Dyeability {
  bool dyeable = true;
  std::vector<int> order;  // indices, in dyeing order (light to dark)
  int failAt = -1;         // position in `order` of the first colour that cannot be dyed over its predecessor
  int channel = -1;        // where it fails: 0 red, 1 green, 2 blue, the light the later colour reflects more of
};
Dyeability checkDyeableInSuccession(const std::vector<Lab>& colours, double tolerance = 0.02);

enum class ColorwayScheme { Harmony, Named, Random };

struct ColorwayOptions {
  int count = 9;
  ColorwayScheme scheme = ColorwayScheme::Harmony;
  std::vector<Palette> palettes;  // Named: one colourway per palette in turn; Random: the pool to draw from
  std::uint32_t seed = 1;
  bool keepLightnessOrder = true;
  std::vector<bool> locked;       // per design swatch: keep its colour
};

struct Colorway {
  std::string label;         // e.g. "triadic 120°", "Sogan klasik", "random 3": an id, not for the screen
  // What the label says, for the app to name it in the user's language.
  ColorwayScheme scheme = ColorwayScheme::Harmony;
  HarmonyRule rule = HarmonyRule::Complementary;  // Harmony
  double hue = 0;                                 // Harmony: the starting hue, degrees
  int number = 0;                                 // Random: 1, 2, ...
  std::vector<Lab> colours;  // one per design swatch, same order
  Dyeability dyeability;     // bath after bath with wax alone (the simple check)
  DyeProcess process;        // with kerok and mbironi too: what the centres can dye
};

std::vector<Colorway> generateColorways(const Palette& design, const ColorwayOptions& options);

// Options for a scheme by name: "harmony", "random" (draws from every
// palette given), or the id of one of `palettes` ("sogan", "indigo",
// "pesisiran", "natural" for the shipped ones).
Result<ColorwayOptions> schemeOptions(const std::string& scheme, const std::vector<Palette>& palettes);

}  // namespace canting::imaging
