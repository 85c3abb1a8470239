#include <cstdlib>
#include <cstring>
#include <iostream>

#include "canting/imaging/image_io.h"
#include "canting/imaging/memory.h"
#include "cli.h"

namespace {
// OpenCV's own pixel limit is fixed at start-up, so it takes --max-mp when it
// raises the default (a lower one is the probe's to enforce).
canting::imaging::LoadOptions decoderLimits(int argc, char** argv) {
  canting::imaging::LoadOptions o;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--max-mp") == 0) {
      const double mp = std::strtod(argv[i + 1], nullptr);
      if (mp * 1e6 > double(o.maxPixels) && mp < 1e7) o.maxPixels = std::uint64_t(mp * 1e6);
    }
  return o;
}
}  // namespace

int main(int argc, char** argv) {
  canting::imaging::keepLargeBuffers();
  canting::imaging::applyDecoderLimits(decoderLimits(argc, argv), argv);
  const std::vector<std::string> args(argv + 1, argv + argc);
  return canting::cli::run(args, std::cout, std::cerr);
}
