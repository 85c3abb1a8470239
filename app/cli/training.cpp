// canting-cli training ...: the training records from the command line.
// Every command that changes data logs in with --user and --pin (or asks
// for the PIN on a terminal); the store, not this file, decides what each
// role may do. Opening and logging in: training_access.cpp; sessions and
// their lists (topics, units): training_sessions.cpp. backup and restore
// work on the file and log nobody in.
//
// Index of this file:
// [SECTION] commands
// [SECTION] the command table

#include <ctime>
#include <sstream>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/core/paths.h"
#include "canting/imaging/file_io.h"
#include "canting/records/backup.h"
#include "canting/records/bundle.h"
#include "canting/records/csv.h"
#include "canting/records/demo.h"
#include "canting/records/reports.h"
#include "canting/records/store.h"
#include "canting/records/wording.h"
#include "training_internal.h"

namespace canting::cli {

namespace {

namespace rec = records;
namespace fs = std::filesystem;
using nlohmann::json;
using namespace training;

// [SECTION] commands

int cmdInit(Ctx& c, const ParsedArgs& a) {
  if (a.value("pg") && a.value("db")) return c.usage("cli.usage.pg_or_db", {{"arg", "--pg"}}, "cli.help.training");
  const auto opt = storeOptions(a);
  const std::string p = opt.pgUrl.empty() ? opt.file.string() : rec::redactedUrl(opt.pgUrl);
  auto s = rec::Store::open(opt);
  if (!s) return c.fail(s.error());
  auto& store = **s;
  if (a.flag("demo")) {
    if (auto st = rec::makeDemo(store, core::assetsDir() / "curriculum"); !st) return c.fail(st.error());
    c.out << c.tr.tr("cli.training.demo_made", {{"path", p}}) << "\n";
    for (const auto& l : rec::demoLogins())
      c.out << "  " << l.name << "  PIN " << l.pin << "  (" << c.tr.tr(std::string("records.role.") + rec::roleName(l.role)) << ")\n";
    if (!a.value("db") && !a.value("pg")) c.out << c.tr.tr("cli.training.demo_use") << "\n";
    return kOk;
  }
  if (auto admin = a.value("admin")) {
    int status = 0;
    auto pin = pinFrom(c, a, status);
    if (!pin) return status;
    auto id = store.createFirstAdmin(*admin, *pin);
    if (!id) return c.fail(id.error());
    auto actor = store.login(*admin, *pin);
    if (!actor) return c.fail(actor.error());
    auto n = store.loadCurriculum(*actor, core::assetsDir() / "curriculum");
    if (!n) return c.fail(n.error());
  }
  c.out << c.tr.tr("cli.training.ready", {{"path", p}, {"version", std::to_string(store.schemaVersion())}}) << "\n";
  return kOk;
}

int cmdCentreList(Ctx& c, const ParsedArgs& a) {
  int status = 0;
  auto s = openStore(c, a, status);
  if (!s) return status;
  // The list of centres is public; no login needed to read it.
  auto all = s->centres(s->systemActor());
  if (!all) return c.fail(all.error());
  if (a.flag("json")) {
    json j = json::array();
    for (const auto& ce : *all) j.push_back({{"id", ce.id}, {"uuid", ce.uuid}, {"name", ce.name}, {"desa", ce.desa}, {"kecamatan", ce.kecamatan}});
    c.out << base::dumpJson(j, 2) << "\n";
    return kOk;
  }
  for (const auto& ce : *all)
    c.out << ce.id << "  " << ce.name << (ce.kecamatan.empty() ? "" : "  (" + ce.kecamatan + ")") << "\n";
  return kOk;
}

int cmdCentreAdd(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.training_centre_add";
  int status = 0;
  auto [s, by] = openAndLogin(c, a, help, status);
  if (!by) return status;
  auto id = s->addCentre(*by, {0, "", a.positionals[0], a.value("desa").value_or(""), a.value("kecamatan").value_or(""), a.value("note").value_or("")});
  if (!id) return c.fail(id.error());
  c.out << c.tr.tr("cli.training.centre_added", {{"name", a.positionals[0]}, {"id", std::to_string(*id)}}) << "\n";
  return kOk;
}

int cmdPersonAdd(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.training_person_add";
  int status = 0;
  auto [s, by] = openAndLogin(c, a, help, status);
  if (!by) return status;
  auto role = rec::parseRole(a.value("role").value_or(""));
  if (!role) return c.usage("cli.usage.bad_value", {{"arg", "--role"}, {"value", a.value("role").value_or("")}}, help);
  rec::Person p;
  p.name = a.positionals[0];
  p.role = *role;
  p.registration = a.value("registration").value_or("");
  if (auto ce = a.value("centre")) {
    auto centre = centreFrom(c, *s, *by, *ce, status);
    if (!centre) return status;
    p.centre = centre->id;
  }
  auto pin = pinFrom(c, a, status, "new-pin");
  if (!pin) return status;
  auto id = s->addPerson(*by, p, *pin);
  if (!id) return c.fail(id.error());
  c.out << c.tr.tr("cli.training.person_added", {{"name", p.name}, {"id", std::to_string(*id)}}) << "\n";
  return kOk;
}

int cmdTraineeImport(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.training_trainee_import";
  int status = 0;
  auto [s, by] = openAndLogin(c, a, help, status);
  if (!by) return status;
  auto rep = rec::importTraineesCsv(*s, *by, a.positionals[0]);
  if (!rep) return c.fail(rep.error());
  if (!rep->problems.empty()) {
    for (const auto& p : rep->problems)
      c.err << "canting-cli: " << rec::csvProblemText(c.tr, p) << "\n";
    c.err << "canting-cli: " << rec::csvRefusedText(c.tr, *rep) << "\n";
    return kBadInput;
  }
  c.out << rec::csvImportedText(c.tr, *rep) << "\n";
  return kOk;
}

int cmdTraineeList(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.training_trainee_list";
  int status = 0;
  auto [s, by] = openAndLogin(c, a, help, status);
  if (!by) return status;
  rec::Id centre = 0;
  if (auto ce = a.value("centre")) {
    auto found = centreFrom(c, *s, *by, *ce, status);
    if (!found) return status;
    centre = found->id;
  }
  if (a.flag("csv")) {
    auto text = rec::traineesCsv(*s, *by, centre);
    if (!text) return c.fail(text.error());
    return writeText(c, *text, a.value("o"));
  }
  auto list = s->trainees(*by, centre);
  if (!list) return c.fail(list.error());
  if (a.flag("json")) {
    json j = json::array();
    for (const auto& t : *list)
      j.push_back({{"id", t.id}, {"uuid", t.uuid}, {"name", t.name}, {"nik", t.nik}, {"birth_date", t.birthDate}, {"sex", t.sex},
                   {"phone", t.phone}, {"centre", t.centre}, {"consent", t.consent}, {"masked", t.masked}});
    c.out << base::dumpJson(j, 2) << "\n";
    return kOk;
  }
  for (const auto& t : *list) c.out << t.id << "  " << t.nik << "  " << t.name << "\n";
  return kOk;
}

int cmdAssessRecord(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.training_assess_record";
  int status = 0;
  auto [s, by] = openAndLogin(c, a, help, status);
  if (!by) return status;
  for (const char* need : {"trainee", "date", "units"})
    if (!a.value(need)) return c.usage("cli.usage.missing_option", {{"arg", std::string("--") + need}}, help);
  rec::AssessmentInput in;
  auto t = readId(c, *a.value("trainee"), "--trainee", help, status);
  if (!t) return status;
  in.trainee = *t;
  auto sid = schemeFrom(c, *s, *by, a, help, status);
  if (!sid) return status;
  in.scheme = *sid;
  in.date = *a.value("date");
  in.place = a.value("place").value_or("");
  in.followUp = a.value("follow-up").value_or("");
  std::stringstream methods(a.value("methods").value_or(""));
  for (std::string m; std::getline(methods, m, ',');)
    if (!m.empty()) in.methods.push_back(m);
  auto sch = s->scheme(*by, in.scheme);
  if (!sch) return c.fail(sch.error());
  // --units 1=K,2=BK: units by their position in the scheme (1-based), as printed by `progress`.
  std::stringstream units(*a.value("units"));
  for (std::string item; std::getline(units, item, ',');) {
    const auto eq = item.find('=');
    const std::string pos = item.substr(0, eq), val = eq == std::string::npos ? "" : item.substr(eq + 1);
    auto n = readId(c, pos, "--units", help, status);
    if (!n) return status;
    if (std::size_t(*n) > sch->units.size() || (val != "K" && val != "BK"))
      return c.usage("cli.usage.bad_value", {{"arg", "--units"}, {"value", item}}, help);
    const rec::Unit& u = sch->units[std::size_t(*n - 1)];
    in.units[u.id] = val == "K";
    // Every criterion of a K unit was observed Ya; for a BK unit the
    // assessor names the Tidak ones with --tidak (criterion numbers as in `progress --criteria`).
    for (const auto& e : u.elements)
      for (const auto& cr : e.criteria) in.criteria[cr.id] = true;
  }
  std::stringstream tidak(a.value("tidak").value_or(""));
  for (std::string item; std::getline(tidak, item, ',');) {
    auto id = readId(c, item, "--tidak", help, status);
    if (!id) return status;
    in.criteria[*id] = false;
  }
  auto id = s->recordAssessment(*by, in);
  if (!id) return c.fail(id.error());
  c.out << c.tr.tr("cli.training.assessment_recorded", {{"id", std::to_string(*id)}}) << "\n";
  return kOk;
}

int cmdProgress(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.training_progress";
  int status = 0;
  auto [s, by] = openAndLogin(c, a, help, status);
  if (!by) return status;
  if (auto ce = a.value("centre")) {
    auto centre = centreFrom(c, *s, *by, *ce, status);
    if (!centre) return status;
    auto sid = schemeFrom(c, *s, *by, a, help, status);
    if (!sid) return status;
    if (a.flag("csv")) {
      auto text = rec::matrixCsv(*s, *by, centre->id, *sid);
      if (!text) return c.fail(text.error());
      return writeText(c, *text, a.value("o"));
    }
    auto m = s->matrix(*by, centre->id, *sid);
    if (!m) return c.fail(m.error());
    if (a.flag("json")) {
      json j = {{"centre", centre->name}, {"units", json::array()}, {"trainees", json::array()}};
      for (const auto& u : m->units) j["units"].push_back({{"id", u.id}, {"code", u.code}, {"title", u.title}});
      for (std::size_t r = 0; r < m->trainees.size(); ++r) {
        json cells = json::array();
        for (char ch : m->cells[r]) cells.push_back(ch == 'K' ? "K" : ch == 'B' ? "BK" : "");
        j["trainees"].push_back({{"id", m->trainees[r].first}, {"name", m->trainees[r].second}, {"units", cells}});
      }
      c.out << base::dumpJson(j, 2) << "\n";
      return kOk;
    }
    for (std::size_t u = 0; u < m->units.size(); ++u) c.out << "U" << u + 1 << " = " << m->units[u].title << "\n";
    for (std::size_t r = 0; r < m->trainees.size(); ++r) {
      c.out << m->trainees[r].first << "  ";
      for (char ch : m->cells[r]) c.out << (ch == 'K' ? " K " : ch == 'B' ? "BK " : " . ");
      c.out << " " << m->trainees[r].second << "\n";
    }
    return kOk;
  }
  auto d = s->dashboard(*by);
  if (!d) return c.fail(d.error());
  if (a.flag("json")) {
    json j = json::array();
    for (const auto& p : *d)
      j.push_back({{"centre", p.name}, {"trainees", p.trainees}, {"sessions", p.sessions}, {"units_achieved", p.unitsAchieved},
                   {"certified", p.certified}, {"expiring_90_days", p.expiring90}});
    c.out << base::dumpJson(j, 2) << "\n";
    return kOk;
  }
  c.out << c.tr.tr("cli.training.progress_head") << "\n";
  for (const auto& p : *d) {
    char line[256];
    std::snprintf(line, sizeof line, "%-28s %8d %6d %8d %8d %8d", p.name.substr(0, 28).c_str(), p.trainees, p.sessions, p.unitsAchieved, p.certified, p.expiring90);
    c.out << line << "\n";
  }
  if (s->isDemo()) c.out << c.tr.tr("records.demo_banner") << "\n";
  return kOk;
}

int cmdCertificate(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.training_certificate_issue";
  int status = 0;
  auto [s, by] = openAndLogin(c, a, help, status);
  if (!by) return status;
  for (const char* need : {"trainee", "number", "date"})
    if (!a.value(need)) return c.usage("cli.usage.missing_option", {{"arg", std::string("--") + need}}, help);
  auto t = readId(c, *a.value("trainee"), "--trainee", help, status);
  if (!t) return status;
  auto sid = schemeFrom(c, *s, *by, a, help, status);
  if (!sid) return status;
  auto id = s->issueCertificate(*by, *t, *sid, *a.value("number"), *a.value("date"));
  if (!id) return c.fail(id.error());
  c.out << c.tr.tr("cli.training.certificate_issued", {{"id", std::to_string(*id)}}) << "\n";
  return kOk;
}

int cmdCertificateList(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.training_certificate_list";
  int status = 0;
  auto [s, by] = openAndLogin(c, a, help, status);
  if (!by) return status;
  auto list = a.value("expiring") ? s->expiringWithin(*by, std::atoi(a.value("expiring")->c_str())) : s->certificates(*by);
  if (!list) return c.fail(list.error());
  for (const auto& ce : *list)
    c.out << ce.number << "  " << ce.traineeName << "  " << ce.issueDate << " → " << ce.expiryDate << "  " << c.tr.tr("records.cert." + ce.status) << "\n";
  return kOk;
}

int cmdReport(Ctx& c, const ParsedArgs& a, const std::string& kind) {
  const std::string help = "cli.help.training_report";
  int status = 0;
  auto [s, by] = openAndLogin(c, a, help, status);
  if (!by) return status;
  auto out = a.value("o");
  if (!out) return c.usage("cli.usage.missing_option", {{"arg", "-o"}}, help);
  imaging::Status st = imaging::Ok{};
  if (kind == "centre") {
    auto centre = centreFrom(c, *s, *by, a.positionals[0], status);
    if (!centre) return status;
    auto sid = schemeFrom(c, *s, *by, a, help, status);
    if (!sid) return status;
    st = rec::writeCentreReport(*s, *by, centre->id, *sid, *out);
  } else {
    auto id = readId(c, a.positionals[0], kind.c_str(), help, status);
    if (!id) return status;
    if (kind == "trainee") st = rec::writeTranscript(*s, *by, *id, *out);
    else if (kind == "session" && fs::path(*out).extension() == ".csv") {
      // The attendance list as CSV for a spreadsheet, when the output is named .csv.
      auto text = rec::attendanceCsv(*s, *by, *id);
      if (!text) return c.fail(text.error());
      return writeText(c, *text, *out);
    } else if (kind == "session") st = rec::writeAttendanceList(*s, *by, *id, *out);
    else {
      rec::Id only = 0;
      if (auto t = a.value("trainee")) {
        auto tid = readId(c, *t, "--trainee", help, status);
        if (!tid) return status;
        only = *tid;
      }
      st = rec::writeParticipationCertificates(*s, *by, *id, only, *out);
    }
  }
  if (!st) return c.fail(st.error());
  c.out << c.tr.tr("cli.training.written", {{"path", *out}}) << "\n";
  return kOk;
}

int cmdExportBundle(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.training_export_bundle";
  int status = 0;
  auto [s, by] = openAndLogin(c, a, help, status);
  if (!by) return status;
  auto out = a.value("o");
  if (!out) return c.usage("cli.usage.missing_option", {{"arg", "-o"}}, help);
  rec::Id centre = by->centre();
  if (auto ce = a.value("centre")) {
    auto found = centreFrom(c, *s, *by, *ce, status);
    if (!found) return status;
    centre = found->id;
  }
  if (centre == 0) return c.usage("cli.usage.missing_option", {{"arg", "--centre"}}, help);
  if (auto st = rec::exportBundle(*s, *by, centre, *out); !st) return c.fail(st.error());
  c.out << c.tr.tr("cli.training.written", {{"path", *out}}) << "\n";
  return kOk;
}

int cmdImportBundle(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.training_import_bundle";
  int status = 0;
  auto [s, by] = openAndLogin(c, a, help, status);
  if (!by) return status;
  auto sum = rec::importBundle(*s, *by, a.positionals[0]);
  if (!sum) return c.fail(sum.error());
  c.out << rec::bundleImportedText(c.tr, *sum) << "\n";
  return kOk;
}

// Read-only, and no login: the regency checks a centre's file, or a printed
// head against this installation's, without anyone's PIN.
int cmdVerifyAudit(Ctx& c, const ParsedArgs& a) {
  std::optional<rec::AuditHead> anchor;
  if (auto h = a.value("head")) {
    anchor = rec::AuditHead::parse(*h);
    if (!anchor) return c.usage("cli.usage.bad_value", {{"arg", "--head"}, {"value", *h}}, "cli.help.training_verify_audit");
  }
  int status = 0;
  auto s = openStore(c, a, status);
  if (!s) return status;
  auto r = s->verifyAudit(anchor);
  if (!r) return c.fail(r.error());
  auto head = s->auditHead();
  if (!head) return c.fail(head.error());
  if (a.flag("json")) {
    json problems = json::array();
    for (const auto& p : r->problems)
      problems.push_back({{"kind", rec::auditProblemName(p.kind)}, {"entity", p.entity}, {"uuid", p.uuid}, {"seq", p.seq}});
    c.out << base::dumpJson(json{{"head", {{"seq", head->seq}, {"hash", head->hash.substr(0, 16)}}}, {"rows", r->rows}, {"problems", problems}}, 2)
          << "\n";
    return r->ok() ? kOk : kBadInput;
  }
  c.out << c.tr.tr("cli.training.audit_head", {{"head", head->text()}}) << "\n";
  if (r->ok()) {
    c.out << c.tr.tr("cli.training.audit_ok", {{"rows", std::to_string(r->rows)}}) << "\n";
    if (anchor) c.out << c.tr.tr("cli.training.audit_head_ok", {{"head", anchor->text()}}) << "\n";
    return kOk;
  }
  if (!r->intact)
    c.err << c.tr.tr("cli.training.audit_broken", {{"seq", std::to_string(r->firstBad)}, {"rows", std::to_string(r->rows)}}) << "\n";
  c.err << c.tr.tr("cli.training.audit_problems", {{"n", std::to_string(r->problems.size())}}) << "\n";
  for (const auto& p : r->problems) {
    const std::string what = p.entity.empty() ? "-" : c.tr.tr("records.entity." + p.entity) + " " + p.uuid;
    c.err << "  " << c.tr.tr(std::string("cli.training.audit_problem.") + rec::auditProblemName(p.kind),
                             {{"what", what}, {"seq", std::to_string(p.seq)}, {"head", anchor ? anchor->text() : ""}})
          << "\n";
  }
  return kBadInput;
}

// No login for either: whoever can reach the file can copy it anyway, and a
// restore is for when nobody can log in any more. The store checks the copies.
int cmdBackup(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.training_backup";
  auto out = a.value("o");
  if (!out) return c.usage("cli.usage.missing_option", {{"arg", "-o"}}, help);
  int status = 0;
  auto s = openStore(c, a, status);
  if (!s) return status;
  if (auto st = s->backupTo(*out); !st) return c.fail(st.error());
  c.out << c.tr.tr("cli.training.backup_written", {{"path", *out}}) << "\n";
  return kOk;
}

int cmdRestore(Ctx& c, const ParsedArgs& a) {
  // A server's database is restored by its administrator, with pg_restore (docs/DEPLOY.md).
  if (a.value("pg")) return c.fail(imaging::makeError(rec::RecordsError::RestoreRefused, {{"reason", "@records.backup.use_pg_dump"}, {"path", rec::redactedUrl(*a.value("pg"))}}));
  const fs::path target = dbPath(a);
  auto r = rec::restoreDatabase(a.positionals[0], target, std::int64_t(std::time(nullptr)));
  if (!r) return c.fail(r.error());
  c.out << c.tr.tr("cli.training.restored", {{"from", a.positionals[0]}, {"path", target.string()}, {"rows", std::to_string(r->auditRows)}}) << "\n";
  if (!r->keptAs.empty()) c.out << c.tr.tr("cli.training.kept_as", {{"path", r->keptAs.string()}}) << "\n";
  return kOk;
}

const std::set<std::string> kLogin = {"db", "user", "pin", "pin-file"};
// [SECTION] the command table

std::set<std::string> with(std::set<std::string> extra) {
  extra.insert(kLogin.begin(), kLogin.end());
  return extra;
}

}  // namespace

std::vector<Command> trainingCommands() {
  std::vector<Command> all = {
      {"training init", {{}, {"demo"}, {"db", "admin", "pin", "pin-file"}}, "cli.help.training_init", cmdInit},
      {"training centre list", {{}, {"json"}, {"db"}}, "cli.help.training_centre_list", cmdCentreList},
      {"training centre add", {{"NAME"}, {}, with({"desa", "kecamatan", "note"})}, "cli.help.training_centre_add", cmdCentreAdd},
      {"training person add", {{"NAME"}, {}, with({"role", "centre", "registration", "new-pin", "new-pin-file"})}, "cli.help.training_person_add", cmdPersonAdd},
      {"training trainee import", {{"FILE"}, {}, with({})}, "cli.help.training_trainee_import", cmdTraineeImport},
      {"training trainee list", {{}, {"json", "csv"}, with({"centre", "o"}), {'o'}}, "cli.help.training_trainee_list", cmdTraineeList},
      {"training unit list", {{}, {"json"}, {"db", "scheme"}}, "cli.help.training", cmdUnitList},
      {"training session add", {{}, {}, with({"centre", "date", "topic", "title", "trainees", "units", "present", "absent", "excused"})}, "cli.help.training_session_add",
       cmdSessionAdd, sessionHelp},
      {"training assess record", {{}, {}, with({"trainee", "scheme", "date", "units", "tidak", "place", "methods", "follow-up"})}, "cli.help.training_assess_record", cmdAssessRecord},
      {"training certificate issue", {{}, {}, with({"trainee", "scheme", "number", "date"})}, "cli.help.training_certificate_issue", cmdCertificate},
      {"training certificate list", {{}, {}, with({"expiring"})}, "cli.help.training_certificate_list", cmdCertificateList},
      {"training progress", {{}, {"json", "csv"}, with({"centre", "scheme", "o"}), {'o'}}, "cli.help.training_progress", cmdProgress},
      {"training report centre", {{"CENTRE"}, {}, with({"scheme", "o"}), {'o'}}, "cli.help.training_report", [](Ctx& c, const ParsedArgs& a) { return cmdReport(c, a, "centre"); }},
      {"training report trainee", {{"ID"}, {}, with({"o"}), {'o'}}, "cli.help.training_report", [](Ctx& c, const ParsedArgs& a) { return cmdReport(c, a, "trainee"); }},
      {"training report session", {{"ID"}, {}, with({"o"}), {'o'}}, "cli.help.training_report", [](Ctx& c, const ParsedArgs& a) { return cmdReport(c, a, "session"); }},
      {"training report certificate", {{"SESSION"}, {}, with({"trainee", "o"}), {'o'}}, "cli.help.training_report", [](Ctx& c, const ParsedArgs& a) { return cmdReport(c, a, "certificate"); }},
      {"training export-bundle", {{}, {}, with({"centre", "o"}), {'o'}}, "cli.help.training_export_bundle", cmdExportBundle},
      {"training import-bundle", {{"FILE"}, {}, with({})}, "cli.help.training_import_bundle", cmdImportBundle},
      {"training verify-audit", {{}, {"json"}, {"db", "head"}}, "cli.help.training_verify_audit", cmdVerifyAudit},
      {"training backup", {{}, {}, {"db", "o"}, {'o'}}, "cli.help.training_backup", cmdBackup},
      {"training restore", {{"FILE"}, {}, {"db"}}, "cli.help.training_restore", cmdRestore},
  };
  for (Command& cmd : training::keyCommands()) all.push_back(std::move(cmd));
  for (Command& cmd : training::syncCommands()) all.push_back(std::move(cmd));
  // Every command can work on the demo records (the app's *Data demo*) with
  // --demo, and every one that takes --db FILE takes --pg URL instead.
  for (Command& cmd : all) {
    cmd.spec.flags.insert("demo");
    if (cmd.spec.valueOptions.count("db")) cmd.spec.valueOptions.insert("pg");
  }
  return all;
}

}  // namespace canting::cli
