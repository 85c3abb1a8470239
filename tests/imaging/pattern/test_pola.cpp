#include <catch2/catch.hpp>

#include <zlib.h>

#include <regex>
#include <string>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/pola.h"
#include "support/image_fixtures.h"

using namespace canting::imaging;

namespace {
// A phone-photo-like drawing: lines on paper with uneven light and dirt.
cv::Mat drawing() {
  cv::Mat m(400, 600, CV_8UC3);
  for (int y = 0; y < m.rows; ++y)
    for (int x = 0; x < m.cols; ++x) {
      const auto v = std::uint8_t(235 - 60.0 * x / m.cols);  // light falls off across the photo
      m.at<cv::Vec3b>(y, x) = cv::Vec3b(v, v, v);
    }
  cv::circle(m, cv::Point(150, 200), 100, cv::Scalar(60, 50, 40), 6, cv::LINE_AA);
  cv::line(m, cv::Point(300, 50), cv::Point(560, 350), cv::Scalar(50, 40, 40), 6, cv::LINE_AA);
  m.at<cv::Vec3b>(80, 450) = cv::Vec3b(40, 40, 40);  // a speck of dirt, well under a canting dot
  return m;
}

// Page objects and the decompressed content streams of a cairo PDF.
struct PdfFacts {
  int pages = 0;
  std::vector<std::string> mediaBoxes, streams;
};
PdfFacts readPdf(const std::filesystem::path& p) {
  const auto bytes = canting::test::readAll(p);
  const std::string s(bytes.begin(), bytes.end());
  PdfFacts f;
  for (std::size_t at = 0; (at = s.find("/Type /Page", at)) != std::string::npos; at += 11)
    if (s.compare(at, 12, "/Type /Pages") != 0) ++f.pages;
  const std::regex box(R"(/MediaBox \[ ?([0-9. ]+)\])");
  for (std::sregex_iterator it(s.begin(), s.end(), box), end; it != end; ++it) f.mediaBoxes.push_back((*it)[1]);
  for (std::size_t at = 0; (at = s.find("stream\n", at)) != std::string::npos;) {
    const std::size_t start = at + 7, stop = s.find("endstream", start);
    if (stop == std::string::npos) break;
    std::vector<unsigned char> out(1 << 22);
    uLongf len = uLongf(out.size());
    if (uncompress(out.data(), &len, reinterpret_cast<const Bytef*>(s.data() + start), uLong(stop - start)) == Z_OK)
      f.streams.emplace_back(reinterpret_cast<char*>(out.data()), len);
    at = stop;
  }
  return f;
}
}  // namespace

TEST_CASE("pola extraction keeps the lines across uneven light and drops dirt", "[imaging][pola]") {
  auto pola = extractPola(drawing(), 150);
  REQUIRE(pola);
  REQUIRE(pola->type() == CV_8U);
  CHECK(pola->at<std::uint8_t>(200, 50) == 0);     // on the circle (left edge)
  CHECK(pola->at<std::uint8_t>(200, 150) == 255);  // inside it: paper
  CHECK(pola->at<std::uint8_t>(200, 430) == 0);    // on the diagonal, where the light is dimmer
  CHECK(pola->at<std::uint8_t>(80, 450) == 255);   // the speck is gone
  CHECK(pola->at<std::uint8_t>(380, 580) == 255);  // the dim corner is paper, not line
  // Thinned and redrawn at 2 mm: lines of about 2 mm at 150 DPI (12 px).
  auto thin = extractPola(drawing(), 150, {.lineMm = 2.0, .thin = true});
  REQUIRE(thin);
  int run = 0;
  for (int x = 30; x < 80; ++x) run += thin->at<std::uint8_t>(200, x) == 0;
  CHECK(run >= 9);
  CHECK(run <= 15);
  CHECK_FALSE(extractPola(cv::Mat(), 150));
  CHECK_FALSE(extractPola(drawing(), 0));
}

TEST_CASE("thinning leaves one-pixel lines", "[imaging][pola]") {
  cv::Mat m(60, 120, CV_8U, cv::Scalar(0));
  cv::rectangle(m, cv::Rect(10, 25, 100, 9), cv::Scalar(255), cv::FILLED);
  const cv::Mat t = thinLines(m);
  for (int x = 20; x < 100; ++x) CHECK(cv::countNonZero(t.col(x)) == 1);
}

TEST_CASE("the pola PDF has the planned pages, the paper's size and a true 10 cm scale bar", "[imaging][pola]") {
  canting::test::TempDir dir;
  auto pola = extractPola(drawing(), 150);
  REQUIRE(pola);
  // 40 cm wide (a 600 x 400 image: 26.7 cm high) on A4 with 12 mm margins and 10 mm overlap:
  // printable 186 x 273 mm, steps 176 x 263 -> 3 columns, 1 row.
  auto plan = planPages(pola->size(), 40, {});
  REQUIRE(plan);
  CHECK(plan->cols == 3);
  CHECK(plan->rows == 1);
  REQUIRE(writePolaPdf(*pola, 40, {}, dir / "a4.pdf"));
  PdfFacts a4 = readPdf(dir / "a4.pdf");
  CHECK(a4.pages == 3);
  REQUIRE_FALSE(a4.mediaBoxes.empty());
  CHECK(a4.mediaBoxes.front().find("595.27") != std::string::npos);  // 210 mm
  CHECK(a4.mediaBoxes.front().find("841.8") != std::string::npos);   // 297 mm
  // The scale bar is drawn as a rectangle 100 mm = 283.46 pt wide, in page points.
  bool found = false;
  for (const auto& s : a4.streams) found |= std::regex_search(s, std::regex(R"(283\.46\d* [0-9.]+ re)"));
  CHECK(found);
  // F4 is taller: fewer rows for a long pola.
  REQUIRE(writePolaPdf(*pola, 60, {.paper = Paper::F4}, dir / "f4.pdf"));
  PdfFacts f4 = readPdf(dir / "f4.pdf");
  CHECK(f4.mediaBoxes.front().find("609.44") != std::string::npos);  // 215 mm
  CHECK(f4.mediaBoxes.front().find("935.4") != std::string::npos);   // 330 mm
  CHECK(f4.pages == planPages(pola->size(), 60, {.paper = Paper::F4})->pages());
  CHECK_FALSE(planPages(pola->size(), 0, {}));
  CHECK_FALSE(planPages(pola->size(), 40, {.overlapMm = 150}));
  CHECK_FALSE(writePolaPdf(*pola, 40, {}, dir / "missing" / "x.pdf"));
}
