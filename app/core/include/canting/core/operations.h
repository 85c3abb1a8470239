#pragma once
// The Studio's operations, one struct of enums and numbers per kind, and the
// actions the CLI runs with the same structs. Each struct's member
// initialisers are the one place its defaults live; validate() says what is
// out of range as an Error; run() (or colourFn() for the per-colour kinds)
// does the work. Strings appear only at the JSON boundary (project.cpp) and
// in the CLI's argument parsing, through the name lists below.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <opencv2/core.hpp>

#include "canting/imaging/cloth_layout.h"
#include "canting/imaging/palette.h"
#include "canting/imaging/pattern.h"
#include "canting/imaging/recolor.h"

namespace canting::core {

// How many colours opening an image extracts as the design's palette: the
// Studio's swatches, the colourways and the CLI's recolour all work on these.
inline constexpr int kDesignColours = 6;

struct RecolorOp {
  imaging::RecolorMode mode = imaging::RecolorMode::ShadingPreserving;
  std::vector<std::optional<imaging::Lab>> targets;  // one per design swatch; empty = keep
  imaging::Status validate(std::size_t swatches) const;
  bool isIdentity() const;
  bool operator==(const RecolorOp& o) const;
};

struct AdjustOp {
  imaging::LchAdjust adjust;
  static constexpr double kMaxHue = 360, kMaxScale = 4;
  imaging::Status validate() const;
  bool operator==(const AdjustOp& o) const;
};

struct QuantizeOp {
  int colours = 8;           // the CLI's documented -k default, kept for the Studio too
  std::uint32_t seed = 1;
  int refine = 2;            // k-means passes over the full image after the sampled palette
  static constexpr int kMinColours = 1, kMaxColours = 64;
  imaging::Status validate() const;
  // The palette the pixels snap to; run() is quantize(image, palette(image)).
  imaging::Result<imaging::Palette> palette(const cv::Mat& image) const;
  cv::Mat run(const cv::Mat& image) const;
  bool operator==(const QuantizeOp&) const = default;
};

struct ToneOp {
  std::string paletteId;     // a shipped palette's id (data, not a fixed list)
  double strength = 0.5;
  imaging::Status validate() const;
  bool operator==(const ToneOp&) const = default;
};

struct TransformOp {
  int quarterTurns = 0;      // clockwise
  bool flipH = false, flipV = false;
  double scale = 1.0;
  bool seamless = false;     // the make-seamless aid
  static constexpr double kMinScale = 0.05, kMaxScale = 8;
  imaging::Status validate() const;
  bool isIdentity() const { return quarterTurns % 4 == 0 && !flipH && !flipV && scale == 1.0 && !seamless; }
  cv::Mat run(const cv::Mat& tile) const;
  bool operator==(const TransformOp&) const = default;
};

struct SymmetryOp {
  enum class Kind { Wallpaper, Kaleidoscope };
  Kind kind = Kind::Wallpaper;
  imaging::WallpaperGroup group = imaging::WallpaperGroup::P4M;  // Wallpaper
  int folds = 6;                                                   // Kaleidoscope: 2, 4, 6 or 8
  imaging::Status validate() const;
  cv::Mat run(const cv::Mat& tile) const;  // one unit cell, 8-bit BGR
  std::string name() const;                // "p4m", "kaleido-6": the file and CLI spelling
  static std::optional<SymmetryOp> parse(const std::string& name);
  static const std::vector<SymmetryOp>& all();  // every valid choice, in menu order
  bool operator==(const SymmetryOp&) const = default;
};

struct RepeatOp {
  imaging::RepeatSpec repeat;
  int across = 3, down = 3;  // tiles in the output
  int widthPx = 0, heightPx = 0;  // a fixed output size instead (canting-cli repeat --out-px); 0: by tiles
  static constexpr int kMaxTiles = 200, kMaxSide = 1000000;
  cv::Size size(cv::Size tile) const;  // the output's pixels for a tile of this size
  imaging::Status validate() const;
  bool operator==(const RepeatOp& o) const;
};

struct LayoutOp {
  imaging::ClothKind cloth = imaging::ClothKind::KainPanjang;
  imaging::RepeatSpec repeat;                     // of the body
  double lengthCm = 250, heightCm = 105, dpi = 300;
  imaging::Status validate() const;
  bool operator==(const LayoutOp& o) const;
};

// Rapikan foto (imaging/photo.h's cleanPhoto): the light flattened, the
// undyed cloth made neutral and, with corners, the cloth's quad made a
// rectangle. Corners are fractions of the image's width and height, so the
// same operation runs on the preview and on the whole photo.
struct CleanOp {
  std::optional<std::array<cv::Point2d, 4>> corners;  // top-left, top-right, bottom-right, bottom-left; 0..1
  bool flatField = true, whiteBalance = true;
  imaging::Status validate() const;
  bool isIdentity() const { return !corners && !flatField && !whiteBalance; }
  // 8-bit BGR out; corners the clean-up refuses (crossed, folded flat) leave the geometry as it was.
  cv::Mat run(const cv::Mat& image) const;
  bool operator==(const CleanOp&) const = default;
};

// One entry of the Studio's stack. The variant's order is Kind's order.
struct Operation {
  enum class Kind { Recolor, Adjust, Quantize, Tone, Transform, Symmetry, Repeat, Layout, Clean };
  using Params = std::variant<RecolorOp, AdjustOp, QuantizeOp, ToneOp, TransformOp, SymmetryOp, RepeatOp, LayoutOp, CleanOp>;
  Params params;
  bool enabled = true;

  Operation() = default;
  template <class T, class = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Operation>>>
  Operation(T p, bool on = true) : params(std::move(p)), enabled(on) {}
  static Operation make(Kind kind);  // the kind with its defaults

  Kind kind() const { return Kind(params.index()); }
  template <class T> T* as() { return std::get_if<T>(&params); }
  template <class T> const T* as() const { return std::get_if<T>(&params); }
  imaging::Status validate(std::size_t swatches) const;
  bool operator==(const Operation& o) const { return enabled == o.enabled && params == o.params; }
};

const char* operationKey(Operation::Kind kind);     // translation key, e.g. "studio.op.recolor"
const char* operationName(Operation::Kind kind);    // the file's "kind", e.g. "recolor"
std::optional<Operation::Kind> parseOperationKind(const std::string& name);
const std::vector<Operation::Kind>& operationKinds();

// The lists of valid values the panel and the CLI offer.
const std::vector<imaging::RepeatLayout>& repeatLayouts();
const std::vector<imaging::ClothKind>& clothKinds();
const char* clothName(imaging::ClothKind kind);  // "kain-panjang", ...: the file spelling and i18n suffix

// 8-bit BGR, as the pattern code and the print writers take.
cv::Mat toBgr8(const cv::Mat& m);

}  // namespace canting::core
