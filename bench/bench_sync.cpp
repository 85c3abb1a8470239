// Sync at the district's scale (issue 19), on this machine over loopback:
//
//   bench_sync           20 centres x 500 trainees push their bundles to one
//                        regency server at once (each centre exports and
//                        sends on its own thread); then one centre's
//                        incremental sync of a day's work (a session for 20
//                        trainees and 20 signed assessments)
//   bench_sync --quick   3 centres x 50 trainees (CTest: results check out)
//
// Checks: every centre's sync is received, the regency holds every trainee
// exactly once, a second round sends nothing and imports nothing, and the
// day's work arrives. Targets: all 20 under 30 s; the day's sync under 1 s.

#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>
#include <unistd.h>

#include "bench_util.h"
#include "canting/imaging/file_io.h"
#include "canting/records/keys.h"
#include "canting/sync/client.h"
#include "canting/sync/http.h"
#include "canting/sync/server.h"

using namespace canting;
using namespace canting::records;
namespace fs = std::filesystem;

namespace {

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_sync: %s\n", what.c_str());
  std::exit(2);
}

double since(std::chrono::steady_clock::time_point a) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count();
}

struct CentrePc {
  std::unique_ptr<Store> store;
  std::optional<Actor> admin, assessor;
  Id id = 0;
};

// A centre's PC: its administrator and assessor, the shipped schemes, and its trainees written straight
// into the table in one transaction with the audit entry the app writes for each.
CentrePc makeCentre(const fs::path& dir, int n, int perCentre) {
  CentrePc c;
  auto s = Store::open({.file = dir / ("sentra-" + std::to_string(n) + ".db"), .pinCost = PinCost::Minimum});
  if (!s) die("open a centre");
  c.store = std::move(*s);
  if (!c.store->createFirstAdmin("admin", "1234")) die("admin");
  c.admin = *c.store->login("admin", "1234");
  c.id = *c.store->addCentre(*c.admin, {0, "", "Sentra " + std::to_string(n + 1)});
  if (!c.store->addPerson(*c.admin, {0, "", "asesor" + std::to_string(n), Role::Assessor, 0, "MET." + std::to_string(n), false}, "1234")) die("assessor");
  c.assessor = *c.store->login("asesor" + std::to_string(n), "1234");
  if (!c.store->loadCurriculum(*c.admin, fs::path(CANTING_ASSETS_DIR) / "curriculum")) die("curriculum");
  Db& db = c.store->db();
  Transaction tx(db);
  auto ins = db.prepare("INSERT INTO trainees (uuid, name, nik, centre_id, consent, updated_at) VALUES (?1,?2,?3,?4,1,'2026-01-01T00:00:00Z')");
  for (int i = 0; i < perCentre; ++i) {
    char nik[17];
    std::snprintf(nik, sizeof nik, "33%02d%012d", n, i);
    const std::string uuid = newUuid();
    ins.reset();
    ins.bind(1, uuid).bind(2, "Peserta " + std::to_string(n) + "-" + std::to_string(i)).bind(3, nik).bind(4, c.id).run();
    c.store->appendAudit("admin", "create", "trainee", uuid, "{}");
  }
  tx.commit();
  return c;
}

void enrol(Store& regency, const Actor& admin, Store& centre, const fs::path& dir) {
  auto text = exportKeys(centre);
  if (!text) die("keys export");
  const fs::path f = dir / "keys.json";
  if (!imaging::writeFileAtomic(f, *text)) die("keys file");
  auto keys = readKeysFile(f);
  if (!keys || !enrolKeys(regency, admin, *keys)) die("enrol");
}

std::int64_t scalar(Store& s, const char* sql) {
  auto q = s.db().prepare(sql);
  q.step();
  return q.i64(0);
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const int nCentres = quick ? 3 : 20, perCentre = quick ? 50 : 500;
  char tmpl[] = "/tmp/bench_sync_XXXXXX";
  if (!mkdtemp(tmpl)) die("temp dir");
  const fs::path dir = tmpl;

  auto r = Store::open({.file = dir / "kabupaten.db", .pinCost = PinCost::Minimum});
  if (!r) die("open the regency");
  Store& regency = **r;
  if (!regency.createFirstAdmin("admin", "1234")) die("regency admin");
  const Actor radmin = *regency.login("admin", "1234");
  if (!regency.loadCurriculum(radmin, fs::path(CANTING_ASSETS_DIR) / "curriculum")) die("regency curriculum");
  std::vector<CentrePc> centres;
  for (int n = 0; n < nCentres; ++n) {
    centres.push_back(makeCentre(dir, n, perCentre));
    enrol(regency, radmin, *centres.back().store, dir);
  }
  sync::ServerOptions so;
  so.pushesPerMinute = 1000;
  so.spool = dir / "spool";
  sync::SyncServer core(regency, so, fs::path(CANTING_ASSETS_DIR) / "i18n");
  sync::HttpService http(core, sync::Listen{"127.0.0.1", 0, "", "", true});
  if (auto problem = http.start(); !problem.empty()) die(problem);
  core::Translator tr;
  tr.load(fs::path(CANTING_ASSETS_DIR) / "i18n", core::Language::English);
  auto options = [&](const CentrePc& c) {
    sync::ClientOptions o;
    o.endpoint.url = "http://127.0.0.1:" + std::to_string(http.port());
    o.centre = c.id;
    o.workDir = dir / ("out-" + std::to_string(c.id) + "-" + std::to_string(reinterpret_cast<std::uintptr_t>(c.store.get())));
    return o;
  };
  auto round = [&](std::vector<sync::SyncReport>& reports) {
    reports.assign(centres.size(), {});
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < centres.size(); ++i)
      threads.emplace_back([&, i] {
        auto rep = sync::syncNow(*centres[i].store, *centres[i].admin, options(centres[i]), tr);
        if (!rep) die("sync: " + tr.message(rep.error()));
        reports[i] = *rep;
      });
    for (auto& t : threads) t.join();
  };

  // [1] every centre at once
  std::vector<sync::SyncReport> reports;
  const double cpu0 = bench::cpuMs();
  const auto t0 = std::chrono::steady_clock::now();
  round(reports);
  const double allMs = since(t0), allCpu = bench::cpuMs() - cpu0;
  for (const auto& rep : reports)
    if (rep.state != sync::SyncState::Sent) die("a centre's push was not received: " + rep.message);
  const auto trainees = scalar(regency, "SELECT COUNT(*) FROM trainees");
  if (trainees != std::int64_t(nCentres) * perCentre) die("the regency holds " + std::to_string(trainees) + " trainees");
  if (scalar(regency, "SELECT COUNT(*) - COUNT(DISTINCT uuid) FROM trainees") != 0) die("a trainee twice");
  std::printf("%d centres x %d trainees pushed at once (bundles exported at each centre)  %8.1f ms (CPU %.1f ms)   target < 30000 ms\n",
              nCentres, perCentre, allMs, allCpu);

  // [2] again: nothing new anywhere, nothing sent, nothing imported
  const auto audit = scalar(regency, "SELECT COUNT(*) FROM audit_log");
  const auto t1 = std::chrono::steady_clock::now();
  round(reports);
  const double againMs = since(t1);
  for (const auto& rep : reports)
    if (rep.state != sync::SyncState::NothingNew) die("a second round sent something");
  if (scalar(regency, "SELECT COUNT(*) FROM audit_log") != audit) die("a second round imported something");
  std::printf("the same %d centres again (nothing new: hello, pull)       %8.1f ms\n", nCentres, againMs);

  // [3] one centre's day: a session for 20 trainees and 20 signed assessments, then its sync
  CentrePc& c = centres.front();
  auto list = c.store->trainees(*c.admin, c.id);
  auto schemes = c.store->schemes(*c.admin);
  if (!list || !schemes || schemes->empty()) die("centre lists");
  auto sch = *c.store->scheme(*c.admin, schemes->front().id);
  Session s;
  s.centre = c.id, s.date = "2026-12-01", s.topic = "pewarnaan", s.title = "Isen cecek";
  for (int i = 0; i < 20; ++i) s.trainees.push_back((*list)[std::size_t(i)].id);
  if (!c.store->addSession(*c.admin, s)) die("session");
  for (int i = 0; i < 20; ++i) {
    AssessmentInput in{.trainee = (*list)[std::size_t(i)].id, .scheme = sch.id, .date = "2026-12-01", .methods = {"observasi"}};
    for (const auto& u : sch.units) in.units[u.id] = i % 3 != 0;
    if (!c.store->recordAssessment(*c.assessor, in)) die("assessment");
  }
  const double cpu2 = bench::cpuMs();
  const auto t2 = std::chrono::steady_clock::now();
  auto day = sync::syncNow(*c.store, *c.admin, options(c), tr);
  const double dayMs = since(t2), dayCpu = bench::cpuMs() - cpu2;
  if (!day || day->state != sync::SyncState::Sent) die("the day's sync");
  if (scalar(regency, "SELECT COUNT(*) FROM assessments") != 20 || scalar(regency, "SELECT COUNT(*) FROM sessions") != 1) die("the day's work did not arrive");
  std::printf("one centre's day (a session, 20 assessments; %d trainees held)  %8.1f ms (CPU %.1f ms)   target < 1000 ms\n", perCentre, dayMs,
              dayCpu);
  http.stop();
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}
