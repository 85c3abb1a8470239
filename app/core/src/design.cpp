#include "canting/core/design.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "canting/imaging/pattern.h"

#include "canting/imaging/file_io.h"

namespace canting::core {

namespace fs = std::filesystem;
namespace im = imaging;
using nlohmann::json;

// --- operations ----------------------------------------------------------------

namespace {
bool sameLab(const std::optional<im::Lab>& a, const std::optional<im::Lab>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->L == b->L && a->a == b->a && a->b == b->b);
}
}  // namespace

bool Operation::operator==(const Operation& o) const {
  if (kind != o.kind || enabled != o.enabled || mode != o.mode || colours != o.colours || paletteId != o.paletteId ||
      strength != o.strength || targets.size() != o.targets.size())
    return false;
  for (std::size_t i = 0; i < targets.size(); ++i)
    if (!sameLab(targets[i], o.targets[i])) return false;
  return adjust.hueShift == o.adjust.hueShift && adjust.chromaScale == o.adjust.chromaScale &&
         adjust.lightnessScale == o.adjust.lightnessScale && adjust.contrast == o.adjust.contrast &&
         quarterTurns == o.quarterTurns && seamless == o.seamless && flipH == o.flipH && flipV == o.flipV && scale == o.scale && group == o.group &&
         repeat.layout == o.repeat.layout && repeat.drop == o.repeat.drop && across == o.across && down == o.down &&
         cloth == o.cloth && lengthCm == o.lengthCm && heightCm == o.heightCm && dpi == o.dpi;
}

const char* operationKey(Operation::Kind kind) {
  switch (kind) {
    case Operation::Kind::Recolor: return "studio.op.recolor";
    case Operation::Kind::Adjust: return "studio.op.adjust";
    case Operation::Kind::Quantize: return "studio.op.quantize";
    case Operation::Kind::Tone: return "studio.op.tone";
    case Operation::Kind::Transform: return "studio.op.transform";
    case Operation::Kind::Symmetry: return "studio.op.symmetry";
    case Operation::Kind::Repeat: return "studio.op.repeat";
    case Operation::Kind::Layout: return "studio.op.layout";
  }
  return "studio.op.recolor";
}

im::Result<Design> designFromImage(im::Image image, fs::path path, std::vector<std::uint8_t> bytes) {
  Design d;
  auto pal = im::extractPalette(image.pixels, {.k = 6});
  if (!pal) return pal.error();
  d.palette = std::move(*pal);
  d.palette.name = path.stem().string();
  d.locked.assign(d.palette.swatches.size(), false);
  d.source = std::move(image);
  d.sourcePath = std::move(path);
  d.sourceBytes = std::move(bytes);
  return d;
}

im::Result<Design> designFromFile(const fs::path& path) {
  auto bytes = im::readFile(path);
  if (!bytes) return bytes.error();
  auto img = im::decodeImage(*bytes);
  if (!img) {
    im::Error e = img.error();
    e.args.emplace_back("path", path.string());
    return e;
  }
  return designFromImage(std::move(*img), path, std::move(*bytes));
}

im::Palette currentPalette(const Design& d) {
  im::Palette p = d.palette;
  for (const Operation& op : d.ops)
    if (op.kind == Operation::Kind::Recolor && op.enabled && op.targets.size() == p.swatches.size())
      for (std::size_t i = 0; i < p.swatches.size(); ++i)
        if (op.targets[i]) p.swatches[i].lab = *op.targets[i];
  return p;
}

Operation& recolorOp(Design& d) {
  for (Operation& op : d.ops)
    if (op.kind == Operation::Kind::Recolor) {
      op.targets.resize(d.palette.swatches.size());
      return op;
    }
  Operation op;
  op.kind = Operation::Kind::Recolor;
  op.targets.resize(d.palette.swatches.size());
  d.ops.insert(d.ops.begin(), op);
  return d.ops.front();
}

namespace {

// The per-colour function of an operation, or nothing if it is spatial
// (quantise, flat recolour) or does nothing.
std::optional<im::ColourFn> colourFnOf(const Operation& op, const Design& d, const std::vector<im::Palette>& named) {
  switch (op.kind) {
    case Operation::Kind::Recolor: {
      bool any = false;
      for (const auto& t : op.targets) any |= t.has_value();
      if (!any || op.targets.size() != d.palette.swatches.size()) return im::ColourFn([](const im::Lab& l) { return l; });
      if (op.mode == im::RecolorMode::Flat) return std::nullopt;
      return im::recolorFn(d.palette, op.targets);
    }
    case Operation::Kind::Adjust: return im::adjustFn(op.adjust);
    case Operation::Kind::Tone:
      for (const im::Palette& p : named)
        if (p.id == op.paletteId) return im::toneFn(p, op.strength);
      return im::ColourFn([](const im::Lab& l) { return l; });
    default: return std::nullopt;  // quantise and the geometry/output operations
  }
}

bool isNoOp(const Operation& op) {
  // Repeat and Layout shape the output, not the tile.
  if (op.kind == Operation::Kind::Repeat || op.kind == Operation::Kind::Layout) return true;
  if (op.kind == Operation::Kind::Transform) return op.quarterTurns % 4 == 0 && !op.flipH && !op.flipV && op.scale == 1.0 && !op.seamless;
  if (op.kind != Operation::Kind::Recolor) return false;
  for (const auto& t : op.targets)
    if (t) return false;
  return true;
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
    switch (op.kind) {
      case Operation::Kind::Recolor: img = im::recolor(img, d.palette, op.targets, op.mode); break;
      case Operation::Kind::Quantize:
        if (auto p = im::extractPalette(img, {.k = std::clamp(op.colours, 2, 32)})) img = im::quantize(img, *p);
        break;
      case Operation::Kind::Transform:
        img = im::flipTile(im::rotateTile(img, 90.0 * op.quarterTurns), op.flipH, op.flipV);
        if (op.scale != 1.0) img = im::scaleTile(img, std::clamp(op.scale, 0.05, 8.0));
        if (op.seamless) img = im::makeSeamless(img);
        break;
      case Operation::Kind::Symmetry: {
        cv::Mat bgr = img;
        if (bgr.channels() == 4) cv::cvtColor(bgr, bgr, cv::COLOR_BGRA2BGR);
        if (op.group.rfind("kaleido-", 0) == 0) {
          if (auto k = im::kaleidoscope(bgr, std::atoi(op.group.c_str() + 8))) img = *k;
        } else if (auto g = im::parseWallpaper(op.group)) {
          img = im::wallpaperCell(bgr, *g);
        }
        break;
      }
      default: break;
    }
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

DesignOutput designOutput(const Design& d) {
  DesignOutput out;
  for (const Operation& op : d.ops) {
    if (!op.enabled) continue;
    if (op.kind == Operation::Kind::Repeat) out = {DesignOutput::Kind::Repeat, &op};
    if (op.kind == Operation::Kind::Layout) out = {DesignOutput::Kind::Cloth, &op};
  }
  return out;
}

namespace {
cv::Mat bgr8(const cv::Mat& m) {
  cv::Mat out = m;
  if (out.depth() == CV_16U) out.convertTo(out, CV_8U, 1.0 / 257.0);
  if (out.channels() == 1) cv::cvtColor(out, out, cv::COLOR_GRAY2BGR);
  if (out.channels() == 4) cv::cvtColor(out, out, cv::COLOR_BGRA2BGR);
  return out;
}

im::ClothRender clothFor(const Operation& op, const cv::Mat& tile, double tileDpi, double dpi) {
  im::ClothRender c;
  c.layout.id = op.cloth;
  c.layout.name = op.cloth;
  c.layout.kind = im::parseClothKind(op.cloth).value_or(im::ClothKind::KainPanjang);
  c.layout.lengthCm = op.lengthCm;
  c.layout.heightCm = op.heightCm;
  // The defaults of kain.json, for what this operation does not set.
  c.layout.borderCm = c.layout.kind == im::ClothKind::Selendang ? 3 : c.layout.kind == im::ClothKind::Sarung ? 4 : 5;
  c.layout.kepalaFraction = c.layout.kind == im::ClothKind::Sarung ? 0.25 : 0;
  c.layout.fieldFraction = c.layout.kind == im::ClothKind::Iket ? 0.4 : 0;
  c.dpi = dpi;
  c.repeat = op.repeat;
  c.motif = std::abs(dpi / tileDpi - 1) > 1e-6 ? im::scaleTile(bgr8(tile), dpi / tileDpi) : bgr8(tile);
  return c;
}
}  // namespace

im::StreamedImage outputImage(const Design& d, const cv::Mat& tileIn) {
  const cv::Mat tile = bgr8(tileIn);
  const DesignOutput out = designOutput(d);
  im::StreamedImage img;
  img.type = CV_8UC3;
  if (out.kind == DesignOutput::Kind::Cloth) {
    const double tileDpi = d.source.dpi ? d.source.dpi->x : 300.0;
    return im::clothImage(clothFor(*out.op, tile, tileDpi, out.op->dpi));
  }
  const im::RepeatSpec spec = out.kind == DesignOutput::Kind::Repeat ? out.op->repeat : im::RepeatSpec{};
  const int across = out.kind == DesignOutput::Kind::Repeat ? std::clamp(out.op->across, 1, 200) : 1;
  const int down = out.kind == DesignOutput::Kind::Repeat ? std::clamp(out.op->down, 1, 200) : 1;
  img.size = cv::Size(tile.cols * across, tile.rows * down);
  const cv::Size size = img.size;
  img.rows = [tile, spec, size](int y0, int y1, cv::Mat& band) { im::renderRepeatRows(tile, spec, size, y0, y1, band); };
  return img;
}

cv::Mat previewOutput(const Design& d, const cv::Mat& tile, int maxSide) {
  const DesignOutput out = designOutput(d);
  if (out.kind == DesignOutput::Kind::Tile) return tile;
  if (out.kind == DesignOutput::Kind::Cloth) {
    // The cloth at a DPI that fits the preview; the tile keeps its physical size.
    const double longCm = std::max(out.op->lengthCm, out.op->heightCm);
    const double dpi = std::max(2.0, maxSide / (longCm / 2.54));
    const double tileDpi = (d.source.dpi ? d.source.dpi->x : 300.0) * tile.cols / std::max(1, d.source.pixels.cols);
    const im::StreamedImage img = im::clothImage(clothFor(*out.op, tile, tileDpi, dpi));
    cv::Mat all;
    img.rows(0, img.size.height, all);
    return all;
  }
  const int across = std::clamp(out.op->across, 1, 200), down = std::clamp(out.op->down, 1, 200);
  const double s = std::min(1.0, double(maxSide) / std::max(tile.cols * across, tile.rows * down));
  const cv::Mat small = s < 1 ? im::scaleTile(bgr8(tile), s) : bgr8(tile);
  return im::renderRepeat(small, out.op->repeat, cv::Size(small.cols * across, small.rows * down));
}

// --- project files ------------------------------------------------------------------

namespace {

const char* kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(const std::vector<std::uint8_t>& in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const std::uint32_t n = std::uint32_t(in[i]) << 16 | (i + 1 < in.size() ? std::uint32_t(in[i + 1]) << 8 : 0) |
                            (i + 2 < in.size() ? in[i + 2] : 0);
    out += kB64[n >> 18 & 63];
    out += kB64[n >> 12 & 63];
    out += i + 1 < in.size() ? kB64[n >> 6 & 63] : '=';
    out += i + 2 < in.size() ? kB64[n & 63] : '=';
  }
  return out;
}

std::optional<std::vector<std::uint8_t>> unbase64(const std::string& in) {
  if (in.size() % 4) return std::nullopt;
  std::vector<std::uint8_t> out;
  out.reserve(in.size() / 4 * 3);
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  for (std::size_t i = 0; i < in.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int j = 0; j < 4; ++j) {
      const char c = in[i + std::size_t(j)];
      if (c == '=' && i + 4 == in.size() && j >= 2) { v[j] = 0; ++pad; continue; }
      if (pad || (v[j] = val(c)) < 0) return std::nullopt;
    }
    const std::uint32_t n = std::uint32_t(v[0]) << 18 | std::uint32_t(v[1]) << 12 | std::uint32_t(v[2]) << 6 | std::uint32_t(v[3]);
    out.push_back(std::uint8_t(n >> 16));
    if (pad < 2) out.push_back(std::uint8_t(n >> 8));
    if (pad < 1) out.push_back(std::uint8_t(n));
  }
  return out;
}

json labJson(const im::Lab& l) { return json::array({l.L, l.a, l.b}); }

im::Error bad(const std::string& where, const std::string& reason) {
  return im::makeError(im::ErrorCode::MalformedFile, {{"where", where}, {"reason", "@" + reason}});
}

std::optional<im::Lab> labFrom(const json& j) {
  if (!j.is_array() || j.size() != 3) return std::nullopt;
  for (const auto& v : j)
    if (!v.is_number()) return std::nullopt;
  im::Lab l{j[0].get<double>(), j[1].get<double>(), j[2].get<double>()};
  if (!(l.L >= 0 && l.L <= 100) || !std::isfinite(l.a) || !std::isfinite(l.b)) return std::nullopt;
  return l;
}

}  // namespace

im::Status saveProject(const DesignSession& session, const fs::path& path, std::size_t embedLimit) {
  const Design& d = session.design();
  json j;
  j["format"] = "canting-project";
  j["version"] = 1;
  json src;
  src["name"] = d.sourcePath.filename().string();
  if (!d.sourceBytes.empty() && d.sourceBytes.size() <= embedLimit) {
    src["embedded"] = base64(d.sourceBytes);
  } else {
    std::error_code ec;
    const fs::path rel = fs::relative(fs::absolute(d.sourcePath, ec), fs::absolute(path, ec).parent_path(), ec);
    src["file"] = (ec || rel.empty() ? d.sourcePath : rel).string();
  }
  if (d.source.dpi) src["dpi"] = d.source.dpi->x;
  j["source"] = src;
  for (const im::Swatch& s : d.palette.swatches)
    j["palette"].push_back({{"lab", labJson(s.lab)}, {"share", s.share}, {"name", s.name}});
  j["locked"] = d.locked;
  j["operations"] = json::array();
  for (const Operation& op : d.ops) {
    json o;
    o["enabled"] = op.enabled;
    switch (op.kind) {
      case Operation::Kind::Recolor:
        o["kind"] = "recolor";
        o["mode"] = op.mode == im::RecolorMode::Flat ? "flat" : "shading";
        o["targets"] = json::array();
        for (const auto& t : op.targets) o["targets"].push_back(t ? labJson(*t) : json());
        break;
      case Operation::Kind::Adjust:
        o["kind"] = "adjust";
        o["hue"] = op.adjust.hueShift;
        o["chroma"] = op.adjust.chromaScale;
        o["lightness"] = op.adjust.lightnessScale;
        o["contrast"] = op.adjust.contrast;
        break;
      case Operation::Kind::Quantize:
        o["kind"] = "quantize";
        o["colours"] = op.colours;
        break;
      case Operation::Kind::Tone:
        o["kind"] = "tone";
        o["palette"] = op.paletteId;
        o["strength"] = op.strength;
        break;
      case Operation::Kind::Transform:
        o["kind"] = "transform";
        o["quarter_turns"] = op.quarterTurns;
        o["flip_h"] = op.flipH;
        o["flip_v"] = op.flipV;
        o["scale"] = op.scale;
        o["seamless"] = op.seamless;
        break;
      case Operation::Kind::Symmetry:
        o["kind"] = "symmetry";
        o["group"] = op.group;
        break;
      case Operation::Kind::Repeat:
        o["kind"] = "repeat";
        o["layout"] = im::repeatName(op.repeat.layout);
        o["drop"] = op.repeat.drop;
        o["across"] = op.across;
        o["down"] = op.down;
        break;
      case Operation::Kind::Layout:
        o["kind"] = "layout";
        o["cloth"] = op.cloth;
        o["layout"] = im::repeatName(op.repeat.layout);
        o["drop"] = op.repeat.drop;
        o["length_cm"] = op.lengthCm;
        o["height_cm"] = op.heightCm;
        o["dpi"] = op.dpi;
        break;
    }
    j["operations"].push_back(o);
  }
  return im::writeFileAtomic(path, j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

im::Result<Design> loadProjectFields(const fs::path& path) {
  auto bytes = im::readFile(path, 512u << 20);
  if (!bytes) return bytes.error();
  auto withPath = [&](im::Error e) {
    e.args.emplace_back("path", path.string());
    return e;
  };
  json j;
  try {
    j = json::parse(bytes->begin(), bytes->end());
  } catch (const std::exception& e) {
    return withPath(bad("JSON", "reason.not_json"));
  }
  if (!j.is_object() || j.value("format", "") != "canting-project") return withPath(bad("format", "reason.not_project"));
  if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int>() != 1)
    return withPath(bad("version", "reason.bad_version"));
  if (!j.contains("source") || !j["source"].is_object()) return withPath(bad("source", "reason.missing_source"));
  const json& src = j["source"];
  std::vector<std::uint8_t> imageBytes;
  fs::path sourcePath = src.contains("name") && src["name"].is_string() ? fs::path(src["name"].get<std::string>()) : fs::path("motif");
  if (src.contains("embedded")) {
    if (!src["embedded"].is_string()) return withPath(bad("source.embedded", "reason.bad_base64"));
    auto decoded = unbase64(src["embedded"].get<std::string>());
    if (!decoded) return withPath(bad("source.embedded", "reason.bad_base64"));
    imageBytes = std::move(*decoded);
    sourcePath = path.parent_path() / sourcePath.filename();
  } else if (src.contains("file") && src["file"].is_string()) {
    sourcePath = fs::path(src["file"].get<std::string>());
    if (sourcePath.is_relative()) sourcePath = path.parent_path() / sourcePath;
    auto b = im::readFile(sourcePath);
    if (!b) return b.error();
    imageBytes = std::move(*b);
  } else {
    return withPath(bad("source", "reason.missing_source"));
  }
  auto img = im::decodeImage(imageBytes);
  if (!img) return withPath(img.error());

  Design d;
  if (!j.contains("palette") || !j["palette"].is_array() || j["palette"].empty() || j["palette"].size() > 64)
    return withPath(bad("palette", "reason.no_colors"));
  for (std::size_t i = 0; i < j["palette"].size(); ++i) {
    const json& s = j["palette"][i];
    const std::string where = "palette[" + std::to_string(i) + "]";
    if (!s.is_object()) return withPath(bad(where, "reason.bad_lab"));
    auto lab = labFrom(s.value("lab", json()));
    if (!lab) return withPath(bad(where + ".lab", "reason.bad_lab"));
    im::Swatch sw{*lab, 0, {}};
    if (s.contains("share") && s["share"].is_number()) sw.share = s["share"].get<double>();
    if (s.contains("name") && s["name"].is_string()) sw.name = s["name"].get<std::string>();
    d.palette.swatches.push_back(sw);
  }
  d.palette.name = sourcePath.stem().string();
  const std::size_t k = d.palette.swatches.size();
  d.locked.assign(k, false);
  if (j.contains("locked")) {
    if (!j["locked"].is_array() || j["locked"].size() != k) return withPath(bad("locked", "reason.bad_locked"));
    for (std::size_t i = 0; i < k; ++i) {
      if (!j["locked"][i].is_boolean()) return withPath(bad("locked", "reason.bad_locked"));
      d.locked[i] = j["locked"][i].get<bool>();
    }
  }
  if (!j.contains("operations") || !j["operations"].is_array()) return withPath(bad("operations", "reason.bad_operation"));
  for (std::size_t i = 0; i < j["operations"].size(); ++i) {
    const json& o = j["operations"][i];
    const std::string where = "operations[" + std::to_string(i) + "]";
    if (!o.is_object() || !o.contains("kind") || !o["kind"].is_string()) return withPath(bad(where, "reason.bad_operation"));
    Operation op;
    op.enabled = o.value("enabled", true);
    const std::string kind = o["kind"].get<std::string>();
    auto number = [&](const char* key, double lo, double hi, double& out) -> bool {
      if (!o.contains(key)) return true;
      if (!o[key].is_number()) return false;
      const double v = o[key].get<double>();
      if (!(v >= lo && v <= hi)) return false;
      out = v;
      return true;
    };
    if (kind == "recolor") {
      op.kind = Operation::Kind::Recolor;
      op.mode = o.value("mode", "shading") == "flat" ? im::RecolorMode::Flat : im::RecolorMode::ShadingPreserving;
      if (!o.contains("targets") || !o["targets"].is_array() || o["targets"].size() != k)
        return withPath(bad(where + ".targets", "reason.bad_targets"));
      for (const json& t : o["targets"]) {
        if (t.is_null()) { op.targets.emplace_back(); continue; }
        auto lab = labFrom(t);
        if (!lab) return withPath(bad(where + ".targets", "reason.bad_targets"));
        op.targets.emplace_back(*lab);
      }
    } else if (kind == "adjust") {
      op.kind = Operation::Kind::Adjust;
      if (!number("hue", -360, 360, op.adjust.hueShift) || !number("chroma", 0, 4, op.adjust.chromaScale) ||
          !number("lightness", 0, 4, op.adjust.lightnessScale) || !number("contrast", 0, 4, op.adjust.contrast))
        return withPath(bad(where, "reason.bad_operation"));
    } else if (kind == "quantize") {
      op.kind = Operation::Kind::Quantize;
      double n = 8;
      if (!number("colours", 2, 32, n)) return withPath(bad(where + ".colours", "reason.bad_operation"));
      op.colours = int(n);
    } else if (kind == "tone") {
      op.kind = Operation::Kind::Tone;
      op.paletteId = o.value("palette", "");
      if (!number("strength", 0, 1, op.strength)) return withPath(bad(where + ".strength", "reason.bad_operation"));
    } else if (kind == "transform") {
      op.kind = Operation::Kind::Transform;
      double q = 0;
      if (!number("quarter_turns", 0, 3, q) || !number("scale", 0.05, 8, op.scale)) return withPath(bad(where, "reason.bad_operation"));
      op.quarterTurns = int(q);
      op.flipH = o.value("flip_h", false);
      op.flipV = o.value("flip_v", false);
      op.seamless = o.value("seamless", false);
    } else if (kind == "symmetry") {
      op.kind = Operation::Kind::Symmetry;
      op.group = o.value("group", "");
      const bool kaleido = op.group.rfind("kaleido-", 0) == 0;
      if (!im::parseWallpaper(op.group) && !kaleido) return withPath(bad(where + ".group", "reason.bad_operation"));
    } else if (kind == "repeat" || kind == "layout") {
      op.kind = kind == "repeat" ? Operation::Kind::Repeat : Operation::Kind::Layout;
      auto layout = im::parseRepeat(o.value("layout", "straight"));
      if (!layout) return withPath(bad(where + ".layout", "reason.bad_operation"));
      op.repeat.layout = *layout;
      double across = 3, down = 3;
      if (!number("drop", 0.01, 0.99, op.repeat.drop) || !number("across", 1, 200, across) || !number("down", 1, 200, down) ||
          !number("length_cm", 1, 2000, op.lengthCm) || !number("height_cm", 1, 1000, op.heightCm) || !number("dpi", 10, 2400, op.dpi))
        return withPath(bad(where, "reason.bad_operation"));
      op.across = int(across);
      op.down = int(down);
      if (op.kind == Operation::Kind::Layout) {
        op.cloth = o.value("cloth", "kain-panjang");
        if (!im::parseClothKind(op.cloth)) return withPath(bad(where + ".cloth", "reason.bad_operation"));
      }
    } else {
      return withPath(bad(where + ".kind", "reason.bad_operation"));
    }
    d.ops.push_back(std::move(op));
  }
  d.source = std::move(*img);
  if (src.contains("dpi") && src["dpi"].is_number() && src["dpi"].get<double>() > 0)
    d.source.dpi = im::Dpi{src["dpi"].get<double>(), src["dpi"].get<double>()};
  d.sourcePath = sourcePath;
  d.sourceBytes = std::move(imageBytes);
  return d;
}

// All or nothing, and a value of the wrong type anywhere is a malformed
// project rather than an exception out of nlohmann::json (found by fuzzing).
im::Result<Design> loadProject(const fs::path& path) {
  try {
    return loadProjectFields(path);
  } catch (const nlohmann::json::exception& e) {
    im::Error err = bad("JSON", "reason.wrong_type");
    err.detail = e.what();
    err.args.emplace_back("path", path.string());
    return err;
  }
}

}  // namespace canting::core
