// Certificates: issued once every unit of a scheme is K and signed by the
// administrator who issued them; they expire after the scheme's validity and
// can be revoked with a reason.

#include "keys_internal.h"
#include "store_internal.h"

#include <nlohmann/json.hpp>

#include "canting/base/json.h"

namespace canting::records {

using nlohmann::json;

Result<Id> Store::issueCertificate(const Actor& by, Id traineeId, Id schemeId, const std::string& number, const std::string& issueDate) {
  if (auto st = require(by, {Role::Admin}, "certificates"); !st) return st.error();
  if (number.empty()) return invalid("@records.field.certificate_number");
  if (!validDate(issueDate)) return invalid("@records.field.date");
  auto tr = trainee(by, traineeId);
  if (!tr) return tr.error();
  auto sch = scheme(by, schemeId);
  if (!sch) return sch.error();
  auto prog = unitProgress(by, traineeId, schemeId);
  if (!prog) return prog.error();
  for (const auto& [u, s] : *prog)
    if (s != 'K') return invalid("@records.field.not_all_k");
  const SigningKey* key = by.signingKey();
  if (!key) return makeError(canting::records::RecordsError::NoSigningKey, {{"name", by.name()}});
  return guarded("issueCertificate", [&]() -> Result<Id> {
    Transaction tx(m_db);
    const std::string uuid = newUuid(), at = isoTime(now()), expiry = addYears(issueDate, sch->validityYears);
    const json signedForm = {{"uuid", uuid}, {"trainee", tr->uuid}, {"scheme", {{"code", sch->code}, {"title", sch->title}, {"version", sch->version}}},
                             {"number", number}, {"issue_date", issueDate}, {"expiry_date", expiry}, {"signed_at", at}};
    m_db.prepare("INSERT INTO certificates (uuid, trainee_id, scheme_id, number, issue_date, expiry_date, updated_at, signed_at, signer, signature) "
                 "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)")
        .bind(1, uuid).bind(2, traineeId).bind(3, schemeId).bind(4, number).bind(5, issueDate).bind(6, expiry).bind(7, at).bind(8, at)
        .bind(9, key->publicKey()).bind(10, key->sign(detail::certificateSignedText(signedForm))).run();
    const Id id = m_db.lastId();
    appendAudit(by.name(), "certify", "trainee", tr->uuid, base::dumpJson(json{{"certificate", uuid}, {"number", number}, {"issued", issueDate}}), RecordRef{"certificate", uuid});
    tx.commit();
    return id;
  });
}

Status Store::revokeCertificate(const Actor& by, Id certificate, const std::string& reason) {
  if (auto st = require(by, {Role::Admin}, "certificates"); !st) return st.error();
  if (reason.empty()) return invalid("@records.field.reason");
  return guarded("revokeCertificate", [&]() -> Status {
    Transaction tx(m_db);
    m_db.prepare("UPDATE certificates SET revoked = 1, revoked_reason = ?1, updated_at = ?2 WHERE id = ?3")
        .bind(1, reason).bind(2, isoTime(now())).bind(3, certificate).run();
    if (m_db.changes() == 0) return makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.certificate"}, {"name", std::to_string(certificate)}});
    appendAudit(by.name(), "revoke", "certificate", std::to_string(certificate), base::dumpJson(json{{"reason", reason}}), RecordRef{"certificate", "", certificate});
    tx.commit();
    return imaging::Ok{};
  });
}

Result<std::vector<Certificate>> Store::certificates(const Actor& by, Id traineeId) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "trainees_view"); !st) return st.error();
  return guarded("certificates", [&]() -> Result<std::vector<Certificate>> {
    std::vector<Certificate> out;
    const std::string today = this->today();
    auto q = m_db.prepare(std::string("SELECT c.id, c.uuid, c.number, c.issue_date, c.expiry_date, c.revoked, c.trainee_id, c.scheme_id, t.name, s.title "
                                      "FROM certificates c JOIN trainees t ON t.id = c.trainee_id JOIN schemes s ON s.id = c.scheme_id") +
                          (traineeId ? " WHERE c.trainee_id = ?1" : "") + " ORDER BY c.expiry_date");
    if (traineeId) q.bind(1, traineeId);
    while (q.step()) {
      Certificate c{q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), "", q.i64(6), q.i64(7), q.text(8), q.text(9)};
      c.status = q.i64(5) ? "revoked" : (c.expiryDate < today ? "expired" : "active");
      out.push_back(std::move(c));
    }
    return out;
  });
}

Result<std::vector<Certificate>> Store::expiringWithin(const Actor& by, int days) {
  auto all = certificates(by, 0);
  if (!all) return all.error();
  const std::string today = this->today(), limit = isoTime(now() + std::int64_t(days) * 86400).substr(0, 10);
  std::vector<Certificate> out;
  for (auto& c : *all)
    if (c.status == "active" && c.expiryDate >= today && c.expiryDate <= limit) out.push_back(c);
  return out;
}

}  // namespace canting::records
