#include <iostream>

#include "server_cli.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return canting::server::run(args, std::cout, std::cerr);
}
