// The dye book: the dyes and fixers a workshop keeps, read from JSON.
#include "canting/imaging/dye.h"

#include <nlohmann/json.hpp>

#include "canting/imaging/file_io.h"
#include "malformed.h"

namespace canting::imaging {

namespace fs = std::filesystem;
using nlohmann::json;
using dye_detail::malformed;

namespace {

std::string str2(const json& j, const char* key, int lang) {
  if (!j.contains(key)) return {};
  if (j[key].is_string()) return j[key].get<std::string>();
  if (j[key].is_object()) return j[key].value(lang ? "en" : "id", "");
  return {};
}

}  // namespace

const Dye* DyeBook::dye(const std::string& id) const {
  for (const auto& d : dyes)
    if (d.id == id) return &d;
  return nullptr;
}
const Fixer* DyeBook::fixer(const std::string& id) const {
  for (const auto& f : fixers)
    if (f.id == id) return &f;
  return nullptr;
}

Result<DyeBook> loadDyeBookFields(const fs::path& file) {
  auto bytes = readFile(file, 4u << 20);
  if (!bytes) return bytes.error();
  auto fail = [&](const std::string& where, const char* reason) {
    Error e = malformed(where, reason);
    e.args.emplace_back("path", file.string());
    return e;
  };
  DyeBook b;
  try {
    const json j = json::parse(bytes->begin(), bytes->end());
    auto cloth = parseColor(j.at("cloth").at("colour").get<std::string>());
    if (!cloth) return fail("cloth.colour", "reason.bad_color");
    b.cloth = *cloth;
    for (std::size_t i = 0; i < j.at("dyes").size(); ++i) {
      const json& e = j["dyes"][i];
      const std::string where = "dyes[" + std::to_string(i) + "]";
      Dye d;
      d.id = e.at("id").get<std::string>();
      d.name[0] = str2(e, "name", 0);
      d.name[1] = str2(e, "name", 1);
      d.kind = e.value("kind", "");
      auto c = parseColor(e.at("colour").get<std::string>());
      if (!c) return fail(where + ".colour", "reason.bad_color");
      d.colour = *c;
      d.refConcentration = e.at("reference").at("concentration_g_per_l").get<double>();
      d.refDips = e.at("reference").at("dips").get<int>();
      if (!(d.refConcentration > 0) || d.refDips < 1) return fail(where + ".reference", "reason.bad_number");
      const json& r = e.at("recipe");
      d.gramsPerLitre = r.value("grams_per_litre", 0.0);
      d.liquorRatio = r.value("liquor_ratio", 20.0);
      d.temperatureC = r.value("temperature_c", 25.0);
      for (const auto& a : r.value("auxiliaries", json::array())) d.auxiliaries.push_back({a.value("name", ""), a.value("grams_per_litre", 0.0)});
      d.source = e.value("source", "");
      d.confidence = e.value("confidence", "");
      d.note = e.value("note", "");
      b.dyes.push_back(std::move(d));
    }
    for (std::size_t i = 0; i < j.at("fixers").size(); ++i) {
      const json& e = j["fixers"][i];
      Fixer f;
      f.id = e.at("id").get<std::string>();
      f.name[0] = str2(e, "name", 0);
      f.name[1] = str2(e, "name", 1);
      f.gramsPerLitre = e.value("grams_per_litre", 0.0);
      const auto s = e.at("ks_scale");
      if (!s.is_array() || s.size() != 3) return fail("fixers[" + std::to_string(i) + "].ks_scale", "reason.bad_number");
      f.ksScale = {s[2].get<double>(), s[1].get<double>(), s[0].get<double>()};  // given R, G, B; kept B, G, R
      f.effect[0] = str2(e, "effect", 0);
      f.effect[1] = str2(e, "effect", 1);
      f.source = e.value("source", "");
      f.confidence = e.value("confidence", "");
      f.note = e.value("note", "");
      b.fixers.push_back(std::move(f));
    }
  } catch (const std::exception& ex) {
    Error e = malformed("JSON", "reason.not_json", ex.what());
    e.args.emplace_back("path", file.string());
    return e;
  }
  return b;
}

Result<DyeBook> loadDyeBook(const fs::path& file) {
  try {
    return loadDyeBookFields(file);
  } catch (const json::exception& e) {
    Error err = malformed("JSON", "reason.wrong_type", e.what());
    err.args.emplace_back("path", file.string());
    return err;
  }
}

}  // namespace canting::imaging
