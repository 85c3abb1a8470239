#pragma once
// canting-server's commands (init, serve), callable in-process by the tests.
#include <ostream>
#include <string>
#include <vector>

namespace canting::server {

// Exit status: 0 done, 1 usage, 2 failed (the store, the certificate, the address).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace canting::server
