// Access: the people who log in, their PINs (Argon2id via libsodium), the
// count-down and lock-out after wrong PINs, and the role names. Each person's
// signing key is made with them, opened at login and sealed again when the
// PIN changes (keys.cpp).

#include "keys_internal.h"
#include "store_internal.h"

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"

namespace canting::records {

using nlohmann::json;

const char* roleName(Role r) {
  switch (r) {
    case Role::Admin: return "admin";
    case Role::Trainer: return "trainer";
    case Role::Assessor: return "assessor";
    case Role::Outlet: return "outlet";
  }
  return "outlet";
}
std::optional<Role> parseRole(std::string_view t) {
  for (Role r : {Role::Admin, Role::Trainer, Role::Assessor, Role::Outlet})
    if (t == roleName(r)) return r;
  return std::nullopt;
}

std::string Store::hashPin(const std::string& pin) const {
  char out[crypto_pwhash_STRBYTES];
  const bool fast = m_opt.pinCost == PinCost::Minimum;
  if (crypto_pwhash_str_alg(out, pin.c_str(), pin.size(), fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw DbError{SQLITE_NOMEM, SQLITE_NOMEM, "PIN hashing ran out of memory"};
  return out;
}

namespace {
Status checkPin(const std::string& pin) {
  if (pin.size() < 4 || pin.size() > 12 || !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return invalid("PIN (4-12 angka / digits)");
  return imaging::Ok{};
}
}  // namespace

Result<Id> Store::createFirstAdmin(const std::string& name, const std::string& pin) {
  if (name.empty()) return invalid("name");
  if (auto st = checkPin(pin); !st) return st.error();
  return guarded("createFirstAdmin", [&]() -> Result<Id> {
    Transaction tx(m_db);
    auto q = m_db.prepare("SELECT COUNT(*) FROM people");
    q.step();
    if (q.i64(0) > 0) return makeError(canting::records::RecordsError::NotAllowed, {{"role", "-"}, {"what", "@records.action.first_admin"}});
    const std::string uuid = newUuid();
    m_db.prepare("INSERT INTO people (uuid, name, role, pin_hash, updated_at) VALUES (?1, ?2, 'admin', ?3, ?4)")
        .bind(1, uuid).bind(2, name).bind(3, hashPin(pin)).bind(4, isoTime(now())).run();
    const Id id = m_db.lastId();
    appendAudit(name, "create", "person", uuid, base::dumpJson(json{{"name", name}, {"role", "admin"}}));
    detail::createPersonKey(*this, uuid, name, Role::Admin, 0, pin);
    tx.commit();
    return id;
  });
}

Result<Actor> Store::login(const std::string& name, const std::string& pin) {
  return guarded("login", [&]() -> Result<Actor> {
    auto q = m_db.prepare("SELECT id, uuid, role, IFNULL(centre_id, 0), pin_hash, failed, locked_until FROM people WHERE name = ?1");
    q.bind(1, name);
    // An unknown name costs the same answer as a wrong PIN.
    if (!q.step()) return makeError(canting::records::RecordsError::LoginFailed, {{"left", std::to_string(m_opt.maxFailedLogins)}});
    const Id id = q.i64(0);
    const std::string uuid = q.text(1), hash = q.text(4);
    const Role role = parseRole(q.text(2)).value_or(Role::Outlet);
    const Id centre = q.i64(3);
    int failed = int(q.i64(5));
    const std::int64_t lockedUntil = q.i64(6);
    q = Stmt();
    if (lockedUntil > now()) return makeError(canting::records::RecordsError::AccountLocked, {{"until", isoTime(lockedUntil).substr(11, 5) + " UTC"}});
    if (hash.empty() || crypto_pwhash_str_verify(hash.c_str(), pin.c_str(), pin.size()) != 0) {
      ++failed;
      Transaction tx(m_db);
      const bool lock = failed >= m_opt.maxFailedLogins;
      m_db.prepare("UPDATE people SET failed = ?1, locked_until = ?2 WHERE id = ?3")
          .bind(1, lock ? 0 : failed).bind(2, lock ? now() + m_opt.lockSeconds : std::int64_t(0)).bind(3, id).run();
      appendAudit(name, lock ? "locked" : "login-failed", "person", uuid, "{}");
      tx.commit();
      if (lock) return makeError(canting::records::RecordsError::AccountLocked, {{"until", isoTime(now() + m_opt.lockSeconds).substr(11, 5) + " UTC"}});
      return makeError(canting::records::RecordsError::LoginFailed, {{"left", std::to_string(m_opt.maxFailedLogins - failed)}});
    }
    if (failed > 0) m_db.prepare("UPDATE people SET failed = 0 WHERE id = ?1").bind(1, id).run();
    Actor actor(id, name, role, centre);
    // A person from before keys gets one now; a key that does not open leaves
    // them logged in but unable to sign (recording says so).
    actor.m_key = detail::openPersonKey(*this, uuid, name, role, centre, pin);
    return actor;
  });
}

Result<std::vector<std::string>> Store::loginNames() { return loginNames({Role::Admin, Role::Trainer, Role::Assessor, Role::Outlet}); }

Result<std::vector<std::string>> Store::loginNames(std::initializer_list<Role> roles) {
  return guarded("loginNames", [&]() -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    // People imported from bundles have no PIN here and cannot log in.
    auto q = m_db.prepare("SELECT name, role FROM people WHERE pin_hash != '' ORDER BY role = 'admin' DESC, name");
    while (q.step()) {
      const auto role = parseRole(q.text(1));
      if (role && std::find(roles.begin(), roles.end(), *role) != roles.end()) out.push_back(q.text(0));
    }
    return out;
  });
}

Result<Id> Store::addPerson(const Actor& by, const Person& p, const std::string& pin) {
  if (auto st = require(by, {Role::Admin}, "people"); !st) return st.error();
  if (p.name.empty()) return invalid("name");
  if (auto st = checkPin(pin); !st) return st.error();
  return guarded("addPerson", [&]() -> Result<Id> {
    Transaction tx(m_db);
    const std::string uuid = p.uuid.empty() ? newUuid() : p.uuid;
    m_db.prepare("INSERT INTO people (uuid, name, role, centre_id, registration, pin_hash, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7)")
        .bind(1, uuid).bind(2, p.name).bind(3, roleName(p.role)).bindIdOrNull(4, p.centre).bind(5, p.registration)
        .bind(6, hashPin(pin)).bind(7, isoTime(now())).run();
    const Id id = m_db.lastId();
    appendAudit(by.name(), "create", "person", uuid,
                base::dumpJson(json{{"name", p.name}, {"role", roleName(p.role)}, {"centre", p.centre}, {"registration", p.registration}}));
    detail::createPersonKey(*this, uuid, p.name, p.role, p.centre, pin);
    tx.commit();
    return id;
  });
}

Status Store::changePin(const Actor& by, const std::string& oldPin, const std::string& newPin) {
  if (auto st = checkPin(newPin); !st) return st;
  return guarded("changePin", [&]() -> Status {
    std::string uuid, hash;
    {
      auto q = m_db.prepare("SELECT uuid, pin_hash FROM people WHERE id = ?1");
      q.bind(1, by.id());
      if (!q.step()) return makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.person"}, {"name", by.name()}});
      uuid = q.text(0), hash = q.text(1);
    }
    if (hash.empty() || crypto_pwhash_str_verify(hash.c_str(), oldPin.c_str(), oldPin.size()) != 0)
      return invalid("@records.keys.old_pin");
    Transaction tx(m_db);
    m_db.prepare("UPDATE people SET pin_hash = ?1, updated_at = ?2 WHERE id = ?3").bind(1, hashPin(newPin)).bind(2, isoTime(now())).bind(3, by.id()).run();
    detail::resealPersonKeys(*this, uuid, oldPin, newPin);
    appendAudit(by.name(), "change-pin", "person", uuid, "{}");
    tx.commit();
    return imaging::Ok{};
  });
}

Result<std::vector<Person>> Store::people(const Actor& by) {
  if (auto st = require(by, {Role::Admin, Role::Trainer, Role::Assessor}, "people_list"); !st) return st.error();
  return guarded("people", [&]() -> Result<std::vector<Person>> {
    std::vector<Person> out;
    auto q = m_db.prepare("SELECT id, uuid, name, role, IFNULL(centre_id,0), registration, locked_until FROM people ORDER BY name");
    while (q.step())
      out.push_back({q.i64(0), q.text(1), q.text(2), parseRole(q.text(3)).value_or(Role::Outlet), q.i64(4), q.text(5), q.i64(6) > now()});
    return out;
  });
}

Status Store::unlock(const Actor& by, Id person) {
  if (auto st = require(by, {Role::Admin}, "people"); !st) return st.error();
  return guarded("unlock", [&]() -> Status {
    Transaction tx(m_db);
    m_db.prepare("UPDATE people SET failed = 0, locked_until = 0 WHERE id = ?1").bind(1, person).run();
    if (m_db.changes() == 0) return makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.person"}, {"name", std::to_string(person)}});
    appendAudit(by.name(), "unlock", "person", std::to_string(person), "{}");
    tx.commit();
    return imaging::Ok{};
  });
}

}  // namespace canting::records
