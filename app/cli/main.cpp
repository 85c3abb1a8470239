#include <iostream>

#include "canting/imaging/memory.h"
#include "cli.h"

int main(int argc, char** argv) {
  canting::imaging::keepLargeBuffers();
  const std::vector<std::string> args(argv + 1, argv + argc);
  return canting::cli::run(args, std::cout, std::cerr);
}
