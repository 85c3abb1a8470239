// Bundle validation: the shape of a whole bundle and its signatures, checked
// before an import writes anything, so that a bad bundle changes nothing at all.

#include <map>
#include <set>

#include "bundle_internal.h"
#include "keys_internal.h"
#include "store_internal.h"

namespace canting::records::bundle {

using nlohmann::json;

std::optional<Bad> validate(const json& b) {
  if (!b.is_object() || str(b, "format") != kFormat) return Bad{"format", "not a Canting bundle"};
  if (!b.contains("version") || !b["version"].is_number_integer() || b["version"].get<int>() != 1) return Bad{"version", "unsupported"};
  if (!b.contains("centre") || str(b["centre"], "uuid").empty() || str(b["centre"], "name").empty()) return Bad{"centre", "missing uuid or name"};
  for (const char* k : {"people", "schemes", "trainees", "sessions", "assessments", "evidence", "certificates", "attempts"})
    if (!b.contains(k) || !b[k].is_array()) return Bad{k, "missing list"};
  for (std::size_t i = 0; i < b["people"].size(); ++i) {
    const json& p = b["people"][i];
    if (str(p, "uuid").empty() || str(p, "name").empty() || !parseRole(str(p, "role"))) return Bad{"people[" + std::to_string(i) + "]", "uuid, name or role"};
  }
  for (std::size_t i = 0; i < b["schemes"].size(); ++i) {
    const json& s = b["schemes"][i];
    const std::string w = "schemes[" + std::to_string(i) + "]";
    if (str(s, "title").empty() || str(s, "version").empty() || !s.contains("units") || !s["units"].is_array()) return Bad{w, "title, version or units"};
    for (const json& u : s["units"]) {
      if (str(u, "title").empty() || !u.contains("elements") || !u["elements"].is_array()) return Bad{w, "unit"};
      for (const json& e : u["elements"])
        if (str(e, "title").empty() || !e.contains("criteria") || !e["criteria"].is_array()) return Bad{w, "element"};
    }
  }
  std::set<std::string> trainees;
  for (std::size_t i = 0; i < b["trainees"].size(); ++i) {
    const json& t = b["trainees"][i];
    const std::string w = "trainees[" + std::to_string(i) + "]";
    if (str(t, "uuid").empty() || str(t, "name").empty()) return Bad{w, "uuid or name"};
    if (!validNik(str(t, "nik"))) return Bad{w + ".nik", "not 16 digits"};
    if (!str(t, "birth_date").empty() && !validDate(str(t, "birth_date"))) return Bad{w + ".birth_date", "not a date"};
    if (str(t, "updated_at").empty()) return Bad{w + ".updated_at", "missing"};
    if (!t.contains("consent") || !t["consent"].is_boolean()) return Bad{w + ".consent", "missing"};
    trainees.insert(str(t, "uuid"));
  }
  auto schemeRef = [](const json& k) { return k.is_object() && !str(k, "title").empty() && !str(k, "version").empty(); };
  for (std::size_t i = 0; i < b["sessions"].size(); ++i) {
    const json& s = b["sessions"][i];
    const std::string w = "sessions[" + std::to_string(i) + "]";
    if (str(s, "uuid").empty() || !validDate(str(s, "date")) || str(s, "topic").empty()) return Bad{w, "uuid, date or topic"};
    if (!s.contains("units") || !s["units"].is_array() || !s.contains("attendance") || !s["attendance"].is_array()) return Bad{w, "units or attendance"};
    for (const json& u : s["units"])
      if (!schemeRef(u) || !u.contains("unit") || !u["unit"].is_number_unsigned()) return Bad{w + ".units", "reference"};
    for (const json& a : s["attendance"])
      if (!trainees.count(str(a, "trainee")) || !parseAttendance(str(a, "status"))) return Bad{w + ".attendance", "trainee or status"};
    if (s.contains("trainees")) {
      if (!s["trainees"].is_array()) return Bad{w + ".trainees", "list"};
      for (const json& t : s["trainees"])
        if (!t.is_string() || !trainees.count(t.get<std::string>())) return Bad{w + ".trainees", "trainee"};
    }
  }
  for (std::size_t i = 0; i < b["assessments"].size(); ++i) {
    const json& a = b["assessments"][i];
    const std::string w = "assessments[" + std::to_string(i) + "]";
    if (str(a, "uuid").empty() || !trainees.count(str(a, "trainee")) || !validDate(str(a, "date")) || !a.contains("scheme") || !schemeRef(a["scheme"]))
      return Bad{w, "uuid, trainee, date or scheme"};
    if (!a.contains("units") || !a["units"].is_array() || !a.contains("criteria") || !a["criteria"].is_array()) return Bad{w, "units or criteria"};
    for (const json& u : a["units"])
      if (!u.is_array() || u.size() != 2 || !u[0].is_number_unsigned() || !u[1].is_boolean()) return Bad{w + ".units", "[unit, K]"};
    for (const json& c : a["criteria"])
      if (!c.is_array() || c.size() != 4 || !c[0].is_number_unsigned() || !c[1].is_number_unsigned() || !c[2].is_number_unsigned() || !c[3].is_boolean())
        return Bad{w + ".criteria", "[unit, element, criterion, Ya]"};
  }
  for (std::size_t i = 0; i < b["evidence"].size(); ++i) {
    const json& e = b["evidence"][i];
    const std::string w = "evidence[" + std::to_string(i) + "]";
    if (str(e, "uuid").empty() || !trainees.count(str(e, "trainee")) || !parseEvidenceType(str(e, "type")) || !validDate(str(e, "date")))
      return Bad{w, "uuid, trainee, type or date"};
    const std::string sha = str(e, "sha256");
    if (sha.size() != 64 || sha.find_first_not_of("0123456789abcdef") != std::string::npos) return Bad{w + ".sha256", "not a SHA-256"};
  }
  for (std::size_t i = 0; i < b["certificates"].size(); ++i) {
    const json& c = b["certificates"][i];
    const std::string w = "certificates[" + std::to_string(i) + "]";
    if (str(c, "uuid").empty() || !trainees.count(str(c, "trainee")) || str(c, "number").empty() || !validDate(str(c, "issue_date")) ||
        !validDate(str(c, "expiry_date")) || !c.contains("scheme") || !schemeRef(c["scheme"]) || str(c, "updated_at").empty())
      return Bad{w, "uuid, trainee, number, dates or scheme"};
  }
  auto isInt = [](const json& o, const char* k) { return o.contains(k) && o[k].is_number_integer(); };
  auto isNum = [](const json& o, const char* k) { return o.contains(k) && o[k].is_number(); };
  for (std::size_t i = 0; i < b["attempts"].size(); ++i) {
    const json& a = b["attempts"][i];
    const std::string w = "attempts[" + std::to_string(i) + "]";
    if (!a.is_object() || str(a, "uuid").empty() || str(a, "trainee_name").empty() || !isNum(a, "mean_de")) return Bad{w, "uuid, trainee_name or mean_de"};
    if (!str(a, "trainee").empty() && !trainees.count(str(a, "trainee"))) return Bad{w + ".trainee", "not a trainee of the bundle"};
    if (!a.contains("exercise") || !a["exercise"].is_string() || !a.contains("plan") || !a["plan"].is_string()) return Bad{w, "exercise or plan"};
    if (!isNum(a, "share_within_5") || !isInt(a, "baths") || !isInt(a, "fewest_baths") || a["baths"].get<std::int64_t>() < 0)
      return Bad{w, "share_within_5, baths or fewest_baths"};
    if (str(a, "at").size() < 10 || !validDate(str(a, "at").substr(0, 10)) || str(a, "recorded_by").empty()) return Bad{w, "at or recorded_by"};
  }
  // Orders came later (none: an older bundle); the chain is required, but
  // importBundle asks for it only after the evidence, so that what older
  // hand-made bundles are refused for stays what it was.
  if (b.contains("orders")) {
    if (!b["orders"].is_array()) return Bad{"orders", "missing list"};
    if (auto bad = validateOrders(b["orders"])) return bad;
  }
  if (b.contains("audit"))
    if (auto bad = validateChain(b["audit"])) return bad;
  return std::nullopt;
}

std::optional<Bad> validateOrders(const json& orders) {
  std::set<std::string> numbers;
  for (std::size_t i = 0; i < orders.size(); ++i) {
    const json& o = orders[i];
    const std::string w = "orders[" + std::to_string(i) + "]";
    if (!o.is_object() || str(o, "uuid").empty() || str(o, "number").empty()) return Bad{w, "uuid or number"};
    if (!numbers.insert(str(o, "number")).second) return Bad{w + ".number", "twice in the bundle"};
    if (str(o, "created_at").size() < 10 || !validDate(str(o, "created_at").substr(0, 10))) return Bad{w + ".created_at", "not a date"};
    if (str(o, "customer").empty() || str(o, "product_id").empty() || str(o, "product_name").empty() || str(o, "motif_name").empty() ||
        str(o, "staff").empty())
      return Bad{w, "customer, product, motif or staff"};
    if (!o.contains("quantity") || !o["quantity"].is_number_integer() || o["quantity"].get<std::int64_t>() < 1 || o["quantity"].get<std::int64_t>() > 10000)
      return Bad{w + ".quantity", "not 1 to 10000"};
    if (!o.contains("unit_price") || !o["unit_price"].is_number_integer() || o["unit_price"].get<std::int64_t>() < 0) return Bad{w + ".unit_price", "not a price"};
    if (!o.contains("lead_days") || !o["lead_days"].is_number_integer()) return Bad{w + ".lead_days", "not a number"};
    if (!o.contains("dyeable") || !o["dyeable"].is_boolean()) return Bad{w + ".dyeable", "not true or false"};
    if (!o.contains("swatches") || !o["swatches"].is_array()) return Bad{w + ".swatches", "not a list"};
    for (const json& x : o["swatches"])
      if (!x.is_object() || str(x, "hex").empty()) return Bad{w + ".swatches", "{hex, dye}"};
    for (const char* k : {"contact", "motif_id", "colorway", "size", "note"})
      if (o.contains(k) && !o[k].is_string()) return Bad{w + "." + k, "not text"};
  }
  return std::nullopt;
}

namespace {

bool revokedBy(const KeyEntry& k, const std::string& signedAt) {
  return !k.revokedFrom.empty() && signedAt.substr(0, 10) >= k.revokedFrom;
}

// A record's signature: by a known person key of `role`, owned by `owner`
// when given, not revoked at its date, over exactly `text`.
std::optional<std::string> recordProblem(const std::map<std::string, KeyEntry>& keys, const json& r, const std::string& text, const char* role,
                                         const std::string& owner, const std::string& signedAt) {
  const std::string key = str(r, "key");
  if (!verifySignature(key, str(r, "signature"), text)) return "@records.sig.altered";
  const auto it = keys.find(key);
  if (it == keys.end()) return "@records.sig.unknown_key";
  const KeyEntry& k = it->second;
  if (k.kind != "person" || k.role != role || (!owner.empty() && k.ownerUuid != owner)) return "@records.sig.wrong_owner";
  if (revokedBy(k, signedAt)) return "@records.sig.revoked";
  return std::nullopt;
}

}  // namespace

std::optional<Refusal> verifySignatures(Db& db, const json& b, const std::string& payload, const std::string& key, const std::string& signature) {
  const auto keys = detail::keysByPublic(db);
  auto fp = [](const std::string& k) { return k.empty() ? std::string("-") : keyFingerprint(k); };
  auto held = [&](const char* table, const std::string& uuid) {
    auto q = db.prepare(std::string("SELECT 1 FROM ") + table + " WHERE uuid = ?1");
    q.bind(1, uuid);
    return q.step();
  };
  std::map<std::string, std::string> traineeName;
  for (const json& t : b["trainees"]) traineeName[str(t, "uuid")] = str(t, "name");
  // Records first: a hand-edited bundle is refused naming what was added or changed.
  for (const json& a : b["assessments"]) {
    const std::string name = traineeName[str(a, "trainee")] + " " + str(a, "date");
    if (str(a, "signature").empty()) {
      if (held("assessments", str(a, "uuid"))) continue;  // legacy, already here: re-importing changes nothing
      return Refusal{"@records.entity.assessment", name, "@records.sig.unsigned", "-"};
    }
    if (auto why = recordProblem(keys, a, detail::assessmentSignedText(a), "assessor", str(a, "assessor"), str(a, "created_at")))
      return Refusal{"@records.entity.assessment", name, *why, fp(str(a, "key"))};
  }
  for (const json& c : b["certificates"]) {
    const std::string name = str(c, "number") + " (" + traineeName[str(c, "trainee")] + ")";
    if (str(c, "signature").empty()) {
      if (held("certificates", str(c, "uuid"))) continue;
      return Refusal{"@records.entity.certificate", name, "@records.sig.unsigned", "-"};
    }
    if (auto why = recordProblem(keys, c, detail::certificateSignedText(c), "admin", "", str(c, "signed_at")))
      return Refusal{"@records.entity.certificate", name, *why, fp(str(c, "key"))};
  }
  // The bundle as a whole: this installation's key, enrolled for this centre.
  const std::string centre = str(b["centre"], "name");
  if (key.empty() || signature.empty()) return Refusal{"@records.entity.bundle", centre, "@records.sig.unsigned", "-"};
  if (!verifySignature(key, signature, payload)) return Refusal{"@records.entity.bundle", centre, "@records.sig.altered", fp(key)};
  const auto it = keys.find(key);
  if (it == keys.end() || it->second.kind != "installation") return Refusal{"@records.entity.bundle", centre, "@records.sig.unknown_key", fp(key)};
  if (revokedBy(it->second, str(b, "exported_at"))) return Refusal{"@records.entity.bundle", centre, "@records.sig.revoked", fp(key)};
  if (it->second.origin == "enrolled") {
    bool mine = false;
    for (const KeyCentre& kc : it->second.centres) mine |= kc.uuid == str(b["centre"], "uuid") || kc.name == centre;
    if (!mine) return Refusal{"@records.entity.bundle", centre, "@records.sig.other_centre", fp(key)};
  }
  return std::nullopt;
}

}  // namespace canting::records::bundle
