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

// One ingredient of a bath, as the sources dose it. Units of the dose:
//   "g/L", "cc/L", "buah/L" per litre of this bath (per mL of a colet solution);
//   "g/kg", "L/kg"          per kilogram of cloth;
//   "% dye"                 of the weight of the bath's dye (soda ash >= 75 %);
//   ""                      no figure in the sources: `note` says what is known.
struct Amount {
  std::string what[2];
  double lo = 0, hi = 0;     // hi > lo: a range, where sources differ
  bool atLeast = false;      // "at least lo"
  bool fromPlan = false;     // the dye itself: the plan's own g/L (within lo..hi as the book doses it)
  std::string unit;
  std::string note[2], confidence, source;
};

// A bath of a dye family: extract, vat, dye, develop, fix or colet. Its volume
// follows the cloth (litres per kg, a range where derived from a range), the
// plan's liquor ratio (litresPerKg 0), or for colet a solution of perMl mL.
struct Bath {
  std::string role, name[2];
  double litresPerKgLo = 0, litresPerKgHi = 0;
  double perMl = 0;
  std::vector<Amount> amounts;
  std::string note[2], confidence, source;
};

struct Dye {
  std::string id, name[2], kind;
  std::string family;              // natural, natural-mix, indigo-natural, naphthol, indigosol, remazol
  std::vector<Bath> baths;         // in the order they are made
  Lab colour;                      // on white mori at the reference strength
  double refConcentration = 1;     // g/L
  int refDips = 1;
  double gramsPerLitre = 0;        // the recipe's dye per litre
  std::vector<Auxiliary> auxiliaries;
  double liquorRatio = 20;         // 1 : ratio
  std::optional<double> temperatureC;  // only where a source gives one
  std::string source, confidence, note;
};

struct Fixer {
  std::string id, name[2];
  double gramsPerLitre = 0;
  cv::Vec3d ksScale{1, 1, 1};      // on the K/S of the bath it fixes (R, G, B)
  std::string effect[2], source, confidence, note;
  Bath bath;                       // its own bath, with its own volume and dose range
};

// The colour the klowong (the first outline wax) keeps: a regional style.
// White lines stay the cloth's own; a coloured style paints its dye on the
// outline (colet) just before that wax, so the wax keeps the colour.
struct KlowongStyle {
  std::string id, name[2], region;
  std::string dye;                 // empty: the lines stay white
  double concentration = 0;        // g/L of the colet
  std::string note[2], confidence, source;
};

struct DyeBook {
  Lab cloth;                       // undyed mori
  std::vector<Dye> dyes;
  std::vector<Fixer> fixers;
  std::vector<KlowongStyle> klowong;  // the first is the default
  const Dye* dye(const std::string& id) const;
  const Fixer* fixer(const std::string& id) const;
  const KlowongStyle* klowongStyle(const std::string& id) const;
};

Result<DyeBook> loadDyeBook(const std::filesystem::path& file);

// --- plans ---------------------------------------------------------------------
struct PlanStep {
  // Colet: a dye painted with a brush on one area (remazol, indigosol): it
  // colours only inside its layer, and the wax there still keeps it out.
  // Cap: a copper stamp carrying `tile` lays wax, `sizeCm` square per stamp,
  // in a grid (straight, brick or half-drop) or at the centres in `at`.
  // Ciprat: drops of dye splashed over `layer`, kept out by wax like colet.
  enum class Op { Wax, Dye, Fix, Crackle, Kerok, Lorod, Colet, Cap, Ciprat } op = Op::Wax;
  enum class Placement { Grid, Brick, HalfDrop, Hand };
  std::string layer;          // Wax, Kerok, Colet, Ciprat: "outline", "isen", "ground", "all", "mask:FILE.png" or "painted:NAME"
  std::string dye;            // Dye, Colet, Ciprat
  double concentration = 0;   // Dye, Colet, Ciprat: g/L
  int dips = 1;               // Dye
  std::string fixer;          // Fix
  double density = 1;         // Crackle: cracks per 10 cm of wax, roughly; Ciprat: drops per cm²
  std::uint32_t seed = 1;     // Crackle, Ciprat
  std::string tile;           // Cap: a layer (as `layer`) or "motif:KIND" (that motif's outline and isen)
  double sizeCm = kCapCm;     // Cap: one stamp's side on the cloth
  Placement placement = Placement::Grid;  // Cap
  std::vector<cv::Point2d> at;  // Cap by hand: each stamp's centre, cm from the cloth's top-left
  double dropMm = 3;          // Ciprat: a drop's mean diameter

  // A cap is about 18-20 cm square (batik-process.md §3, both [C]); 20 unless set.
  static constexpr double kCapCm = 20;
};

struct Plan {
  std::string name;
  std::vector<PlanStep> steps;
  std::string klowong;        // a KlowongStyle id; empty: the book's first (white)
};

const char* placementName(PlanStep::Placement p);  // "grid", "brick", "half-drop", "hand"

// Checks every step against the dye book; errors name the step and field.
Result<Plan> parsePlan(const std::string& json, const DyeBook& book);
Result<Plan> loadPlan(const std::filesystem::path& file, const DyeBook& book);
std::string planToJson(const Plan& plan);

// --- simulation ------------------------------------------------------------------
struct Layers {
  cv::Mat outline, isen, ground;  // CV_8U masks, 255 inside (as the motif generators give)
  std::map<std::string, cv::Mat> painted;  // "painted:NAME" layers a trainee drew, same size
  // "mask:FILE" layers: already loaded (keyed by FILE), else read from the
  // plan's folder, else from `dir`, the folder the layers came from (a
  // photo's inferred masks live beside its outline.png, wherever the plan is).
  std::map<std::string, cv::Mat> masks;
  std::filesystem::path dir;
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
// outline.png, isen.png, ground.png in `dir`, as `canting-cli motif --layers`
// and `dye infer` write them; `dir` is kept for the plan's "mask:" layers.
Result<Layers> loadLayers(const std::filesystem::path& dir);

ClothState freshCloth(cv::Size size, const DyeBook& book);
// Runs the plan; returns the cloth after every step (index 0 = before any step).
Result<std::vector<ClothState>> simulate(const Plan& plan, const Layers& layers, const DyeBook& book, const SimOptions& options);
// What the cloth looks like: 8-bit BGR; with `showWax`, waxed areas are tinted.
cv::Mat renderCloth(const ClothState& state, bool showWax = false);

// A mixed dye's colour at the reference strength (the soga of tingi, jambal and
// tegeran 4 : 2 : 1): each part's K/S over the cloth, weighted by its share.
Lab mixColour(const Lab& cloth, const std::vector<std::pair<const Dye*, double>>& parts);
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

// A cap step's wax on a cloth of `size` at `dpi`: the tile scaled to
// sizeCm x dpi / 2.54 pixels a side, stamped in its grid or at its centres
// (a stamp past the edge is cut off there). CV_8U, 255 = wax.
Result<cv::Mat> capWax(const PlanStep& step, const Layers& layers, cv::Size size, const SimOptions& options);
// A ciprat step's drops (seeded, so the same plan splashes the same drops),
// only inside `area`: round drops of dropMm +- 50 %, `density` per cm².
cv::Mat cipratDrops(const PlanStep& step, const cv::Mat& area, double dpi);

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

// An amount worked out for one cloth: `unit` is what is weighed or measured
// ("g", "cc", "L", "buah"); empty with a note where the sources give no figure.
struct RecipeAmount {
  std::string what[2];
  double lo = 0, hi = 0;       // hi > lo: a range
  bool atLeast = false;
  std::string unit;
  std::string dose;            // the book's dose it came from, e.g. "3 g/L", "2000 g/kg"
  std::string note[2], confidence;
};
struct RecipeBath {
  int step = 0;                // the plan step (1-based)
  std::string dye;             // the dye or fixer id
  std::string role, name[2];
  double litresLo = 0, litresHi = 0;  // 0: no volume of its own (a colet solution, a brushed fixer)
  double perMl = 0;            // colet: amounts for this many mL of solution
  std::vector<RecipeAmount> amounts;
  std::string note[2];
  bool klowong = false;        // the plan's klowong style colours the lines at this (wax) step
  // role "cap": no bath but wax, stamped at stampCm in `placement` ("grid", ..., "hand": `stamps` by hand)
  double stampCm = 0;
  std::string placement;
  int stamps = 0;
};
struct Recipe {
  double clothGrams = 0, liquorRatio = 20, litres = 0;  // litres: one bath at the liquor ratio
  std::vector<RecipeBath> baths;
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

// Every bath of every dye and fix step, each with its own volume: at the
// liquor ratio (300 g of cloth at 1:30 is 9 L), per kg of cloth, or per mL of
// a colet solution; each amount in its own unit, scaled the way the sources
// dose it (per litre, per kg of cloth, or as a share of the dye's weight).
Result<Recipe> computeRecipe(const Plan& plan, const DyeBook& book, double clothGrams, double liquorRatio = 20);

}  // namespace canting::imaging
