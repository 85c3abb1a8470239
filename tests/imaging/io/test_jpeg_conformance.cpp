// JPEG conformance made in the test: baseline, progressive and restart-marker
// files in 4:4:4, 4:2:2 and 4:2:0 and grey, written with libjpeg and decoded
// by Canting, compared pixel for pixel with libjpeg's own decoding; CMYK and
// YCCK files (as print shops send them) against libjpeg's CMYK samples taken
// through the Adobe convention (inverted ink) to RGB.

#include <catch2/catch.hpp>

#include <cstdio>
#include <jpeglib.h>

#include <random>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/image_io.h"
#include "support/image_fixtures.h"

using namespace canting::imaging;
using namespace canting::test;

namespace {

// libjpeg's decoding with its defaults: as RGB or grey, or, for 4-component
// files, as CMYK samples (it turns YCCK into CMYK) with whether the file
// carries Adobe's marker (inverted ink).
cv::Mat readJpeg(const Bytes& b, bool* adobe = nullptr) {
  jpeg_decompress_struct d{};
  jpeg_error_mgr err{};
  d.err = jpeg_std_error(&err);
  jpeg_create_decompress(&d);
  jpeg_mem_src(&d, b.data(), static_cast<unsigned long>(b.size()));
  jpeg_read_header(&d, TRUE);
  d.out_color_space = d.num_components == 1 ? JCS_GRAYSCALE : d.num_components == 4 ? JCS_CMYK : JCS_RGB;
  jpeg_start_decompress(&d);
  if (adobe) *adobe = d.saw_Adobe_marker;
  cv::Mat out(int(d.output_height), int(d.output_width), CV_MAKETYPE(CV_8U, d.output_components));
  while (d.output_scanline < d.output_height) {
    JSAMPROW row = out.ptr(int(d.output_scanline));
    jpeg_read_scanlines(&d, &row, 1);
  }
  jpeg_finish_decompress(&d);
  jpeg_destroy_decompress(&d);
  return out;
}

// Screen BGR of CMYK samples: each channel (1 - ink)(1 - K), rounded.
cv::Mat cmykToBgr(const cv::Mat& cmyk, bool adobe) {
  cv::Mat bgr(cmyk.size(), CV_8UC3);
  for (int y = 0; y < cmyk.rows; ++y)
    for (int x = 0; x < cmyk.cols; ++x) {
      const auto s = cmyk.at<cv::Vec4b>(y, x);
      auto clear = [&](int v) { return adobe ? v : 255 - v; };  // 255 = no ink
      const int k = clear(s[3]);
      bgr.at<cv::Vec3b>(y, x) = {std::uint8_t((clear(s[2]) * k + 127) / 255), std::uint8_t((clear(s[1]) * k + 127) / 255),
                                 std::uint8_t((clear(s[0]) * k + 127) / 255)};
    }
  return bgr;
}

}  // namespace

TEST_CASE("baseline, progressive and restart-marker JPEGs in every common sampling decode as libjpeg decodes them", "[imaging][jpeg][conformance]") {
  cv::Mat rgb(37, 53, CV_8UC3);
  cv::randu(rgb, 0, 255);
  cv::GaussianBlur(rgb, rgb, {5, 5}, 0);  // photographs are smooth; noise is not what JPEG is for
  cv::Mat greyImage;
  cv::cvtColor(rgb, greyImage, cv::COLOR_RGB2GRAY);
  int files = 0;
  for (bool grey : {false, true})
    for (bool progressive : {false, true})
      for (int restart : {0, 1})
        for (auto [h, v] : {std::pair{1, 1}, std::pair{2, 1}, std::pair{2, 2}}) {
          if (grey && (h != 1 || v != 1)) continue;
          const cv::Mat src = grey ? greyImage : rgb;
          const Bytes jpg = makeJpeg(src.cols, src.rows, src.channels(), src.data,
                                     {.progressive = progressive, .restartRows = restart, .hSamp = h, .vSamp = v});
          auto img = decodeImage(jpg);
          REQUIRE(img);
          cv::Mat ref = readJpeg(jpg);
          if (!grey) cv::cvtColor(ref, ref, cv::COLOR_RGB2BGR);
          REQUIRE(img->pixels.type() == ref.type());
          CHECK(cv::norm(img->pixels, ref, cv::NORM_INF) == 0);
          ++files;
        }
  CHECK(files == 16);
}

TEST_CASE("CMYK and YCCK JPEGs, baseline and progressive, decode as libjpeg's CMYK through Adobe's inverted ink", "[imaging][jpeg][conformance]") {
  cv::Mat cmyk(29, 43, CV_8UC4);
  cv::randu(cmyk, 0, 255);
  cv::GaussianBlur(cmyk, cmyk, {5, 5}, 0);
  int files = 0;
  for (bool ycck : {false, true})
    for (bool progressive : {false, true})
      for (int restart : {0, 1})
        for (auto [h, v] : {std::pair{1, 1}, std::pair{2, 2}}) {
          if (!ycck && h != 1) continue;  // subsampling is for YCCK's luma
          INFO("ycck " << ycck << " progressive " << progressive << " restart " << restart << " sampling " << h << "x" << v);
          const Bytes jpg = makeJpeg(cmyk.cols, cmyk.rows, 4, cmyk.data,
                                     {.progressive = progressive, .restartRows = restart, .hSamp = h, .vSamp = v, .ycck = ycck});
          auto img = decodeImage(jpg);
          REQUIRE(img);
          CHECK(img->source.model == ColorModel::Cmyk);
          bool adobe = false;
          const cv::Mat samples = readJpeg(jpg, &adobe);
          const cv::Mat ref = cmykToBgr(samples, adobe);
          CHECK(adobe);  // libjpeg marks its CMYK and YCCK files as Adobe's
          REQUIRE(img->pixels.type() == CV_8UC3);
          CHECK(cv::norm(img->pixels, ref, cv::NORM_INF) == 0);
          ++files;
        }
  CHECK(files == 12);
}
