#include "jpeg_cmyk.h"

#include <csetjmp>
#include <cstdio>

#include <jpeglib.h>

#include "decoder_guard.h"

namespace canting::imaging::detail {

namespace {

struct ErrorJump {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
  char text[JMSG_LENGTH_MAX];
};

void leave(j_common_ptr cinfo) {
  auto* e = reinterpret_cast<ErrorJump*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, e->text);
  std::longjmp(e->jump, 1);
}

void keepWarning(j_common_ptr cinfo) {
  char text[JMSG_LENGTH_MAX];
  (*cinfo->err->format_message)(cinfo, text);
  noteDecoderText(std::string("libjpeg: ") + text);
}

// Only plain data lives across setjmp here: the caller owns the buffers.
// Returns false with the library's message in e.text.
bool readCmyk(std::span<const std::uint8_t> bytes, ErrorJump& e, std::uint8_t* out, std::size_t outStep, int width,
              int height, std::uint8_t* row, bool& adobe) {
  jpeg_decompress_struct d{};
  d.err = jpeg_std_error(&e.mgr);
  e.mgr.error_exit = leave;
  e.mgr.output_message = keepWarning;
  if (setjmp(e.jump)) {
    jpeg_destroy_decompress(&d);
    return false;
  }
  jpeg_create_decompress(&d);
  jpeg_mem_src(&d, bytes.data(), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&d, TRUE);
  if (d.num_components != 4 || int(d.image_width) != width || int(d.image_height) != height) {
    std::snprintf(e.text, sizeof e.text, "libjpeg reads %d components at %ux%u", d.num_components, d.image_width,
                  d.image_height);
    jpeg_destroy_decompress(&d);
    return false;
  }
  d.out_color_space = JCS_CMYK;  // libjpeg turns YCCK into CMYK itself
  jpeg_start_decompress(&d);
  adobe = d.saw_Adobe_marker;
  while (d.output_scanline < d.output_height) {
    const int y = int(d.output_scanline);
    JSAMPROW r = row;
    jpeg_read_scanlines(&d, &r, 1);
    std::uint8_t* bgr = out + std::size_t(y) * outStep;
    for (int x = 0; x < width; ++x, bgr += 3) {
      const std::uint8_t* cmyk = row + 4 * x;
      bgr[0] = cmykChannel(cmyk[2], cmyk[3], adobe);
      bgr[1] = cmykChannel(cmyk[1], cmyk[3], adobe);
      bgr[2] = cmykChannel(cmyk[0], cmyk[3], adobe);
    }
  }
  jpeg_finish_decompress(&d);
  jpeg_destroy_decompress(&d);
  return true;
}

}  // namespace

cv::Mat decodeCmykJpeg(std::span<const std::uint8_t> bytes, const ImageHeader& header, std::string& why) {
  // Allocated as cv::Mats so the loader's budget counts them.
  cv::Mat out(header.height, header.width, CV_8UC3);
  cv::Mat row(1, header.width * 4, CV_8U);
  ErrorJump e{};
  bool adobe = false;
  if (!readCmyk(bytes, e, out.data, out.step[0], header.width, header.height, row.data, adobe)) {
    why = std::string("libjpeg: ") + e.text;
    return {};
  }
  return out;
}

}  // namespace canting::imaging::detail
