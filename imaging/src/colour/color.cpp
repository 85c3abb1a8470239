// Colour science for one colour: sRGB, XYZ, CIELAB, LCh and CIEDE2000. The
// whole-image forms are in color_image.cpp, on the tables of color_tables.h.
// Index:
//   [SECTION] tables
//   [SECTION] single colours

#include "canting/imaging/color.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "colour/color_tables.h"

namespace canting::imaging {

using namespace colour_detail;

// [SECTION] tables
namespace colour_detail {

namespace {
M3 invert(const M3& m) {
  const double a = m[0][0], b = m[0][1], c = m[0][2], d = m[1][0], e = m[1][1], f = m[1][2], g = m[2][0],
               h = m[2][1], i = m[2][2];
  const double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return {{{(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det},
           {(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det},
           {(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det}}};
}
}  // namespace

const M3& xyzToRgbMatrix() {
  static const M3 m = invert(kRgbToXyz);
  return m;
}

const std::array<double, 256>& linearLut() {
  static const std::array<double, 256> lut = [] {
    std::array<double, 256> t{};
    for (int i = 0; i < 256; ++i) t[std::size_t(i)] = srgbToLinear(i / 255.0);
    return t;
  }();
  return lut;
}

EightBitEncoder::EightBitEncoder() {
  for (int i = 0; i < 255; ++i) mid[std::size_t(i)] = srgbToLinear((i + 0.5) / 255.0);
  mid[255] = std::numeric_limits<double>::quiet_NaN();
  lo = srgbToLinear(-0.5 / 255.0);
  hi = srgbToLinear(255.5 / 255.0);
  bin.resize(kBins + 3);  // the vector path reads four bytes at a bin
  for (int b = 0; b < kBins; ++b) bin[std::size_t(b)] = search(double(b) / kBins);
}

const EightBitEncoder& encoder() {
  static const EightBitEncoder e;
  return e;
}

}  // namespace colour_detail

// [SECTION] single colours
double srgbToLinear(double v) {
  const double a = std::fabs(v);
  const double l = a <= 0.04045 ? a / 12.92 : std::pow((a + 0.055) / 1.055, 2.4);
  return v < 0 ? -l : l;
}

double linearToSrgb(double v) {
  const double a = std::fabs(v);
  const double s = a <= 0.0031308 ? a * 12.92 : 1.055 * std::pow(a, 1.0 / 2.4) - 0.055;
  return v < 0 ? -s : s;
}

std::uint8_t linearToSrgb8(double v) { return encoder()(v); }

Xyz linearRgbToXyz(const Rgb& c) {
  const auto& m = kRgbToXyz;
  return {m[0][0] * c.r + m[0][1] * c.g + m[0][2] * c.b, m[1][0] * c.r + m[1][1] * c.g + m[1][2] * c.b,
          m[2][0] * c.r + m[2][1] * c.g + m[2][2] * c.b};
}

Rgb xyzToLinearRgb(const Xyz& c) {
  const auto& m = xyzToRgbMatrix();
  return {m[0][0] * c.x + m[0][1] * c.y + m[0][2] * c.z, m[1][0] * c.x + m[1][1] * c.y + m[1][2] * c.z,
          m[2][0] * c.x + m[2][1] * c.y + m[2][2] * c.z};
}

Lab xyzToLab(const Xyz& c) {
  const double fx = labF(c.x / kWx), fy = labF(c.y / kWy), fz = labF(c.z / kWz);
  return {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

Xyz labToXyz(const Lab& c) {
  const double fy = (c.L + 16.0) / 116.0;
  const double fx = fy + c.a / 500.0, fz = fy - c.b / 200.0;
  const double y = c.L > kKappa * kEps ? fy * fy * fy : c.L / kKappa;
  return {labFInv(fx) * kWx, y * kWy, labFInv(fz) * kWz};
}

Lch labToLch(const Lab& c) {
  double h = std::atan2(c.b, c.a) * kDeg;
  if (h < 0) h += 360.0;
  return {c.L, std::hypot(c.a, c.b), h};
}

Lab lchToLab(const Lch& c) {
  const double r = c.h / kDeg;
  return {c.L, c.C * std::cos(r), c.C * std::sin(r)};
}

Lab srgbToLab(const Rgb& c) {
  return xyzToLab(linearRgbToXyz({srgbToLinear(c.r), srgbToLinear(c.g), srgbToLinear(c.b)}));
}

Lab srgbToLab(const Rgb8& c) {
  const auto& lut = linearLut();
  return xyzToLab(linearRgbToXyz({lut[c.r], lut[c.g], lut[c.b]}));
}

Rgb labToSrgb(const Lab& c) {
  const Rgb l = xyzToLinearRgb(labToXyz(c));
  return {linearToSrgb(l.r), linearToSrgb(l.g), linearToSrgb(l.b)};
}

Rgb8 labToSrgb8(const Lab& c, bool* inGamut) {
  const Lin3 l = labToLinear(c.L, c.a, c.b, xyzToRgbMatrix());
  const EightBitEncoder& e = encoder();
  if (inGamut) *inGamut = l.r >= e.lo && l.r <= e.hi && l.g >= e.lo && l.g <= e.hi && l.b >= e.lo && l.b <= e.hi;
  return Rgb8{e(l.r), e(l.g), e(l.b)};
}

double deltaE2000Paper(const Lab& p, const Lab& q) {
  const double c1 = std::hypot(p.a, p.b), c2 = std::hypot(q.a, q.b);
  const double cBar = 0.5 * (c1 + c2);
  const double cBar7 = std::pow(cBar, 7.0);
  const double g = 0.5 * (1.0 - std::sqrt(cBar7 / (cBar7 + 6103515625.0)));  // 25^7
  const double a1 = (1.0 + g) * p.a, a2 = (1.0 + g) * q.a;
  const double C1 = std::hypot(a1, p.b), C2 = std::hypot(a2, q.b);
  auto hue = [](double b, double a) {
    if (a == 0 && b == 0) return 0.0;
    double h = std::atan2(b, a) * kDeg;
    return h < 0 ? h + 360.0 : h;
  };
  const double h1 = hue(p.b, a1), h2 = hue(q.b, a2);

  const double dL = q.L - p.L, dC = C2 - C1;
  double dh = 0;
  if (C1 * C2 != 0) {
    dh = h2 - h1;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const double dH = 2.0 * std::sqrt(C1 * C2) * std::sin(dh / (2.0 * kDeg));

  const double LBar = 0.5 * (p.L + q.L), CBar = 0.5 * (C1 + C2);
  double hBar = h1 + h2;
  if (C1 * C2 != 0) {
    if (std::fabs(h1 - h2) <= 180) hBar *= 0.5;
    else if (h1 + h2 < 360) hBar = (h1 + h2 + 360) * 0.5;
    else hBar = (h1 + h2 - 360) * 0.5;
  }
  const double t = 1.0 - 0.17 * std::cos((hBar - 30) / kDeg) + 0.24 * std::cos(2 * hBar / kDeg) +
                   0.32 * std::cos((3 * hBar + 6) / kDeg) - 0.20 * std::cos((4 * hBar - 63) / kDeg);
  const double dTheta = 30.0 * std::exp(-std::pow((hBar - 275.0) / 25.0, 2.0));
  const double CBar7 = std::pow(CBar, 7.0);
  const double rc = 2.0 * std::sqrt(CBar7 / (CBar7 + 6103515625.0));
  const double l50 = (LBar - 50.0) * (LBar - 50.0);
  const double sl = 1.0 + 0.015 * l50 / std::sqrt(20.0 + l50);
  const double sc = 1.0 + 0.045 * CBar;
  const double sh = 1.0 + 0.015 * CBar * t;
  const double rt = -std::sin(2.0 * dTheta / kDeg) * rc;
  const double xl = dL / sl, xc = dC / sc, xh = dH / sh;
  return std::sqrt(xl * xl + xc * xc + xh * xh + rt * xc * xh);
}

// The formula of deltaE2000Paper with the same value (to rounding) and a
// third of the libm calls: pow(x, 7) by multiplication, hypot by sqrt, the
// hue difference as dH^2 = da'^2 + db^2 - dC'^2 signed by the cross product
// of the hue directions, the mean hue as the bisector of the two directions
// (T from its cosine and sine by the multiple-angle identities), one atan2
// for the rotation term. Palettes and quantisation call this per colour.
double deltaE2000(const Lab& p, const Lab& q) {
  constexpr double k25to7 = 6103515625.0;
  const double c1 = std::sqrt(p.a * p.a + p.b * p.b), c2 = std::sqrt(q.a * q.a + q.b * q.b);
  const double cb = 0.5 * (c1 + c2), cb2 = cb * cb, cb7 = cb2 * cb2 * cb2 * cb;
  const double g1 = 1.0 + 0.5 * (1.0 - std::sqrt(cb7 / (cb7 + k25to7)));
  const double a1 = g1 * p.a, a2 = g1 * q.a;
  const double C1 = std::sqrt(a1 * a1 + p.b * p.b), C2 = std::sqrt(a2 * a2 + q.b * q.b);
  const double dL = q.L - p.L, dC = C2 - C1;
  double ux = 1, uy = 0, dH = 0;
  if (C1 * C2 != 0) {
    ux = a1 / C1 + a2 / C2;
    uy = p.b / C1 + q.b / C2;
    if (ux * ux + uy * uy < 1e-12) return deltaE2000Paper(p, q);  // hues (almost) opposite: no bisector
    const double da = a2 - a1, db = q.b - p.b;
    dH = std::copysign(std::sqrt(std::max(0.0, da * da + db * db - dC * dC)), a1 * q.b - a2 * p.b);
  } else if (C1 + C2 != 0) {  // one grey: the other's hue
    ux = a1 + a2;
    uy = p.b + q.b;
  }
  const double un = std::sqrt(ux * ux + uy * uy);
  const double ch = ux / un, sh = uy / un;
  constexpr double kC30 = 0.86602540378443865, kS30 = 0.5;
  constexpr double kC6 = 0.99452189536827329, kS6 = 0.10452846326765347;
  constexpr double kC63 = 0.45399049973954675, kS63 = 0.89100652418836786;
  const double c2h = ch * ch - sh * sh, s2h = 2 * ch * sh;
  const double c3h = ch * (4 * ch * ch - 3), s3h = sh * (3 - 4 * sh * sh);
  const double c4h = 2 * c2h * c2h - 1, s4h = 2 * s2h * c2h;
  const double t = 1.0 - 0.17 * (ch * kC30 + sh * kS30) + 0.24 * c2h + 0.32 * (c3h * kC6 - s3h * kS6) -
                   0.20 * (c4h * kC63 + s4h * kS63);
  double hBar = std::atan2(sh, ch) * kDeg;
  if (hBar < 0) hBar += 360.0;
  const double u = (hBar - 275.0) / 25.0;
  const double dTheta = 30.0 * std::exp(-u * u);
  const double CBar = 0.5 * (C1 + C2), CB2 = CBar * CBar, CB7 = CB2 * CB2 * CB2 * CBar;
  const double rc = 2.0 * std::sqrt(CB7 / (CB7 + k25to7));
  const double LBar = 0.5 * (p.L + q.L);
  const double l50 = (LBar - 50.0) * (LBar - 50.0);
  const double sl = 1.0 + 0.015 * l50 / std::sqrt(20.0 + l50);
  const double sc = 1.0 + 0.045 * CBar;
  const double shh = 1.0 + 0.015 * CBar * t;
  const double rt = -std::sin(2.0 * dTheta / kDeg) * rc;
  const double xl = dL / sl, xc = dC / sc, xh = dH / shh;
  return std::sqrt(xl * xl + xc * xc + xh * xh + rt * xc * xh);
}

}  // namespace canting::imaging
