// The steps a plan gained after wax and dye: cap (a copper stamp's wax, at
// its real size on the cloth), ciprat (splashed drops of dye) and the
// klowong style; their plan fields and their masks.
#include <algorithm>
#include <cmath>
#include <random>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/motif.h"
#include "dye_steps.h"
#include "malformed.h"

namespace canting::imaging {

using nlohmann::json;
using dye_detail::malformed;

namespace {

constexpr std::pair<PlanStep::Placement, const char*> kPlacements[] = {
    {PlanStep::Placement::Grid, "grid"}, {PlanStep::Placement::Brick, "brick"},
    {PlanStep::Placement::HalfDrop, "half-drop"}, {PlanStep::Placement::Hand, "hand"}};
constexpr std::size_t kMaxStamps = 500;  // by hand: more than a kain panjang takes at 18 cm

double pxPerCm(double dpi) { return dpi / 2.54; }

// What the stamp carries, one stamp's side square: a layer of this cloth
// scaled down, or a motif drawn at that size (outline and isen: the copper
// strips). Cap lines are wider than canting lines (batik-process.md §3).
Result<cv::Mat> stampTile(const PlanStep& st, const Layers& layers, cv::Size size, const SimOptions& o, int side) {
  cv::Mat tile;
  if (st.tile.rfind("motif:", 0) == 0) {
    const auto kind = parseMotif(st.tile.substr(6));
    if (!kind) return makeError(ErrorCode::InvalidArgument, {{"what", st.tile}}, "unknown motif");
    MotifParams p;
    // Drawn at most 4096 px a side and scaled from there: a 2 m stamp at
    // 150 DPI would otherwise draw every layer of the motif at 140 MP.
    p.size = std::clamp(side, 32, 4096);
    p.dpi = std::clamp(o.dpi * p.size / side, 10.0, 2400.0);
    p.lineMm = 2.0;
    p.isenMm = 1.2;
    auto m = generateMotif(*kind, p);
    if (!m) return m.error();
    tile = m->outline | m->isen;
  } else {
    auto m = dye_detail::layerMask(st.tile, layers, size, o.planDir);
    if (!m) return m.error();
    tile = *m;
  }
  if (tile.cols != side || tile.rows != side) {
    cv::Mat scaled;
    cv::resize(tile, scaled, cv::Size(side, side), 0, 0, side < tile.cols ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::threshold(scaled, tile, 127, 255, cv::THRESH_BINARY);
  }
  return tile;
}

void stampAt(cv::Mat& wax, const cv::Mat& tile, cv::Point topLeft) {
  const cv::Rect on = cv::Rect(topLeft, tile.size()) & cv::Rect({}, wax.size());
  if (on.empty()) return;
  cv::Mat roi = wax(on);
  roi |= tile(on - topLeft);
}

}  // namespace

const char* placementName(PlanStep::Placement p) {
  for (const auto& [v, name] : kPlacements)
    if (v == p) return name;
  return "grid";
}

// [SECTION] Cap

Result<cv::Mat> capWax(const PlanStep& st, const Layers& layers, cv::Size size, const SimOptions& o) {
  const double period = st.sizeCm * pxPerCm(o.dpi);  // the stamp's side, and the grid's step
  const int side = std::max(1, int(std::lround(period)));
  if (side > 20000) return makeError(ErrorCode::InvalidArgument, {{"what", "cap " + std::to_string(st.sizeCm) + " cm"}}, "stamp too large");
  auto tile = stampTile(st, layers, size, o, side);
  if (!tile) return tile.error();
  cv::Mat wax(size, CV_8U, cv::Scalar(0));
  if (st.placement == PlanStep::Placement::Hand) {
    for (const cv::Point2d& c : st.at)
      stampAt(wax, *tile, cv::Point(int(std::lround(c.x * pxPerCm(o.dpi) - side / 2.0)), int(std::lround(c.y * pxPerCm(o.dpi) - side / 2.0))));
    return wax;
  }
  // The grid starts at the cloth's corner; a half-drop moves every other
  // column down half a stamp, a brick every other row right half a stamp,
  // so one row or column more on the top and left fills what they uncover.
  const int cols = int(std::ceil(size.width / period)) + 1, rows = int(std::ceil(size.height / period)) + 1;
  for (int j = -1; j < rows; ++j)
    for (int i = -1; i < cols; ++i) {
      double x = i * period, y = j * period;
      if (st.placement == PlanStep::Placement::HalfDrop && (i & 1)) y += period / 2;
      if (st.placement == PlanStep::Placement::Brick && (j & 1)) x += period / 2;
      stampAt(wax, *tile, cv::Point(int(std::lround(x)), int(std::lround(y))));
    }
  return wax;
}

// [SECTION] Ciprat

cv::Mat cipratDrops(const PlanStep& st, const cv::Mat& area, double dpi) {
  cv::Mat drops(area.size(), CV_8U, cv::Scalar(0));
  const double cm2 = double(area.total()) / std::pow(pxPerCm(dpi), 2);
  const int n = int(std::clamp(std::lround(st.density * cm2), 0L, 20000L));
  std::mt19937 rng(st.seed);
  std::uniform_real_distribution<double> u(0, 1);
  const double meanRadius = st.dropMm / 20.0 * pxPerCm(dpi);
  // Drops fall over the whole cloth; only those on the area count, so the
  // density is per cm² of the area as well as of the cloth.
  for (int i = 0; i < n; ++i) {
    const cv::Point c(int(u(rng) * area.cols), int(u(rng) * area.rows));
    const int r = std::max(1, int(std::lround(meanRadius * (0.5 + u(rng)))));
    cv::circle(drops, c, r, cv::Scalar(255), cv::FILLED, cv::LINE_8);
  }
  return drops & area;
}

namespace dye_detail {

// [SECTION] Plan fields

std::optional<Error> parseCapStep(const json& s, const std::string& where, PlanStep& st) {
  if (!s.contains("tile") || !s["tile"].is_string()) return malformed(where + ".tile", "reason.bad_tile");
  st.tile = s["tile"].get<std::string>();
  const bool motif = st.tile.rfind("motif:", 0) == 0 && parseMotif(st.tile.substr(6)).has_value();
  if (!motif && !knownLayerName(st.tile)) return malformed(where + ".tile", "reason.bad_tile", st.tile);
  if (s.contains("size_cm")) {
    if (!s["size_cm"].is_number() || !(s["size_cm"].get<double>() >= 1 && s["size_cm"].get<double>() <= 200))
      return malformed(where + ".size_cm", "reason.bad_number");
    st.sizeCm = s["size_cm"].get<double>();
  }
  st.placement = s.contains("at") ? PlanStep::Placement::Hand : PlanStep::Placement::Grid;
  if (s.contains("placement")) {
    if (!s["placement"].is_string()) return malformed(where + ".placement", "reason.bad_placement");
    const std::string name = s["placement"].get<std::string>();
    const auto* it = std::find_if(std::begin(kPlacements), std::end(kPlacements), [&](const auto& p) { return name == p.second; });
    if (it == std::end(kPlacements)) return malformed(where + ".placement", "reason.bad_placement", name);
    st.placement = it->first;
  }
  // By hand the centres are the step; in a grid they would be silently ignored.
  if ((st.placement == PlanStep::Placement::Hand) != s.contains("at")) return malformed(where + ".at", "reason.bad_positions");
  if (st.placement == PlanStep::Placement::Hand) {
    const json& at = s["at"];
    // Empty is a cap not yet placed (the lab saves it so), not a broken file.
    if (!at.is_array() || at.size() > kMaxStamps) return malformed(where + ".at", "reason.bad_positions");
    for (std::size_t i = 0; i < at.size(); ++i) {
      const json& p = at[i];
      const bool ok = p.is_array() && p.size() == 2 && p[0].is_number() && p[1].is_number() && p[0].get<double>() >= -1000 &&
                      p[0].get<double>() <= 1000 && p[1].get<double>() >= -1000 && p[1].get<double>() <= 1000;
      if (!ok) return malformed(where + ".at[" + std::to_string(i) + "]", "reason.bad_positions");
      st.at.emplace_back(p[0].get<double>(), p[1].get<double>());
    }
  }
  return std::nullopt;
}

std::optional<Error> parseCipratStep(const json& s, const std::string& where, const DyeBook& book, PlanStep& st) {
  if (!s.contains("layer") || !s["layer"].is_string() || !knownLayerName(s["layer"].get<std::string>()))
    return malformed(where + ".layer", "reason.bad_layer");
  st.layer = s["layer"].get<std::string>();
  if (!s.contains("dye") || !s["dye"].is_string()) return malformed(where + ".dye", "reason.missing_field");
  st.dye = s["dye"].get<std::string>();
  if (!book.dye(st.dye)) return malformed(where + ".dye", "reason.unknown_dye", st.dye);
  auto num = [&](const char* key, double lo, double hi, double& out, bool required) -> std::optional<Error> {
    if (!s.contains(key)) return required ? std::optional<Error>(malformed(where + "." + key, "reason.missing_field")) : std::nullopt;
    if (!s[key].is_number() || !(s[key].get<double>() >= lo && s[key].get<double>() <= hi)) return malformed(where + "." + key, "reason.bad_number");
    out = s[key].get<double>();
    return std::nullopt;
  };
  double seed = 1;
  if (auto e = num("concentration", 0.01, 1000, st.concentration, true)) return e;
  if (auto e = num("density", 0.01, 50, st.density, false)) return e;
  if (auto e = num("drop_mm", 0.2, 30, st.dropMm, false)) return e;
  if (auto e = num("seed", 0, 2147483647, seed, false)) return e;
  st.seed = std::uint32_t(seed);
  return std::nullopt;
}

json capStepJson(const PlanStep& st) {
  json o = {{"op", "cap"}, {"tile", st.tile}, {"size_cm", st.sizeCm}, {"placement", placementName(st.placement)}};
  if (st.placement == PlanStep::Placement::Hand) {
    o["at"] = json::array();
    for (const cv::Point2d& p : st.at) o["at"].push_back({p.x, p.y});
  }
  return o;
}

json cipratStepJson(const PlanStep& st) {
  return {{"op", "ciprat"},       {"layer", st.layer},     {"dye", st.dye},  {"concentration", st.concentration},
          {"density", st.density}, {"drop_mm", st.dropMm}, {"seed", st.seed}};
}

// [SECTION] Klowong

std::optional<KlowongColet> klowongColet(const Plan& plan, const DyeBook& book) {
  const KlowongStyle* style = book.klowongStyle(plan.klowong);
  if (!style || style->dye.empty() || !book.dye(style->dye)) return std::nullopt;
  for (std::size_t i = 0; i < plan.steps.size(); ++i)
    if (plan.steps[i].op == PlanStep::Op::Wax && plan.steps[i].layer == "outline") return KlowongColet{i, style, book.dye(style->dye)};
  return std::nullopt;
}

}  // namespace dye_detail

}  // namespace canting::imaging
