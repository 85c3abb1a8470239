// The tile cut from a lattice given by hand (the GUI's dragged vectors).

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/photo.h"
#include "support/repeat_photo.h"

using namespace canting;

namespace {

test::RepeatPhoto straightPhoto() {
  test::RepeatPhotoSpec s;
  s.tileSize = {150, 120};
  s.rotationDeg = 6;
  s.noise = 2;
  s.jpegQuality = 85;
  return test::makeRepeatPhoto(s);
}

}  // namespace

TEST_CASE("a tile cut from the found lattice is findRaport's tile", "[photo][raport]") {
  const test::RepeatPhoto photo = straightPhoto();
  const imaging::Raport found = imaging::findRaport(photo.photo);
  REQUIRE(found.cut);
  const imaging::Raport again = imaging::cutRaport(photo.photo, found.a, found.b, found.origin);
  REQUIRE(again.cut);
  CHECK(again.tile.size() == found.tile.size());
  CHECK(again.confidence == Approx(found.confidence).margin(0.02));
  CHECK(cv::norm(again.tile, found.tile, cv::NORM_L1) / double(found.tile.total() * 3) < 1.0);
}

TEST_CASE("a lattice dragged by hand is cut to its own size, and a wrong one scores lower", "[photo][raport]") {
  const test::RepeatPhoto photo = straightPhoto();
  const imaging::Raport truth = imaging::cutRaport(photo.photo, photo.a, photo.b, {200, 200});
  REQUIRE(truth.cut);
  const double cell = std::abs(photo.a.x * photo.b.y - photo.a.y * photo.b.x);
  CHECK(std::abs(truth.tile.cols * truth.tile.rows / cell - 1) < 0.05);
  CHECK(truth.confidence > 0.3);
  // Two thirds of the repeat along a: still cut (the user asked), but the photo disagrees.
  const imaging::Raport wrong = imaging::cutRaport(photo.photo, photo.a * (2.0 / 3.0), photo.b, {200, 200});
  REQUIRE(wrong.cut);
  CHECK(wrong.confidence < truth.confidence - 0.2);
  CHECK(std::abs(wrong.tile.cols * wrong.tile.rows / (cell * 2 / 3) - 1) < 0.05);
}

TEST_CASE("a degenerate hand-made lattice gives the whole photo, never a crash", "[photo][raport]") {
  const test::RepeatPhoto photo = straightPhoto();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const struct {
    cv::Point2d a, b;
  } bad[] = {{{0, 0}, {0, 0}}, {{50, 0}, {100, 0}}, {{2, 0}, {0, 2}}, {{5000, 0}, {0, 5000}}, {{nan, 0}, {0, 40}}};
  for (const auto& l : bad) {
    const imaging::Raport r = imaging::cutRaport(photo.photo, l.a, l.b, {0, 0});
    CHECK_FALSE(r.cut);
    CHECK(r.tile.size() == photo.photo.size());
  }
  CHECK_FALSE(imaging::cutRaport(cv::Mat(), {40, 0}, {0, 40}, {0, 0}).cut);
  // A perfectly even cloth has no repeat, and no lattice drawn on it finds one.
  const cv::Mat plain(400, 500, CV_8UC3, cv::Scalar(200, 220, 235));
  CHECK_FALSE(imaging::findRaport(plain).found);
  CHECK(imaging::cutRaport(plain, {60, 0}, {0, 60}, {10, 10}).confidence == 0);
  // Grey, 16-bit and alpha photos are cut like any other.
  cv::Mat grey;
  cv::cvtColor(photo.photo, grey, cv::COLOR_BGR2GRAY);
  cv::Mat deep;
  grey.convertTo(deep, CV_16U, 257);
  cv::Mat alpha;
  cv::cvtColor(photo.photo, alpha, cv::COLOR_BGR2BGRA);
  for (const cv::Mat& m : {grey, deep, alpha}) {
    const imaging::Raport r = imaging::cutRaport(m, photo.a, photo.b, {100, 100});
    CHECK(r.cut);
    CHECK(r.tile.type() == CV_8UC3);
  }
}
