// Attempts: the dye lab's scored attempts, and the lab's AttemptStore over them.

#include "store_internal.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"

namespace canting::records {

using nlohmann::json;

namespace {

// The attempt's row and its audit entry; the caller holds the transaction.
Id insertAttempt(Store& store, Db& db, const std::string& uuid, const core::Attempt& a, const std::string& by, bool pending) {
  Id traineeId = 0;
  auto q = db.prepare("SELECT id FROM trainees WHERE name = ?1 OR uuid = ?1 LIMIT 2");
  q.bind(1, a.trainee);
  int hits = 0;
  while (q.step()) {
    traineeId = q.i64(0);
    ++hits;
  }
  if (hits != 1) traineeId = 0;  // an unknown or ambiguous name is kept as typed
  db.prepare("INSERT INTO attempts (uuid, trainee_id, trainee_name, exercise, plan, mean_de, share_within_5, baths, fewest_baths, worst_layer, at, recorded_by) "
             "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)")
      .bind(1, uuid).bindIdOrNull(2, traineeId).bind(3, a.trainee).bind(4, a.exercise).bind(5, a.planJson).bind(6, a.meanDeltaE)
      .bind(7, a.shareWithin5).bind(8, a.baths).bind(9, a.fewestBaths).bind(10, a.worstLayer)
      .bind(11, a.when.empty() ? isoTime(store.now()) : a.when).bind(12, by).run();
  const Id id = db.lastId();
  json detail = {{"trainee", a.trainee}, {"exercise", a.exercise}, {"mean_de00", a.meanDeltaE}};
  if (pending) detail["logged_without_login"] = a.when;
  store.appendAudit(by, "attempt", "attempt", uuid, base::dumpJson(detail));
  return id;
}

// A logged line's own id: the same line always gets the same one, so an
// import cut short (a crash before the log is put aside) never doubles it.
std::string uuidOfLine(const std::string& line) {
  const std::string h = sha256Hex(line.data(), line.size());
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20, 12);
}

}  // namespace

Result<Id> Store::saveAttempt(const Actor& by, const core::Attempt& a) {
  if (auto st = require(by, {Role::Admin, Role::Trainer}, "attempts"); !st) return st.error();
  if (a.trainee.empty()) return invalid("@records.field.name");
  return guarded("saveAttempt", [&]() -> Result<Id> {
    Transaction tx(m_db);
    const Id id = insertAttempt(*this, m_db, newUuid(), a, by.name(), false);
    tx.commit();
    return id;
  });
}

Result<int> Store::importPendingAttempts(const Actor& by, const std::filesystem::path& log) {
  if (auto st = require(by, {Role::Admin, Role::Trainer}, "attempts"); !st) return st.error();
  std::error_code ec;
  if (!std::filesystem::exists(log, ec)) return 0;
  std::ifstream in(log, std::ios::binary);
  if (!in) return makeError(ErrorCode::ReadFailed, {{"path", log.string()}});
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
  in.close();
  auto added = guarded("importPendingAttempts", [&]() -> Result<int> {
    Transaction tx(m_db);
    int n = 0;
    for (const std::string& line : lines) {
      const auto a = core::parseAttemptLine(line);
      if (!a) continue;  // a damaged line stays in the log put aside below
      const std::string uuid = uuidOfLine(line);
      auto q = m_db.prepare("SELECT 1 FROM attempts WHERE uuid = ?1");
      q.bind(1, uuid);
      if (q.step()) continue;
      insertAttempt(*this, m_db, uuid, *a, by.name(), true);
      ++n;
    }
    tx.commit();
    return n;
  });
  if (!added) return added;
  // Kept beside, never deleted: the file is the only copy of a damaged line.
  std::filesystem::rename(log, log.string() + ".imported-" + isoTime(now()).substr(0, 10) + "-" + std::to_string(now()), ec);
  return added;
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
