// libFuzzer: .canting projects (JSON with an embedded or neighbouring image).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "canting/core/design.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path file = std::filesystem::temp_directory_path() / ("canting-fuzz-" + std::to_string(::getpid()) + ".canting");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
  }
  (void)canting::core::loadProject(file);
  return 0;
}
