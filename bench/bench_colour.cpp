// The colour engine at working sizes, plus the helpers that
// bench/compare_quantize.sh uses to measure peers on the same input:
//
//   bench_colour                       timings (median of 5), results checked
//   bench_colour --quick               one run each (CTest uses this)
//   bench_colour --dye [--cold]        the dye lab only; --cold without keepLargeBuffers()
//   bench_colour --make-input OUT.png  a 6000x4000 motif photo (the demo ceplok photo, tiled)
//   bench_colour --make-set DIR        the 30-photo quantisation set (photo_set.h) as DIR/NN.png
//   bench_colour --delta-e IN OUT      mean CIEDE2000 between two images of one size
//   bench_colour --colours IMG         the number of distinct colours in an image

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "bench_util.h"
#include "photo_set.h"
#include "canting/imaging/color.h"
#include "canting/imaging/dye.h"
#include "canting/imaging/motif.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/memory.h"
#include "canting/imaging/palette.h"
#include "canting/imaging/pattern.h"
#include "canting/imaging/recolor.h"

namespace im = canting::imaging;

using canting::bench::medianMs;

namespace {

cv::Mat motifPhoto(int w, int h) {
  auto demo = im::loadImage(std::string(CANTING_ASSETS_DIR) + "/demo/foto-ceplok-ponsel.jpg");
  if (!demo) {
    std::fprintf(stderr, "cannot load the demo photo\n");
    std::exit(2);
  }
  cv::Mat out(h, w, CV_8UC3);
  const cv::Mat& t = demo->pixels;
  for (int y = 0; y < h; y += t.rows)
    for (int x = 0; x < w; x += t.cols) {
      const cv::Rect r(x, y, std::min(t.cols, w - x), std::min(t.rows, h - y));
      t(cv::Rect(0, 0, r.width, r.height)).copyTo(out(r));
    }
  return out;
}

double meanDeltaE(const cv::Mat& a, const cv::Mat& b) {
  return cv::mean(im::deltaE2000(im::bgrToLab(a), im::bgrToLab(b)))[0];
}

int failures = 0;
void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "CHECK FAILED: %s\n", what);
    ++failures;
  }
}

void benchDye(int runs) {
  double ms = 0;
  // The dye lab: a six-step plan with crackle on a 2048 x 2048 kawung cloth,
  // every intermediate state kept (what the timeline scrubs through).
  if (auto book = im::loadDyeBook(std::string(CANTING_ASSETS_DIR) + "/dyes/dyes.json")) {
    auto kaw = im::generateMotif(im::MotifKind::Kawung, {.size = 2048, .dpi = 150});
    auto plan = im::parsePlan(R"({"steps": [{"op": "wax", "layer": "outline"}, {"op": "dye", "dye": "tegeran", "concentration": 100, "dips": 5},
        {"op": "wax", "layer": "isen"}, {"op": "crackle", "density": 2, "seed": 7},
        {"op": "dye", "dye": "indigo", "concentration": 50, "dips": 8}, {"op": "lorod"}]})", *book);
    check(kaw && plan, "dye plan and motif");
    if (kaw && plan) {
      const im::Layers layers{kaw->outline, kaw->isen, kaw->ground};
      std::size_t states = 0;
      ms = medianMs(runs, [&] { states = im::simulate(*plan, layers, *book, {.dpi = 150})->size(); });
      std::printf("| dye plan, 6 steps with crackle (all states) | 2048x2048 | %.1f |\n", ms);
      check(states == 7, "a state before and after every step");
      auto st = im::simulate(*plan, layers, *book, {.dpi = 150});
      cv::Mat shown;
      ms = medianMs(runs * 4, [&] { shown = im::renderCloth((*st)[3], true); });
      std::printf("| render one timeline state (scrub) | 2048x2048 | %.1f |\n", ms);
      check(shown.size() == cv::Size(2048, 2048), "rendered state size");
      // What the Lab Pewarnaan workspace does: a 480 px cloth, re-run on every
      // edit (and every brush dab) and rendered on every timeline scrub.
      auto small = im::generateMotif(im::MotifKind::Kawung, {.size = 480, .dpi = 100});
      const im::Layers sl{small->outline, small->isen, small->ground};
      ms = medianMs(runs * 4, [&] { states = im::simulate(*plan, sl, *book, {.dpi = 100})->size(); });
      std::printf("| dye plan, 6 steps with crackle (the lab's cloth) | 480x480 | %.2f |\n", ms);
      auto sst = im::simulate(*plan, sl, *book, {.dpi = 100});
      ms = medianMs(runs * 4, [&] { shown = im::renderCloth((*sst)[3], true); });
      std::printf("| render one timeline state (the lab's cloth) | 480x480 | %.2f |\n", ms);
    }
  } else {
    check(false, "dye book loads");
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // As the app and the CLI do; `--cold` measures without it, every buffer faulted in afresh.
  if (auto c = std::find(args.begin(), args.end(), "--cold"); c != args.end()) args.erase(c);
  else im::keepLargeBuffers();
  if (args.size() == 2 && args[0] == "--make-input")
    return im::saveImage(motifPhoto(6000, 4000), args[1]) ? 0 : 2;
  if (args.size() == 2 && args[0] == "--make-set") {
    auto demo = im::loadImage(std::string(CANTING_ASSETS_DIR) + "/demo/foto-ceplok-ponsel.jpg");
    if (!demo) return 2;
    for (int i = 0; i < 30; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "/%02d.png", i);
      if (!im::saveImage(canting::bench::setPhoto(i, demo->pixels), args[1] + name)) return 2;
    }
    return 0;
  }
  if (args.size() == 2 && args[0] == "--colours") {
    auto a = im::loadImage(args[1]);
    if (!a) return 2;
    cv::Mat p = a->pixels;
    if (p.channels() == 4) cv::cvtColor(p, p, cv::COLOR_BGRA2BGR);
    if (p.channels() == 1) cv::cvtColor(p, p, cv::COLOR_GRAY2BGR);
    std::printf("%llu\n", static_cast<unsigned long long>(im::countDistinctColors(p)));
    return 0;
  }
  if (args.size() == 3 && args[0] == "--delta-e") {
    auto a = im::loadImage(args[1]), b = im::loadImage(args[2]);
    if (!a || !b) return 2;
    cv::Mat pa = a->pixels, pb = b->pixels;
    if (pa.channels() == 4) cv::cvtColor(pa, pa, cv::COLOR_BGRA2BGR);
    if (pb.channels() == 4) cv::cvtColor(pb, pb, cv::COLOR_BGRA2BGR);
    if (pb.channels() == 1) cv::cvtColor(pb, pb, cv::COLOR_GRAY2BGR);
    std::printf("%.3f\n", meanDeltaE(pa, pb));
    return 0;
  }
  const int runs = !args.empty() && args[0] == "--quick" ? 1 : 5;
  std::printf("| operation | size | median ms |\n|---|---|---|\n");
  if (!args.empty() && args[0] == "--dye") {  // the dye lab alone, for profiling
    benchDye(5);
    return failures ? 1 : 0;
  }

  const cv::Mat big = motifPhoto(6000, 4000);
  im::Palette pal;
  double ms = medianMs(runs, [&] { pal = *im::extractPalette(big, {.k = 8}); });
  std::printf("| extractPalette k=8 | 6000x4000 | %.1f |\n", ms);
  cv::Mat q;
  ms = medianMs(runs, [&] { pal = im::refineForQuantization(big, pal, 2); });
  std::printf("| refineForQuantization (2 iterations) | 6000x4000 | %.1f |\n", ms);
  ms = medianMs(runs, [&] { q = im::quantize(big, pal); });
  std::printf("| quantize to 8 | 6000x4000 | %.1f |\n", ms);
  check(im::countDistinctColors(q) <= 8, "quantized image has at most 8 colours");

  const cv::Mat mid = motifPhoto(2048, 2048);
  const im::Palette midPal = *im::extractPalette(mid, {.k = 6});
  std::vector<std::optional<im::Lab>> targets(midPal.swatches.size());
  targets[1] = im::Lab{35, 40, 20};
  cv::Mat rec;
  ms = medianMs(runs, [&] { rec = im::recolor(mid, midPal, targets, im::RecolorMode::ShadingPreserving); });
  std::printf("| recolor one swatch, shading-preserving | 2048x2048 | %.1f |\n", ms);
  check(cv::norm(rec, mid, cv::NORM_INF) > 0, "recolour changed something");
  // The Studio's path: the colour index is built once when a design opens;
  // each swatch change then re-renders from it.
  im::ColorIndex index;
  ms = medianMs(runs, [&] { index = im::buildColorIndex(mid); });
  std::printf("| buildColorIndex (once per design) | 2048x2048 | %.1f |\n", ms);
  cv::Mat viaIndex;
  int step = 0;
  ms = medianMs(runs, [&] {
    targets[1] = im::Lab{35, 40.0 + step++, 20};  // a new colour each time, as a dragged picker gives
    viaIndex = im::applyColourFn(index, im::recolorFn(midPal, targets));
  });
  std::printf("| re-render after a swatch change (indexed) | 2048x2048 | %.1f |\n", ms);
  check(cv::norm(viaIndex, im::recolor(mid, midPal, targets, im::RecolorMode::ShadingPreserving), cv::NORM_INF) == 0,
        "indexed and direct recolour agree bit for bit");
  ms = medianMs(runs, [&] { rec = im::recolor(mid, midPal, targets, im::RecolorMode::Flat); });
  std::printf("| recolor one swatch, flat | 2048x2048 | %.1f |\n", ms);
  ms = medianMs(runs, [&] { rec = im::adjustLch(mid, {.hueShift = 40, .chromaScale = 1.2}); });
  std::printf("| adjustLch hue + chroma | 2048x2048 | %.1f |\n", ms);
  // The Studio's tiled preview: a 10 cm motif (1200 px) repeated over a full-HD viewport.
  const cv::Mat motif = motifPhoto(1200, 1200);
  cv::Mat view;
  for (im::RepeatLayout l : {im::RepeatLayout::Straight, im::RepeatLayout::HalfDrop, im::RepeatLayout::HalfBrick, im::RepeatLayout::Mirror}) {
    ms = medianMs(runs * 4, [&] { view = im::renderRepeat(motif, {l, 0.5}, cv::Size(1920, 1080)); });
    std::printf("| repeat preview, %s | 1920x1080 | %.2f |\n", im::repeatName(l), ms);
  }
  check(view.size() == cv::Size(1920, 1080), "preview size");
  benchDye(runs);
  const double de = meanDeltaE(big, q);
  std::printf("\nmean CIEDE2000, 24 MP input vs its 8-colour quantisation: %.3f\n", de);
  check(de > 0.5 && de < 15, "quantisation error is plausible");
  return failures ? 1 : 0;
}
