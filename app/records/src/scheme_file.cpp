#include "scheme_file.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/records/store.h"

namespace canting::records::detail {

namespace fs = std::filesystem;
using imaging::ErrorCode;
using imaging::makeError;
using nlohmann::json;

namespace {
std::string str(const json& o, const char* k) { return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string(); }
}  // namespace

namespace {

// `origin` names the file (or where the text came from) in the errors.
Result<Scheme> parseScheme(const json& j, const std::string& origin) {
  auto bad = [&](const std::string& where, const std::string& reason) {
    return makeError(ErrorCode::MalformedFile, {{"path", origin}, {"where", where}, {"reason", reason}});
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

}  // namespace

Result<Scheme> readSchemeFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return makeError(ErrorCode::FileNotFound, {{"path", file.string()}});
  return parseScheme(json::parse(in, nullptr, false), file.string());
}

}  // namespace canting::records::detail

namespace canting::records {

using nlohmann::json;

std::string schemeToText(const Scheme& s) {
  json j = {{"uuid", s.uuid},     {"code", s.code},     {"title", s.title},   {"version", s.version},
            {"kind", s.kind},     {"decree", s.decree}, {"source", s.source}, {"validity_years", s.validityYears},
            {"units", json::array()}};
  for (const Unit& u : s.units) {
    json uj = {{"code", u.code}, {"title", u.title}, {"elements", json::array()}};
    for (const Element& e : u.elements) {
      json ej = {{"title", e.title}, {"criteria", json::array()}};
      for (const Criterion& c : e.criteria) ej["criteria"].push_back(c.text);
      uj["elements"].push_back(std::move(ej));
    }
    j["units"].push_back(std::move(uj));
  }
  return base::dumpJson(j);
}

Result<Scheme> schemeFromText(const std::string& text, const std::string& origin) {
  return detail::parseScheme(json::parse(text, nullptr, false), origin);
}

}  // namespace canting::records
