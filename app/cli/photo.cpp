// canting-cli's photo commands: `photo clean` (light, white balance,
// perspective) and `raport` (the repeat found in a photographed cloth).

#include <cmath>
#include <nlohmann/json.hpp>

#include "cli_internal.h"
#include "canting/base/json.h"
#include "canting/core/photo_raport.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/photo.h"

namespace canting::cli {

namespace {

namespace im = imaging;

std::string num(Ctx& c, double v, int decimals) { return core::formatNumber(v, decimals, c.tr.language()); }

int save(Ctx& c, const cv::Mat& pixels, const std::string& out, std::optional<double> dpi) {
  im::SaveOptions o;
  if (dpi) o.dpi = im::Dpi{*dpi, *dpi};
  if (im::formatFromExtension(out) == im::ImageFormat::Unknown)
    return c.fail(im::makeError(im::ErrorCode::UnsupportedOutputFormat, {{"format", std::filesystem::path(out).extension().string()}, {"path", out}}));
  if (auto st = im::saveImage(pixels, out, o); !st) return c.fail(st.error());
  c.out << c.tr.tr("cli.converted", {{"path", out}, {"w", std::to_string(pixels.cols)}, {"h", std::to_string(pixels.rows)},
                                     {"dpi", dpi ? num(c, *dpi, 0) : c.tr.tr("info.dpi.none")}})
        << "\n";
  return kOk;
}

int cmdPhotoClean(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.photo_clean";
  int status = 0;
  auto out = requireOut(c, a, help, status);
  if (!out) return status;
  im::PhotoCleanOptions o;
  if (auto s = a.value("corners")) {
    o.corners = im::parseCorners(*s);
    if (!o.corners) return c.usage("cli.usage.bad_value", {{"arg", "--corners"}, {"value", *s}}, help);
  }
  auto lo = loadOptions(c, a, help, status);
  if (!lo) return status;
  auto img = im::loadImage(a.positionals[0], *lo);
  if (!img) return c.fail(img.error());
  auto clean = im::cleanPhoto(img->pixels, o);
  if (!clean) return c.fail(clean.error());
  // A rectified photo no longer has the source's scale; the light alone keeps it.
  return save(c, *clean, *out, o.corners || !img->dpi ? std::nullopt : std::optional(img->dpi->x));
}

int cmdRaport(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.raport";
  int status = 0;
  double minConfidence = 0.3, clothWidthCm = 0;
  if (!readNumber(c, a, "min-confidence", 0, 1, help, status, minConfidence)) return status;
  if (!readNumber(c, a, "cloth-width-cm", 0.1, 100000, help, status, clothWidthCm)) return status;
  auto lo = loadOptions(c, a, help, status);
  if (!lo) return status;
  const auto out = a.value("o");
  if (out && out->empty()) return c.usage("cli.usage.missing_option", {{"arg", "-o"}}, help);
  auto img = im::loadImage(a.positionals[0], *lo);
  if (!img) return c.fail(img.error());
  const bool force = a.flag("force");
  const im::Raport r = im::findRaport(img->pixels, {.minConfidence = force ? 0.0 : minConfidence});
  // The photo's scale: the width of cloth it shows, else the file's DPI.
  core::PhotoScale scale = core::scaleFromDpi(img->dpi);
  if (auto byWidth = core::scaleFromWidth(img->pixels.cols, clothWidthCm); clothWidthCm > 0 && byWidth) scale = *byWidth;
  const std::optional<double> dpi = scale.known() ? std::optional(scale.dpi()) : std::nullopt;
  const bool enough = r.found && r.confidence >= minConfidence;
  if (a.flag("json")) {
    nlohmann::json j;
    j["file"] = a.positionals[0];
    j["found"] = r.found;
    j["confidence"] = std::round(r.confidence * 1000) / 1000;
    const auto vec = [](cv::Point2d v) { return nlohmann::json::array({std::round(v.x * 100) / 100, std::round(v.y * 100) / 100}); };
    j["period_a"] = r.found ? vec(r.a) : nlohmann::json();
    j["period_b"] = r.found ? vec(r.b) : nlohmann::json();
    j["origin"] = r.found ? vec(r.origin) : nlohmann::json();
    j["layout"] = im::repeatName(r.repeat.layout);
    if (r.repeat.layout != im::RepeatLayout::Straight) j["drop"] = std::round(r.repeat.drop * 1000) / 1000;
    j["whole_photo"] = !r.cut;
    j["tile_px"] = {r.tile.cols, r.tile.rows};
    if (dpi) {
      j["dpi"] = std::round(*dpi * 100) / 100;
      j["tile_cm"] = {std::round(r.tile.cols / *dpi * 254) / 100, std::round(r.tile.rows / *dpi * 254) / 100};
    } else {
      j["dpi"] = nullptr;
      j["tile_cm"] = nullptr;
    }
    c.out << base::dumpJson(j, 2) << "\n";
  } else if (r.cut) {
    c.out << c.tr.tr("cli.raport.found", {{"w", std::to_string(r.tile.cols)}, {"h", std::to_string(r.tile.rows)},
                                          {"layout", c.tr.tr(std::string("studio.repeat.") + im::repeatName(r.repeat.layout))},
                                          {"confidence", num(c, r.confidence, 2)}})
          << "\n";
    if (dpi)
      c.out << c.tr.tr("cli.raport.size_cm", {{"w", num(c, r.tile.cols / *dpi * 2.54, 1)}, {"h", num(c, r.tile.rows / *dpi * 2.54, 1)}}) << "\n";
  }
  if (!enough && !force) {
    c.err << "canting-cli: "
          << (r.found ? c.tr.tr("cli.raport.low_confidence", {{"confidence", num(c, r.confidence, 2)}, {"min", num(c, minConfidence, 2)}})
                      : c.tr.tr("cli.raport.none"))
          << "\n";
    return kBadInput;
  }
  if (!r.cut) c.err << "canting-cli: " << c.tr.tr("cli.raport.whole_photo") << "\n";
  return out ? save(c, r.tile, *out, dpi) : kOk;
}

}  // namespace

std::vector<Command> photoCommands() {
  return {
      {"photo clean", {{"PHOTO"}, {}, {"corners", "max-mp", "o"}, {'o'}}, "cli.help.photo_clean", cmdPhotoClean},
      {"raport", {{"PHOTO"}, {"json", "force"}, {"min-confidence", "cloth-width-cm", "max-mp", "o"}, {'o'}}, "cli.help.raport", cmdRaport},
  };
}

}  // namespace canting::cli
