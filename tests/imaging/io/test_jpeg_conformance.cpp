// JPEG conformance made in the test: baseline, progressive and restart-marker
// files in 4:4:4, 4:2:2 and 4:2:0 and grey, written with libjpeg and decoded
// by Canting, compared pixel for pixel with libjpeg's own decoding.

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

// libjpeg's decoding with its defaults, as RGB or grey.
cv::Mat readJpeg(const Bytes& b) {
  jpeg_decompress_struct d{};
  jpeg_error_mgr err{};
  d.err = jpeg_std_error(&err);
  jpeg_create_decompress(&d);
  jpeg_mem_src(&d, b.data(), static_cast<unsigned long>(b.size()));
  jpeg_read_header(&d, TRUE);
  d.out_color_space = d.num_components == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_start_decompress(&d);
  cv::Mat out(int(d.output_height), int(d.output_width), d.output_components == 1 ? CV_8UC1 : CV_8UC3);
  while (d.output_scanline < d.output_height) {
    JSAMPROW row = out.ptr(int(d.output_scanline));
    jpeg_read_scanlines(&d, &row, 1);
  }
  jpeg_finish_decompress(&d);
  jpeg_destroy_decompress(&d);
  return out;
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
