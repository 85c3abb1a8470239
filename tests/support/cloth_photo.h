#pragma once
// A motif from the generators "photographed" as waxed-and-dyed cloth: light
// wax lines on a dark soga ground, a weave of threads, light falling off
// across the photo, sensor noise and a JPEG round trip. The generator's
// layers are the known truth, so a pola of the photo can be measured.

#include <cstdint>

#include <opencv2/core.hpp>

#include "canting/imaging/motif.h"

namespace canting::test {

struct ClothPhoto {
  cv::Mat photo;                  // 8-bit BGR, JPEG-decoded
  imaging::MotifLayers layers;    // the truth: outline (klowong) and isen masks
  cv::Mat lines;                  // outline | isen, 255 inside
};

struct ClothPhotoOptions {
  int size = 900;                 // tile side in pixels
  double dpi = 300;
  cv::Size repeats{1, 1};         // tiles across and down
  double weaveMm = 0.45;          // thread pitch
  double noise = 6;               // sensor noise (sigma, 8-bit levels)
  int jpegQuality = 72;
  std::uint32_t seed = 7;
  bool plain = false;             // the same cloth with no motif on it: texture only
};

ClothPhoto photographCloth(imaging::MotifKind kind, const ClothPhotoOptions& options = {});

// Edges of a 255-inside mask: its pixels with a 4-neighbour outside.
cv::Mat maskEdges(const cv::Mat& mask);
// The share of `a`'s pixels (255) within `px` of some pixel of `b`.
double shareWithin(const cv::Mat& a, const cv::Mat& b, double px);

}  // namespace canting::test
