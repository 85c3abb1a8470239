// Galeri Outlet at working sizes:
//   bench_showroom           medians of 5 after a warm-up
//   bench_showroom --quick   one run each (CTest: results check out)
//
// A 4 MP motif (the demo ceplok photo tiled to 2448 x 1632) gets its twelve
// colourways; then the product preview is redrawn as a customer switches
// colourway and product at 1920 x 1080, where the preview is about 1000 px tall.

#include <chrono>
#include <cstdio>
#include <cstring>

#include "bench_util.h"
#include "canting/core/showroom.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/palette.h"

namespace im = canting::imaging;
using canting::bench::medianMs;

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const int runs = quick ? 1 : 5;
  const std::string assets = CANTING_ASSETS_DIR;
  auto demo = im::loadImage(assets + "/demo/foto-ceplok-ponsel.jpg");
  auto palettes = im::loadPaletteDir(assets + "/palettes");
  auto catalogue = canting::core::loadCatalogue(assets + "/showroom/katalog.json");
  if (!demo || !palettes || !catalogue) {
    std::fprintf(stderr, "bench_showroom: assets missing\n");
    return 2;
  }
  cv::Mat motif(1632, 2448, CV_8UC3);
  for (int y = 0; y < motif.rows; y += demo->pixels.rows)
    for (int x = 0; x < motif.cols; x += demo->pixels.cols) {
      const cv::Rect r(x, y, std::min(demo->pixels.cols, motif.cols - x), std::min(demo->pixels.rows, motif.rows - y));
      demo->pixels(cv::Rect(0, 0, r.width, r.height)).copyTo(motif(r));
    }
  canting::core::Showroom room;
  const double gridMs = medianMs(runs, [&] {
    if (!room.selectMotif("ceplok", "Ceplok", motif, *palettes)) std::exit(2);
  });
  if (room.colorways().size() != 12 || room.thumbnails().size() != 12) {
    std::fprintf(stderr, "bench_showroom: expected 12 colourways\n");
    return 2;
  }
  std::printf("12-colourway grid of a %.1f MP motif (palette, colourways, 12 thumbnails)  %8.1f ms   target < 150 ms\n",
              motif.total() / 1e6, gridMs);
  const double fullMs = medianMs(runs, [&] { (void)room.colorwayImage(7); });
  std::printf("one colourway at full size (enlarge, first time builds the index once)        %8.1f ms\n", fullMs);

  int cw = 0;
  const double switchCw = medianMs(runs, [&] {
    room.chosen = (cw++) % 12;
    room.product = 1;
    if (!room.mockup(*catalogue, 1000)) std::exit(2);
  });
  std::printf("switch colourway: shirt preview redrawn, 1000 px tall                          %8.1f ms   target < 16.7 ms (a frame)\n", switchCw);
  room.motifCm = 12;  // a width not seen yet: every product needs its scene
  const auto t0 = std::chrono::steady_clock::now();
  room.warmScenes(*catalogue, 1000);
  const double warm = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("product scenes for the whole catalogue, once when the product tab opens         %8.1f ms\n", warm);
  int p = 0;
  room.chosen = 3;
  const double switchProduct = medianMs(runs, [&] {
    room.product = (p++) % int(catalogue->products.size());
    if (!room.mockup(*catalogue, 1000)) std::exit(2);
  });
  std::printf("switch product: preview redrawn, 1000 px tall (median over the 6 products)      %8.1f ms   target < 16.7 ms\n", switchProduct);
  canting::core::Showroom cold;
  if (!cold.selectMotif("ceplok", "Ceplok", motif, *palettes)) return 2;
  int q = 0;
  const double coldMs = medianMs(runs, [&] {
    cold.motifCm = 10 + (q++);  // a new motif width every time: no scene to reuse
    if (!cold.mockup(*catalogue, 1000)) std::exit(2);
  });
  std::printf("a product at a new size or motif width (a new scene, shirt)                     %8.1f ms\n", coldMs);
  return 0;
}
