#pragma once
// Pattern transformations: transforms of a tile, repeats over a cloth,
// the seam check, symmetry (kaleidoscope and the 17 wallpaper groups).
// Every repeat is defined per output pixel, so any band of rows can be
// rendered on its own: the print-size export streams the cloth row band by
// row band without holding it in memory.

#include <atomic>
#include <functional>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "canting/imaging/error.h"

namespace canting::imaging {

// --- transforms ------------------------------------------------------------------
// Rotation by any angle; multiples of 90 degrees are exact (no resampling).
// Other angles enlarge the canvas to hold the whole tile, filled with `fill`.
cv::Mat rotateTile(const cv::Mat& tile, double degrees, const cv::Scalar& fill = cv::Scalar::all(255));
cv::Mat scaleTile(const cv::Mat& tile, double factor);
cv::Mat flipTile(const cv::Mat& tile, bool horizontal, bool vertical);
Result<cv::Mat> cropTile(const cv::Mat& tile, const cv::Rect& rect);
// Wrap-around offset: content leaving one edge comes back at the opposite
// one, which moves the seams into view.
cv::Mat offsetTile(const cv::Mat& tile, int dx, int dy);

// --- repeats ---------------------------------------------------------------------
enum class RepeatLayout {
  Straight,   // tile(x mod w, y mod h)
  HalfDrop,   // each column dropped by `drop` of the tile height
  HalfBrick,  // each row shifted by `drop` of the tile width
  Mirror,     // odd columns flipped horizontally, odd rows vertically
  Centre,     // straight, with a tile centred on the cloth's centre
};

struct RepeatSpec {
  RepeatLayout layout = RepeatLayout::Straight;
  double drop = 0.5;  // for HalfDrop and HalfBrick: 1/2, 1/3, 1/4 or any fraction in (0, 1)
};

const char* repeatName(RepeatLayout layout);  // "straight", "half-drop", ...
std::optional<RepeatLayout> parseRepeat(const std::string& name);
// "1/3", "0.25": a fraction in (0, 1).
std::optional<double> parseFraction(const std::string& text);
Status checkRepeat(const cv::Mat& tile, const RepeatSpec& spec, cv::Size out);

// Rows [y0, y1) of a cloth of width `outWidth`, into `dst` (created as needed).
void renderRepeatRows(const cv::Mat& tile, const RepeatSpec& spec, cv::Size out, int y0, int y1, cv::Mat& dst);
cv::Mat renderRepeat(const cv::Mat& tile, const RepeatSpec& spec, cv::Size out);

// How well a tile's opposite edges meet in a repeat. `heat` is CV_32F over a
// 2x2 arrangement (per pixel: CIEDE2000 to its right and lower neighbours,
// the larger); `score` is the mean difference across the seams divided by
// the mean difference between neighbours inside the tile: about 1 is
// seamless, well above 1 shows a visible seam.
struct SeamCheck {
  double score = 0;
  double seamDeltaE = 0;
  double interiorDeltaE = 0;
  cv::Mat heat;
};
SeamCheck checkSeams(const cv::Mat& tile, const RepeatSpec& spec);
// The make-seamless aid: cross-fades the tile with its half-offset copy over
// a border of `border` (fraction of the tile size), so opposite edges meet.
cv::Mat makeSeamless(const cv::Mat& tile, double border = 0.15);

// --- symmetry --------------------------------------------------------------------
enum class WallpaperGroup {
  P1, P2, PM, PG, CM, PMM, PMG, PGG, CMM, P4, P4M, P4G, P3, P3M1, P31M, P6, P6M,
};
const char* wallpaperName(WallpaperGroup group);  // "p1", "p3m1", ...
std::optional<WallpaperGroup> parseWallpaper(const std::string& name);
// One unit cell of the group built from `tile` (the motif placed in the
// fundamental region); repeat it straight to fill a cloth. Square and
// hexagonal groups take a square tile (others are resized to one).
cv::Mat wallpaperCell(const cv::Mat& tile, WallpaperGroup group);
// An N-fold kaleidoscope (N = 2, 4, 6 or 8): the wedge of the tile from its
// centre is mirrored round. Output: a square of the tile's shorter side.
Result<cv::Mat> kaleidoscope(const cv::Mat& tile, int folds);

}  // namespace canting::imaging
