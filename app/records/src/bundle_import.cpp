// Bundle import: merges a centre's bundle into this database in one
// transaction. Records match by UUID (centres and people also by name,
// schemes by code, title and version); a record edited in two places keeps
// both versions and shows the newer one.
//
// [SECTION] reading: base64, gzip with a cap
// [SECTION] merge: one step per list of the bundle, in dependency order
// [SECTION] importBundle: read, validate, check evidence hashes and the chain, merge

#include "canting/records/bundle.h"

#include <sodium.h>
#include <zlib.h>

#include <map>
#include <set>

#include "audit_content.h"
#include "bundle_internal.h"
#include "canting/base/json.h"
#include "canting/imaging/file_io.h"
#include "store_internal.h"

namespace canting::records {

namespace fs = std::filesystem;
using bundle::str;
using nlohmann::json;

namespace {

// [SECTION] reading: base64, gzip with a cap

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

// [SECTION] merge: one step per list of the bundle, in dependency order

struct SchemeKey {
  std::string code, title, version;
  auto operator<=>(const SchemeKey&) const = default;
};
SchemeKey keyOf(const json& k) { return SchemeKey{str(k, "code"), str(k, "title"), str(k, "version")}; }

// Thrown inside the import transaction: the guard rolls everything back.
struct ImportFailure {
  Error error;
};

using Blobs = std::vector<std::pair<std::string, std::vector<unsigned char>>>;  // sha256, bytes

// The ids a bundle's UUIDs and positions map to in this database, filled step
// by step; every step runs inside the caller's transaction.
class Merge {
 public:
  Merge(Store& store, const fs::path& file, BundleSummary& sum)
      : m_store(store), m_db(store.db()), m_file(file), m_sum(sum), m_origin("bundle:" + sum.centre) {}

  void centre(const json& c);
  void people(const json& list);
  void schemes(const json& list);
  void trainees(const json& list);
  void sessions(const json& list);
  void assessments(const json& list);
  void evidence(const json& list, const Blobs& blobs);
  void certificates(const json& list);
  void attempts(const json& list);
  void orders(const json& list);
  Id centreId() const { return m_centre; }
  // unit_status follows the assessments that came in.
  void refresh() {
    for (Id t : m_touched) m_store.refreshUnitStatus(t);
  }

  Error malformed(const std::string& where, const std::string& reason) const {
    return makeError(ErrorCode::MalformedFile, {{"path", m_file.string()}, {"where", where}, {"reason", reason}});
  }

 private:
  template <class... Args>
  std::optional<Id> one(const std::string& sql, Args... args) {
    auto q = m_db.prepare(sql);
    int i = 1;
    ((q.bind(i++, args)), ...);
    if (q.step()) return q.i64(0);
    return std::nullopt;
  }
  Id unitOf(const json& k, std::size_t idx, const std::string& where);
  Id personOf(const std::string& uuid) const { return m_person.count(uuid) ? m_person.at(uuid) : 0; }

  Store& m_store;
  Db& m_db;
  const fs::path& m_file;
  BundleSummary& m_sum;
  const std::string m_origin;
  Id m_centre = 0;
  std::map<std::string, Id> m_person, m_trainee;
  // Schemes by (code, title, version); units, elements and criteria by position.
  std::map<SchemeKey, Id> m_schemeIds;
  std::map<SchemeKey, std::vector<Id>> m_unitIds;
  std::map<SchemeKey, std::vector<std::vector<std::vector<Id>>>> m_critIds;
  std::set<Id> m_touched;
};

// By UUID, else by name (the regency may have entered it first).
void Merge::centre(const json& c) {
  if (auto id = one("SELECT id FROM centres WHERE uuid = ?1", str(c, "uuid"))) m_centre = *id, ++m_sum.unchanged;
  else if (auto id2 = one("SELECT id FROM centres WHERE name = ?1", str(c, "name"))) m_centre = *id2, ++m_sum.unchanged;
  else {
    m_db.prepare("INSERT INTO centres (uuid, name, desa, kecamatan, note, updated_at) VALUES (?1,?2,?3,?4,?5,?6)")
        .bind(1, str(c, "uuid")).bind(2, str(c, "name")).bind(3, str(c, "desa")).bind(4, str(c, "kecamatan")).bind(5, str(c, "note"))
        .bind(6, str(c, "updated_at").empty() ? isoTime(m_store.now()) : str(c, "updated_at")).run();
    m_centre = m_db.lastId();
    ++m_sum.added;
  }
}

void Merge::people(const json& list) {
  for (const json& p : list) {
    if (auto id = one("SELECT id FROM people WHERE uuid = ?1", str(p, "uuid"))) m_person[str(p, "uuid")] = *id;
    else if (auto id2 = one("SELECT id FROM people WHERE name = ?1", str(p, "name"))) m_person[str(p, "uuid")] = *id2;
    else {
      m_db.prepare("INSERT INTO people (uuid, name, role, registration, updated_at) VALUES (?1,?2,?3,?4,?5)")
          .bind(1, str(p, "uuid")).bind(2, str(p, "name")).bind(3, str(p, "role")).bind(4, str(p, "registration")).bind(5, isoTime(m_store.now())).run();
      m_person[str(p, "uuid")] = m_db.lastId();
      ++m_sum.added;
    }
  }
}

void Merge::schemes(const json& list) {
  for (const json& s : list) {
    const SchemeKey key = keyOf(s);
    Id sid = 0;
    if (auto id = one("SELECT id FROM schemes WHERE code = ?1 AND title = ?2 AND version = ?3", key.code, key.title, key.version)) sid = *id;
    else {
      Scheme in;
      in.uuid = str(s, "uuid").empty() ? newUuid() : str(s, "uuid");
      in.code = key.code, in.title = key.title, in.version = key.version;
      in.kind = str(s, "kind"), in.decree = str(s, "decree"), in.source = str(s, "source");
      in.validityYears = s.value("validity_years", 3);
      for (const json& u : s["units"]) {
        Unit& unit = in.units.emplace_back(Unit{0, str(u, "code"), str(u, "title"), {}});
        for (const json& e : u["elements"]) {
          Element& element = unit.elements.emplace_back(Element{0, str(e, "title"), {}});
          for (const json& k : e["criteria"]) element.criteria.push_back({0, k.is_string() ? k.get<std::string>() : ""});
        }
      }
      sid = detail::insertScheme(m_db, in, isoTime(m_store.now()));
      ++m_sum.added;
    }
    m_schemeIds[key] = sid;
    for (const Unit& unit : detail::readUnits(m_db, sid)) {
      m_unitIds[key].push_back(unit.id);
      auto& elements = m_critIds[key].emplace_back();
      for (const Element& element : unit.elements) {
        auto& criteria = elements.emplace_back();
        for (const Criterion& c : element.criteria) criteria.push_back(c.id);
      }
    }
  }
}

Id Merge::unitOf(const json& k, std::size_t idx, const std::string& where) {
  const SchemeKey key = keyOf(k);
  if (!m_unitIds.count(key)) {
    auto id = one("SELECT id FROM schemes WHERE code = ?1 AND title = ?2 AND version = ?3", key.code, key.title, key.version);
    if (!id) throw ImportFailure{malformed(where, "scheme not in the bundle or the database")};
  }
  if (idx >= m_unitIds[key].size()) throw ImportFailure{malformed(where, "unit index out of range")};
  return m_unitIds[key][idx];
}

void Merge::trainees(const json& list) {
  for (const json& t : list) {
    Trainee in;
    in.uuid = str(t, "uuid"), in.name = str(t, "name"), in.nik = str(t, "nik"), in.birthDate = str(t, "birth_date"), in.sex = str(t, "sex");
    in.phone = str(t, "phone"), in.consent = t["consent"].get<bool>(), in.centre = m_centre, in.updatedAt = str(t, "updated_at");
    in.trainer = personOf(str(t, "trainer"));
    auto q = m_db.prepare("SELECT id, name, nik, birth_date, sex, phone, consent, IFNULL(trainer_id,0), updated_at FROM trainees WHERE uuid = ?1");
    q.bind(1, in.uuid);
    if (q.step()) {
      const Id id = q.i64(0);
      m_trainee[in.uuid] = id;
      const bool same = q.text(1) == in.name && q.text(2) == in.nik && q.text(3) == in.birthDate && q.text(4) == in.sex && q.text(5) == in.phone &&
                        (q.i64(6) != 0) == in.consent;
      const std::string currentAt = q.text(8);
      q = Stmt();
      if (same) {
        ++m_sum.unchanged;
        continue;
      }
      // Both versions go into the history; the newer one is shown.
      detail::insertTraineeVersion(m_db, in, m_origin);
      ++m_sum.conflicts;
      if (in.updatedAt > currentAt) {
        m_db.prepare("UPDATE trainees SET name=?1, nik=?2, birth_date=?3, sex=?4, phone=?5, consent=?6, updated_at=?7 WHERE id=?8")
            .bind(1, in.name).bind(2, in.nik).bind(3, in.birthDate).bind(4, in.sex).bind(5, in.phone).bind(6, in.consent ? 1 : 0).bind(7, in.updatedAt).bind(8, id).run();
        ++m_sum.updated;
      }
      continue;
    }
    q = Stmt();
    if (one("SELECT id FROM trainees WHERE nik = ?1", in.nik))
      throw ImportFailure{malformed("trainees: " + in.name, "NIK already belongs to another trainee in this database")};
    m_trainee[in.uuid] = detail::insertTrainee(m_db, in);
    detail::insertTraineeVersion(m_db, in, m_origin);
    ++m_sum.added;
  }
}

void Merge::sessions(const json& list) {
  for (const json& s : list) {
    Id sid = 0;
    if (auto id = one("SELECT id FROM sessions WHERE uuid = ?1", str(s, "uuid"))) sid = *id, ++m_sum.unchanged;
    else {
      m_db.prepare("INSERT INTO sessions (uuid, centre_id, trainer_id, date, topic, title, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7)")
          .bind(1, str(s, "uuid")).bind(2, m_centre).bindIdOrNull(3, personOf(str(s, "trainer")))
          .bind(4, str(s, "date")).bind(5, str(s, "topic")).bind(6, str(s, "title")).bind(7, str(s, "updated_at")).run();
      sid = m_db.lastId();
      for (const json& u : s["units"])
        m_db.prepare("INSERT OR IGNORE INTO session_units (session_id, unit_id) VALUES (?1,?2)").bind(1, sid).bind(2, unitOf(u, u["unit"].get<std::size_t>(), "sessions.units")).run();
      if (s.contains("trainees"))
        for (const json& t : s["trainees"])
          m_db.prepare("INSERT OR IGNORE INTO session_trainees (session_id, trainee_id) VALUES (?1,?2)").bind(1, sid).bind(2, m_trainee.at(t.get<std::string>())).run();
      ++m_sum.added;
    }
    for (const json& a : s["attendance"])
      m_db.prepare("INSERT INTO attendance (session_id, trainee_id, status, updated_at) VALUES (?1,?2,?3,?4) "
                   "ON CONFLICT (session_id, trainee_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at "
                   "WHERE excluded.updated_at > attendance.updated_at")
          .bind(1, sid).bind(2, m_trainee.at(str(a, "trainee"))).bind(3, str(a, "status")).bind(4, str(a, "updated_at")).run();
  }
}

void Merge::assessments(const json& list) {
  for (const json& a : list) {
    if (one("SELECT id FROM assessments WHERE uuid = ?1", str(a, "uuid"))) {
      ++m_sum.unchanged;
      continue;
    }
    const SchemeKey key = keyOf(a["scheme"]);
    AssessmentInput in;
    in.trainee = m_trainee.at(str(a, "trainee"));
    in.date = str(a, "date"), in.place = str(a, "place"), in.followUp = str(a, "follow_up"), in.appeal = str(a, "appeal");
    if (a.contains("methods") && a["methods"].is_array())
      for (const json& m : a["methods"])
        if (m.is_string()) in.methods.push_back(m.get<std::string>());
    for (const json& u : a["units"]) in.units[unitOf(a["scheme"], u[0].get<std::size_t>(), "assessments.units")] = u[1].get<bool>();
    in.scheme = m_schemeIds.count(key) ? m_schemeIds[key] : 0;
    for (const json& cr : a["criteria"]) {
      const auto ui = cr[0].get<std::size_t>(), ei = cr[1].get<std::size_t>(), ki = cr[2].get<std::size_t>();
      if (!m_critIds.count(key) || ui >= m_critIds[key].size() || ei >= m_critIds[key][ui].size() || ki >= m_critIds[key][ui][ei].size())
        throw ImportFailure{malformed("assessments.criteria", "criterion index out of range")};
      in.criteria[m_critIds[key][ui][ei][ki]] = cr[3].get<bool>();
    }
    if (in.scheme == 0) throw ImportFailure{malformed("assessments.scheme", "scheme not in the bundle or the database")};
    const Id id = detail::insertAssessment(m_db, str(a, "uuid"), in, personOf(str(a, "assessor")), str(a, "created_at"));
    // The signature comes along (checked before the merge), so this copy can be checked again.
    m_db.prepare("UPDATE assessments SET signer = ?1, signature = ?2 WHERE id = ?3").bind(1, str(a, "key")).bind(2, str(a, "signature")).bind(3, id).run();
    m_touched.insert(in.trainee);
    ++m_sum.added;
  }
}

void Merge::evidence(const json& list, const Blobs& blobs) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& e = list[i];
    if (one("SELECT id FROM evidence WHERE uuid = ?1", str(e, "uuid"))) {
      ++m_sum.unchanged;
      continue;
    }
    if (auto st = detail::storeBlob(m_store.evidencePath(blobs[i].first), blobs[i].second); !st) throw ImportFailure{st.error()};
    const Id unit = e.contains("unit") && e["unit"].is_object() && e["unit"].contains("unit") && e["unit"]["unit"].is_number_unsigned()
                        ? unitOf(e["unit"], e["unit"]["unit"].get<std::size_t>(), "evidence.unit") : 0;
    m_db.prepare("INSERT INTO evidence (uuid, trainee_id, unit_id, type, file_name, sha256, size, date, note, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)")
        .bind(1, str(e, "uuid")).bind(2, m_trainee.at(str(e, "trainee"))).bindIdOrNull(3, unit).bind(4, str(e, "type"))
        .bind(5, detail::safeFileName(str(e, "file_name"))).bind(6, blobs[i].first).bind(7, std::int64_t(blobs[i].second.size()))
        .bind(8, str(e, "date")).bind(9, str(e, "note")).bind(10, str(e, "created_at")).run();
    ++m_sum.added;
  }
}

void Merge::certificates(const json& list) {
  for (const json& c : list) {
    const SchemeKey key = keyOf(c["scheme"]);
    if (!m_schemeIds.count(key)) throw ImportFailure{malformed("certificates.scheme", "scheme not in the bundle")};
    auto q = m_db.prepare("SELECT id, updated_at, revoked FROM certificates WHERE uuid = ?1");
    q.bind(1, str(c, "uuid"));
    if (q.step()) {
      // Only a revocation travels: a later change to the revoked flag wins.
      const bool revoked = c.value("revoked", false);
      if (str(c, "updated_at") > q.text(1) && revoked != (q.i64(2) != 0)) {
        m_db.prepare("UPDATE certificates SET revoked = ?1, revoked_reason = ?2, updated_at = ?3 WHERE id = ?4")
            .bind(1, revoked ? 1 : 0).bind(2, str(c, "revoked_reason")).bind(3, str(c, "updated_at")).bind(4, q.i64(0)).run();
        ++m_sum.updated;
      } else {
        ++m_sum.unchanged;
      }
      continue;
    }
    q = Stmt();
    m_db.prepare("INSERT INTO certificates (uuid, trainee_id, scheme_id, number, issue_date, expiry_date, revoked, revoked_reason, updated_at, "
                 "signed_at, signer, signature) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)")
        .bind(1, str(c, "uuid")).bind(2, m_trainee.at(str(c, "trainee"))).bind(3, m_schemeIds[key]).bind(4, str(c, "number"))
        .bind(5, str(c, "issue_date")).bind(6, str(c, "expiry_date")).bind(7, c.value("revoked", false) ? 1 : 0)
        .bind(8, str(c, "revoked_reason")).bind(9, str(c, "updated_at")).bind(10, str(c, "signed_at")).bind(11, str(c, "key"))
        .bind(12, str(c, "signature")).run();
    ++m_sum.added;
  }
}

void Merge::attempts(const json& list) {
  for (const json& a : list) {
    if (one("SELECT id FROM attempts WHERE uuid = ?1", str(a, "uuid"))) {
      ++m_sum.unchanged;
      continue;
    }
    // An attempt under a name no trainee has keeps the centre it came from, to travel on with it.
    const Id trainee = m_trainee.count(str(a, "trainee")) ? m_trainee[str(a, "trainee")] : 0;
    m_db.prepare("INSERT INTO attempts (uuid, trainee_id, trainee_name, exercise, plan, mean_de, share_within_5, baths, fewest_baths, worst_layer, at, recorded_by, "
                 "centre_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)")
        .bind(1, str(a, "uuid")).bindIdOrNull(2, trainee).bind(3, str(a, "trainee_name"))
        .bind(4, str(a, "exercise")).bind(5, str(a, "plan")).bind(6, a["mean_de"].get<double>()).bind(7, a.value("share_within_5", 0.0))
        .bind(8, a.value("baths", 0)).bind(9, a.value("fewest_baths", 0)).bind(10, str(a, "worst_layer")).bind(11, str(a, "at"))
        .bind(12, str(a, "recorded_by")).bindIdOrNull(13, trainee ? 0 : m_centre).run();
    ++m_sum.added;
  }
}

// An order never changes once taken: by UUID, a second import skips it. The
// centre's own numbers repeat at other centres, so they are kept per centre.
void Merge::orders(const json& list) {
  for (const json& o : list) {
    if (one("SELECT id FROM centre_orders WHERE uuid = ?1", str(o, "uuid")) || one("SELECT id FROM orders WHERE uuid = ?1", str(o, "uuid"))) {
      ++m_sum.unchanged;
      continue;
    }
    if (one("SELECT id FROM centre_orders WHERE centre_id = ?1 AND number = ?2", m_centre, str(o, "number")))
      throw ImportFailure{malformed("orders: " + str(o, "number"), "another order of this centre already has this number")};
    m_db.prepare("INSERT INTO centre_orders (uuid, centre_id, number, created_at, customer, contact, motif_id, motif_name, colorway, swatches, dyeable, "
                 "product_id, product_name, size, quantity, unit_price, lead_days, staff, note) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)")
        .bind(1, str(o, "uuid")).bind(2, m_centre).bind(3, str(o, "number")).bind(4, str(o, "created_at")).bind(5, str(o, "customer"))
        .bind(6, str(o, "contact")).bind(7, str(o, "motif_id")).bind(8, str(o, "motif_name")).bind(9, str(o, "colorway"))
        .bind(10, base::dumpJson(o["swatches"])).bind(11, o["dyeable"].get<bool>() ? 1 : 0).bind(12, str(o, "product_id"))
        .bind(13, str(o, "product_name")).bind(14, str(o, "size")).bind(15, o["quantity"].get<std::int64_t>())
        .bind(16, o["unit_price"].get<std::int64_t>()).bind(17, o["lead_days"].get<std::int64_t>()).bind(18, str(o, "staff")).bind(19, str(o, "note")).run();
    ++m_sum.added;
  }
}

}  // namespace

// [SECTION] importBundle: read, validate, check evidence hashes and the chain, merge

Result<BundleSummary> importBundle(Store& store, const Actor& by, const fs::path& file, std::uint64_t maxInflated) {
  if (auto st = store.require(by, {Role::Admin}, "bundle_import"); !st) return st.error();
  auto raw = imaging::readFile(file, kMaxBundleBytes);
  if (!raw) return raw.error();
  if (raw->size() < 2 || (*raw)[0] != 0x1f || (*raw)[1] != 0x8b)
    return makeError(ErrorCode::MalformedFile, {{"path", file.string()}, {"where", "-"}, {"reason", "@records.bundle.not_bundle"}});
  auto text = gunzipCapped(*raw, file, maxInflated);
  if (!text) return text.error();
  auto malformed = [&](const std::string& where, const std::string& reason) {
    return makeError(ErrorCode::MalformedFile, {{"path", file.string()}, {"where", where}, {"reason", reason}});
  };
  // A signed bundle wraps the payload's exact text; a bare payload is unsigned
  // and is refused after its shape is checked (verifySignatures).
  json b = json::parse(*text, nullptr, false);
  std::string payload, signer, signature;
  if (b.is_object() && bundle::str(b, "format") == bundle::kSignedFormat) {
    payload = str(b, "payload"), signer = str(b, "key"), signature = str(b, "signature");
    b = json::parse(payload, nullptr, false);
  }
  if (b.is_discarded()) return malformed("-", "not JSON");
  if (auto bad = bundle::validate(b)) return malformed(bad->where, bad->reason);
  // Evidence files are checked against their hashes before anything is written.
  Blobs blobs;
  for (std::size_t i = 0; i < b["evidence"].size(); ++i) {
    auto data = fromBase64(str(b["evidence"][i], "data"));
    if (!data || sha256Hex(data->data(), data->size()) != str(b["evidence"][i], "sha256"))
      return malformed("evidence[" + std::to_string(i) + "].data", "content does not match its SHA-256");
    blobs.emplace_back(str(b["evidence"][i], "sha256"), std::move(*data));
  }
  if (!b.contains("audit")) return malformed("audit", "@records.bundle.no_chain");

  try {
    if (auto no = bundle::verifySignatures(store.db(), b, payload, signer, signature))
      return makeError(canting::records::RecordsError::BundleRefused,
                       {{"path", file.string()}, {"what", no->what}, {"name", no->name}, {"reason", no->reason}, {"key", no->key}});
  } catch (const DbError& e) {
    return detail::fromDb(e, store.options().file.string(), "importBundle");
  }

  BundleSummary sum;
  sum.centre = str(b["centre"], "name");
  try {
    Transaction tx(store.db());
    detail::WrittenRecords written(store.db());  // each record it writes gets its own audit entry
    // The chain first: a rewritten history refuses the whole bundle, an old one imports nothing.
    Id known = 0;
    {
      auto q = store.db().prepare("SELECT id FROM centres WHERE uuid = ?1 UNION ALL SELECT id FROM centres WHERE name = ?2 LIMIT 1");
      q.bind(1, str(b["centre"], "uuid")).bind(2, str(b["centre"], "name"));
      if (q.step()) known = q.i64(0);
    }
    if (auto refused = bundle::checkChain(store.db(), known, b["audit"], file, sum)) return *refused;
    if (sum.replayed) return sum;
    Merge merge(store, file, sum);
    merge.centre(b["centre"]);
    merge.people(b["people"]);
    merge.schemes(b["schemes"]);
    merge.trainees(b["trainees"]);
    merge.sessions(b["sessions"]);
    merge.assessments(b["assessments"]);
    merge.evidence(b["evidence"], blobs);
    merge.certificates(b["certificates"]);
    merge.attempts(b["attempts"]);
    if (b.contains("orders")) merge.orders(b["orders"]);
    merge.refresh();
    store.auditWritten(by.name(), "import", written, base::dumpJson(json{{"file", file.filename().string()}}));
    const bool moved = bundle::keepChain(store.db(), merge.centreId(), b["audit"], str(b, "exported_at"), isoTime(store.now()), file.filename().string());
    if (sum.added || sum.updated || sum.conflicts || moved)
      store.appendAudit(by.name(), "import-bundle", "centre", str(b["centre"], "uuid"),
                        base::dumpJson(json{{"file", file.filename().string()}, {"added", sum.added}, {"updated", sum.updated}, {"conflicts", sum.conflicts},
                                            {"head", sum.head.text()}}));
    tx.commit();
  } catch (const ImportFailure& f) {
    return f.error;
  } catch (const DbError& e) {
    return detail::fromDb(e, store.options().file.string(), "importBundle");
  } catch (const std::exception& e) {
    return malformed("-", e.what());
  }
  return sum;
}

}  // namespace canting::records
