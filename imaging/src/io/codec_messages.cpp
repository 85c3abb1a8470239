// libjpeg's and libpng's own messages, kept for the error's detail.
//
// OpenCV creates its libjpeg and libpng readers with the libraries' default
// message handlers, which print straight to the process's stderr with
// fprintf: "Corrupt JPEG data: premature end of data segment", "libpng
// warning: iCCP: known incorrect sRGB profile" reach the user's terminal for
// files that decode fine, in English, past every handler of ours. OpenCV gives
// no way to pass handlers in, so the two functions it creates them with are
// defined here too; the program's executable exports them (see
// imaging/CMakeLists.txt) and the dynamic linker binds OpenCV's calls to them
// ahead of the libraries. Each calls the library's own function and only
// swaps the message output: on a decoding thread the text goes to the
// DecodeGuard, anywhere else to stderr exactly as the library would print it.

#include <dlfcn.h>

#include <csetjmp>
#include <cstdio>
#include <cstdlib>

#include <jpeglib.h>
#include <png.h>

#include "decoder_guard.h"

namespace {

template <class Fn>
Fn nextDefinition(const char* name) {
  void* f = dlsym(RTLD_NEXT, name);
  if (!f) {
    // Only reachable if the library was linked statically, which our builds never do.
    std::fprintf(stderr, "canting: %s not found after the executable\n", name);
    std::abort();
  }
  return reinterpret_cast<Fn>(f);
}

void jpegMessage(j_common_ptr cinfo) {
  char text[JMSG_LENGTH_MAX];
  (*cinfo->err->format_message)(cinfo, text);
  if (!canting::imaging::detail::noteDecoderText(std::string("libjpeg: ") + text)) std::fprintf(stderr, "%s\n", text);
}

void pngWarning(png_structp, png_const_charp text) {
  if (!canting::imaging::detail::noteDecoderText(std::string("libpng warning: ") + text))
    std::fprintf(stderr, "libpng warning: %s\n", text);
}

[[noreturn]] void pngError(png_structp png, png_const_charp text) {
  if (!canting::imaging::detail::noteDecoderText(std::string("libpng error: ") + text))
    std::fprintf(stderr, "libpng error: %s\n", text);
  png_longjmp(png, 1);  // what libpng's default handler does after printing
}

}  // namespace

extern "C" {

struct jpeg_error_mgr* jpeg_std_error(struct jpeg_error_mgr* err) {
  using Fn = struct jpeg_error_mgr* (*)(struct jpeg_error_mgr*);
  static const Fn real = nextDefinition<Fn>("jpeg_std_error");
  struct jpeg_error_mgr* e = real(err);
  e->output_message = jpegMessage;
  return e;
}

png_structp png_create_read_struct(png_const_charp version, png_voidp errorPtr, png_error_ptr errorFn,
                                   png_error_ptr warnFn) {
  using Fn = png_structp (*)(png_const_charp, png_voidp, png_error_ptr, png_error_ptr);
  static const Fn real = nextDefinition<Fn>("png_create_read_struct");
  // Callers that bring their own handlers keep them; only the defaults are replaced.
  if (!errorFn) errorFn = pngError;
  if (!warnFn) warnFn = pngWarning;
  return real(version, errorPtr, errorFn, warnFn);
}

}  // extern "C"

namespace canting::imaging::detail {
// Referenced by installDecoderHooks so that the linker always takes this object.
bool codecMessagesLinked() { return true; }
}  // namespace canting::imaging::detail
