#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/motif.h"
#include "canting/imaging/pattern.h"

using namespace canting::imaging;

TEST_CASE("every generator's layers are disjoint and cover the tile", "[imaging][motif]") {
  for (int k = 0; k <= int(MotifKind::Semen); ++k) {
    const MotifKind kind = MotifKind(k);
    INFO(motifName(kind));
    auto m = generateMotif(kind, {.size = 400, .dpi = 150});
    REQUIRE(m);
    REQUIRE(m->outline.type() == CV_8U);
    for (const cv::Mat* mask : {&m->outline, &m->isen, &m->ground}) {
      REQUIRE(mask->size() == cv::Size(400, 400));
      // Masks are exactly 0 or 255.
      CHECK(cv::countNonZero(*mask == 0) + cv::countNonZero(*mask == 255) == 400 * 400);
    }
    CHECK(cv::countNonZero(m->outline & m->isen) == 0);
    CHECK(cv::countNonZero(m->outline & m->ground) == 0);
    CHECK(cv::countNonZero(m->isen & m->ground) == 0);
    CHECK(cv::countNonZero(m->outline | m->isen | m->ground) == 400 * 400);
    CHECK(cv::countNonZero(m->outline) > 400);  // there is a drawing
    CHECK(m->picture.type() == CV_8UC3);
  }
}

TEST_CASE("generated tiles repeat without seams and a seed gives the same drawing", "[imaging][motif]") {
  for (int k = 0; k <= int(MotifKind::Semen); ++k) {
    const MotifKind kind = MotifKind(k);
    INFO(motifName(kind));
    auto a = generateMotif(kind, {.size = 300, .dpi = 100, .seed = 7});
    auto b = generateMotif(kind, {.size = 300, .dpi = 100, .seed = 7});
    REQUIRE(a);
    REQUIRE(b);
    CHECK(cv::norm(a->picture, b->picture, cv::NORM_INF) == 0);
    CHECK(checkSeams(a->picture, {}).score < 1.6);
  }
  const auto s1 = generateMotif(MotifKind::Semen, {.size = 300, .seed = 1});
  const auto s2 = generateMotif(MotifKind::Semen, {.size = 300, .seed = 2});
  CHECK(cv::norm(s1->picture, s2->picture, cv::NORM_INF) > 0);  // a scatter follows its seed
}

TEST_CASE("isen fillers stay inside their region and line widths follow millimetres", "[imaging][motif]") {
  cv::Mat region(300, 300, CV_8U, cv::Scalar(0));
  cv::circle(region, cv::Point(150, 150), 110, cv::Scalar(255), cv::FILLED);
  for (int k = 0; k <= int(IsenKind::Galaran); ++k) {
    INFO(isenName(IsenKind(k)));
    const cv::Mat f = fillIsen(region, IsenKind(k), 4.0, 0.8, 150);
    CHECK(cv::countNonZero(f) > 100);
    CHECK(cv::countNonZero(f & ~region) == 0);
  }
  // A 2 mm outline at 300 DPI is about 24 px wide; at 150 DPI about 12.
  auto thick = generateMotif(MotifKind::Ceplok, {.size = 600, .dpi = 300, .lineMm = 2.0});
  auto thin = generateMotif(MotifKind::Ceplok, {.size = 600, .dpi = 300, .lineMm = 1.0});
  CHECK(cv::countNonZero(thick->outline) > 1.5 * cv::countNonZero(thin->outline));
}

TEST_CASE("bad motif parameters are refused", "[imaging][motif]") {
  CHECK_FALSE(generateMotif(MotifKind::Kawung, {.size = 0}));
  CHECK_FALSE(generateMotif(MotifKind::Kawung, {.size = 100, .dpi = -1}));
  CHECK_FALSE(generateMotif(MotifKind::Kawung, {.size = 100, .lineMm = 0}));
  CHECK_FALSE(generateMotif(MotifKind::Kawung, {.size = 100, .density = 10}));
  CHECK(parseMotif("mega-mendung") == MotifKind::MegaMendung);
  CHECK_FALSE(parseMotif("batik"));
}
