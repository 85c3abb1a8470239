#include "canting/core/colorway_text.h"

#include <cmath>
#include <cstdlib>

#include "canting/imaging/color.h"

namespace canting::core {

namespace im = imaging;

std::string colorwayName(const Translator& tr, const im::Colorway& cw, bool withHue) {
  switch (cw.scheme) {
    case im::ColorwayScheme::Harmony: {
      const std::string rule = tr.tr(std::string("colorway.rule.") + im::harmonyName(cw.rule));
      if (!withHue) return rule;
      return tr.tr("colorway.harmony", {{"rule", rule}, {"hue", std::to_string(int(std::lround(cw.hue)))}});
    }
    case im::ColorwayScheme::Random:
      // The showroom renames its draws after the palette they come from; such a name stays.
      if (cw.label.rfind("random ", 0) != 0) return cw.label;
      return tr.tr("colorway.random", {{"n", std::to_string(cw.number)}});
    case im::ColorwayScheme::Named: break;
  }
  return cw.label;
}

std::string colorwayName(const Translator& tr, const std::string& label, bool withHue) {
  im::Colorway cw;
  cw.label = label;
  cw.scheme = im::ColorwayScheme::Named;
  // Longest first: "split-complementary" also ends in "complementary".
  for (im::HarmonyRule r : {im::HarmonyRule::SplitComplementary, im::HarmonyRule::Complementary, im::HarmonyRule::Analogous,
                            im::HarmonyRule::Triadic}) {
    const std::string name = im::harmonyName(r);
    if (label.rfind(name + " ", 0) == 0 || label == name) {
      cw.scheme = im::ColorwayScheme::Harmony;
      cw.rule = r;
      cw.hue = std::atof(label.c_str() + std::min(label.size(), name.size()));
      break;
    }
  }
  if (label.rfind("random ", 0) == 0) {
    cw.scheme = im::ColorwayScheme::Random;
    cw.number = std::atoi(label.c_str() + 7);
  }
  return colorwayName(tr, cw, withHue);
}

std::string dyeabilityReason(const Translator& tr, const im::Colorway& cw) {
  const im::Dyeability& d = cw.dyeability;
  if (d.dyeable || d.failAt <= 0 || std::size_t(d.failAt) >= d.order.size()) return {};
  const auto hexAt = [&](int pos) {
    const std::size_t i = std::size_t(d.order[std::size_t(pos)]);
    return i < cw.colours.size() ? im::formatHex(cw.colours[i]) : std::string("?");
  };
  static const char* kChannels[] = {"colorway.light.red", "colorway.light.green", "colorway.light.blue"};
  const std::string light = d.channel >= 0 && d.channel < 3 ? tr.tr(kChannels[d.channel]) : tr.tr("colorway.light.some");
  return tr.tr("colorway.not_dyeable_because",
               {{"before", hexAt(d.failAt - 1)}, {"after", hexAt(d.failAt)}, {"light", light}});
}

}  // namespace canting::core
