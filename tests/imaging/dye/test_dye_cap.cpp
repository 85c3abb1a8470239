// Cap (stamped wax at its real size), ciprat (splashed drops) and the
// klowong style: the plan fields, the cloth they make and the recipe.
#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/dye.h"
#include "dye_fixtures.h"

using namespace canting::imaging;

namespace {

using dye_test::book;
using dye_test::plan;

// 400 px of cloth; its isen layer is one square mark in the top-left fifth,
// so a stamp carrying it leaves one mark per stamp, at the stamp's corner.
Layers markLayers(int n = 400) {
  Layers l;
  l.outline = cv::Mat(n, n, CV_8U, cv::Scalar(0));
  cv::rectangle(l.outline, cv::Rect(0, 0, n, n), cv::Scalar(255), 8);
  l.isen = cv::Mat(n, n, CV_8U, cv::Scalar(0));
  l.isen(cv::Rect(0, 0, n / 5, n / 5)).setTo(255);
  l.ground = ~(l.outline | l.isen);
  return l;
}

// The bounding boxes of the wax's separate pieces, sorted by row then column.
std::vector<cv::Rect> pieces(const cv::Mat& wax) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(wax, labels, stats, centroids, 8);
  std::vector<cv::Rect> out;
  for (int i = 1; i < n; ++i)
    out.emplace_back(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP), stats.at<int>(i, cv::CC_STAT_WIDTH),
                     stats.at<int>(i, cv::CC_STAT_HEIGHT));
  std::sort(out.begin(), out.end(), [](const cv::Rect& a, const cv::Rect& b) { return std::tie(a.y, a.x) < std::tie(b.y, b.x); });
  return out;
}

cv::Mat changed(const ClothState& before, const ClothState& after) {
  cv::Mat diff;
  cv::absdiff(before.ks, after.ks, diff);
  cv::Mat grey;
  cv::transform(diff, grey, cv::Matx13f(1, 1, 1));
  return grey > 1e-6f;
}

}  // namespace

TEST_CASE("cap tiles land at the set size: the stamp's period and extent are its cm times the cloth's DPI", "[imaging][dye][cap]") {
  const DyeBook b = book();
  const Layers l = markLayers();
  // 20 px per cm: a 5 cm stamp is 100 px, so 4 x 4 stamps on 400 px.
  const SimOptions o{.dpi = 50.8};
  PlanStep cap{.op = PlanStep::Op::Cap, .tile = "isen", .sizeCm = 5};
  auto wax = capWax(cap, l, l.isen.size(), o);
  REQUIRE(wax);
  auto grid = pieces(*wax);
  REQUIRE(grid.size() == 16);
  for (std::size_t i = 0; i < grid.size(); ++i) {
    INFO(i);
    CHECK(std::abs(grid[i].x - int(i % 4) * 100) <= 1);   // the period: 5 cm x 20 px/cm
    CHECK(std::abs(grid[i].y - int(i / 4) * 100) <= 1);
    CHECK(std::abs(grid[i].width - 20) <= 1);              // the mark, a fifth of the stamp
    CHECK(std::abs(grid[i].height - 20) <= 1);
  }
  // The default is a 20 cm cap (batik-process.md §3): at 10 px per cm, 200 px.
  const Plan byDefault = plan(R"({"steps": [{"op": "cap", "tile": "isen"}]})", b);
  CHECK(byDefault.steps[0].sizeCm == 20);
  auto big = capWax(byDefault.steps[0], l, l.isen.size(), {.dpi = 25.4});
  REQUIRE(big);
  auto two = pieces(*big);
  REQUIRE(two.size() == 4);
  CHECK(std::abs(two[1].x - 200) <= 1);
  CHECK(std::abs(two[2].y - 200) <= 1);
  CHECK(std::abs(two[0].width - 40) <= 1);
  // Half-drop: every other column half a stamp lower; brick: every other row half a stamp right.
  cap.placement = PlanStep::Placement::HalfDrop;
  auto drop = capWax(cap, l, l.isen.size(), o);
  REQUIRE(drop);
  CHECK(drop->at<std::uint8_t>(5, 105) == 0);
  CHECK(drop->at<std::uint8_t>(55, 105) == 255);
  CHECK(drop->at<std::uint8_t>(5, 5) == 255);
  cap.placement = PlanStep::Placement::Brick;
  auto brick = capWax(cap, l, l.isen.size(), o);
  REQUIRE(brick);
  CHECK(brick->at<std::uint8_t>(105, 5) == 0);
  CHECK(brick->at<std::uint8_t>(105, 55) == 255);
}

TEST_CASE("cap stamps by hand land where asked, centred on each point", "[imaging][dye][cap]") {
  const DyeBook b = book();
  const Layers l = markLayers();
  // Centres at (5, 5) cm and (12.5, 7.5) cm, 20 px per cm, 4 cm stamps (80 px): corners at (60, 60) and (210, 110).
  const Plan p = plan(R"({"steps": [{"op": "cap", "tile": "isen", "size_cm": 4, "at": [[5, 5], [12.5, 7.5]]}]})", b);
  REQUIRE(p.steps[0].placement == PlanStep::Placement::Hand);
  auto wax = capWax(p.steps[0], l, l.isen.size(), {.dpi = 50.8});
  REQUIRE(wax);
  const auto got = pieces(*wax);
  REQUIRE(got.size() == 2);
  CHECK(std::abs(got[0].x - 60) <= 1);
  CHECK(std::abs(got[0].y - 60) <= 1);
  CHECK(std::abs(got[1].x - 210) <= 1);
  CHECK(std::abs(got[1].y - 110) <= 1);
  CHECK(std::abs(got[0].width - 16) <= 1);
  // A stamp past the edge is cut off there, never wrapped round.
  const Plan edge = plan(R"({"steps": [{"op": "cap", "tile": "all", "size_cm": 4, "at": [[0, 0]]}]})", b);
  auto cut = capWax(edge.steps[0], l, l.isen.size(), {.dpi = 50.8});
  REQUIRE(cut);
  CHECK(cv::countNonZero(*cut) == 40 * 40);
}

TEST_CASE("wax from a cap resists a bath exactly as the same wax drawn with a canting", "[imaging][dye][cap]") {
  const DyeBook b = book();
  const Layers l = markLayers();
  // A 20 cm stamp on 20 cm of cloth carries the outline 1:1.
  const Plan tulis = plan(R"({"steps": [{"op": "wax", "layer": "outline"}, {"op": "dye", "dye": "indigo", "concentration": 50, "dips": 6}, {"op": "lorod"}]})", b);
  const Plan cap = plan(R"({"steps": [{"op": "cap", "tile": "outline"}, {"op": "dye", "dye": "indigo", "concentration": 50, "dips": 6}, {"op": "lorod"}]})", b);
  auto a = simulate(tulis, l, b, {.dpi = 50.8});
  auto c = simulate(cap, l, b, {.dpi = 50.8});
  REQUIRE(a);
  REQUIRE(c);
  CHECK(cv::countNonZero((*a)[1].wax != (*c)[1].wax) == 0);
  CHECK(cv::norm(renderCloth(a->back()), renderCloth(c->back()), cv::NORM_INF) == 0);
  // And the stamped line stayed white under the bath while the ground went blue.
  const cv::Mat out = renderCloth(c->back());
  CHECK(out.at<cv::Vec3b>(200, 2)[2] > 200);
  CHECK(out.at<cv::Vec3b>(200, 200)[2] < 120);
  // A motif tile: its lines are wax, the rest of the stamp is not.
  auto m = capWax(plan(R"({"steps": [{"op": "cap", "tile": "motif:kawung", "size_cm": 10}]})", b).steps[0], l, l.isen.size(), {.dpi = 50.8});
  REQUIRE(m);
  const double share = cv::countNonZero(*m) / double(m->total());
  CHECK(share > 0.03);
  CHECK(share < 0.6);
}

TEST_CASE("ciprat drops land only inside their area, never under wax, and follow their seed", "[imaging][dye][ciprat]") {
  const DyeBook b = book();
  Layers l = markLayers();
  l.painted["area"] = cv::Mat(400, 400, CV_8U, cv::Scalar(0));
  l.painted["area"](cv::Rect(0, 0, 200, 400)).setTo(255);
  l.painted["wax"] = cv::Mat(400, 400, CV_8U, cv::Scalar(0));
  l.painted["wax"](cv::Rect(100, 100, 200, 200)).setTo(255);
  const std::string json = R"({"steps": [{"op": "wax", "layer": "painted:wax"},
      {"op": "ciprat", "layer": "painted:area", "dye": "remazol-merah", "concentration": 40, "density": 3, "drop_mm": 4, "seed": 7}]})";
  const Plan p = plan(json, b);
  const SimOptions noSeep{.dpi = 50.8, .seepageMm = 0};
  auto st = simulate(p, l, b, noSeep);
  REQUIRE(st);
  const cv::Mat hit = changed((*st)[1], (*st)[2]);
  const cv::Mat allowed = l.painted["area"] & ~l.painted["wax"];
  CHECK(cv::countNonZero(hit) > 500);
  CHECK(cv::countNonZero(hit & ~allowed) == 0);
  // Drops, not a wash: some of the open area stays bare.
  CHECK(cv::countNonZero(allowed & ~hit) > 1000);
  // The same seed splashes the same drops; another seed others.
  auto again = simulate(p, l, b, noSeep);
  REQUIRE(again);
  CHECK(cv::norm((*st)[2].ks, (*again)[2].ks, cv::NORM_INF) == 0);
  Plan other = p;
  other.steps[1].seed = 8;
  auto moved = simulate(other, l, b, noSeep);
  REQUIRE(moved);
  CHECK(cv::norm((*st)[2].ks, (*moved)[2].ks, cv::NORM_INF) > 0);
  // The drop size is in mm at the cloth's DPI: 4 mm at 20 px/cm is 8 px across, give or take half.
  const cv::Mat drops = cipratDrops(p.steps[1], cv::Mat(400, 400, CV_8U, cv::Scalar(255)), 50.8);
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(drops, labels, stats, centroids, 8);
  int widest = 0;
  for (int i = 1; i < n; ++i) widest = std::max(widest, stats.at<int>(i, cv::CC_STAT_WIDTH));
  CHECK(widest >= 8);
}

TEST_CASE("Kubelka-Munk stays monotone over ciprat and baths: a later bath never lightens a pixel", "[imaging][dye][ciprat]") {
  const DyeBook b = book();
  const Layers l = markLayers();
  const Plan p = plan(R"({"steps": [{"op": "wax", "layer": "outline"},
      {"op": "ciprat", "layer": "all", "dye": "remazol-kuning", "concentration": 40, "density": 2},
      {"op": "dye", "dye": "indigo", "concentration": 30, "dips": 3},
      {"op": "ciprat", "layer": "ground", "dye": "remazol-merah", "concentration": 30, "density": 2, "seed": 3},
      {"op": "dye", "dye": "naphthol", "concentration": 3, "dips": 1}]})", b);
  auto st = simulate(p, l, b, {.dpi = 50.8});
  REQUIRE(st);
  for (std::size_t i = 2; i < st->size(); ++i) {
    INFO("step " << i);
    cv::Mat down;
    cv::subtract((*st)[i].ks, (*st)[i - 1].ks, down);
    double lo = 0, hi = 0;
    cv::minMaxLoc(down.reshape(1), &lo, &hi);
    CHECK(lo >= 0);
  }
}

TEST_CASE("cap, ciprat and the klowong style round-trip through plan files, broken fields are named", "[imaging][dye][cap]") {
  const DyeBook b = book();
  const std::string json = R"({"name": "kombinasi", "klowong": "kuning", "steps": [
      {"op": "wax", "layer": "outline"},
      {"op": "cap", "tile": "motif:kawung", "size_cm": 18, "placement": "half-drop"},
      {"op": "cap", "tile": "isen", "at": [[3, 4], [10.5, 2]]},
      {"op": "ciprat", "layer": "ground", "dye": "indigo", "concentration": 20, "density": 1.5, "drop_mm": 2.5, "seed": 9},
      {"op": "lorod"}]})";
  const Plan p = plan(json, b);
  CHECK(p.klowong == "kuning");
  CHECK(p.steps[1].placement == PlanStep::Placement::HalfDrop);
  CHECK(p.steps[1].sizeCm == 18);
  CHECK(p.steps[2].at.size() == 2);
  CHECK(p.steps[2].at[1].x == 10.5);
  CHECK(p.steps[3].dropMm == 2.5);
  const std::string out = planToJson(p);
  const Plan back = plan(out, b);
  CHECK(planToJson(back) == out);
  CHECK(back.steps[3].seed == 9);

  struct Case {
    const char* json;
    const char* where;
    const char* reason;
  };
  for (const Case& c : std::vector<Case>{
           {R"({"steps": [{"op": "cap"}]})", "steps[0].tile", "@reason.bad_tile"},
           {R"({"steps": [{"op": "cap", "tile": "motif:batman"}]})", "steps[0].tile", "@reason.bad_tile"},
           {R"({"steps": [{"op": "cap", "tile": "mask:../x.png"}]})", "steps[0].tile", "@reason.bad_tile"},
           {R"({"steps": [{"op": "cap", "tile": "isen", "size_cm": 0}]})", "steps[0].size_cm", "@reason.bad_number"},
           {R"({"steps": [{"op": "cap", "tile": "isen", "size_cm": "20"}]})", "steps[0].size_cm", "@reason.bad_number"},
           {R"({"steps": [{"op": "cap", "tile": "isen", "placement": "spiral"}]})", "steps[0].placement", "@reason.bad_placement"},
           {R"({"steps": [{"op": "cap", "tile": "isen", "placement": "hand"}]})", "steps[0].at", "@reason.bad_positions"},
           {R"({"steps": [{"op": "cap", "tile": "isen", "placement": "grid", "at": [[1, 1]]}]})", "steps[0].at", "@reason.bad_positions"},
           {R"({"steps": [{"op": "cap", "tile": "isen", "at": [[1, 1], [2]]}]})", "steps[0].at[1]", "@reason.bad_positions"},
           {R"({"steps": [{"op": "cap", "tile": "isen", "at": {"x": 1}}]})", "steps[0].at", "@reason.bad_positions"},
           {R"({"steps": [{"op": "ciprat", "layer": "ground", "concentration": 3}]})", "steps[0].dye", "@reason.missing_field"},
           {R"({"steps": [{"op": "ciprat", "layer": "lid", "dye": "indigo", "concentration": 3}]})", "steps[0].layer", "@reason.bad_layer"},
           {R"({"steps": [{"op": "ciprat", "layer": "all", "dye": "indigo", "concentration": 3, "drop_mm": 100}]})", "steps[0].drop_mm", "@reason.bad_number"},
           {R"({"klowong": "ungu", "steps": []})", "klowong", "@reason.unknown_klowong"},
       }) {
    INFO(c.json);
    auto r = parsePlan(c.json, b);
    REQUIRE_FALSE(r);
    CHECK(r.error().arg("where") == c.where);
    CHECK(r.error().arg("reason") == c.reason);
  }
}

TEST_CASE("the klowong style is data: white leaves the lines the cloth's own, yellow paints them before their wax", "[imaging][dye][klowong]") {
  const DyeBook b = book();
  REQUIRE(b.klowong.size() >= 2);
  CHECK(b.klowong.front().id == "putih");
  CHECK(b.klowong.front().dye.empty());
  for (const KlowongStyle& k : b.klowong) {
    INFO(k.id);
    CHECK_FALSE(k.confidence.empty());
    CHECK_FALSE(k.source.empty());
  }
  const Layers l = markLayers();
  const std::string steps = R"("steps": [{"op": "wax", "layer": "outline"}, {"op": "dye", "dye": "indigo", "concentration": 50, "dips": 6}, {"op": "lorod"}])";
  auto white = simulate(plan("{" + steps + "}", b), l, b, {.dpi = 50.8});
  auto yellow = simulate(plan(R"({"klowong": "kuning", )" + steps + "}", b), l, b, {.dpi = 50.8});
  REQUIRE(white);
  REQUIRE(yellow);
  const Lab line = srgbToLab([&] {
    const cv::Vec3b v = renderCloth(yellow->back()).at<cv::Vec3b>(200, 2);
    return Rgb8{v[2], v[1], v[0]};
  }());
  const cv::Vec3b w = renderCloth(white->back()).at<cv::Vec3b>(200, 2);
  CHECK(deltaE2000(srgbToLab(Rgb8{w[2], w[1], w[0]}), b.cloth) < 2);
  CHECK(line.b > 30);  // yellow
  // The ground is the same blue in both: the style touches only the lines.
  CHECK(cv::norm(renderCloth(white->back()).at<cv::Vec3b>(200, 200), renderCloth(yellow->back()).at<cv::Vec3b>(200, 200)) < 1);
}

TEST_CASE("the recipe follows cap (wax, no bath), ciprat (its dye's own baths) and a yellow klowong", "[imaging][dye][recipe][cap]") {
  const DyeBook b = book();
  const Plan p = plan(R"({"klowong": "kuning", "steps": [{"op": "wax", "layer": "outline"}, {"op": "cap", "tile": "isen", "size_cm": 18, "placement": "brick"},
      {"op": "ciprat", "layer": "ground", "dye": "remazol-merah", "concentration": 40}, {"op": "lorod"}]})", b);
  auto r = computeRecipe(p, b, 500, 20);
  REQUIRE(r);
  std::vector<std::string> roles;
  for (const RecipeBath& bath : r->baths) roles.push_back(std::to_string(bath.step) + ":" + bath.role);
  CAPTURE(roles);
  REQUIRE(r->baths.size() >= 4);
  CHECK(r->baths[0].step == 1);
  CHECK(r->baths[0].klowong);
  CHECK(r->baths[0].dye == "remazol-kuning");
  const auto cap = std::find_if(r->baths.begin(), r->baths.end(), [](const RecipeBath& x) { return x.role == "cap"; });
  REQUIRE(cap != r->baths.end());
  CHECK(cap->step == 2);
  CHECK(cap->stampCm == 18);
  CHECK(cap->placement == "brick");
  CHECK(cap->amounts.empty());
  CHECK(cap->litresLo == 0);
  const auto splash = std::find_if(r->baths.begin(), r->baths.end(), [](const RecipeBath& x) { return x.step == 3; });
  REQUIRE(splash != r->baths.end());
  CHECK(splash->dye == "remazol-merah");
  CHECK(splash->perMl == 100);  // remazol is dosed per 100 mL of solution, splashed as painted
  REQUIRE_FALSE(splash->amounts.empty());
  CHECK(splash->amounts[0].lo == Approx(4.0));  // 40 g/L x 0.1 L
}
