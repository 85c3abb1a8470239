// Attempts: the dye lab's scored attempts, and the lab's AttemptStore over them.

#include "store_internal.h"

#include <nlohmann/json.hpp>

#include "canting/base/json.h"

namespace canting::records {

using nlohmann::json;

Result<Id> Store::saveAttempt(const Actor& by, const core::Attempt& a) {
  if (auto st = require(by, {Role::Admin, Role::Trainer}, "attempts"); !st) return st.error();
  if (a.trainee.empty()) return invalid("@records.field.name");
  return guarded("saveAttempt", [&]() -> Result<Id> {
    Transaction tx(m_db);
    Id traineeId = 0;
    auto q = m_db.prepare("SELECT id FROM trainees WHERE name = ?1 OR uuid = ?1 LIMIT 2");
    q.bind(1, a.trainee);
    int hits = 0;
    while (q.step()) {
      traineeId = q.i64(0);
      ++hits;
    }
    if (hits != 1) traineeId = 0;  // an unknown or ambiguous name is kept as typed
    const std::string uuid = newUuid();
    m_db.prepare("INSERT INTO attempts (uuid, trainee_id, trainee_name, exercise, plan, mean_de, share_within_5, baths, fewest_baths, worst_layer, at, recorded_by) "
                 "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)")
        .bind(1, uuid).bindIdOrNull(2, traineeId).bind(3, a.trainee).bind(4, a.exercise).bind(5, a.planJson).bind(6, a.meanDeltaE)
        .bind(7, a.shareWithin5).bind(8, a.baths).bind(9, a.fewestBaths).bind(10, a.worstLayer)
        .bind(11, a.when.empty() ? isoTime(now()) : a.when).bind(12, by.name()).run();
    const Id id = m_db.lastId();
    appendAudit(by.name(), "attempt", "attempt", uuid, base::dumpJson(json{{"trainee", a.trainee}, {"exercise", a.exercise}, {"mean_de00", a.meanDeltaE}}));
    tx.commit();
    return id;
  });
}

Result<std::vector<core::Attempt>> Store::attemptsOf(const Actor& by, const std::string& traineeName) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "trainees_view"); !st) return st.error();
  return guarded("attemptsOf", [&]() -> Result<std::vector<core::Attempt>> {
    std::vector<core::Attempt> out;
    auto q = m_db.prepare("SELECT trainee_name, exercise, plan, mean_de, share_within_5, baths, fewest_baths, worst_layer, at FROM attempts "
                          "WHERE trainee_name = ?1 ORDER BY at, id");
    q.bind(1, traineeName);
    while (q.step())
      out.push_back({q.text(0), q.text(1), q.text(2), q.f64(3), q.f64(4), int(q.i64(5)), int(q.i64(6)), q.text(7), q.text(8)});
    return out;
  });
}

imaging::Status RecordsAttemptStore::save(const core::Attempt& a) {
  auto r = m_store.saveAttempt(m_actor, a);
  if (!r) return r.error();
  return imaging::Ok{};
}
imaging::Result<std::vector<core::Attempt>> RecordsAttemptStore::attemptsOf(const std::string& trainee) const {
  return m_store.attemptsOf(m_actor, trainee);
}

}  // namespace canting::records
