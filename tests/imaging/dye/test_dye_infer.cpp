// A photo of a cloth dyed by a known plan, read back into layers and a plan:
// the cloth is simulated, repeated and photographed (turned, unevenly lit,
// colour-cast, noisy, JPEG), then inferred; the inferred plan, simulated,
// must give the photo's cleaned target back.
#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/color.h"
#include "canting/imaging/dye_infer.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/motif.h"
#include "support/repeat_photo.h"

using namespace canting::imaging;
using canting::test::makeRepeatPhoto;
using canting::test::RepeatPhotoSpec;

namespace {

DyeBook book() {
  auto b = loadDyeBook(std::filesystem::path(CANTING_ASSETS_DIR) / "dyes" / "dyes.json");
  REQUIRE(b);
  return *b;
}

int dyeBaths(const Plan& p) {
  return int(std::count_if(p.steps.begin(), p.steps.end(), [](const PlanStep& s) { return s.op == PlanStep::Op::Dye; }));
}
int keroks(const Plan& p) {
  return int(std::count_if(p.steps.begin(), p.steps.end(), [](const PlanStep& s) { return s.op == PlanStep::Op::Kerok; }));
}

double meanDeltaE(const cv::Mat& a, const cv::Mat& b) { return cv::mean(deltaE2000(bgrToLab(a), bgrToLab(b)))[0]; }

struct Case {
  const char* name;
  MotifKind motif;
  const char* plan;
};

// One tile of cloth (8.1 cm at 100 dpi) dyed by the plan.
cv::Mat dyedTile(const DyeBook& b, MotifKind motif, const std::string& json) {
  cv::Mat tile = canting::test::dyedTile(b, motif, json, 320, 100);
  REQUIRE_FALSE(tile.empty());
  return tile;
}

}  // namespace

TEST_CASE("a plan inferred from a photographed cloth reproduces its target within mean dE00 3, in no more baths", "[imaging][dye][infer]") {
  const DyeBook b = book();
  const Case cases[] = {
      {"sogan: medel, kerok, soga", MotifKind::Kawung,
       R"({"steps":[{"op":"wax","layer":"outline"},{"op":"wax","layer":"isen"},{"op":"dye","dye":"indigo","concentration":50,"dips":8},
                    {"op":"kerok","layer":"outline"},{"op":"wax","layer":"ground"},{"op":"dye","dye":"soga","concentration":100,"dips":5},{"op":"lorod"}]})"},
      {"two baths, no kerok", MotifKind::Parang,
       R"({"steps":[{"op":"wax","layer":"outline"},{"op":"dye","dye":"tegeran","concentration":100,"dips":5},{"op":"wax","layer":"isen"},
                    {"op":"dye","dye":"indigo","concentration":30,"dips":8},{"op":"lorod"}]})"},
      {"three baths with a kerok", MotifKind::Ceplok,
       R"({"steps":[{"op":"wax","layer":"outline"},{"op":"dye","dye":"remazol-kuning","concentration":30,"dips":1},{"op":"wax","layer":"isen"},
                    {"op":"dye","dye":"remazol-merah","concentration":20,"dips":1},{"op":"kerok","layer":"outline"},
                    {"op":"dye","dye":"remazol-biru","concentration":15,"dips":1},{"op":"lorod"}]})"},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.name) {
      const cv::Mat tile = dyedTile(b, c.motif, c.plan);
      RepeatPhotoSpec spec = canting::test::phonePhotoSpec({720, 540}, 1.5);
      spec.tile = tile;
      spec.tileSize = tile.size();
      spec.rotationDeg = 4;
      spec.cast = {0.88, 1.0, 1.12};
      spec.weave = 0.4;
      const auto photo = makeRepeatPhoto(spec);
      // The photo shows 720 / 1.5 cloth pixels at 100 dpi.
      const double widthCm = 720 / 1.5 / 100 * 2.54;
      auto inferred = inferDyePlan(photo.photo, b, {.clothWidthCm = widthCm});
      if (!inferred) FAIL(inferred.error().detail);
      for (std::size_t i = 0; i < inferred->colours.size(); ++i) UNSCOPED_INFO(formatHex(inferred->colours[i]) << " share " << inferred->shares[i]);
      const Plan original = *parsePlan(c.plan, b);
      INFO(planToJson(inferred->plan));
      CHECK(dyeBaths(inferred->plan) >= 1);
      CHECK(dyeBaths(inferred->plan) <= dyeBaths(original));
      CHECK(inferred->target.size() == photo.photo.size());

      // The plan through the simulation, on the masks it names, with the
      // settings the cloth was dyed with (0.3 mm seepage, the default).
      auto run = [&](const InferredPlan& in, double seepageMm) {
        Layers layers = in.layers;
        for (std::size_t i = 0; i < in.masks.size(); ++i) layers.masks[inferredMaskName(int(i))] = in.masks[i];
        auto st = simulate(in.plan, layers, b, {.dpi = in.dpi, .seepageMm = seepageMm});
        REQUIRE(st);
        return renderCloth(st->back());
      };
      // The cloth as the photo shows it without the camera's faults (lamp,
      // cast, weave, noise, JPEG): the same repeat, turn and scale.
      RepeatPhotoSpec bare = spec;
      bare.lightFalloff = bare.weave = bare.noise = 0;
      bare.cast = {1, 1, 1};
      bare.jpegQuality = 0;
      const cv::Mat cloth = makeRepeatPhoto(bare).photo;
      const double deTarget = meanDeltaE(run(*inferred, 0.3), inferred->target);
      const double deCloth = meanDeltaE(run(*inferred, 0.3), cloth);
      INFO("seepage 0.3 mm: mean dE00 " << deTarget << " from the target, " << deCloth << " from the cloth; predicted " << inferred->predictedDeltaE);
      // The quantised target's edges are crisp where every simulated wax edge
      // is soft: that much stays (about 4 on these 2 mm lines and 1.6 mm dots).
      CHECK(deTarget < 5.0);
      CHECK(deCloth < 5.5);
      // Read from the cloth without the camera's faults, the plan gives the cloth back within 3.
      auto fromBare = inferDyePlan(cloth, b, {.clothWidthCm = widthCm});
      REQUIRE(fromBare);
      const double deBare = meanDeltaE(run(*fromBare, 0.3), cloth);
      INFO("from the bare cloth: mean dE00 " << deBare);
      CHECK(deBare < 3.0);
      CHECK(dyeBaths(fromBare->plan) <= dyeBaths(original));
      // Told there was no seepage, the masks are the colours seen, and the
      // plan without seepage gives the target back within 3.
      auto crisp = inferDyePlan(photo.photo, b, {.clothWidthCm = widthCm, .seepageMm = 0});
      REQUIRE(crisp);
      const double de0 = meanDeltaE(run(*crisp, 0), crisp->target);
      INFO("no seepage: mean dE00 " << de0);
      CHECK(de0 < 3.0);
      // Where the original needed a kerok, so does the cloth read back.
      CHECK((keroks(inferred->plan) > 0) == (keroks(original) > 0));
    }
  }
}

TEST_CASE("an inferred bath is one a centre makes: at most 2.6 times the dye's reference strength", "[imaging][dye][infer]") {
  // The demo parang's dark ground asked for 892 g/L of jambal before the cap;
  // a boiled-down extract holds about 250 g of material a litre.
  const DyeBook b = book();
  auto photo = loadImage(std::filesystem::path(CANTING_ASSETS_DIR) / "demo" / "contoh-parang.png");
  REQUIRE(photo);
  auto inferred = inferDyePlan(photo->pixels, b, {.clothWidthCm = 30});
  REQUIRE(inferred);
  int baths = 0;
  for (const PlanStep& s : inferred->plan.steps) {
    if (s.op != PlanStep::Op::Dye) continue;
    ++baths;
    const Dye* d = b.dye(s.dye);
    REQUIRE(d);
    INFO(s.dye << " at " << s.concentration << " g/L, reference " << d->refConcentration);
    CHECK(s.concentration <= 2.6 * d->refConcentration);
  }
  CHECK(baths >= 1);
}

TEST_CASE("inferred layers: specks go, isen dots are isen, lines are outline", "[imaging][dye][infer]") {
  const DyeBook b = book();
  // 10 cm at 200 px: 2 px per mm. A white field with an indigo ring (a line
  // 3 px wide), indigo dots 7 px across (isen), and 3 x 3 px specks (noise).
  cv::Mat img(200, 200, CV_8UC3, cv::Scalar(234, 241, 244));
  const cv::Scalar blue(104, 60, 46);
  cv::circle(img, {100, 100}, 70, blue, 3, cv::LINE_8);
  for (int y = 70; y <= 130; y += 15)
    for (int x = 70; x <= 130; x += 15) cv::circle(img, {x, y}, 3, blue, cv::FILLED, cv::LINE_8);
  for (int i = 0; i < 20; ++i) cv::rectangle(img, cv::Rect(5 + i * 7 % 25, 5 + i * 9, 3, 3), blue, cv::FILLED);
  auto in = inferDyePlan(img, b, {.clothWidthCm = 10, .speckMm2 = 3, .isenMaxMm = 4, .clean = false});
  REQUIRE(in);
  REQUIRE(in->colours.size() == 2);
  CHECK(in->specksRemoved >= 15);
  CHECK(cv::countNonZero(in->layers.isen(cv::Rect(65, 65, 70, 70))) > 25 * 8);  // the dots
  CHECK(cv::countNonZero(in->layers.isen(cv::Rect(0, 0, 40, 200))) == 0);      // not the specks
  CHECK(in->layers.outline.at<std::uint8_t>(30, 100) == 255);                  // the ring
  CHECK(cv::countNonZero(in->layers.outline) > 2 * 3 * 70 * 3);
  // White waxed first, then one bath: wax, dye, lorod.
  REQUIRE(in->plan.steps.size() == 3);
  CHECK(in->plan.steps[0].op == PlanStep::Op::Wax);
  CHECK(in->plan.steps[1].op == PlanStep::Op::Dye);
  CHECK(in->plan.steps[2].op == PlanStep::Op::Lorod);
}

TEST_CASE("photos that cannot be read into a plan say why, any decodable photo is read without a crash", "[imaging][dye][infer]") {
  const DyeBook b = book();
  const auto why = [&](const cv::Mat& m) {
    auto r = inferDyePlan(m, b);
    return r ? std::string("ok") : r.error().args.empty() ? std::string("?") : r.error().args[0].second;
  };
  CHECK(why(cv::Mat(20, 300, CV_8UC3, cv::Scalar(200, 200, 200))) == "@dye.infer.error.tiny");
  CHECK(why(cv::Mat(200, 300, CV_8UC3, cv::Scalar(90, 120, 160))) == "@dye.infer.error.plain");
  cv::Mat noisyPlain(240, 320, CV_8UC3);
  cv::randn(noisyPlain, cv::Scalar(200, 205, 210), cv::Scalar::all(3));
  CHECK(why(noisyPlain) == "@dye.infer.error.plain");
  // A motif in other depths and channel counts: grey, 16-bit, alpha.
  cv::Mat bgr(240, 320, CV_8UC3, cv::Scalar(235, 240, 244));
  cv::circle(bgr, {160, 120}, 60, cv::Scalar(40, 60, 120), 8);
  cv::Mat grey, wide, alpha;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  bgr.convertTo(wide, CV_16UC3, 257);
  cv::cvtColor(bgr, alpha, cv::COLOR_BGR2BGRA);
  for (const cv::Mat& m : {grey, wide, alpha}) {
    auto r = inferDyePlan(m, b);
    REQUIRE(r);
    CHECK(r->colours.size() == 2);
    CHECK(dyeBaths(r->plan) == 1);
  }
  CHECK(why(cv::Mat(240, 320, CV_8UC4, cv::Scalar(0, 0, 0, 0))) == "@dye.infer.error.plain");  // all transparent: white paper
}
