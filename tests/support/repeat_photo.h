#pragma once
// A generator of photographed cloth with known truth: a tile repeated on a
// known lattice (straight, half-drop, brick), then photographed the way
// people do it: turned, seen a little at an angle, folded, unevenly lit under
// a coloured lamp, with the weave showing, sensor noise and JPEG.

#include <cstdint>
#include <string>

#include <opencv2/core.hpp>

#include "canting/imaging/dye.h"
#include "canting/imaging/motif.h"
#include "canting/imaging/pattern.h"

namespace canting::test {

struct RepeatPhotoSpec {
  imaging::MotifKind motif = imaging::MotifKind::Kawung;
  cv::Size tileSize{160, 160};  // one repeat on the cloth, cloth pixels
  cv::Mat tile;                 // 8-bit BGR of tileSize to repeat instead (a cloth simulated from a plan); empty: repeatTile
  imaging::RepeatSpec repeat;   // straight, half-drop or half-brick with its drop
  cv::Size photoSize{720, 720};
  double scale = 1.0;           // photo pixels per cloth pixel
  double rotationDeg = 0;
  double perspective = 0;       // corner displacement as a fraction of the photo's size
  int folds = 0;                // shadowed creases across the cloth
  double lightFalloff = 0;      // 0..1: how much darker the far corner is
  cv::Vec3d cast{1, 1, 1};      // BGR gains of the lamp
  double weave = 0;             // 0..1 amplitude of the thread texture
  double noise = 0;             // sensor noise sigma, in 8-bit levels
  int jpegQuality = 0;          // 0: no JPEG
  std::uint32_t seed = 1;
};

struct RepeatPhoto {
  cv::Mat photo;             // 8-bit BGR
  cv::Point2d a, b;          // the true lattice at the photo's centre, photo pixels
  cv::Mat tile;              // the tile on the cloth, before photographing
  static constexpr int kWhite = 255;  // the undyed cloth's level before the lamp
};

// The tile: the motif's layers painted as a batik (white cloth, dark klowong, soga isen).
cv::Mat repeatTile(imaging::MotifKind motif, cv::Size size, std::uint32_t seed = 1);
RepeatPhoto makeRepeatPhoto(const RepeatPhotoSpec& spec);

// A phone photo of cloth as the dye-inference tests, the CLI's and the bench
// take one: `photoSize`, `scale` photo pixels per cloth pixel, turned 5
// degrees, lit unevenly under a warm lamp, the weave showing, sensor noise
// and JPEG at 85. Callers set the tile and change what they study.
RepeatPhotoSpec phonePhotoSpec(cv::Size photoSize, double scale = 1.0);

// One repeat of cloth dyed by `planJson` on `motif`'s layers (2 mm lines,
// 1.6 mm isen), `sizePx` square at `dpi`, as the dye simulation makes it
// (its seepage included): a cloth whose plan is known. Empty on a bad plan.
cv::Mat dyedTile(const imaging::DyeBook& book, imaging::MotifKind motif, const std::string& planJson, int sizePx, double dpi,
                 double seepageMm = 0.3);

// Lattices compared as lattices: both bases reduced, then each true vector
// matched with the closest found lattice vector (up to sign). Worst relative
// length error (fraction) and worst angle error (degrees); also the ratio of
// the cell areas, which catches a lattice twice too fine or too coarse.
struct LatticeError {
  double length = 0, angleDeg = 0, areaRatio = 1;
};
LatticeError compareLattices(cv::Point2d trueA, cv::Point2d trueB, cv::Point2d foundA, cv::Point2d foundB);

}  // namespace canting::test
