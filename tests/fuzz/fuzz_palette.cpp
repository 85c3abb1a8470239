// libFuzzer: palette files, JSON and GIMP .gpl (the first byte picks which).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "canting/imaging/palette.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto p = (data[0] & 1) ? canting::imaging::parsePaletteGpl(text) : canting::imaging::parsePaletteJson(text);
  if (p) {
    // What parses must write out and parse back.
    auto again = canting::imaging::parsePaletteJson(canting::imaging::paletteToJson(*p));
    if (!again) {
      std::fprintf(stderr, "round trip failed: %s\n%s\n", again.error().detail.c_str(), canting::imaging::paletteToJson(*p).c_str());
      __builtin_trap();
    }
    if (again->swatches.size() != p->swatches.size()) __builtin_trap();
  }
  return 0;
}
