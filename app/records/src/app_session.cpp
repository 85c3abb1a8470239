#include "canting/records/app_session.h"

#include "canting/core/paths.h"

namespace canting::records {

namespace {
// Asks the desk on every call rather than holding an Actor, because the
// lab keeps this store for the whole run while people log in and out.
class SessionAttempts final : public core::AttemptStore {
 public:
  SessionAttempts(Desk& desk, std::filesystem::path log) : m_desk(desk), m_log(std::move(log)) {}
  imaging::Status save(const core::Attempt& a) override {
    if (Store* s = records()) return RecordsAttemptStore(*s, *m_desk.actor()).save(a);
    return m_log.save(a);
  }
  imaging::Result<std::vector<core::Attempt>> attemptsOf(const std::string& trainee) const override {
    if (Store* s = records()) return RecordsAttemptStore(*s, *m_desk.actor()).attemptsOf(trainee);
    return m_log.attemptsOf(trainee);
  }

 private:
  Store* records() const {
    const Actor* a = m_desk.actor();
    return a && (a->role() == Role::Trainer || a->role() == Role::Admin) ? m_desk.store() : nullptr;
  }
  Desk& m_desk;
  core::AttemptLog m_log;
};
}  // namespace

bool takesOrders(const Actor* a) { return a && (a->role() == Role::Outlet || a->role() == Role::Admin); }

std::vector<std::string> orderTakers(Desk& desk) { return desk.loginNames({Role::Outlet, Role::Admin}); }

Desk& AppSession::desk() {
  if (!m_desk) {
    // The demo lives beside the real file, never in it; the CLI's --demo opens the same one.
    m_desk = std::make_unique<Desk>(core::recordsDatabase(m_folders.data), core::recordsDemoDatabase(m_folders.data), m_folders.curriculum);
  }
  return *m_desk;
}

core::AttemptStore& AppSession::attempts() {
  // Rebuilt when the desk is replaced (tests), since the adapter holds a reference to it.
  Desk& d = desk();
  if (!m_attempts || m_attemptsDesk != &d) {
    m_attempts = std::make_unique<SessionAttempts>(d, attemptLog());
    m_attemptsDesk = &d;
  }
  return *m_attempts;
}

Result<int> AppSession::importPendingAttempts() {
  Desk& d = desk();
  const Actor* a = d.actor();
  if (!a || !d.store() || d.usingDemo() || (a->role() != Role::Trainer && a->role() != Role::Admin)) return 0;
  auto n = d.store()->importPendingAttempts(*a, attemptLog());
  if (n && *n > 0) d.invalidate();
  return n;
}

std::unique_ptr<core::OrderStore> AppSession::orders() {
  Desk& d = desk();
  const Actor* a = d.actor();
  if (!takesOrders(a) || !d.store()) return nullptr;
  return std::make_unique<RecordsOrderStore>(*d.store(), *a);
}

}  // namespace canting::records
