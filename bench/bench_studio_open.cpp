// The Studio on phone photos (issue 18, target 5): a 24 MP JPEG (6000 x 4000,
// EXIF orientation 6, as a phone stores a portrait) opened to its first
// preview (target under 1 s), and the file browser's listing of a folder of
// 200 phone photos (12 MP) with every thumbnail (target under 5 s), through
// the Workbench, StudioPreview and ThumbnailCache the app uses. Each run
// checks what it shows: the preview upright and portrait, its content close to
// the preview of the whole decode, the design's source identical to loadImage;
// every thumbnail there, upright, of its own photo. Medians of 3 runs after a
// warm-up. The photos are made once into CACHE_DIR and reused (their pixels
// do not depend on anything but the index). --quick: small sizes, for CTest.
//
//   bench_studio_open [--quick] [CACHE_DIR]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include <opencv2/imgproc.hpp>

#include "bench_util.h"
#include "canting/core/file_browser.h"
#include "canting/core/studio_preview.h"
#include "canting/core/workbench.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/memory.h"
#include "support/image_fixtures.h"

namespace im = canting::imaging;
namespace core = canting::core;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// A phone photo of cloth: shading, a woven texture, sensor noise, tinted by
// `index`, and a red block in the stored top-left corner that shows where the
// orientation put it.
cv::Mat phonePhoto(int w, int h, int index) {
  cv::Mat x(1, w, CV_32F), y(h, 1, CV_32F);
  for (int i = 0; i < w; ++i) x.at<float>(i) = float(i);
  for (int i = 0; i < h; ++i) y.at<float>(i) = float(i);
  cv::Mat weave = cv::repeat(x, h, 1) * 0.11f + cv::repeat(y, 1, w) * 0.07f, s;
  cv::Mat sx, sy;
  cv::Mat wx = cv::repeat(x, h, 1) * 0.05f, wy = cv::repeat(y, 1, w) * 0.043f;
  sx = wx.clone();
  sy = wy.clone();
  for (int r = 0; r < h; ++r) {
    float* a = sx.ptr<float>(r);
    const float* b = sy.ptr<float>(r);
    for (int c = 0; c < w; ++c) a[c] = std::sin(a[c]) * std::cos(b[c]);
  }
  cv::Mat shade = cv::repeat(x, h, 1) * (0.25f / float(w)) + cv::repeat(y, 1, w) * (0.2f / float(h)) + 0.6f;
  std::vector<cv::Mat> ch(3);
  const float tint[3] = {float(60 + index * 37 % 120), float(90 + index * 53 % 100), float(120 + index * 29 % 110)};
  for (int c = 0; c < 3; ++c) ch[std::size_t(c)] = (sx * (40.f + 10.f * float(c)) + tint[c]).mul(shade);
  cv::Mat f, out;
  cv::merge(ch, f);
  cv::Mat noise(h, w, CV_32FC3);
  cv::randn(noise, 0, 6);
  f += noise;
  f.convertTo(out, CV_8UC3);
  const int b = std::max(8, w / 12);
  out(cv::Rect(0, 0, b, b)).setTo(cv::Scalar(20, 20, 235));
  return out;
}

// Writes the photo once; returns false when it cannot.
bool makePhoto(const fs::path& p, int w, int h, int index, int orientation) {
  if (fs::exists(p)) return true;
  auto bytes = im::encodeImage(phonePhoto(w, h, index), im::ImageFormat::Jpeg, {.jpegQuality = 90});
  if (!bytes) return false;
  const fs::path tmp = p.string() + ".tmp";
  canting::test::writeAll(tmp, canting::test::withExifOrientation(*bytes, orientation));
  fs::rename(tmp, p);
  return true;
}

// Where the stored top-left corner ends up, upright: 0 TL, 1 TR, 2 BR, 3 BL.
int markerCorner(int orientation) {
  static const int corner[9] = {0, 0, 1, 2, 3, 0, 1, 2, 3};
  return corner[orientation];
}

bool markerAt(const cv::Mat& m, int corner) {
  const int b = std::max(2, std::min(m.cols, m.rows) / 40);
  const int x = (corner == 1 || corner == 2) ? m.cols - 1 - b : b, y = (corner == 2 || corner == 3) ? m.rows - 1 - b : b;
  const cv::Vec3b px = m.at<cv::Vec3b>(y, x);
  return px[2] > 180 && px[1] < 80 && px[0] < 80;
}

core::Workbench::Options benchOptions() {
  core::Workbench::Options o;
  o.readSettings = false;
  o.persist = false;
  o.autosave = false;
  o.assets = CANTING_ASSETS_DIR;
  o.dataDir = fs::temp_directory_path() / "canting-bench-studio-data";
  return o;
}

struct OpenRun {
  double firstMs = 0, wholeMs = 0;
  bool ok = false;
};

// (a) Open to first preview, then on to the whole image's preview.
OpenRun openOnce(const fs::path& photo, int w, int h, const cv::Mat& wholeDecode) {
  core::Workbench wb(benchOptions());
  core::StudioPreview preview(wb.tasks());
  OpenRun r;
  cv::Mat first;
  const auto t0 = Clock::now();
  wb.startOpenDesign(photo);
  // What the Studio panel draws each frame: the opening's preview, then the design's.
  while (true) {
    wb.update();
    preview.update(wb.design(), wb.namedPalettes(), wb.designQuickPreview());
    const cv::Mat shown = wb.designOpening() ? wb.designOpening()->preview : preview.before();
    if (first.empty() && !shown.empty()) {
      r.firstMs = msSince(t0);
      first = shown;
    }
    if (wb.design() && !preview.before().empty() && !preview.beforeIsQuick()) break;
    if (!wb.designOpening() && !wb.design()) return r;  // the open failed
    std::this_thread::sleep_for(std::chrono::milliseconds(1));  // frames come faster than any job
  }
  r.wholeMs = msSince(t0);
  const cv::Mat& whole = preview.before();
  // Portrait (orientation 6 of a landscape sensor), the marker top-right, like the whole image.
  const int e = core::StudioPreview::kPreviewSide;
  bool ok = first.rows == std::min(e, w) && first.cols == whole.cols && first.rows == whole.rows && first.type() == CV_8UC3;
  ok = ok && markerAt(first, markerCorner(6)) && markerAt(whole, markerCorner(6));
  cv::Mat diff;
  cv::absdiff(first, whole, diff);
  const cv::Scalar md = cv::mean(diff), a = cv::mean(first), b = cv::mean(whole);
  for (int c = 0; c < 3; ++c) ok = ok && md[c] < 6.0 && std::abs(a[c] - b[c]) < 2.0;
  // The design is the whole decode, exactly as openDesignFile makes it.
  const cv::Mat& src = wb.design()->design().source.pixels;
  ok = ok && src.size() == cv::Size(h, w) && src.size() == wholeDecode.size() && cv::norm(src, wholeDecode, cv::NORM_INF) == 0;
  ok = ok && wb.design()->design().palette.swatches.size() > 0;
  if (!ok)
    std::printf("  open check failed: first %dx%d, whole %dx%d, mean diff %.2f %.2f %.2f\n", first.cols, first.rows, whole.cols,
                whole.rows, md[0], md[1], md[2]);
  r.ok = ok;
  wb.finishAll();
  return r;
}

struct FolderRun {
  double ms = 0, cpuMs = 0;
  int thumbs = 0;
  bool ok = false;
};

// (b) The file browser's listing and every thumbnail, as the panel asks for them.
FolderRun folderOnce(const fs::path& folder, int count, const std::vector<int>& orientation) {
  core::Workbench wb(benchOptions());
  FolderRun r;
  const double c0 = canting::bench::cpuMs();
  const auto t0 = Clock::now();
  auto entries = core::listDirectory(folder, core::FileKind::Image);
  if (!entries) return r;
  std::vector<fs::path> images;
  for (const auto& e : *entries)
    if (e.isImage) images.push_back(e.path);
  std::size_t ready = 0;
  while (ready < images.size()) {
    wb.update();
    ready = 0;
    for (const auto& p : images) ready += (wb.thumbnails().get(p) || wb.thumbnails().failed(p)) ? 1 : 0;
    if (ready < images.size()) wb.tasks().waitIdle();
  }
  r.ms = msSince(t0);
  r.cpuMs = canting::bench::cpuMs() - c0;
  bool ok = int(images.size()) == count;
  const int edge = 192;
  for (std::size_t i = 0; i < images.size() && ok; ++i) {
    const cv::Mat* t = wb.thumbnails().get(images[i]);
    const int index = std::stoi(images[i].stem().string().substr(5));
    const int o = orientation[std::size_t(index) % orientation.size()];
    ok = t && std::max(t->cols, t->rows) == edge && (o >= 5) == (t->rows > t->cols) && markerAt(*t, markerCorner(o));
    if (!ok) std::printf("  thumbnail check failed: %s\n", images[i].filename().c_str());
    r.thumbs += ok ? 1 : 0;
  }
  r.ok = ok;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  im::keepLargeBuffers();
  const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
  const fs::path dir = argc > (quick ? 2 : 1) ? fs::path(argv[quick ? 2 : 1])
                                               : fs::temp_directory_path() / (quick ? "canting-bench-studio-quick" : "canting-bench-studio");
  const int runs = quick ? 1 : 3;
  const int pw = quick ? 1500 : 6000, ph = quick ? 1000 : 4000;        // the 24 MP photo, stored landscape
  const int fw = quick ? 800 : 4000, fh = quick ? 600 : 3000;          // the folder's 12 MP photos
  const int count = quick ? 12 : 200;
  const std::vector<int> orientation = {1, 6, 1, 8, 1, 3, 6, 1};      // mostly upright, some portraits, one upside down
  const fs::path folder = dir / "folder";
  fs::create_directories(folder);
  const auto g0 = Clock::now();
  const fs::path photo = dir / "photo-24mp.jpg";
  if (!makePhoto(photo, pw, ph, 999, 6)) return 2;
  for (int i = 0; i < count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "foto-%03d.jpg", i);
    if (!makePhoto(folder / name, fw, fh, i, orientation[std::size_t(i) % orientation.size()])) return 2;
  }
  std::printf("photos ready in %.1f s (made once into %s)\n", msSince(g0) / 1e3, dir.c_str());
  std::printf("photo: %d x %d stored, orientation 6, %.1f MB; folder: %d photos of %d x %d, %.0f MB\n", pw, ph,
              double(fs::file_size(photo)) / 1e6, count, fw, fh, [&] {
                double s = 0;
                for (const auto& e : fs::directory_iterator(folder)) s += double(e.file_size());
                return s / 1e6;
              }());

  auto wholeDecode = im::loadImage(photo);
  if (!wholeDecode) return 2;
  bool ok = true;
  std::vector<double> first, whole, browse, browseCpu;
  for (int i = 0; i <= runs; ++i) {  // run 0 warms the page cache and the allocator
    const OpenRun o = openOnce(photo, pw, ph, wholeDecode->pixels);
    const FolderRun f = folderOnce(folder, count, orientation);
    ok = ok && o.ok && f.ok;
    std::printf("run %d: open to first preview %.0f ms (whole design and preview %.0f ms); folder of %d with %d thumbnails %.0f ms"
                " (CPU %.0f ms)%s\n",
                i, o.firstMs, o.wholeMs, count, f.thumbs, f.ms, f.cpuMs, i == 0 ? " (warm-up)" : "");
    if (i == 0) continue;
    first.push_back(o.firstMs);
    whole.push_back(o.wholeMs);
    browse.push_back(f.ms);
    browseCpu.push_back(f.cpuMs);
  }
  const auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  std::printf("median of %d: first preview %.0f ms (target < 1000), whole %.0f ms; folder %.0f ms (target < 5000),"
              " CPU %.0f ms (%.0f ms on 2 cores of its own)\n",
              runs, median(first), median(whole), median(browse), median(browseCpu), median(browseCpu) / 2);
  std::printf("%s\n", ok ? "checks: OK" : "checks: FAILED");
  return ok ? 0 : 1;
}
