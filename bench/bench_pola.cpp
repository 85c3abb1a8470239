// The pola: a 12 MP phone photo of cloth to a 60 cm pola PDF (target under
// 3 s, from the JPEG on disk to the PDF written), the size of a 2 x 1 m pola
// PDF (target under 20 MB), and the Studio's preview trace. Medians of 3 runs
// after a warm-up; each checks what it made. --quick: small sizes, for CTest.
//
//   bench_pola [--quick] [OUT_DIR]

#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <filesystem>
#include <string>

#include "bench_util.h"
#include "canting/core/actions.h"
#include "canting/core/pola_preview.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/memory.h"
#include "canting/imaging/pola.h"
#include "support/cloth_photo.h"

namespace im = canting::imaging;
namespace core = canting::core;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  im::keepLargeBuffers();
  const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
  const fs::path dir = argc > (quick ? 2 : 1) ? fs::path(argv[quick ? 2 : 1]) : fs::temp_directory_path() / "canting-bench-pola";
  fs::create_directories(dir);
  const int runs = quick ? 1 : 3;
  // 4000 x 3000 (12 MP): kawung tiles of 1000 px at 300 DPI, 4 across and 3 down, photographed.
  const int tile = quick ? 400 : 1000;
  const auto cloth = canting::test::photographCloth(im::MotifKind::Kawung, {.size = tile, .repeats = {4, 3}});
  const fs::path photo = dir / "kain-12mp.jpg";
  if (!im::saveImage(cloth.photo, photo, {.jpegQuality = 88})) return 2;
  std::printf("photo: %d x %d (%.1f MP), %.1f MB JPEG\n", cloth.photo.cols, cloth.photo.rows, cloth.photo.total() / 1e6,
              fs::file_size(photo) / 1e6);

  // 1. JPEG to a 60 cm pola PDF, as canting-cli pola does it.
  core::PolaAction a60;
  a60.widthCm = 60;
  im::Result<im::PagePlan> plan = im::makeError(im::ErrorCode::InvalidArgument);
  const double ms60 = canting::bench::medianMs(runs, [&] {
    auto img = im::loadImage(photo);
    plan = img ? a60.run(img->pixels, dir / "pola-60cm.pdf") : im::Result<im::PagePlan>(img.error());
  });
  if (!plan || plan->pages() != 8) return std::fprintf(stderr, "60 cm: wrong plan\n"), 3;  // 60 x 45 cm on A4: 4 x 2 pages
  std::printf("%.0f MP photo -> 60 cm pola PDF: %.0f ms (median of %d), %d pages, %.2f MB\n", cloth.photo.total() / 1e6, ms60, runs, plan->pages(),
              fs::file_size(dir / "pola-60cm.pdf") / 1e6);

  // Where the time goes (one run, wall and process CPU time: the machine may be shared).
  {
    auto stage = [](const char* what, const std::function<void()>& fn) {
      const std::clock_t c0 = std::clock();
      const auto t0 = std::chrono::steady_clock::now();
      fn();
      std::printf("  %-28s %6.0f ms wall, %6.0f ms CPU\n", what, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count(),
                  1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC);
    };
    im::Result<im::Image> img = im::makeError(im::ErrorCode::InvalidArgument);
    im::Result<im::PolaInk> ink = im::makeError(im::ErrorCode::InvalidArgument);
    im::Result<im::PolaArt> art = im::makeError(im::ErrorCode::InvalidArgument);
    stage("decode the JPEG", [&] { img = im::loadImage(photo); });
    stage("regions, lines, ink", [&] { ink = im::extractLines(img->pixels, 600, a60.pola); });
    stage("potrace", [&] { art = im::traceInk(ink->ink, 600, a60.pola.toleranceMm); });
    stage("write the PDF", [&] { (void)im::writePolaPdf(*art, a60.print, dir / "pola-60cm-stages.pdf"); });
    std::printf("  working size %d x %d (%.1f px/mm), %d regions, %d dots, %zu shapes, %zu segments\n", ink->ink.cols, ink->ink.rows,
                ink->pxPerMm, ink->regions, ink->dots, art->shapes.size(), art->segments());
  }

  // 2. A 2 x 1 m pola: the photo's upper two thirds (4000 x 2000) at 200 cm.
  core::PolaAction a200;
  a200.widthCm = quick ? 100 : 200;  // --quick: 1 x 0.5 m, 6 x 2 pages
  const cv::Mat wide = cloth.photo.rowRange(0, cloth.photo.rows * 2 / 3);
  const double ms200 = canting::bench::medianMs(runs, [&] { plan = a200.run(wide, dir / "pola-2x1m.pdf"); });
  if (!plan || plan->pages() != (quick ? 12 : 48)) return std::fprintf(stderr, "2 x 1 m: wrong plan\n"), 3;  // 12 x 4 A4 pages
  const double mb = fs::file_size(dir / "pola-2x1m.pdf") / 1e6;
  std::printf("%.0f x %.0f cm pola PDF: %.2f MB, %d pages, %.0f ms (median of %d)\n", a200.widthCm, a200.widthCm / 2, mb, plan->pages(), ms200, runs);

  // 3. The Studio's preview trace of the 60 cm pola (the photo at 1400 px, a 1 MP trace).
  core::TaskPool pool(1);
  core::PolaPreview preview(pool);
  preview.setSource(cloth.photo, &cloth);
  preview.action().widthCm = 60;
  double lineMm = 1.0;
  const double msPreview = canting::bench::medianMs(runs + 2, [&] {
    preview.action().pola.lineMm = (lineMm += 0.1);  // a slider step: a new trace each time
    preview.update();
    pool.waitIdle();
    pool.drain();
  });
  if (preview.art().shapes.empty()) return std::fprintf(stderr, "preview: nothing traced\n"), 3;
  std::printf("preview trace (60 cm, %d x %d photo): %.0f ms (median of %d)\n", preview.photo().cols, preview.photo().rows, msPreview, runs + 2);
  return 0;
}
