#include <iostream>

#include "cli.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return canting::cli::run(args, std::cout, std::cerr);
}
