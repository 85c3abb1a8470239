#include "canting/records/bundle.h"

#include <sodium.h>
#include <zlib.h>

#include <array>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "canting/imaging/file_io.h"
#include "store_internal.h"

namespace canting::records {

namespace fs = std::filesystem;
using imaging::ErrorCode;
using imaging::makeError;
using nlohmann::json;

namespace {

constexpr const char* kFormat = "canting-bundle";

std::string toBase64(const std::vector<unsigned char>& b) {
  std::string out(sodium_base64_encoded_len(b.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), b.data(), b.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}
std::optional<std::vector<unsigned char>> fromBase64(const std::string& s) {
  std::vector<unsigned char> out(s.size() / 4 * 3 + 3);
  std::size_t len = 0;
  if (sodium_base642bin(out.data(), out.size(), s.data(), s.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) return std::nullopt;
  out.resize(len);
  return out;
}

Result<std::string> gunzipCapped(const std::vector<unsigned char>& in, const fs::path& file, std::uint64_t cap) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return makeError(ErrorCode::OutOfMemory, {{"path", file.string()}});
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = uInt(in.size());
  std::string out;
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return makeError(rc == Z_BUF_ERROR ? ErrorCode::Truncated : ErrorCode::MalformedFile,
                       {{"path", file.string()}, {"format", "bundle"}, {"where", "gzip"}, {"reason", zs.msg ? zs.msg : "damaged"}});
    }
    out.append(buf, sizeof buf - zs.avail_out);
    if (out.size() > cap) {
      inflateEnd(&zs);
      return makeError(ErrorCode::FileTooLarge, {{"path", file.string()}, {"megabytes", std::to_string(out.size() >> 20) + "+"},
                                                 {"limit", std::to_string(cap >> 20)}});
    }
  }
  inflateEnd(&zs);
  return out;
}

Status gzipTo(const std::string& text, const fs::path& out) {
  z_stream zs{};
  if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return makeError(ErrorCode::OutOfMemory, {{"path", out.string()}});
  std::vector<unsigned char> buf(deflateBound(&zs, uLong(text.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = uInt(text.size());
  zs.next_out = buf.data();
  zs.avail_out = uInt(buf.size());
  const int rc = deflate(&zs, Z_FINISH);
  buf.resize(buf.size() - zs.avail_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return makeError(ErrorCode::WriteFailed, {{"path", out.string()}});
  std::error_code ec;
  if (!out.parent_path().empty() && !fs::is_directory(out.parent_path(), ec))
    return makeError(ErrorCode::DirectoryMissing, {{"path", out.parent_path().string()}});
  return imaging::writeFileAtomic(out, buf);  // the old bundle stays if this fails
}

std::string str(const json& o, const char* k) { return o.is_object() && o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string(); }

struct SchemeKey {
  std::string code, title, version;
  auto operator<=>(const SchemeKey&) const = default;
};

}  // namespace

// ---------------------------------------------------------------- export

Status exportBundle(Store& store, const Actor& by, Id centreId, const fs::path& out) {
  if (auto st = store.require(by, {Role::Admin, Role::Trainer}, "bundle"); !st) return st;
  if (by.role() == Role::Trainer && by.centre() != 0 && centreId != by.centre())
    return makeError(canting::records::RecordsError::NotAllowed, {{"role", "@records.role.trainer"}, {"what", "@records.action.other_centre"}});
  try {
    Db& db = store.db();
    json b = {{"format", kFormat}, {"version", 1}, {"exported_at", detail::isoTime(store.now())}, {"exported_by", by.name()}};
    {
      auto q = db.prepare("SELECT uuid, name, desa, kecamatan, note, updated_at FROM centres WHERE id = ?1");
      q.bind(1, centreId);
      if (!q.step()) return makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.centre"}, {"name", std::to_string(centreId)}});
      b["centre"] = {{"uuid", q.text(0)}, {"name", q.text(1)}, {"desa", q.text(2)}, {"kecamatan", q.text(3)}, {"note", q.text(4)}, {"updated_at", q.text(5)}};
    }
    // People: PIN hashes stay home; an imported person cannot log in elsewhere.
    b["people"] = json::array();
    {
      auto q = db.prepare("SELECT uuid, name, role, registration FROM people WHERE role IN ('trainer','assessor')");
      while (q.step()) b["people"].push_back({{"uuid", q.text(0)}, {"name", q.text(1)}, {"role", q.text(2)}, {"registration", q.text(3)}});
    }
    // Schemes whole, so the regency can read the records without the same files.
    b["schemes"] = json::array();
    std::map<Id, std::pair<std::size_t, std::size_t>> unitRef;                 // unit id -> (scheme index, unit index)
    std::map<Id, std::array<std::size_t, 3>> critRef;                          // criterion id -> (unit, element, criterion) indices
    std::map<Id, std::size_t> schemeIndex;                                     // scheme id -> index in b["schemes"]
    {
      auto qs = db.prepare("SELECT id, uuid, code, title, version, kind, decree, source, validity_years FROM schemes ORDER BY id");
      auto qu = db.prepare("SELECT id, code, title FROM units WHERE scheme_id = ?1 ORDER BY sort");
      auto qe = db.prepare("SELECT id, title FROM elements WHERE unit_id = ?1 ORDER BY sort");
      auto qc = db.prepare("SELECT id, text FROM criteria WHERE element_id = ?1 ORDER BY sort");
      while (qs.step()) {
        schemeIndex[qs.i64(0)] = b["schemes"].size();
        json s = {{"uuid", qs.text(1)}, {"code", qs.text(2)}, {"title", qs.text(3)}, {"version", qs.text(4)}, {"kind", qs.text(5)},
                  {"decree", qs.text(6)}, {"source", qs.text(7)}, {"validity_years", qs.i64(8)}, {"units", json::array()}};
        qu.reset();
        qu.bind(1, qs.i64(0));
        while (qu.step()) {
          const std::size_t ui = s["units"].size();
          unitRef[qu.i64(0)] = {b["schemes"].size(), ui};
          json u = {{"code", qu.text(1)}, {"title", qu.text(2)}, {"elements", json::array()}};
          qe.reset();
          qe.bind(1, qu.i64(0));
          while (qe.step()) {
            json e = {{"title", qe.text(1)}, {"criteria", json::array()}};
            qc.reset();
            qc.bind(1, qe.i64(0));
            while (qc.step()) {
              critRef[qc.i64(0)] = {ui, u["elements"].size(), e["criteria"].size()};
              e["criteria"].push_back(qc.text(1));
            }
            u["elements"].push_back(std::move(e));
          }
          s["units"].push_back(std::move(u));
        }
        b["schemes"].push_back(std::move(s));
      }
    }
    auto schemeKeyOf = [&](std::size_t si) {
      const json& s = b["schemes"][si];
      return json{{"code", s["code"]}, {"title", s["title"]}, {"version", s["version"]}};
    };
    std::map<Id, std::string> traineeUuid, personUuid, schemeUuid;
    {
      auto q = db.prepare("SELECT id, uuid FROM people");
      while (q.step()) personUuid[q.i64(0)] = q.text(1);
    }
    b["trainees"] = json::array();
    {
      auto q = db.prepare("SELECT id, uuid, name, nik, birth_date, sex, phone, consent, IFNULL(trainer_id,0), updated_at FROM trainees WHERE centre_id = ?1 ORDER BY id");
      q.bind(1, centreId);
      while (q.step()) {
        traineeUuid[q.i64(0)] = q.text(1);
        b["trainees"].push_back({{"uuid", q.text(1)}, {"name", q.text(2)}, {"nik", q.text(3)}, {"birth_date", q.text(4)}, {"sex", q.text(5)},
                                 {"phone", q.text(6)}, {"consent", q.i64(7) != 0}, {"trainer", personUuid[q.i64(8)]}, {"updated_at", q.text(9)}});
      }
    }
    auto unitJson = [&](Id unit) {
      const auto [si, ui] = unitRef.at(unit);
      json k = schemeKeyOf(si);
      k["unit"] = ui;
      return k;
    };
    b["sessions"] = json::array();
    {
      auto q = db.prepare("SELECT id, uuid, date, topic, title, IFNULL(trainer_id,0), updated_at FROM sessions WHERE centre_id = ?1 ORDER BY id");
      auto qu = db.prepare("SELECT unit_id FROM session_units WHERE session_id = ?1");
      auto qa = db.prepare("SELECT trainee_id, status, updated_at FROM attendance WHERE session_id = ?1");
      q.bind(1, centreId);
      while (q.step()) {
        json s = {{"uuid", q.text(1)}, {"date", q.text(2)}, {"topic", q.text(3)}, {"title", q.text(4)}, {"trainer", personUuid[q.i64(5)]},
                  {"updated_at", q.text(6)}, {"units", json::array()}, {"attendance", json::array()}};
        qu.reset();
        qu.bind(1, q.i64(0));
        while (qu.step()) s["units"].push_back(unitJson(qu.i64(0)));
        qa.reset();
        qa.bind(1, q.i64(0));
        while (qa.step())
          if (traineeUuid.count(qa.i64(0))) s["attendance"].push_back({{"trainee", traineeUuid[qa.i64(0)]}, {"status", qa.text(1)}, {"updated_at", qa.text(2)}});
        b["sessions"].push_back(std::move(s));
      }
    }
    b["assessments"] = json::array();
    {
      auto q = db.prepare("SELECT a.id, a.uuid, a.trainee_id, a.scheme_id, IFNULL(a.assessor_id,0), a.date, a.place, a.methods, a.follow_up, a.appeal, a.created_at "
                          "FROM assessments a JOIN trainees t ON t.id = a.trainee_id WHERE t.centre_id = ?1 ORDER BY a.id");
      auto qc = db.prepare("SELECT criterion_id, ya FROM assessment_criteria WHERE assessment_id = ?1");
      auto qu = db.prepare("SELECT unit_id, k FROM assessment_units WHERE assessment_id = ?1");
      q.bind(1, centreId);
      while (q.step()) {
        json a = {{"uuid", q.text(1)}, {"trainee", traineeUuid[q.i64(2)]}, {"assessor", personUuid[q.i64(4)]}, {"date", q.text(5)},
                  {"place", q.text(6)}, {"methods", json::parse(q.text(7), nullptr, false)}, {"follow_up", q.text(8)}, {"appeal", q.text(9)},
                  {"created_at", q.text(10)}, {"criteria", json::array()}, {"units", json::array()}};
        qu.reset();
        qu.bind(1, q.i64(0));
        while (qu.step()) a["units"].push_back({unitRef.at(qu.i64(0)).second, qu.i64(1) != 0});
        a["scheme"] = schemeKeyOf(schemeIndex.at(q.i64(3)));
        qc.reset();
        qc.bind(1, q.i64(0));
        while (qc.step()) {
          const auto& r = critRef.at(qc.i64(0));
          a["criteria"].push_back({r[0], r[1], r[2], qc.i64(1) != 0});
        }
        b["assessments"].push_back(std::move(a));
      }
    }
    b["evidence"] = json::array();
    {
      auto q = db.prepare("SELECT e.uuid, e.trainee_id, IFNULL(e.unit_id,0), e.type, e.file_name, e.sha256, e.size, e.date, e.note, e.created_at "
                          "FROM evidence e JOIN trainees t ON t.id = e.trainee_id WHERE t.centre_id = ?1 ORDER BY e.id");
      q.bind(1, centreId);
      while (q.step()) {
        auto bytes = imaging::readFile(store.evidencePath(q.text(5)), detail::kMaxEvidenceBytes);
        if (!bytes) return bytes.error();
        json e = {{"uuid", q.text(0)}, {"trainee", traineeUuid[q.i64(1)]}, {"type", q.text(3)}, {"file_name", q.text(4)}, {"sha256", q.text(5)},
                  {"date", q.text(7)}, {"note", q.text(8)}, {"created_at", q.text(9)}, {"data", toBase64(*bytes)}};
        if (q.i64(2)) e["unit"] = unitJson(q.i64(2));
        b["evidence"].push_back(std::move(e));
      }
    }
    b["certificates"] = json::array();
    {
      auto q = db.prepare("SELECT c.uuid, c.trainee_id, c.scheme_id, c.number, c.issue_date, c.expiry_date, c.revoked, c.revoked_reason, c.updated_at "
                          "FROM certificates c JOIN trainees t ON t.id = c.trainee_id WHERE t.centre_id = ?1 ORDER BY c.id");
      q.bind(1, centreId);
      while (q.step())
        b["certificates"].push_back({{"uuid", q.text(0)}, {"trainee", traineeUuid[q.i64(1)]}, {"scheme", schemeKeyOf(schemeIndex.at(q.i64(2)))}, {"number", q.text(3)},
                                     {"issue_date", q.text(4)}, {"expiry_date", q.text(5)}, {"revoked", q.i64(6) != 0}, {"revoked_reason", q.text(7)},
                                     {"updated_at", q.text(8)}});
    }
    b["attempts"] = json::array();
    {
      auto q = db.prepare("SELECT a.uuid, a.trainee_id, a.trainee_name, a.exercise, a.plan, a.mean_de, a.share_within_5, a.baths, a.fewest_baths, "
                          "a.worst_layer, a.at, a.recorded_by FROM attempts a JOIN trainees t ON t.id = a.trainee_id WHERE t.centre_id = ?1 ORDER BY a.id");
      q.bind(1, centreId);
      while (q.step())
        b["attempts"].push_back({{"uuid", q.text(0)}, {"trainee", traineeUuid[q.i64(1)]}, {"trainee_name", q.text(2)}, {"exercise", q.text(3)},
                                 {"plan", q.text(4)}, {"mean_de", q.f64(5)}, {"share_within_5", q.f64(6)}, {"baths", q.i64(7)},
                                 {"fewest_baths", q.i64(8)}, {"worst_layer", q.text(9)}, {"at", q.text(10)}, {"recorded_by", q.text(11)}});
    }
    if (auto st = gzipTo(b.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), out); !st) return st;
    Transaction tx(db);
    store.appendAudit(by.name(), "export-bundle", "centre", b["centre"]["uuid"].get<std::string>(),
                      json{{"file", out.filename().string()}, {"trainees", b["trainees"].size()}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
  } catch (const DbError& e) {
    return detail::fromDb(e, store.options().file.string());
  } catch (const std::exception& e) {
    return makeError(ErrorCode::WriteFailed, {{"path", out.string()}}, e.what());
  }
  return imaging::Ok{};
}

// ---------------------------------------------------------------- import

namespace {

struct Bad {
  std::string where, reason;
};

// Checks the whole bundle's shape before anything touches the database.
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
  for (std::size_t i = 0; i < b["attempts"].size(); ++i) {
    const json& a = b["attempts"][i];
    if (str(a, "uuid").empty() || str(a, "trainee_name").empty() || !a.contains("mean_de") || !a["mean_de"].is_number())
      return Bad{"attempts[" + std::to_string(i) + "]", "uuid, trainee_name or mean_de"};
  }
  return std::nullopt;
}

// Thrown inside the import transaction: the guard rolls everything back.
struct ImportFailure {
  Error error;
};

}  // namespace

Result<BundleSummary> importBundle(Store& store, const Actor& by, const fs::path& file, std::uint64_t maxInflated) {
  if (auto st = store.require(by, {Role::Admin}, "bundle_import"); !st) return st.error();
  auto raw = imaging::readFile(file, kMaxBundleBytes);
  if (!raw) return raw.error();
  if (raw->size() < 2 || (*raw)[0] != 0x1f || (*raw)[1] != 0x8b)
    return makeError(ErrorCode::MalformedFile, {{"path", file.string()}, {"where", "-"}, {"reason", "@records.bundle.not_bundle"}});
  auto text = gunzipCapped(*raw, file, maxInflated);
  if (!text) return text.error();
  const json b = json::parse(*text, nullptr, false);
  auto malformed = [&](const std::string& where, const std::string& reason) {
    return makeError(ErrorCode::MalformedFile, {{"path", file.string()}, {"where", where}, {"reason", reason}});
  };
  if (b.is_discarded()) return malformed("-", "not JSON");
  if (auto bad = validate(b)) return malformed(bad->where, bad->reason);
  // Evidence files are checked against their hashes before anything is written.
  std::vector<std::pair<std::string, std::vector<unsigned char>>> blobs;
  for (std::size_t i = 0; i < b["evidence"].size(); ++i) {
    auto data = fromBase64(str(b["evidence"][i], "data"));
    if (!data || sha256Hex(data->data(), data->size()) != str(b["evidence"][i], "sha256"))
      return malformed("evidence[" + std::to_string(i) + "].data", "content does not match its SHA-256");
    blobs.emplace_back(str(b["evidence"][i], "sha256"), std::move(*data));
  }

  BundleSummary sum;
  sum.centre = str(b["centre"], "name");
  const std::string origin = "bundle:" + sum.centre;
  try {
    Db& db = store.db();
    Transaction tx(db);
    auto one = [&](const std::string& sql, auto... args) -> std::optional<Id> {
      auto q = db.prepare(sql);
      int i = 1;
      ((q.bind(i++, args)), ...);
      if (q.step()) return q.i64(0);
      return std::nullopt;
    };
    // Centre: by UUID, else by name (the regency may have entered it first).
    const json& c = b["centre"];
    Id centreId = 0;
    if (auto id = one("SELECT id FROM centres WHERE uuid = ?1", str(c, "uuid"))) centreId = *id, ++sum.unchanged;
    else if (auto id2 = one("SELECT id FROM centres WHERE name = ?1", str(c, "name"))) centreId = *id2, ++sum.unchanged;
    else {
      db.prepare("INSERT INTO centres (uuid, name, desa, kecamatan, note, updated_at) VALUES (?1,?2,?3,?4,?5,?6)")
          .bind(1, str(c, "uuid")).bind(2, str(c, "name")).bind(3, str(c, "desa")).bind(4, str(c, "kecamatan")).bind(5, str(c, "note"))
          .bind(6, str(c, "updated_at").empty() ? detail::isoTime(store.now()) : str(c, "updated_at")).run();
      centreId = db.lastId();
      ++sum.added;
    }
    std::map<std::string, Id> person;
    for (const json& p : b["people"]) {
      if (auto id = one("SELECT id FROM people WHERE uuid = ?1", str(p, "uuid"))) person[str(p, "uuid")] = *id;
      else if (auto id2 = one("SELECT id FROM people WHERE name = ?1", str(p, "name"))) person[str(p, "uuid")] = *id2;
      else {
        db.prepare("INSERT INTO people (uuid, name, role, registration, updated_at) VALUES (?1,?2,?3,?4,?5)")
            .bind(1, str(p, "uuid")).bind(2, str(p, "name")).bind(3, str(p, "role")).bind(4, str(p, "registration")).bind(5, detail::isoTime(store.now())).run();
        person[str(p, "uuid")] = db.lastId();
        ++sum.added;
      }
    }
    // Schemes by (code, title, version); units, elements and criteria by position.
    std::map<SchemeKey, Id> schemeIds;
    std::map<SchemeKey, std::vector<Id>> unitIds;
    std::map<SchemeKey, std::vector<std::vector<std::vector<Id>>>> critIds;
    for (const json& s : b["schemes"]) {
      const SchemeKey key{str(s, "code"), str(s, "title"), str(s, "version")};
      Id sid = 0;
      if (auto id = one("SELECT id FROM schemes WHERE code = ?1 AND title = ?2 AND version = ?3", key.code, key.title, key.version)) sid = *id;
      else {
        db.prepare("INSERT INTO schemes (uuid, code, title, version, kind, decree, source, validity_years, loaded_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)")
            .bind(1, str(s, "uuid").empty() ? newUuid() : str(s, "uuid")).bind(2, key.code).bind(3, key.title).bind(4, key.version)
            .bind(5, str(s, "kind")).bind(6, str(s, "decree")).bind(7, str(s, "source"))
            .bind(8, s.value("validity_years", 3)).bind(9, detail::isoTime(store.now())).run();
        sid = db.lastId();
        int us = 0;
        for (const json& u : s["units"]) {
          db.prepare("INSERT INTO units (scheme_id, code, title, sort) VALUES (?1,?2,?3,?4)").bind(1, sid).bind(2, str(u, "code")).bind(3, str(u, "title")).bind(4, us++).run();
          const Id uid = db.lastId();
          int es = 0;
          for (const json& e : u["elements"]) {
            db.prepare("INSERT INTO elements (unit_id, title, sort) VALUES (?1,?2,?3)").bind(1, uid).bind(2, str(e, "title")).bind(3, es++).run();
            const Id eid = db.lastId();
            int cs = 0;
            for (const json& k : e["criteria"])
              db.prepare("INSERT INTO criteria (element_id, text, sort) VALUES (?1,?2,?3)").bind(1, eid).bind(2, k.is_string() ? k.get<std::string>() : "").bind(3, cs++).run();
          }
        }
        ++sum.added;
      }
      schemeIds[key] = sid;
      auto qu = db.prepare("SELECT id FROM units WHERE scheme_id = ?1 ORDER BY sort");
      auto qe = db.prepare("SELECT id FROM elements WHERE unit_id = ?1 ORDER BY sort");
      auto qc = db.prepare("SELECT id FROM criteria WHERE element_id = ?1 ORDER BY sort");
      qu.bind(1, sid);
      while (qu.step()) {
        unitIds[key].push_back(qu.i64(0));
        critIds[key].emplace_back();
        qe.reset();
        qe.bind(1, qu.i64(0));
        while (qe.step()) {
          critIds[key].back().emplace_back();
          qc.reset();
          qc.bind(1, qe.i64(0));
          while (qc.step()) critIds[key].back().back().push_back(qc.i64(0));
        }
      }
    }
    auto keyOf = [](const json& k) { return SchemeKey{str(k, "code"), str(k, "title"), str(k, "version")}; };
    auto unitOf = [&](const json& k, std::size_t idx, const std::string& where) -> Id {
      const SchemeKey key = keyOf(k);
      if (!unitIds.count(key)) {
        auto id = one("SELECT id FROM schemes WHERE code = ?1 AND title = ?2 AND version = ?3", key.code, key.title, key.version);
        if (!id) throw ImportFailure{malformed(where, "scheme not in the bundle or the database")};
      }
      if (idx >= unitIds[key].size()) throw ImportFailure{malformed(where, "unit index out of range")};
      return unitIds[key][idx];
    };

    std::map<std::string, Id> trainee;
    std::set<Id> touched;
    for (const json& t : b["trainees"]) {
      Trainee in;
      in.uuid = str(t, "uuid"), in.name = str(t, "name"), in.nik = str(t, "nik"), in.birthDate = str(t, "birth_date"), in.sex = str(t, "sex");
      in.phone = str(t, "phone"), in.consent = t["consent"].get<bool>(), in.centre = centreId, in.updatedAt = str(t, "updated_at");
      in.trainer = person.count(str(t, "trainer")) ? person[str(t, "trainer")] : 0;
      auto q = db.prepare("SELECT id, name, nik, birth_date, sex, phone, consent, IFNULL(trainer_id,0), updated_at FROM trainees WHERE uuid = ?1");
      q.bind(1, in.uuid);
      if (q.step()) {
        const Id id = q.i64(0);
        trainee[in.uuid] = id;
        const bool same = q.text(1) == in.name && q.text(2) == in.nik && q.text(3) == in.birthDate && q.text(4) == in.sex && q.text(5) == in.phone &&
                          (q.i64(6) != 0) == in.consent;
        const std::string currentAt = q.text(8);
        q = Stmt();
        if (same) {
          ++sum.unchanged;
          continue;
        }
        // Both versions go into the history; the newer one is shown.
        detail::insertTraineeVersion(db, in, origin);
        ++sum.conflicts;
        if (in.updatedAt > currentAt) {
          db.prepare("UPDATE trainees SET name=?1, nik=?2, birth_date=?3, sex=?4, phone=?5, consent=?6, updated_at=?7 WHERE id=?8")
              .bind(1, in.name).bind(2, in.nik).bind(3, in.birthDate).bind(4, in.sex).bind(5, in.phone).bind(6, in.consent ? 1 : 0).bind(7, in.updatedAt).bind(8, id).run();
          ++sum.updated;
        }
        continue;
      }
      q = Stmt();
      if (auto other = one("SELECT id FROM trainees WHERE nik = ?1", in.nik))
        throw ImportFailure{malformed("trainees: " + in.name, "NIK already belongs to another trainee in this database")};
      trainee[in.uuid] = detail::insertTrainee(db, in);
      detail::insertTraineeVersion(db, in, origin);
      ++sum.added;
    }
    for (const json& s : b["sessions"]) {
      Id sid = 0;
      if (auto id = one("SELECT id FROM sessions WHERE uuid = ?1", str(s, "uuid"))) sid = *id, ++sum.unchanged;
      else {
        db.prepare("INSERT INTO sessions (uuid, centre_id, trainer_id, date, topic, title, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7)")
            .bind(1, str(s, "uuid")).bind(2, centreId).bindIdOrNull(3, person.count(str(s, "trainer")) ? person[str(s, "trainer")] : 0)
            .bind(4, str(s, "date")).bind(5, str(s, "topic")).bind(6, str(s, "title")).bind(7, str(s, "updated_at")).run();
        sid = db.lastId();
        for (const json& u : s["units"])
          db.prepare("INSERT OR IGNORE INTO session_units (session_id, unit_id) VALUES (?1,?2)").bind(1, sid).bind(2, unitOf(u, u["unit"].get<std::size_t>(), "sessions.units")).run();
        ++sum.added;
      }
      for (const json& a : s["attendance"])
        db.prepare("INSERT INTO attendance (session_id, trainee_id, status, updated_at) VALUES (?1,?2,?3,?4) "
                   "ON CONFLICT (session_id, trainee_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at "
                   "WHERE excluded.updated_at > attendance.updated_at")
            .bind(1, sid).bind(2, trainee.at(str(a, "trainee"))).bind(3, str(a, "status")).bind(4, str(a, "updated_at")).run();
    }
    for (const json& a : b["assessments"]) {
      if (one("SELECT id FROM assessments WHERE uuid = ?1", str(a, "uuid"))) {
        ++sum.unchanged;
        continue;
      }
      const SchemeKey key = keyOf(a["scheme"]);
      AssessmentInput in;
      in.trainee = trainee.at(str(a, "trainee"));
      in.date = str(a, "date"), in.place = str(a, "place"), in.followUp = str(a, "follow_up"), in.appeal = str(a, "appeal");
      if (a.contains("methods") && a["methods"].is_array())
        for (const json& m : a["methods"])
          if (m.is_string()) in.methods.push_back(m.get<std::string>());
      for (const json& u : a["units"]) in.units[unitOf(a["scheme"], u[0].get<std::size_t>(), "assessments.units")] = u[1].get<bool>();
      in.scheme = schemeIds.count(key) ? schemeIds[key] : 0;
      for (const json& cr : a["criteria"]) {
        const auto ui = cr[0].get<std::size_t>(), ei = cr[1].get<std::size_t>(), ki = cr[2].get<std::size_t>();
        if (!critIds.count(key) || ui >= critIds[key].size() || ei >= critIds[key][ui].size() || ki >= critIds[key][ui][ei].size())
          throw ImportFailure{malformed("assessments.criteria", "criterion index out of range")};
        in.criteria[critIds[key][ui][ei][ki]] = cr[3].get<bool>();
      }
      if (in.scheme == 0) throw ImportFailure{malformed("assessments.scheme", "scheme not in the bundle or the database")};
      detail::insertAssessment(db, str(a, "uuid"), in, person.count(str(a, "assessor")) ? person[str(a, "assessor")] : 0, str(a, "created_at"));
      touched.insert(in.trainee);
      ++sum.added;
    }
    for (std::size_t i = 0; i < b["evidence"].size(); ++i) {
      const json& e = b["evidence"][i];
      if (one("SELECT id FROM evidence WHERE uuid = ?1", str(e, "uuid"))) {
        ++sum.unchanged;
        continue;
      }
      if (auto st = detail::storeBlob(store.evidencePath(blobs[i].first), blobs[i].second); !st) throw ImportFailure{st.error()};
      const Id unit = e.contains("unit") && e["unit"].is_object() && e["unit"].contains("unit") && e["unit"]["unit"].is_number_unsigned()
                          ? unitOf(e["unit"], e["unit"]["unit"].get<std::size_t>(), "evidence.unit") : 0;
      db.prepare("INSERT INTO evidence (uuid, trainee_id, unit_id, type, file_name, sha256, size, date, note, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)")
          .bind(1, str(e, "uuid")).bind(2, trainee.at(str(e, "trainee"))).bindIdOrNull(3, unit).bind(4, str(e, "type"))
          .bind(5, detail::safeFileName(str(e, "file_name"))).bind(6, blobs[i].first).bind(7, std::int64_t(blobs[i].second.size()))
          .bind(8, str(e, "date")).bind(9, str(e, "note")).bind(10, str(e, "created_at")).run();
      ++sum.added;
    }
    for (const json& c2 : b["certificates"]) {
      const SchemeKey key = keyOf(c2["scheme"]);
      if (!schemeIds.count(key)) throw ImportFailure{malformed("certificates.scheme", "scheme not in the bundle")};
      auto q = db.prepare("SELECT id, updated_at, revoked FROM certificates WHERE uuid = ?1");
      q.bind(1, str(c2, "uuid"));
      if (q.step()) {
        const bool revoked = c2.value("revoked", false);
        if (str(c2, "updated_at") > q.text(1) && revoked != (q.i64(2) != 0)) {
          db.prepare("UPDATE certificates SET revoked = ?1, revoked_reason = ?2, updated_at = ?3 WHERE id = ?4")
              .bind(1, revoked ? 1 : 0).bind(2, str(c2, "revoked_reason")).bind(3, str(c2, "updated_at")).bind(4, q.i64(0)).run();
          ++sum.updated;
        } else {
          ++sum.unchanged;
        }
        continue;
      }
      q = Stmt();
      db.prepare("INSERT INTO certificates (uuid, trainee_id, scheme_id, number, issue_date, expiry_date, revoked, revoked_reason, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)")
          .bind(1, str(c2, "uuid")).bind(2, trainee.at(str(c2, "trainee"))).bind(3, schemeIds[key]).bind(4, str(c2, "number"))
          .bind(5, str(c2, "issue_date")).bind(6, str(c2, "expiry_date")).bind(7, c2.value("revoked", false) ? 1 : 0)
          .bind(8, str(c2, "revoked_reason")).bind(9, str(c2, "updated_at")).run();
      ++sum.added;
    }
    for (const json& a : b["attempts"]) {
      if (one("SELECT id FROM attempts WHERE uuid = ?1", str(a, "uuid"))) {
        ++sum.unchanged;
        continue;
      }
      db.prepare("INSERT INTO attempts (uuid, trainee_id, trainee_name, exercise, plan, mean_de, share_within_5, baths, fewest_baths, worst_layer, at, recorded_by) "
                 "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)")
          .bind(1, str(a, "uuid")).bindIdOrNull(2, trainee.count(str(a, "trainee")) ? trainee[str(a, "trainee")] : 0).bind(3, str(a, "trainee_name"))
          .bind(4, str(a, "exercise")).bind(5, str(a, "plan")).bind(6, a["mean_de"].get<double>()).bind(7, a.value("share_within_5", 0.0))
          .bind(8, a.value("baths", 0)).bind(9, a.value("fewest_baths", 0)).bind(10, str(a, "worst_layer")).bind(11, str(a, "at"))
          .bind(12, str(a, "recorded_by")).run();
      ++sum.added;
    }
    for (Id t : touched) store.refreshUnitStatus(t);
    if (sum.added || sum.updated || sum.conflicts)
      store.appendAudit(by.name(), "import-bundle", "centre", str(c, "uuid"),
                        json{{"file", file.filename().string()}, {"added", sum.added}, {"updated", sum.updated}, {"conflicts", sum.conflicts}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    tx.commit();
  } catch (const ImportFailure& f) {
    return f.error;
  } catch (const DbError& e) {
    return detail::fromDb(e, store.options().file.string());
  } catch (const std::exception& e) {
    return malformed("-", e.what());
  }
  return sum;
}

}  // namespace canting::records
