// Progress: the dashboard per centre, the trainee x unit matrix and one
// trainee's units. Read-only views over unit_status.

#include "store_internal.h"

#include <algorithm>
#include <map>

namespace canting::records {

Result<std::vector<CentreProgress>> Store::dashboard(const Actor& by) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "trainees_view"); !st) return st.error();
  return guarded("dashboard", [&]() -> Result<std::vector<CentreProgress>> {
    std::vector<CentreProgress> out;
    std::map<Id, std::size_t> at;
    auto qc = m_db.prepare("SELECT id, name FROM centres ORDER BY id");
    while (qc.step()) {
      at[qc.i64(0)] = out.size();
      out.push_back({qc.i64(0), qc.text(1)});
    }
    auto each = [&](const char* sql, int CentreProgress::*field, bool bindDates = false) {
      auto q = m_db.prepare(sql);
      if (bindDates) q.bind(1, today());
      while (q.step())
        if (auto it = at.find(q.i64(0)); it != at.end()) out[it->second].*field = int(q.i64(1));
    };
    each("SELECT centre_id, COUNT(*) FROM trainees GROUP BY centre_id", &CentreProgress::trainees);
    each("SELECT centre_id, COUNT(*) FROM sessions GROUP BY centre_id", &CentreProgress::sessions);
    // Kept by triggers as unit_status changes (schema v10): one row per centre, not a count of every latest outcome.
    each("SELECT centre_id, units_achieved FROM centre_progress", &CentreProgress::unitsAchieved);
    each("SELECT t.centre_id, COUNT(DISTINCT c.trainee_id) FROM certificates c JOIN trainees t ON t.id = c.trainee_id "
         "WHERE c.revoked = 0 AND c.expiry_date >= ?1 GROUP BY t.centre_id", &CentreProgress::certified, true);
    {
      auto q = m_db.prepare("SELECT t.centre_id, COUNT(*) FROM certificates c JOIN trainees t ON t.id = c.trainee_id "
                            "WHERE c.revoked = 0 AND c.expiry_date >= ?1 AND c.expiry_date <= ?2 GROUP BY t.centre_id");
      q.bind(1, today()).bind(2, isoTime(now() + 90 * 86400).substr(0, 10));
      while (q.step())
        if (auto it = at.find(q.i64(0)); it != at.end()) out[it->second].expiring90 = int(q.i64(1));
    }
    if (by.role() == Role::Trainer && by.centre() != 0)
      out.erase(std::remove_if(out.begin(), out.end(), [&](const CentreProgress& p) { return p.centre != by.centre(); }), out.end());
    return out;
  });
}

Result<Matrix> Store::matrix(const Actor& by, Id centre, Id schemeId) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "trainees_view"); !st) return st.error();
  if (auto st = ownCentre(by, centre); !st) return st.error();
  return guarded("matrix", [&]() -> Result<Matrix> {
    Matrix m;
    std::map<Id, std::size_t> col;
    auto qu = m_db.prepare("SELECT id, code, title FROM units WHERE scheme_id = ?1 ORDER BY sort");
    qu.bind(1, schemeId);
    while (qu.step()) {
      col[qu.i64(0)] = m.units.size();
      m.units.push_back({qu.i64(0), qu.text(1), qu.text(2), {}});
    }
    std::map<Id, std::size_t> row;
    auto qt = m_db.prepare("SELECT id, name FROM trainees WHERE centre_id = ?1 ORDER BY name, id");
    qt.bind(1, centre);
    while (qt.step()) {
      row[qt.i64(0)] = m.trainees.size();
      m.trainees.emplace_back(qt.i64(0), qt.text(1));
    }
    m.cells.assign(m.trainees.size(), std::string(m.units.size(), ' '));
    auto qs = m_db.prepare("SELECT trainee_id, unit_id, k FROM unit_status WHERE centre_id = ?1");
    qs.bind(1, centre);
    while (qs.step()) {
      auto r = row.find(qs.i64(0));
      auto c = col.find(qs.i64(1));
      if (r != row.end() && c != col.end()) m.cells[r->second][c->second] = qs.i64(2) ? 'K' : 'B';
    }
    return m;
  });
}

Result<std::vector<std::pair<Unit, char>>> Store::unitProgress(const Actor& by, Id traineeId, Id schemeId) {
  auto tr = trainee(by, traineeId);
  if (!tr) return tr.error();
  auto sch = scheme(by, schemeId);
  if (!sch) return sch.error();
  return guarded("unitProgress", [&]() -> Result<std::vector<std::pair<Unit, char>>> {
    std::map<Id, char> st;
    auto q = m_db.prepare("SELECT unit_id, k FROM unit_status WHERE trainee_id = ?1");
    q.bind(1, traineeId);
    while (q.step()) st[q.i64(0)] = q.i64(1) ? 'K' : 'B';
    std::vector<std::pair<Unit, char>> out;
    for (const auto& u : sch->units) out.emplace_back(u, st.count(u.id) ? st[u.id] : ' ');
    return out;
  });
}

}  // namespace canting::records
