#pragma once
// libpng as the reference for PNG tests: files written with chosen colour
// type, depth, interlace and ancillary chunks, and read back the way Canting
// promises to decode them (8/16-bit, BGR order, tRNS and palette alpha as an
// alpha channel, grey widened to BGR when there is alpha).

#include <opencv2/core.hpp>

#include <array>
#include <optional>

#include "support/image_fixtures.h"

namespace canting::test {

struct PngSpec {
  int width = 0, height = 0;
  int colorType = 0;  // 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA
  int bitDepth = 8;
  bool interlaced = false;
  std::optional<std::array<std::uint16_t, 3>> colourKey;  // tRNS for types 0 and 2 (grey: [0])
  int paletteAlphas = 0;                                    // tRNS entries for type 3
  bool gamma = false, sbit = false, text = false;
};

// Samples are packed as the PNG stores them: `rows` holds height rows of
// ceil(width * channels * bitDepth / 8) bytes, 16-bit samples big-endian.
Bytes writePngWithLibpng(const PngSpec& spec, const Bytes& rows);
// The libpng reading of a file, in Canting's pixel layout.
cv::Mat readPngWithLibpng(const Bytes& png);

}  // namespace canting::test
