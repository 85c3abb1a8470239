#pragma once
// JPEG decoded at 1/2, 1/4 or 1/8 of its size by libjpeg's DCT scaling: for
// thumbnails and first previews, at a fraction of a whole decode's time.

#include <opencv2/core.hpp>

#include <cstdint>
#include <span>
#include <string>

#include "canting/imaging/image.h"

namespace canting::imaging::detail {

// 8-bit grey or BGR (BGR for CMYK and YCCK too) of (w + scale - 1) / scale by
// (h + scale - 1) / scale stored pixels, before the EXIF orientation; empty
// with `why` set when libjpeg gives up.
cv::Mat decodeJpegScaled(std::span<const std::uint8_t> bytes, const ImageHeader& header, int scale, std::string& why);

// EXIF orientation 1..8 to upright pixels (the whole and the reduced loaders).
void applyOrientation(cv::Mat& m, int orientation);

}  // namespace canting::imaging::detail
