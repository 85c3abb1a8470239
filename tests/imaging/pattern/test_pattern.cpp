#include <catch2/catch.hpp>

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "canting/imaging/pattern.h"

using namespace canting::imaging;

namespace {
cv::Mat randomTile(int w, int h, int seed = 1) {
  cv::Mat t(h, w, CV_8UC3);
  cv::RNG rng{std::uint64_t(seed)};
  rng.fill(t, cv::RNG::UNIFORM, 0, 256);
  return t;
}
int pmod(long long a, int m) { return int(((a % m) + m) % m); }
bool same(const cv::Mat& a, const cv::Mat& b) { return a.size() == b.size() && cv::norm(a, b, cv::NORM_INF) == 0; }
}  // namespace

TEST_CASE("every repeat layout and drop fraction matches its definition pixel by pixel", "[imaging][pattern]") {
  const cv::Mat t = randomTile(7, 5);  // odd sizes on purpose
  const cv::Size out(41, 33);
  for (double drop : {0.5, 1.0 / 3, 0.25, 0.3}) {
    INFO("drop " << drop);
    const cv::Mat hd = renderRepeat(t, {RepeatLayout::HalfDrop, drop}, out);
    const cv::Mat hb = renderRepeat(t, {RepeatLayout::HalfBrick, drop}, out);
    for (int y = 0; y < out.height; ++y)
      for (int x = 0; x < out.width; ++x) {
        const long long colShift = std::llround((x / 7) * drop * 5), rowShift = std::llround((y / 5) * drop * 7);
        REQUIRE(hd.at<cv::Vec3b>(y, x) == t.at<cv::Vec3b>(pmod(y - colShift, 5), x % 7));
        REQUIRE(hb.at<cv::Vec3b>(y, x) == t.at<cv::Vec3b>(y % 5, pmod(x - rowShift, 7)));
      }
  }
  const cv::Mat st = renderRepeat(t, {RepeatLayout::Straight}, out);
  const cv::Mat mi = renderRepeat(t, {RepeatLayout::Mirror}, out);
  const cv::Mat ce = renderRepeat(t, {RepeatLayout::Centre}, out);
  const int ox = out.width / 2 - 7 / 2, oy = out.height / 2 - 5 / 2;
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) {
      REQUIRE(st.at<cv::Vec3b>(y, x) == t.at<cv::Vec3b>(y % 5, x % 7));
      const int mx = (x / 7) % 2 ? 6 - x % 7 : x % 7, my = (y / 5) % 2 ? 4 - y % 5 : y % 5;
      REQUIRE(mi.at<cv::Vec3b>(y, x) == t.at<cv::Vec3b>(my, mx));
      REQUIRE(ce.at<cv::Vec3b>(y, x) == t.at<cv::Vec3b>(pmod(y - oy, 5), pmod(x - ox, 7)));
    }
  // A tile's centre sits on the cloth's centre.
  CHECK(ce.at<cv::Vec3b>(out.height / 2 - 5 / 2 + 2, out.width / 2 - 7 / 2 + 3) == t.at<cv::Vec3b>(2, 3));
}

TEST_CASE("any band of rows renders exactly as the same rows of the whole cloth", "[imaging][pattern]") {
  const cv::Mat t = randomTile(13, 9, 2);
  const cv::Size out(100, 77);
  for (RepeatLayout l : {RepeatLayout::Straight, RepeatLayout::HalfDrop, RepeatLayout::HalfBrick, RepeatLayout::Mirror, RepeatLayout::Centre}) {
    const RepeatSpec s{l, 1.0 / 3};
    const cv::Mat whole = renderRepeat(t, s, out);
    for (int y0 : {0, 5, 31, 70}) {
      cv::Mat band;
      renderRepeatRows(t, s, out, y0, std::min(out.height, y0 + 17), band);
      REQUIRE(same(band, whole.rowRange(y0, std::min(out.height, y0 + 17))));
    }
  }
}

TEST_CASE("bad repeat parameters are refused with a reason", "[imaging][pattern]") {
  const cv::Mat t = randomTile(4, 4);
  CHECK_FALSE(checkRepeat(t, {RepeatLayout::HalfDrop, 0}, {10, 10}));
  CHECK_FALSE(checkRepeat(t, {RepeatLayout::HalfBrick, 1.0}, {10, 10}));
  CHECK_FALSE(checkRepeat(t, {}, {0, 10}));
  CHECK_FALSE(checkRepeat(t, {}, {10, -1}));
  CHECK_FALSE(checkRepeat(cv::Mat(), {}, {10, 10}));
  CHECK(checkRepeat(t, {RepeatLayout::HalfDrop, 0.25}, {10, 10}));
  CHECK(parseFraction("1/3").value() == Approx(1.0 / 3));
  CHECK(parseFraction("0.25").value() == 0.25);
  for (const char* bad : {"0", "1", "1/0", "abc", "-1/2", "3/2", ""}) CHECK_FALSE(parseFraction(bad));
  CHECK(parseRepeat("half-drop") == RepeatLayout::HalfDrop);
  CHECK_FALSE(parseRepeat("zigzag"));
}

TEST_CASE("transforms: quarter turns are exact, offsets wrap, crops are checked", "[imaging][pattern]") {
  const cv::Mat t = randomTile(6, 4, 3);
  cv::Mat r90;
  cv::rotate(t, r90, cv::ROTATE_90_CLOCKWISE);
  CHECK(same(rotateTile(t, 90), r90));
  CHECK(same(rotateTile(rotateTile(rotateTile(rotateTile(t, 90), 90), 90), 90), t));
  CHECK(same(rotateTile(t, -270), r90));
  const cv::Mat r45 = rotateTile(t, 45);
  CHECK(r45.cols >= 7);  // the canvas grew to hold the corners
  CHECK(same(offsetTile(offsetTile(t, 2, 3), -2, -3), t));
  CHECK(offsetTile(t, 1, 0).at<cv::Vec3b>(0, 0) == t.at<cv::Vec3b>(0, 5));
  CHECK(same(flipTile(flipTile(t, true, true), true, true), t));
  CHECK(scaleTile(t, 2).size() == cv::Size(12, 8));
  CHECK_FALSE(cropTile(t, cv::Rect(4, 0, 4, 2)));
  CHECK_FALSE(cropTile(t, cv::Rect(0, 0, 0, 2)));
  CHECK(cropTile(t, cv::Rect(1, 1, 2, 2)));
}

TEST_CASE("the seam check finds a visible seam and make-seamless removes it", "[imaging][pattern]") {
  // Periodic in both directions: seamless by construction.
  cv::Mat periodic(40, 60, CV_8UC3);
  for (int y = 0; y < 40; ++y)
    for (int x = 0; x < 60; ++x) {
      const double v = 128 + 60 * std::sin(2 * CV_PI * x / 60) * std::cos(2 * CV_PI * y / 40);
      periodic.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<std::uint8_t>(v), 100, cv::saturate_cast<std::uint8_t>(255 - v));
    }
  const SeamCheck good = checkSeams(periodic, {});
  CHECK(good.score < 1.5);
  // A left-to-right ramp: the right edge never meets the left one.
  cv::Mat ramp(40, 60, CV_8UC3);
  for (int x = 0; x < 60; ++x) ramp.col(x).setTo(cv::Scalar(40 + 3 * x, 80, 200 - 2 * x));
  const SeamCheck bad = checkSeams(ramp, {});
  CHECK(bad.score > 10);
  REQUIRE(bad.heat.size() == cv::Size(120, 80));
  CHECK(bad.heat.at<float>(10, 59) > 20);  // hot on the seam
  CHECK(bad.heat.at<float>(10, 30) < 5);   // calm inside
  CHECK(checkSeams(makeSeamless(ramp), {}).score < bad.score / 3);
}

TEST_CASE("each rectangular and square wallpaper group has its defining symmetries", "[imaging][pattern][wallpaper]") {
  const cv::Mat t = randomTile(8, 6, 5);
  auto fh = [](const cv::Mat& m) { return flipTile(m, true, false); };
  auto fv = [](const cv::Mat& m) { return flipTile(m, false, true); };
  auto r180 = [](const cv::Mat& m) { return rotateTile(m, 180); };
  const int w = t.cols, h = t.rows;

  const cv::Mat p1 = wallpaperCell(t, WallpaperGroup::P1);
  CHECK(same(p1, t));
  CHECK(same(r180(wallpaperCell(t, WallpaperGroup::P2)), wallpaperCell(t, WallpaperGroup::P2)));
  const cv::Mat pm = wallpaperCell(t, WallpaperGroup::PM);
  CHECK(same(fh(pm), pm));
  CHECK_FALSE(same(fv(pm), pm));
  const cv::Mat pg = wallpaperCell(t, WallpaperGroup::PG);
  CHECK(same(offsetTile(fh(pg), 0, h), pg));  // glide: reflect, then move half a cell
  CHECK_FALSE(same(fh(pg), pg));               // but no mirror
  const cv::Mat cm = wallpaperCell(t, WallpaperGroup::CM);
  CHECK(same(fh(cm), cm));
  CHECK(same(offsetTile(cm, w, h), cm));  // centred lattice
  const cv::Mat pmm = wallpaperCell(t, WallpaperGroup::PMM);
  CHECK(same(fh(pmm), pmm));
  CHECK(same(fv(pmm), pmm));
  const cv::Mat pmg = wallpaperCell(t, WallpaperGroup::PMG);
  CHECK(same(fh(pmg), pmg));
  CHECK_FALSE(same(fv(pmg), pmg));
  CHECK(same(offsetTile(fv(pmg), w, 0), pmg));
  const cv::Mat pgg = wallpaperCell(t, WallpaperGroup::PGG);
  CHECK_FALSE(same(fh(pgg), pgg));
  CHECK_FALSE(same(fv(pgg), pgg));
  CHECK(same(offsetTile(fh(pgg), w, h), pgg));
  CHECK(same(offsetTile(fv(pgg), w, h), pgg));
  CHECK(same(r180(pgg), offsetTile(pgg, 0, 0)) == same(r180(pgg), pgg));
  const cv::Mat cmm = wallpaperCell(t, WallpaperGroup::CMM);
  CHECK(same(fh(cmm), cmm));
  CHECK(same(offsetTile(fv(cmm), 0, cmm.rows / 2), cmm));
  CHECK(same(offsetTile(cmm, w, cmm.rows / 2), cmm));

  const cv::Mat sq = randomTile(10, 10, 6);
  const cv::Mat p4 = wallpaperCell(sq, WallpaperGroup::P4);
  CHECK(same(rotateTile(p4, 90), p4));
  CHECK_FALSE(same(fh(p4), p4));
  const cv::Mat p4m = wallpaperCell(sq, WallpaperGroup::P4M);
  CHECK(same(rotateTile(p4m, 90), p4m));
  CHECK(same(fh(p4m), p4m));
  cv::Mat tr;
  cv::transpose(p4m, tr);
  CHECK(same(tr, p4m));
  const cv::Mat p4g = wallpaperCell(sq, WallpaperGroup::P4G);
  CHECK(same(rotateTile(p4g, 90), p4g));
  CHECK_FALSE(same(fh(p4g), p4g));  // mirrors only off the rotation centres
  for (int y = 0; y < 10; ++y)
    for (int x = 0; x < 10; ++x) REQUIRE(p4g.at<cv::Vec3b>(y, x) == p4g.at<cv::Vec3b>(9 - x, 9 - y));
}

TEST_CASE("each hexagonal wallpaper group has its rotations and mirrors", "[imaging][pattern][wallpaper]") {
  // Colour that follows position (red across, blue down): a symmetry the
  // group lacks shows as a large difference, one it has as a small one
  // (nearest sampling moves a point by a pixel at most, 4 levels here).
  cv::Mat smooth(64, 64, CV_8UC3);
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 64; ++x) smooth.at<cv::Vec3b>(y, x) = cv::Vec3b(std::uint8_t(4 * y), 128, std::uint8_t(4 * x));
  // Share of sample points around the lattice point at the centre of a 2x2
  // arrangement whose colour matches its image under `op` (within 6 levels).
  auto agreement = [](const cv::Mat& cell, auto op) {
    const cv::Mat area = renderRepeat(cell, {}, cv::Size(2 * cell.cols, 2 * cell.rows));
    const cv::Point2d c(cell.cols, cell.rows);
    cv::RNG rng(11);
    int ok = 0, n = 0;
    for (int i = 0; i < 2000; ++i) {
      const double r = rng.uniform(2.0, cell.cols * 0.5), a = rng.uniform(0.0, 2 * CV_PI);
      const cv::Point2d p(c.x + r * std::cos(a), c.y + r * std::sin(a));
      const cv::Point2d q = op(p - c) + c;
      const cv::Vec3b u = area.at<cv::Vec3b>(int(p.y), int(p.x)), v = area.at<cv::Vec3b>(int(q.y), int(q.x));
      ok += std::abs(u[0] - v[0]) <= 12 && std::abs(u[2] - v[2]) <= 12;
      ++n;
    }
    return double(ok) / n;
  };
  auto rotation = [](double deg) {
    const double a = deg * CV_PI / 180;
    return [a](cv::Point2d d) { return cv::Point2d(d.x * std::cos(a) - d.y * std::sin(a), d.x * std::sin(a) + d.y * std::cos(a)); };
  };
  auto mirrorVertical = [](cv::Point2d d) { return cv::Point2d(-d.x, d.y); };
  for (auto g : {WallpaperGroup::P3, WallpaperGroup::P3M1, WallpaperGroup::P31M, WallpaperGroup::P6, WallpaperGroup::P6M}) {
    INFO(wallpaperName(g));
    const cv::Mat cell = wallpaperCell(smooth, g);
    CHECK(agreement(cell, rotation(120)) > 0.9);
    const bool six = g == WallpaperGroup::P6 || g == WallpaperGroup::P6M;
    if (six) CHECK(agreement(cell, rotation(60)) > 0.9);
    else CHECK(agreement(cell, rotation(60)) < 0.7);
    const bool mirrorThroughCentre = g == WallpaperGroup::P3M1 || g == WallpaperGroup::P6M;
    if (mirrorThroughCentre) CHECK(agreement(cell, mirrorVertical) > 0.9);
    else CHECK(agreement(cell, mirrorVertical) < 0.7);
  }
  CHECK(parseWallpaper("p31m") == WallpaperGroup::P31M);
  CHECK_FALSE(parseWallpaper("p5"));
}

TEST_CASE("kaleidoscopes mirror the wedge round the centre", "[imaging][pattern]") {
  cv::Mat smooth;
  cv::GaussianBlur(randomTile(81, 81, 9), smooth, cv::Size(0, 0), 5);
  for (int n : {2, 4, 6, 8}) {
    auto k = kaleidoscope(smooth, n);
    REQUIRE(k);
    CHECK(k->size() == cv::Size(81, 81));
  }
  const cv::Mat k4 = *kaleidoscope(smooth, 4);
  // 4-fold: a quarter turn and a mirror leave it (nearly) as it was.
  CHECK(cv::norm(rotateTile(k4, 90), k4, cv::NORM_L1) / double(k4.total() * 3) < 6);
  CHECK(cv::norm(flipTile(k4, true, false), k4, cv::NORM_L1) / double(k4.total() * 3) < 6);
  CHECK_FALSE(kaleidoscope(smooth, 5));
}
