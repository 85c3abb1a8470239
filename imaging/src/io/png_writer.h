#pragma once
// The libpng write structs, made together or not at all. Callers set up
// setjmp themselves right after: libpng reports errors by longjmp, and only
// plain C data may live across it.

#include <png.h>

namespace canting::imaging {

inline bool createPngWriter(png_structp& png, png_infop& info) {
  png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  info = png ? png_create_info_struct(png) : nullptr;
  if (png && !info) png_destroy_write_struct(&png, nullptr);
  return png && info;
}

}  // namespace canting::imaging
