// canting-cli pola end to end: vector pages checked with poppler's own tools
// (pdfimages, pdftoppm; installed by scripts/setup.sh), the SVG with xmllint,
// ink on the page, the scale bar measured on a rendered page, bad input.

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <regex>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "canting/imaging/image_io.h"
#include "run_cli.h"
#include "support/cloth_photo.h"
#include "support/image_fixtures.h"

using namespace canting;
using canting::test::runCli;

namespace {

// A tool's output and exit status; the tools are part of the build's setup.
struct Tool {
  int status = -1;
  std::string out;
};
Tool tool(const std::string& cmd) {
  Tool t;
  if (FILE* p = popen((cmd + " 2>&1").c_str(), "r")) {
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) t.out.append(buf, n);
    t.status = pclose(p);
  }
  return t;
}

// A photographed kawung cloth, 2 x 2 tiles (about 15 cm of cloth), as a phone JPEG.
std::filesystem::path clothJpeg(const test::TempDir& dir, imaging::MotifKind kind = imaging::MotifKind::Kawung) {
  const auto cloth = test::photographCloth(kind, {.repeats = {2, 2}});
  const auto path = dir / "kain.jpg";
  REQUIRE(cv::imwrite(path.string(), cloth.photo, {cv::IMWRITE_JPEG_QUALITY, 80}));
  return path;
}

// Pages rendered by poppler at `dpi`, grey.
std::vector<cv::Mat> renderPages(const std::filesystem::path& pdf, int dpi, const test::TempDir& dir) {
  const auto t = tool("pdftoppm -r " + std::to_string(dpi) + " -gray -png '" + pdf.string() + "' '" + (dir / "page").string() + "'");
  REQUIRE(t.status == 0);
  std::vector<cv::Mat> pages;
  for (int i = 1;; ++i) {
    cv::Mat m;
    for (const char* fmt : {"page-%d.png", "page-%02d.png", "page-%03d.png"}) {
      char name[64];
      std::snprintf(name, sizeof name, fmt, i);
      if (std::filesystem::exists(dir / name)) m = cv::imread((dir / name).string(), cv::IMREAD_GRAYSCALE);
    }
    if (m.empty()) break;
    pages.push_back(m);
  }
  return pages;
}

}  // namespace

TEST_CASE("pola PDF pages hold vector paths only, and an outline pola of cloth inks little of the page", "[cli][pola]") {
  test::TempDir dir;
  const auto photo = clothJpeg(dir);
  const auto pdf = dir / "pola.pdf";
  auto r = runCli({"--lang", "en", "pola", photo.string(), "--width-cm", "30", "-o", pdf.string()});
  REQUIRE(r.code == 0);
  // pdfimages lists every raster image of every page: only its two header lines.
  const auto images = tool("pdfimages -list '" + pdf.string() + "'");
  REQUIRE(images.status == 0);
  CHECK(std::count(images.out.begin(), images.out.end(), '\n') == 2);
  const auto info = tool("pdfinfo '" + pdf.string() + "'");
  CHECK(std::regex_search(info.out, std::regex(R"(Pages:\s+4\n)")));  // 30 cm on A4: 2 x 2 pages
  const auto pages = renderPages(pdf, 50, dir);
  REQUIRE(pages.size() == 4);
  double inked = 0, total = 0;
  for (const cv::Mat& p : pages) {
    const double share = double(cv::countNonZero(p < 128)) / double(p.total());
    INFO("page ink " << share);
    CHECK(share <= 0.15);
    inked += cv::countNonZero(p < 128), total += double(p.total());
  }
  CHECK(inked / total > 0.02);  // and it drew something
  // Filled silhouettes ink far more: the style is what changes it.
  REQUIRE(runCli({"pola", photo.string(), "--width-cm", "30", "--style", "filled", "-o", (dir / "filled.pdf").string()}).code == 0);
  test::TempDir dir2;
  double filled = 0;
  for (const cv::Mat& p : renderPages(dir / "filled.pdf", 50, dir2)) filled += cv::countNonZero(p < 128);
  CHECK(filled > 1.3 * inked);
}

TEST_CASE("the pola's scale bar measures 10 cm on a page rendered at 1:1", "[cli][pola]") {
  test::TempDir dir;
  const auto photo = clothJpeg(dir);
  REQUIRE(runCli({"pola", photo.string(), "--width-cm", "20", "--paper", "F4", "-o", (dir / "p.pdf").string()}).code == 0);
  // 254 DPI: 10 pixels to the millimetre.
  const auto pages = renderPages(dir / "p.pdf", 254, dir);
  REQUIRE(!pages.empty());
  const cv::Mat& page = pages.front();
  CHECK(page.cols == Approx(2150).margin(2));  // F4 is 215 mm wide
  // The bar's bottom edge: the lowest row with a long dark run (its top
  // edge touches the corner mark's circle).
  int bar = 0;
  for (int y = page.rows - 1; y > page.rows - 200 && bar < 500; --y) {
    int run = 0;
    bar = 0;
    for (int x = 0; x < page.cols; ++x) {
      run = page.at<std::uint8_t>(y, x) < 128 ? run + 1 : 0;
      bar = std::max(bar, run);
    }
  }
  CHECK(bar == Approx(1000).margin(4));  // 100 mm, plus the stroke's width
}

TEST_CASE("the pola SVG is well-formed, holds paths and is --width-cm wide in mm", "[cli][pola]") {
  test::TempDir dir;
  const auto photo = clothJpeg(dir, imaging::MotifKind::MegaMendung);
  const auto svg = dir / "pola.svg";
  auto r = runCli({"--lang", "en", "pola", photo.string(), "--width-cm", "42.5", "--repeats", "2x1", "-o", svg.string()});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("425") != std::string::npos);
  const auto lint = tool("xmllint --noout '" + svg.string() + "'");
  CHECK(lint.status == 0);
  CHECK(lint.out.empty());
  std::ifstream in(svg);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::smatch m;
  REQUIRE(std::regex_search(text, m, std::regex(R"(<svg [^>]*width="([0-9.]+)mm" height="([0-9.]+)mm")")));
  CHECK(std::stod(m[1]) == Approx(425));
  CHECK(std::stod(m[2]) == Approx(425.0 / 2).epsilon(0.01));  // a square photo twice across, once down
  std::size_t paths = 0;
  for (std::size_t at = 0; (at = text.find("<path d=\"M", at)) != std::string::npos; ++at) ++paths;
  CHECK(paths > 20);
  CHECK(text.find("<image") == std::string::npos);
}

TEST_CASE("pola refuses bad input with a clear message in both languages and leaves no file", "[cli][pola]") {
  test::TempDir dir;
  const auto photo = clothJpeg(dir);
  const auto out = dir / "x.pdf";
  // Not an image.
  std::ofstream(dir / "note.png") << "not a picture at all";
  for (const char* lang : {"en", "id"}) {
    auto r = runCli({"--lang", lang, "pola", (dir / "note.png").string(), "--width-cm", "40", "-o", out.string()});
    CHECK(r.code == 2);
    CHECK_FALSE(r.err.empty());
  }
  // A blank image: one colour, nothing to draw.
  REQUIRE(imaging::saveImage(cv::Mat(300, 400, CV_8UC3, cv::Scalar(40, 60, 90)), dir / "blank.png"));
  auto en = runCli({"--lang", "en", "pola", (dir / "blank.png").string(), "--width-cm", "40", "-o", out.string()});
  CHECK(en.code == 2);
  CHECK(en.err.find("blank") != std::string::npos);
  auto id = runCli({"--lang", "id", "pola", (dir / "blank.png").string(), "--width-cm", "40", "-o", (dir / "x.svg").string()});
  CHECK(id.code == 2);
  CHECK(id.err.find("polos") != std::string::npos);
  // Widths out of range (0, 10 m): the message names the range.
  for (const char* w : {"0", "1000", "-5", "abc"}) {
    auto r = runCli({"--lang", "en", "pola", photo.string(), "--width-cm", w, "-o", out.string()});
    INFO(w);
    CHECK(r.code == (std::string(w) == "abc" ? 1 : 2));  // a width no cloth has is bad input; "abc" is no number at all
    CHECK(r.err.find("between 1 and 500 cm") != std::string::npos);
  }
  CHECK(runCli({"--lang", "id", "pola", photo.string(), "--width-cm", "1000", "-o", out.string()}).err.find("antara 1 dan 500 cm") !=
        std::string::npos);
  // Options out of range, and an output that is neither PDF nor SVG.
  CHECK(runCli({"pola", photo.string(), "--width-cm", "40", "--line-mm", "3", "-o", out.string()}).code == 1);
  CHECK(runCli({"pola", photo.string(), "--width-cm", "40", "--line-mm", "0.2", "-o", out.string()}).code == 1);
  CHECK(runCli({"pola", photo.string(), "--width-cm", "40", "--detail-mm", "0", "-o", out.string()}).code == 1);
  CHECK(runCli({"pola", photo.string(), "--width-cm", "40", "--style", "dotted", "-o", out.string()}).code == 1);
  CHECK(runCli({"pola", photo.string(), "--width-cm", "40", "--repeats", "3", "-o", out.string()}).code == 1);
  CHECK(runCli({"pola", photo.string(), "--width-cm", "40", "--repeats", "0x2", "-o", out.string()}).code == 1);
  CHECK(runCli({"pola", photo.string(), "--width-cm", "40", "--repeats", "21x1", "-o", out.string()}).code == 1);
  auto png = runCli({"--lang", "en", "pola", photo.string(), "--width-cm", "40", "-o", (dir / "x.png").string()});
  CHECK(png.code == 2);
  CHECK(png.err.find(".svg") != std::string::npos);
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    const std::string name = e.path().filename().string();
    INFO(name);
    CHECK((name == "kain.jpg" || name == "note.png" || name == "blank.png"));
  }
}
