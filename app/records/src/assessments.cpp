// Assessments (K/BK per unit, decided by an assessor against a frozen scheme
// version, signed with the assessor's key) and the evidence behind them, kept
// under its content hash.

#include "keys_internal.h"
#include "store_internal.h"

#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/imaging/file_io.h"

namespace canting::records {

namespace fs = std::filesystem;
using nlohmann::json;

const char* evidenceTypeName(EvidenceType t) {
  switch (t) {
    case EvidenceType::Direct: return "direct";
    case EvidenceType::Indirect: return "indirect";
    case EvidenceType::Supplementary: return "supplementary";
  }
  return "direct";
}
std::optional<EvidenceType> parseEvidenceType(std::string_view t) {
  for (EvidenceType e : {EvidenceType::Direct, EvidenceType::Indirect, EvidenceType::Supplementary})
    if (t == evidenceTypeName(e)) return e;
  return std::nullopt;
}

void Store::refreshUnitStatus(Id trainee) {
  m_db.prepare("DELETE FROM unit_status WHERE trainee_id = ?1").bind(1, trainee).run();
  // The latest outcome per unit: by assessment date, then by the order recorded.
  m_db.prepare(
          "INSERT INTO unit_status (trainee_id, unit_id, centre_id, k, date) "
          "SELECT trainee_id, unit_id, centre_id, k, date FROM ("
          "  SELECT a.trainee_id, au.unit_id, t.centre_id, au.k, a.date, "
          "         ROW_NUMBER() OVER (PARTITION BY au.unit_id ORDER BY a.date DESC, a.id DESC) AS n "
          "  FROM assessments a JOIN assessment_units au ON au.assessment_id = a.id JOIN trainees t ON t.id = a.trainee_id "
          "  WHERE a.trainee_id = ?1) AS latest WHERE n = 1")  // PostgreSQL wants the alias
      .bind(1, trainee)
      .run();
}

Result<Id> Store::recordAssessment(const Actor& by, const AssessmentInput& in) {
  // Only an assessor decides K/BK (BNSP: the assessor signs FR.AK.02).
  if (auto st = require(by, {Role::Assessor}, "assess"); !st) return st.error();
  if (!validDate(in.date)) return invalid("@records.field.date");
  if (in.units.empty()) return invalid("@records.field.units");
  auto sch = scheme(by, in.scheme);
  if (!sch) return sch.error();
  auto tr = trainee(by, in.trainee);
  if (!tr) return tr.error();
  // Every criterion and unit must belong to the frozen scheme version; a unit
  // is K only when all its criteria observed are Ya.
  std::map<Id, const Unit*> units;
  std::map<Id, Id> criterionUnit;
  for (const auto& u : sch->units) {
    units[u.id] = &u;
    for (const auto& e : u.elements)
      for (const auto& c : e.criteria) criterionUnit[c.id] = u.id;
  }
  for (const auto& [c, ya] : in.criteria)
    if (!criterionUnit.count(c)) return invalid("@records.field.criterion_not_in_scheme");
  for (const auto& [u, k] : in.units) {
    if (!units.count(u)) return invalid("@records.field.unit_not_in_scheme");
    if (!k) continue;
    for (const auto& [c, ya] : in.criteria)
      if (criterionUnit[c] == u && !ya) return invalid("@records.field.k_with_tidak");
  }
  // The outcome is signed as a bundle will carry it, so the regency checks the same bytes.
  const SigningKey* key = by.signingKey();
  if (!key) return makeError(canting::records::RecordsError::NoSigningKey, {{"name", by.name()}});
  return guarded("recordAssessment", [&]() -> Result<Id> {
    Transaction tx(m_db);
    const std::string uuid = newUuid(), created = isoTime(now());
    const Id id = detail::insertAssessment(m_db, uuid, in, by.id(), created);
    json signedForm = {{"uuid", uuid}, {"trainee", tr->uuid}, {"assessor", key->owner()}, {"date", in.date}, {"place", in.place},
                       {"methods", in.methods}, {"follow_up", in.followUp}, {"appeal", in.appeal}, {"created_at", created},
                       {"scheme", {{"code", sch->code}, {"title", sch->title}, {"version", sch->version}}}, {"units", json::array()},
                       {"criteria", json::array()}};
    for (std::size_t ui = 0; ui < sch->units.size(); ++ui) {
      const Unit& u = sch->units[ui];
      if (auto k = in.units.find(u.id); k != in.units.end()) signedForm["units"].push_back({ui, k->second});
      for (std::size_t ei = 0; ei < u.elements.size(); ++ei)
        for (std::size_t ki = 0; ki < u.elements[ei].criteria.size(); ++ki)
          if (auto c = in.criteria.find(u.elements[ei].criteria[ki].id); c != in.criteria.end()) signedForm["criteria"].push_back({ui, ei, ki, c->second});
    }
    m_db.prepare("UPDATE assessments SET signer = ?1, signature = ?2 WHERE id = ?3")
        .bind(1, key->publicKey()).bind(2, key->sign(detail::assessmentSignedText(signedForm))).bind(3, id).run();
    refreshUnitStatus(in.trainee);
    json units = json::object();
    for (const auto& [u, k] : in.units) units[std::to_string(u)] = k ? "K" : "BK";
    appendAudit(by.name(), "assess", "trainee", tr->uuid, base::dumpJson(json{{"assessment", uuid}, {"scheme", in.scheme}, {"units", units}}), RecordRef{"assessment", uuid});
    tx.commit();
    return id;
  });
}

Id detail::insertAssessment(Db& db, const std::string& uuid, const AssessmentInput& in, Id assessor, const std::string& created) {
  db.prepare("INSERT INTO assessments (uuid, trainee_id, scheme_id, assessor_id, date, place, methods, follow_up, appeal, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)")
      .bind(1, uuid).bind(2, in.trainee).bind(3, in.scheme).bindIdOrNull(4, assessor).bind(5, in.date).bind(6, in.place)
      .bind(7, base::dumpJson(json(in.methods))).bind(8, in.followUp).bind(9, in.appeal).bind(10, created).run();
  const Id id = db.lastId();
  auto insC = db.prepare("INSERT INTO assessment_criteria (assessment_id, criterion_id, ya) VALUES (?1,?2,?3)");
  for (const auto& [c, ya] : in.criteria) {
    insC.reset();
    insC.bind(1, id).bind(2, c).bind(3, ya ? 1 : 0).run();
  }
  auto insU = db.prepare("INSERT INTO assessment_units (assessment_id, unit_id, k) VALUES (?1,?2,?3)");
  for (const auto& [u, k] : in.units) {
    insU.reset();
    insU.bind(1, id).bind(2, u).bind(3, k ? 1 : 0).run();
  }
  return id;
}

Result<std::vector<Assessment>> Store::assessmentsOf(const Actor& by, Id traineeId) {
  auto tr = trainee(by, traineeId);
  if (!tr) return tr.error();
  return guarded("assessmentsOf", [&]() -> Result<std::vector<Assessment>> {
    std::vector<Assessment> out;
    auto q = m_db.prepare("SELECT a.id, a.uuid, a.date, a.place, a.follow_up, a.appeal, IFNULL(p.name,''), a.trainee_id, a.scheme_id, "
                          "IFNULL(a.assessor_id,0), a.methods FROM assessments a LEFT JOIN people p ON p.id = a.assessor_id "
                          "WHERE a.trainee_id = ?1 ORDER BY a.date, a.id");
    q.bind(1, traineeId);
    auto qc = m_db.prepare("SELECT criterion_id, ya FROM assessment_criteria WHERE assessment_id = ?1");
    auto qu = m_db.prepare("SELECT unit_id, k FROM assessment_units WHERE assessment_id = ?1");
    while (q.step()) {
      Assessment a;
      a.id = q.i64(0), a.uuid = q.text(1), a.date = q.text(2), a.place = q.text(3), a.followUp = q.text(4), a.appeal = q.text(5);
      a.assessorName = q.text(6), a.trainee = q.i64(7), a.scheme = q.i64(8), a.assessor = q.i64(9);
      const json m = json::parse(q.text(10), nullptr, false);
      if (m.is_array())
        for (const auto& x : m)
          if (x.is_string()) a.methods.push_back(x.get<std::string>());
      qc.reset();
      qc.bind(1, a.id);
      while (qc.step()) a.criteria[qc.i64(0)] = qc.i64(1) != 0;
      qu.reset();
      qu.bind(1, a.id);
      while (qu.step()) a.units[qu.i64(0)] = qu.i64(1) != 0;
      out.push_back(std::move(a));
    }
    return out;
  });
}

// Evidence: the file is copied once under its SHA-256 (evidence_files.cpp);
// the row names it, the trainee and, when given, the unit.

fs::path Store::evidencePath(const std::string& sha) const { return m_opt.evidenceDir / sha.substr(0, 2) / sha; }

Result<Id> Store::addEvidence(const Actor& by, Id traineeId, Id unit, EvidenceType type, const fs::path& file, const std::string& date,
                              const std::string& note) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "evidence"); !st) return st.error();
  if (!validDate(date)) return invalid("@records.field.date");
  auto tr = trainee(by, traineeId);
  if (!tr) return tr.error();
  auto bytes = imaging::readFile(file, detail::kMaxEvidenceBytes);
  if (!bytes) return bytes.error();
  const std::string sha = sha256Hex(bytes->data(), bytes->size());
  if (auto st = detail::storeBlob(evidencePath(sha), *bytes); !st) return st.error();
  // Only the last path component is kept: a name from another machine never becomes a path here.
  const std::string name = detail::safeFileName(file.filename().string());
  return guarded("addEvidence", [&]() -> Result<Id> {
    Transaction tx(m_db);
    const std::string uuid = newUuid();
    m_db.prepare("INSERT INTO evidence (uuid, trainee_id, unit_id, type, file_name, sha256, size, date, note, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)")
        .bind(1, uuid).bind(2, traineeId).bindIdOrNull(3, unit).bind(4, evidenceTypeName(type)).bind(5, name).bind(6, sha)
        .bind(7, std::int64_t(bytes->size())).bind(8, date).bind(9, note).bind(10, isoTime(now())).run();
    const Id id = m_db.lastId();
    appendAudit(by.name(), "evidence", "trainee", tr->uuid, base::dumpJson(json{{"evidence", uuid}, {"file", name}, {"sha256", sha}, {"type", evidenceTypeName(type)}}), RecordRef{"evidence", uuid});
    tx.commit();
    return id;
  });
}

Result<std::vector<Evidence>> Store::evidenceOf(const Actor& by, Id traineeId) {
  auto tr = trainee(by, traineeId);
  if (!tr) return tr.error();
  return guarded("evidenceOf", [&]() -> Result<std::vector<Evidence>> {
    std::vector<Evidence> out;
    auto q = m_db.prepare("SELECT id, uuid, file_name, sha256, date, note, type, trainee_id, IFNULL(unit_id,0), size FROM evidence WHERE trainee_id = ?1 ORDER BY date, id");
    q.bind(1, traineeId);
    while (q.step())
      out.push_back({q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), parseEvidenceType(q.text(6)).value_or(EvidenceType::Direct),
                     q.i64(7), q.i64(8), q.i64(9)});
    return out;
  });
}

}  // namespace canting::records
