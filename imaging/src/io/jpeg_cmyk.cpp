#include "jpeg_cmyk.h"

#include "jpeg_reader.h"

namespace canting::imaging::detail {

namespace {

struct CmykRows {
  cv::Mat* out;
  std::uint8_t* row;
};

void toBgr(void* ctx, int y, const std::uint8_t* cmyk, int width, bool adobe) {
  std::uint8_t* bgr = static_cast<CmykRows*>(ctx)->out->ptr<std::uint8_t>(y);
  for (int x = 0; x < width; ++x, bgr += 3, cmyk += 4) {
    bgr[0] = cmykChannel(cmyk[2], cmyk[3], adobe);
    bgr[1] = cmykChannel(cmyk[1], cmyk[3], adobe);
    bgr[2] = cmykChannel(cmyk[0], cmyk[3], adobe);
  }
}

}  // namespace

cv::Mat decodeCmykJpeg(std::span<const std::uint8_t> bytes, const ImageHeader& header, std::string& why, int scale) {
  // Allocated as cv::Mats so the loader's budget counts them.
  cv::Mat out((header.height + scale - 1) / scale, (header.width + scale - 1) / scale, CV_8UC3);
  cv::Mat row(1, out.cols * 4, CV_8U);
  CmykRows sink{&out, row.data};
  // libjpeg turns YCCK into CMYK itself.
  const JpegRows rows{JCS_CMYK, [](void* ctx, int) { return static_cast<CmykRows*>(ctx)->row; }, toBgr, &sink};
  JpegErrorJump e{};
  if (!readJpegRows(bytes, e, header.width, header.height, 4, scale, rows)) {
    why = std::string("libjpeg: ") + e.text;
    return {};
  }
  return out;
}

}  // namespace canting::imaging::detail
