// Sessions: the bintek training days and their attendance.

#include "store_internal.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"

namespace canting::records {

using nlohmann::json;

const char* attendanceName(Attendance a) {
  switch (a) {
    case Attendance::Present: return "present";
    case Attendance::Absent: return "absent";
    case Attendance::Excused: return "excused";
  }
  return "absent";
}
std::optional<Attendance> parseAttendance(std::string_view t) {
  for (Attendance a : {Attendance::Present, Attendance::Absent, Attendance::Excused})
    if (t == attendanceName(a)) return a;
  return std::nullopt;
}

namespace {
// The trainee ids of a centre, for a session made without a list and for one
// made before sessions kept theirs (schema 5).
std::vector<Id> centreTraineeIds(Db& db, Id centre) {
  std::vector<Id> ids;
  auto q = db.prepare("SELECT id FROM trainees WHERE centre_id = ?1 ORDER BY name, id");
  q.bind(1, centre);
  while (q.step()) ids.push_back(q.i64(0));
  return ids;
}

// Who a stored session is for: its own list, else (older sessions) its centre.
std::vector<Id> rosterOf(Db& db, Id session, Id centre) {
  std::vector<Id> ids;
  auto q = db.prepare("SELECT st.trainee_id FROM session_trainees st JOIN trainees t ON t.id = st.trainee_id WHERE st.session_id = ?1 ORDER BY t.name, t.id");
  q.bind(1, session);
  while (q.step()) ids.push_back(q.i64(0));
  return ids.empty() ? centreTraineeIds(db, centre) : ids;
}

Error notOnList(const char* entity, Id trainee) {
  return makeError(canting::records::RecordsError::NotFound, {{"what", entity}, {"name", std::to_string(trainee)}});
}
}  // namespace

Result<Id> Store::addSession(const Actor& by, const Session& s) {
  if (auto st = require(by, {Role::Admin, Role::Trainer}, "sessions"); !st) return st.error();
  if (!validDate(s.date)) return invalid("@records.field.date");
  if (s.topic.empty()) return invalid("@records.field.topic");
  if (s.centre <= 0) return invalid("@records.field.centre");
  if (auto st = ownCentre(by, s.centre); !st) return st.error();
  return guarded("addSession", [&]() -> Result<Id> {
    // Checked before anything is written: an id of another centre, or one
    // marked present that the session is not for, refuses the whole session.
    const std::vector<Id> ofCentre = centreTraineeIds(m_db, s.centre);
    const std::set<Id> centreSet(ofCentre.begin(), ofCentre.end());
    const std::vector<Id> roster = s.trainees.empty() ? ofCentre : s.trainees;
    for (Id t : roster)
      if (!centreSet.count(t)) return notOnList("@records.entity.centre_trainee", t);
    const std::set<Id> rosterSet(roster.begin(), roster.end());
    for (const auto& [t, a] : s.attendance)
      if (!rosterSet.count(t)) return notOnList("@records.entity.session_trainee", t);
    Transaction tx(m_db);
    const std::string uuid = s.uuid.empty() ? newUuid() : s.uuid;
    const Id trainer = s.trainer ? s.trainer : (by.role() == Role::Trainer ? by.id() : 0);
    m_db.prepare("INSERT INTO sessions (uuid, centre_id, trainer_id, date, topic, title, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7)")
        .bind(1, uuid).bind(2, s.centre).bindIdOrNull(3, trainer).bind(4, s.date).bind(5, s.topic).bind(6, s.title).bind(7, isoTime(now())).run();
    const Id id = m_db.lastId();
    auto insU = m_db.prepare("INSERT OR IGNORE INTO session_units (session_id, unit_id) VALUES (?1, ?2)");
    for (Id u : s.units) {
      insU.reset();
      insU.bind(1, id).bind(2, u).run();
    }
    auto insT = m_db.prepare("INSERT INTO session_trainees (session_id, trainee_id) VALUES (?1, ?2)");
    for (Id t : rosterSet) {
      insT.reset();
      insT.bind(1, id).bind(2, t).run();
    }
    auto insA = m_db.prepare("INSERT INTO attendance (session_id, trainee_id, status, updated_at) VALUES (?1,?2,?3,?4)");
    for (const auto& [t, a] : s.attendance) {
      insA.reset();
      insA.bind(1, id).bind(2, t).bind(3, attendanceName(a)).bind(4, isoTime(now())).run();
    }
    appendAudit(by.name(), "create", "session", uuid,
                base::dumpJson(json{{"date", s.date}, {"topic", s.topic}, {"centre", s.centre}, {"units", s.units}, {"trainees", rosterSet.size()},
                                    {"attendance", s.attendance.size()}}));
    tx.commit();
    return id;
  });
}

Status Store::setAttendance(const Actor& by, Id session, Id trainee, Attendance a) {
  if (auto st = require(by, {Role::Admin, Role::Trainer}, "sessions"); !st) return st.error();
  return guarded("setAttendance", [&]() -> Status {
    Transaction tx(m_db);
    auto q = m_db.prepare("SELECT uuid, centre_id FROM sessions WHERE id = ?1");
    q.bind(1, session);
    if (!q.step()) return makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.session"}, {"name", std::to_string(session)}});
    const std::string uuid = q.text(0);
    const Id centre = q.i64(1);
    if (auto st = ownCentre(by, centre); !st) return st.error();
    const auto roster = rosterOf(m_db, session, centre);
    if (std::find(roster.begin(), roster.end(), trainee) == roster.end()) return notOnList("@records.entity.session_trainee", trainee);
    m_db.prepare("INSERT INTO attendance (session_id, trainee_id, status, updated_at) VALUES (?1,?2,?3,?4) "
                 "ON CONFLICT (session_id, trainee_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at")
        .bind(1, session).bind(2, trainee).bind(3, attendanceName(a)).bind(4, isoTime(now())).run();
    appendAudit(by.name(), "attendance", "session", uuid, base::dumpJson(json{{"trainee", trainee}, {"status", attendanceName(a)}}));
    tx.commit();
    return imaging::Ok{};
  });
}

Result<std::vector<Session>> Store::sessions(const Actor& by, Id centre) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "sessions_view"); !st) return st.error();
  if (by.role() == Role::Trainer && by.centre() != 0) centre = by.centre();
  return guarded("sessions", [&]() -> Result<std::vector<Session>> {
    std::vector<Session> out;
    auto q = m_db.prepare(std::string("SELECT id, uuid, date, topic, title, centre_id, IFNULL(trainer_id,0) FROM sessions") +
                          (centre ? " WHERE centre_id = ?1" : "") + " ORDER BY date DESC, id DESC");
    if (centre) q.bind(1, centre);
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.i64(5), q.i64(6), {}, {}});
    return out;
  });
}

Result<Session> Store::session(const Actor& by, Id id) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "sessions_view"); !st) return st.error();
  return guarded("session", [&]() -> Result<Session> {
    auto q = m_db.prepare("SELECT id, uuid, date, topic, title, centre_id, IFNULL(trainer_id,0) FROM sessions WHERE id = ?1");
    q.bind(1, id);
    if (!q.step()) return makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.session"}, {"name", std::to_string(id)}});
    Session s{q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.i64(5), q.i64(6), {}, {}};
    auto qu = m_db.prepare("SELECT unit_id FROM session_units WHERE session_id = ?1");
    qu.bind(1, id);
    while (qu.step()) s.units.push_back(qu.i64(0));
    auto qa = m_db.prepare("SELECT trainee_id, status FROM attendance WHERE session_id = ?1");
    qa.bind(1, id);
    while (qa.step()) s.attendance[qa.i64(0)] = parseAttendance(qa.text(1)).value_or(Attendance::Absent);
    s.trainees = rosterOf(m_db, id, s.centre);
    return s;
  });
}

Result<std::vector<Trainee>> Store::sessionTrainees(const Actor& by, Id id) {
  auto s = session(by, id);
  if (!s) return s.error();
  // Through trainee() so a trainee's data is masked for this actor as everywhere else.
  std::vector<Trainee> out;
  for (Id t : s->trainees) {
    auto one = trainee(by, t);
    // One who has since moved to a centre this actor may not see leaves a gap, not an unprintable list.
    if (!one && one.error().code == canting::records::RecordsError::NotAllowed) continue;
    if (!one) return one.error();
    out.push_back(std::move(*one));
  }
  return out;
}

}  // namespace canting::records
