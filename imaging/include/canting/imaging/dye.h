#pragma once
// The dye lab's model: dyes and fixers as data, wax-resist dyeing by the
// Kubelka-Munk model, crackle, process plans, scoring and recipes.
//
// Colour model. The cloth holds K/S per linear-light RGB channel (white mori
// has a small K/S of its own). A bath adds the dye's K/S, scaled by
// concentration and by a saturating function of the dips, only where the
// cloth is bare: wax blocks it, except for a little seepage at the wax edge
// and along cracks. Reflectance follows from K/S: R = 1 + K/S - sqrt((K/S)^2 + 2 K/S).
// More dips darken monotonically and saturate; baths add, so indigo over
// soga gives the near-black brown-blue of sogan; no bath leaves white white.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "canting/imaging/color.h"
#include "canting/imaging/error.h"

namespace canting::imaging {

struct Auxiliary {
  std::string name;
  double gramsPerLitre = 0;
};

struct Dye {
  std::string id, name[2], kind;
  Lab colour;                      // on white mori at the reference strength
  double refConcentration = 1;     // g/L
  int refDips = 1;
  double gramsPerLitre = 0;        // the recipe's dye per litre
  std::vector<Auxiliary> auxiliaries;
  double liquorRatio = 20;         // 1 : ratio
  double temperatureC = 25;
  std::string source, confidence, note;
};

struct Fixer {
  std::string id, name[2];
  double gramsPerLitre = 0;
  cv::Vec3d ksScale{1, 1, 1};      // on the K/S of the bath it fixes (R, G, B)
  std::string effect[2], source, confidence, note;
};

struct DyeBook {
  Lab cloth;                       // undyed mori
  std::vector<Dye> dyes;
  std::vector<Fixer> fixers;
  const Dye* dye(const std::string& id) const;
  const Fixer* fixer(const std::string& id) const;
};

Result<DyeBook> loadDyeBook(const std::filesystem::path& file);

// --- plans ---------------------------------------------------------------------
struct PlanStep {
  enum class Op { Wax, Dye, Fix, Crackle, Kerok, Lorod } op = Op::Wax;
  std::string layer;          // Wax, Kerok: "outline", "isen", "ground", "all", "mask:FILE.png" or "painted:NAME"
  std::string dye;            // Dye
  double concentration = 0;   // Dye, g/L
  int dips = 1;               // Dye
  std::string fixer;          // Fix
  double density = 1;         // Crackle: cracks per 10 cm of wax, roughly
  std::uint32_t seed = 1;     // Crackle
};

struct Plan {
  std::string name;
  std::vector<PlanStep> steps;
};

// Checks every step against the dye book; errors name the step and field.
Result<Plan> parsePlan(const std::string& json, const DyeBook& book);
Result<Plan> loadPlan(const std::filesystem::path& file, const DyeBook& book);
std::string planToJson(const Plan& plan);

// --- simulation ------------------------------------------------------------------
struct Layers {
  cv::Mat outline, isen, ground;  // CV_8U masks, 255 inside (as the motif generators give)
  std::map<std::string, cv::Mat> painted;  // "painted:NAME" layers a trainee drew, same size
};

struct ClothState {
  cv::Mat ks;        // CV_32FC3, K/S per linear channel (R, G, B)
  cv::Mat wax;       // CV_8U, 255 where wax lies
  cv::Mat cracks;    // CV_8U, crack width in pixels (0 = none)
  cv::Mat ksAtFix;   // K/S at the last fix (shared, never written): a fixer binds what came after
};

struct SimOptions {
  double dpi = 150;          // to size seepage and cracks in mm
  double seepageMm = 0.3;    // dye creeping under the wax edge
  std::filesystem::path planDir;  // for "mask:" layers
};

// Layers from an imported motif picture: its pola lines, split by size into
// outline (long strokes) and isen (dots and strokes shorter than isenMaxMm);
// the ground is everything else. A start the trainee then paints over.
Result<Layers> layersFromImage(const cv::Mat& image, double dpi, double isenMaxMm = 3.0);
// outline.png, isen.png, ground.png in `dir`, as `canting-cli motif --layers` writes them.
Result<Layers> loadLayers(const std::filesystem::path& dir);

ClothState freshCloth(cv::Size size, const DyeBook& book);
// Runs the plan; returns the cloth after every step (index 0 = before any step).
Result<std::vector<ClothState>> simulate(const Plan& plan, const Layers& layers, const DyeBook& book, const SimOptions& options);
// What the cloth looks like: 8-bit BGR; with `showWax`, waxed areas are tinted.
cv::Mat renderCloth(const ClothState& state, bool showWax = false);

// One bath on a single colour (for tests and the recipe card's swatches).
Lab bathColour(const Lab& cloth, const Dye& dye, double concentration, int dips);

// Crackle on the waxed area, in place (adds to state.cracks). A crack stops
// at the wax edge or where it meets an older crack (a T-junction); it never
// crosses one.
struct CrackStats {
  int cracks = 0;
  int tJunctions = 0;   // crack ends that met an older crack
  int edgeEnds = 0;     // crack ends at the wax edge
};
CrackStats crackle(ClothState& state, double density, std::uint32_t seed, double dpi);

// --- scoring and recipes -----------------------------------------------------------
struct Score {
  double meanDeltaE = 0;
  double shareWithin5 = 0;     // fraction of pixels within dE00 5 of the target
  int bathsUsed = 0;
  int fewestBaths = 0;         // distinct target colours minus the cloth's own
  std::string worstLayer;      // "outline", "isen" or "ground"
  double worstLayerDeltaE = 0;
};
// `fewestBaths` from estimateFewestBaths(target) may be passed in when the
// same target is scored again and again (the lab re-scores on every edit).
Score scoreAgainst(const cv::Mat& result, const cv::Mat& target, const Layers& layers, const Plan& plan,
                   std::optional<int> fewestBaths = std::nullopt);
// The colours covering at least 2% of the target, less the cloth's own.
int estimateFewestBaths(const cv::Mat& target);

struct RecipeLine {
  int step = 0;                // the plan step (1-based)
  std::string what[2];         // dye, fixer or auxiliary name (Indonesian, English)
  double grams = 0;
};
struct Recipe {
  double clothGrams = 0, liquorRatio = 20, litres = 0;
  std::vector<RecipeLine> lines;
};
// A recipe card: text lines already in the reader's language, each with an
// optional colour swatch (the bath's colour on white mori). A4, as many
// pages as it takes; written through a temporary file so a failure leaves
// nothing half-written.
struct CardLine {
  std::string text;
  bool heading = false;
  std::optional<Rgb8> swatch;
};
Status writeRecipeCard(const std::string& title, const std::vector<CardLine>& lines, const std::filesystem::path& path);

// Litres = cloth weight x liquor ratio; grams = g/L x litres for each dye,
// auxiliary and fixer of every bath.
Result<Recipe> computeRecipe(const Plan& plan, const DyeBook& book, double clothGrams, double liquorRatio = 20);

}  // namespace canting::imaging
