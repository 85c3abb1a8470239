#include "canting/base/error.h"

#include <ostream>

namespace canting::base {

std::ostream& operator<<(std::ostream& os, const Code& code) { return os << code.domain().name() << '/' << code.key(); }

std::string Error::arg(const std::string& name) const {
  for (const auto& [k, v] : args)
    if (k == name) return v;
  return {};
}

Error makeError(Code code, std::vector<std::pair<std::string, std::string>> args, std::string detail) {
  return Error{code, std::move(args), std::move(detail)};
}

}  // namespace canting::base
