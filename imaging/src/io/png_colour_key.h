#pragma once
// Grey and RGB PNGs can mark one colour transparent with a tRNS chunk (a
// "colour key"). OpenCV drops it (it gives such files no alpha channel), so
// the loader reads the key here and applies it after OpenCV's decode, as
// libpng's png_set_tRNS_to_alpha would.

#include <opencv2/core.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace canting::imaging::detail {

struct PngColourKey {
  int bitDepth = 8;
  bool grey = true;
  std::array<std::uint16_t, 3> rgb{};  // grey: rgb[0]
};

// The key of a grey (type 0) or RGB (type 2) PNG whose header the probe has
// already accepted; nullopt for other types or when libpng would ignore the
// chunk (wrong length, after the image data, a second one).
std::optional<PngColourKey> pngColourKey(std::span<const std::uint8_t> png);

// Grey or BGR pixels as OpenCV decodes the file -> BGRA with alpha 0 exactly
// where the stored sample equalled the key.
cv::Mat applyColourKey(const cv::Mat& pixels, const PngColourKey& key);

}  // namespace canting::imaging::detail
