#pragma once
// libtiff's own RGBA reader, for the TIFFs OpenCV 4.6 cannot read right:
// 2 and 4-bit samples (it refuses them), 1-bit palettes (it drops the
// colours) and files its strip or tile reader gives up on (uncompressed
// tiles at the image's edge). Called inside the loader's DecodeGuard, so the
// raster counts against the same budget. Its output has 8 bits per sample.

#include <opencv2/core.hpp>

#include <cstdint>
#include <span>
#include <string>

#include "canting/imaging/image.h"

namespace canting::imaging::detail {

// True for the layouts OpenCV 4.6 refuses or decodes wrongly, found by the
// conformance test: 1, 2 and 4-bit samples, and 16-bit grey tiles or 16-bit
// planar files (their pixels come out scrambled).
bool openCvMisreadsTiff(std::span<const std::uint8_t> bytes);

// Grey, BGR or BGRA 8-bit pixels of the first directory; empty with `why`
// set when libtiff cannot read it.
cv::Mat decodeTiffWithLibtiff(std::span<const std::uint8_t> bytes, const ImageHeader& header, std::string& why);

// True when every strip or tile of the first directory decompresses. OpenCV
// 4.6 goes on past a strip libtiff fails to inflate or un-LZW and returns the
// image with that part blank, so a damaged file would open looking empty.
// Reads row by row (strips) or tile by tile, so it needs little memory.
bool tiffDataDecodes(std::span<const std::uint8_t> bytes, std::string& why);

}  // namespace canting::imaging::detail
