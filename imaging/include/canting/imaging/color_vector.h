#pragma once
// Which vector instructions the whole-image 8-bit colour conversions use.
// bgrToLab and labToBgr (color.h) on 8-bit images take the widest path the
// processor has (AVX-512, else AVX2 + FMA, else portable loops), up to the cap
// set here: tests and benchmarks lower it to check each path against the
// portable one. Every path gives the same answers (to 1e-4 in Lab, the same
// 8-bit codes); only the speed differs.

namespace canting::imaging {

enum class ColourVectorPath { Portable, Avx2, Avx512 };

// Returns the previous cap.
ColourVectorPath setColourVectorPath(ColourVectorPath widest);
// The path the conversions take now.
ColourVectorPath colourVectorPath();

}  // namespace canting::imaging
