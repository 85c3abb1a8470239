#pragma once
// The explicit-vector (AVX2 + FMA) forms of the 8-bit whole-image colour
// conversions, in color_avx2.cpp. Each converts a row's pixels eight at a
// time and returns how many it did; the caller converts the rest with the
// portable loops, which also run whole rows where AVX2 is missing or switched
// off (setColourVectorPath in color.h).

#include <cstdint>

namespace canting::imaging::colour_detail {

bool avx2Available();  // the processor has AVX2 and FMA
bool avx2InUse();      // ... and setColourVectorPath has not switched it off

// Linear r, g, b -> (X/Xw, Y/Yw, Z/Zw): the sRGB matrix with the white point divided in.
struct BgrToLabConsts {
  double m[3][3];
};
// (X/Xw, Y/Yw, Z/Zw) -> linear r, g, b: the inverse matrix with the white point multiplied in.
struct LabToBgrConsts {
  double m[3][3];
};
const BgrToLabConsts& bgrToLabConsts();
const LabToBgrConsts& labToBgrConsts();

// 8-bit B,G,R(,A) pixels (`ch` 3 or 4) -> interleaved float L, a, b.
int bgr8ToLabAvx2(const std::uint8_t* p, int ch, float* d, int n);
// Interleaved float L, a, b -> 8-bit B, G, R.
int labToBgr8Avx2(const float* s, std::uint8_t* d, int n);

}  // namespace canting::imaging::colour_detail
