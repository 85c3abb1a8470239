#include "canting/records/desk.h"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "canting/core/paths.h"
#include "canting/records/demo.h"
#include "store_internal.h"

namespace canting::records {

namespace fs = std::filesystem;

const std::vector<std::string>& assessmentMethods() {
  static const std::vector<std::string> v = {"observasi", "demonstrasi", "portofolio", "pihak-ketiga", "wawancara", "lisan", "tertulis", "proyek"};
  return v;
}
const std::vector<std::string>& assessmentPlaces() {
  static const std::vector<std::string> v = {"sewaktu", "tempat-kerja", "mandiri"};
  return v;
}

fs::path sessionTopicsFile() { return core::assetsDir() / "training" / "topics.json"; }

Result<std::vector<std::string>> readSessionTopics(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return imaging::makeError(imaging::ErrorCode::FileNotFound, {{"path", file.string()}});
  const auto j = nlohmann::json::parse(in, nullptr, false);
  auto bad = [&](const std::string& reason) {
    return imaging::makeError(imaging::ErrorCode::MalformedFile, {{"path", file.string()}, {"where", "topics"}, {"reason", reason}});
  };
  if (!j.is_object() || !j.contains("topics") || !j["topics"].is_array() || j["topics"].empty()) return bad("missing or empty");
  std::vector<std::string> topics;
  for (const auto& t : j["topics"]) {
    if (!t.is_string() || t.get<std::string>().empty()) return bad("not a name");
    topics.push_back(t.get<std::string>());
  }
  return topics;
}

bool AssessmentForm::canBeK(const Scheme& s, Id unit) const {
  for (const auto& u : s.units) {
    if (u.id != unit) continue;
    for (const auto& e : u.elements)
      for (const auto& c : e.criteria) {
        auto it = criteria.find(c.id);
        if (it == criteria.end() || it->second != 1) return false;
      }
    return true;
  }
  return false;
}

void AssessmentForm::setWholeUnit(const Scheme& s, Id unit, bool ya) {
  for (const auto& u : s.units) {
    if (u.id != unit) continue;
    for (const auto& e : u.elements)
      for (const auto& c : e.criteria) criteria[c.id] = ya ? 1 : 0;
    units[unit] = ya ? 1 : 0;
  }
}

AssessmentInput AssessmentForm::toInput() const {
  AssessmentInput in;
  in.trainee = trainee;
  in.scheme = scheme;
  in.date = date;
  const auto& places = assessmentPlaces();
  in.place = "TUK " + places[std::size_t(place) % places.size()] + (placeNote.empty() ? "" : ", " + placeNote);
  in.methods.assign(methods.begin(), methods.end());
  for (const auto& [c, v] : criteria)
    if (v >= 0) in.criteria[c] = v == 1;
  for (const auto& [u, v] : units)
    if (v >= 0) in.units[u] = v == 1;
  in.followUp = followUp;
  in.appeal = appeal;
  return in;
}

Desk::Desk(fs::path realDb, fs::path demoDb, fs::path curriculumDir)
    : m_realDb(std::move(realDb)), m_demoDb(std::move(demoDb)), m_curriculum(std::move(curriculumDir)) {}

bool Desk::databaseExists() const {
  if (!m_demo && !m_server.empty()) return true;  // a server's database is made by its administrator
  std::error_code ec;
  return fs::exists(file(), ec);
}

Status Desk::openStore() {
  m_openError.reset();
  if (m_store) return imaging::Ok{};
  StoreOptions opt{.file = file()};
  if (!m_demo && !m_server.empty()) {
    opt.pgUrl = m_server;
    opt.evidenceDir = m_realDb.parent_path() / "bukti";  // evidence files stay on this computer
  }
  auto s = Store::open(std::move(opt));
  if (!s) {
    m_openError = s.error();
    return s.error();
  }
  m_store = std::move(*s);
  return imaging::Ok{};
}

Status Desk::useDemo(bool demo) {
  logout();
  m_store.reset();
  m_demo = demo;
  if (!demo) return databaseExists() ? openStore() : Status(imaging::Ok{});
  const bool fresh = !databaseExists();
  if (auto st = openStore(); !st) return st;
  if (fresh) {
    if (auto st = makeDemo(*m_store, m_curriculum); !st) {
      m_openError = st.error();
      return st;
    }
  }
  return imaging::Ok{};
}

Status Desk::createDatabase(const std::string& adminName, const std::string& p) {
  if (auto st = openStore(); !st) return st;
  auto id = m_store->createFirstAdmin(adminName, p);
  if (!id) return id.error();
  auto a = m_store->login(adminName, p);
  if (!a) return a.error();
  if (auto n = m_store->loadCurriculum(*a, m_curriculum); !n) return n.error();
  m_actor = *a;
  show(Page::Dashboard);
  return imaging::Ok{};
}

std::vector<std::string> Desk::loginNames() { return loginNames({Role::Admin, Role::Trainer, Role::Assessor, Role::Outlet}); }

std::vector<std::string> Desk::loginNames(std::initializer_list<Role> roles) {
  if (!databaseExists() || !openStore()) return {};
  auto names = m_store->loginNames(roles);
  return names ? *names : std::vector<std::string>{};
}

void pressPinKey(std::string& pin, char key) {
  if (key == '<') {
    if (!pin.empty()) pin.pop_back();
  } else if (key == 'C') {
    pin.clear();
  } else if (key >= '0' && key <= '9' && pin.size() < 12) {
    pin += key;
  }
}

void Desk::keypad(char key) { pressPinKey(pin, key); }

Status Desk::login() {
  if (auto st = openStore(); !st) return st;
  auto a = m_store->login(loginName, pin);
  pin.clear();
  if (!a) return a.error();
  m_actor = *a;
  m_history.clear();
  m_page = Page::Dashboard;
  // A trainer starts on their own centre.
  if (m_actor->role() == Role::Trainer && m_actor->centre() != 0) {
    centre = m_actor->centre();
    m_page = Page::Centre;
  }
  if (auto s = m_store->schemes(*m_actor); s && !s->empty() && scheme == 0) scheme = s->front().id;
  invalidate();
  return imaging::Ok{};
}

void Desk::logout() {
  m_actor.reset();
  pin.clear();
  m_history.clear();
  m_page = Page::Dashboard;
  centre = trainee = session = 0;
  invalidate();
}

void Desk::show(Page p) {
  const Id id = m_page == Page::Centre || m_page == Page::Matrix ? centre : m_page == Page::Trainee ? trainee : m_page == Page::Session ? session : 0;
  if (p != m_page) m_history.emplace_back(m_page, id);
  m_page = p;
}

bool Desk::back() {
  if (m_history.empty()) return false;
  auto [p, id] = m_history.back();
  m_history.pop_back();
  m_page = p;
  if (p == Page::Centre || p == Page::Matrix) centre = id;
  if (p == Page::Trainee) trainee = id;
  if (p == Page::Session) session = id;
  return true;
}

Status Desk::startAssessment(Id traineeId, Id schemeId) {
  if (!m_store || !m_actor) return imaging::makeError(canting::records::RecordsError::NotAllowed, {{"role", "-"}, {"what", "@records.action.assess"}});
  if (auto st = m_store->require(*m_actor, {Role::Assessor}, "assess"); !st) return st;
  const Id sid = schemeId ? schemeId : scheme;
  auto s = m_store->scheme(*m_actor, sid);
  if (!s) return s.error();
  form = AssessmentForm{};
  form.trainee = traineeId;
  form.scheme = sid;
  form.date = m_store->today();
  form.methods = {"observasi"};
  for (const auto& u : s->units) {
    form.units[u.id] = -1;
    for (const auto& e : u.elements)
      for (const auto& c : e.criteria) form.criteria[c.id] = -1;
  }
  formScheme = std::move(*s);
  trainee = traineeId;
  show(Page::Assessment);
  return imaging::Ok{};
}

Result<Id> Desk::submitAssessment() {
  if (!m_store || !m_actor) return imaging::makeError(canting::records::RecordsError::NotAllowed, {{"role", "-"}, {"what", "@records.action.assess"}});
  auto id = m_store->recordAssessment(*m_actor, form.toInput());
  if (id) {
    invalidate();
    back();
  }
  return id;
}

SessionForm& Desk::sessionFormFor(Id centreId) {
  if (sessionForm.centre != centreId) {
    sessionForm = SessionForm{};
    sessionForm.centre = centreId;
  }
  if (sessionForm.date.empty() && m_store) sessionForm.date = m_store->today();
  return sessionForm;
}

const std::vector<std::string>& Desk::topics() {
  if (!m_topics) {
    auto t = readSessionTopics();
    m_topics = t ? *t : std::vector<std::string>{};
  }
  return *m_topics;
}

Result<Id> Desk::submitSession() {
  auto id = addSessionFromForm();
  if (id) {
    sessionForm = SessionForm{};
    invalidate();
    openSession(*id);
  } else {
    sessionForm.error = id.error();
  }
  return id;
}

Result<Id> Desk::addSessionFromForm() {
  if (!m_store || !m_actor) return imaging::makeError(canting::records::RecordsError::NotAllowed, {{"role", "-"}, {"what", "@records.action.sessions"}});
  const SessionForm& f = sessionForm;
  const auto& valid = topics();
  if (f.topic.empty() || std::find(valid.begin(), valid.end(), f.topic) == valid.end()) return detail::invalid("@records.field.topic_choose");
  auto all = m_store->trainees(*m_actor, f.centre);
  if (!all) return all.error();
  Session s{.date = f.date, .topic = f.topic, .title = f.title, .centre = f.centre};
  for (const auto& t : *all)
    if (f.ticked(t.id)) s.trainees.push_back(t.id);
  if (s.trainees.empty()) return detail::invalid("@records.field.session_trainees");
  return m_store->addSession(*m_actor, s);
}

const std::vector<CentreProgress>& Desk::dashboard() {
  static const std::vector<CentreProgress> none;
  if (!m_store || !m_actor) return none;
  if (!m_dashboard) {
    auto d = m_store->dashboard(*m_actor);
    m_dashboard = d ? *d : std::vector<CentreProgress>{};
  }
  return *m_dashboard;
}

}  // namespace canting::records
