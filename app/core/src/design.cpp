#include "canting/core/design.h"

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "canting/imaging/file_io.h"
#include "canting/imaging/pattern.h"

namespace canting::core {

namespace fs = std::filesystem;
namespace im = imaging;

// [SECTION] opening

im::Result<Design> designFromImage(im::Image image, fs::path path, std::vector<std::uint8_t> bytes, const OpenOptions& options) {
  Design d;
  if (options.colours > 0) {  // geometry-only actions of the CLI need no palette
    auto pal = im::extractPalette(image.pixels, {.k = options.colours, .seed = options.seed});
    if (!pal) return pal.error();
    d.palette = std::move(*pal);
  }
  d.palette.name = path.stem().string();
  d.locked.assign(d.palette.swatches.size(), false);
  d.source = std::move(image);
  d.sourcePath = std::move(path);
  d.sourceBytes = std::move(bytes);
  return d;
}

im::Result<Design> designFromFile(const fs::path& path, const OpenOptions& options) {
  auto bytes = im::readFile(path, options.load.maxFileBytes);
  if (!bytes) return bytes.error();
  auto img = im::decodeImage(*bytes, options.load);
  if (!img) {
    im::Error e = img.error();
    e.args.emplace_back("path", path.string());
    return e;
  }
  return designFromImage(std::move(*img), path, std::move(*bytes), options);
}

im::Palette currentPalette(const Design& d) {
  im::Palette p = d.palette;
  for (const Operation& op : d.ops)
    if (const auto* r = op.as<RecolorOp>(); r && op.enabled && r->targets.size() == p.swatches.size())
      for (std::size_t i = 0; i < p.swatches.size(); ++i)
        if (r->targets[i]) p.swatches[i].lab = *r->targets[i];
  return p;
}

RecolorOp& recolorOp(Design& d) {
  for (Operation& op : d.ops)
    if (auto* r = op.as<RecolorOp>()) {
      r->targets.resize(d.palette.swatches.size());
      return *r;
    }
  RecolorOp r;
  r.targets.resize(d.palette.swatches.size());
  d.ops.insert(d.ops.begin(), Operation(std::move(r)));
  return *d.ops.front().as<RecolorOp>();
}

// [SECTION] rendering

namespace {

const im::ColourFn kIdentity = [](const im::Lab& l) { return l; };

// The per-colour function of an operation, or nothing if it is spatial
// (quantise, flat recolour, the geometry) or shapes only the output.
std::optional<im::ColourFn> colourFnOf(const Operation& op, const Design& d, const std::vector<im::Palette>& named) {
  if (const auto* r = op.as<RecolorOp>()) {
    if (r->isIdentity() || r->targets.size() != d.palette.swatches.size()) return kIdentity;
    if (r->mode == im::RecolorMode::Flat) return std::nullopt;
    return im::recolorFn(d.palette, r->targets);
  }
  if (const auto* a = op.as<AdjustOp>()) return im::adjustFn(a->adjust);
  if (const auto* t = op.as<ToneOp>()) {
    for (const im::Palette& p : named)
      if (p.id == t->paletteId) return im::toneFn(p, t->strength);
    return kIdentity;
  }
  return std::nullopt;
}

bool isNoOp(const Operation& op) {
  if (op.as<RepeatOp>() || op.as<LayoutOp>()) return true;  // they shape the output, not the tile
  if (const auto* t = op.as<TransformOp>()) return t->isIdentity();
  if (const auto* r = op.as<RecolorOp>()) return r->isIdentity();
  if (const auto* c = op.as<CleanOp>()) return c->isIdentity();
  return false;
}

// The spatial operations, one at a time.
cv::Mat runSpatial(const Operation& op, const cv::Mat& img, const Design& d) {
  if (const auto* r = op.as<RecolorOp>()) return im::recolor(img, d.palette, r->targets, r->mode);
  if (const auto* q = op.as<QuantizeOp>()) return q->run(img);
  if (const auto* t = op.as<TransformOp>()) return t->run(img);
  if (const auto* s = op.as<SymmetryOp>()) return s->run(img);
  if (const auto* c = op.as<CleanOp>()) return c->run(img);
  return img;
}

}  // namespace

cv::Mat renderDesign(const cv::Mat& input, const Design& d, const std::vector<im::Palette>& named) {
  cv::Mat img = input;
  std::vector<im::ColourFn> run;  // per-colour operations waiting to be applied together
  auto flush = [&] {
    if (run.empty()) return;
    img = im::applyColourFn(img, [&run](const im::Lab& l) {
      im::Lab v = l;
      for (const auto& f : run) v = f(v);
      return v;
    });
    run.clear();
  };
  for (const Operation& op : d.ops) {
    if (!op.enabled || isNoOp(op)) continue;
    if (auto fn = colourFnOf(op, d, named)) {
      run.push_back(std::move(*fn));
      continue;
    }
    flush();
    img = runSpatial(op, img, d);
  }
  flush();
  return img;
}

cv::Mat renderDesign(const im::ColorIndex& index, const cv::Mat& input, const Design& d, const std::vector<im::Palette>& named) {
  std::vector<im::ColourFn> run;
  for (const Operation& op : d.ops) {
    if (!op.enabled || isNoOp(op)) continue;
    auto fn = colourFnOf(op, d, named);
    if (!fn) return renderDesign(input, d, named);  // a spatial operation: the pixel path
    run.push_back(std::move(*fn));
  }
  if (run.empty()) return input.clone();
  return im::applyColourFn(index, [&run](const im::Lab& l) {
    im::Lab v = l;
    for (const auto& f : run) v = f(v);
    return v;
  });
}

// [SECTION] output

DesignOutput designOutput(const Design& d) {
  DesignOutput out;
  for (const Operation& op : d.ops) {
    if (!op.enabled) continue;
    if (const auto* r = op.as<RepeatOp>()) out = {DesignOutput::Kind::Repeat, r, nullptr};
    if (const auto* l = op.as<LayoutOp>()) out = {DesignOutput::Kind::Cloth, nullptr, l};
  }
  return out;
}

namespace {
im::ClothRender clothFor(const LayoutOp& op, const cv::Mat& tile, double tileDpi, double dpi) {
  im::ClothRender c;
  c.layout.id = clothName(op.cloth);
  c.layout.name = c.layout.id;
  c.layout.kind = op.cloth;
  c.layout.lengthCm = op.lengthCm;
  c.layout.heightCm = op.heightCm;
  // The defaults of kain.json, for what this operation does not set.
  c.layout.borderCm = c.layout.kind == im::ClothKind::Selendang ? 3 : c.layout.kind == im::ClothKind::Sarung ? 4 : 5;
  c.layout.kepalaFraction = c.layout.kind == im::ClothKind::Sarung ? 0.25 : 0;
  c.layout.fieldFraction = c.layout.kind == im::ClothKind::Iket ? 0.4 : 0;
  c.dpi = dpi;
  c.repeat = op.repeat;
  c.motif = std::abs(dpi / tileDpi - 1) > 1e-6 ? im::scaleTile(toBgr8(tile), dpi / tileDpi) : toBgr8(tile);
  return c;
}
}  // namespace

im::StreamedImage outputImage(const Design& d, const cv::Mat& tileIn) {
  const DesignOutput out = designOutput(d);
  // The tile alone keeps its transparency; repeats and cloths are opaque.
  cv::Mat tile = tileIn.channels() == 4 && out.kind == DesignOutput::Kind::Tile ? tileIn : toBgr8(tileIn);
  if (tile.depth() == CV_16U) tile.convertTo(tile, CV_8U, 1.0 / 257.0);
  im::StreamedImage img;
  img.type = tile.type();
  if (out.kind == DesignOutput::Kind::Cloth) {
    const double tileDpi = d.source.dpi ? d.source.dpi->x : 300.0;
    return im::clothImage(clothFor(*out.layout, tile, tileDpi, out.layout->dpi));
  }
  const im::RepeatSpec spec = out.repeat ? out.repeat->repeat : im::RepeatSpec{};
  img.size = out.repeat ? out.repeat->size(tile.size()) : tile.size();
  const cv::Size size = img.size;
  img.rows = [tile, spec, size](int y0, int y1, cv::Mat& band) { im::renderRepeatRows(tile, spec, size, y0, y1, band); };
  return img;
}

ExportSize exportSize(const Design& d, cv::Size tile) {
  const DesignOutput out = designOutput(d);
  ExportSize e;
  if (d.source.dpi) e.dpi = d.source.dpi->x;
  if (out.layout) {
    e.width = im::cmToPx(out.layout->lengthCm, out.layout->dpi);
    e.height = im::cmToPx(out.layout->heightCm, out.layout->dpi);
    e.dpi = out.layout->dpi;
    return e;
  }
  const cv::Size size = out.repeat ? out.repeat->size(tile) : tile;
  e.width = size.width;
  e.height = size.height;
  return e;
}

cv::Mat previewOutput(const Design& d, const cv::Mat& tile, int maxSide) {
  const DesignOutput out = designOutput(d);
  if (out.kind == DesignOutput::Kind::Tile) return tile;
  if (out.layout) {
    // The cloth at a DPI that fits the preview; the tile keeps its physical size.
    const double longCm = std::max(out.layout->lengthCm, out.layout->heightCm);
    const double dpi = std::max(2.0, maxSide / (longCm / 2.54));
    const double tileDpi = (d.source.dpi ? d.source.dpi->x : 300.0) * tile.cols / std::max(1, d.source.pixels.cols);
    const im::StreamedImage img = im::clothImage(clothFor(*out.layout, tile, tileDpi, dpi));
    cv::Mat all;
    img.rows(0, img.size.height, all);
    return all;
  }
  const cv::Size full = out.repeat->size(tile.size());
  const double s = std::min(1.0, double(maxSide) / std::max(full.width, full.height));
  const cv::Mat small = s < 1 ? im::scaleTile(toBgr8(tile), s) : toBgr8(tile);
  const bool fixed = out.repeat->widthPx > 0;
  const cv::Size size = fixed ? cv::Size(std::max(1, int(full.width * s)), std::max(1, int(full.height * s))) : out.repeat->size(small.size());
  return im::renderRepeat(small, out.repeat->repeat, size);
}

}  // namespace canting::core
