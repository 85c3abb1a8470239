#pragma once
// Photos of real cloth: clean-up (light, white balance, perspective) and the
// repeat (raport) found inside them. People bring phone photos of batik, not
// the tiles Canting draws; these turn such a photo into something the rest of
// the app can use: an evenly lit, neutral picture, and one seamless tile with
// the lattice it repeats on.

#include <array>
#include <optional>

#include <opencv2/core.hpp>

#include "canting/imaging/error.h"
#include "canting/imaging/pattern.h"

namespace canting::imaging {

// Any decoded image (grey, BGR, BGRA; 8 or 16 bits) as 8-bit BGR; alpha is
// laid on white, like the paper under a cut-out. 8-bit BGR comes back as the
// same pixels (shared, not copied).
cv::Mat photoToBgr8(const cv::Mat& pixels);

// --- clean-up -------------------------------------------------------------------
struct PhotoCleanOptions {
  // Top-left, top-right, bottom-right, bottom-left of the cloth in the photo;
  // the quad becomes a rectangle with the sizes of its edges.
  std::optional<std::array<cv::Point2f, 4>> corners;
  bool flatField = true;     // divide out the large-scale light
  bool whiteBalance = true;  // make the undyed cloth neutral
};

struct PhotoCleanReport {
  cv::Vec3d whiteBefore;  // BGR of the undyed cloth found, after the flat field
  cv::Vec3d gains;        // applied to B, G, R
  bool whiteFound = false;
};

// 8-bit BGR out. Bad corners (outside the photo, crossed, degenerate) are an
// InvalidArgument naming "@photo.corners".
Result<cv::Mat> cleanPhoto(const cv::Mat& pixels, const PhotoCleanOptions& options = {}, PhotoCleanReport* report = nullptr);
// "x1,y1,x2,y2,x3,y3,x4,y4".
std::optional<std::array<cv::Point2f, 4>> parseCorners(const std::string& text);

// --- the repeat -------------------------------------------------------------------
struct RaportOptions {
  int analysisSide = 512;  // the photo is searched at this size (longer side) and refined
  double seamMargin = 0.1;  // fraction of the tile blended with its own wrap
  double minConfidence = 0.3;  // below it the whole photo stays the tile
};

struct Raport {
  bool found = false;      // a lattice was found (whatever its confidence)
  bool cut = false;        // the tile is one repeat: found with at least minConfidence
  cv::Point2d a, b;        // reduced lattice basis in the photo's pixels: |a| <= |b|, a.x >= 0
  cv::Point2d origin;      // a lattice point: the tile's top-left corner in the photo
  double confidence = 0;   // 0..1: how alike the photo is to itself shifted by a and b
  // The tile and how it repeats: straight, or a half-drop / half-brick with
  // `repeat.drop`, in the rectified frame (rows along the lattice's most
  // horizontal direction).
  RepeatSpec repeat;
  cv::Mat tile;            // 8-bit BGR, seamless; the whole photo when no lattice was found
};

// Never fails on a decodable image: a photo without a repeat (plain cloth, a
// single motif, too small) comes back with found = false or a low confidence,
// cut = false and the whole photo as its tile.
Raport findRaport(const cv::Mat& pixels, const RaportOptions& options = {});

// The tile of a lattice given by hand (the GUI's dragged vectors and origin,
// in the photo's pixels): cut as findRaport cuts its own, with that lattice's
// confidence. A lattice that is degenerate, finer than 4 pixels or with a cell
// larger than the photo gives found = cut = false and the whole photo.
Raport cutRaport(const cv::Mat& pixels, cv::Point2d a, cv::Point2d b, cv::Point2d origin, const RaportOptions& options = {});

// A basis reduced (Lagrange/Gauss): the shortest pair spanning the same
// lattice, |a| <= |b|, |a.b| <= |a|^2 / 2, a.x >= 0.
void reduceBasis(cv::Point2d& a, cv::Point2d& b);

}  // namespace canting::imaging
