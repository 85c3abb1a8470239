// The line pola on photos of cloth and on the generators' motifs: where the
// drawn lines lie against the known truth, how much they ink, dots and
// nested lines, and the vector files.

#include <catch2/catch.hpp>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "canting/imaging/pola.h"
#include "support/cloth_photo.h"
#include "support/image_fixtures.h"

using namespace canting::imaging;
using canting::test::ClothPhoto;
using canting::test::maskEdges;
using canting::test::photographCloth;
using canting::test::shareWithin;

namespace {
constexpr double kDpi = 300, kPxPerMm = kDpi / 25.4;

struct Fit {
  double drawnNearEdge = 0, edgeNearDrawn = 0, inked = 0;
};

// The pola of `image` printed at 300 DPI (its own size), drawn back at 300
// DPI and measured against the truth's edges.
Fit measure(const cv::Mat& image, const cv::Mat& truth, const PolaOptions& o) {
  const double widthMm = image.cols / kPxPerMm;
  auto art = makePola(image, widthMm, o);
  REQUIRE(art);
  const cv::Mat drawn = renderPola(*art, kPxPerMm) < 128;
  REQUIRE(drawn.size() == truth.size());
  const cv::Mat edge = maskEdges(truth);
  Fit f;
  f.drawnNearEdge = shareWithin(drawn, edge, kPxPerMm);
  f.edgeNearDrawn = shareWithin(edge, drawn, kPxPerMm);
  f.inked = double(cv::countNonZero(drawn)) / double(drawn.total());
  return f;
}
}  // namespace

TEST_CASE("pola lines of a photographed cloth lie within 1 mm of the true klowong edges", "[imaging][pola]") {
  // Every generator; truntum's 1.5 mm outline fills its small stars, so it
  // checks that a region too full to be a line is drawn around.
  for (int k = 0; k < 7; ++k) {
    const MotifKind kind = MotifKind(k);
    const ClothPhoto cloth = photographCloth(kind);
    const Fit f = measure(cloth.photo, cloth.lines, {.lineMm = 1.0});
    INFO(motifName(kind) << ": drawn near edge " << f.drawnNearEdge << ", edge near drawn " << f.edgeNearDrawn << ", inked " << f.inked);
    CHECK(f.drawnNearEdge >= 0.9);
    CHECK(f.edgeNearDrawn >= 0.9);
  }
}

TEST_CASE("pola lines of the generators' own pictures at 300 DPI lie within 1 mm of the true edges", "[imaging][pola]") {
  for (MotifKind kind : {MotifKind::Kawung, MotifKind::Parang, MotifKind::MegaMendung}) {
    auto layers = generateMotif(kind, {.size = 900});
    REQUIRE(layers);
    const Fit f = measure(layers->picture, layers->outline | layers->isen, {.lineMm = 1.0});
    INFO(motifName(kind) << ": drawn near edge " << f.drawnNearEdge << ", edge near drawn " << f.edgeNearDrawn);
    CHECK(f.drawnNearEdge >= 0.9);
    CHECK(f.edgeNearDrawn >= 0.9);
  }
}

TEST_CASE("mega mendung's nested cloud lines stay separate lines", "[imaging][pola]") {
  const ClothPhoto cloth = photographCloth(MotifKind::MegaMendung);
  auto art = makePola(cloth.photo, cloth.photo.cols / kPxPerMm, {.lineMm = 0.5});
  REQUIRE(art);
  const cv::Mat drawn = renderPola(*art, kPxPerMm) < 128;
  // Along every 50th row, a drawn stroke for each true line crossed.
  auto runs = [](const cv::Mat& m, int y) {
    int n = 0;
    for (int x = 1; x < m.cols; ++x) n += m.at<std::uint8_t>(y, x) && !m.at<std::uint8_t>(y, x - 1);
    return n;
  };
  int truth = 0, found = 0;
  for (int y = 25; y < drawn.rows; y += 50) truth += runs(cloth.layers.outline, y), found += runs(drawn, y);
  INFO("true line crossings " << truth << ", drawn " << found);
  CHECK(truth > 40);
  CHECK(found >= 0.9 * truth);
  CHECK(found <= 1.1 * truth);
}

TEST_CASE("cecek become dots, not rings", "[imaging][pola]") {
  const ClothPhoto cloth = photographCloth(MotifKind::Kawung);
  auto ink = extractLines(cloth.photo, cloth.photo.cols / kPxPerMm, {.lineMm = 1.0});
  REQUIRE(ink);
  CHECK(ink->dots > 50);
  auto art = traceInk(ink->ink, cloth.photo.cols / kPxPerMm);
  REQUIRE(art);
  const cv::Mat drawn = renderPola(*art, kPxPerMm) < 128;
  // The centre of every true dot found is ink: a ring would leave it paper.
  // Dots clear of the klowong only (2 mm), where a line cannot fill them.
  cv::Mat cc, stats, centroids, d, fromLine;
  const int n = cv::connectedComponentsWithStats(cloth.layers.isen, cc, stats, centroids);
  cv::distanceTransform(~cloth.layers.outline, fromLine, cv::DIST_L2, 3);
  int dots = 0, filled = 0, near = 0;
  cv::distanceTransform(~drawn, d, cv::DIST_L2, 3);
  for (int i = 1; i < n; ++i) {
    const cv::Point c(int(centroids.at<double>(i, 0)), int(centroids.at<double>(i, 1)));
    if (fromLine.at<float>(c) < 2 * kPxPerMm) continue;
    ++dots;
    if (d.at<float>(c) > 0.5 * kPxPerMm) continue;  // not drawn at all
    ++near;
    filled += drawn.at<std::uint8_t>(c) != 0;
  }
  INFO(dots << " dots, " << near << " drawn, " << filled << " filled at the centre");
  CHECK(near >= 0.95 * dots);
  CHECK(filled >= 0.95 * near);
}

TEST_CASE("plain woven cloth under uneven light gives no lines", "[imaging][pola]") {
  const ClothPhoto cloth = photographCloth(MotifKind::Kawung, {.plain = true});
  auto art = makePola(cloth.photo, cloth.photo.cols / kPxPerMm, {});
  if (art) {
    const cv::Mat drawn = renderPola(*art, kPxPerMm) < 128;
    CHECK(cv::countNonZero(drawn) < 0.01 * drawn.total());
  } else {
    CHECK(art.error().code == ErrorCode::InvalidArgument);
  }
}

TEST_CASE("filled style draws silhouettes, outline style draws lines", "[imaging][pola]") {
  const ClothPhoto cloth = photographCloth(MotifKind::Ceplok);
  const double w = cloth.photo.cols / kPxPerMm;
  auto outline = makePola(cloth.photo, w, {.lineMm = 0.5});
  auto filled = makePola(cloth.photo, w, {.style = PolaStyle::Filled});
  REQUIRE(outline);
  REQUIRE(filled);
  const double inkedOutline = cv::countNonZero(renderPola(*outline, 4) < 128), inkedFilled = cv::countNonZero(renderPola(*filled, 4) < 128);
  const double truth = cv::countNonZero(cloth.lines) / (kPxPerMm * kPxPerMm) * 16;
  CHECK(inkedFilled == Approx(truth).epsilon(0.25));  // the motif's own area
  CHECK(inkedOutline < inkedFilled);
}

TEST_CASE("a wider canting draws wider lines", "[imaging][pola]") {
  const ClothPhoto cloth = photographCloth(MotifKind::Parang);
  const double w = cloth.photo.cols / kPxPerMm;
  auto thin = makePola(cloth.photo, w, {.lineMm = 0.5});
  auto wide = makePola(cloth.photo, w, {.lineMm = 2.0});
  REQUIRE(thin);
  REQUIRE(wide);
  CHECK(cv::countNonZero(renderPola(*wide, 4) < 128) > 2 * cv::countNonZero(renderPola(*thin, 4) < 128));
}

TEST_CASE("line extraction refuses empty and blank images and bad sizes", "[imaging][pola]") {
  CHECK_FALSE(extractLines(cv::Mat(), 100));
  auto blank = extractLines(cv::Mat(200, 300, CV_8UC3, cv::Scalar(120, 130, 140)), 100);
  REQUIRE_FALSE(blank);
  CHECK(blank.error().args.front().second == "@pola.error.blank");
  cv::Mat grey(200, 300, CV_8U, cv::Scalar(255));
  cv::circle(grey, {150, 100}, 60, cv::Scalar(0), 4);
  CHECK(extractLines(grey, 100));
  CHECK_FALSE(extractLines(grey, 0));
  CHECK_FALSE(extractLines(grey, 100, {.detailMm = 0}));
  CHECK_FALSE(makePola(grey, 100, {}, {0, 1}));
  int calls = 0;
  auto cancelled = makePola(grey, 100, {}, {1, 1}, [&](double) { return ++calls < 2; });
  REQUIRE_FALSE(cancelled);
  CHECK(cancelled.error().code == ErrorCode::Cancelled);
}

TEST_CASE("repeats tile the image before tracing", "[imaging][pola]") {
  cv::Mat grey(100, 100, CV_8U, cv::Scalar(255));
  cv::circle(grey, {50, 50}, 30, cv::Scalar(0), 3);
  auto one = makePola(grey, 50, {});
  auto six = makePola(grey, 150, {}, {3, 2});
  REQUIRE(one);
  REQUIRE(six);
  CHECK(six->heightMm == Approx(100));
  CHECK(six->shapes.size() == 6 * one->shapes.size());
}

TEST_CASE("the SVG is one path per shape, sized in millimetres", "[imaging][pola]") {
  cv::Mat grey(100, 200, CV_8U, cv::Scalar(255));
  cv::circle(grey, {50, 50}, 30, cv::Scalar(0), 3);
  cv::rectangle(grey, cv::Rect(120, 20, 60, 60), cv::Scalar(0), 3);
  auto art = makePola(grey, 300, {});
  REQUIRE(art);
  const std::string svg = polaSvg(*art);
  CHECK(svg.find("width=\"300mm\" height=\"150mm\" viewBox=\"0 0 300 150\"") != std::string::npos);
  std::size_t paths = 0;
  for (std::size_t at = 0; (at = svg.find("<path ", at)) != std::string::npos; ++at) ++paths;
  CHECK(paths == art->shapes.size());
  CHECK(paths >= 2);
  CHECK(svg.find(',') == std::string::npos);  // numbers never take a locale's decimal comma
  canting::test::TempDir dir;
  REQUIRE(writePolaSvg(*art, dir / "p.svg"));
  CHECK(std::filesystem::file_size(dir / "p.svg") == svg.size());
  CHECK_FALSE(writePolaSvg(*art, dir / "missing" / "p.svg"));
}

