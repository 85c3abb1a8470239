#pragma once
// CMYK and YCCK JPEGs (what print shops and Photoshop export) decoded through
// libjpeg, so that the conversion to screen colours is ours and exact, not
// OpenCV's approximation of it.

#include <opencv2/core.hpp>

#include <cstdint>
#include <span>
#include <string>

#include "canting/imaging/image.h"

namespace canting::imaging::detail {

// 8-bit BGR of a 4-component JPEG, or empty with `why` set. Adobe's files store
// ink inverted (255 = no ink) and say so with their APP14 marker; without it
// the samples are read as ink amounts. Each channel is (1 - ink) * (1 - K)
// rounded to the nearest 8-bit value. `scale` 2, 4 or 8 decodes at that
// fraction of the size (libjpeg's DCT scaling, for previews).
cv::Mat decodeCmykJpeg(std::span<const std::uint8_t> bytes, const ImageHeader& header, std::string& why, int scale = 1);

// The same conversion for one pixel's four samples as stored in the file.
inline std::uint8_t cmykChannel(std::uint8_t ink, std::uint8_t k, bool adobeInverted) {
  const unsigned a = adobeInverted ? ink : 255u - ink, b = adobeInverted ? k : 255u - k;
  return std::uint8_t((a * b + 127u) / 255u);
}

}  // namespace canting::imaging::detail
