#include "scheme_file.h"

#include <fstream>

#include <nlohmann/json.hpp>

namespace canting::records::detail {

namespace fs = std::filesystem;
using imaging::ErrorCode;
using imaging::makeError;
using nlohmann::json;

namespace {
std::string str(const json& o, const char* k) { return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string(); }
}  // namespace

Result<Scheme> readSchemeFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return makeError(ErrorCode::FileNotFound, {{"path", file.string()}});
  const json j = json::parse(in, nullptr, false);
  auto bad = [&](const std::string& where, const std::string& reason) {
    return makeError(ErrorCode::MalformedFile, {{"path", file.string()}, {"where", where}, {"reason", reason}});
  };
  if (!j.is_object()) return bad("-", "not JSON");
  if (str(j, "title").empty()) return bad("title", "missing");
  if (str(j, "version").empty()) return bad("version", "missing");
  if (!j.contains("units") || !j["units"].is_array() || j["units"].empty()) return bad("units", "missing or empty");
  Scheme s;
  s.uuid = str(j, "uuid"), s.code = str(j, "code"), s.title = str(j, "title"), s.version = str(j, "version");
  s.kind = str(j, "kind"), s.decree = str(j, "decree"), s.source = str(j, "source");
  for (std::size_t u = 0; u < j["units"].size(); ++u) {
    const json& uj = j["units"][u];
    const std::string where = "units[" + std::to_string(u) + "]";
    if (!uj.is_object() || str(uj, "title").empty()) return bad(where + ".title", "missing");
    if (!uj.contains("elements") || !uj["elements"].is_array()) return bad(where + ".elements", "missing");
    Unit unit{0, str(uj, "code"), str(uj, "title"), {}};
    for (std::size_t e = 0; e < uj["elements"].size(); ++e) {
      const json& ej = uj["elements"][e];
      const std::string w2 = where + ".elements[" + std::to_string(e) + "]";
      if (!ej.is_object() || str(ej, "title").empty()) return bad(w2 + ".title", "missing");
      if (!ej.contains("criteria") || !ej["criteria"].is_array()) return bad(w2 + ".criteria", "missing");
      Element element{0, str(ej, "title"), {}};
      for (std::size_t k = 0; k < ej["criteria"].size(); ++k) {
        if (!ej["criteria"][k].is_string() || ej["criteria"][k].get<std::string>().empty())
          return bad(w2 + ".criteria[" + std::to_string(k) + "]", "not a text");
        element.criteria.push_back({0, ej["criteria"][k].get<std::string>()});
      }
      unit.elements.push_back(std::move(element));
    }
    s.units.push_back(std::move(unit));
  }
  if (j.contains("validity_years")) {
    if (!j["validity_years"].is_number_integer() || j["validity_years"].get<int>() < 1 || j["validity_years"].get<int>() > 10)
      return bad("validity_years", "1..10");
    s.validityYears = j["validity_years"].get<int>();
  }
  return s;
}

}  // namespace canting::records::detail
