#pragma once
// Recolouring an image by its palette, and global adjustments in LCh. Every
// function maps each distinct colour once (see src/colour/color_cache.h) and keeps
// an alpha channel as it was. Output: 8-bit BGR, or BGRA with alpha.

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include <opencv2/core.hpp>

#include "canting/imaging/palette.h"

namespace canting::imaging {

enum class RecolorMode {
  Flat,               // pixels of a remapped swatch become exactly the new colour
  ShadingPreserving,  // the cloth texture, crackle lines and soft edges follow the new colour
};

// `targets[i]` is the new colour for `source.swatches[i]`; nullopt keeps it.
// Shading-preserving, after Chang et al. 2015 ("Palette-based photo
// recoloring"): each pixel moves by a blend of its swatches' moves, with
// Gaussian radial-basis weights of its CIELAB distance to each swatch, solved
// so each swatch lands exactly on its target. A pixel keeps its offset from
// its swatch, so lightness and chroma texture survive.
cv::Mat recolor(const cv::Mat& image, const Palette& source, const std::vector<std::optional<Lab>>& targets,
                RecolorMode mode);

// A recolour from "this colour becomes that" pairs on top of the image's own
// palette: each mapped source replaces the extracted swatches near it (within
// dE00 `absorb`), so only the colours asked for move and the rest anchor.
struct RecolorPlan {
  Palette source;
  std::vector<std::optional<Lab>> targets;
};
RecolorPlan planMapping(const Palette& imagePalette, const std::vector<std::pair<Lab, Lab>>& mappings, double absorb = 10.0);

struct LchAdjust {
  double hueShift = 0;        // degrees; lightness is kept (LCh, not HSV)
  double chromaScale = 1;     // 0 = grey, 2 = twice as vivid
  double lightnessScale = 1;
  double contrast = 1;        // around L = 50
  bool isIdentity() const { return hueShift == 0 && chromaScale == 1 && lightnessScale == 1 && contrast == 1; }
};
cv::Mat adjustLch(const cv::Mat& image, const LchAdjust& adjust);

// --- per-colour functions ---------------------------------------------------------
// Shading-preserving recolouring, LCh adjustment and toning are functions of
// a pixel's colour alone, so they compose in CIELAB (no 8-bit rounding in
// between) and run once per distinct colour.
using ColourFn = std::function<Lab(const Lab&)>;
ColourFn recolorFn(const Palette& source, const std::vector<std::optional<Lab>>& targets);
ColourFn adjustFn(const LchAdjust& adjust);
ColourFn toneFn(const Palette& palette, double strength);
// Applies `fn` to every pixel (8-bit BGR(A) out, alpha kept), once per distinct colour.
cv::Mat applyColourFn(const cv::Mat& image, const ColourFn& fn);

// The distinct colours of an image and, per pixel, which one it is. Built
// once for an image that is recoloured again and again (the Studio preview):
// each re-render then maps the distinct colours in parallel and gathers.
struct ColorIndex {
  std::vector<std::uint32_t> colours;  // 24-bit BGR keys
  cv::Mat index;                       // CV_32S, per pixel
  cv::Mat alpha;                       // the alpha channel, if any
  cv::Size size() const { return index.size(); }
};
ColorIndex buildColorIndex(const cv::Mat& image);
cv::Mat applyColourFn(const ColorIndex& index, const ColourFn& fn);

// Toning toward a palette: each pixel keeps its lightness and takes the
// palette's colour at that lightness (a gradient map through the palette
// sorted by L), mixed by `strength` 0..1. Two colours give a duotone.
cv::Mat tone(const cv::Mat& image, const Palette& palette, double strength);

}  // namespace canting::imaging
