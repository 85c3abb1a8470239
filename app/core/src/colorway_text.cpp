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

namespace {

std::string hexList(const std::vector<im::Lab>& colours, const std::vector<int>& idx) {
  std::string out;
  for (int i : idx) {
    if (i < 0 || std::size_t(i) >= colours.size()) continue;
    if (!out.empty()) out += ", ";
    out += im::formatHex(colours[std::size_t(i)]);
  }
  return out;
}

}  // namespace

const char* processStepId(im::ProcessStepKind kind) {
  switch (kind) {
    case im::ProcessStepKind::Wax: return "wax";
    case im::ProcessStepKind::Dye: return "dye";
    case im::ProcessStepKind::Kerok: return "kerok";
    case im::ProcessStepKind::Mbironi: return "mbironi";
    case im::ProcessStepKind::Lorod: return "lorod";
  }
  return "wax";
}

std::string dyeProcessSummary(const Translator& tr, const std::vector<im::Lab>& colours, const im::DyeProcess& p) {
  if (!p.dyeable) {
    const std::string colour = p.blocking >= 0 && std::size_t(p.blocking) < colours.size() ? im::formatHex(colours[std::size_t(p.blocking)]) : "?";
    const im::ProcessLimits limits;
    if (p.block == im::DyeProcess::Block::TooManyBaths)
      return tr.tr("process.block.too_many_baths", {{"colour", colour}, {"max", std::to_string(limits.maxBaths)}});
    return tr.tr("process.block.too_many_kerok", {{"colour", colour}, {"max", std::to_string(limits.maxKerok)}});
  }
  if (p.succession) return tr.tr("process.succession", {{"n", std::to_string(p.baths.size())}});
  std::string s = tr.tr("process.with_kerok", {{"n", std::to_string(p.baths.size())}, {"kerok", std::to_string(p.kerokSteps)}});
  if (!p.coletInstead.empty()) s += " " + tr.tr("process.colet_instead", {{"colours", hexList(colours, p.coletInstead)}});
  return s;
}

std::vector<std::string> dyeProcessSteps(const Translator& tr, const std::vector<im::Lab>& colours, const im::DyeProcess& p) {
  std::vector<std::string> out;
  if (!p.dyeable) return out;
  for (const im::ProcessStep& st : p.steps) {
    const std::string list = hexList(colours, st.colours);
    switch (st.kind) {
      case im::ProcessStepKind::Wax: out.push_back(tr.tr("process.step.wax", {{"colours", list}})); break;
      case im::ProcessStepKind::Kerok: out.push_back(tr.tr("process.step.kerok", {{"colours", list}})); break;
      case im::ProcessStepKind::Mbironi: out.push_back(tr.tr("process.step.mbironi", {{"colours", list}})); break;
      case im::ProcessStepKind::Lorod: out.push_back(tr.tr("process.step.lorod")); break;
      case im::ProcessStepKind::Dye: {
        const std::string bath = st.bath >= 0 && std::size_t(st.bath) < p.baths.size() ? im::formatHex(p.baths[std::size_t(st.bath)]) : "?";
        out.push_back(tr.tr("process.step.dye", {{"n", std::to_string(st.bath + 1)}, {"bath", bath}, {"colours", list}}));
        break;
      }
    }
  }
  return out;
}

nlohmann::json dyeProcessJson(const Translator& tr, const std::vector<im::Lab>& colours, const im::DyeProcess& p) {
  auto hexes = [&](const std::vector<int>& idx) {
    nlohmann::json a = nlohmann::json::array();
    for (int i : idx)
      if (i >= 0 && std::size_t(i) < colours.size()) a.push_back(im::formatHex(colours[std::size_t(i)]));
    return a;
  };
  nlohmann::json j;
  j["dyeable"] = p.dyeable;
  j["succession"] = p.dyeable && p.succession;
  j["kerok"] = p.kerokSteps;
  j["cloth"] = im::formatHex(p.cloth);
  j["baths"] = nlohmann::json::array();
  for (const im::Lab& b : p.baths) j["baths"].push_back(im::formatHex(b));
  j["steps"] = nlohmann::json::array();
  for (const im::ProcessStep& st : p.steps) {
    nlohmann::json s{{"step", processStepId(st.kind)}, {"colours", hexes(st.colours)}};
    if (st.kind == im::ProcessStepKind::Dye && st.bath >= 0 && std::size_t(st.bath) < p.baths.size())
      s["bath"] = im::formatHex(p.baths[std::size_t(st.bath)]);
    j["steps"].push_back(s);
  }
  j["colet_instead"] = hexes(p.coletInstead);
  j["blocking"] = p.blocking >= 0 && std::size_t(p.blocking) < colours.size() ? nlohmann::json(im::formatHex(colours[std::size_t(p.blocking)])) : nlohmann::json();
  j["reason"] = dyeProcessSummary(tr, colours, p);
  return j;
}

}  // namespace canting::core
