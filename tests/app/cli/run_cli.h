#pragma once
// canting-cli in-process, with its output and messages captured.
#include <sstream>
#include <string>
#include <vector>

#include "cli.h"

namespace canting::test {

struct CliRun {
  int code;
  std::string out, err;
};

inline CliRun runCli(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = cli::run(args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace canting::test
