#include "canting/base/json.h"

#include <nlohmann/json.hpp>

namespace canting::base {

std::string dumpJson(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace canting::base
