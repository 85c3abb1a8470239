// canting-cli's pattern commands: transform, symmetry, repeat, layout,
// motif, pola. transform, symmetry and repeat put the Studio's TransformOp,
// SymmetryOp and RepeatOp on a design's stack and render it as the Studio
// does; layout keeps the cloth proportions of assets/layouts/kain.json and
// takes a border image, which the Studio's LayoutOp does not.
//
// [SECTION] tile helpers
// [SECTION] transform, symmetry, repeat
// [SECTION] layout
// [SECTION] motif and pola

#include <cstdlib>
#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "cli_internal.h"
#include "canting/base/json.h"
#include "canting/base/text.h"
#include "canting/core/actions.h"
#include "canting/core/motif_library.h"
#include "canting/core/paths.h"
#include "canting/core/photo_raport.h"
#include "canting/imaging/cloth_layout.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/motif.h"
#include "canting/imaging/pattern.h"
#include "canting/imaging/pola.h"

namespace canting::cli {

namespace {

namespace im = imaging;

// [SECTION] tile helpers

// The tile at the print scale: --tile-cm sets its width; otherwise a tile
// that knows its DPI keeps its physical size at the output DPI.
std::optional<cv::Mat> tileAtScale(Ctx& c, const ParsedArgs& a, const im::Image& img, std::optional<double> outDpi,
                                   const std::string& helpKey, int& status) {
  cv::Mat tile = core::toBgr8(img.pixels);
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

// A design of the tile alone: geometry needs no palette.
core::Design tileDesign(cv::Mat tile, std::optional<im::Dpi> dpi, const std::string& path) {
  im::Image img;
  img.pixels = std::move(tile);
  img.dpi = dpi;
  return *core::designFromImage(std::move(img), path, {}, {.colours = 0});
}

// [SECTION] transform, symmetry, repeat

int cmdTransform(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.transform";
  int status = 0;
  core::TransformOp op;
  double turns = op.quarterTurns;
  if (!readNumber(c, a, "turns", 0, 3, help, status, turns) ||
      !readNumber(c, a, "scale", core::TransformOp::kMinScale, core::TransformOp::kMaxScale, help, status, op.scale))
    return status;
  if (turns != std::floor(turns)) return c.usage("cli.usage.bad_value", {{"arg", "--turns"}, {"value", *a.value("turns")}}, help);
  op.quarterTurns = int(turns);
  op.flipH = a.flag("flip-h");
  op.flipV = a.flag("flip-v");
  op.seamless = a.flag("seamless");
  return runStack(c, a, help, {core::Operation(op)});
}

int cmdSymmetry(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.symmetry";
  int status = 0;
  if (!requireOut(c, a, help, status)) return status;
  auto group = a.value("group");
  if (!group) return c.usage("cli.usage.missing_option", {{"arg", "--group"}}, help);
  auto sym = core::SymmetryOp::parse(*group);
  if (!sym) return c.usage("cli.usage.bad_value", {{"arg", "--group"}, {"value", *group}}, help);
  std::vector<core::Operation> ops = {core::Operation(*sym)};
  if (auto px = a.value("out-px")) {
    // The cell repeated straight up to this size.
    auto s = parseSize(*px);
    if (!s || s->cm) return c.usage("cli.usage.bad_value", {{"arg", "--out-px"}, {"value", *px}}, help);
    ops.emplace_back(core::RepeatOp{.widthPx = int(s->w), .heightPx = int(s->h)});
  }
  return runStack(c, a, help, std::move(ops));
}

int cmdRepeat(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.repeat";
  int status = 0;
  auto out = requireOut(c, a, help, status);
  if (!out) return status;
  core::RepeatOp op;
  const std::string layout = a.value("layout").value_or(im::repeatName(op.repeat.layout));
  auto l = im::parseRepeat(layout);
  if (!l) return c.usage("cli.usage.bad_value", {{"arg", "--layout"}, {"value", layout}}, help);
  op.repeat.layout = *l;
  if (auto d = a.value("drop")) {
    auto f = im::parseFraction(*d);
    if (!f) return c.usage("cli.usage.bad_value", {{"arg", "--drop"}, {"value", *d}}, help);
    op.repeat.drop = *f;
  }
  std::optional<double> dpi;
  if (auto d = a.value("dpi")) {
    auto v = parsePositive(*d);
    if (!v || *v > 2400) return c.usage("cli.usage.bad_value", {{"arg", "--dpi"}, {"value", *d}}, help);
    dpi = *v;
  }
  if (auto px = a.value("out-px")) {
    auto s = parseSize(*px);
    if (!s || s->cm) return c.usage("cli.usage.bad_value", {{"arg", "--out-px"}, {"value", *px}}, help);
    op.widthPx = int(s->w);
    op.heightPx = int(s->h);
  } else if (auto cm = a.value("size")) {
    auto s = parseSize(*cm);
    if (!s || !s->cm || !dpi) return c.usage("cli.usage.bad_value", {{"arg", "--size"}, {"value", *cm}}, help);
    op.widthPx = im::cmToPx(s->w, *dpi);
    op.heightPx = im::cmToPx(s->h, *dpi);
  } else {
    return c.usage("cli.usage.missing_option", {{"arg", "--out-px | --size --dpi"}}, help);
  }
  auto img = im::loadImage(a.positionals[0]);
  if (!img) return c.fail(img.error());
  if (!a.flag("whole-photo")) {
    // A photographed cloth repeats by its raport, as in the Studio and the
    // gallery (the same repeatSource); an image with no repeat in it is
    // its own tile, and the user is told so.
    core::RepeatSource src = core::repeatSource(core::toBgr8(img->pixels));
    if (!src.fromRaport()) c.err << "canting-cli: " << c.tr.tr("cli.repeat.whole_photo") << "\n";
    img->pixels = std::move(src.tile);
  }
  auto tile = tileAtScale(c, a, *img, dpi, help, status);
  if (!tile) return status;
  const std::optional<double> outDpi = dpi ? dpi : (img->dpi ? std::optional(img->dpi->x) : std::nullopt);
  core::Design d = tileDesign(*tile, img->dpi, a.positionals[0]);
  if (a.flag("seamless")) d.ops.emplace_back(core::TransformOp{.seamless = true});
  d.ops.emplace_back(op);
  if (auto st = op.validate(); !st) return c.fail(st.error());
  const cv::Mat rendered = core::renderDesign(d.source.pixels, d, {});
  if (auto st = im::checkRepeat(rendered, op.repeat, op.size(rendered.size())); !st) return c.fail(st.error());
  return writeRows(c, core::outputImage(d, rendered), *out, outDpi);
}

// [SECTION] layout

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
    cloth.border = core::toBgr8(border->pixels);
  }
  if (auto st = im::checkCloth(cloth); !st) return c.fail(st.error());
  return writeRows(c, im::clothImage(cloth), *out, cloth.dpi);
}

// [SECTION] motif and pola

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

// Every generator and library entry, and how each is drawn: by a generator,
// from an image, or still awaiting the centre's photo or drawing.
int cmdMotifList(Ctx& c, const ParsedArgs& a) {
  core::MotifLibrary library;
  library.load(core::assetsDir() / "motifs", core::dataDir() / "motifs");
  const core::Language l = c.tr.language();
  struct Row {
    const core::LibraryMotif* entry = nullptr;
    std::string id, drawnBy;
  };
  std::vector<Row> rows;
  for (int k = 0; k < im::kMotifKinds; ++k) {
    const std::string gen = im::motifName(im::MotifKind(k));
    const core::LibraryMotif* e = library.find(gen);
    rows.push_back({e && e->generated ? e : nullptr, gen, "generator"});
  }
  for (const auto& m : library.motifs())
    if (!(m.generated && im::parseMotif(m.id))) rows.push_back({&m, m.id, "image"});
  for (const auto* m : library.awaiting()) rows.push_back({m, m->id, "awaiting_image"});
  if (a.flag("json")) {
    nlohmann::json j = nlohmann::json::array();
    for (const Row& r : rows) {
      nlohmann::json e = {{"id", r.id}, {"drawn_by", r.drawnBy}, {"generator", r.drawnBy == "generator" ? nlohmann::json(r.id) : nlohmann::json()}};
      if (r.entry) {
        e.update({{"name", r.entry->name}, {"family", r.entry->familyIn(l)}, {"origin", r.entry->originIn(l)}, {"meaning", r.entry->meaningIn(l)},
                  {"geometry", r.entry->geometryIn(l)}, {"colours", r.entry->coloursIn(l)}, {"confidence", r.entry->confidence},
                  {"sources", r.entry->sources}, {"bundled", r.entry->bundled}});
        if (!r.entry->fills.empty()) e["fills"] = r.entry->fills;
      } else {
        e.update({{"name", r.id}, {"sources", nlohmann::json::array()}, {"bundled", false}});
      }
      j.push_back(std::move(e));
    }
    c.out << base::dumpJson(j, 2) << "\n";
    return kOk;
  }
  std::string heading;
  for (const Row& r : rows) {
    if (heading != r.drawnBy) {
      heading = r.drawnBy;
      const char* key = heading == "generator" ? "cli.motif.heading_generator"
                        : heading == "image"   ? "cli.motif.heading_image"
                                               : "cli.motif.heading_awaiting_image";
      c.out << (heading == "generator" ? "" : "\n") << c.tr.tr(key) << "\n";
    }
    c.out << "  " << r.id;
    if (r.entry) {
      c.out << "  " << r.entry->name;
      if (!r.entry->familyIn(l).empty()) c.out << "  (" << r.entry->familyIn(l) << ")";
      c.out << "\n";
      if (!r.entry->originIn(l).empty()) c.out << "      " << c.tr.tr("cli.motif.origin", {{"value", r.entry->originIn(l)}}) << "\n";
      if (!r.entry->coloursIn(l).empty()) c.out << "      " << c.tr.tr("cli.motif.colours", {{"value", r.entry->coloursIn(l)}}) << "\n";
      for (const auto& src : r.entry->sources) c.out << "      " << c.tr.tr("cli.motif.source", {{"value", src}}) << "\n";
    } else {
      c.out << "\n";
    }
  }
  return kOk;
}

// The pola's own options; false after a usage error in `status`.
bool readPolaOptions(Ctx& c, const ParsedArgs& a, const std::string& help, int& status, core::PolaAction& action) {
  using Opts = im::PolaOptions;
  auto w = a.value("width-cm");
  if (!w) {
    status = c.usage("cli.usage.missing_option", {{"arg", "--width-cm"}}, help);
    return false;
  }
  auto widthCm = parsePositive(*w);
  if (!widthCm || *widthCm < 1 || *widthCm > core::PolaAction::kMaxWidthCm) {
    const core::Args args{{"value", *w}, {"max", core::formatNumber(core::PolaAction::kMaxWidthCm, 0, c.tr.language())}};
    // A number, but no cloth is that wide (0, 10 m): bad input, as the contract says;
    // something that is not a number at all is a usage error.
    char* end = nullptr;
    std::strtod(w->c_str(), &end);
    if (!w->empty() && end && *end == '\0') {
      c.err << "canting-cli: " << c.tr.tr("cli.usage.pola_width", args) << "\n";
      status = kBadInput;
    } else {
      status = c.usage("cli.usage.pola_width", args, help);
    }
    return false;
  }
  action.widthCm = *widthCm;
  if (!readNumber(c, a, "line-mm", Opts::kMinLineMm, Opts::kMaxLineMm, help, status, action.pola.lineMm) ||
      !readNumber(c, a, "detail-mm", Opts::kMinDetailMm, Opts::kMaxDetailMm, help, status, action.pola.detailMm))
    return false;
  // --thin (the raster pola's centre lines) is what the outline style always does now.
  if (auto st = a.value("style")) {
    if (*st == "outline") action.pola.style = im::PolaStyle::Outline;
    else if (*st == "filled") action.pola.style = im::PolaStyle::Filled;
    else return (status = c.usage("cli.usage.bad_value", {{"arg", "--style"}, {"value", *st}}, help)), false;
  }
  if (auto p = a.value("paper")) {
    if (*p == "A4" || *p == "a4") action.print.paper = im::Paper::A4;
    else if (*p == "F4" || *p == "f4") action.print.paper = im::Paper::F4;
    else return (status = c.usage("cli.usage.bad_value", {{"arg", "--paper"}, {"value", *p}}, help)), false;
  }
  if (auto r = a.value("repeats")) {
    const auto x = r->find_first_of("xX");
    const auto across = x == std::string::npos ? std::nullopt : parseInt(r->substr(0, x), 1, core::PolaAction::kMaxRepeats);
    const auto down = x == std::string::npos ? std::nullopt : parseInt(r->substr(x + 1), 1, core::PolaAction::kMaxRepeats);
    if (!across || !down) return (status = c.usage("cli.usage.bad_value", {{"arg", "--repeats"}, {"value", *r}}, help)), false;
    action.repeats = cv::Size(int(*across), int(*down));
  }
  return true;
}

int cmdPola(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.pola";
  int status = 0;
  auto out = requireOut(c, a, help, status);
  if (!out) return status;
  core::PolaAction action;
  if (!readPolaOptions(c, a, help, status, action)) return status;
  auto img = im::loadImage(a.positionals[0]);
  if (!img) return c.fail(img.error());
  // Nothing is written unless the whole pola is: both writers go through a
  // temporary file renamed at the end.
  auto art = action.trace(img->pixels);
  if (!art) return c.fail(art.error());
  auto plan = action.write(*art, *out);
  if (!plan) return c.fail(plan.error());
  if (base::asciiLower(std::filesystem::path(*out).extension().string()) == ".svg") {
    c.out << c.tr.tr("cli.pola_svg_written", {{"path", *out}, {"w", core::formatNumber(art->widthMm, 0, c.tr.language())},
                                              {"h", core::formatNumber(art->heightMm, 0, c.tr.language())}})
          << "\n";
    return kOk;
  }
  c.out << c.tr.tr("cli.pola_written", {{"path", *out}, {"pages", std::to_string(plan->pages())}, {"cols", std::to_string(plan->cols)},
                                        {"rows", std::to_string(plan->rows)}})
        << "\n";
  return kOk;
}

}  // namespace

std::vector<Command> patternCommands() {
  return {
      {"transform", {{"IMAGE"}, {"flip-h", "flip-v", "seamless"}, {"turns", "scale", "o", "max-mp"}, {'o'}}, "cli.help.transform", cmdTransform},
      // Before "motif": `motif list` is the list, any other word a motif's name.
      {"motif list", {{}, {"json"}, {}}, "cli.help.motif_list", cmdMotifList},
      {"motif", {{"NAME"}, {}, {"size", "seed", "dpi", "line-mm", "isen-mm", "density", "layers", "o"}, {'o'}}, "cli.help.motif", cmdMotif},
      {"pola", {{"IMAGE"}, {"thin"}, {"width-cm", "line-mm", "detail-mm", "style", "repeats", "paper", "o"}, {'o'}}, "cli.help.pola", cmdPola},
      {"repeat", {{"TILE"}, {"seamless", "whole-photo"}, {"layout", "drop", "out-px", "size", "dpi", "tile-cm", "o"}, {'o'}}, "cli.help.repeat", cmdRepeat},
      {"symmetry", {{"TILE"}, {}, {"group", "out-px", "o"}, {'o'}}, "cli.help.symmetry", cmdSymmetry},
      {"layout", {{"KAIN"}, {}, {"motif", "border", "size", "dpi", "layout", "tile-cm", "o"}, {'o'}}, "cli.help.layout", cmdLayout},
  };
}

}  // namespace canting::cli
