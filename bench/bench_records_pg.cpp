// The regency's dashboard read live from PostgreSQL at the district's scale:
// 20 centres x 500 trainees, a 30-unit scheme, 5 assessments of every unit
// per trainee (1.5 million unit results, 3 million criterion results).
//
//   bench_records_pg SOCKET_DIR           a database of its own on the cluster
//                                         whose Unix socket is in SOCKET_DIR
//                                         (tests/support/pg_cluster.sh start DIR)
//   bench_records_pg --quick SOCKET_DIR   2 centres x 50 trainees (CTest)
//   CANTING_BENCH_KEEP=1 keeps the database (for EXPLAIN in psql)
//
// People, centres and the scheme go through the store; the outcomes are
// written by the server itself (INSERT ... SELECT over generate_series, with
// the triggers off for the load but on for the latest outcomes, whose
// per-centre K count they keep), as a regency's years of imports would have
// left them. The dashboard and a centre's matrix are then timed through the
// store's public API, on the PostgreSQL backend.

#include <libpq-fe.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "bench_util.h"
#include "canting/records/store.h"

using namespace canting::records;
namespace fs = std::filesystem;
using canting::bench::medianMs;

namespace {

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_records_pg: %s\n", what.c_str());
  std::exit(2);
}

void clusterExec(const std::string& socketDir, const std::string& sql) {
  const std::string conninfo = "host=" + socketDir + " user=canting dbname=postgres";
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (PQstatus(c) != CONNECTION_OK) die(std::string("cluster: ") + PQerrorMessage(c));
  PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);
  PGresult* r = PQexec(c, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  const std::string why = PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
  if (!ok) die(sql + ": " + why);
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 2 && std::strcmp(argv[1], "--quick") == 0;
  if (argc < 2 || (argc > 2 && !quick)) die("usage: bench_records_pg [--quick] SOCKET_DIR");
  const std::string socketDir = argv[argc - 1];
  const int nCentres = quick ? 2 : 20, perCentre = quick ? 50 : 500, nUnits = 30, nAssess = 5;
  const std::string dbName = "bench_" + std::to_string(::getpid());
  const fs::path dir = fs::temp_directory_path() / ("canting-bench-records-pg-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  clusterExec(socketDir, "CREATE DATABASE " + dbName);
  {
    auto s = Store::open({.file = dir / "kabupaten-server", .pgUrl = "host=" + socketDir + " user=canting dbname=" + dbName,
                          .evidenceDir = dir / "bukti", .pinCost = PinCost::Minimum});
    if (!s) die("open: " + s.error().detail);
    Store& store = **s;
    if (!store.createFirstAdmin("admin", "1234")) die("admin");
    auto admin = *store.login("admin", "1234");
    if (!store.addPerson(admin, {0, "", "asesor", Role::Assessor, 0, "MET.0", false}, "1234")) die("assessor");
    std::string centreIds;
    for (int c = 0; c < nCentres; ++c) {
      auto id = store.addCentre(admin, {0, "", c == 0 ? "Kampung Batik Limbasari" : "Sentra " + std::to_string(c + 1)});
      if (!id) die("centre");
      centreIds += (c ? "," : "") + std::to_string(*id);
    }
    auto sid = store.loadScheme(admin, canting::bench::writeBenchScheme(dir, nUnits));
    if (!sid) die("scheme");
    const std::string scheme = std::to_string(*sid);

    // The load: the server writes the rows itself. Competence grows over the
    // five assessments, as in bench_records.
    const std::string n = std::to_string(nCentres * perCentre);
    const auto t0 = std::chrono::steady_clock::now();
    Db& db = store.db();
    db.exec("SET session_replication_role = replica");  // no triggers (and so no FK checks) for the load
    db.exec("INSERT INTO trainees (uuid, name, nik, centre_id, consent, updated_at) SELECT md5('t' || g), 'Peserta ' || g, lpad(g::text, 16, '0'), "
            "(ARRAY[" + centreIds + "])[1 + g % " + std::to_string(nCentres) + "], 1, '2026-01-01T00:00:00Z' FROM generate_series(1, " + n + ") g");
    db.exec("INSERT INTO assessments (uuid, trainee_id, scheme_id, assessor_id, date, created_at) SELECT md5('a' || t.id || '-' || a), t.id, " + scheme +
            ", 2, '2026-0' || a || '-15', '2026-01-01T00:00:00Z' FROM trainees t, generate_series(1, " + std::to_string(nAssess) + ") a");
    db.exec("INSERT INTO assessment_units (assessment_id, unit_id, k) SELECT a.id, u.id, CASE WHEN (a.trainee_id + u.id) % 5 < "
            "substr(a.date, 7, 1)::int THEN 1 ELSE 0 END FROM assessments a JOIN units u ON u.scheme_id = a.scheme_id");
    db.exec("INSERT INTO assessment_criteria (assessment_id, criterion_id, ya) SELECT au.assessment_id, c.id, au.k FROM assessment_units au "
            "JOIN elements e ON e.unit_id = au.unit_id JOIN criteria c ON c.element_id = e.id");
    // The latest outcomes with the triggers on: the per-centre K count (schema v10) is the triggers' own work.
    db.exec("SET session_replication_role = origin");
    db.exec("INSERT INTO unit_status (trainee_id, unit_id, centre_id, k, date) SELECT a.trainee_id, au.unit_id, t.centre_id, au.k, a.date "
            "FROM assessment_units au JOIN assessments a ON a.id = au.assessment_id JOIN trainees t ON t.id = a.trainee_id WHERE a.date = '2026-0" +
            std::to_string(nAssess) + "-15'");
    db.exec("VACUUM ANALYZE");
    const double loadS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::int64_t outcomes = 0;
    {
      auto q = db.prepare("SELECT COUNT(*) FROM assessment_units");
      q.step();
      outcomes = q.i64(0);
    }
    if (outcomes != std::int64_t(nCentres) * perCentre * nUnits * nAssess) die("the load wrote the wrong number of outcomes");
    std::printf("data set on PostgreSQL: %d centres x %d trainees, %d units, %d assessments each (%lld unit results); loaded in %.1f s\n", nCentres,
                perCentre, nUnits, nAssess, (long long)outcomes, loadS);

    std::vector<CentreProgress> dash;
    double cpu = 0;
    const double dashMs = medianMs(5, [&] {
      auto d = store.dashboard(admin);
      if (!d) die("dashboard: " + d.error().detail);
      dash = *d;
    }, &cpu);
    int trainees = 0, units = 0;
    for (const auto& d : dash) trainees += d.trainees, units += d.unitsAchieved;
    if (trainees != nCentres * perCentre || units != trainees * nUnits) die("dashboard counts are wrong");
    std::printf("dashboard from PostgreSQL (%zu centres)  %8.2f ms   target < 50 ms   (client CPU %.2f ms)\n", dash.size(), dashMs, cpu);

    auto centre = store.centres(admin);
    if (!centre) die("centres");
    Matrix m;
    const double matrixMs = medianMs(5, [&] { m = *store.matrix(admin, centre->front().id, *sid); });
    if (int(m.trainees.size()) != perCentre || int(m.units.size()) != nUnits) die("matrix has the wrong shape");
    std::printf("centre matrix from PostgreSQL (%d x %d) %8.2f ms   target < 100 ms\n", perCentre, nUnits, matrixMs);
  }
  if (std::getenv("CANTING_BENCH_KEEP"))  // to look at the plans in psql afterwards
    std::printf("kept: database %s\n", dbName.c_str());
  else
    clusterExec(socketDir, "DROP DATABASE " + dbName + " WITH (FORCE)");
  fs::remove_all(dir);
  return 0;
}
