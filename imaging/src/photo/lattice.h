#pragma once
// The lattice search inside imaging/src/photo: shared by raport.cpp (which
// finds the lattice) and raport_tile.cpp (which cuts the tile from it).

#include <opencv2/core.hpp>

namespace canting::imaging::photo {

// The photo as the search sees it: a small, flat-fielded, high-passed
// luminance (CV_32F) and its scale against the photo in x and y.
struct Analysis {
  cv::Mat signal;
  cv::Mat luminance;  // the small copy before the high pass, CV_32F 0..255
  double sx = 1, sy = 1;
};
Analysis analyse(const cv::Mat& bgr8, int side);

struct Lattice {
  bool found = false;
  cv::Point2d a, b;       // reduced, in the analysis image's pixels
  double confidence = 0;  // the normalised autocorrelation at the lattice's points (the weakest)
};
Lattice findLattice(const cv::Mat& signal);
// The confidence findLattice gives, for any lattice (one the user dragged), 0..1.
double scoreLattice(const cv::Mat& signal, cv::Point2d a, cv::Point2d b);

}  // namespace canting::imaging::photo
