// libFuzzer: every image format the loader accepts, from memory. A 4 MP cap
// keeps a header that claims a huge picture from becoming an allocation test.
#include <cstddef>
#include <cstdint>
#include <span>

#include "canting/imaging/image_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  canting::imaging::LoadOptions o;
  o.maxPixels = 4'000'000;
  auto img = canting::imaging::decodeImage(std::span<const std::uint8_t>(data, size), o);
  if (img && (img->pixels.empty() || img->pixels.total() > o.maxPixels)) __builtin_trap();  // a success is a real, capped image
  return 0;
}
