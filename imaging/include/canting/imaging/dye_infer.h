#pragma once
// A photo of a batik read back into the wax layers and the dye plan that
// would make it, as an artisan reads a cloth: the photo cleaned (light, cast),
// its colours clustered, each colour's area a wax mask cleaned at print scale,
// and the baths ordered by planDyeProcess (what stayed the cloth's white is
// waxed first, each colour is waxed after the bath that gave it, kerok and
// mbironi where a colour cannot come from dyeing over the one before). Every
// bath is then the dye of the book, at the strength, that gives it.
//
// The result is an ordinary Plan: its wax and kerok steps name the masks
// ("mask:warna-N.png") that saveInferredLayers writes beside outline.png,
// isen.png and ground.png, so `dye simulate --layers DIR`, `dye recipe` and
// the lab run it unchanged.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "canting/imaging/color.h"
#include "canting/imaging/dye.h"
#include "canting/imaging/dye_process.h"
#include "canting/imaging/error.h"

namespace canting::imaging {

struct DyeInferOptions {
  int colours = 0;              // 0: found in the photo (up to 6, shades of one dye merged)
  int maxSide = 1600;           // the working size: the target and the masks, longer side in px
  double clothWidthCm = 0;      // the width of cloth the photo shows; 0: from photoDpi, else kDefaultWidthCm
  std::optional<double> photoDpi;  // the file's own DPI, when it has one
  double speckMm2 = 0.5;        // pieces of a colour smaller than this join what surrounds them
  double isenMaxMm = 3.0;       // dots up to this across are isen
  double lineMaxMm = 3.0;       // a long piece no wider than this is a line (klowong)
  bool clean = true;            // flat field and white balance first (cleanPhoto)
  // The seepage the cloth was dyed with and the plan is simulated with
  // (SimOptions::seepageMm): each wax mask reaches past the colour seen by
  // the part of its rim that the later baths darkened.
  double seepageMm = 0.3;
  ProcessLimits limits;
  static constexpr double kDefaultWidthCm = 50;
  static constexpr int kMinSide = 48, kMaxColours = 8;
};

struct InferredPlan {
  Plan plan;                    // wax, dye, kerok, lorod steps; wax and kerok name maskName(i)
  cv::Mat target;               // 8-bit BGR: the cleaned photo quantised to `colours`
  cv::Mat indices;              // CV_8U: each pixel's colour
  std::vector<Lab> colours;     // the photo's colours, its white taken as the book's mori
  std::vector<double> shares;   // of the pixels, per colour
  std::vector<cv::Mat> masks;   // CV_8U per colour, 255 where it is waxed: its area and the seepage rim (seepageMm)
  Layers layers;                // outline (long thin pieces), isen (dots), ground (the rest)
  DyeProcess process;           // the process the plan follows
  std::vector<Lab> predicted;   // per colour: what the plan's baths give there
  double predictedDeltaE = 0;   // the mean CIEDE2000 of predicted against colours, by area
  double dpi = 0;               // of the target and masks: the print scale they were cleaned at
  int specksRemoved = 0;        // pieces under speckMm2 given to their surroundings
};

// Errors (InvalidArgument naming a "@dye.infer.error.*" key): a photo under
// kMinSide, a plain cloth (one colour, or colours too close to tell apart),
// colours no hand process reaches within the limits' baths.
Result<InferredPlan> inferDyePlan(const cv::Mat& photo, const DyeBook& book, const DyeInferOptions& options = {});

// "warna-1.png" for colour 0: the file a wax or kerok step of the plan names.
std::string inferredMaskName(int colour);

// outline.png, isen.png, ground.png (what loadLayers reads) and every
// colour's mask, into `dir` (made if missing), with the print scale's DPI.
Status saveInferredLayers(const InferredPlan& inferred, const std::filesystem::path& dir);

// The masks a plan names ("mask:FILE") from `dir`, cut to `crop` (empty: the
// whole mask) and resized to the layers' size, into layers.masks: the lab runs
// a photo's plan without reading them again on every edit.
Status preloadPlanMasks(Layers& layers, const Plan& plan, const std::filesystem::path& dir, cv::Rect crop = {});

}  // namespace canting::imaging
