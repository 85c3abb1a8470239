#pragma once
// The explicit-vector (AVX-512 or AVX2 + FMA) forms of the 8-bit whole-image
// colour conversions, in color_simd.cpp. Each converts a row's pixels eight at
// a time, on the widest path the processor has and setColourVectorPath allows
// (color_vector.h), and returns how many it did (0 on the portable path); the caller
// converts the rest with the portable loops.

#include <cstdint>

namespace canting::imaging::colour_detail {

// 8-bit B,G,R(,A) pixels (`ch` 3 or 4) -> interleaved float L, a, b.
int bgr8ToLabVector(const std::uint8_t* p, int ch, float* d, int n);
// Interleaved float L, a, b -> 8-bit B, G, R.
int labToBgr8Vector(const float* s, std::uint8_t* d, int n);

}  // namespace canting::imaging::colour_detail
