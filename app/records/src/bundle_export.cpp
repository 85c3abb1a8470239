// Bundle export: one centre's records, its people (without PIN hashes),
// every scheme whole, the outlet's orders and the installation's audit chain,
// with each record's signature, signed as a whole by this installation's key
// and written atomically as gzip-compressed JSON.

#include "canting/records/bundle.h"

#include <sodium.h>
#include <zlib.h>

#include <array>
#include <cstdio>
#include <map>

#include "bundle_internal.h"
#include "canting/base/json.h"
#include "canting/imaging/file_io.h"
#include "canting/records/keys.h"
#include "store_internal.h"

namespace canting::records {

namespace fs = std::filesystem;
using bundle::kFormat;
using nlohmann::json;

namespace {

std::string toBase64(const std::vector<unsigned char>& b) {
  std::string out(sodium_base64_encoded_len(b.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), b.data(), b.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
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

}  // namespace

Status exportBundle(Store& store, const Actor& by, Id centreId, const fs::path& out) {
  if (auto st = store.require(by, {Role::Admin, Role::Trainer}, "bundle"); !st) return st;
  if (auto st = detail::ownCentre(by, centreId); !st) return st;
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
      while (qs.step()) {
        const std::size_t si = b["schemes"].size();
        schemeIndex[qs.i64(0)] = si;
        json s = {{"uuid", qs.text(1)}, {"code", qs.text(2)}, {"title", qs.text(3)}, {"version", qs.text(4)}, {"kind", qs.text(5)},
                  {"decree", qs.text(6)}, {"source", qs.text(7)}, {"validity_years", qs.i64(8)}, {"units", json::array()}};
        for (const Unit& unit : detail::readUnits(db, qs.i64(0))) {
          const std::size_t ui = s["units"].size();
          unitRef[unit.id] = {si, ui};
          json u = {{"code", unit.code}, {"title", unit.title}, {"elements", json::array()}};
          for (const Element& element : unit.elements) {
            json e = {{"title", element.title}, {"criteria", json::array()}};
            for (const Criterion& c : element.criteria) {
              critRef[c.id] = {ui, u["elements"].size(), e["criteria"].size()};
              e["criteria"].push_back(c.text);
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
      auto qt = db.prepare("SELECT trainee_id FROM session_trainees WHERE session_id = ?1");
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
        // Who the session is for; absent (older bundles, older sessions) means the whole centre.
        qt.reset();
        qt.bind(1, q.i64(0));
        json roster = json::array();
        while (qt.step())
          if (traineeUuid.count(qt.i64(0))) roster.push_back(traineeUuid[qt.i64(0)]);
        if (!roster.empty()) s["trainees"] = std::move(roster);
        b["sessions"].push_back(std::move(s));
      }
    }
    b["assessments"] = json::array();
    {
      auto q = db.prepare("SELECT a.id, a.uuid, a.trainee_id, a.scheme_id, IFNULL(a.assessor_id,0), a.date, a.place, a.methods, a.follow_up, a.appeal, a.created_at, "
                          "a.signer, a.signature "
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
        if (!q.text(12).empty()) a["key"] = q.text(11), a["signature"] = q.text(12);  // none: legacy, from before keys
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
      auto q = db.prepare("SELECT c.uuid, c.trainee_id, c.scheme_id, c.number, c.issue_date, c.expiry_date, c.revoked, c.revoked_reason, c.updated_at, "
                          "c.signed_at, c.signer, c.signature "
                          "FROM certificates c JOIN trainees t ON t.id = c.trainee_id WHERE t.centre_id = ?1 ORDER BY c.id");
      q.bind(1, centreId);
      while (q.step()) {
        json c = {{"uuid", q.text(0)}, {"trainee", traineeUuid[q.i64(1)]}, {"scheme", schemeKeyOf(schemeIndex.at(q.i64(2)))}, {"number", q.text(3)},
                  {"issue_date", q.text(4)}, {"expiry_date", q.text(5)}, {"revoked", q.i64(6) != 0}, {"revoked_reason", q.text(7)},
                  {"updated_at", q.text(8)}};
        if (!q.text(11).empty()) c["signed_at"] = q.text(9), c["key"] = q.text(10), c["signature"] = q.text(11);
        b["certificates"].push_back(std::move(c));
      }
    }
    // This installation's own records of the centre that name no trainee of
    // it: attempts typed under an unknown name and the outlet's orders. They
    // belong to the centre their staff belongs to, or to the only centre of a
    // centre's own PC; what an earlier bundle brought keeps its centre.
    const char* const kLocal = "(SELECT COUNT(*) FROM centres) = 1 OR (SELECT centre_id FROM people WHERE name = %s) = ?1";
    auto local = [&](const char* who) {
      char buf[160];
      std::snprintf(buf, sizeof buf, kLocal, who);
      return std::string(buf);
    };
    b["attempts"] = json::array();
    {
      auto q = db.prepare("SELECT a.uuid, IFNULL(a.trainee_id,0), a.trainee_name, a.exercise, a.plan, a.mean_de, a.share_within_5, a.baths, a.fewest_baths, "
                          "a.worst_layer, a.at, a.recorded_by FROM attempts a LEFT JOIN trainees t ON t.id = a.trainee_id WHERE t.centre_id = ?1 "
                          "OR (a.trainee_id IS NULL AND (a.centre_id = ?1 OR (a.centre_id IS NULL AND (" + local("a.recorded_by") + ")))) ORDER BY a.id");
      q.bind(1, centreId);
      while (q.step())
        b["attempts"].push_back({{"uuid", q.text(0)}, {"trainee", q.i64(1) ? traineeUuid[q.i64(1)] : std::string()}, {"trainee_name", q.text(2)},
                                 {"exercise", q.text(3)}, {"plan", q.text(4)}, {"mean_de", q.f64(5)}, {"share_within_5", q.f64(6)}, {"baths", q.i64(7)},
                                 {"fewest_baths", q.i64(8)}, {"worst_layer", q.text(9)}, {"at", q.text(10)}, {"recorded_by", q.text(11)}});
    }
    b["orders"] = json::array();
    {
      auto arrayOf = [](const std::string& text) {
        json j = json::parse(text, nullptr, false);
        return j.is_array() ? j : json::array();
      };
      const std::string cols = "uuid, number, created_at, customer, contact, motif_id, motif_name, colorway, swatches, dyeable, product_id, "
                               "product_name, size, quantity, unit_price, lead_days, staff, note";
      auto q = db.prepare("SELECT " + cols + " FROM orders WHERE " + local("orders.staff") + " UNION ALL SELECT " + cols +
                          " FROM centre_orders WHERE centre_id = ?1");
      q.bind(1, centreId);
      while (q.step())
        b["orders"].push_back({{"uuid", q.text(0)}, {"number", q.text(1)}, {"created_at", q.text(2)}, {"customer", q.text(3)}, {"contact", q.text(4)},
                               {"motif_id", q.text(5)}, {"motif_name", q.text(6)}, {"colorway", q.text(7)},
                               {"swatches", arrayOf(q.text(8))},
                               {"dyeable", q.i64(9) != 0}, {"product_id", q.text(10)}, {"product_name", q.text(11)}, {"size", q.text(12)},
                               {"quantity", q.i64(13)}, {"unit_price", q.i64(14)}, {"lead_days", q.i64(15)}, {"staff", q.text(16)}, {"note", q.text(17)}});
    }
    // Last, so the head is the chain as it stood when every list above was read.
    b["audit"] = bundle::chainSection(db);
    // The payload is signed as the exact text carried, so sections added to it
    // later are covered without changing this.
    auto key = installationKey(store);
    if (!key) return key.error();
    const std::string payload = base::dumpJson(b);
    const json envelope = {{"format", bundle::kSignedFormat}, {"version", 1}, {"key", (*key)->publicKey()},
                           {"signature", (*key)->sign(payload)}, {"payload", payload}};
    if (auto st = gzipTo(base::dumpJson(envelope), out); !st) return st;
    Transaction tx(db);
    store.appendAudit(by.name(), "export-bundle", "centre", b["centre"]["uuid"].get<std::string>(),
                      base::dumpJson(json{{"file", out.filename().string()}, {"trainees", b["trainees"].size()},
                                          {"head", AuditHead{b["audit"]["head"]["seq"].get<std::int64_t>(), b["audit"]["head"]["hash"].get<std::string>()}.text()}}));
    tx.commit();
  } catch (const DbError& e) {
    return detail::fromDb(e, store.options().file.string(), "exportBundle");
  } catch (const std::exception& e) {
    return makeError(ErrorCode::WriteFailed, {{"path", out.string()}}, e.what());
  }
  return imaging::Ok{};
}

}  // namespace canting::records
