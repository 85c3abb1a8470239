// Photo clean-up: flat field, white balance, perspective.

#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/color.h"
#include "canting/imaging/photo.h"
#include "support/repeat_photo.h"

using namespace canting;

namespace {

double deltaEToWhite(const cv::Vec3d& bgr) {
  const imaging::Lab lab = imaging::srgbToLab(imaging::Rgb{bgr[2] / 255, bgr[1] / 255, bgr[0] / 255});
  return imaging::deltaE2000(lab, imaging::Lab{100, 0, 0});
}

}  // namespace

TEST_CASE("clean-up brings the cast, unevenly lit white of a cloth back to white", "[photo][clean]") {
  test::RepeatPhotoSpec s;
  s.motif = imaging::MotifKind::Ceplok;
  s.tileSize = {150, 150};
  s.photoSize = {720, 560};
  s.rotationDeg = 6;
  s.lightFalloff = 0.45;
  s.weave = 1;
  s.noise = 3;
  s.jpegQuality = 80;
  s.seed = 11;
  for (const cv::Vec3d& cast : {cv::Vec3d(0.75, 0.92, 1.12), cv::Vec3d(1.1, 0.97, 0.8), cv::Vec3d(0.9, 1.05, 0.85)}) {
    s.cast = cast;
    const test::RepeatPhoto photo = test::makeRepeatPhoto(s);
    // Where the cloth is undyed: the same cloth photographed in perfect light.
    test::RepeatPhotoSpec ideal = s;
    ideal.lightFalloff = 0, ideal.cast = {1, 1, 1}, ideal.weave = 0, ideal.noise = 0, ideal.jpegQuality = 0;
    cv::Mat truth;
    cv::cvtColor(test::makeRepeatPhoto(ideal).photo, truth, cv::COLOR_BGR2GRAY);
    cv::Mat white = truth >= 250;
    cv::erode(white, white, cv::Mat(), cv::Point(-1, -1), 3);
    REQUIRE(cv::countNonZero(white) > 1000);
    auto clean = imaging::cleanPhoto(photo.photo);
    REQUIRE(clean);
    REQUIRE(clean->size() == photo.photo.size());
    const cv::Scalar before = cv::mean(photo.photo, white);
    const cv::Scalar after = cv::mean(*clean, white);
    INFO("cast " << cast << ": white before " << before << " (dE " << deltaEToWhite({before[0], before[1], before[2]}) << "), after " << after);
    CHECK(deltaEToWhite({before[0], before[1], before[2]}) > 6);  // the test's cast is a real one
    CHECK(deltaEToWhite({after[0], after[1], after[2]}) < 3);
    // Evenly: each quarter of the photo on its own.
    for (int q = 0; q < 4; ++q) {
      const cv::Rect r((q % 2) * clean->cols / 2, (q / 2) * clean->rows / 2, clean->cols / 2, clean->rows / 2);
      const cv::Scalar m = cv::mean((*clean)(r), white(r));
      INFO("quarter " << q << ": " << m);
      CHECK(deltaEToWhite({m[0], m[1], m[2]}) < 3);
    }
  }
}

TEST_CASE("four corners rectify the cloth to a rectangle of their edges' size", "[photo][clean]") {
  cv::Mat board(300, 400, CV_8UC3);
  for (int y = 0; y < board.rows; ++y)
    for (int x = 0; x < board.cols; ++x) board.at<cv::Vec3b>(y, x) = ((x / 50 + y / 50) % 2) ? cv::Vec3b(30, 30, 30) : cv::Vec3b(230, 230, 230);
  const std::array<cv::Point2f, 4> src = {cv::Point2f(0, 0), cv::Point2f(400, 0), cv::Point2f(400, 300), cv::Point2f(0, 300)};
  const std::array<cv::Point2f, 4> quad = {cv::Point2f(60, 40), cv::Point2f(470, 70), cv::Point2f(450, 380), cv::Point2f(40, 350)};
  cv::Mat photo;
  cv::warpPerspective(board, photo, cv::getPerspectiveTransform(src.data(), quad.data()), cv::Size(520, 420), cv::INTER_LINEAR,
                      cv::BORDER_CONSTANT, cv::Scalar(90, 120, 150));
  auto out = imaging::cleanPhoto(photo, {.corners = quad, .flatField = false, .whiteBalance = false});
  REQUIRE(out);
  CHECK(out->cols == int(std::lround(std::max(cv::norm(quad[1] - quad[0]), cv::norm(quad[2] - quad[3])))));
  CHECK(out->rows == int(std::lround(std::max(cv::norm(quad[3] - quad[0]), cv::norm(quad[2] - quad[1])))));
  cv::Mat back;
  cv::resize(*out, back, board.size(), 0, 0, cv::INTER_AREA);
  cv::Mat diff;
  cv::absdiff(back, board, diff);
  CHECK(cv::mean(diff)[0] < 25);  // only the squares' edges differ
}

TEST_CASE("bad corners are refused with a reason, never a crash", "[photo][clean]") {
  const cv::Mat photo(200, 300, CV_8UC3, cv::Scalar::all(128));
  const std::array<std::array<cv::Point2f, 4>, 3> bad = {{
      {cv::Point2f(0, 0), cv::Point2f(300, 200), cv::Point2f(300, 0), cv::Point2f(0, 200)},   // crossed
      {cv::Point2f(0, 0), cv::Point2f(0, 0), cv::Point2f(0, 0), cv::Point2f(0, 0)},           // one point
      {cv::Point2f(0, 0), cv::Point2f(900, 0), cv::Point2f(900, 200), cv::Point2f(0, 200)},   // outside
  }};
  for (const auto& q : bad) {
    auto r = imaging::cleanPhoto(photo, {.corners = q});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == imaging::ErrorCode::InvalidArgument);
    CHECK(r.error().arg("what") == "@photo.corners");
  }
  CHECK_FALSE(imaging::cleanPhoto(cv::Mat()));
}

TEST_CASE("corners parse from x1,y1,...,x4,y4", "[photo][clean]") {
  auto c = imaging::parseCorners("1,2,3.5,4,5,6,7,8");
  REQUIRE(c);
  CHECK((*c)[1].x == Approx(3.5));
  CHECK((*c)[3].y == Approx(8));
  for (const char* bad : {"", "1,2,3", "1,2,3,4,5,6,7,8,9", "1,2,3,4,5,6,7,x", "1;2;3;4;5;6;7;8", "1,2,3,4,5,6,7,8,"})
    CHECK_FALSE(imaging::parseCorners(bad));
}

TEST_CASE("clean-up takes grey, 16-bit, transparent and tiny photos", "[photo][clean]") {
  cv::Mat grey(64, 80, CV_8UC1, cv::Scalar(180)), deep(64, 80, CV_16UC3, cv::Scalar(40000, 42000, 45000));
  cv::Mat alpha(64, 80, CV_8UC4, cv::Scalar(20, 40, 60, 0)), tiny(2, 2, CV_8UC3, cv::Scalar(10, 200, 30));
  for (const cv::Mat& m : {grey, deep, alpha, tiny}) {
    auto r = imaging::cleanPhoto(m);
    REQUIRE(r);
    CHECK(r->type() == CV_8UC3);
    CHECK(r->size() == m.size());
  }
  // Transparent pixels are laid on white.
  CHECK(imaging::photoToBgr8(alpha).at<cv::Vec3b>(0, 0) == cv::Vec3b(255, 255, 255));
  CHECK(imaging::photoToBgr8(deep).at<cv::Vec3b>(0, 0)[2] == 175);
}
