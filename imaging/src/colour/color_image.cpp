// Colour science over whole images: each function converts every pixel as
// the per-colour function in color.cpp would, to float precision, using the
// shared tables of color_tables.h; the 8-bit paths and CIEDE2000 have fast
// forms of their own.
// Index:
//   [SECTION] image helpers
//   [SECTION] fast tables
//   [SECTION] 8-bit blocks
//   [SECTION] CIEDE2000 lanes
//   [SECTION] whole images

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <vector>

#include <opencv2/core.hpp>

#include "canting/imaging/color.h"
#include "colour/color_simd.h"
#include "colour/color_tables.h"

namespace canting::imaging {

using namespace colour_detail;

namespace {

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

// [SECTION] fast tables
// Lab's f(t) = cbrt(t) by linear interpolation in a table spaced evenly in
// log2(t): 2^11 steps per octave over [2^-7, 2), indexed by the bits of the
// double. The relative step is 2^-11, so the interpolation error is below
// 7e-9 * f: about 1e-6 in L and 1e-5 in a and b. Below 2^-7 f is Lab's linear
// segment (kEps lies above 2^-7), so the table holds that too, and f is C1 at
// kEps, so the cell across the kink interpolates as well as any other.
class FastLabF {
 public:
  static constexpr int kBits = 11;
  static constexpr int kLowExp = -7, kOctaves = 8;
  FastLabF() : m_f(std::size_t(kOctaves << kBits) + 1) {
    for (std::size_t i = 0; i < m_f.size(); ++i) {
      const double t = std::ldexp(1.0 + double(i & ((1u << kBits) - 1)) / (1 << kBits), kLowExp + int(i >> kBits));
      m_f[i] = labF(t);
    }
  }
  double operator()(double t) const;
  const double* data() const { return m_f.data(); }

 private:
  std::vector<double> m_f;
};
const FastLabF& fastLabF() {
  static const FastLabF f;
  return f;
}

// Each 8-bit code's share of X/Xw, Y/Yw and Z/Zw, per channel: a pixel's
// ratios are three entries added. Nine arrays of 256: x, y, z for r, then g, then b.
struct XyzShares {
  std::array<double, 9 * 256> v{};
  XyzShares() {
    const auto& lin = linearLut();
    const M3& m = kRgbToXyz;
    const double white[3] = {kWx, kWy, kWz};
    for (int c = 0; c < 3; ++c)      // r, g, b: the matrix column
      for (int o = 0; o < 3; ++o)    // x, y, z: the matrix row
        for (std::size_t i = 0; i < 256; ++i)
          v[std::size_t(c * 3 + o) * 256 + i] = m[std::size_t(o)][std::size_t(c)] * lin[i] / white[o];
  }
};
const XyzShares& xyzShares() {
  static const XyzShares s;
  return s;
}

inline cv::Vec3f labFromRatios(const FastLabF& f, double x, double y, double z) {
  const double fx = f(x), fy = f(y), fz = f(z);
  return {float(116.0 * fy - 16.0), float(500.0 * (fx - fy)), float(200.0 * (fy - fz))};
}

// [SECTION] 8-bit blocks
// The whole-image loops work on blocks of pixels in separate passes, each a
// plain loop over arrays, so GCC vectorises them; the passes with table reads
// are cloned for AVX2 and AVX-512, which can gather (SSE2 cannot).
#define CANTING_VECTOR_CLONES __attribute__((target_clones("default", "arch=x86-64-v3", "arch=x86-64-v4")))
constexpr int kBlock = 256;

// FastLabF's table at t in [0, 2); below 2^-7, Lab's linear segment. Branch-free.
inline double labFTable(const double* __restrict table, double v) {
  constexpr int kShift = 52 - FastLabF::kBits;
  constexpr std::uint64_t kFirst = std::uint64_t(1023 + FastLabF::kLowExp) << FastLabF::kBits;
  const double lin = (kKappa * v + 16.0) / 116.0;
  const double tc = v > 0x1p-7 ? v : 0x1p-7;
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(tc);
  const auto k = std::int64_t((bits >> kShift) - kFirst);
  // The low mantissa bits under exponent 0 make 1 + the fraction of the cell.
  const double frac = (std::bit_cast<double>((bits & ((std::uint64_t(1) << kShift) - 1)) | (std::uint64_t(1023) << 52)) - 1.0) *
                      double(1 << FastLabF::kBits);
  const double tab = table[k] + (table[k + 1] - table[k]) * frac;
  return v > 0x1p-7 ? tab : lin;
}

// Lab f() of an array of ratios in [0, 1], in place.
CANTING_VECTOR_CLONES
void labFInPlace(const double* __restrict table, double* __restrict t, int n) {
  for (int i = 0; i < n; ++i) t[i] = labFTable(table, t[i]);
}

// (X/Xw, Y/Yw, Z/Zw) of a block of 8-bit codes: three table entries added per ratio.
CANTING_VECTOR_CLONES
void xyzRatios(const int (*__restrict code)[kBlock], const double* __restrict shares, double (*__restrict t)[kBlock],
               int n) {
  for (int o = 0; o < 3; ++o) {
    const double* __restrict sr = shares + o * 256;
    const double* __restrict sg = shares + 768 + o * 256;
    const double* __restrict sb = shares + 1536 + o * 256;
    for (int i = 0; i < n; ++i) t[o][i] = sr[code[2][i]] + sg[code[1][i]] + sb[code[0][i]];
  }
}

double FastLabF::operator()(double t) const {
  if (!(t >= 0x1p-7 && t < 2.0)) return labF(t);  // black, darks and the out-of-range values of float inputs
  return labFTable(m_f.data(), t);
}

// 8-bit BGR(A) rows -> Lab (grey goes the general way), in blocks: the codes
// widened, the ratios gathered, f() of them, then Lab.
void bgr8ToLab(const cv::Mat& in, cv::Mat& out) {
  const double* table = fastLabF().data();
  const double* shares = xyzShares().v.data();
  const int ch = in.channels();
  forEachRow(in, [&](int y) {
    const std::uint8_t* row = in.ptr<std::uint8_t>(y);
    auto* d = out.ptr<cv::Vec3f>(y);
    int code[3][kBlock];
    double t[3][kBlock];
    const int done = bgr8ToLabVector(row, ch, &d[0][0], in.cols);
    for (int x0 = done; x0 < in.cols; x0 += kBlock) {
      const int m = std::min(kBlock, in.cols - x0);
      const std::uint8_t* p = row + std::size_t(x0) * std::size_t(ch);
      for (int i = 0; i < m; ++i)
        for (int c = 0; c < 3; ++c) code[c][i] = p[i * ch + c];
      xyzRatios(code, shares, t, m);
      for (int o = 0; o < 3; ++o) labFInPlace(table, t[o], m);
      for (int i = 0; i < m; ++i)
        d[x0 + i] = cv::Vec3f(float(116.0 * t[1][i] - 16.0), float(500.0 * (t[0][i] - t[1][i])),
                              float(200.0 * (t[1][i] - t[2][i])));
    }
  });
}

// labToLinear over arrays: lab[0..2] in, lin[0..2] (r, g, b) out.
CANTING_VECTOR_CLONES
void labToLinearBlock(const double (*__restrict lab)[kBlock], double (*__restrict lin)[kBlock], int n, M3 m) {
  for (int i = 0; i < n; ++i) {
    const Lin3 l = labToLinear(lab[0][i], lab[1][i], lab[2][i], m);
    lin[0][i] = l.r;
    lin[1][i] = l.g;
    lin[2][i] = l.b;
  }
}

// Lab -> 8-bit BGR by the per-colour formula (labToLinear) and the 8-bit encoder.
void labToBgr8(const cv::Mat& lab, cv::Mat& out) {
  const EightBitEncoder& e = encoder();
  const M3& matrix = xyzToRgbMatrix();
  forEachRow(lab, [&](int y) {
    const auto* s = lab.ptr<cv::Vec3f>(y);
    auto* d = out.ptr<cv::Vec3b>(y);
    double in[3][kBlock], lin[3][kBlock];
    const int done = labToBgr8Vector(&s[0][0], &d[0][0], lab.cols);
    for (int x0 = done; x0 < lab.cols; x0 += kBlock) {
      const int m = std::min(kBlock, lab.cols - x0);
      for (int i = 0; i < m; ++i)
        for (int c = 0; c < 3; ++c) in[c][i] = s[x0 + i][c];
      labToLinearBlock(in, lin, m, matrix);
      for (int i = 0; i < m; ++i) d[x0 + i] = cv::Vec3b(e(lin[2][i]), e(lin[1][i]), e(lin[0][i]));
    }
  });
}

// [SECTION] CIEDE2000 lanes
// CIEDE2000 for the image form: the same formula as deltaE2000(Lab, Lab)
// without a branch or a libm call, so blocks of pixels go through it as vector
// lanes (one pixel's chain of divisions and square roots is long; many
// pixels' overlap):
// - pow(x, 7) by multiplication, hypot by sqrt;
// - the hue difference by dH^2 = da'^2 + db^2 - dC'^2, signed as the cross
//   product of the two hue directions;
// - the mean hue as the bisector of the two hue directions, whose cosine and
//   sine give T by the multiple-angle identities;
// - the blue-region rotation from h - 275 measured as an angle from the
//   275-degree direction, with short series for atan, exp and sin.
// It agrees with the per-pair function to ~1e-7 relative. Where the bisector
// is undefined (hues almost exactly opposite), the per-pair function answers.
constexpr double k25to7 = 6103515625.0;

// sin(x) for x in [0, pi/3], by its series to x^13: error below 3e-10.
inline double sinSmall(double x) {
  constexpr double kInvFact[7] = {1.0, 1.0 / 6, 1.0 / 120, 1.0 / 5040, 1.0 / 362880, 1.0 / 39916800, 1.0 / 6227020800};
  const double x2 = x * x;
  double s = kInvFact[6];
  for (int k = 5; k >= 0; --k) s = kInvFact[k] - x2 * s;
  return x * s;
}

// exp(x) for x in [-20, 0]: 2^n times 2^f by its series to the 12th power; relative error below 1e-10.
inline double expNegSmall(double x) {
  const double y = x * std::numbers::log2e;
  const double n = std::floor(y);
  const double f = (y - n) * std::numbers::ln2;
  double p = 1.0 / 479001600;  // 1/12!
  for (int k = 11; k >= 0; --k) {
    constexpr double kInvFact[12] = {1.0, 1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040,
                                     1.0 / 40320, 1.0 / 362880, 1.0 / 3628800, 1.0 / 39916800};
    p = kInvFact[k] + f * p;
  }
  return p * std::bit_cast<double>(std::uint64_t(std::int64_t(n) + 1023) << 52);
}

// atan(x) for |x| <= tan(pi/8), by its series to x^17: error below 2e-9.
inline double atanSmall(double x) {
  const double x2 = x * x;
  double s = 1.0 / 17;
  for (int k = 15; k >= 1; k -= 2) s = 1.0 / k - x2 * s;
  return x * s;
}

// Radians from the 275-degree direction to the unit vector (c, s), folded by
// octants onto atanSmall.
inline double angleFrom275(double c, double s) {
  constexpr double kC = 0.087155742747658166, kS = -0.99619469809174553;  // cos, sin 275
  const double x = c * kC + s * kS, y = s * kC - c * kS;  // rotated: 275 degrees becomes 0
  const double ax = std::fabs(x), ay = std::fabs(y);
  const bool swap = ay > ax;
  const double num = swap ? ax : ay, den = swap ? ay : ax;  // num/den in [0, 1]
  // atan(r) = pi/4 + atan((r - 1) / (r + 1)) above tan(pi/8)
  const bool upper = num > 0.41421356237309503 * den;
  const double r = (upper ? num - den : num) / (upper ? num + den : den);
  double a = (upper ? std::numbers::pi / 4 : 0.0) + atanSmall(r);
  a = swap ? std::numbers::pi / 2 - a : a;
  a = x < 0 ? std::numbers::pi - a : a;
  return y < 0 ? -a : a;
}

// One row; returns whether any pixel needs the per-pair function (marked NaN in d).
CANTING_VECTOR_CLONES
bool deltaE2000Lanes(const double (*in)[kBlock], float* d, int n) {
  constexpr double kC30 = 0.86602540378443865, kS30 = 0.5;
  constexpr double kC6 = 0.99452189536827329, kS6 = 0.10452846326765347;
  constexpr double kC63 = 0.45399049973954675, kS63 = 0.89100652418836786;
  int exact = 0;
  for (int i = 0; i < n; ++i) {
    const double L1 = in[0][i], a1 = in[1][i], b1 = in[2][i], L2 = in[3][i], a2 = in[4][i], b2 = in[5][i];
    const double c1 = std::sqrt(a1 * a1 + b1 * b1), c2 = std::sqrt(a2 * a2 + b2 * b2);
    const double cb = 0.5 * (c1 + c2), cb2 = cb * cb, cb7 = cb2 * cb2 * cb2 * cb;
    const double g1 = 1.0 + 0.5 * (1.0 - std::sqrt(cb7 / (cb7 + k25to7)));
    const double a1p = g1 * a1, a2p = g1 * a2;
    const double C1 = std::sqrt(a1p * a1p + b1 * b1), C2 = std::sqrt(a2p * a2p + b2 * b2);
    const double dL = L2 - L1, dC = C2 - C1;
    // Every division below is unconditional, its divisor chosen first, so the
    // loop has no branch and vectorises.
    const bool both = C1 * C2 != 0;
    const double i1 = 1.0 / (C1 > 0 ? C1 : 1.0), i2 = 1.0 / (C2 > 0 ? C2 : 1.0);
    const double sumC = C1 + C2, iSum = 1.0 / (sumC > 0 ? sumC : 1.0);
    // The bisector of the two hue directions; with one grey colour, the other's hue (0 for two greys).
    const double ux = both ? a1p * i1 + a2p * i2 : (sumC > 0 ? (a1p + a2p) * iSum : 1.0);
    const double uy = both ? b1 * i1 + b2 * i2 : (b1 + b2) * iSum;
    const double un = std::sqrt(ux * ux + uy * uy);
    exact += un < 1e-6;
    const double inv = 1.0 / (un < 1e-6 ? 1.0 : un);
    const double ch = ux * inv, sh = uy * inv;
    const double da = a2p - a1p, db = b2 - b1;
    const double dH2 = da * da + db * db - dC * dC;
    const double dHabs = both ? std::sqrt(dH2 > 0 ? dH2 : 0.0) : 0.0;
    const double dH = std::copysign(dHabs, a1p * b2 - a2p * b1);
    // T = 1 - 0.17 cos(h - 30) + 0.24 cos 2h + 0.32 cos(3h + 6) - 0.20 cos(4h - 63)
    const double c2h = ch * ch - sh * sh, s2h = 2 * ch * sh;
    const double c3h = ch * (4 * ch * ch - 3), s3h = sh * (3 - 4 * sh * sh);
    const double c4h = 2 * c2h * c2h - 1, s4h = 2 * s2h * c2h;
    const double t = 1.0 - 0.17 * (ch * kC30 + sh * kS30) + 0.24 * c2h + 0.32 * (c3h * kC6 - s3h * kS6) -
                     0.20 * (c4h * kC63 + s4h * kS63);
    const double LBar = 0.5 * (L1 + L2), CBar = 0.5 * (C1 + C2);
    const double l50 = (LBar - 50.0) * (LBar - 50.0);
    const double sl = 1.0 + 0.015 * l50 / std::sqrt(20.0 + l50);
    const double xl = dL / sl, xc = dC / (1.0 + 0.045 * CBar), xh = dH / (1.0 + 0.015 * CBar * t);
    // The rotation term: h - 275 is the angle from the 275-degree direction
    // while h >= 95; below, exp(-((h - 275) / 25)^2) < 1e-20, so it is 0.
    const double u = angleFrom275(ch, sh) * (kDeg / 25.0);
    const double dTheta = u < 85.0 / 25.0 ? 30.0 * expNegSmall(-(u * u < 20.0 ? u * u : 20.0)) : 0.0;
    const double CB2 = CBar * CBar, CB7 = CB2 * CB2 * CB2 * CBar;
    const double rt = -sinSmall(2.0 * dTheta / kDeg) * 2.0 * std::sqrt(CB7 / (CB7 + k25to7));
    const double e2 = xl * xl + xc * xc + xh * xh + rt * xc * xh;
    d[i] = un < 1e-6 ? std::numeric_limits<float>::quiet_NaN() : float(std::sqrt(e2 > 0 ? e2 : 0.0));
  }
  return exact != 0;
}

void deltaE2000Row(const cv::Vec3f* p, const cv::Vec3f* q, float* d, int n) {
  double in[6][kBlock];  // L1 a1 b1 L2 a2 b2, one array each, so the pass reads them as vectors
  for (int start = 0; start < n; start += kBlock) {
    const int m = std::min(kBlock, n - start);
    for (int i = 0; i < m; ++i)
      for (int c = 0; c < 3; ++c) {
        in[c][i] = p[start + i][c];
        in[3 + c][i] = q[start + i][c];
      }
    if (!deltaE2000Lanes(in, d + start, m)) continue;
    for (int i = start; i < start + m; ++i)
      if (std::isnan(d[i])) d[i] = float(deltaE2000(Lab{p[i][0], p[i][1], p[i][2]}, Lab{q[i][0], q[i][1], q[i][2]}));
  }
}

}  // namespace

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
  if (in.depth() == CV_8U && in.channels() > 1) {
    bgr8ToLab(in, out);
    return out;
  }
  const FastLabF& f = fastLabF();
  forEachRow(in, [&](int y) {
    auto* d = out.ptr<cv::Vec3f>(y);
    for (int x = 0; x < in.cols; ++x) {
      const Xyz c = linearRgbToXyz(readLinear(in, y, x));
      d[x] = labFromRatios(f, c.x / kWx, c.y / kWy, c.z / kWz);
    }
  });
  return out;
}

cv::Mat labToBgr(const cv::Mat& lab, int depth) {
  CV_Assert(lab.type() == CV_32FC3);
  CV_Assert(depth == CV_8U || depth == CV_16U || depth == CV_32F);
  cv::Mat out(lab.size(), CV_MAKETYPE(depth, 3));
  if (depth == CV_8U) {
    labToBgr8(lab, out);
    return out;
  }
  const M3& matrix = xyzToRgbMatrix();
  forEachRow(lab, [&](int y) {
    const auto* s = lab.ptr<cv::Vec3f>(y);
    for (int x = 0; x < lab.cols; ++x) {
      const Lin3 l = labToLinear(s[x][0], s[x][1], s[x][2], matrix);
      writeSrgb(out, y, x, Rgb{l.r, l.g, l.b});
    }
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
    deltaE2000Row(p, q, d, a.cols);
  });
  return out;
}

}  // namespace canting::imaging
