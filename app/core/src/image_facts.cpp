#include "canting/core/image_facts.h"

#include <cmath>

namespace canting::core {

std::vector<Fact> imageFacts(const imaging::Image& img, const Translator& tr, std::optional<std::uint64_t> colours, int previewFactor) {
  const imaging::ImageHeader& h = img.source;
  const Language l = tr.language();
  // No pixels: a header read alone (a file over the decode limit), upright as the pixels would be.
  const int w = img.pixels.empty() ? h.uprightWidth() : img.pixels.cols, hh = img.pixels.empty() ? h.uprightHeight() : img.pixels.rows;
  std::vector<Fact> f;
  f.push_back({"info.format", imaging::formatName(h.format)});
  if (previewFactor > 1)
    f.push_back({"info.size_px", tr.tr("info.size_px.preview", {{"w", std::to_string(h.uprightWidth())}, {"h", std::to_string(h.uprightHeight())},
                                                                {"pw", std::to_string(w)}, {"ph", std::to_string(hh)},
                                                                {"factor", std::to_string(previewFactor)}})});
  else
    f.push_back({"info.size_px", tr.tr("info.size_px.value", {{"w", std::to_string(w)}, {"h", std::to_string(hh)}})});
  if (img.dpi) {
    const imaging::Dpi& d = *img.dpi;
    f.push_back({"info.dpi", formatNumber(d.x, d.x == std::round(d.x) ? 0 : 2, l)});
    f.push_back({"info.size_cm", tr.tr("info.size_cm.value", {{"w", formatNumber(w / d.x * 2.54, 2, l)},
                                                              {"h", formatNumber(hh / d.y * 2.54, 2, l)}})});
  } else {
    f.push_back({"info.dpi", tr.tr("info.dpi.none")});
  }
  f.push_back({"info.channels", std::to_string(h.channels) + " (" + tr.tr(std::string("model.") + imaging::colorModelName(h.model)) + ")"});
  f.push_back({"info.bit_depth", tr.tr("info.bit_depth.value", {{"bits", std::to_string(h.bitDepth)}})});
  if (h.orientation != 1) f.push_back({"info.orientation", tr.tr("info.orientation.value", {{"n", std::to_string(h.orientation)}})});
  f.push_back({"info.distinct_colors", colours ? formatCount(*colours, l) : tr.tr("pustaka.counting")});
  return f;
}

}  // namespace canting::core
