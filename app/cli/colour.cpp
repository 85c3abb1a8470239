// canting-cli's colour commands: palette, quantize, recolor, adjust, tone,
// colorways. Each parses its options into the app/core action the Studio
// uses (QuantizeOp, RecolorMapAction, AdjustOp, ToneOp, ColorwaysAction),
// opens the image as the Studio does (core::designFromFile) and renders the
// design's stack: the same pixels as the Studio for the same parameters.

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_internal.h"
#include "canting/base/json.h"
#include "canting/core/actions.h"
#include "canting/core/colorway_text.h"
#include "canting/imaging/color.h"
#include "canting/imaging/colorway.h"
#include "canting/imaging/file_io.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/palette.h"

namespace canting::cli {

namespace {

using core::Language;
namespace im = imaging;

// [SECTION] shared options

// -k, --seed and --max-mp, with the action's own default for -k.
struct ColourArgs {
  im::LoadOptions load;
  int k = 0;
  std::uint32_t seed = 1;
};
bool colourArgs(Ctx& c, const ParsedArgs& a, const std::string& helpKey, int defaultK, ColourArgs& out, int& status) {
  auto lo = loadOptions(c, a, helpKey, status);
  if (!lo) return false;
  out.load = *lo;
  out.k = defaultK;
  if (auto k = a.value("k")) {
    auto v = parseInt(*k, core::QuantizeOp::kMinColours, core::QuantizeOp::kMaxColours);
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

// [SECTION] palette and quantize

int cmdPalette(Ctx& c, const ParsedArgs& a) {
  ColourArgs ca;
  int status = 0;
  if (!colourArgs(c, a, "cli.help.palette", im::PaletteOptions{}.k, ca, status)) return status;
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
    std::snprintf(buf, sizeof buf, "%2zu  %s  lab(%.2f, %.2f, %.2f)  ", i + 1, im::formatHex(s.lab).c_str(), s.lab.L, s.lab.a, s.lab.b);
    c.out << buf << core::formatNumber(s.share * 100.0, 1, l) << "%\n";
  }
  return kOk;
}

int cmdQuantize(Ctx& c, const ParsedArgs& a) {
  ColourArgs ca;
  int status = 0;
  if (!colourArgs(c, a, "cli.help.quantize", core::QuantizeOp{}.colours, ca, status)) return status;
  auto out = requireOut(c, a, "cli.help.quantize", status);
  if (!out) return status;
  const core::QuantizeOp op{.colours = ca.k, .seed = ca.seed};
  if (auto st = op.validate(); !st) return c.fail(st.error());
  auto d = core::designFromFile(a.positionals[0], {.colours = 0, .load = ca.load});
  if (!d) return c.fail(d.error());
  // QuantizeOp::run() is quantize(image, palette(image)); saveQuantized writes
  // those same pixels, as an indexed PNG where it can.
  auto pal = op.palette(d->source.pixels);
  if (!pal) return c.fail(pal.error());
  if (auto st = im::saveQuantized(d->source.pixels, *pal, *out, {.dpi = d->source.dpi}); !st) return c.fail(st.error());
  c.out << c.tr.tr("cli.quantized", {{"path", *out}, {"k", std::to_string(pal->swatches.size())}}) << "\n";
  return kOk;
}

// [SECTION] recolor, adjust, tone

int cmdRecolor(Ctx& c, const ParsedArgs& a) {
  ColourArgs ca;
  int status = 0;
  if (!colourArgs(c, a, "cli.help.recolor", core::OpenOptions{}.colours, ca, status)) return status;
  auto out = requireOut(c, a, "cli.help.recolor", status);
  if (!out) return status;
  auto map = a.value("map");
  if (!map) return c.usage("cli.usage.missing_option", {{"arg", "--map"}}, "cli.help.recolor");
  core::RecolorMapAction action;
  action.mode = a.flag("flat") ? im::RecolorMode::Flat : im::RecolorMode::ShadingPreserving;
  for (const std::string& item : splitTopLevel(*map, ',')) {
    const auto parts = splitTopLevel(item, '=');
    if (parts.size() != 2) return c.usage("cli.usage.bad_map", {{"value", item}}, "cli.help.recolor");
    auto from = im::parseColor(parts[0]);
    if (!from) return c.fail(from.error());
    auto to = im::parseColor(parts[1]);
    if (!to) return c.fail(to.error());
    action.pairs.emplace_back(*from, *to);
  }
  if (auto st = action.validate(); !st) return c.usage("cli.usage.bad_map", {{"value", *map}}, "cli.help.recolor");
  auto d = core::designFromFile(a.positionals[0], {.colours = ca.k, .seed = ca.seed, .load = ca.load});
  if (!d) return c.fail(d.error());
  d->ops = {core::Operation(action.run(*d))};
  return writeDesign(c, *d, *out);
}

int cmdAdjust(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.adjust";
  int status = 0;
  core::AdjustOp op;
  const double s = core::AdjustOp::kMaxScale;
  if (!readNumber(c, a, "hue", -core::AdjustOp::kMaxHue, core::AdjustOp::kMaxHue, help, status, op.adjust.hueShift) ||
      !readNumber(c, a, "chroma", 0, s, help, status, op.adjust.chromaScale) ||
      !readNumber(c, a, "lightness", 0, s, help, status, op.adjust.lightnessScale) ||
      !readNumber(c, a, "contrast", 0, s, help, status, op.adjust.contrast))
    return status;
  return runStack(c, a, help, {core::Operation(op)});
}

int cmdTone(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.tone";
  int status = 0;
  auto named = shippedPalettes(c, status);
  if (!named) return status;
  core::ToneOp op;
  op.paletteId = a.value("palette").value_or("");
  bool known = false;
  for (const im::Palette& p : *named) known |= p.id == op.paletteId;
  if (!known) return c.usage("cli.usage.bad_value", {{"arg", "--palette"}, {"value", op.paletteId}}, help);
  if (!readNumber(c, a, "strength", 0, 1, help, status, op.strength)) return status;
  return runStack(c, a, help, {core::Operation(op)}, *named);
}

// [SECTION] colorways

int cmdColorways(Ctx& c, const ParsedArgs& a) {
  ColourArgs ca;
  int status = 0;
  // -k above the design palette's size is capped at it, as the Studio's swatches are.
  if (!colourArgs(c, a, "cli.help.colorways", core::OpenOptions{}.colours, ca, status)) return status;
  auto outDir = requireOut(c, a, "cli.help.colorways", status);
  if (!outDir) return status;
  core::ColorwaysAction action;
  action.seed = ca.seed;
  if (auto v = a.value("n")) {
    auto p = parseInt(*v, 1, core::ColorwaysAction::kMaxCount);
    if (!p) return c.usage("cli.usage.bad_value", {{"arg", "-n"}, {"value", *v}}, "cli.help.colorways");
    action.count = int(*p);
  }
  auto shipped = shippedPalettes(c, status);
  if (!shipped) return status;
  const std::string scheme = a.value("scheme").value_or(core::schemeName(action.scheme));
  auto parsed = core::parseScheme(scheme);
  if (!parsed) return c.usage("cli.usage.bad_value", {{"arg", "--scheme"}, {"value", scheme}}, "cli.help.colorways");
  action.scheme = *parsed;
  auto d = core::designFromFile(a.positionals[0], {.colours = std::min(ca.k, core::kDesignColours), .seed = ca.seed, .load = ca.load});
  if (!d) return c.fail(d.error());
  auto colorways = action.run(*d, *shipped);
  if (!colorways) return c.fail(colorways.error());
  std::error_code ec;
  std::filesystem::create_directories(*outDir, ec);
  if (ec || !std::filesystem::is_directory(*outDir))
    return c.fail(im::makeError(im::ErrorCode::DirectoryMissing, {{"path", *outDir}}, ec.message()));

  nlohmann::json index;
  index["source"] = a.positionals[0];
  index["scheme"] = scheme;
  index["seed"] = ca.seed;
  for (const im::Swatch& s : d->palette.swatches)
    index["design"].push_back({{"hex", im::formatHex(s.lab)}, {"lab", {s.lab.L, s.lab.a, s.lab.b}}, {"share", s.share}});
  char name[48];
  for (std::size_t i = 0; i < colorways->size(); ++i) {
    const im::Colorway& cw = (*colorways)[i];
    // Adopting a colourway in the Studio is this recolour.
    d->ops = {core::Operation(core::RecolorOp{im::RecolorMode::ShadingPreserving, core::ColorwaysAction::targets(cw)})};
    std::snprintf(name, sizeof name, "colorway-%02zu.png", i + 1);
    const core::ExportAction save{std::filesystem::path(*outDir) / name, {.dpi = d->source.dpi}};
    if (auto st = save.run(core::renderOutput(*d, *shipped)); !st) return c.fail(st.error());
    nlohmann::json e;
    e["file"] = name;
    e["label"] = cw.label;
    for (const im::Lab& l : cw.colours) e["colors"].push_back({{"hex", im::formatHex(l)}, {"lab", {l.L, l.a, l.b}}});
    e["dyeable_in_succession"] = cw.dyeability.dyeable;
    for (int idx : cw.dyeability.order) e["dyeing_order"].push_back(im::formatHex(cw.colours[std::size_t(idx)]));
    e["not_dyeable_at"] = cw.dyeability.failAt >= 0
                              ? nlohmann::json(im::formatHex(cw.colours[std::size_t(cw.dyeability.order[std::size_t(cw.dyeability.failAt)])]))
                              : nlohmann::json();
    e["dyeable"] = cw.process.dyeable;
    e["process"] = core::dyeProcessJson(c.tr, cw.colours, cw.process);
    index["colorways"].push_back(e);
    c.out << name << "  " << core::colorwayName(c.tr, cw) << "  "
          << c.tr.tr(cw.process.dyeable ? "cli.colorway.dyeable" : "cli.colorway.not_dyeable") << "\n";
    c.out << "    " << core::dyeProcessSummary(c.tr, cw.colours, cw.process) << "\n";
  }
  const auto indexPath = std::filesystem::path(*outDir) / "colorways.json";
  if (auto st = im::writeFileAtomic(indexPath, base::dumpJson(index, 2) + "\n"); !st)
    return c.fail(st.error());
  return kOk;
}

}  // namespace

std::vector<Command> colourCommands() {
  return {
      {"palette", {{"IMAGE"}, {"json"}, {"k", "seed", "ignore", "max-mp"}, {'k'}}, "cli.help.palette", cmdPalette},
      {"quantize", {{"IMAGE"}, {}, {"k", "o", "seed", "max-mp"}, {'k', 'o'}}, "cli.help.quantize", cmdQuantize},
      {"recolor", {{"IMAGE"}, {"flat"}, {"map", "o", "k", "seed", "max-mp"}, {'k', 'o'}}, "cli.help.recolor", cmdRecolor},
      {"adjust", {{"IMAGE"}, {}, {"hue", "chroma", "lightness", "contrast", "o", "max-mp"}, {'o'}}, "cli.help.adjust", cmdAdjust},
      {"tone", {{"IMAGE"}, {}, {"palette", "strength", "o", "max-mp"}, {'o'}}, "cli.help.tone", cmdTone},
      {"colorways", {{"IMAGE"}, {}, {"n", "scheme", "seed", "o", "k", "max-mp"}, {'n', 'o', 'k'}}, "cli.help.colorways", cmdColorways},
  };
}

}  // namespace canting::cli
