// The repeat of a photographed cloth and the photo clean-up on a phone-sized
// photo (issue 13's target: raport on 24 MP under 1.5 s). The photo is a
// repeat of a generated motif, turned 7 degrees, lit unevenly, with noise;
// the lattice found is checked against the one it was made with.
// `--quick` runs a small photo once, as CTest's correctness check.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>

#include <opencv2/imgproc.hpp>

#include "bench_util.h"
#include "canting/imaging/motif.h"
#include "canting/imaging/pattern.h"
#include "canting/imaging/photo.h"

using namespace canting;

namespace {

struct Photo {
  cv::Mat pixels;
  cv::Point2d a, b;  // the true lattice
};

Photo makePhoto(cv::Size size, int tile) {
  imaging::MotifParams p;
  p.size = tile;
  p.dpi = tile / (10 / 2.54);
  auto m = imaging::generateMotif(imaging::MotifKind::Truntum, p);
  cv::Mat t = m->picture.clone();
  // One flower a tile, so the tile (not the motif's units) is the repeat.
  cv::circle(t, {tile / 3, tile / 3}, tile / 6, cv::Scalar(50, 110, 170), cv::FILLED, cv::LINE_AA);
  const int side = int(std::hypot(size.width, size.height)) + 2 * tile;
  const cv::Mat cloth = imaging::renderRepeat(t, {imaging::RepeatLayout::HalfDrop, 0.5}, cv::Size(side, side));
  const double deg = 7, th = deg * CV_PI / 180;
  cv::Mat rot = cv::getRotationMatrix2D(cv::Point2f(side / 2.f, side / 2.f), deg, 1.0);
  rot.at<double>(0, 2) -= (side - size.width) / 2.0;
  rot.at<double>(1, 2) -= (side - size.height) / 2.0;
  Photo ph;
  cv::warpAffine(cloth, ph.pixels, rot, size, cv::INTER_LINEAR);
  // getRotationMatrix2D turns counter-clockwise on screen for a positive angle.
  const auto turn = [&](cv::Point2d v) { return cv::Point2d(v.x * std::cos(th) + v.y * std::sin(th), -v.x * std::sin(th) + v.y * std::cos(th)); };
  ph.a = turn({double(tile), tile * 0.5});
  ph.b = turn({0.0, double(tile)});
  // Light falling off to one side, and sensor noise.
  cv::Mat ramp(1, size.width, CV_32F);
  for (int x = 0; x < size.width; ++x) ramp.at<float>(0, x) = float(1.0 - 0.35 * x / size.width);
  cv::Mat shade;
  cv::repeat(ramp, size.height, 1, shade);
  cv::Mat f;
  ph.pixels.convertTo(f, CV_32FC3);
  cv::Mat shade3;
  cv::merge(std::vector<cv::Mat>{shade, shade, shade}, shade3);
  f = f.mul(shade3);
  cv::Mat n(size, CV_32FC3);
  cv::randn(n, cv::Scalar::all(0), cv::Scalar::all(4));
  f += n;
  f.convertTo(ph.pixels, CV_8UC3);
  return ph;
}

bool check(const Photo& ph, const imaging::Raport& r) {
  cv::Point2d ta = ph.a, tb = ph.b, fa = r.a, fb = r.b;
  imaging::reduceBasis(ta, tb);
  imaging::reduceBasis(fa, fb);
  const double area = std::abs(fa.x * fb.y - fa.y * fb.x) / std::abs(ta.x * tb.y - ta.y * tb.x);
  double worst = 0;
  for (cv::Point2d t : {ta, tb}) {
    double best = 1e9;
    for (cv::Point2d f : {fa, -fa, fb, -fb, fa + fb, -fa - fb, fa - fb, fb - fa}) best = std::min(best, cv::norm(f - t) / cv::norm(t));
    worst = std::max(worst, best);
  }
  std::printf("  lattice: found a=(%.1f, %.1f) b=(%.1f, %.1f), confidence %.3f; vector error %.2f %%, area ratio %.4f\n", r.a.x, r.a.y,
              r.b.x, r.b.y, r.confidence, worst * 100, area);
  return r.cut && worst < 0.02 && std::abs(area - 1) < 0.04;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const cv::Size size = quick ? cv::Size(1000, 750) : cv::Size(6000, 4000);
  const Photo ph = makePhoto(size, quick ? 160 : 700);
  const int runs = quick ? 1 : 5;
  imaging::Raport r;
  const double raportMs = bench::medianMs(runs, [&] { r = imaging::findRaport(ph.pixels); });
  if (!check(ph, r)) {
    std::printf("FAILED: the lattice found is not the cloth's\n");
    return 1;
  }
  cv::Mat clean;
  const double cleanMs = bench::medianMs(runs, [&] { clean = *imaging::cleanPhoto(ph.pixels); });
  // CPU time of one run too: on a shared machine the wall time says more about the neighbours.
  const auto cpuMs = [](const std::function<void()>& fn) {
    const std::clock_t t = std::clock();
    fn();
    return 1000.0 * double(std::clock() - t) / CLOCKS_PER_SEC;
  };
  const double raportCpu = cpuMs([&] { r = imaging::findRaport(ph.pixels); });
  const double cleanCpu = cpuMs([&] { clean = *imaging::cleanPhoto(ph.pixels); });
  std::printf("| operation | size | median ms (wall) | CPU ms (one run, all threads) |\n|---|---|---|---|\n");
  std::printf("| findRaport (lattice + tile %dx%d) | %dx%d | %.1f | %.1f |\n", r.tile.cols, r.tile.rows, size.width, size.height, raportMs, raportCpu);
  std::printf("| cleanPhoto (flat field + white balance) | %dx%d | %.1f | %.1f |\n", size.width, size.height, cleanMs, cleanCpu);
  // The Studio's photo tools work on a preview of at most 900 px (PhotoView::kSide): the lattice found once, the
  // tile cut again when a dragged vector is let go, the clean-up again while a corner is dragged.
  cv::Mat preview;
  const double ps = 900.0 / std::max(size.width, size.height);
  cv::resize(ph.pixels, preview, cv::Size(), ps, ps, cv::INTER_AREA);
  imaging::Raport pr;
  const double findMs = bench::medianMs(runs, [&] { pr = imaging::findRaport(preview); });
  const double cutMs = bench::medianMs(runs, [&] { pr = imaging::cutRaport(preview, r.a * ps * 1.02, r.b * ps, r.origin * ps); });
  imaging::PhotoCleanOptions withCorners;
  withCorners.corners = std::array<cv::Point2f, 4>{cv::Point2f(20, 15), cv::Point2f(870, 10), cv::Point2f(880, 590), cv::Point2f(10, 580)};
  const double cornersMs = bench::medianMs(runs, [&] { clean = *imaging::cleanPhoto(preview, withCorners); });
  if (!pr.cut) {
    std::printf("FAILED: the dragged lattice was not cut\n");
    return 1;
  }
  std::printf("| findRaport, the Studio's preview | %dx%d | %.1f | |\n", preview.cols, preview.rows, findMs);
  std::printf("| cutRaport of a dragged lattice, preview | %dx%d | %.1f | |\n", preview.cols, preview.rows, cutMs);
  std::printf("| cleanPhoto with corners, preview | %dx%d | %.1f | |\n", preview.cols, preview.rows, cornersMs);
  return 0;
}
