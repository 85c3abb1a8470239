// The 8-bit whole-image conversions (sRGB 8-bit <-> CIELAB float) in AVX2 +
// FMA, eight pixels a step. color_image.cpp calls them when the processor has
// both (checked at run time) and finishes each row's last pixels itself; the
// portable block loops there are the fallback and the reference.
// Index:
//   [SECTION] dispatch
//   [SECTION] interleaving
//   [SECTION] sRGB 8-bit -> Lab
//   [SECTION] Lab -> sRGB 8-bit

#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <cstdint>

#include "canting/imaging/color.h"
#include "colour/color_simd.h"
#include "colour/color_tables.h"

namespace canting::imaging::colour_detail {

// [SECTION] dispatch
namespace {
std::atomic<bool>& vectorWanted() {
  static std::atomic<bool> on{true};
  return on;
}
}  // namespace

bool avx2Available() {
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return has;
}

bool avx2InUse() { return avx2Available() && vectorWanted().load(std::memory_order_relaxed); }

}  // namespace canting::imaging::colour_detail

namespace canting::imaging {
bool setColourVectorPath(bool on) { return colour_detail::vectorWanted().exchange(on); }
}  // namespace canting::imaging

namespace canting::imaging::colour_detail {

const LabToBgrConsts& labToBgrConsts() {
  static const LabToBgrConsts c = [] {
    LabToBgrConsts k{};
    const M3& m = xyzToRgbMatrix();
    const double white[3] = {kWx, kWy, kWz};
    // Rows r, g, b; columns take the white point in, so the ratios multiply directly.
    for (int o = 0; o < 3; ++o)
      for (int i = 0; i < 3; ++i) k.m[o][i] = m[std::size_t(o)][std::size_t(i)] * white[i];
    return k;
  }();
  return c;
}

const BgrToLabConsts& bgrToLabConsts() {
  static const BgrToLabConsts c = [] {
    BgrToLabConsts k{};
    const double white[3] = {kWx, kWy, kWz};
    for (int o = 0; o < 3; ++o)
      for (int i = 0; i < 3; ++i) k.m[o][i] = kRgbToXyz[std::size_t(o)][std::size_t(i)] / white[o];
    return k;
  }();
  return c;
}

#pragma GCC push_options
#pragma GCC target("avx2,fma")

namespace {

// [SECTION] interleaving
// Eight (x, y, z) triples as three vectors of x, y and z, and back. Each plane
// is permuted so that every output vector takes lanes {0,3,6} from one, {1,4,7}
// from the next and {2,5} from the third: three permutes and six blends.
constexpr int kMid = 0x92, kEnd = 0x24;  // lanes {1,4,7} and {2,5}

inline void interleave3(__m256 x, __m256 y, __m256 z, float* out) {
  const __m256 px = _mm256_permutevar8x32_ps(x, _mm256_setr_epi32(0, 3, 6, 1, 4, 7, 2, 5));
  const __m256 py = _mm256_permutevar8x32_ps(y, _mm256_setr_epi32(5, 0, 3, 6, 1, 4, 7, 2));
  const __m256 pz = _mm256_permutevar8x32_ps(z, _mm256_setr_epi32(2, 5, 0, 3, 6, 1, 4, 7));
  _mm256_storeu_ps(out, _mm256_blend_ps(_mm256_blend_ps(px, py, kMid), pz, kEnd));
  _mm256_storeu_ps(out + 8, _mm256_blend_ps(_mm256_blend_ps(pz, px, kMid), py, kEnd));
  _mm256_storeu_ps(out + 16, _mm256_blend_ps(_mm256_blend_ps(py, pz, kMid), px, kEnd));
}

inline void deinterleave3(const float* in, __m256& x, __m256& y, __m256& z) {
  const __m256 a = _mm256_loadu_ps(in), b = _mm256_loadu_ps(in + 8), c = _mm256_loadu_ps(in + 16);
  const __m256 px = _mm256_blend_ps(_mm256_blend_ps(a, b, kMid), c, kEnd);
  const __m256 py = _mm256_blend_ps(_mm256_blend_ps(c, a, kMid), b, kEnd);
  const __m256 pz = _mm256_blend_ps(_mm256_blend_ps(b, c, kMid), a, kEnd);
  x = _mm256_permutevar8x32_ps(px, _mm256_setr_epi32(0, 3, 6, 1, 4, 7, 2, 5));
  y = _mm256_permutevar8x32_ps(py, _mm256_setr_epi32(1, 4, 7, 2, 5, 0, 3, 6));
  z = _mm256_permutevar8x32_ps(pz, _mm256_setr_epi32(2, 5, 0, 3, 6, 1, 4, 7));
}

// The B, G or R codes of eight 3-byte pixels as eight int32: `lo` holds bytes
// 0..15 of the pixels, `hi` bytes 8..23; pixel i's channel c is byte 3i + c.
inline void channelsOf3(__m128i lo, __m128i hi, __m256i* code) {
  const __m128i b = _mm_or_si128(_mm_shuffle_epi8(lo, _mm_setr_epi8(0, 3, 6, 9, 12, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)),
                                 _mm_shuffle_epi8(hi, _mm_setr_epi8(-1, -1, -1, -1, -1, -1, 10, 13, -1, -1, -1, -1, -1, -1, -1, -1)));
  const __m128i g = _mm_or_si128(_mm_shuffle_epi8(lo, _mm_setr_epi8(1, 4, 7, 10, 13, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)),
                                 _mm_shuffle_epi8(hi, _mm_setr_epi8(-1, -1, -1, -1, -1, 8, 11, 14, -1, -1, -1, -1, -1, -1, -1, -1)));
  const __m128i r = _mm_or_si128(_mm_shuffle_epi8(lo, _mm_setr_epi8(2, 5, 8, 11, 14, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)),
                                 _mm_shuffle_epi8(hi, _mm_setr_epi8(-1, -1, -1, -1, -1, 9, 12, 15, -1, -1, -1, -1, -1, -1, -1, -1)));
  code[0] = _mm256_cvtepu8_epi32(b);
  code[1] = _mm256_cvtepu8_epi32(g);
  code[2] = _mm256_cvtepu8_epi32(r);
}

// [SECTION] sRGB 8-bit -> Lab
// The last Newton step for t^(-1/3), in double, then f: cbrt(t) = t y^2 above
// kEps, the linear segment at or below. `t0` is the ratio, `t` the same kept
// off zero, `y` the float estimate widened.
inline __m256d labFFinish(__m256d t0, __m256d t, __m256d y) {
  const __m256d r = _mm256_fnmadd_pd(t, _mm256_mul_pd(_mm256_mul_pd(y, y), y), _mm256_set1_pd(1.0));
  y = _mm256_fmadd_pd(_mm256_mul_pd(y, _mm256_set1_pd(1.0 / 3)), r, y);
  const __m256d root = _mm256_mul_pd(t, _mm256_mul_pd(y, y));
  const __m256d lin = _mm256_fmadd_pd(t0, _mm256_set1_pd(kKappa / 116.0), _mm256_set1_pd(16.0 / 116.0));
  return _mm256_blendv_pd(lin, root, _mm256_cmp_pd(t0, _mm256_set1_pd(kEps), _CMP_GT_OQ));
}

// GCC 12 warns that the plain gathers' unused source may be uninitialised; the masked form names it.
inline __m256d gather4(const double* base, __m128i index) {
  return _mm256_mask_i32gather_pd(_mm256_setzero_pd(), base, index, _mm256_castsi256_pd(_mm256_set1_epi64x(-1)), 8);
}

// Lab's f(t) of eight ratios held as two halves of four doubles. cbrt(t) is t
// times t^(-1/3), and t^(-1/3) comes from the bit trick (3% off), two Newton
// steps in float (1.2e-5 off) and one in double: 5.3e-10 relative at worst, 3e-7
// in a and b. The Newton step for t^(-1/3), y <- y (4 - t y^3) / 3, has no
// division. Ratios at or below kEps take Lab's linear segment.
inline void labF8(__m256d& lo, __m256d& hi) {
  const __m256d floor = _mm256_set1_pd(0x1p-8);  // below kEps; keeps the root finite for black
  const __m256d tlo = _mm256_max_pd(lo, floor), thi = _mm256_max_pd(hi, floor);
  const __m256 t = _mm256_set_m128(_mm256_cvtpd_ps(thi), _mm256_cvtpd_ps(tlo));
  const __m256i third = _mm256_cvttps_epi32(_mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_castps_si256(t)), _mm256_set1_ps(1.0f / 3)));
  __m256 y = _mm256_castsi256_ps(_mm256_sub_epi32(_mm256_set1_epi32(0x54a23000), third));
  const __m256 t3 = _mm256_mul_ps(t, _mm256_set1_ps(1.0f / 3)), four3 = _mm256_set1_ps(4.0f / 3);
  for (int k = 0; k < 2; ++k) y = _mm256_mul_ps(y, _mm256_fnmadd_ps(t3, _mm256_mul_ps(_mm256_mul_ps(y, y), y), four3));
  lo = labFFinish(lo, tlo, _mm256_cvtps_pd(_mm256_castps256_ps128(y)));
  hi = labFFinish(hi, thi, _mm256_cvtps_pd(_mm256_extractf128_ps(y, 1)));
}

// The three ratios (X/Xw, Y/Yw, Z/Zw) of four pixels from their linear r, g, b.
inline void ratios4(const BgrToLabConsts& k, __m256d r, __m256d g, __m256d b, __m256d* t) {
  for (int o = 0; o < 3; ++o)
    t[o] = _mm256_fmadd_pd(_mm256_set1_pd(k.m[o][0]), r,
                           _mm256_fmadd_pd(_mm256_set1_pd(k.m[o][1]), g, _mm256_mul_pd(_mm256_set1_pd(k.m[o][2]), b)));
}

inline __m128i halfOf(__m256i v, int h) { return h ? _mm256_extracti128_si256(v, 1) : _mm256_castsi256_si128(v); }
inline __m256d widen(__m256 v, int h) { return _mm256_cvtps_pd(h ? _mm256_extractf128_ps(v, 1) : _mm256_castps256_ps128(v)); }

inline __m256 toFloat8(__m256d lo, __m256d hi) { return _mm256_set_m128(_mm256_cvtpd_ps(hi), _mm256_cvtpd_ps(lo)); }

}  // namespace

// One pixel's chain (load, gather, matrix, root, Lab, store) is long; the
// loops run it in three passes over a block of pixels, each a short loop body,
// so the processor overlaps many pixels' chains instead of two.
constexpr int kBlockPixels = 64;

int bgr8ToLabAvx2(const std::uint8_t* p, int ch, float* d, int n) {
  const BgrToLabConsts& k = bgrToLabConsts();
  const double* lut = linearLut().data();
  alignas(32) double t[3][kBlockPixels];  // X/Xw, Y/Yw, Z/Zw, then f of them
  int x = 0;
  while (n - x >= 8) {
    const int m = std::min(kBlockPixels, (n - x) & ~7);
    for (int i = 0; i < m; i += 8, p += 8 * ch) {
      __m256i code[3];
      if (ch == 3) {
        const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 8));
        channelsOf3(lo, hi, code);
      } else {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
        const __m256i byte = _mm256_set1_epi32(0xFF);
        for (int c = 0; c < 3; ++c) code[c] = _mm256_and_si256(_mm256_srli_epi32(v, 8 * c), byte);
      }
      for (int h = 0; h < 2; ++h) {
        const __m256d b = gather4(lut, halfOf(code[0], h)), g = gather4(lut, halfOf(code[1], h)),
                      r = gather4(lut, halfOf(code[2], h));
        __m256d o[3];
        ratios4(k, r, g, b, o);
        for (int c = 0; c < 3; ++c) _mm256_store_pd(&t[c][i + 4 * h], o[c]);
      }
    }
    for (int c = 0; c < 3; ++c)
      for (int i = 0; i < m; i += 8) {
        __m256d lo = _mm256_load_pd(&t[c][i]), hi = _mm256_load_pd(&t[c][i + 4]);
        labF8(lo, hi);
        _mm256_store_pd(&t[c][i], lo);
        _mm256_store_pd(&t[c][i + 4], hi);
      }
    for (int i = 0; i < m; i += 8, d += 24) {
      __m256d L[2], A[2], B[2];
      for (int h = 0; h < 2; ++h) {
        const __m256d fx = _mm256_load_pd(&t[0][i + 4 * h]), fy = _mm256_load_pd(&t[1][i + 4 * h]),
                      fz = _mm256_load_pd(&t[2][i + 4 * h]);
        L[h] = _mm256_fmsub_pd(_mm256_set1_pd(116.0), fy, _mm256_set1_pd(16.0));
        A[h] = _mm256_mul_pd(_mm256_set1_pd(500.0), _mm256_sub_pd(fx, fy));
        B[h] = _mm256_mul_pd(_mm256_set1_pd(200.0), _mm256_sub_pd(fy, fz));
      }
      interleave3(toFloat8(L[0], L[1]), toFloat8(A[0], A[1]), toFloat8(B[0], B[1]), d);
    }
    x += m;
  }
  return x;
}

// [SECTION] Lab -> sRGB 8-bit
namespace {

// Linear light to 8-bit codes, as EightBitEncoder::operator() does it: the
// bin's code, plus one if the value reaches the next code's midpoint.
inline __m128i encode4(const EightBitEncoder& e, __m256d v) {
  __m256d s = _mm256_mul_pd(v, _mm256_set1_pd(double(EightBitEncoder::kBins)));
  s = _mm256_max_pd(s, _mm256_setzero_pd());  // NaN becomes 0, as `s > 0 ? s : 0`
  s = _mm256_min_pd(s, _mm256_set1_pd(double(EightBitEncoder::kBins - 1)));
  const __m128i bin = _mm256_cvttpd_epi32(s);
  // Four bytes read at each bin (the table is padded), the first one kept.
  const __m128i c = _mm_and_si128(_mm_mask_i32gather_epi32(_mm_setzero_si128(), reinterpret_cast<const int*>(e.bin.data()), bin, _mm_set1_epi32(-1), 1), _mm_set1_epi32(0xFF));
  const __m256d mid = gather4(e.mid.data(), c);
  const __m256d reached = _mm256_cmp_pd(mid, v, _CMP_LE_OQ);  // NaN midpoint (code 255) never
  // The comparison's all-ones lanes, narrowed to 32 bits, are -1.
  const __m128i up = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(_mm256_castpd_si256(reached), _mm256_setr_epi32(0, 2, 4, 6, 0, 0, 0, 0)));
  return _mm_sub_epi32(c, up);
}

// labFInv of four values.
inline __m256d labFInv4(__m256d f) {
  const __m256d f3 = _mm256_mul_pd(_mm256_mul_pd(f, f), f);
  const __m256d lin = _mm256_fmsub_pd(f, _mm256_set1_pd(116.0 / kKappa), _mm256_set1_pd(16.0 / kKappa));
  return _mm256_blendv_pd(lin, f3, _mm256_cmp_pd(f3, _mm256_set1_pd(kEps), _CMP_GT_OQ));
}

}  // namespace

int labToBgr8Avx2(const float* s, std::uint8_t* d, int n) {
  const EightBitEncoder& e = encoder();
  const LabToBgrConsts& k = labToBgrConsts();
  int x = 0;
  for (; x + 8 <= n; x += 8, s += 24, d += 24) {
    __m256 Lf, af, bf;
    deinterleave3(s, Lf, af, bf);
    __m128i code[3][2];  // [r, g, b][half]
    for (int h = 0; h < 2; ++h) {
      const __m256d L = widen(Lf, h), a = widen(af, h), b = widen(bf, h);
      // labToLinear: the f values, back through f's inverse, then the matrix.
      const __m256d fy = _mm256_mul_pd(_mm256_add_pd(L, _mm256_set1_pd(16.0)), _mm256_set1_pd(1.0 / 116.0));
      const __m256d fx = _mm256_fmadd_pd(a, _mm256_set1_pd(1.0 / 500.0), fy);
      const __m256d fz = _mm256_fnmadd_pd(b, _mm256_set1_pd(1.0 / 200.0), fy);
      const __m256d fy3 = _mm256_mul_pd(_mm256_mul_pd(fy, fy), fy);
      const __m256d yLin = _mm256_mul_pd(L, _mm256_set1_pd(1.0 / kKappa));
      const __m256d yr = _mm256_blendv_pd(yLin, fy3, _mm256_cmp_pd(L, _mm256_set1_pd(kKappa * kEps), _CMP_GT_OQ));
      const __m256d xr = labFInv4(fx), zr = labFInv4(fz);
      for (int o = 0; o < 3; ++o) {
        const __m256d lin = _mm256_fmadd_pd(_mm256_set1_pd(k.m[o][0]), xr,
                                            _mm256_fmadd_pd(_mm256_set1_pd(k.m[o][1]), yr, _mm256_mul_pd(_mm256_set1_pd(k.m[o][2]), zr)));
        code[o][h] = encode4(e, lin);
      }
    }
    // Codes to bytes: b and g in one register, r in another, then into B G R order.
    const __m128i b16 = _mm_packus_epi32(code[2][0], code[2][1]), g16 = _mm_packus_epi32(code[1][0], code[1][1]),
                  r16 = _mm_packus_epi32(code[0][0], code[0][1]);
    const __m128i bg = _mm_packus_epi16(b16, g16), rr = _mm_packus_epi16(r16, r16);  // b0..b7 g0..g7, r0..r7 r0..r7
    const __m128i out0 = _mm_or_si128(_mm_shuffle_epi8(bg, _mm_setr_epi8(0, 8, -1, 1, 9, -1, 2, 10, -1, 3, 11, -1, 4, 12, -1, 5)),
                                      _mm_shuffle_epi8(rr, _mm_setr_epi8(-1, -1, 0, -1, -1, 1, -1, -1, 2, -1, -1, 3, -1, -1, 4, -1)));
    const __m128i out1 = _mm_or_si128(_mm_shuffle_epi8(bg, _mm_setr_epi8(13, -1, 6, 14, -1, 7, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1)),
                                      _mm_shuffle_epi8(rr, _mm_setr_epi8(-1, 5, -1, -1, 6, -1, -1, 7, -1, -1, -1, -1, -1, -1, -1, -1)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(d), out0);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(d + 16), out1);
  }
  return x;
}

#pragma GCC pop_options

}  // namespace canting::imaging::colour_detail
