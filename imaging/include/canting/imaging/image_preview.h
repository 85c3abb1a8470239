#pragma once
// Images larger than the decode limit: their header read from the file (any
// size: the file is mapped, not read), and a preview decoded at a reduced
// resolution, row by row, so that a 366 MP kain panjang the app exported
// itself can still be looked at without 1 GB of pixels. The formats are the
// ones the streamed export writes: TIFF (strips) and PNG (not interlaced).

#include <cstdint>
#include <filesystem>

#include "canting/imaging/error.h"
#include "canting/imaging/image.h"

namespace canting::imaging {

// The header of a file of any size, and the same checks as probeImage (files
// cut short included), without reading its bytes into memory.
Result<ImageHeader> probeImageFile(const std::filesystem::path& path);

struct ReducedImage {
  Image image;     // pixels ~1/factor of the file's in each direction; source is the file's header;
                   // dpi divided by the factor, so sizes in cm stay true
  int factor = 1;  // 1: the whole image fitted
};

// Whole-pixel box average by the smallest factor that brings the image to at
// most `maxPixels`. 8-bit BGR, or BGRA when the file has alpha. TIFF strips
// and non-interlaced PNG only; other files give UnsupportedFormat.
Result<ReducedImage> loadImageReduced(const std::filesystem::path& path, std::uint64_t maxPixels);

// The factor loadImageReduced uses for a width x height image.
int reductionFactor(int width, int height, std::uint64_t maxPixels);

}  // namespace canting::imaging
