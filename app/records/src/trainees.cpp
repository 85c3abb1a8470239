// Trainees: their identity records, versions and what each role may see.

#include "store_internal.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"

namespace canting::records {

using nlohmann::json;

namespace {
json traineeJson(const Trainee& t) {
  return {{"uuid", t.uuid}, {"name", t.name}, {"nik", t.nik}, {"birth_date", t.birthDate}, {"sex", t.sex}, {"phone", t.phone},
          {"centre", t.centre}, {"trainer", t.trainer}, {"consent", t.consent}};
}
}  // namespace

Status detail::validateTrainee(const Trainee& t) {
  if (t.name.empty()) return invalid("@records.field.name");
  if (!validNik(t.nik)) return invalid("@records.field.nik");
  if (!t.birthDate.empty() && !validDate(t.birthDate)) return invalid("@records.field.birth_date");
  if (t.sex != "" && t.sex != "L" && t.sex != "P") return invalid("@records.field.sex");
  if (!t.phone.empty() && (t.phone.size() < 8 || t.phone.size() > 16 ||
                           !std::all_of(t.phone.begin(), t.phone.end(), [](char c) { return (c >= '0' && c <= '9') || c == '+'; })))
    return invalid("@records.field.phone");
  if (!t.consent) return invalid("@records.field.consent");
  if (t.centre <= 0) return invalid("@records.field.centre");
  return imaging::Ok{};
}

Result<Id> Store::addTrainee(const Actor& by, const Trainee& in) {
  if (auto st = require(by, {Role::Admin, Role::Trainer}, "trainees"); !st) return st.error();
  if (auto st = detail::validateTrainee(in); !st) return st.error();
  if (auto st = ownCentre(by, in.centre); !st) return st.error();
  return guarded("addTrainee", [&]() -> Result<Id> {
    Transaction tx(m_db);
    auto dup = m_db.prepare("SELECT COUNT(*) FROM trainees WHERE nik = ?1");
    dup.bind(1, in.nik).step();
    if (dup.i64(0) > 0) return invalid("@records.field.nik_taken");
    Trainee t = in;
    if (t.uuid.empty()) t.uuid = newUuid();
    if (t.trainer == 0 && by.role() == Role::Trainer) t.trainer = by.id();
    t.updatedAt = isoTime(now());
    const Id id = detail::insertTrainee(m_db, t);
    detail::insertTraineeVersion(m_db, t, "local");
    appendAudit(by.name(), "create", "trainee", t.uuid, base::dumpJson(json{{"name", t.name}, {"centre", t.centre}}));
    tx.commit();
    return id;
  });
}

Id detail::insertTrainee(Db& db, const Trainee& t) {
  db.prepare("INSERT INTO trainees (uuid, name, nik, birth_date, sex, centre_id, trainer_id, phone, consent, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)")
      .bind(1, t.uuid).bind(2, t.name).bind(3, t.nik).bind(4, t.birthDate).bind(5, t.sex).bind(6, t.centre).bindIdOrNull(7, t.trainer)
      .bind(8, t.phone).bind(9, t.consent ? 1 : 0).bind(10, t.updatedAt).run();
  return db.lastId();
}

void detail::insertTraineeVersion(Db& db, const Trainee& t, const std::string& origin) {
  json j = traineeJson(t);
  j["updated_at"] = t.updatedAt;
  db.prepare("INSERT OR IGNORE INTO trainee_versions (trainee_uuid, updated_at, origin, data) VALUES (?1,?2,?3,?4)")
      .bind(1, t.uuid).bind(2, t.updatedAt).bind(3, origin).bind(4, base::dumpJson(j)).run();
}

Status Store::updateTrainee(const Actor& by, const Trainee& in) {
  if (auto st = require(by, {Role::Admin, Role::Trainer}, "trainees"); !st) return st.error();
  if (auto st = detail::validateTrainee(in); !st) return st.error();
  auto old = trainee(by, in.id);
  if (!old) return old.error();
  if (old->masked) return makeError(canting::records::RecordsError::NotAllowed, {{"role", std::string("@records.role.") + roleName(by.role())}, {"what", "@records.action.private"}});
  return guarded("updateTrainee", [&]() -> Status {
    Transaction tx(m_db);
    Trainee t = in;
    t.uuid = old->uuid;
    t.updatedAt = isoTime(now());
    m_db.prepare("UPDATE trainees SET name=?1, nik=?2, birth_date=?3, sex=?4, centre_id=?5, trainer_id=?6, phone=?7, consent=?8, updated_at=?9 WHERE id=?10")
        .bind(1, t.name).bind(2, t.nik).bind(3, t.birthDate).bind(4, t.sex).bind(5, t.centre).bindIdOrNull(6, t.trainer)
        .bind(7, t.phone).bind(8, t.consent ? 1 : 0).bind(9, t.updatedAt).bind(10, t.id).run();
    detail::insertTraineeVersion(m_db, t, "local");
    json changed = json::object();
    const json a = traineeJson(*old), b = traineeJson(t);
    for (auto it = b.begin(); it != b.end(); ++it)
      if (a[it.key()] != it.value()) changed[it.key()] = (it.key() == "nik" || it.key() == "phone") ? json("(diubah)") : it.value();
    appendAudit(by.name(), "update", "trainee", t.uuid, base::dumpJson(changed));
    tx.commit();
    return imaging::Ok{};
  });
}

namespace {
// What a masked reader still sees: "3303********0001", "*********123".
constexpr int kNikShown = 4, kPhoneShown = 3;
}  // namespace

// NIK and phone are for administrators and the trainee's own trainer only.
Trainee Store::readTrainee(const Actor& by, Stmt& q) const {
  Trainee t;
  t.id = q.i64(0), t.uuid = q.text(1), t.name = q.text(2), t.nik = q.text(3), t.birthDate = q.text(4), t.sex = q.text(5);
  t.centre = q.i64(6), t.trainer = q.i64(7), t.phone = q.text(8), t.consent = q.i64(9) != 0, t.updatedAt = q.text(10);
  const bool maysee = by.role() == Role::Admin || (by.role() == Role::Trainer && t.trainer == by.id());
  if (!maysee) {
    t.nik = maskTail(t.nik, kNikShown);
    t.phone = maskTail(t.phone, kPhoneShown);
    t.masked = true;
  }
  return t;
}

namespace {
constexpr const char* kTraineeCols = "SELECT id, uuid, name, nik, birth_date, sex, centre_id, IFNULL(trainer_id,0), phone, consent, updated_at FROM trainees";
}

Result<std::vector<Trainee>> Store::trainees(const Actor& by, Id centre) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "trainees_view"); !st) return st.error();
  if (by.role() == Role::Trainer && by.centre() != 0) centre = by.centre();
  return guarded("trainees", [&]() -> Result<std::vector<Trainee>> {
    std::vector<Trainee> out;
    auto q = m_db.prepare(std::string(kTraineeCols) + (centre ? " WHERE centre_id = ?1" : "") + " ORDER BY name");
    if (centre) q.bind(1, centre);
    while (q.step()) out.push_back(readTrainee(by, q));
    return out;
  });
}

Result<Trainee> Store::trainee(const Actor& by, Id id) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "trainees_view"); !st) return st.error();
  return guarded("trainee", [&]() -> Result<Trainee> {
    auto q = m_db.prepare(std::string(kTraineeCols) + " WHERE id = ?1");
    q.bind(1, id);
    if (!q.step()) return makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.trainee"}, {"name", std::to_string(id)}});
    Trainee t = readTrainee(by, q);
    if (auto st = ownCentre(by, t.centre); !st) return st.error();
    return t;
  });
}

Result<std::vector<std::string>> Store::traineeHistory(const Actor& by, Id id) {
  auto t = trainee(by, id);
  if (!t) return t.error();
  return guarded("traineeHistory", [&]() -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    auto q = m_db.prepare("SELECT data, origin FROM trainee_versions WHERE trainee_uuid = ?1 ORDER BY updated_at, id");
    q.bind(1, t->uuid);
    while (q.step()) {
      json j = json::parse(q.text(0), nullptr, false);
      if (t->masked && j.is_object()) {
        j["nik"] = maskTail(j.value("nik", ""), kNikShown);
        j["phone"] = maskTail(j.value("phone", ""), kPhoneShown);
      }
      if (j.is_object()) j["origin"] = q.text(1);
      out.push_back(base::dumpJson(j));
    }
    return out;
  });
}

}  // namespace canting::records
