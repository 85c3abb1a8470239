// Curriculum: the certification schemes, loaded from their files
// (scheme_file.cpp) and frozen once loaded, because assessments point at a
// scheme version.

#include "store_internal.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "scheme_file.h"

namespace canting::records {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<Unit> detail::readUnits(Db& db, Id scheme) {
  std::vector<Unit> units;
  auto qu = db.prepare("SELECT id, code, title FROM units WHERE scheme_id = ?1 ORDER BY sort");
  auto qe = db.prepare("SELECT id, title FROM elements WHERE unit_id = ?1 ORDER BY sort");
  auto qc = db.prepare("SELECT id, text FROM criteria WHERE element_id = ?1 ORDER BY sort");
  qu.bind(1, scheme);
  while (qu.step()) {
    Unit u{qu.i64(0), qu.text(1), qu.text(2), {}};
    qe.reset();
    qe.bind(1, u.id);
    while (qe.step()) {
      Element e{qe.i64(0), qe.text(1), {}};
      qc.reset();
      qc.bind(1, e.id);
      while (qc.step()) e.criteria.push_back({qc.i64(0), qc.text(1)});
      u.elements.push_back(std::move(e));
    }
    units.push_back(std::move(u));
  }
  return units;
}

Id detail::insertScheme(Db& db, const Scheme& s, const std::string& loadedAt) {
  db.prepare("INSERT INTO schemes (uuid, code, title, version, kind, decree, source, validity_years, loaded_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)")
      .bind(1, s.uuid).bind(2, s.code).bind(3, s.title).bind(4, s.version).bind(5, s.kind)
      .bind(6, s.decree).bind(7, s.source).bind(8, s.validityYears).bind(9, loadedAt).run();
  const Id sid = db.lastId();
  auto insU = db.prepare("INSERT INTO units (scheme_id, code, title, sort) VALUES (?1,?2,?3,?4)");
  auto insE = db.prepare("INSERT INTO elements (unit_id, title, sort) VALUES (?1,?2,?3)");
  auto insC = db.prepare("INSERT INTO criteria (element_id, text, sort) VALUES (?1,?2,?3)");
  int us = 0;
  for (const Unit& u : s.units) {
    insU.reset();
    insU.bind(1, sid).bind(2, u.code).bind(3, u.title).bind(4, us++).run();
    const Id uid = db.lastId();
    int es = 0;
    for (const Element& e : u.elements) {
      insE.reset();
      insE.bind(1, uid).bind(2, e.title).bind(3, es++).run();
      const Id eid = db.lastId();
      int cs = 0;
      for (const Criterion& c : e.criteria) {
        insC.reset();
        insC.bind(1, eid).bind(2, c.text).bind(3, cs++).run();
      }
    }
  }
  return sid;
}

Result<Id> Store::loadScheme(const Actor& by, const fs::path& file) {
  if (auto st = require(by, {Role::Admin}, "curriculum"); !st) return st.error();
  auto parsed = detail::readSchemeFile(file);
  if (!parsed) return parsed.error();
  return loadScheme(by, std::move(*parsed), file.filename().string());
}

Result<Id> Store::loadScheme(const Actor& by, Scheme s, const std::string& from) {
  if (auto st = require(by, {Role::Admin}, "curriculum"); !st) return st.error();
  return guarded("loadScheme", [&]() -> Result<Id> {
    Transaction tx(m_db);
    auto have = m_db.prepare("SELECT id FROM schemes WHERE code = ?1 AND title = ?2 AND version = ?3");
    have.bind(1, s.code).bind(2, s.title).bind(3, s.version);
    // A scheme version, once loaded, is frozen: assessments point at it.
    if (have.step()) return have.i64(0);
    if (s.uuid.empty()) s.uuid = newUuid();
    const Id sid = detail::insertScheme(m_db, s, isoTime(now()));
    appendAudit(by.name(), "load", "scheme", s.uuid, base::dumpJson(json{{"title", s.title}, {"version", s.version}, {"file", from}}));
    tx.commit();
    return sid;
  });
}

Result<int> Store::loadCurriculum(const Actor& by, const fs::path& folder) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(folder, ec))
    if (e.path().extension() == ".json") files.push_back(e.path());
  if (ec) return makeError(ErrorCode::DirectoryMissing, {{"path", folder.string()}});
  std::sort(files.begin(), files.end());
  int n = 0;
  for (const auto& f : files) {
    auto r = loadScheme(by, f);
    if (!r) return r.error();
    ++n;
  }
  return n;
}

Result<std::vector<Scheme>> Store::schemes(const Actor&) {
  return guarded("schemes", [&]() -> Result<std::vector<Scheme>> {
    std::vector<Scheme> out;
    auto q = m_db.prepare("SELECT id, uuid, code, title, version, kind, decree, source, validity_years FROM schemes ORDER BY title, version");
    while (q.step()) {
      Scheme s;
      s.id = q.i64(0), s.uuid = q.text(1), s.code = q.text(2), s.title = q.text(3), s.version = q.text(4);
      s.kind = q.text(5), s.decree = q.text(6), s.source = q.text(7), s.validityYears = int(q.i64(8));
      out.push_back(std::move(s));
    }
    return out;
  });
}

Result<Scheme> Store::scheme(const Actor& by, Id id) {
  auto all = schemes(by);
  if (!all) return all.error();
  auto it = std::find_if(all->begin(), all->end(), [&](const Scheme& s) { return s.id == id; });
  if (it == all->end()) return makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.scheme"}, {"name", std::to_string(id)}});
  Scheme s = *it;
  return guarded("scheme", [&]() -> Result<Scheme> {
    s.units = detail::readUnits(m_db, id);
    return std::move(s);
  });
}

}  // namespace canting::records
