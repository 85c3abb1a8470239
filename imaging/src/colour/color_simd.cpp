// The 8-bit whole-image conversions (sRGB 8-bit <-> CIELAB float) in AVX2 +
// FMA and in AVX-512, eight pixels a step. color_image.cpp calls them through
// the dispatch at the end (the processor's features, checked at run time) and
// finishes each row's last pixels itself; the portable block loops there are
// the fallback and the reference.
// Index:
//   [SECTION] constants
//   [SECTION] interleaving
//   [SECTION] sRGB 8-bit -> Lab
//   [SECTION] Lab -> sRGB 8-bit
//   [SECTION] AVX-512
//   [SECTION] dispatch

#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <cstdint>

#include "canting/imaging/color_vector.h"
#include "colour/color_simd.h"
#include "colour/color_tables.h"

namespace canting::imaging::colour_detail {

// [SECTION] constants
namespace {

// Linear r, g, b -> (X/Xw, Y/Yw, Z/Zw): the sRGB matrix with the white point divided in.
struct BgrToLabConsts {
  double m[3][3];
};
// (X/Xw, Y/Yw, Z/Zw) -> linear r, g, b: the inverse matrix with the white point multiplied in.
struct LabToBgrConsts {
  double m[3][3];
};

const LabToBgrConsts& labToBgrConsts() {
  static const LabToBgrConsts c = [] {
    LabToBgrConsts k{};
    const M3& m = xyzToRgbMatrix();
    const double white[3] = {kWx, kWy, kWz};
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

// One pixel's chain (load, gather, matrix, root, Lab, store) is long; the
// loops run it in passes over a block of pixels, each a short loop body, so
// the processor overlaps many pixels' chains instead of two.
constexpr int kBlockPixels = 64;

}  // namespace

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
// Lab's f(t) = cbrt(t) is t times t^(-1/3), and t^(-1/3) comes from the bit
// trick (3% off), two Newton steps in float (1.2e-5 off) and one in double:
// below 1e-9 relative, 1e-6 in a and b. The Newton step for t^(-1/3),
// y <- y (4 - t y^3) / 3, has no division.

// The float estimate of t^(-1/3) for eight ratios.
inline __m256 invCbrtEstimate(__m256 t) {
  t = _mm256_max_ps(t, _mm256_set1_ps(0x1p-8f));  // below kEps, where f is linear: keeps black finite
  const __m256i third = _mm256_cvttps_epi32(_mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_castps_si256(t)), _mm256_set1_ps(1.0f / 3)));
  __m256 y = _mm256_castsi256_ps(_mm256_sub_epi32(_mm256_set1_epi32(0x54a23000), third));
  const __m256 t3 = _mm256_mul_ps(t, _mm256_set1_ps(1.0f / 3)), four3 = _mm256_set1_ps(4.0f / 3);
  for (int k = 0; k < 2; ++k) y = _mm256_mul_ps(y, _mm256_fnmadd_ps(t3, _mm256_mul_ps(_mm256_mul_ps(y, y), y), four3));
  return y;
}

// The double step folded into the root: with c0 = t y^2 and r = 1 - t y^3,
// the refined root is c0 (1 + r/3)^2 = c0 (1 + 2r/3) to within r^2/9 (1e-10).
inline __m256d labFFinish(__m256d t, __m256d y) {
  const __m256d c0 = _mm256_mul_pd(t, _mm256_mul_pd(y, y));
  const __m256d r = _mm256_fnmadd_pd(c0, y, _mm256_set1_pd(1.0));
  const __m256d root = _mm256_fmadd_pd(_mm256_mul_pd(c0, _mm256_set1_pd(2.0 / 3)), r, c0);
  const __m256d lin = _mm256_fmadd_pd(t, _mm256_set1_pd(kKappa / 116.0), _mm256_set1_pd(16.0 / 116.0));
  return _mm256_blendv_pd(lin, root, _mm256_cmp_pd(t, _mm256_set1_pd(kEps), _CMP_GT_OQ));
}

// GCC 12 warns that the plain gathers' unused source may be uninitialised; the masked form names it.
inline __m256d gather4(const double* base, __m128i index) {
  return _mm256_mask_i32gather_pd(_mm256_setzero_pd(), base, index, _mm256_castsi256_pd(_mm256_set1_epi64x(-1)), 8);
}

// Lab's f of eight ratios held as two halves of four doubles.
inline void labF8(__m256d& lo, __m256d& hi) {
  const __m256 y = invCbrtEstimate(_mm256_set_m128(_mm256_cvtpd_ps(hi), _mm256_cvtpd_ps(lo)));
  lo = labFFinish(lo, _mm256_cvtps_pd(_mm256_castps256_ps128(y)));
  hi = labFFinish(hi, _mm256_cvtps_pd(_mm256_extractf128_ps(y, 1)));
}

// The codes of eight 3- or 4-byte pixels, as B, G and R vectors of int32.
inline void loadCodes(const std::uint8_t* p, int ch, __m256i* code) {
  if (ch == 3) {
    const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 8));
    channelsOf3(lo, hi, code);
  } else {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i byte = _mm256_set1_epi32(0xFF);
    for (int c = 0; c < 3; ++c) code[c] = _mm256_and_si256(_mm256_srli_epi32(v, 8 * c), byte);
  }
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

int bgr8ToLabAvx2(const std::uint8_t* p, int ch, float* d, int n) {
  const BgrToLabConsts& k = bgrToLabConsts();
  const double* lut = linearLut().data();
  alignas(32) double t[3][kBlockPixels];  // X/Xw, Y/Yw, Z/Zw, then f of them
  int x = 0;
  while (n - x >= 8) {
    const int m = std::min(kBlockPixels, (n - x) & ~7);
    for (int i = 0; i < m; i += 8, p += 8 * ch) {
      __m256i code[3];
      loadCodes(p, ch, code);
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

// Eight pixels' codes into B G R order: `bg` holds b0..b7 g0..g7, `r` r0..r7 in its low half.
inline void storeBgr(__m128i bg, __m128i r, std::uint8_t* d) {
  const __m128i out0 = _mm_or_si128(_mm_shuffle_epi8(bg, _mm_setr_epi8(0, 8, -1, 1, 9, -1, 2, 10, -1, 3, 11, -1, 4, 12, -1, 5)),
                                    _mm_shuffle_epi8(r, _mm_setr_epi8(-1, -1, 0, -1, -1, 1, -1, -1, 2, -1, -1, 3, -1, -1, 4, -1)));
  const __m128i out1 = _mm_or_si128(_mm_shuffle_epi8(bg, _mm_setr_epi8(13, -1, 6, 14, -1, 7, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1)),
                                    _mm_shuffle_epi8(r, _mm_setr_epi8(-1, 5, -1, -1, 6, -1, -1, 7, -1, -1, -1, -1, -1, -1, -1, -1)));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(d), out0);
  _mm_storel_epi64(reinterpret_cast<__m128i*>(d + 16), out1);
}

// labFInv of four values.
inline __m256d labFInv4(__m256d f) {
  const __m256d f3 = _mm256_mul_pd(_mm256_mul_pd(f, f), f);
  const __m256d lin = _mm256_fmsub_pd(f, _mm256_set1_pd(116.0 / kKappa), _mm256_set1_pd(16.0 / kKappa));
  return _mm256_blendv_pd(lin, f3, _mm256_cmp_pd(f3, _mm256_set1_pd(kEps), _CMP_GT_OQ));
}

int labToBgr8Avx2(const float* s, std::uint8_t* d, int n) {
  const EightBitEncoder& e = encoder();
  const LabToBgrConsts& k = labToBgrConsts();
  alignas(32) double lin[3][kBlockPixels];        // linear r, g, b
  int x = 0;
  while (n - x >= 8) {
    const int m = std::min(kBlockPixels, (n - x) & ~7);
    for (int i = 0; i < m; i += 8, s += 24) {
      __m256 Lf, af, bf;
      deinterleave3(s, Lf, af, bf);
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
        for (int o = 0; o < 3; ++o)
          _mm256_store_pd(&lin[o][i + 4 * h],
                          _mm256_fmadd_pd(_mm256_set1_pd(k.m[o][0]), xr,
                                          _mm256_fmadd_pd(_mm256_set1_pd(k.m[o][1]), yr, _mm256_mul_pd(_mm256_set1_pd(k.m[o][2]), zr))));
      }
    }
    // Encoded straight into the packing: a pass storing the codes to a block
    // and one reading them back ran at 60 % of this speed here.
    for (int i = 0; i < m; i += 8, d += 24) {
      auto codes = [&](int o) {
        return _mm_packus_epi32(encode4(e, _mm256_load_pd(&lin[o][i])), encode4(e, _mm256_load_pd(&lin[o][i + 4])));
      };
      const __m128i r16 = codes(0), bg = _mm_packus_epi16(codes(2), codes(1)), rr = _mm_packus_epi16(r16, r16);
      storeBgr(bg, rr, d);
    }
    x += m;
  }
  return x;
}

}  // namespace

#pragma GCC pop_options

// [SECTION] AVX-512
// The same passes eight pixels a step in one register of eight doubles; the
// float estimate, the interleaving and the byte packing are the AVX2 ones.
#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")
// GCC 12's AVX-512 headers pass an undefined register as the unused source of
// unmasked operations and then warn about it (GCC bug 105593, fixed in 13).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace {

inline __m512d labF512(__m512d t) {
  const __m512d y = _mm512_cvtps_pd(invCbrtEstimate(_mm512_cvtpd_ps(t)));
  const __m512d c0 = _mm512_mul_pd(t, _mm512_mul_pd(y, y));
  const __m512d r = _mm512_fnmadd_pd(c0, y, _mm512_set1_pd(1.0));
  const __m512d root = _mm512_fmadd_pd(_mm512_mul_pd(c0, _mm512_set1_pd(2.0 / 3)), r, c0);
  const __m512d lin = _mm512_fmadd_pd(t, _mm512_set1_pd(kKappa / 116.0), _mm512_set1_pd(16.0 / 116.0));
  return _mm512_mask_blend_pd(_mm512_cmp_pd_mask(t, _mm512_set1_pd(kEps), _CMP_GT_OQ), lin, root);
}

inline __m512d gather8(const double* base, __m256i index) {
  return _mm512_mask_i32gather_pd(_mm512_setzero_pd(), 0xFF, index, base, 8);
}

int bgr8ToLabAvx512(const std::uint8_t* p, int ch, float* d, int n) {
  const BgrToLabConsts& k = bgrToLabConsts();
  const double* lut = linearLut().data();
  alignas(64) double t[3][kBlockPixels];
  int x = 0;
  while (n - x >= 8) {
    const int m = std::min(kBlockPixels, (n - x) & ~7);
    for (int i = 0; i < m; i += 8, p += 8 * ch) {
      __m256i code[3];
      loadCodes(p, ch, code);
      const __m512d b = gather8(lut, code[0]), g = gather8(lut, code[1]), r = gather8(lut, code[2]);
      for (int o = 0; o < 3; ++o)
        _mm512_store_pd(&t[o][i], _mm512_fmadd_pd(_mm512_set1_pd(k.m[o][0]), r,
                                                  _mm512_fmadd_pd(_mm512_set1_pd(k.m[o][1]), g, _mm512_mul_pd(_mm512_set1_pd(k.m[o][2]), b))));
    }
    for (int c = 0; c < 3; ++c)
      for (int i = 0; i < m; i += 8) _mm512_store_pd(&t[c][i], labF512(_mm512_load_pd(&t[c][i])));
    for (int i = 0; i < m; i += 8, d += 24) {
      const __m512d fx = _mm512_load_pd(&t[0][i]), fy = _mm512_load_pd(&t[1][i]), fz = _mm512_load_pd(&t[2][i]);
      const __m512d L = _mm512_fmsub_pd(_mm512_set1_pd(116.0), fy, _mm512_set1_pd(16.0));
      const __m512d A = _mm512_mul_pd(_mm512_set1_pd(500.0), _mm512_sub_pd(fx, fy));
      const __m512d B = _mm512_mul_pd(_mm512_set1_pd(200.0), _mm512_sub_pd(fy, fz));
      interleave3(_mm512_cvtpd_ps(L), _mm512_cvtpd_ps(A), _mm512_cvtpd_ps(B), d);
    }
    x += m;
  }
  return x;
}

inline __m512d labFInv512(__m512d f) {
  const __m512d f3 = _mm512_mul_pd(_mm512_mul_pd(f, f), f);
  const __m512d lin = _mm512_fmsub_pd(f, _mm512_set1_pd(116.0 / kKappa), _mm512_set1_pd(16.0 / kKappa));
  return _mm512_mask_blend_pd(_mm512_cmp_pd_mask(f3, _mm512_set1_pd(kEps), _CMP_GT_OQ), lin, f3);
}

// encode4 for eight values.
inline __m256i encode8(const EightBitEncoder& e, __m512d v) {
  __m512d s = _mm512_mul_pd(v, _mm512_set1_pd(double(EightBitEncoder::kBins)));
  s = _mm512_max_pd(s, _mm512_setzero_pd());  // NaN becomes 0
  s = _mm512_min_pd(s, _mm512_set1_pd(double(EightBitEncoder::kBins - 1)));
  const __m256i bin = _mm512_cvttpd_epi32(s);
  const __m256i c = _mm256_and_si256(_mm256_mmask_i32gather_epi32(_mm256_setzero_si256(), 0xFF, bin, e.bin.data(), 1),
                                     _mm256_set1_epi32(0xFF));
  const __mmask8 up = _mm512_cmp_pd_mask(gather8(e.mid.data(), c), v, _CMP_LE_OQ);
  return _mm256_mask_add_epi32(c, up, c, _mm256_set1_epi32(1));
}

int labToBgr8Avx512(const float* s, std::uint8_t* d, int n) {
  const EightBitEncoder& e = encoder();
  const LabToBgrConsts& k = labToBgrConsts();
  alignas(64) double lin[3][kBlockPixels];
  int x = 0;
  while (n - x >= 8) {
    const int m = std::min(kBlockPixels, (n - x) & ~7);
    for (int i = 0; i < m; i += 8, s += 24) {
      __m256 Lf, af, bf;
      deinterleave3(s, Lf, af, bf);
      const __m512d L = _mm512_cvtps_pd(Lf), a = _mm512_cvtps_pd(af), b = _mm512_cvtps_pd(bf);
      const __m512d fy = _mm512_mul_pd(_mm512_add_pd(L, _mm512_set1_pd(16.0)), _mm512_set1_pd(1.0 / 116.0));
      const __m512d xr = labFInv512(_mm512_fmadd_pd(a, _mm512_set1_pd(1.0 / 500.0), fy));
      const __m512d zr = labFInv512(_mm512_fnmadd_pd(b, _mm512_set1_pd(1.0 / 200.0), fy));
      const __m512d yr = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(L, _mm512_set1_pd(kKappa * kEps), _CMP_GT_OQ),
                                              _mm512_mul_pd(L, _mm512_set1_pd(1.0 / kKappa)),
                                              _mm512_mul_pd(_mm512_mul_pd(fy, fy), fy));
      for (int o = 0; o < 3; ++o)
        _mm512_store_pd(&lin[o][i], _mm512_fmadd_pd(_mm512_set1_pd(k.m[o][0]), xr,
                                                    _mm512_fmadd_pd(_mm512_set1_pd(k.m[o][1]), yr, _mm512_mul_pd(_mm512_set1_pd(k.m[o][2]), zr))));
    }
    for (int i = 0; i < m; i += 8, d += 24) {
      const __m128i r8 = _mm256_cvtepi32_epi8(encode8(e, _mm512_load_pd(&lin[0][i])));
      const __m128i g8 = _mm256_cvtepi32_epi8(encode8(e, _mm512_load_pd(&lin[1][i])));
      const __m128i b8 = _mm256_cvtepi32_epi8(encode8(e, _mm512_load_pd(&lin[2][i])));
      storeBgr(_mm_unpacklo_epi64(b8, g8), r8, d);
    }
    x += m;
  }
  return x;
}

}  // namespace

#pragma GCC diagnostic pop
#pragma GCC pop_options

// [SECTION] dispatch
namespace {
ColourVectorPath availablePath() {
  static const ColourVectorPath p = [] {
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) return ColourVectorPath::Portable;
    const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
    return avx512 ? ColourVectorPath::Avx512 : ColourVectorPath::Avx2;
  }();
  return p;
}

std::atomic<ColourVectorPath>& widestAllowed() {
  static std::atomic<ColourVectorPath> widest{ColourVectorPath::Avx512};
  return widest;
}
}  // namespace

int bgr8ToLabVector(const std::uint8_t* p, int ch, float* d, int n) {
  switch (colourVectorPath()) {
    case ColourVectorPath::Avx512: return bgr8ToLabAvx512(p, ch, d, n);
    case ColourVectorPath::Avx2: return bgr8ToLabAvx2(p, ch, d, n);
    default: return 0;
  }
}

int labToBgr8Vector(const float* s, std::uint8_t* d, int n) {
  switch (colourVectorPath()) {
    case ColourVectorPath::Avx512: return labToBgr8Avx512(s, d, n);
    case ColourVectorPath::Avx2: return labToBgr8Avx2(s, d, n);
    default: return 0;
  }
}

}  // namespace canting::imaging::colour_detail

namespace canting::imaging {

ColourVectorPath setColourVectorPath(ColourVectorPath widest) { return colour_detail::widestAllowed().exchange(widest); }

ColourVectorPath colourVectorPath() {
  return std::min(colour_detail::availablePath(), colour_detail::widestAllowed().load(std::memory_order_relaxed));
}

}  // namespace canting::imaging
