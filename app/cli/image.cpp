// canting-cli's image commands: info, convert, and the colour notations.

#include <cmath>
#include <nlohmann/json.hpp>

#include "cli_internal.h"
#include "canting/base/json.h"
#include "canting/core/image_facts.h"
#include "canting/imaging/color.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/image_preview.h"
#include "canting/imaging/palette.h"

namespace canting::cli {

namespace {

using core::Language;
namespace im = imaging;

int cmdInfo(Ctx& c, const ParsedArgs& a) {
  int status = 0;
  auto lo = loadOptions(c, a, "cli.help.info", status);
  if (!lo) return status;
  // The header is all most facts need, and it is read whatever the file's size: a kain
  // `repeat` wrote at 366 MP is described, only its colours are not counted. A --max-mp
  // the user gives still refuses what is over it, as its help says.
  auto header = im::probeImageFile(a.positionals[0]);
  if (!header) return c.fail(header.error());
  const im::Status fits = im::checkLimits(*header, *lo);
  if (!fits && (fits.error().code != im::ErrorCode::TooManyPixels || a.value("max-mp"))) {
    im::Error e = fits.error();
    e.args.push_back({"path", a.positionals[0]});
    return c.fail(e);
  }
  im::Image headerOnly{cv::Mat(), *header, header->dpi};
  auto img = fits ? im::loadImage(a.positionals[0], *lo) : im::Result<im::Image>(std::move(headerOnly));
  if (!img) return c.fail(img.error());
  const im::ImageHeader& h = img->source;
  const int w = img->pixels.empty() ? h.uprightWidth() : img->pixels.cols, hh = img->pixels.empty() ? h.uprightHeight() : img->pixels.rows;
  const std::optional<std::uint64_t> colours = fits ? std::optional(im::countDistinctColors(img->pixels)) : std::nullopt;
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
    j["distinct_colors"] = colours ? nlohmann::json(*colours) : nlohmann::json();
    c.out << base::dumpJson(j, 2) << "\n";
    return kOk;
  }
  c.out << c.tr.tr("info.file") << ": " << a.positionals[0] << "\n";
  for (core::Fact& f : core::imageFacts(*img, c.tr, colours)) {
    if (f.labelKey == "info.distinct_colors" && !colours)
      f.value = c.tr.tr("cli.info.not_counted", {{"limit", std::to_string(lo->maxPixels / 1'000'000)}});
    c.out << c.tr.tr(f.labelKey) << ": " << f.value << "\n";
  }
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

}  // namespace

std::vector<Command> imageCommands() {
  return {
      {"info", {{"IMAGE"}, {"json"}, {"max-mp"}}, "cli.help.info", cmdInfo},
      {"color delta-e", {{"COLOUR1", "COLOUR2"}, {}, {}}, "cli.help.color_delta_e", cmdDeltaE},
      {"color convert", {{"COLOUR"}, {}, {"to"}}, "cli.help.color_convert", cmdConvertColor},
      {"convert", {{"IN", "OUT"}, {}, {"dpi", "quality", "compression", "max-mp"}}, "cli.help.convert", cmdConvert},
  };
}

}  // namespace canting::cli
