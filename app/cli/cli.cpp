#include "cli.h"

#include <cmath>
#include <cstdlib>
#include <opencv2/imgproc.hpp>
#include <functional>
#include <nlohmann/json.hpp>

#include "args.h"
#include "cli_internal.h"
#include "canting/core/dye_lab.h"
#include "canting/core/i18n.h"
#include "canting/core/image_facts.h"
#include "canting/core/paths.h"
#include "canting/imaging/cloth_layout.h"
#include "canting/imaging/color.h"
#include "canting/imaging/pattern.h"
#include "canting/imaging/stream_export.h"
#include "canting/imaging/colorway.h"
#include "canting/imaging/dye.h"
#include "canting/imaging/file_io.h"
#include "canting/imaging/recolor.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/motif.h"
#include "canting/imaging/pola.h"

namespace canting::cli {

namespace {

using core::Language;
using core::Translator;
namespace im = imaging;

std::optional<double> parsePositive(const std::string& s) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || !(v > 0) || v > 1e6) return std::nullopt;
  return v;
}

// --max-mp N: the pixel limit for this run (default 200 MP).
std::optional<im::LoadOptions> loadOptions(Ctx& c, const ParsedArgs& a, const std::string& helpKey, int& status) {
  im::LoadOptions o;
  if (auto v = a.value("max-mp")) {
    auto mp = parsePositive(*v);
    if (!mp) {
      status = c.usage("cli.usage.bad_value", {{"arg", "--max-mp"}, {"value", *v}}, helpKey);
      return std::nullopt;
    }
    o.maxPixels = std::uint64_t(*mp * 1e6);
  }
  return o;
}

int cmdInfo(Ctx& c, const ParsedArgs& a) {
  int status = 0;
  auto lo = loadOptions(c, a, "cli.help.info", status);
  if (!lo) return status;
  auto img = im::loadImage(a.positionals[0], *lo);
  if (!img) return c.fail(img.error());
  const im::ImageHeader& h = img->source;
  const int w = img->pixels.cols, hh = img->pixels.rows;
  const std::uint64_t colours = im::countDistinctColors(img->pixels);
  if (a.flag("json")) {
    nlohmann::json j;
    j["file"] = a.positionals[0];
    j["format"] = im::formatName(h.format);
    j["width"] = w;
    j["height"] = hh;
    j["channels"] = h.channels;
    j["color_model"] = im::colorModelName(h.model);
    j["bit_depth"] = h.bitDepth;
    j["orientation"] = h.orientation;
    if (h.dpi) {
      j["dpi"] = {{"x", h.dpi->x}, {"y", h.dpi->y}};
      j["width_cm"] = w / h.dpi->x * 2.54;
      j["height_cm"] = hh / h.dpi->y * 2.54;
    } else {
      j["dpi"] = nullptr;
    }
    j["distinct_colors"] = colours;
    c.out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kOk;
  }
  c.out << c.tr.tr("info.file") << ": " << a.positionals[0] << "\n";
  for (const core::Fact& f : core::imageFacts(*img, c.tr, colours)) c.out << c.tr.tr(f.labelKey) << ": " << f.value << "\n";
  return kOk;
}

int cmdDeltaE(Ctx& c, const ParsedArgs& a) {
  auto x = im::parseColor(a.positionals[0]);
  if (!x) return c.fail(x.error());
  auto y = im::parseColor(a.positionals[1]);
  if (!y) return c.fail(y.error());
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", im::deltaE2000(*x, *y));
  c.out << buf << "\n";
  return kOk;
}

int cmdConvertColor(Ctx& c, const ParsedArgs& a) {
  auto to = a.value("to");
  if (!to) return c.usage("cli.usage.missing_option", {{"arg", "--to"}}, "cli.help.color_convert");
  auto notation = im::parseNotation(*to);
  if (!notation) return c.usage("cli.usage.bad_value", {{"arg", "--to"}, {"value", *to}}, "cli.help.color_convert");
  auto lab = im::parseColor(a.positionals[0]);
  if (!lab) return c.fail(lab.error());
  bool inGamut = true;
  c.out << im::formatColor(*lab, *notation, &inGamut) << "\n";
  if (!inGamut) c.err << "canting-cli: " << c.tr.tr("cli.out_of_gamut") << "\n";
  return kOk;
}

int cmdConvert(Ctx& c, const ParsedArgs& a) {
  const std::string& in = a.positionals[0];
  const std::string& outPath = a.positionals[1];
  im::SaveOptions o;
  if (im::formatFromExtension(outPath) == im::ImageFormat::Unknown)
    return c.fail(im::makeError(im::ErrorCode::UnsupportedOutputFormat,
                                {{"format", std::filesystem::path(outPath).extension().string()}, {"path", outPath}}));
  if (auto d = a.value("dpi")) {
    auto v = parsePositive(*d);
    if (!v || *v > 65535) return c.usage("cli.usage.bad_value", {{"arg", "--dpi"}, {"value", *d}}, "cli.help.convert");
    o.dpi = im::Dpi{*v, *v};
  }
  if (auto q = a.value("quality")) {
    auto v = parsePositive(*q);
    if (!v || *v > 100 || *v != std::floor(*v))
      return c.usage("cli.usage.bad_value", {{"arg", "--quality"}, {"value", *q}}, "cli.help.convert");
    o.jpegQuality = int(*v);
  }
  if (auto comp = a.value("compression")) {
    if (*comp == "deflate") o.tiffCompression = im::TiffCompression::Deflate;
    else if (*comp == "lzw") o.tiffCompression = im::TiffCompression::Lzw;
    else if (*comp == "none") o.tiffCompression = im::TiffCompression::None;
    else return c.usage("cli.usage.bad_value", {{"arg", "--compression"}, {"value", *comp}}, "cli.help.convert");
  }
  int status = 0;
  auto lo = loadOptions(c, a, "cli.help.convert", status);
  if (!lo) return status;
  auto img = im::loadImage(in, *lo);
  if (!img) return c.fail(img.error());
  if (!o.dpi) o.dpi = img->dpi;  // keep what the source said
  if (auto st = im::saveImage(img->pixels, outPath, o); !st) return c.fail(st.error());
  const Language l = c.tr.language();
  c.out << c.tr.tr("cli.converted", {{"path", outPath},
                                     {"w", std::to_string(img->pixels.cols)},
                                     {"h", std::to_string(img->pixels.rows)},
                                     {"dpi", o.dpi ? core::formatNumber(o.dpi->x, 0, l) : c.tr.tr("info.dpi.none")}})
        << "\n";
  return kOk;
}


// Whole numbers in a range, for -k, -n and --seed.
std::optional<long> parseInt(const std::string& s, long lo, long hi) {
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  if (end == s.c_str() || *end != '\0' || v < lo || v > hi) return std::nullopt;
  return v;
}

// Reads the options shared by the colour commands; returns false after
// printing a usage error into `status`.
struct ColourArgs {
  im::LoadOptions load;
  int k = 8;
  std::uint32_t seed = 1;
};
bool colourArgs(Ctx& c, const ParsedArgs& a, const std::string& helpKey, ColourArgs& out, int& status) {
  auto lo = loadOptions(c, a, helpKey, status);
  if (!lo) return false;
  out.load = *lo;
  if (auto k = a.value("k")) {
    auto v = parseInt(*k, 1, 64);
    if (!v) { status = c.usage("cli.usage.bad_value", {{"arg", "-k"}, {"value", *k}}, helpKey); return false; }
    out.k = int(*v);
  }
  if (auto sd = a.value("seed")) {
    auto v = parseInt(*sd, 0, 0x7fffffff);
    if (!v) { status = c.usage("cli.usage.bad_value", {{"arg", "--seed"}, {"value", *sd}}, helpKey); return false; }
    out.seed = std::uint32_t(*v);
  }
  return true;
}

std::optional<std::string> requireOut(Ctx& c, const ParsedArgs& a, const std::string& helpKey, int& status) {
  auto o = a.value("o");
  if (!o || o->empty()) {
    status = c.usage("cli.usage.missing_option", {{"arg", "-o"}}, helpKey);
    return std::nullopt;
  }
  return o;
}

// "#A=#B,rgb(1,2,3)=#C": commas inside parentheses belong to the colour.
std::vector<std::string> splitTopLevel(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string cur;
  int depth = 0;
  for (char ch : s) {
    if (ch == '(') ++depth;
    if (ch == ')') --depth;
    if (ch == sep && depth == 0) { parts.push_back(cur); cur.clear(); continue; }
    cur += ch;
  }
  parts.push_back(cur);
  return parts;
}

std::string hex(const im::Lab& l) { return im::formatColor(l, im::ColorNotation::Hex); }

int cmdPalette(Ctx& c, const ParsedArgs& a) {
  ColourArgs ca;
  int status = 0;
  if (!colourArgs(c, a, "cli.help.palette", ca, status)) return status;
  im::PaletteOptions po{.k = ca.k, .seed = ca.seed};
  if (auto ig = a.value("ignore")) {
    auto lab = im::parseColor(*ig);
    if (!lab) return c.fail(lab.error());
    po.ignore = *lab;
  }
  auto img = im::loadImage(a.positionals[0], ca.load);
  if (!img) return c.fail(img.error());
  auto pal = im::extractPalette(img->pixels, po);
  if (!pal) return c.fail(pal.error());
  pal->name = std::filesystem::path(a.positionals[0]).stem().string();
  if (a.flag("json")) {
    c.out << im::paletteToJson(*pal);
    return kOk;
  }
  const Language l = c.tr.language();
  char buf[160];
  for (std::size_t i = 0; i < pal->swatches.size(); ++i) {
    const im::Swatch& s = pal->swatches[i];
    std::snprintf(buf, sizeof buf, "%2zu  %s  lab(%.2f, %.2f, %.2f)  ", i + 1, hex(s.lab).c_str(), s.lab.L, s.lab.a, s.lab.b);
    c.out << buf << core::formatNumber(s.share * 100.0, 1, l) << "%\n";
  }
  return kOk;
}

int cmdQuantize(Ctx& c, const ParsedArgs& a) {
  ColourArgs ca;
  int status = 0;
  if (!colourArgs(c, a, "cli.help.quantize", ca, status)) return status;
  auto out = requireOut(c, a, "cli.help.quantize", status);
  if (!out) return status;
  auto img = im::loadImage(a.positionals[0], ca.load);
  if (!img) return c.fail(img.error());
  auto pal = im::extractPalette(img->pixels, {.k = ca.k, .seed = ca.seed});
  if (!pal) return c.fail(pal.error());
  const im::Palette refined = im::refineForQuantization(img->pixels, *pal, 2, ca.seed);
  if (auto st = im::saveQuantized(img->pixels, refined, *out, {.dpi = img->dpi}); !st) return c.fail(st.error());
  c.out << c.tr.tr("cli.quantized", {{"path", *out}, {"k", std::to_string(pal->swatches.size())}}) << "\n";
  return kOk;
}

int cmdRecolor(Ctx& c, const ParsedArgs& a) {
  ColourArgs ca;
  int status = 0;
  if (!colourArgs(c, a, "cli.help.recolor", ca, status)) return status;
  auto out = requireOut(c, a, "cli.help.recolor", status);
  if (!out) return status;
  auto map = a.value("map");
  if (!map) return c.usage("cli.usage.missing_option", {{"arg", "--map"}}, "cli.help.recolor");
  std::vector<std::pair<im::Lab, im::Lab>> pairs;
  for (const std::string& item : splitTopLevel(*map, ',')) {
    const auto parts = splitTopLevel(item, '=');
    if (parts.size() != 2) return c.usage("cli.usage.bad_map", {{"value", item}}, "cli.help.recolor");
    auto from = im::parseColor(parts[0]);
    if (!from) return c.fail(from.error());
    auto to = im::parseColor(parts[1]);
    if (!to) return c.fail(to.error());
    pairs.emplace_back(*from, *to);
  }
  auto img = im::loadImage(a.positionals[0], ca.load);
  if (!img) return c.fail(img.error());
  auto pal = im::extractPalette(img->pixels, {.k = ca.k, .seed = ca.seed});
  if (!pal) return c.fail(pal.error());
  const im::RecolorPlan plan = im::planMapping(*pal, pairs);
  const cv::Mat result = im::recolor(img->pixels, plan.source, plan.targets,
                                     a.flag("flat") ? im::RecolorMode::Flat : im::RecolorMode::ShadingPreserving);
  if (auto st = im::saveImage(result, *out, {.dpi = img->dpi}); !st) return c.fail(st.error());
  c.out << c.tr.tr("cli.recolored", {{"path", *out}}) << "\n";
  return kOk;
}

int cmdColorways(Ctx& c, const ParsedArgs& a) {
  ColourArgs ca;
  int status = 0;
  if (!colourArgs(c, a, "cli.help.colorways", ca, status)) return status;
  auto outDir = requireOut(c, a, "cli.help.colorways", status);
  if (!outDir) return status;
  long n = 9;
  if (auto v = a.value("n")) {
    auto p = parseInt(*v, 1, 64);
    if (!p) return c.usage("cli.usage.bad_value", {{"arg", "-n"}, {"value", *v}}, "cli.help.colorways");
    n = *p;
  }
  auto shipped = im::loadPaletteDir(core::assetsDir() / "palettes");
  if (!shipped) return c.fail(shipped.error());
  const std::string scheme = a.value("scheme").value_or("harmony");
  auto opts = im::schemeOptions(scheme, *shipped);
  if (!opts) return c.usage("cli.usage.bad_value", {{"arg", "--scheme"}, {"value", scheme}}, "cli.help.colorways");
  opts->count = int(n);
  opts->seed = ca.seed;
  auto img = im::loadImage(a.positionals[0], ca.load);
  if (!img) return c.fail(img.error());
  auto design = im::extractPalette(img->pixels, {.k = std::min(ca.k, 6), .seed = ca.seed});
  if (!design) return c.fail(design.error());
  std::error_code ec;
  std::filesystem::create_directories(*outDir, ec);
  if (ec || !std::filesystem::is_directory(*outDir))
    return c.fail(im::makeError(im::ErrorCode::DirectoryMissing, {{"path", *outDir}}, ec.message()));

  nlohmann::json index;
  index["source"] = a.positionals[0];
  index["scheme"] = scheme;
  index["seed"] = ca.seed;
  for (const im::Swatch& s : design->swatches) index["design"].push_back({{"hex", hex(s.lab)}, {"lab", {s.lab.L, s.lab.a, s.lab.b}}, {"share", s.share}});
  const auto colorways = im::generateColorways(*design, *opts);
  std::vector<std::optional<im::Lab>> targets(design->swatches.size());
  char name[48];
  for (std::size_t i = 0; i < colorways.size(); ++i) {
    const im::Colorway& cw = colorways[i];
    for (std::size_t j = 0; j < targets.size(); ++j) targets[j] = cw.colours[j];
    const cv::Mat result = im::recolor(img->pixels, *design, targets, im::RecolorMode::ShadingPreserving);
    std::snprintf(name, sizeof name, "colorway-%02zu.png", i + 1);
    if (auto st = im::saveImage(result, std::filesystem::path(*outDir) / name, {.dpi = img->dpi}); !st) return c.fail(st.error());
    nlohmann::json e;
    e["file"] = name;
    e["label"] = cw.label;
    for (const im::Lab& l : cw.colours) e["colors"].push_back({{"hex", hex(l)}, {"lab", {l.L, l.a, l.b}}});
    e["dyeable_in_succession"] = cw.dyeability.dyeable;
    for (int idx : cw.dyeability.order) e["dyeing_order"].push_back(hex(cw.colours[std::size_t(idx)]));
    e["not_dyeable_at"] = cw.dyeability.failAt >= 0 ? nlohmann::json(hex(cw.colours[std::size_t(cw.dyeability.order[std::size_t(cw.dyeability.failAt)])])) : nlohmann::json();
    index["colorways"].push_back(e);
    c.out << name << "  " << cw.label << "  "
          << c.tr.tr(cw.dyeability.dyeable ? "cli.colorway.dyeable" : "cli.colorway.not_dyeable") << "\n";
  }
  const auto indexPath = std::filesystem::path(*outDir) / "colorways.json";
  if (auto st = im::writeFileAtomic(indexPath, index.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"); !st) return c.fail(st.error());
  return kOk;
}


// "300x200" pixels, or "250x105cm" centimetres.
struct SizeArg {
  double w = 0, h = 0;
  bool cm = false;
};
std::optional<SizeArg> parseSize(std::string s) {
  SizeArg a;
  if (s.size() > 2 && s.substr(s.size() - 2) == "cm") {
    a.cm = true;
    s.resize(s.size() - 2);
  }
  const auto x = s.find('x');
  if (x == std::string::npos) return std::nullopt;
  char* e1 = nullptr;
  char* e2 = nullptr;
  const std::string ws = s.substr(0, x), hs = s.substr(x + 1);
  a.w = std::strtod(ws.c_str(), &e1);
  a.h = std::strtod(hs.c_str(), &e2);
  if (ws.empty() || hs.empty() || *e1 || *e2 || !(a.w > 0) || !(a.h > 0) || a.w > 1e6 || a.h > 1e6) return std::nullopt;
  return a;
}

// 8-bit BGR, as the pattern code and the print writers take.
cv::Mat toBgr8(const cv::Mat& m) {
  cv::Mat out = m;
  if (out.depth() == CV_16U) out.convertTo(out, CV_8U, 1.0 / 257.0);
  if (out.channels() == 1) cv::cvtColor(out, out, cv::COLOR_GRAY2BGR);
  else if (out.channels() == 4) cv::cvtColor(out, out, cv::COLOR_BGRA2BGR);
  return out;
}

// The tile at the print scale: --tile-cm sets its width; otherwise a tile
// that knows its DPI keeps its physical size at the output DPI.
std::optional<cv::Mat> tileAtScale(Ctx& c, const ParsedArgs& a, const im::Image& img, std::optional<double> outDpi,
                                   const std::string& helpKey, int& status) {
  cv::Mat tile = toBgr8(img.pixels);
  double factor = 1;
  if (auto tc = a.value("tile-cm")) {
    auto v = parsePositive(*tc);
    if (!v || !outDpi) {
      status = c.usage("cli.usage.bad_value", {{"arg", "--tile-cm"}, {"value", *tc}}, helpKey);
      return std::nullopt;
    }
    factor = im::cmToPx(*v, *outDpi) / double(tile.cols);
  } else if (outDpi && img.dpi) {
    factor = *outDpi / img.dpi->x;
  }
  if (std::fabs(factor - 1) > 1e-6) tile = im::scaleTile(tile, factor);
  return tile;
}

// PNG and TIFF stream to disk; other formats are rendered in memory.
int writeRows(Ctx& c, const im::StreamedImage& img, const std::string& out, std::optional<double> dpi) {
  const im::ImageFormat f = im::formatFromExtension(out);
  std::optional<im::Dpi> d;
  if (dpi) d = im::Dpi{*dpi, *dpi};
  if (f == im::ImageFormat::Png || f == im::ImageFormat::Tiff) {
    if (auto st = im::writeStreamed(img, out, {.dpi = d}); !st) return c.fail(st.error());
  } else {
    if (f == im::ImageFormat::Unknown)
      return c.fail(im::makeError(im::ErrorCode::UnsupportedOutputFormat, {{"format", std::filesystem::path(out).extension().string()}, {"path", out}}));
    if (im::uncompressedBytes(img) > (1ull << 31))
      return c.fail(im::makeError(im::ErrorCode::TooManyPixels, {{"width", std::to_string(img.size.width)}, {"height", std::to_string(img.size.height)},
                                                                 {"megapixels", std::to_string(img.size.area() / 1000000)}, {"limit", "700"}}));
    cv::Mat all;
    img.rows(0, img.size.height, all);
    if (auto st = im::saveImage(all, out, {.dpi = d}); !st) return c.fail(st.error());
  }
  c.out << c.tr.tr("cli.converted", {{"path", out}, {"w", std::to_string(img.size.width)}, {"h", std::to_string(img.size.height)},
                                     {"dpi", dpi ? core::formatNumber(*dpi, 0, c.tr.language()) : c.tr.tr("info.dpi.none")}})
        << "\n";
  return kOk;
}

int cmdRepeat(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.repeat";
  int status = 0;
  auto out = requireOut(c, a, help, status);
  if (!out) return status;
  im::RepeatSpec spec;
  const std::string layout = a.value("layout").value_or("straight");
  auto l = im::parseRepeat(layout);
  if (!l) return c.usage("cli.usage.bad_value", {{"arg", "--layout"}, {"value", layout}}, help);
  spec.layout = *l;
  if (auto d = a.value("drop")) {
    auto f = im::parseFraction(*d);
    if (!f) return c.usage("cli.usage.bad_value", {{"arg", "--drop"}, {"value", *d}}, help);
    spec.drop = *f;
  }
  std::optional<double> dpi;
  if (auto d = a.value("dpi")) {
    auto v = parsePositive(*d);
    if (!v || *v > 2400) return c.usage("cli.usage.bad_value", {{"arg", "--dpi"}, {"value", *d}}, help);
    dpi = *v;
  }
  cv::Size size;
  if (auto px = a.value("out-px")) {
    auto s = parseSize(*px);
    if (!s || s->cm) return c.usage("cli.usage.bad_value", {{"arg", "--out-px"}, {"value", *px}}, help);
    size = cv::Size(int(s->w), int(s->h));
  } else if (auto cm = a.value("size")) {
    auto s = parseSize(*cm);
    if (!s || !s->cm || !dpi) return c.usage("cli.usage.bad_value", {{"arg", "--size"}, {"value", *cm}}, help);
    size = cv::Size(im::cmToPx(s->w, *dpi), im::cmToPx(s->h, *dpi));
  } else {
    return c.usage("cli.usage.missing_option", {{"arg", "--out-px | --size --dpi"}}, help);
  }
  auto img = im::loadImage(a.positionals[0]);
  if (!img) return c.fail(img.error());
  auto tile = tileAtScale(c, a, *img, dpi, help, status);
  if (!tile) return status;
  if (a.flag("seamless")) *tile = im::makeSeamless(*tile);
  if (auto st = im::checkRepeat(*tile, spec, size); !st) return c.fail(st.error());
  im::StreamedImage rows;
  rows.size = size;
  rows.type = CV_8UC3;
  const cv::Mat t = *tile;
  rows.rows = [t, spec, size](int y0, int y1, cv::Mat& band) { im::renderRepeatRows(t, spec, size, y0, y1, band); };
  return writeRows(c, rows, *out, dpi ? dpi : (img->dpi ? std::optional(img->dpi->x) : std::nullopt));
}

int cmdSymmetry(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.symmetry";
  int status = 0;
  auto out = requireOut(c, a, help, status);
  if (!out) return status;
  auto group = a.value("group");
  if (!group) return c.usage("cli.usage.missing_option", {{"arg", "--group"}}, help);
  auto img = im::loadImage(a.positionals[0]);
  if (!img) return c.fail(img.error());
  const cv::Mat tile = toBgr8(img->pixels);
  cv::Mat cell;
  if (group->rfind("kaleido-", 0) == 0) {
    auto k = im::kaleidoscope(tile, std::atoi(group->c_str() + 8));
    if (!k) return c.usage("cli.usage.bad_value", {{"arg", "--group"}, {"value", *group}}, help);
    cell = *k;
  } else if (auto g = im::parseWallpaper(*group)) {
    cell = im::wallpaperCell(tile, *g);
  } else {
    return c.usage("cli.usage.bad_value", {{"arg", "--group"}, {"value", *group}}, help);
  }
  cv::Mat result = cell;
  if (auto px = a.value("out-px")) {
    auto s = parseSize(*px);
    if (!s || s->cm) return c.usage("cli.usage.bad_value", {{"arg", "--out-px"}, {"value", *px}}, help);
    result = im::renderRepeat(cell, {}, cv::Size(int(s->w), int(s->h)));
  }
  if (auto st = im::saveImage(result, *out, {.dpi = img->dpi}); !st) return c.fail(st.error());
  c.out << c.tr.tr("cli.recolored", {{"path", *out}}) << "\n";
  return kOk;
}

int cmdLayout(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.layout";
  int status = 0;
  auto out = requireOut(c, a, help, status);
  if (!out) return status;
  auto layouts = im::loadLayouts(core::assetsDir() / "layouts" / "kain.json");
  if (!layouts) return c.fail(layouts.error());
  const std::string kind = a.positionals[0];
  const im::ClothLayout* base = nullptr;
  for (const auto& l : *layouts)
    if (l.id == kind) base = &l;
  if (!base) return c.usage("cli.usage.bad_value", {{"arg", "KAIN"}, {"value", kind}}, help);
  im::ClothRender cloth;
  cloth.layout = *base;
  auto motifPath = a.value("motif");
  if (!motifPath) return c.usage("cli.usage.missing_option", {{"arg", "--motif"}}, help);
  auto d = a.value("dpi");
  auto sz = a.value("size");
  if (!d) return c.usage("cli.usage.missing_option", {{"arg", "--dpi"}}, help);
  auto dpi = parsePositive(*d);
  if (!dpi || *dpi > 2400) return c.usage("cli.usage.bad_value", {{"arg", "--dpi"}, {"value", *d}}, help);
  cloth.dpi = *dpi;
  if (sz) {
    auto s = parseSize(*sz);
    if (!s || !s->cm) return c.usage("cli.usage.bad_value", {{"arg", "--size"}, {"value", *sz}}, help);
    cloth.layout.lengthCm = s->w;
    cloth.layout.heightCm = s->h;
  }
  if (auto l = a.value("layout")) {
    auto r = im::parseRepeat(*l);
    if (!r) return c.usage("cli.usage.bad_value", {{"arg", "--layout"}, {"value", *l}}, help);
    cloth.repeat.layout = *r;
  }
  auto motif = im::loadImage(*motifPath);
  if (!motif) return c.fail(motif.error());
  auto tile = tileAtScale(c, a, *motif, cloth.dpi, help, status);
  if (!tile) return status;
  cloth.motif = *tile;
  if (auto b = a.value("border")) {
    auto border = im::loadImage(*b);
    if (!border) return c.fail(border.error());
    cloth.border = toBgr8(border->pixels);
  }
  if (auto st = im::checkCloth(cloth); !st) return c.fail(st.error());
  return writeRows(c, im::clothImage(cloth), *out, cloth.dpi);
}


// --KEY N within [lo, hi] into v; v keeps its default when the option is
// absent. False (with `status` set to a usage error) when the value is bad.
bool readNumber(Ctx& c, const ParsedArgs& a, const char* key, double lo, double hi, const std::string& help, int& status, double& v) {
  auto s = a.value(key);
  if (!s) return true;
  char* e = nullptr;
  const double x = std::strtod(s->c_str(), &e);
  if (s->empty() || *e || !(x >= lo && x <= hi)) {
    status = c.usage("cli.usage.bad_value", {{"arg", std::string("--") + key}, {"value", *s}}, help);
    return false;
  }
  v = x;
  return true;
}

int cmdMotif(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.motif";
  int status = 0;
  auto out = requireOut(c, a, help, status);
  if (!out) return status;
  auto kind = im::parseMotif(a.positionals[0]);
  if (!kind) return c.usage("cli.usage.bad_value", {{"arg", "NAME"}, {"value", a.positionals[0]}}, help);
  im::MotifParams p;
  auto num = [&](const char* key, double lo, double hi, double& v) { return readNumber(c, a, key, lo, hi, help, status, v); };
  double size = p.size, seed = p.seed;
  if (!num("size", 32, 20000, size) || !num("seed", 0, 2147483647, seed) || !num("dpi", 10, 2400, p.dpi) ||
      !num("line-mm", 0.1, 20, p.lineMm) || !num("isen-mm", 0.1, 20, p.isenMm) || !num("density", 0.25, 4, p.density))
    return status;
  p.size = int(size);
  p.seed = std::uint32_t(seed);
  auto layers = im::generateMotif(*kind, p);
  if (!layers) return c.fail(layers.error());
  const im::SaveOptions so{.dpi = im::Dpi{p.dpi, p.dpi}};
  if (auto st = im::saveImage(layers->picture, *out, so); !st) return c.fail(st.error());
  if (auto dir = a.value("layers")) {
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    for (const auto& [name, mask] : {std::pair{"outline", &layers->outline}, std::pair{"isen", &layers->isen}, std::pair{"ground", &layers->ground}})
      if (auto st = im::saveImage(*mask, std::filesystem::path(*dir) / (std::string(name) + ".png"), so); !st) return c.fail(st.error());
  }
  c.out << c.tr.tr("cli.converted", {{"path", *out}, {"w", std::to_string(p.size)}, {"h", std::to_string(p.size)},
                                     {"dpi", core::formatNumber(p.dpi, 0, c.tr.language())}})
        << "\n";
  return kOk;
}


int cmdPola(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.pola";
  int status = 0;
  auto out = requireOut(c, a, help, status);
  if (!out) return status;
  auto w = a.value("width-cm");
  if (!w) return c.usage("cli.usage.missing_option", {{"arg", "--width-cm"}}, help);
  auto widthCm = parsePositive(*w);
  if (!widthCm || *widthCm > 2000) return c.usage("cli.usage.bad_value", {{"arg", "--width-cm"}, {"value", *w}}, help);
  im::PolaOptions po;
  if (auto l = a.value("line-mm")) {
    auto v = parsePositive(*l);
    if (!v || *v > 20) return c.usage("cli.usage.bad_value", {{"arg", "--line-mm"}, {"value", *l}}, help);
    po.lineMm = *v;
  }
  po.thin = a.flag("thin");
  im::PrintOptions pr;
  if (auto p = a.value("paper")) {
    if (*p == "A4" || *p == "a4") pr.paper = im::Paper::A4;
    else if (*p == "F4" || *p == "f4") pr.paper = im::Paper::F4;
    else return c.usage("cli.usage.bad_value", {{"arg", "--paper"}, {"value", *p}}, help);
  }
  auto img = im::loadImage(a.positionals[0]);
  if (!img) return c.fail(img.error());
  // The image's own scale once printed at the asked width.
  const double dpi = img->pixels.cols / (*widthCm / 2.54);
  auto pola = im::extractPola(img->pixels, std::clamp(dpi, 10.0, 2400.0), po);
  if (!pola) return c.fail(pola.error());
  auto plan = im::planPages(pola->size(), *widthCm, pr);
  if (!plan) return c.fail(plan.error());
  if (auto st = im::writePolaPdf(*pola, *widthCm, pr, *out); !st) return c.fail(st.error());
  c.out << c.tr.tr("cli.pola_written", {{"path", *out}, {"pages", std::to_string(plan->pages())}, {"cols", std::to_string(plan->cols)},
                                        {"rows", std::to_string(plan->rows)}})
        << "\n";
  return kOk;
}

// --- dye lab -------------------------------------------------------------------------

// --dyes FILE lets an administrator try an edited dye book without replacing the bundled one.
std::optional<im::DyeBook> dyeBook(Ctx& c, const ParsedArgs& a, int& status) {
  const std::filesystem::path file = a.value("dyes").value_or((core::assetsDir() / "dyes" / "dyes.json").string());
  auto b = im::loadDyeBook(file);
  if (!b) {
    status = c.fail(b.error());
    return std::nullopt;
  }
  return std::move(*b);
}

std::string hexOf(const im::Lab& lab) {
  const im::Rgb8 c = im::labToSrgb8(lab);
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02X%02X%02X", c.r, c.g, c.b);
  return buf;
}

int cmdDyeList(Ctx& c, const ParsedArgs& a) {
  int status = 0;
  auto book = dyeBook(c, a, status);
  if (!book) return status;
  const int li = c.tr.language() == Language::Indonesian ? 0 : 1;
  if (a.flag("json")) {
    nlohmann::json j;
    j["cloth"] = hexOf(book->cloth);
    for (const auto& d : book->dyes)
      j["dyes"].push_back({{"id", d.id}, {"name", d.name[li]}, {"kind", d.kind}, {"colour", hexOf(d.colour)},
                           {"reference_g_per_l", d.refConcentration}, {"reference_dips", d.refDips}, {"recipe_g_per_l", d.gramsPerLitre},
                           {"liquor_ratio", d.liquorRatio}, {"temperature_c", d.temperatureC}, {"confidence", d.confidence}, {"source", d.source}});
    for (const auto& f : book->fixers)
      j["fixers"].push_back({{"id", f.id}, {"name", f.name[li]}, {"g_per_l", f.gramsPerLitre}, {"effect", f.effect[li]},
                             {"confidence", f.confidence}, {"source", f.source}});
    c.out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kOk;
  }
  c.out << c.tr.tr("cli.dye.dyes_heading") << "\n";
  for (const auto& d : book->dyes)
    c.out << "  " << d.id << "  " << hexOf(d.colour) << "  " << d.name[li] << "  (" << d.kind << ", "
          << c.tr.tr("cli.dye.confidence", {{"value", d.confidence}}) << ")\n";
  c.out << c.tr.tr("cli.dye.fixers_heading") << "\n";
  for (const auto& f : book->fixers) c.out << "  " << f.id << "  " << f.name[li] << ": " << f.effect[li] << "\n";
  return kOk;
}


int cmdDyeSimulate(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.dye_simulate";
  int status = 0;
  auto out = requireOut(c, a, help, status);
  if (!out) return status;
  auto book = dyeBook(c, a, status);
  if (!book) return status;
  double dpi = 150;
  if (!readNumber(c, a, "dpi", 10, 2400, help, status, dpi)) return status;
  const auto motif = a.value("motif"), layersDir = a.value("layers");
  if (!motif == !layersDir) return c.usage("cli.usage.missing_option", {{"arg", "--motif | --layers"}}, help);
  im::Layers layers;
  if (motif) {
    auto img = im::loadImage(*motif);
    if (!img) return c.fail(img.error());
    if (!a.value("dpi") && img->dpi && img->dpi->x >= 10 && img->dpi->x <= 2400) dpi = img->dpi->x;
    auto l = im::layersFromImage(img->pixels, dpi);
    if (!l) return c.fail(l.error());
    layers = std::move(*l);
  } else {
    auto l = im::loadLayers(*layersDir);
    if (!l) return c.fail(l.error());
    layers = std::move(*l);
  }
  const std::filesystem::path planFile = a.positionals[0];
  auto plan = im::loadPlan(planFile, *book);
  if (!plan) return c.fail(plan.error());
  im::SimOptions so;
  so.dpi = dpi;
  so.planDir = planFile.parent_path();
  auto states = im::simulate(*plan, layers, *book, so);
  if (!states) return c.fail(states.error());
  const cv::Mat result = im::renderCloth(states->back());
  if (auto st = im::saveImage(result, *out, {.dpi = im::Dpi{dpi, dpi}}); !st) return c.fail(st.error());
  if (auto dir = a.value("steps")) {
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    for (std::size_t i = 0; i < states->size(); ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "step-%02zu.png", i);
      if (auto st = im::saveImage(im::renderCloth((*states)[i], true), std::filesystem::path(*dir) / name); !st) return c.fail(st.error());
    }
  }
  c.out << c.tr.tr("cli.dye.simulated", {{"path", *out}, {"steps", std::to_string(plan->steps.size())}}) << "\n";
  if (auto t = a.value("target")) {
    auto target = im::loadImage(*t);
    if (!target) return c.fail(target.error());
    cv::Mat tp = target->pixels;
    if (tp.depth() != CV_8U) tp.convertTo(tp, CV_8U, tp.depth() == CV_16U ? 1.0 / 257 : 255.0);
    if (tp.channels() == 1) cv::cvtColor(tp, tp, cv::COLOR_GRAY2BGR);
    const im::Score sc = im::scoreAgainst(result, tp, layers, *plan);
    const Language L = c.tr.language();
    c.out << c.tr.tr("cli.dye.score", {{"mean", core::formatNumber(sc.meanDeltaE, 2, L)},
                                        {"share", core::formatNumber(100 * sc.shareWithin5, 1, L)},
                                        {"baths", std::to_string(sc.bathsUsed)}, {"fewest", std::to_string(sc.fewestBaths)}})
          << "\n";
    if (!sc.worstLayer.empty() && sc.worstLayerDeltaE > 5)
      c.out << c.tr.tr("cli.dye.worst_layer", {{"layer", c.tr.tr("dye.layer." + sc.worstLayer)},
                                                {"de", core::formatNumber(sc.worstLayerDeltaE, 1, L)}})
            << "\n";
  }
  return kOk;
}

int cmdDyeRecipe(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.dye_recipe";
  int status = 0;
  auto book = dyeBook(c, a, status);
  if (!book) return status;
  // The cloth's weight, or its size and weight per square metre (the mori's
  // gsm on the bolt's label): 250 x 105 cm at 110 g/m2 is 289 g.
  std::optional<double> grams;
  if (a.value("cloth-g")) {
    double g = 0;
    if (!readNumber(c, a, "cloth-g", 1, 100000, help, status, g)) return status;
    grams = g;
  } else if (auto size = a.value("cloth-cm")) {
    double w = 0, h = 0;
    char x = 0, extra = 0;
    if (std::sscanf(size->c_str(), "%lf%c%lf%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X') || !(w >= 1 && w <= 10000) || !(h >= 1 && h <= 10000))
      return c.usage("cli.usage.bad_value", {{"arg", "--cloth-cm"}, {"value", *size}}, help);
    if (!a.value("gsm")) return c.usage("cli.usage.missing_option", {{"arg", "--gsm"}}, help);
    double gsm = 0;
    if (!readNumber(c, a, "gsm", 10, 1000, help, status, gsm)) return status;
    grams = w / 100 * h / 100 * gsm;
  } else {
    return c.usage("cli.usage.missing_option", {{"arg", "--cloth-g | --cloth-cm"}}, help);
  }
  double ratio = 20;
  if (!readNumber(c, a, "ratio", 5, 100, help, status, ratio)) return status;
  auto plan = im::loadPlan(a.positionals[0], *book);
  if (!plan) return c.fail(plan.error());
  auto recipe = im::computeRecipe(*plan, *book, *grams, ratio);
  if (!recipe) return c.fail(recipe.error());
  const std::vector<im::CardLine> card = core::recipeLines(c.tr, *plan, *book, *recipe);
  for (const auto& line : card) c.out << (line.heading ? "" : "  ") << line.text << "\n";
  if (auto pdf = a.value("pdf")) {
    const std::string title = c.tr.tr("cli.dye.recipe_title", {{"plan", plan->name.empty() ? std::filesystem::path(a.positionals[0]).stem().string() : plan->name}});
    if (auto st = im::writeRecipeCard(title, card, *pdf); !st) return c.fail(st.error());
    c.out << c.tr.tr("cli.dye.card_written", {{"path", *pdf}}) << "\n";
  }
  return kOk;
}

const std::vector<Command>& commands() {
  static const std::vector<Command> list = {
      {"info", {{"IMAGE"}, {"json"}, {"max-mp"}}, "cli.help.info", cmdInfo},
      {"color delta-e", {{"COLOUR1", "COLOUR2"}, {}, {}}, "cli.help.color_delta_e", cmdDeltaE},
      {"color convert", {{"COLOUR"}, {}, {"to"}}, "cli.help.color_convert", cmdConvertColor},
      {"convert", {{"IN", "OUT"}, {}, {"dpi", "quality", "compression", "max-mp"}}, "cli.help.convert", cmdConvert},
      {"palette", {{"IMAGE"}, {"json"}, {"k", "seed", "ignore", "max-mp"}, {'k'}}, "cli.help.palette", cmdPalette},
      {"quantize", {{"IMAGE"}, {}, {"k", "o", "seed", "max-mp"}, {'k', 'o'}}, "cli.help.quantize", cmdQuantize},
      {"recolor", {{"IMAGE"}, {"flat"}, {"map", "o", "k", "seed", "max-mp"}, {'k', 'o'}}, "cli.help.recolor", cmdRecolor},
      {"colorways", {{"IMAGE"}, {}, {"n", "scheme", "seed", "o", "k", "max-mp"}, {'n', 'o', 'k'}}, "cli.help.colorways", cmdColorways},
      {"motif", {{"NAME"}, {}, {"size", "seed", "dpi", "line-mm", "isen-mm", "density", "layers", "o"}, {'o'}}, "cli.help.motif", cmdMotif},
      {"pola", {{"IMAGE"}, {"thin"}, {"width-cm", "line-mm", "paper", "o"}, {'o'}}, "cli.help.pola", cmdPola},
      {"repeat", {{"TILE"}, {"seamless"}, {"layout", "drop", "out-px", "size", "dpi", "tile-cm", "o"}, {'o'}}, "cli.help.repeat", cmdRepeat},
      {"symmetry", {{"TILE"}, {}, {"group", "out-px", "o"}, {'o'}}, "cli.help.symmetry", cmdSymmetry},
      {"layout", {{"KAIN"}, {}, {"motif", "border", "size", "dpi", "layout", "tile-cm", "o"}, {'o'}}, "cli.help.layout", cmdLayout},
      {"dye list", {{}, {"json"}, {"dyes"}}, "cli.help.dye_list", cmdDyeList},
      {"dye simulate", {{"PLAN"}, {}, {"motif", "layers", "target", "steps", "dpi", "dyes", "o"}, {'o'}}, "cli.help.dye_simulate", cmdDyeSimulate},
      {"dye recipe", {{"PLAN"}, {}, {"cloth-g", "cloth-cm", "gsm", "ratio", "pdf", "dyes"}}, "cli.help.dye_recipe", cmdDyeRecipe},
  };
  return list;
}

}  // namespace

int run(const std::vector<std::string>& argsIn, std::ostream& out, std::ostream& err) {
  // --lang may stand anywhere; it is taken out before the command is parsed.
  Language lang = Language::Indonesian;
  if (const char* env = std::getenv("CANTING_LANG")) core::parseLanguage(env, lang);
  std::vector<std::string> args;
  std::string badLang;
  for (std::size_t i = 0; i < argsIn.size(); ++i) {
    const std::string& a = argsIn[i];
    std::string value;
    if (a == "--lang" && i + 1 < argsIn.size()) value = argsIn[++i];
    else if (a.rfind("--lang=", 0) == 0) value = a.substr(7);
    else { args.push_back(a); continue; }
    if (!core::parseLanguage(value, lang)) badLang = value;
  }
  Ctx c{Translator{}, out, err};
  if (!c.tr.load(core::assetsDir() / "i18n", lang)) {
    err << "canting-cli: " << c.tr.loadError() << "\n";
    return kBadInput;
  }
  if (!badLang.empty()) return c.usage("cli.usage.bad_value", {{"arg", "--lang"}, {"value", badLang}}, "cli.help.main");
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    (args.empty() ? err : out) << c.tr.tr("cli.help.main") << "\n";
    return args.empty() ? kUsage : kOk;
  }
  if (args[0] == "--version") {
    out << "canting-cli " << CANTING_VERSION << "\n";
    return kOk;
  }
  std::vector<Command> all = commands();
  for (auto& t : trainingCommands()) all.push_back(std::move(t));
  for (auto& t : showroomCommands()) all.push_back(std::move(t));
  for (const Command& cmd : all) {
    std::vector<std::string> words;
    for (std::size_t at = 0; at <= cmd.name.size();) {
      const std::size_t sp = std::min(cmd.name.find(' ', at), cmd.name.size());
      words.push_back(cmd.name.substr(at, sp - at));
      at = sp + 1;
    }
    if (args[0] != words[0]) continue;
    if (words.size() > 1 && (args.size() < 2 || args[1] == "--help" || args[1] == "-h")) {
      out << c.tr.tr("cli.help." + words[0]) << "\n";
      return args.size() < 2 ? kUsage : kOk;
    }
    bool match = true;
    for (std::size_t k = 1; k < words.size() && match; ++k) match = k < args.size() && args[k] == words[k];
    if (!match) continue;
    const std::size_t consumed = words.size();
    ParsedArgs parsed;
    const std::vector<std::string> rest(args.begin() + std::ptrdiff_t(consumed), args.end());
    if (auto problem = parseArgs(rest, cmd.spec, parsed)) return c.usage(problem->key, {{"arg", problem->arg}}, cmd.helpKey);
    if (parsed.help) {
      out << c.tr.tr(cmd.helpKey) << "\n";
      return kOk;
    }
    return cmd.run(c, parsed);
  }
  const bool group = args[0] == "color" || args[0] == "dye" || args[0] == "training" || args[0] == "showroom";
  return c.usage("cli.usage.unknown_command", {{"arg", group && args.size() > 1 ? args[0] + " " + args[1] : args[0]}},
                 group ? "cli.help." + args[0] : "cli.help.main");
}

}  // namespace canting::cli
