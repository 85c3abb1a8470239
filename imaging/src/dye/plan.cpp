// Dyeing plans: the steps (wax, dye, fix, crackle, kerok, lorod, colet; cap and
// ciprat in cap.cpp) as JSON.
#include "canting/imaging/dye.h"

#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/imaging/file_io.h"
#include "dye_steps.h"
#include "malformed.h"

namespace canting::imaging {

namespace fs = std::filesystem;
using nlohmann::json;
using dye_detail::malformed;

bool dye_detail::knownLayerName(const std::string& layer) {
  return layer == "outline" || layer == "isen" || layer == "ground" || layer == "all" ||
         (layer.rfind("mask:", 0) == 0 && layer.size() > 5 && layer.find("..") == std::string::npos) ||
         (layer.rfind("painted:", 0) == 0 && layer.size() > 8);
}

Result<Plan> parsePlanFields(const std::string& text, const DyeBook& book) {
  json j;
  try {
    j = json::parse(text);
  } catch (const std::exception& e) {
    return malformed("JSON", "reason.not_json", e.what());
  }
  if (!j.is_object()) return malformed("JSON", "reason.not_object");
  Plan p;
  p.name = j.value("name", "");
  if (j.contains("klowong")) {
    if (!j["klowong"].is_string()) return malformed("klowong", "reason.unknown_klowong");
    p.klowong = j["klowong"].get<std::string>();
    if (!book.klowongStyle(p.klowong)) return malformed("klowong", "reason.unknown_klowong", p.klowong);
  }
  if (!j.contains("steps") || !j["steps"].is_array()) return malformed("steps", "reason.missing_steps");
  if (j["steps"].size() > 200) return malformed("steps", "reason.too_many_steps");
  for (std::size_t i = 0; i < j["steps"].size(); ++i) {
    const json& s = j["steps"][i];
    const std::string where = "steps[" + std::to_string(i) + "]";
    if (!s.is_object() || !s.contains("op") || !s["op"].is_string()) return malformed(where + ".op", "reason.bad_step");
    PlanStep st;
    const std::string op = s["op"].get<std::string>();
    auto num = [&](const char* key, double lo, double hi, double& out, bool required) -> std::optional<Error> {
      if (!s.contains(key)) {
        if (required) return malformed(where + "." + key, "reason.missing_field");
        return std::nullopt;
      }
      if (!s[key].is_number() || !(s[key].get<double>() >= lo && s[key].get<double>() <= hi)) return malformed(where + "." + key, "reason.bad_number");
      out = s[key].get<double>();
      return std::nullopt;
    };
    auto layer = [&]() -> std::optional<Error> {
      if (!s.contains("layer") || !s["layer"].is_string()) return malformed(where + ".layer", "reason.bad_layer");
      st.layer = s["layer"].get<std::string>();
      if (!dye_detail::knownLayerName(st.layer)) return malformed(where + ".layer", "reason.bad_layer");
      return std::nullopt;
    };
    if (op == "wax" || op == "kerok") {
      st.op = op == "wax" ? PlanStep::Op::Wax : PlanStep::Op::Kerok;
      if (auto e = layer()) return *e;
    } else if (op == "dye") {
      st.op = PlanStep::Op::Dye;
      if (!s.contains("dye") || !s["dye"].is_string()) return malformed(where + ".dye", "reason.missing_field");
      st.dye = s["dye"].get<std::string>();
      if (!book.dye(st.dye)) return malformed(where + ".dye", "reason.unknown_dye", st.dye);
      double dips = 1;
      if (auto e = num("concentration", 0.01, 1000, st.concentration, true)) return *e;
      if (auto e = num("dips", 1, 100, dips, false)) return *e;
      st.dips = int(dips);
    } else if (op == "colet") {
      st.op = PlanStep::Op::Colet;
      if (auto e = layer()) return *e;
      if (!s.contains("dye") || !s["dye"].is_string()) return malformed(where + ".dye", "reason.missing_field");
      st.dye = s["dye"].get<std::string>();
      if (!book.dye(st.dye)) return malformed(where + ".dye", "reason.unknown_dye", st.dye);
      if (auto e = num("concentration", 0.01, 1000, st.concentration, true)) return *e;
    } else if (op == "fix") {
      st.op = PlanStep::Op::Fix;
      if (!s.contains("fixer") || !s["fixer"].is_string()) return malformed(where + ".fixer", "reason.missing_field");
      st.fixer = s["fixer"].get<std::string>();
      if (!book.fixer(st.fixer)) return malformed(where + ".fixer", "reason.unknown_fixer", st.fixer);
    } else if (op == "crackle") {
      st.op = PlanStep::Op::Crackle;
      double seed = 1;
      if (auto e = num("density", 0.01, 20, st.density, false)) return *e;
      if (auto e = num("seed", 0, 2147483647, seed, false)) return *e;
      st.seed = std::uint32_t(seed);
    } else if (op == "lorod") {
      st.op = PlanStep::Op::Lorod;
    } else if (op == "cap") {
      st.op = PlanStep::Op::Cap;
      if (auto e = dye_detail::parseCapStep(s, where, st)) return *e;
    } else if (op == "ciprat") {
      st.op = PlanStep::Op::Ciprat;
      if (auto e = dye_detail::parseCipratStep(s, where, book, st)) return *e;
    } else {
      return malformed(where + ".op", "reason.bad_step", op);
    }
    p.steps.push_back(std::move(st));
  }
  return p;
}

// A field of the wrong type (a number where text belongs) is a malformed
// plan, not an exception out of nlohmann::json: found by fuzzing.
Result<Plan> parsePlan(const std::string& text, const DyeBook& book) {
  try {
    return parsePlanFields(text, book);
  } catch (const json::exception& e) {
    return malformed("JSON", "reason.wrong_type", e.what());
  }
}

Result<Plan> loadPlan(const fs::path& file, const DyeBook& book) {
  auto bytes = readFile(file, 4u << 20);
  if (!bytes) return bytes.error();
  auto p = parsePlan(std::string(bytes->begin(), bytes->end()), book);
  if (!p) {
    Error e = p.error();
    e.args.emplace_back("path", file.string());
    return e;
  }
  return p;
}

std::string planToJson(const Plan& p) {
  json j;
  j["name"] = p.name;
  if (!p.klowong.empty()) j["klowong"] = p.klowong;
  j["steps"] = json::array();
  for (const PlanStep& s : p.steps) {
    json o;
    switch (s.op) {
      case PlanStep::Op::Wax: o = {{"op", "wax"}, {"layer", s.layer}}; break;
      case PlanStep::Op::Kerok: o = {{"op", "kerok"}, {"layer", s.layer}}; break;
      case PlanStep::Op::Dye: o = {{"op", "dye"}, {"dye", s.dye}, {"concentration", s.concentration}, {"dips", s.dips}}; break;
      case PlanStep::Op::Fix: o = {{"op", "fix"}, {"fixer", s.fixer}}; break;
      case PlanStep::Op::Crackle: o = {{"op", "crackle"}, {"density", s.density}, {"seed", s.seed}}; break;
      case PlanStep::Op::Lorod: o = {{"op", "lorod"}}; break;
      case PlanStep::Op::Colet: o = {{"op", "colet"}, {"layer", s.layer}, {"dye", s.dye}, {"concentration", s.concentration}}; break;
      case PlanStep::Op::Cap: o = dye_detail::capStepJson(s); break;
      case PlanStep::Op::Ciprat: o = dye_detail::cipratStepJson(s); break;
    }
    j["steps"].push_back(o);
  }
  return base::dumpJson(j, 2) + "\n";
}

}  // namespace canting::imaging
