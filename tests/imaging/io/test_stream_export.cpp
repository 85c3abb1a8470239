#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "canting/imaging/cloth_layout.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/stream_export.h"
#include "support/image_fixtures.h"

using namespace canting::imaging;
namespace fs = std::filesystem;

namespace {
cv::Mat tile(int w, int h) {
  cv::Mat t(h, w, CV_8UC3);
  cv::RNG rng{3};
  rng.fill(t, cv::RNG::UNIFORM, 0, 256);
  return t;
}
StreamedImage repeatRows(const cv::Mat& t, RepeatSpec s, cv::Size size) {
  StreamedImage img;
  img.size = size;
  img.rows = [t, s, size](int y0, int y1, cv::Mat& band) { renderRepeatRows(t, s, size, y0, y1, band); };
  return img;
}
int entries(const fs::path& dir) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) (void)e, ++n;
  return n;
}
}  // namespace

TEST_CASE("a streamed cloth equals the in-memory render, in TIFF and PNG, with its DPI", "[imaging][export]") {
  canting::test::TempDir dir;
  const cv::Mat t = tile(37, 23);
  const RepeatSpec spec{RepeatLayout::HalfDrop, 1.0 / 3};
  const cv::Size size(301, 517);  // several bands and strips, odd sizes
  const cv::Mat whole = renderRepeat(t, spec, size);
  for (auto comp : {TiffCompression::Deflate, TiffCompression::Lzw, TiffCompression::None}) {
    REQUIRE(writeStreamed(repeatRows(t, spec, size), dir / "c.tif", {.compression = comp, .dpi = Dpi{300, 300}, .bandRows = 100}));
    auto back = loadImage(dir / "c.tif");
    REQUIRE(back);
    CHECK(cv::norm(back->pixels, whole, cv::NORM_INF) == 0);
    REQUIRE(back->source.dpi);
    CHECK(back->source.dpi->x == Approx(300));
  }
  REQUIRE(writeStreamed(repeatRows(t, spec, size), dir / "c.png", {.dpi = Dpi{150, 150}, .bandRows = 64}));
  auto png = loadImage(dir / "c.png");
  REQUIRE(png);
  CHECK(cv::norm(png->pixels, whole, cv::NORM_INF) == 0);
  CHECK(png->source.dpi->x == Approx(150));
  double last = 0;
  int calls = 0;
  REQUIRE(writeStreamed(repeatRows(t, spec, size), dir / "p.tif", {.progress = [&](double p) { CHECK(p >= last); last = p; ++calls; }, .bandRows = 64}));
  CHECK(last == Approx(1.0));
  CHECK(calls >= 5);
}

TEST_CASE("a cancelled or failed export leaves no partial file and keeps the old one", "[imaging][export]") {
  canting::test::TempDir dir;
  const cv::Mat t = tile(16, 16);
  const cv::Size size(500, 900);
  canting::test::writeAll(dir / "old.tif", {'o', 'l', 'd'});
  for (const char* name : {"old.tif", "new.png"}) {
    std::atomic<bool> cancel{false};
    auto st = writeStreamed(repeatRows(t, {}, size), dir / name,
                            {.progress = [&](double p) { if (p > 0.2) cancel = true; }, .cancel = &cancel, .bandRows = 64});
    REQUIRE_FALSE(st);
    CHECK(st.error().code == ErrorCode::Cancelled);
  }
  CHECK(canting::test::readAll(dir / "old.tif") == canting::test::Bytes{'o', 'l', 'd'});
  CHECK_FALSE(fs::exists(dir / "new.png"));
  CHECK(entries(dir.path()) == 1);
  // A full disk mid-write (a file-size limit in a child): the same promise.
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    rlimit lim{200 * 1024, 200 * 1024};
    setrlimit(RLIMIT_FSIZE, &lim);
    auto st = writeStreamed(repeatRows(tile(64, 64), {}, cv::Size(2000, 2000)), dir / "old.tif", {.compression = TiffCompression::None});
    _exit(!st && st.error().code == ErrorCode::DiskFull ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(canting::test::readAll(dir / "old.tif") == canting::test::Bytes{'o', 'l', 'd'});
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("a cloth too large for the disk is refused before writing", "[imaging][export]") {
  canting::test::TempDir dir;
  StreamedImage huge = repeatRows(tile(8, 8), {}, cv::Size(400000, 400000));  // 480 GB raw
  auto st = writeStreamed(huge, dir / "huge.tif", {});
  REQUIRE_FALSE(st);
  CHECK(st.error().code == ErrorCode::DiskFull);
  CHECK_FALSE(st.error().arg("need").empty());
  CHECK(entries(dir.path()) == 0);
  CHECK_FALSE(writeStreamed(repeatRows(tile(8, 8), {}, cv::Size(10, 10)), dir / "x.jpg", {}));
  CHECK_FALSE(writeStreamed(repeatRows(tile(8, 8), {}, cv::Size(10, 10)), dir / "no" / "x.png", {}));
}

TEST_CASE("cloth layouts have their size in pixels for the cm and DPI asked", "[imaging][layout]") {
  auto layouts = loadLayouts(fs::path(CANTING_ASSETS_DIR) / "layouts" / "kain.json");
  REQUIRE(layouts);
  REQUIRE(layouts->size() == 4);
  ClothRender c;
  c.layout = layouts->front();
  CHECK(c.layout.id == "kain-panjang");
  c.layout.lengthCm = 250;
  c.layout.heightCm = 105;
  c.dpi = 300;
  c.motif = tile(60, 60);
  CHECK(clothSize(c) == cv::Size(29528, 12402));  // the figures: 366 MP
  CHECK(cmToPx(10, 300) == 1181);
  CHECK(cmToPx(2.54, 72) == 72);
  c.dpi = 20;
  REQUIRE(checkCloth(c));
  for (const ClothLayout& l : *layouts) {
    INFO(l.id);
    ClothRender r = c;
    r.layout = l;
    const StreamedImage img = clothImage(r);
    CHECK(img.size == cv::Size(cmToPx(l.lengthCm, 20), cmToPx(l.heightCm, 20)));
    cv::Mat all, band;
    img.rows(0, img.size.height, all);
    img.rows(37, 61, band);
    CHECK(cv::norm(band, all.rowRange(37, 61), cv::NORM_INF) == 0);  // bands agree with the whole
  }
  ClothRender bad = c;
  bad.dpi = 0;
  CHECK_FALSE(checkCloth(bad));
  bad = c;
  bad.layout.heightCm = 0;
  CHECK_FALSE(checkCloth(bad));
}
