// Colour science: sRGB, XYZ, CIELAB, LCh and CIEDE2000, for one colour and whole images.
// Index:
//   [SECTION] constants and tables
//   [SECTION] image helpers
//   [SECTION] single colours
//   [SECTION] whole images

#include "canting/imaging/color.h"

#include <algorithm>
#include <array>
#include <vector>
#include <cmath>
#include <numbers>

namespace canting::imaging {

namespace {

// [SECTION] constants and tables
using M3 = std::array<std::array<double, 3>, 3>;

// IEC 61966-2-1 linear sRGB -> XYZ, D65.
constexpr M3 kRgbToXyz{{{0.4124564, 0.3575761, 0.1804375},
                        {0.2126729, 0.7151522, 0.0721750},
                        {0.0193339, 0.1191920, 0.9503041}}};

M3 invert(const M3& m) {
  const double a = m[0][0], b = m[0][1], c = m[0][2], d = m[1][0], e = m[1][1], f = m[1][2], g = m[2][0],
               h = m[2][1], i = m[2][2];
  const double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return {{{(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det},
           {(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det},
           {(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det}}};
}

// Computed, not typed: a truncated published inverse breaks 8-bit round trips.
const M3& xyzToRgbMatrix() {
  static const M3 m = invert(kRgbToXyz);
  return m;
}

// White = the matrix applied to (1,1,1), so sRGB white is exactly L=100, a=b=0.
constexpr double kWx = 0.4124564 + 0.3575761 + 0.1804375;
constexpr double kWy = 0.2126729 + 0.7151522 + 0.0721750;
constexpr double kWz = 0.0193339 + 0.1191920 + 0.9503041;
constexpr double kEps = 216.0 / 24389.0;
constexpr double kKappa = 24389.0 / 27.0;

inline double labF(double t) { return t > kEps ? std::cbrt(t) : (kKappa * t + 16.0) / 116.0; }
inline double labFInv(double f) {
  const double f3 = f * f * f;
  return f3 > kEps ? f3 : (116.0 * f - 16.0) / kKappa;
}
constexpr double kDeg = 180.0 / std::numbers::pi;

// 8-bit sRGB -> linear, the hot path for photos.
const std::array<double, 256>& linearLut() {
  static const std::array<double, 256> lut = [] {
    std::array<double, 256> t{};
    for (int i = 0; i < 256; ++i) t[i] = srgbToLinear(i / 255.0);
    return t;
  }();
  return lut;
}

// Linear light to an 8-bit sRGB code with exactly the rounding of
// lround(linearToSrgb(v) * 255): the sRGB curve is monotonic, so the code is
// the number of code midpoints (in linear light) at or below v. A search over
// 255 thresholds instead of a pow() per channel.
struct EightBitEncoder {
  std::array<double, 255> mid{};
  double lo = 0, hi = 0;  // beyond these, clamping was needed (out of gamut)
  // The code at the start of each of 65536 equal bins of [0, 1). Codes are at
  // least 0.0003 apart in linear light, wider than a bin, so a value's code is
  // its bin's code or the one after: one comparison instead of a search.
  std::vector<std::uint8_t> bin;
  EightBitEncoder() {
    for (int i = 0; i < 255; ++i) mid[std::size_t(i)] = srgbToLinear((i + 0.5) / 255.0);
    lo = srgbToLinear(-0.5 / 255.0);
    hi = srgbToLinear(255.5 / 255.0);
    bin.resize(kBins);
    for (int b = 0; b < kBins; ++b) bin[std::size_t(b)] = search(double(b) / kBins);
  }
  static constexpr int kBins = 65536;
  std::uint8_t search(double v) const { return std::uint8_t(std::upper_bound(mid.begin(), mid.end(), v) - mid.begin()); }
  std::uint8_t operator()(double v) const {
    if (!(v > 0)) return 0;   // NaN too
    if (v >= 1) return 255;
    const std::uint8_t c = bin[std::size_t(v * kBins)];
    return std::uint8_t(c + (c < 255 && mid[c] <= v));
  }
};
const EightBitEncoder& encoder() {
  static const EightBitEncoder e;
  return e;
}

// [SECTION] image helpers
template <class Fn>
void forEachRow(const cv::Mat& m, Fn fn) {
  cv::parallel_for_(cv::Range(0, m.rows), [&](const cv::Range& r) {
    for (int y = r.start; y < r.end; ++y) fn(y);
  });
}

// Reads pixel x of row y of an sRGB image as linear (r,g,b).
inline Rgb readLinear(const cv::Mat& m, int y, int x) {
  const int ch = m.channels();
  switch (m.depth()) {
    case CV_8U: {
      const auto& lut = linearLut();
      const std::uint8_t* p = m.ptr<std::uint8_t>(y) + x * ch;
      return ch == 1 ? Rgb{lut[p[0]], lut[p[0]], lut[p[0]]} : Rgb{lut[p[2]], lut[p[1]], lut[p[0]]};
    }
    case CV_16U: {
      const std::uint16_t* p = m.ptr<std::uint16_t>(y) + x * ch;
      if (ch == 1) {
        const double v = srgbToLinear(p[0] / 65535.0);
        return {v, v, v};
      }
      return {srgbToLinear(p[2] / 65535.0), srgbToLinear(p[1] / 65535.0), srgbToLinear(p[0] / 65535.0)};
    }
    default: {
      const float* p = m.ptr<float>(y) + x * ch;
      if (ch == 1) {
        const double v = srgbToLinear(p[0]);
        return {v, v, v};
      }
      return {srgbToLinear(p[2]), srgbToLinear(p[1]), srgbToLinear(p[0])};
    }
  }
}

cv::Mat checkedSrgbInput(const cv::Mat& m) {
  CV_Assert(!m.empty());
  CV_Assert(m.depth() == CV_8U || m.depth() == CV_16U || m.depth() == CV_32F);
  CV_Assert(m.channels() == 1 || m.channels() == 3 || m.channels() == 4);
  return m;
}

template <class Fn>
cv::Mat mapF3(const cv::Mat& in, Fn fn) {
  CV_Assert(in.type() == CV_32FC3);
  cv::Mat out(in.size(), CV_32FC3);
  forEachRow(in, [&](int y) {
    const cv::Vec3f* s = in.ptr<cv::Vec3f>(y);
    cv::Vec3f* d = out.ptr<cv::Vec3f>(y);
    for (int x = 0; x < in.cols; ++x) d[x] = fn(s[x]);
  });
  return out;
}

void writeSrgb(cv::Mat& out, int y, int x, const Rgb& lin) {
  if (out.depth() == CV_8U) {
    const EightBitEncoder& e = encoder();
    out.ptr<cv::Vec3b>(y)[x] = cv::Vec3b(e(lin.b), e(lin.g), e(lin.r));
    return;
  }
  const double r = linearToSrgb(lin.r), g = linearToSrgb(lin.g), b = linearToSrgb(lin.b);
  auto clamp01 = [](double v) { return v < 0 ? 0.0 : v > 1 ? 1.0 : v; };
  switch (out.depth()) {
    case CV_8U: {
      auto* p = out.ptr<cv::Vec3b>(y) + x;
      (*p)[0] = std::uint8_t(std::lround(clamp01(b) * 255));
      (*p)[1] = std::uint8_t(std::lround(clamp01(g) * 255));
      (*p)[2] = std::uint8_t(std::lround(clamp01(r) * 255));
      break;
    }
    case CV_16U: {
      auto* p = out.ptr<cv::Vec3w>(y) + x;
      (*p)[0] = std::uint16_t(std::lround(clamp01(b) * 65535));
      (*p)[1] = std::uint16_t(std::lround(clamp01(g) * 65535));
      (*p)[2] = std::uint16_t(std::lround(clamp01(r) * 65535));
      break;
    }
    default: {
      auto* p = out.ptr<cv::Vec3f>(y) + x;
      *p = cv::Vec3f(float(b), float(g), float(r));
    }
  }
}

}  // namespace

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
  const Rgb l = xyzToLinearRgb(labToXyz(c));
  const EightBitEncoder& e = encoder();
  if (inGamut) *inGamut = l.r >= e.lo && l.r <= e.hi && l.g >= e.lo && l.g <= e.hi && l.b >= e.lo && l.b <= e.hi;
  return Rgb8{e(l.r), e(l.g), e(l.b)};
}

double deltaE2000(const Lab& p, const Lab& q) {
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

// [SECTION] whole images

cv::Mat srgbToLinear(const cv::Mat& bgr) {
  const cv::Mat& in = checkedSrgbInput(bgr);
  cv::Mat out(in.size(), CV_32FC3);
  forEachRow(in, [&](int y) {
    auto* d = out.ptr<cv::Vec3f>(y);
    for (int x = 0; x < in.cols; ++x) {
      const Rgb l = readLinear(in, y, x);
      d[x] = cv::Vec3f(float(l.b), float(l.g), float(l.r));
    }
  });
  return out;
}

cv::Mat linearToSrgb(const cv::Mat& lin, int depth) {
  CV_Assert(lin.type() == CV_32FC3);
  CV_Assert(depth == CV_8U || depth == CV_16U || depth == CV_32F);
  cv::Mat out(lin.size(), CV_MAKETYPE(depth, 3));
  forEachRow(lin, [&](int y) {
    const auto* s = lin.ptr<cv::Vec3f>(y);
    for (int x = 0; x < lin.cols; ++x) writeSrgb(out, y, x, {s[x][2], s[x][1], s[x][0]});
  });
  return out;
}

cv::Mat linearToXyz(const cv::Mat& lin) {
  return mapF3(lin, [](const cv::Vec3f& v) {
    const Xyz c = linearRgbToXyz({v[2], v[1], v[0]});
    return cv::Vec3f(float(c.x), float(c.y), float(c.z));
  });
}

cv::Mat xyzToLinear(const cv::Mat& xyz) {
  return mapF3(xyz, [](const cv::Vec3f& v) {
    const Rgb c = xyzToLinearRgb({v[0], v[1], v[2]});
    return cv::Vec3f(float(c.b), float(c.g), float(c.r));
  });
}

cv::Mat xyzToLab(const cv::Mat& xyz) {
  return mapF3(xyz, [](const cv::Vec3f& v) {
    const Lab c = xyzToLab(Xyz{v[0], v[1], v[2]});
    return cv::Vec3f(float(c.L), float(c.a), float(c.b));
  });
}

cv::Mat labToXyz(const cv::Mat& lab) {
  return mapF3(lab, [](const cv::Vec3f& v) {
    const Xyz c = labToXyz(Lab{v[0], v[1], v[2]});
    return cv::Vec3f(float(c.x), float(c.y), float(c.z));
  });
}

cv::Mat labToLch(const cv::Mat& lab) {
  return mapF3(lab, [](const cv::Vec3f& v) {
    const Lch c = labToLch(Lab{v[0], v[1], v[2]});
    return cv::Vec3f(float(c.L), float(c.C), float(c.h));
  });
}

cv::Mat lchToLab(const cv::Mat& lch) {
  return mapF3(lch, [](const cv::Vec3f& v) {
    const Lab c = lchToLab(Lch{v[0], v[1], v[2]});
    return cv::Vec3f(float(c.L), float(c.a), float(c.b));
  });
}

cv::Mat bgrToLab(const cv::Mat& bgr) {
  const cv::Mat& in = checkedSrgbInput(bgr);
  cv::Mat out(in.size(), CV_32FC3);
  forEachRow(in, [&](int y) {
    auto* d = out.ptr<cv::Vec3f>(y);
    for (int x = 0; x < in.cols; ++x) {
      const Lab c = xyzToLab(linearRgbToXyz(readLinear(in, y, x)));
      d[x] = cv::Vec3f(float(c.L), float(c.a), float(c.b));
    }
  });
  return out;
}

cv::Mat labToBgr(const cv::Mat& lab, int depth) {
  CV_Assert(lab.type() == CV_32FC3);
  CV_Assert(depth == CV_8U || depth == CV_16U || depth == CV_32F);
  cv::Mat out(lab.size(), CV_MAKETYPE(depth, 3));
  forEachRow(lab, [&](int y) {
    const auto* s = lab.ptr<cv::Vec3f>(y);
    for (int x = 0; x < lab.cols; ++x) writeSrgb(out, y, x, xyzToLinearRgb(labToXyz(Lab{s[x][0], s[x][1], s[x][2]})));
  });
  return out;
}

cv::Mat deltaE2000(const cv::Mat& a, const cv::Mat& b) {
  CV_Assert(a.type() == CV_32FC3 && b.type() == CV_32FC3 && a.size() == b.size());
  cv::Mat out(a.size(), CV_32F);
  forEachRow(a, [&](int y) {
    const auto* p = a.ptr<cv::Vec3f>(y);
    const auto* q = b.ptr<cv::Vec3f>(y);
    float* d = out.ptr<float>(y);
    for (int x = 0; x < a.cols; ++x)
      d[x] = float(deltaE2000(Lab{p[x][0], p[x][1], p[x][2]}, Lab{q[x][0], q[x][1], q[x][2]}));
  });
  return out;
}

}  // namespace canting::imaging
