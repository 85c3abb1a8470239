#pragma once
// What the bundle's export, import and validation share; not public API.
// The format: gzip-compressed JSON, {"format": "canting-bundle", "version": 1,
// "centre", "people", "schemes", "trainees", "sessions", "assessments",
// "evidence" (files inside, base64), "certificates", "attempts"}. Records
// refer to each other by UUID, to scheme units and criteria by position.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace canting::records::bundle {

constexpr const char* kFormat = "canting-bundle";

inline std::string str(const nlohmann::json& o, const char* k) {
  return o.is_object() && o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
}

struct Bad {
  std::string where, reason;
};

// Checks the whole bundle's shape before anything touches the database.
std::optional<Bad> validate(const nlohmann::json& b);

}  // namespace canting::records::bundle
