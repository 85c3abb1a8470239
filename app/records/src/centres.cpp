// Centres: the batik centres (sentra) of the regency.

#include "store_internal.h"

#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/base/text.h"

namespace canting::records {

using nlohmann::json;

Result<Id> Store::addCentre(const Actor& by, const Centre& c) {
  if (auto st = require(by, {Role::Admin}, "centres"); !st) return st.error();
  if (c.name.empty()) return invalid("@records.field.centre_name");
  return guarded("addCentre", [&]() -> Result<Id> {
    Transaction tx(m_db);
    auto dup = m_db.prepare("SELECT COUNT(*) FROM centres WHERE name = ?1");
    dup.bind(1, c.name).step();
    if (dup.i64(0) > 0) return invalid("@records.field.centre_name_taken");
    const std::string uuid = c.uuid.empty() ? newUuid() : c.uuid;
    m_db.prepare("INSERT INTO centres (uuid, name, desa, kecamatan, note, updated_at) VALUES (?1,?2,?3,?4,?5,?6)")
        .bind(1, uuid).bind(2, c.name).bind(3, c.desa).bind(4, c.kecamatan).bind(5, c.note).bind(6, isoTime(now())).run();
    const Id id = m_db.lastId();
    appendAudit(by.name(), "create", "centre", uuid, base::dumpJson(json{{"name", c.name}, {"desa", c.desa}, {"kecamatan", c.kecamatan}}));
    tx.commit();
    return id;
  });
}

Status Store::updateCentre(const Actor& by, const Centre& c) {
  if (auto st = require(by, {Role::Admin}, "centres"); !st) return st.error();
  if (c.name.empty()) return invalid("@records.field.centre_name");
  return guarded("updateCentre", [&]() -> Status {
    Transaction tx(m_db);
    // The audit entry keeps what the centre was: its versions, since the row holds only the last.
    json was;
    {
      auto q = m_db.prepare("SELECT name, desa, kecamatan, note FROM centres WHERE id = ?1");
      q.bind(1, c.id);
      if (q.step()) was = {{"name", q.text(0)}, {"desa", q.text(1)}, {"kecamatan", q.text(2)}, {"note", q.text(3)}};
    }
    m_db.prepare("UPDATE centres SET name=?1, desa=?2, kecamatan=?3, note=?4, updated_at=?5 WHERE id=?6")
        .bind(1, c.name).bind(2, c.desa).bind(3, c.kecamatan).bind(4, c.note).bind(5, isoTime(now())).bind(6, c.id).run();
    if (m_db.changes() == 0) return makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.centre"}, {"name", c.name}});
    appendAudit(by.name(), "update", "centre", c.uuid,
                base::dumpJson(json{{"name", c.name}, {"desa", c.desa}, {"kecamatan", c.kecamatan}, {"note", c.note}, {"was", was}}));
    tx.commit();
    return imaging::Ok{};
  });
}

Result<std::vector<Centre>> Store::centres(const Actor&) {
  return guarded("centres", [&]() -> Result<std::vector<Centre>> {
    std::vector<Centre> out;
    // Limbasari first, as the regency lists it; then by name.
    auto q = m_db.prepare("SELECT id, uuid, name, desa, kecamatan, note FROM centres ORDER BY id");
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5)});
    return out;
  });
}

Result<Centre> Store::centreByName(const Actor& by, const std::string& key) {
  auto all = centres(by);
  if (!all) return all.error();
  for (const auto& c : *all)
    if (c.name == key || c.uuid == key || std::to_string(c.id) == key) return c;
  // Forgiving: "limbasari" finds "Kampung Batik Limbasari" when only one centre matches.
  std::vector<Centre> hits;
  const std::string lowKey = base::asciiLower(key);
  for (const auto& c : *all)
    if (base::asciiLower(c.name).find(lowKey) != std::string::npos) hits.push_back(c);
  if (hits.size() == 1) return hits.front();
  return makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.centre"}, {"name", key}});
}

}  // namespace canting::records
