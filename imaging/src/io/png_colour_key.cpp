#include "png_colour_key.h"

#include <limits>

#include "byte_reader.h"

namespace canting::imaging::detail {

std::optional<PngColourKey> pngColourKey(std::span<const std::uint8_t> png) {
  ByteReader r(png);
  std::uint32_t depth = 0, ctype = 0;
  if (!r.u8(24, depth) || !r.u8(25, ctype) || (ctype != 0 && ctype != 2)) return std::nullopt;
  std::size_t pos = 8;
  for (;;) {
    std::uint32_t len = 0;
    if (!r.u32(pos, len) || !r.has(pos + 8, std::size_t(len) + 4)) return std::nullopt;
    if (r.startsWith(pos + 4, "IDAT", 4) || r.startsWith(pos + 4, "IEND", 4)) return std::nullopt;
    if (r.startsWith(pos + 4, "tRNS", 4)) {
      if (len != (ctype == 0 ? 2u : 6u)) return std::nullopt;  // libpng ignores it
      PngColourKey k;
      k.bitDepth = int(depth);
      k.grey = ctype == 0;
      for (int i = 0; i < (k.grey ? 1 : 3); ++i) {
        std::uint32_t v = 0;
        r.u16(pos + 8 + 2 * std::size_t(i), v);
        k.rgb[std::size_t(i)] = std::uint16_t(v);
      }
      return k;
    }
    pos += 12 + std::size_t(len);
  }
}

namespace {
// libpng widens 1, 2 and 4-bit grey by repeating the bits; OpenCV asks for
// that, so the key is widened the same way (keys above the range never match).
int widened(const PngColourKey& k, std::uint16_t v) {
  if (!k.grey || k.bitDepth >= 8) return v;
  const int max = (1 << k.bitDepth) - 1;
  return v > max ? -1 : v * (255 / max);
}

template <typename T>
cv::Mat keyed(const cv::Mat& src, const PngColourKey& k) {
  const T opaque = std::numeric_limits<T>::max();
  cv::Mat out(src.size(), CV_MAKETYPE(cv::DataType<T>::depth, 4));
  const int g = widened(k, k.rgb[0]);
  for (int y = 0; y < src.rows; ++y) {
    auto* o = out.ptr<T>(y);
    const T* s = src.ptr<T>(y);
    for (int x = 0; x < src.cols; ++x, o += 4) {
      if (k.grey) {
        o[0] = o[1] = o[2] = s[x];
        o[3] = int(s[x]) == g ? T(0) : opaque;
      } else {
        const T* p = s + 3 * x;  // BGR
        o[0] = p[0];
        o[1] = p[1];
        o[2] = p[2];
        o[3] = (p[2] == k.rgb[0] && p[1] == k.rgb[1] && p[0] == k.rgb[2]) ? T(0) : opaque;
      }
    }
  }
  return out;
}
}  // namespace

cv::Mat applyColourKey(const cv::Mat& pixels, const PngColourKey& key) {
  if (pixels.channels() != (key.grey ? 1 : 3)) return pixels;
  return pixels.depth() == CV_16U ? keyed<std::uint16_t>(pixels, key) : keyed<std::uint8_t>(pixels, key);
}

}  // namespace canting::imaging::detail
