// The dye book: the dyes and fixers a workshop keeps, read from JSON.
#include "canting/imaging/dye.h"

#include <algorithm>

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

std::string str2(const json& j, const char* key, int lang);

// A dose: one number, or [lo, hi] where the sources differ.
bool readDose(const json& v, double& lo, double& hi) {
  if (v.is_number()) {
    lo = hi = v.get<double>();
    return lo >= 0;
  }
  if (v.is_array() && v.size() == 2 && v[0].is_number() && v[1].is_number()) {
    lo = v[0].get<double>();
    hi = v[1].get<double>();
    return lo >= 0 && hi >= lo;
  }
  return false;
}

const char* const kUnits[] = {"g/L", "cc/L", "buah/L", "g/kg", "L/kg", "% dye", ""};
const char* const kRoles[] = {"extract", "vat", "dye", "develop", "fix", "colet"};

// Empty on success, else the field that is wrong.
std::string readBath(const json& j, Bath& b) {
  b.role = j.at("role").get<std::string>();
  if (std::find(std::begin(kRoles), std::end(kRoles), b.role) == std::end(kRoles)) return "role";
  for (int l = 0; l < 2; ++l) {
    b.name[l] = str2(j, "name", l);
    b.note[l] = str2(j, "note", l);
  }
  if (j.contains("litres_per_kg_cloth") && !readDose(j["litres_per_kg_cloth"], b.litresPerKgLo, b.litresPerKgHi)) return "litres_per_kg_cloth";
  b.perMl = j.value("per_ml", 0.0);
  if (b.perMl < 0) return "per_ml";
  b.confidence = j.value("confidence", "");
  b.source = j.value("source", "");
  const json& amounts = j.at("amounts");
  for (std::size_t i = 0; i < amounts.size(); ++i) {
    const json& a = amounts[i];
    Amount m;
    for (int l = 0; l < 2; ++l) {
      m.what[l] = str2(a, "what", l);
      m.note[l] = str2(a, "note", l);
    }
    if (!readDose(a.at("dose"), m.lo, m.hi)) return "amounts[" + std::to_string(i) + "].dose";
    m.unit = a.value("unit", "");
    if (std::find(std::begin(kUnits), std::end(kUnits), m.unit) == std::end(kUnits)) return "amounts[" + std::to_string(i) + "].unit";
    if (m.unit.empty() && m.note[0].empty()) return "amounts[" + std::to_string(i) + "].note";  // no figure and nothing said
    m.atLeast = a.value("at_least", false);
    m.fromPlan = a.value("from_plan", false);
    m.confidence = a.value("confidence", "");
    m.source = a.value("source", "");
    // Every number carries its source or says it has none (U).
    if (m.confidence.empty() || (m.source.empty() && m.confidence != "U")) return "amounts[" + std::to_string(i) + "].source";
    b.amounts.push_back(std::move(m));
  }
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

const KlowongStyle* DyeBook::klowongStyle(const std::string& id) const {
  if (id.empty()) return klowong.empty() ? nullptr : &klowong.front();
  for (const auto& k : klowong)
    if (k.id == id) return &k;
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
      d.family = e.value("family", d.kind);
      if (e.contains("mix")) {
        // A mixed dye (soga): its colour comes from its parts, found below once all are read.
        for (const auto& [part, w] : e["mix"].items())
          if (!w.is_number() || w.get<double>() <= 0) return fail(where + ".mix." + part, "reason.bad_number");
      } else {
        auto c = parseColor(e.at("colour").get<std::string>());
        if (!c) return fail(where + ".colour", "reason.bad_color");
        d.colour = *c;
      }
      d.refConcentration = e.at("reference").at("concentration_g_per_l").get<double>();
      d.refDips = e.at("reference").at("dips").get<int>();
      if (!(d.refConcentration > 0) || d.refDips < 1) return fail(where + ".reference", "reason.bad_number");
      const json& r = e.at("recipe");
      d.gramsPerLitre = r.value("grams_per_litre", 0.0);
      d.liquorRatio = r.value("liquor_ratio", 20.0);
      if (r.contains("temperature_c") && r["temperature_c"].is_number()) d.temperatureC = r["temperature_c"].get<double>();
      for (const auto& a : r.value("auxiliaries", json::array())) d.auxiliaries.push_back({a.value("name", ""), a.value("grams_per_litre", 0.0)});
      const json baths = e.value("baths", json::array());
      for (std::size_t k = 0; k < baths.size(); ++k) {
        Bath bath;
        if (const std::string bad = readBath(baths[k], bath); !bad.empty())
          return fail(where + ".baths[" + std::to_string(k) + "]." + bad, bad.ends_with(".source") ? "reason.missing_source" : "reason.bad_number");
        d.baths.push_back(std::move(bath));
      }
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
      if (e.contains("bath")) {
        if (const std::string bad = readBath(e["bath"], f.bath); !bad.empty())
          return fail("fixers[" + std::to_string(i) + "].bath." + bad, bad.ends_with(".source") ? "reason.missing_source" : "reason.bad_number");
      }
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
    // The klowong styles: optional, and a style that colours its lines names a dye of the book.
    const json styles = j.value("klowong", json::array());
    for (std::size_t i = 0; i < styles.size(); ++i) {
      const json& e = styles[i];
      const std::string where = "klowong[" + std::to_string(i) + "]";
      KlowongStyle k;
      k.id = e.at("id").get<std::string>();
      for (int l = 0; l < 2; ++l) {
        k.name[l] = str2(e, "name", l);
        k.note[l] = str2(e, "note", l);
      }
      k.region = e.value("region", "");
      k.dye = e.value("dye", "");
      k.concentration = e.value("concentration", 0.0);
      if (!k.dye.empty() && !b.dye(k.dye)) return fail(where + ".dye", "reason.unknown_dye");
      if (!k.dye.empty() && !(k.concentration > 0 && k.concentration <= 1000)) return fail(where + ".concentration", "reason.bad_number");
      k.confidence = e.value("confidence", "");
      k.source = e.value("source", "");
      if (k.confidence.empty() || (k.source.empty() && k.confidence != "U")) return fail(where + ".source", "reason.missing_source");
      b.klowong.push_back(std::move(k));
    }
    // The mixes, now that their parts are known.
    for (std::size_t i = 0; i < j.at("dyes").size(); ++i) {
      const json& e = j["dyes"][i];
      if (!e.contains("mix")) continue;
      std::vector<std::pair<const Dye*, double>> parts;
      for (const auto& [part, w] : e["mix"].items()) {
        const Dye* pd = b.dye(part);
        if (!pd || pd->family == "natural-mix") return fail("dyes[" + std::to_string(i) + "].mix." + part, "reason.unknown_dye");
        parts.emplace_back(pd, w.get<double>());
      }
      b.dyes[i].colour = mixColour(b.cloth, parts);
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
