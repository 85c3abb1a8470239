#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/motif.h"
#include "canting/imaging/pattern.h"

using namespace canting::imaging;

TEST_CASE("every generator's layers are disjoint and cover the tile", "[imaging][motif]") {
  for (int k = 0; k < kMotifKinds; ++k) {
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
  for (int k = 0; k < kMotifKinds; ++k) {
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

namespace {
// Ink (outline, isen) share per diagonal band: bands run along y = x + offset,
// so a pixel's band is ((y - x) mod size) / band.
std::vector<std::pair<double, double>> inkPerBand(const MotifLayers& m, int bands) {
  const int size = m.outline.cols;
  std::vector<double> outline(bands), isen(bands), area(bands);
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const int b = std::min(bands - 1, ((y - x + size) % size) * bands / size);
      area[b] += 1;
      outline[b] += m.outline.at<uchar>(y, x) != 0;
      isen[b] += m.isen.at<uchar>(y, x) != 0;
    }
  std::vector<std::pair<double, double>> out;
  for (int b = 0; b < bands; ++b) out.emplace_back(outline[b] / area[b], isen[b] / area[b]);
  return out;
}
}  // namespace

TEST_CASE("lereng and udan liris are diagonal bands of their own, without parang's mlinjon", "[imaging][motif]") {
  REQUIRE(parseMotif("lereng") == MotifKind::Lereng);
  REQUIRE(parseMotif("udan-liris") == MotifKind::UdanLiris);
  const auto parang = generateMotif(MotifKind::Parang, {.size = 480, .dpi = 150});
  const auto lereng = generateMotif(MotifKind::Lereng, {.size = 480, .dpi = 150});
  const auto udan = generateMotif(MotifKind::UdanLiris, {.size = 960, .dpi = 150, .density = 2});
  REQUIRE(parang);
  REQUIRE(lereng);
  REQUIRE(udan);
  CHECK(cv::norm(lereng->outline, parang->outline, cv::NORM_L1) > 0.05 * 255 * 480 * 480);
  const auto udanSmall = generateMotif(MotifKind::UdanLiris, {.size = 480, .dpi = 150});
  REQUIRE(udanSmall);
  CHECK(cv::norm(udanSmall->outline, parang->outline, cv::NORM_L1) > 0.05 * 255 * 480 * 480);
  // Lereng: a band of flowers (lines inside it), then a band of isen alone.
  // The band edges are on the band boundaries, so sixths of a band keep them out.
  const auto l = inkPerBand(*lereng, 2 * 6);
  for (int b : {2, 3}) {
    INFO("flower band, sixth " << b);
    CHECK(l[std::size_t(b)].first > 0.02);
  }
  for (int b : {8, 9}) {
    INFO("isen band, sixth " << b);
    CHECK(l[std::size_t(b)].first == 0);
    CHECK(l[std::size_t(b)].second > 0.05);
  }
  // Udan liris: four bands of different small patterns, the cycle repeating
  // (density 2: eight bands in the tile).
  const auto u = inkPerBand(*udan, 8);
  for (int b = 0; b < 4; ++b) {
    INFO("band " << b << ": outline " << u[std::size_t(b)].first << ", isen " << u[std::size_t(b)].second);
    CHECK(u[std::size_t(b)].first > 0.02);
    CHECK(std::abs(u[std::size_t(b)].first - u[std::size_t(b + 4)].first) < 0.01);
    for (int o = 0; o < b; ++o)
      CHECK((std::abs(u[std::size_t(b)].first - u[std::size_t(o)].first) > 0.01 || std::abs(u[std::size_t(b)].second - u[std::size_t(o)].second) > 0.01));
  }
}

TEST_CASE("bad motif parameters are refused", "[imaging][motif]") {
  CHECK_FALSE(generateMotif(MotifKind::Kawung, {.size = 0}));
  CHECK_FALSE(generateMotif(MotifKind::Kawung, {.size = 100, .dpi = -1}));
  CHECK_FALSE(generateMotif(MotifKind::Kawung, {.size = 100, .lineMm = 0}));
  CHECK_FALSE(generateMotif(MotifKind::Kawung, {.size = 100, .density = 10}));
  CHECK(parseMotif("mega-mendung") == MotifKind::MegaMendung);
  CHECK_FALSE(parseMotif("batik"));
}
