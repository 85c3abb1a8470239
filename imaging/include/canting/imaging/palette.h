#pragma once
// Palettes: extraction of an image's dominant colours (k-means in CIELAB),
// quantisation to a palette, and palette files (JSON and GIMP .gpl).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "canting/imaging/color.h"
#include "canting/imaging/error.h"
#include "canting/imaging/image_io.h"

namespace canting::imaging {

struct Swatch {
  Lab lab;
  double share = 0;   // fraction of the image's pixels, 0..1 (0 for palettes from files)
  std::string name;   // optional
};

struct Palette {
  std::string id;          // stable short name for scripts, e.g. "sogan"; may be empty
  std::string name;
  std::vector<Swatch> swatches;
  std::string source;      // where the colours come from (URL or note)
  std::string confidence;  // "C", "W" or "U" as in shared/domain; "" when not applicable
  std::string note;        // e.g. "approximation: the sources name the hue, not a measurement"
};

struct PaletteOptions {
  int k = 8;                    // clusters before near-duplicates are merged
  std::uint32_t seed = 1;       // same seed, same palette
  int sampleSize = 120'000;     // pixels the clustering sees
  int maxIterations = 40;
  double mergeDeltaE = 2.0;     // swatches closer than this (CIEDE2000) are merged
  // Trimmed centres find the colours that were really dyed (edge blends and
  // outliers left out). For quantisation, plain means give less error.
  bool trimOutliers = true;
  std::optional<Lab> ignore;    // a background colour to leave out
  double ignoreDeltaE = 8.0;
};

// Dominant colours, sorted by share (largest first). Input: 8- or 16-bit
// grey, BGR or BGRA (fully transparent pixels are left out).
Result<Palette> extractPalette(const cv::Mat& image, const PaletteOptions& options = {});

// Each pixel to its nearest palette colour (CIELAB). At an edge between two
// palette colours (anti-aliased or blurred, up to ~4 px wide), a pixel that
// is a blend of those two goes to the nearer of them, never to an unrelated
// third colour that happens to sit between them in colour space.
// Returns 8-bit BGR (BGRA when the input has alpha, which is kept).
cv::Mat quantize(const cv::Mat& image, const Palette& palette);
// The index of the swatch each pixel was assigned to (CV_8U).
cv::Mat assignIndices(const cv::Mat& image, const Palette& palette);

// Moves each colour to the weighted median (per L, a, b) of the pixels that
// CIEDE2000 assigns to it: the centres that minimise the mean error of a
// quantisation, where extraction's centres are the colours that were dyed.
Palette refineForQuantization(const cv::Mat& image, const Palette& palette, int iterations = 2, std::uint32_t seed = 1);

// Quantises and saves in one go. PNG without alpha is written as a palette
// (indexed) PNG, one byte per pixel; other formats get the quantised pixels.
Status saveQuantized(const cv::Mat& image, const Palette& palette, const std::filesystem::path& path,
                     const SaveOptions& options = {});

// Palette files. Errors name the line (GPL) or the field (JSON).
Result<Palette> parsePaletteJson(const std::string& text);
Result<Palette> parsePaletteGpl(const std::string& text);
Result<Palette> loadPalette(const std::filesystem::path& path);   // by extension: .json or .gpl
std::string paletteToJson(const Palette& palette);
std::string paletteToGpl(const Palette& palette);
Status savePalette(const Palette& palette, const std::filesystem::path& path);  // atomic

// Named palettes shipped in assets/palettes (every *.json there).
Result<std::vector<Palette>> loadPaletteDir(const std::filesystem::path& dir);

}  // namespace canting::imaging

namespace canting::imaging {
// A printable swatch sheet: A4 portrait at `dpi`, one 4 cm square per
// colour with its name, hex and CIELAB values, and the palette's name.
cv::Mat renderSwatchSheet(const Palette& palette, double dpi = 150);
}  // namespace canting::imaging
