// The training records at the regency's scale: 20 centres x 500 trainees,
// a 30-unit scheme, 5 assessments of every unit per trainee (1.5 million
// unit results, 3 million criterion results).
//
//   bench_records           build the data set in a temp folder, then time
//                           the dashboard, a centre's matrix, a 10,000-row
//                           CSV import, one centre's bundle import and
//                           verify-audit over everything
//   bench_records --quick   2 centres x 50 trainees (CTest: results check out)
//
// The data set is written straight into the tables in one transaction, with
// the audit entry the app writes for each trainee and assessment (its content
// hash included), except the bundle's centre, whose outcomes the assessor
// records through the store so that each is signed; everything timed goes
// through the store's public API, and the bundle import verifies every signature.

#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstring>
#include <fstream>
#include <unistd.h>
#include <string>

#include "bench_util.h"
#include "canting/records/bundle.h"
#include "canting/records/csv.h"
#include "canting/records/keys.h"
#include "canting/records/store.h"

using namespace canting::records;
namespace fs = std::filesystem;
using canting::bench::cpuMs;  // beside the wall time: the machine may be loaded
using canting::bench::medianMs;

namespace {

double onceMs(const std::function<void()>& fn) {
  const auto a = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count();
}

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "bench_records: %s\n", what);
  std::exit(2);
}

struct World {
  std::unique_ptr<Store> store;
  std::optional<Actor> admin;
  std::vector<Id> centres;
  Id scheme = 0;
};

World build(const fs::path& dir, int nCentres, int perCentre, int nUnits, int nAssess) {
  World w;
  auto s = Store::open({.file = dir / "kabupaten.db", .pinCost = PinCost::Minimum});
  if (!s) die("open");
  w.store = std::move(*s);
  if (!w.store->createFirstAdmin("admin", "1234")) die("admin");
  w.admin = *w.store->login("admin", "1234");
  if (!w.store->addPerson(*w.admin, {0, "", "asesor", Role::Assessor, 0, "MET.0", false}, "1234")) die("assessor");
  for (int c = 0; c < nCentres; ++c)
    w.centres.push_back(*w.store->addCentre(*w.admin, {0, "", c == 0 ? "Kampung Batik Limbasari" : "Sentra " + std::to_string(c + 1)}));
  auto sid = w.store->loadScheme(*w.admin, canting::bench::writeBenchScheme(dir, nUnits));
  if (!sid) die("scheme");
  w.scheme = *sid;
  auto sch = *w.store->scheme(*w.admin, w.scheme);

  Db& db = w.store->db();
  Transaction tx(db);
  auto insT = db.prepare("INSERT INTO trainees (uuid, name, nik, centre_id, consent, updated_at) VALUES (?1,?2,?3,?4,1,'2026-01-01T00:00:00Z')");
  auto insA = db.prepare("INSERT INTO assessments (uuid, trainee_id, scheme_id, assessor_id, date, created_at) VALUES (?1,?2,?3,2,?4,'2026-01-01T00:00:00Z')");
  auto insU = db.prepare("INSERT INTO assessment_units (assessment_id, unit_id, k) VALUES (?1,?2,?3)");
  auto insC = db.prepare("INSERT INTO assessment_criteria (assessment_id, criterion_id, ya) VALUES (?1,?2,?3)");
  auto insS = db.prepare("INSERT INTO unit_status (trainee_id, unit_id, centre_id, k, date) VALUES (?1,?2,?3,?4,?5)");
  int serial = 0;
  std::vector<std::pair<Id, int>> signedLater;  // the bundle centre's trainees, with their serial
  for (Id centre : w.centres)
    for (int i = 0; i < perCentre; ++i, ++serial) {
      char nik[17];
      std::snprintf(nik, sizeof nik, "33%014d", serial);
      insT.reset();
      const std::string tUuid = newUuid();
      insT.bind(1, tUuid).bind(2, "Peserta " + std::to_string(serial)).bind(3, nik).bind(4, centre).run();
      const Id t = db.lastId();
      w.store->appendAudit("admin", "create", "trainee", tUuid, "{}");
      if (w.centres.size() > 1 && centre == w.centres[1]) {
        signedLater.emplace_back(t, serial);
        continue;
      }
      for (int a = 0; a < nAssess; ++a) {
        const std::string date = "2026-0" + std::to_string(1 + a) + "-15";
        insA.reset();
        const std::string aUuid = newUuid();
        insA.bind(1, aUuid).bind(2, t).bind(3, w.scheme).bind(4, date).run();
        const Id aid = db.lastId();
        for (const auto& u : sch.units) {
          // Competence grows over the five assessments.
          const bool k = (serial + int(u.id)) % nAssess <= a;
          insU.reset();
          insU.bind(1, aid).bind(2, u.id).bind(3, k ? 1 : 0).run();
          for (const auto& e : u.elements)
            for (const auto& cr : e.criteria) {
              insC.reset();
              insC.bind(1, aid).bind(2, cr.id).bind(3, k ? 1 : 0).run();
            }
          if (a == nAssess - 1) {
            insS.reset();
            insS.bind(1, t).bind(2, u.id).bind(3, centre).bind(4, k ? 1 : 0).bind(5, date).run();
          }
        }
        w.store->appendAudit("asesor", "assess", "trainee", tUuid, "{}", RecordRef{"assessment", aUuid});
      }
    }
  tx.commit();
  auto assessor = w.store->login("asesor", "1234");
  if (!assessor) die("assessor login");
  for (const auto& [t, ser] : signedLater)
    for (int a = 0; a < nAssess; ++a) {
      AssessmentInput in{.trainee = t, .scheme = w.scheme, .date = "2026-0" + std::to_string(1 + a) + "-15"};
      for (const auto& u : sch.units) {
        const bool k = (ser + int(u.id)) % nAssess <= a;
        in.units[u.id] = k;
        for (const auto& e : u.elements)
          for (const auto& cr : e.criteria) in.criteria[cr.id] = k;
      }
      if (!w.store->recordAssessment(*assessor, in)) die("record a signed assessment");
    }
  db.exec("ANALYZE");
  return w;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const int nCentres = quick ? 2 : 20, perCentre = quick ? 50 : 500, nUnits = 30, nAssess = 5, csvRows = quick ? 500 : 10000;
  const fs::path dir = fs::temp_directory_path() / ("canting-bench-records-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);

  double buildMs = 0;
  World w;
  buildMs = onceMs([&] { w = build(dir, nCentres, perCentre, nUnits, nAssess); });
  std::printf("data set: %d centres x %d trainees, %d units, %d assessments each (%d unit results); built in %.1f s\n", nCentres, perCentre,
              nUnits, nAssess, nCentres * perCentre * nUnits * nAssess, buildMs / 1000);

  std::vector<CentreProgress> dash;
  const double dashMs = medianMs(5, [&] { dash = *w.store->dashboard(*w.admin); });
  int trainees = 0, units = 0;
  for (const auto& d : dash) trainees += d.trainees, units += d.unitsAchieved;
  if (trainees != nCentres * perCentre || units <= 0 || units > trainees * nUnits) die("dashboard counts are wrong");
  std::printf("dashboard (%zu centres)              %8.2f ms   target < 50 ms\n", dash.size(), dashMs);

  Matrix m;
  const double matrixMs = medianMs(5, [&] { m = *w.store->matrix(*w.admin, w.centres[0], w.scheme); });
  if (int(m.trainees.size()) != perCentre || int(m.units.size()) != nUnits) die("matrix has the wrong shape");
  std::printf("centre matrix (%d x %d)             %8.2f ms   target < 100 ms\n", perCentre, nUnits, matrixMs);

  const fs::path csv = dir / "peserta.csv";
  {
    std::ofstream f(csv);
    f << "nama,nik,tanggal_lahir,jenis_kelamin,telepon,persetujuan,sentra\n";
    for (int i = 0; i < csvRows; ++i) {
      char nik[17];
      std::snprintf(nik, sizeof nik, "34%014d", i);
      f << "Peserta Baru " << i << "," << nik << ",1995-03-0" << (1 + i % 9) << "," << (i % 3 ? "P" : "L") << ",0812" << (10000000 + i)
        << ",ya,Kampung Batik Limbasari\n";
    }
  }
  ImportReport rep;
  double cpu0 = cpuMs();
  const double csvMs = onceMs([&] { rep = *importTraineesCsv(*w.store, *w.admin, csv); });
  const double csvCpu = cpuMs() - cpu0;
  if (rep.imported != csvRows || !rep.problems.empty()) die("CSV import failed");
  std::printf("import %d trainees from CSV          %8.1f ms   target < 2000 ms   (CPU %.1f ms)\n", csvRows, csvMs, csvCpu);

  // One centre's bundle into a fresh regency database that has the same scheme.
  const fs::path bundle = dir / "sentra.bundle";
  if (!exportBundle(*w.store, *w.admin, w.centres[1], bundle)) die("export");
  auto r = Store::open({.file = dir / "regency.db", .pinCost = PinCost::Minimum});
  if (!r || !(*r)->createFirstAdmin("admin", "1234")) die("regency");
  auto ra = *(*r)->login("admin", "1234");
  // The regency enrols the centre's keys (the PC and the assessor) first.
  const fs::path keysFile = dir / "kunci.json";
  std::ofstream(keysFile) << *exportKeys(*w.store);
  if (!enrolKeys(**r, ra, *readKeysFile(keysFile))) die("enrol");
  BundleSummary sum;
  cpu0 = cpuMs();
  const double bundleMs = onceMs([&] {
    auto res = importBundle(**r, ra, bundle);
    if (!res) die("bundle import refused");
    sum = *res;
  });
  if ((*r)->trainees(ra)->size() != std::size_t(perCentre)) die("bundle import lost trainees");
  {
    auto q = (*r)->db().prepare("SELECT COUNT(*) FROM assessments WHERE length(signature) = 128");
    q.step();
    if (q.i64(0) != std::int64_t(perCentre) * nAssess) die("not every imported outcome carries its signature");
  }
  const double bundleCpu = cpuMs() - cpu0;
  std::printf("import one centre's bundle (%.1f MB, %d signed outcomes verified)  %8.1f ms (CPU %.1f ms)   target < 5000 ms\n",
              double(fs::file_size(bundle)) / 1e6, perCentre * nAssess, bundleMs, bundleCpu);
  BundleSummary again;
  const double againMs = onceMs([&] { again = *importBundle(**r, ra, bundle); });
  if (again.added != 0 || again.updated != 0) die("re-import was not idempotent");
  std::printf("re-import the same bundle (no change) %8.1f ms\n", againMs);

  // verify-audit over the whole data set (1.5 M unit results, 3 M criteria,
  // every record against its entry), then once more after a BK flipped to K
  // behind the store's back: exactly that assessment must be named.
  AuditCheck audit;
  double auditCpu = 0;
  const double auditMs = medianMs(3, [&] { audit = *w.store->verifyAudit(*w.store->auditHead()); }, &auditCpu);
  if (!audit.ok() || audit.rows < std::int64_t(nCentres) * perCentre * (1 + nAssess)) die("verify-audit found problems in a clean data set");
  std::printf("verify-audit (%lld entries, every record) %8.1f ms   target < 10000 ms   (CPU %.1f ms)\n", (long long)audit.rows, auditMs,
              auditCpu);
  {
    Db& db = w.store->db();
    auto q = db.prepare("SELECT a.uuid, u.assessment_id, u.unit_id FROM assessment_units u JOIN assessments a ON a.id = u.assessment_id "
                        "WHERE u.k = 0 ORDER BY u.assessment_id DESC LIMIT 1");
    if (!q.step()) die("no BK to flip");
    const std::string uuid = q.text(0), where = " WHERE assessment_id = " + q.text(1) + " AND unit_id = " + q.text(2);
    q = Stmt();
    db.exec("DROP TRIGGER assessment_units_final; UPDATE assessment_units SET k = 1" + where);
    auto bad = *w.store->verifyAudit();
    if (bad.problems.size() != 1 || bad.problems[0].kind != AuditProblemKind::RecordChanged || bad.problems[0].uuid != uuid)
      die("verify-audit did not name the flipped outcome");
  }

  w.store.reset();
  r->reset();
  fs::remove_all(dir);
  return 0;
}
