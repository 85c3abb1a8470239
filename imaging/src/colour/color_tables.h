#pragma once
// The constants and tables shared by the per-colour functions (color.cpp) and
// the whole-image paths (color_image.cpp), so both round the same way: an
// image converts each pixel exactly as the per-colour function would, to
// float precision.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

namespace canting::imaging::colour_detail {

using M3 = std::array<std::array<double, 3>, 3>;

// IEC 61966-2-1 linear sRGB -> XYZ, D65.
inline constexpr M3 kRgbToXyz{{{0.4124564, 0.3575761, 0.1804375},
                               {0.2126729, 0.7151522, 0.0721750},
                               {0.0193339, 0.1191920, 0.9503041}}};

// Computed, not typed: a truncated published inverse breaks 8-bit round trips.
const M3& xyzToRgbMatrix();

// White = the matrix applied to (1,1,1), so sRGB white is exactly L=100, a=b=0.
inline constexpr double kWx = 0.4124564 + 0.3575761 + 0.1804375;
inline constexpr double kWy = 0.2126729 + 0.7151522 + 0.0721750;
inline constexpr double kWz = 0.0193339 + 0.1191920 + 0.9503041;
inline constexpr double kEps = 216.0 / 24389.0;
inline constexpr double kKappa = 24389.0 / 27.0;
inline constexpr double kDeg = 180.0 / std::numbers::pi;

inline double labF(double t) { return t > kEps ? std::cbrt(t) : (kKappa * t + 16.0) / 116.0; }
inline double labFInv(double f) {
  const double f3 = f * f * f;
  return f3 > kEps ? f3 : (116.0 * f - 16.0) / kKappa;
}

// 8-bit sRGB -> linear, the hot path for photos.
const std::array<double, 256>& linearLut();

// Linear light to an 8-bit sRGB code with exactly the rounding of
// lround(linearToSrgb(v) * 255): the sRGB curve is monotonic, so the code is
// the number of code midpoints (in linear light) at or below v. A search over
// 255 thresholds instead of a pow() per channel.
struct EightBitEncoder {
  static constexpr int kBins = 65536;
  std::array<double, 256> mid{};  // mid[255] is NaN: no value passes it
  double lo = 0, hi = 0;  // beyond these, clamping was needed (out of gamut)
  // The code at the start of each of 65536 equal bins of [0, 1). Codes are at
  // least 0.0003 apart in linear light, wider than a bin, so a value's code is
  // its bin's code or the one after: one comparison instead of a search.
  std::vector<std::uint8_t> bin;
  EightBitEncoder();
  std::uint8_t search(double v) const { return std::uint8_t(std::upper_bound(mid.begin(), mid.begin() + 255, v) - mid.begin()); }
  // Branch-free: a clamped bin (NaN and v <= 0 land in bin 0, v >= 1 in the
  // last), then one comparison against the next midpoint.
  std::uint8_t operator()(double v) const {
    double s = v * kBins;
    s = s > 0 ? s : 0;  // NaN too
    s = s < kBins - 1 ? s : kBins - 1;
    const std::uint8_t c = bin[std::size_t(int(s))];
    return std::uint8_t(c + (mid[c] <= v));
  }
};
const EightBitEncoder& encoder();

// CIELAB -> linear RGB (r,g,b), the one formula the per-colour and image paths share.
struct Lin3 {
  double r, g, b;
};
// `m` is xyzToRgbMatrix(), passed in so loops over pixels fetch it once.
inline Lin3 labToLinear(double L, double a, double b, const M3& m) {
  const double fy = (L + 16.0) / 116.0;
  const double fx = fy + a / 500.0, fz = fy - b / 200.0;
  const double x = labFInv(fx) * kWx, y = (L > kKappa * kEps ? fy * fy * fy : L / kKappa) * kWy,
               z = labFInv(fz) * kWz;
  return {m[0][0] * x + m[0][1] * y + m[0][2] * z, m[1][0] * x + m[1][1] * y + m[1][2] * z,
          m[2][0] * x + m[2][1] * y + m[2][2] * z};
}

}  // namespace canting::imaging::colour_detail
