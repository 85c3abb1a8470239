#pragma once
// canting-cli as a function, so the tests run it in-process with captured
// streams. Exit status: 0 success, 1 usage error, 2 bad input (the message
// is on `err`, in the chosen language).

#include <ostream>
#include <string>
#include <vector>

namespace canting::cli {

enum ExitCode { kOk = 0, kUsage = 1, kBadInput = 2 };

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Every command's words ("info", "training report centre"), for the man page's and the completion's tests.
std::vector<std::string> commandNames();

}  // namespace canting::cli
