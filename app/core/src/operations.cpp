#include "canting/core/operations.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "canting/imaging/photo.h"

namespace canting::core {

namespace im = imaging;

namespace {
im::Error outOfRange(const std::string& what, double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", value);
  return im::makeError(im::ErrorCode::InvalidArgument, {{"what", what}}, std::string("out of range: ") + buf);
}
bool within(double v, double lo, double hi) { return v >= lo && v <= hi; }
bool sameLab(const std::optional<im::Lab>& a, const std::optional<im::Lab>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->L == b->L && a->a == b->a && a->b == b->b);
}
bool sameSpec(const im::RepeatSpec& a, const im::RepeatSpec& b) { return a.layout == b.layout && a.drop == b.drop; }
im::Status checkSpec(const im::RepeatSpec& s) {
  if (!within(s.drop, 0.01, 0.99)) return outOfRange("drop", s.drop);
  return im::Ok{};
}
}  // namespace

// [SECTION] colour operations

im::Status RecolorOp::validate(std::size_t swatches) const {
  if (!targets.empty() && targets.size() != swatches) return outOfRange("targets", double(targets.size()));
  for (const auto& t : targets)
    if (t && (!within(t->L, 0, 100) || !std::isfinite(t->a) || !std::isfinite(t->b))) return outOfRange("target L", t->L);
  return im::Ok{};
}

bool RecolorOp::isIdentity() const {
  return std::none_of(targets.begin(), targets.end(), [](const auto& t) { return t.has_value(); });
}

bool RecolorOp::operator==(const RecolorOp& o) const {
  if (mode != o.mode || targets.size() != o.targets.size()) return false;
  for (std::size_t i = 0; i < targets.size(); ++i)
    if (!sameLab(targets[i], o.targets[i])) return false;
  return true;
}

im::Status AdjustOp::validate() const {
  if (!within(adjust.hueShift, -kMaxHue, kMaxHue)) return outOfRange("hue", adjust.hueShift);
  if (!within(adjust.chromaScale, 0, kMaxScale)) return outOfRange("chroma", adjust.chromaScale);
  if (!within(adjust.lightnessScale, 0, kMaxScale)) return outOfRange("lightness", adjust.lightnessScale);
  if (!within(adjust.contrast, 0, kMaxScale)) return outOfRange("contrast", adjust.contrast);
  return im::Ok{};
}

bool AdjustOp::operator==(const AdjustOp& o) const {
  return adjust.hueShift == o.adjust.hueShift && adjust.chromaScale == o.adjust.chromaScale &&
         adjust.lightnessScale == o.adjust.lightnessScale && adjust.contrast == o.adjust.contrast;
}

im::Status QuantizeOp::validate() const {
  if (colours < kMinColours || colours > kMaxColours) return outOfRange("colours", colours);
  if (refine < 0 || refine > 10) return outOfRange("refine", refine);
  return im::Ok{};
}

im::Result<im::Palette> QuantizeOp::palette(const cv::Mat& image) const {
  auto pal = im::extractPalette(image, {.k = std::clamp(colours, kMinColours, kMaxColours), .seed = seed});
  if (!pal) return pal.error();
  if (refine <= 0) return pal;
  return im::refineForQuantization(image, *pal, refine, seed);
}

cv::Mat QuantizeOp::run(const cv::Mat& image) const {
  auto pal = palette(image);
  return pal ? im::quantize(image, *pal) : image;
}

im::Status ToneOp::validate() const {
  if (!within(strength, 0, 1)) return outOfRange("strength", strength);
  return im::Ok{};
}

// [SECTION] geometry

im::Status TransformOp::validate() const {
  if (quarterTurns < 0 || quarterTurns > 3) return outOfRange("quarter_turns", quarterTurns);
  if (!within(scale, kMinScale, kMaxScale)) return outOfRange("scale", scale);
  return im::Ok{};
}

cv::Mat TransformOp::run(const cv::Mat& tile) const {
  cv::Mat img = im::flipTile(im::rotateTile(tile, 90.0 * quarterTurns), flipH, flipV);
  if (scale != 1.0) img = im::scaleTile(img, std::clamp(scale, kMinScale, kMaxScale));
  if (seamless) img = im::makeSeamless(img);
  return img;
}

im::Status SymmetryOp::validate() const {
  if (kind == Kind::Kaleidoscope && folds != 2 && folds != 4 && folds != 6 && folds != 8) return outOfRange("folds", folds);
  return im::Ok{};
}

cv::Mat SymmetryOp::run(const cv::Mat& tile) const {
  const cv::Mat bgr = toBgr8(tile);
  if (kind == Kind::Wallpaper) return im::wallpaperCell(bgr, group);
  auto k = im::kaleidoscope(bgr, folds);
  return k ? *k : tile;
}

std::string SymmetryOp::name() const {
  return kind == Kind::Wallpaper ? std::string(im::wallpaperName(group)) : "kaleido-" + std::to_string(folds);
}

std::optional<SymmetryOp> SymmetryOp::parse(const std::string& name) {
  for (const SymmetryOp& s : all())
    if (s.name() == name) return s;
  return std::nullopt;
}

const std::vector<SymmetryOp>& SymmetryOp::all() {
  static const std::vector<SymmetryOp> list = [] {
    std::vector<SymmetryOp> v;
    for (int g = 0; g <= int(im::WallpaperGroup::P6M); ++g) v.push_back({Kind::Wallpaper, im::WallpaperGroup(g), 6});
    for (int f : {2, 4, 6, 8}) v.push_back({Kind::Kaleidoscope, im::WallpaperGroup::P4M, f});
    return v;
  }();
  return list;
}

// [SECTION] output

im::Status RepeatOp::validate() const {
  if (auto st = checkSpec(repeat); !st) return st;
  if (across < 1 || across > kMaxTiles) return outOfRange("across", across);
  if (down < 1 || down > kMaxTiles) return outOfRange("down", down);
  if ((widthPx > 0) != (heightPx > 0) || widthPx < 0 || widthPx > kMaxSide) return outOfRange("width_px", widthPx);
  if (heightPx < 0 || heightPx > kMaxSide) return outOfRange("height_px", heightPx);
  return im::Ok{};
}

cv::Size RepeatOp::size(cv::Size tile) const {
  if (widthPx > 0 && heightPx > 0) return {widthPx, heightPx};
  return {tile.width * std::clamp(across, 1, kMaxTiles), tile.height * std::clamp(down, 1, kMaxTiles)};
}

bool RepeatOp::operator==(const RepeatOp& o) const {
  return sameSpec(repeat, o.repeat) && across == o.across && down == o.down && widthPx == o.widthPx && heightPx == o.heightPx;
}

im::Status LayoutOp::validate() const {
  if (auto st = checkSpec(repeat); !st) return st;
  if (!within(lengthCm, 1, 2000)) return outOfRange("length_cm", lengthCm);
  if (!within(heightCm, 1, 1000)) return outOfRange("height_cm", heightCm);
  if (!within(dpi, 10, 2400)) return outOfRange("dpi", dpi);
  return im::Ok{};
}

bool LayoutOp::operator==(const LayoutOp& o) const {
  return cloth == o.cloth && sameSpec(repeat, o.repeat) && lengthCm == o.lengthCm && heightCm == o.heightCm && dpi == o.dpi;
}

im::Status CleanOp::validate() const {
  if (!corners) return im::Ok{};
  for (const cv::Point2d& c : *corners)
    if (!within(c.x, 0, 1) || !within(c.y, 0, 1)) return im::makeError(im::ErrorCode::InvalidArgument, {{"what", "@photo.corners"}});
  return im::Ok{};
}

cv::Mat CleanOp::run(const cv::Mat& image) const {
  im::PhotoCleanOptions o;
  o.flatField = flatField;
  o.whiteBalance = whiteBalance;
  if (corners) {
    std::array<cv::Point2f, 4> px;
    for (std::size_t i = 0; i < 4; ++i)
      px[i] = cv::Point2f(float((*corners)[i].x * (image.cols - 1)), float((*corners)[i].y * (image.rows - 1)));
    o.corners = px;
  }
  auto out = im::cleanPhoto(image, o);
  if (out) return *out;
  o.corners.reset();  // a quad dragged inside out: the light and colour still apply
  out = im::cleanPhoto(image, o);
  return out ? *out : toBgr8(image);
}

// [SECTION] the stack entry and the name lists

Operation Operation::make(Kind kind) {
  switch (kind) {
    case Kind::Recolor: return RecolorOp{};
    case Kind::Adjust: return AdjustOp{};
    case Kind::Quantize: return QuantizeOp{};
    case Kind::Tone: return ToneOp{};
    case Kind::Transform: return TransformOp{};
    case Kind::Symmetry: return SymmetryOp{};
    case Kind::Repeat: return RepeatOp{};
    case Kind::Layout: return LayoutOp{};
    case Kind::Clean: return CleanOp{};
  }
  return RecolorOp{};
}

im::Status Operation::validate(std::size_t swatches) const {
  if (const auto* r = as<RecolorOp>()) return r->validate(swatches);
  return std::visit(
      [](const auto& p) -> im::Status {
        if constexpr (std::is_same_v<std::decay_t<decltype(p)>, RecolorOp>) return im::Ok{};
        else return p.validate();
      },
      params);
}

namespace {
struct KindNames {
  Operation::Kind kind;
  const char* name;
  const char* key;
};
constexpr KindNames kKinds[] = {
    {Operation::Kind::Recolor, "recolor", "studio.op.recolor"},   {Operation::Kind::Adjust, "adjust", "studio.op.adjust"},
    {Operation::Kind::Quantize, "quantize", "studio.op.quantize"}, {Operation::Kind::Tone, "tone", "studio.op.tone"},
    {Operation::Kind::Transform, "transform", "studio.op.transform"}, {Operation::Kind::Symmetry, "symmetry", "studio.op.symmetry"},
    {Operation::Kind::Repeat, "repeat", "studio.op.repeat"},       {Operation::Kind::Layout, "layout", "studio.op.layout"},
    {Operation::Kind::Clean, "clean", "studio.op.clean"},
};
}  // namespace

const char* operationKey(Operation::Kind kind) { return kKinds[int(kind)].key; }
const char* operationName(Operation::Kind kind) { return kKinds[int(kind)].name; }

std::optional<Operation::Kind> parseOperationKind(const std::string& name) {
  for (const KindNames& k : kKinds)
    if (name == k.name) return k.kind;
  return std::nullopt;
}

const std::vector<Operation::Kind>& operationKinds() {
  static const std::vector<Operation::Kind> list = [] {
    // A photo is cleaned before anything else is done to it: first in the menu.
    std::vector<Operation::Kind> v = {Operation::Kind::Clean};
    for (const KindNames& k : kKinds)
      if (k.kind != Operation::Kind::Clean) v.push_back(k.kind);
    return v;
  }();
  return list;
}

const std::vector<im::RepeatLayout>& repeatLayouts() {
  static const std::vector<im::RepeatLayout> list = {im::RepeatLayout::Straight, im::RepeatLayout::HalfDrop, im::RepeatLayout::HalfBrick,
                                                     im::RepeatLayout::Mirror, im::RepeatLayout::Centre};
  return list;
}

const std::vector<im::ClothKind>& clothKinds() {
  static const std::vector<im::ClothKind> list = {im::ClothKind::KainPanjang, im::ClothKind::Sarung, im::ClothKind::Selendang,
                                                  im::ClothKind::Iket};
  return list;
}

const char* clothName(im::ClothKind kind) {
  switch (kind) {
    case im::ClothKind::KainPanjang: return "kain-panjang";
    case im::ClothKind::Sarung: return "sarung";
    case im::ClothKind::Selendang: return "selendang";
    case im::ClothKind::Iket: return "iket";
  }
  return "kain-panjang";
}

cv::Mat toBgr8(const cv::Mat& m) {
  cv::Mat out = m;
  if (out.depth() == CV_16U) out.convertTo(out, CV_8U, 1.0 / 257.0);
  if (out.channels() == 1) cv::cvtColor(out, out, cv::COLOR_GRAY2BGR);
  else if (out.channels() == 4) cv::cvtColor(out, out, cv::COLOR_BGRA2BGR);
  return out;
}

}  // namespace canting::core
