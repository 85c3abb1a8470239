// Draws the sample images in assets/demo/. They are drawn samples for trying
// the app, not photographs or reproductions of classic cloths; the motif
// generators of the motif library replace the drawing code here later.
//
//   make_demo_images OUTDIR

#include <cmath>
#include <iostream>
#include <opencv2/imgproc.hpp>

#include "canting/imaging/file_io.h"
#include "canting/imaging/image_io.h"

namespace im = canting::imaging;

namespace {
const cv::Scalar kGading(196, 226, 239), kSoga(58, 106, 154), kInk(20, 36, 58), kIndigo(110, 58, 44);

cv::Mat kawung(int size, int cell) {
  cv::Mat m(size, size, CV_8UC3, kGading);
  for (int j = 0; j <= size / cell; ++j)
    for (int i = 0; i <= size / cell; ++i) {
      const cv::Point2f p(float(i * cell), float(j * cell));
      for (int k = 0; k < 4; ++k) {
        const float ang = 45.f + 90.f * float(k);
        const float d = 0.33f * float(cell);
        const cv::Point2f c(p.x + d * std::cos(ang * float(CV_PI) / 180.f), p.y + d * std::sin(ang * float(CV_PI) / 180.f));
        const cv::RotatedRect e(c, cv::Size2f(0.62f * float(cell), 0.34f * float(cell)), ang);
        cv::ellipse(m, e, kSoga, cv::FILLED, cv::LINE_AA);
        cv::ellipse(m, e, kInk, std::max(2, cell / 40), cv::LINE_AA);
        cv::circle(m, c, std::max(2, cell / 30), kGading, cv::FILLED, cv::LINE_AA);  // cecek
      }
      cv::circle(m, p, cell / 12, kIndigo, cv::FILLED, cv::LINE_AA);
    }
  return m;
}

cv::Mat parang(int w, int h, int band) {
  cv::Mat m(h, w, CV_8UC3, kGading);
  for (int k = -h; k < w + h; k += band) {
    std::vector<cv::Point> curve;
    for (int t = 0; t < w + h; t += 4) {
      const double s = std::sin(t * 2 * CV_PI / band) * band * 0.18;
      curve.emplace_back(int(k + t * 0.7071 + s * 0.7071), int(t * 0.7071 - s * 0.7071));
    }
    cv::polylines(m, curve, false, kSoga, band / 5, cv::LINE_AA);
    cv::polylines(m, curve, false, kInk, std::max(2, band / 30), cv::LINE_AA);
    for (int t = band / 2; t < w + h; t += band / 2)  // mlinjon diamonds between the bands
      cv::circle(m, cv::Point(int(k + band / 2 + t * 0.7071), int(t * 0.7071 - band * 0.35)), band / 12, kIndigo, cv::FILLED, cv::LINE_AA);
  }
  return m;
}

cv::Mat ceplokPhoto(int w, int h) {
  cv::Mat m(h, w, CV_8UC3, cv::Scalar(180, 208, 222));
  const int cell = 150;
  for (int y = cell / 2; y < h + cell; y += cell)
    for (int x = cell / 2; x < w + cell; x += cell) {
      for (int k = 0; k < 8; ++k) {
        const double a = k * CV_PI / 4;
        cv::ellipse(m, cv::Point(int(x + std::cos(a) * 38), int(y + std::sin(a) * 38)), cv::Size(30, 13), a * 180 / CV_PI, 0, 360,
                    kIndigo, cv::FILLED, cv::LINE_AA);
      }
      cv::circle(m, cv::Point(x, y), 16, kSoga, cv::FILLED, cv::LINE_AA);
      cv::circle(m, cv::Point(x, y), 16, kInk, 2, cv::LINE_AA);
    }
  // A phone photo: cloth weave, uneven light, sensor noise, soft focus.
  cv::Mat f;
  m.convertTo(f, CV_32FC3);
  cv::Mat noise(h, w, CV_32FC3);
  cv::randn(noise, 0, 6);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const double dx = (x - w * 0.45) / w, dy = (y - h * 0.4) / h;
      const float light = float(1.05 - 0.55 * (dx * dx + dy * dy)) * (((x / 2 + y / 2) % 2) ? 1.f : 0.97f);
      f.at<cv::Vec3f>(y, x) = f.at<cv::Vec3f>(y, x) * light + noise.at<cv::Vec3f>(y, x);
    }
  cv::GaussianBlur(f, f, cv::Size(3, 3), 0.8);
  f.convertTo(m, CV_8UC3);
  return m;
}

// Stores the photo sideways with EXIF orientation 6, as phones do.
std::vector<std::uint8_t> sidewaysJpeg(const cv::Mat& upright) {
  cv::Mat stored;
  cv::rotate(upright, stored, cv::ROTATE_90_COUNTERCLOCKWISE);
  auto jpeg = im::encodeImage(stored, im::ImageFormat::Jpeg, im::SaveOptions{.jpegQuality = 88});
  std::vector<std::uint8_t> tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0};
  std::vector<std::uint8_t> out(jpeg->begin(), jpeg->begin() + 2);
  const std::size_t len = tiff.size() + 8;
  out.insert(out.end(), {0xFF, 0xE1, std::uint8_t(len >> 8), std::uint8_t(len), 'E', 'x', 'i', 'f', 0, 0});
  out.insert(out.end(), tiff.begin(), tiff.end());
  out.insert(out.end(), jpeg->begin() + 2, jpeg->end());
  return out;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_demo_images OUTDIR\n";
    return 1;
  }
  const std::string dir = argv[1];
  bool ok = true;
  ok &= bool(im::saveImage(kawung(1200, 240), dir + "/contoh-kawung.png", im::SaveOptions{.dpi = im::Dpi{300, 300}}));
  ok &= bool(im::saveImage(parang(1400, 1000, 180), dir + "/contoh-parang.png", im::SaveOptions{.dpi = im::Dpi{200, 200}}));
  ok &= bool(im::writeFileAtomic(dir + "/foto-ceplok-ponsel.jpg", sidewaysJpeg(ceplokPhoto(1600, 1200))));
  return ok ? 0 : 2;
}
