#pragma once
// The light over a photographed cloth (clean.cpp), shared with the raport
// (raport.cpp), which evens the light of the tile it cuts.

#include <algorithm>
#include <optional>

#include <opencv2/core.hpp>

namespace canting::imaging::photo {

// The light as a quadratic in the photo's normalised coordinates (u, v in -0.5..0.5).
struct Light {
  cv::Vec6d k;
  double peak = 0;  // the fit's brightest value over the photo
  double at(double u, double v) const { return std::max(8.0, k[0] + k[1] * u + k[2] * v + k[3] * u * u + k[4] * u * v + k[5] * v * v); }
  // The gain that brings the light at photo pixel (x, y) of a w x h photo up to the peak.
  double gain(double x, double y, int w, int h) const { return peak / at((x + 0.5) / w - 0.5, (y + 0.5) / h - 0.5); }
};

// From a luminance (CV_32F, 0..255) of any size; nothing when it is too small to fit.
std::optional<Light> fitLight(const cv::Mat& lum);

}  // namespace canting::imaging::photo
