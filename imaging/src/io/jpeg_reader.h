#pragma once
// Our own libjpeg reader (CMYK JPEGs, reduced decodes). A fatal error jumps
// back to the reader's setjmp with the library's text; a warning ("Corrupt
// JPEG data: premature end of data segment") goes to the DecodeGuard of this
// thread.

#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>

#include <jpeglib.h>

#include "decoder_guard.h"

namespace canting::imaging::detail {

struct JpegErrorJump {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
  char text[JMSG_LENGTH_MAX];
};

inline void jpegLeave(j_common_ptr cinfo) {
  auto* e = reinterpret_cast<JpegErrorJump*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, e->text);
  std::longjmp(e->jump, 1);
}

inline void jpegKeepWarning(j_common_ptr cinfo) {
  char text[JMSG_LENGTH_MAX];
  (*cinfo->err->format_message)(cinfo, text);
  noteDecoderText(std::string("libjpeg: ") + text);
}

// Points `d` at `e` with the two handlers above; call before jpeg_create_decompress.
inline void useJpegErrorJump(jpeg_decompress_struct& d, JpegErrorJump& e) {
  d.err = jpeg_std_error(&e.mgr);
  e.mgr.error_exit = jpegLeave;
  e.mgr.output_message = jpegKeepWarning;
}

// Where each output row goes: `target` gives the buffer row y is decoded
// into; `done`, if set, is called with it after (with whether the file has
// Adobe's APP14 marker, for CMYK). Plain function pointers: nothing that owns
// memory lives across the reader's setjmp.
struct JpegRows {
  J_COLOR_SPACE space;
  std::uint8_t* (*target)(void* ctx, int y);
  void (*done)(void* ctx, int y, const std::uint8_t* samples, int width, bool adobe);
  void* ctx;
};

// Decodes a JPEG of `components` components stored at width x height, at
// 1/scale of its size (1, 2, 4, 8), row by row. False with libjpeg's message
// in e.text when it gives up or the file is not what the header said.
bool readJpegRows(std::span<const std::uint8_t> bytes, JpegErrorJump& e, int width, int height, int components, int scale,
                  const JpegRows& rows);

}  // namespace canting::imaging::detail
