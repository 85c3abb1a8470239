// The Studio's open of a phone photo in two steps (issue 18): a reduced decode
// shows at once, the whole image and its palette replace it when done, and
// the design is the one openDesignFile makes. Thumbnails use the reduced
// decode and come out upright.

#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <thread>

#include <opencv2/imgproc.hpp>

#include "canting/core/studio_preview.h"
#include "canting/core/thumbnails.h"
#include "canting/core/workbench.h"
#include "canting/imaging/image_io.h"
#include "support/image_fixtures.h"

using namespace canting;
namespace fs = std::filesystem;
namespace im = imaging;

namespace {

// A landscape photo stored as a phone stores a portrait (EXIF 6), with a red
// block in the stored top-left corner: upright, it is top-right.
fs::path phonePhoto(const test::TempDir& dir, int w, int h) {
  cv::Mat m(h, w, CV_8UC3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) m.at<cv::Vec3b>(y, x) = cv::Vec3b(std::uint8_t(x * 200 / w), std::uint8_t(((x / 11 + y / 7) % 2) * 120 + 60), 150);
  m(cv::Rect(0, 0, w / 8, w / 8)).setTo(cv::Scalar(20, 20, 235));
  auto bytes = im::encodeImage(m, im::ImageFormat::Jpeg, {.jpegQuality = 92});
  REQUIRE(bytes);
  const fs::path p = dir / "foto.jpg";
  test::writeAll(p, test::withExifOrientation(*bytes, 6));
  return p;
}

bool redTopRight(const cv::Mat& m) {
  const cv::Vec3b px = m.at<cv::Vec3b>(3, m.cols - 4);
  return px[2] > 180 && px[1] < 80 && px[0] < 80;
}

double meanDiff(const cv::Mat& a, const cv::Mat& b) {
  cv::Mat d;
  cv::absdiff(a, b, d);
  const cv::Scalar s = cv::mean(d);
  return (s[0] + s[1] + s[2]) / 3;
}

core::Workbench::Options quiet(const test::TempDir& dir, int threads) {
  core::Workbench::Options o;
  o.readSettings = false;
  o.persist = false;
  o.autosave = false;
  o.assets = CANTING_ASSETS_DIR;
  o.dataDir = dir / "data";
  o.threads = threads;
  return o;
}

}  // namespace

TEST_CASE("thumbnails of JPEGs decode reduced, upright and like the whole image", "[core][thumbnails]") {
  test::TempDir dir;
  const fs::path photo = phonePhoto(dir, 1600, 1200);
  core::TaskPool pool(2);
  core::ThumbnailCache cache(pool, 192);
  CHECK(cache.get(photo) == nullptr);  // starts decoding
  pool.waitIdle();
  pool.drain();
  const cv::Mat* t = cache.get(photo);
  REQUIRE(t);
  CHECK(t->size() == cv::Size(144, 192));  // portrait, the long edge 192
  CHECK(redTopRight(*t));
  auto whole = im::loadImage(photo);
  REQUIRE(whole);
  CHECK(meanDiff(*t, core::makeThumbnail(whole->pixels, 192)) < 6.0);  // the 7 px checks: scaled IDCT is no box filter
  // A file cut short fails, as before.
  const test::Bytes all = test::readAll(photo);
  test::writeAll(dir / "cut.jpg", test::Bytes(all.begin(), all.begin() + std::ptrdiff_t(all.size() / 2)));
  CHECK(cache.get(dir / "cut.jpg") == nullptr);
  pool.waitIdle();
  pool.drain();
  CHECK(cache.failed(dir / "cut.jpg"));
}

TEST_CASE("the Studio opens a photo with a reduced preview first, then the whole design", "[core][studio_open]") {
  test::TempDir dir;
  const fs::path photo = phonePhoto(dir, 3200, 2400);  // 1/2 for a 1400 px preview
  core::Workbench wb(quiet(dir, 1));
  // One worker, held, so the steps can be watched one at a time: the reduced
  // decode goes ahead of anything queued, the whole decode after it.
  std::promise<void> started, go, second;
  std::shared_future<void> goF = go.get_future().share(), secondF = second.get_future().share();
  wb.tasks().run([&started, goF]() -> core::TaskPool::Completion {
    started.set_value();
    goF.wait();
    return {};
  });
  started.get_future().wait();  // the worker is in it: what comes next queues
  wb.tasks().runFirst([secondF]() -> core::TaskPool::Completion { secondF.wait(); return {}; });
  wb.startOpenDesign(photo);
  REQUIRE(wb.designOpening());
  CHECK(wb.designOpening()->path == photo);
  CHECK(wb.designOpening()->preview.empty());
  CHECK(wb.design() == nullptr);
  go.set_value();
  for (int i = 0; i < 20000 && wb.designOpening()->preview.empty(); ++i) {
    wb.update();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  // The first preview: upright, at preview size, while the whole decode waits.
  const cv::Mat first = wb.designOpening()->preview;
  REQUIRE_FALSE(first.empty());
  CHECK(first.size() == cv::Size(1050, 1400));
  CHECK(redTopRight(first));
  CHECK(wb.design() == nullptr);
  second.set_value();
  wb.finishAll();
  // The whole design replaces it, the same as openDesignFile's.
  CHECK_FALSE(wb.designOpening());
  REQUIRE(wb.design());
  const core::Design& d = wb.design()->design();
  auto same = core::designFromFile(photo);
  REQUIRE(same);
  CHECK(d.source.pixels.size() == cv::Size(2400, 3200));
  CHECK(cv::norm(d.source.pixels, same->source.pixels, cv::NORM_INF) == 0);
  REQUIRE(d.palette.swatches.size() == same->palette.swatches.size());
  for (std::size_t i = 0; i < d.palette.swatches.size(); ++i) CHECK(d.palette.swatches[i].lab.L == same->palette.swatches[i].lab.L);
  // The Studio shows the reduced preview until its own of the whole image lands.
  REQUIRE(wb.designQuickPreview().data == first.data);
  core::StudioPreview preview(wb.tasks());
  preview.update(wb.design(), wb.namedPalettes(), wb.designQuickPreview());
  CHECK(preview.before().data == first.data);
  CHECK(preview.beforeIsQuick());
  const int v = preview.beforeVersion();
  wb.finishAll();
  preview.update(wb.design(), wb.namedPalettes(), wb.designQuickPreview());
  CHECK_FALSE(preview.beforeIsQuick());
  CHECK(preview.beforeVersion() > v);
  CHECK(preview.before().size() == first.size());
  CHECK(meanDiff(preview.before(), first) < 6.0);  // the 7 px checks' edges differ a little
  const cv::Scalar a = cv::mean(preview.before()), b = cv::mean(first);
  for (int c = 0; c < 3; ++c) CHECK(a[c] == Approx(b[c]).margin(1.5));
  // Closing drops the quick preview with the design.
  wb.closeDesign();
  CHECK(wb.designQuickPreview().empty());
}

TEST_CASE("a failed or superseded open leaves no half-open design", "[core][studio_open]") {
  test::TempDir dir;
  const fs::path photo = phonePhoto(dir, 800, 600);
  test::writeAll(dir / "rusak.jpg", test::Bytes{0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3});
  core::Workbench wb(quiet(dir, 2));
  wb.startOpenDesign(dir / "rusak.jpg");
  wb.finishAll();
  CHECK_FALSE(wb.designOpening());
  CHECK(wb.design() == nullptr);
  REQUIRE_FALSE(wb.notices().empty());
  CHECK(wb.notices().back().kind == core::Notice::Kind::Error);
  const std::size_t noticed = wb.notices().size();
  // A second open before the first lands: only the second becomes the design.
  wb.startOpenDesign(dir / "rusak.jpg");
  wb.startOpenDesign(photo);
  wb.finishAll();
  REQUIRE(wb.design());
  CHECK(wb.design()->design().sourcePath == photo);
  CHECK(wb.notices().size() == noticed);  // the superseded open's error is not reported
  // A PNG has no reduced decoder: no second whole decode for a quick preview, the design as before.
  REQUIRE(im::saveImage(cv::Mat(600, 800, CV_8UC3, cv::Scalar(30, 60, 90)), dir / "motif.png"));
  wb.startOpenDesign(dir / "motif.png");
  wb.finishAll();
  REQUIRE(wb.design());
  CHECK(wb.design()->design().sourcePath == dir / "motif.png");
  CHECK(wb.designQuickPreview().empty());
}
