#include "canting/core/actions.h"
#include "canting/core/photo_raport.h"

#include <algorithm>

#include "canting/base/text.h"
#include "canting/imaging/color.h"
#include "canting/imaging/file_io.h"

namespace canting::core {

namespace im = imaging;

// [SECTION] recolour by map

im::Status RecolorMapAction::validate() const {
  if (pairs.empty()) return im::makeError(im::ErrorCode::InvalidArgument, {{"what", "--map"}}, "no FROM=TO pair");
  if (pairs.size() > 32) return im::makeError(im::ErrorCode::InvalidArgument, {{"what", "--map"}}, "more than 32 pairs");
  return im::Ok{};
}

RecolorOp RecolorMapAction::run(Design& d) const {
  RecolorOp op;
  op.mode = mode;
  op.targets.resize(d.palette.swatches.size());
  for (const auto& [from, to] : pairs) {
    bool near = false;
    for (std::size_t i = 0; i < d.palette.swatches.size() && i < op.targets.size(); ++i)
      if (im::deltaE2000(d.palette.swatches[i].lab, from) < absorb) {
        op.targets[i] = to;
        near = true;
      }
    if (near || d.palette.swatches.size() >= 64) continue;
    d.palette.swatches.push_back(im::Swatch{from, 0, {}});
    d.locked.push_back(false);
    op.targets.emplace_back(to);
  }
  return op;
}

// [SECTION] colourways

namespace {
struct SchemeName {
  ColorwaysAction::Scheme scheme;
  const char* name;
};
constexpr SchemeName kSchemes[] = {{ColorwaysAction::Scheme::Harmony, "harmony"}, {ColorwaysAction::Scheme::Sogan, "sogan"},
                                   {ColorwaysAction::Scheme::Indigo, "indigo"},   {ColorwaysAction::Scheme::Pesisiran, "pesisiran"},
                                   {ColorwaysAction::Scheme::Natural, "natural"}, {ColorwaysAction::Scheme::Random, "random"}};
}  // namespace

const char* schemeName(ColorwaysAction::Scheme s) { return kSchemes[int(s)].name; }

std::optional<ColorwaysAction::Scheme> parseScheme(const std::string& name) {
  for (const SchemeName& s : kSchemes)
    if (name == s.name) return s.scheme;
  return std::nullopt;
}

const std::vector<ColorwaysAction::Scheme>& schemes() {
  static const std::vector<ColorwaysAction::Scheme> list = [] {
    std::vector<ColorwaysAction::Scheme> v;
    for (const SchemeName& s : kSchemes) v.push_back(s.scheme);
    return v;
  }();
  return list;
}

im::Status ColorwaysAction::validate() const {
  if (count < 1 || count > kMaxCount) return im::makeError(im::ErrorCode::InvalidArgument, {{"what", "count"}}, std::to_string(count));
  return im::Ok{};
}

im::Palette ColorwaysAction::base(const Design& d) {
  im::Palette base = d.palette;
  const im::Palette cur = currentPalette(d);
  for (std::size_t i = 0; i < base.swatches.size() && i < d.locked.size(); ++i)
    if (d.locked[i]) base.swatches[i].lab = cur.swatches[i].lab;
  return base;
}

std::vector<std::optional<im::Lab>> ColorwaysAction::targets(const im::Colorway& cw) {
  return std::vector<std::optional<im::Lab>>(cw.colours.begin(), cw.colours.end());
}

im::Result<std::vector<im::Colorway>> ColorwaysAction::run(const Design& d, const std::vector<im::Palette>& named) const {
  if (auto st = validate(); !st) return st.error();
  auto opts = im::schemeOptions(schemeName(scheme), named);
  if (!opts) return opts.error();
  opts->count = count;
  opts->seed = seed;
  opts->locked = d.locked;
  return im::generateColorways(base(d), *opts);
}

// [SECTION] export

im::Status ExportAction::validate() const {
  const im::ImageFormat f = options.format ? *options.format : im::formatFromExtension(path.string());
  if (f == im::ImageFormat::Unknown)
    return im::makeError(im::ErrorCode::UnsupportedOutputFormat, {{"format", path.extension().string()}, {"path", path.string()}});
  return im::Ok{};
}

im::Status ExportAction::run(const im::StreamedImage& img) const {
  if (auto st = validate(); !st) return st;
  const im::ImageFormat f = options.format ? *options.format : im::formatFromExtension(path.string());
  if (f == im::ImageFormat::Png || f == im::ImageFormat::Tiff) {
    im::StreamOptions so;
    so.format = options.format;
    so.compression = options.tiffCompression;
    so.dpi = options.dpi;
    so.progress = progress;
    so.cancel = cancel;
    return im::writeStreamed(img, path, so);
  }
  if (im::uncompressedBytes(img) > (1ull << 31))
    return im::makeError(im::ErrorCode::TooManyPixels, {{"width", std::to_string(img.size.width)}, {"height", std::to_string(img.size.height)},
                                                        {"megapixels", std::to_string(img.size.area() / 1000000)}, {"limit", "700"}});
  cv::Mat all;
  img.rows(0, img.size.height, all);
  return im::saveImage(all, path, options);
}

// [SECTION] pola and dye

namespace {
im::Error outOf(const char* what, double v) {
  return im::makeError(im::ErrorCode::InvalidArgument, {{"what", what}}, "out of range: " + std::to_string(v));
}
}  // namespace

im::Status PolaAction::validate() const {
  if (!(widthCm >= 1 && widthCm <= kMaxWidthCm)) return outOf("width-cm", widthCm);
  if (!(pola.lineMm >= im::PolaOptions::kMinLineMm && pola.lineMm <= kMaxLineMm)) return outOf("line-mm", pola.lineMm);
  if (!(pola.detailMm >= im::PolaOptions::kMinDetailMm && pola.detailMm <= im::PolaOptions::kMaxDetailMm)) return outOf("detail-mm", pola.detailMm);
  if (repeats.width < 1 || repeats.height < 1 || repeats.width > kMaxRepeats || repeats.height > kMaxRepeats)
    return outOf("repeats", repeats.width * 1000.0 + repeats.height);
  return im::Ok{};
}

im::Result<im::PolaArt> PolaAction::trace(const cv::Mat& image, const im::PolaProgress& progress) const {
  if (auto st = validate(); !st) return st.error();
  if (repeats.area() == 1) return im::makePola(image, widthCm * 10, pola, repeats, progress);
  // A photo of cloth repeats by its raport, not with its own edges as seams.
  return im::makePola(repeatSource(image).tile, widthCm * 10, pola, repeats, progress);
}

im::Result<im::PagePlan> PolaAction::write(const im::PolaArt& art, const std::filesystem::path& out) const {
  const std::string ext = base::asciiLower(out.extension().string());
  if (ext == ".svg") {
    if (auto st = im::writePolaSvg(art, out); !st) return st.error();
    im::PagePlan one;
    one.cols = one.rows = 1;
    return one;
  }
  if (ext != ".pdf") return im::makeError(im::ErrorCode::InvalidArgument, {{"what", "@pola.error.format"}}, "pola: .pdf or .svg");
  auto plan = im::planPages(cv::Size2d(art.widthMm, art.heightMm), print);
  if (!plan) return plan.error();
  if (auto st = im::writePolaPdf(art, print, out); !st) return st.error();
  return plan;
}

im::Result<im::PagePlan> PolaAction::run(const cv::Mat& image, const std::filesystem::path& out, const im::PolaProgress& progress) const {
  auto art = trace(image, progress);
  if (!art) return art.error();
  return write(*art, out);
}

im::Status DyeSimulateAction::validate() const {
  if (!(dpi >= kMinDpi && dpi <= kMaxDpi)) return outOf("dpi", dpi);
  return im::Ok{};
}

im::Result<std::vector<im::ClothState>> DyeSimulateAction::run(const im::Plan& plan, const im::Layers& layers, const im::DyeBook& book) const {
  if (auto st = validate(); !st) return st.error();
  im::SimOptions so;
  so.dpi = dpi;
  so.planDir = planDir;
  return im::simulate(plan, layers, book, so);
}

im::Status DyeRecipeAction::validate() const {
  if (!(clothGrams > 0 && clothGrams <= kMaxGrams)) return outOf("cloth-g", clothGrams);
  if (!(liquorRatio >= kMinRatio && liquorRatio <= kMaxRatio)) return outOf("ratio", liquorRatio);
  return im::Ok{};
}

im::Result<im::Recipe> DyeRecipeAction::run(const im::Plan& plan, const im::DyeBook& book) const {
  if (auto st = validate(); !st) return st.error();
  return im::computeRecipe(plan, book, clothGrams, liquorRatio);
}

im::StreamedImage renderOutput(const Design& d, const std::vector<im::Palette>& named) {
  return outputImage(d, renderDesign(d.source.pixels, d, named));
}

std::optional<im::Dpi> exportDpi(const Design& d) {
  const DesignOutput out = designOutput(d);
  if (out.layout) return im::Dpi{out.layout->dpi, out.layout->dpi};
  return d.source.dpi;
}

}  // namespace canting::core
