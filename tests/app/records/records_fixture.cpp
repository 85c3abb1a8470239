#include "records_fixture.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <array>
#include <atomic>
#include <cstdlib>
#include <cstdio>

#include "canting/records/keys.h"

namespace canting::test {

using namespace canting::records;

std::string pdfText(const std::filesystem::path& pdf) {
  const std::string cmd = "pdftotext -layout '" + pdf.string() + "' - 2>/dev/null";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    std::array<char, 4096> buf;
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
    pclose(p);
  }
  return out;
}

void rawExec(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
  INFO((err ? err : ""));
  sqlite3_free(err);
  sqlite3_close(h);
  REQUIRE(rc == SQLITE_OK);
}

std::string pgConnInfo(const std::string& database) {
  return "host=" + std::string(std::getenv("CANTING_TEST_PG")) + " user=canting dbname=" + database;
}

bool onPostgres() {
  const char* v = std::getenv("CANTING_TEST_PG");
  return v && *v;
}

namespace {
// One statement on the cluster's maintenance database.
void clusterExec(const std::string& sql) {
  const std::string conninfo = pgConnInfo("postgres");
  PGconn* c = PQconnectdb(conninfo.c_str());
  INFO("the PostgreSQL test cluster (" << conninfo << "): " << PQerrorMessage(c));
  REQUIRE(PQstatus(c) == CONNECTION_OK);
  PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);
  PGresult* r = PQexec(c, sql.c_str());
  INFO(sql << ": " << PQresultErrorMessage(r));
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  PQclear(r);
  PQfinish(c);
  REQUIRE(ok);
}
}  // namespace

PgDatabase::PgDatabase() {
  static std::atomic<int> serial{0};
  name = "t" + std::to_string(::getpid()) + "_" + std::to_string(++serial);
  clusterExec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  clusterExec("CREATE DATABASE " + name);
  url = pgConnInfo(name);
}

PgDatabase::PgDatabase(const std::string& original) {
  static std::atomic<int> serial{0};
  name = original + "_copy" + std::to_string(++serial);
  clusterExec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  clusterExec("CREATE DATABASE " + name + " TEMPLATE " + original);
  url = pgConnInfo(name);
}

PgDatabase::~PgDatabase() {
  const std::string conninfo = pgConnInfo("postgres");
  if (PGconn* c = PQconnectdb(conninfo.c_str())) {
    PQclear(PQexec(c, ("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").c_str()));
    PQfinish(c);
  }
}

StoreOptions RecordsFixture::options() const {
  StoreOptions o;
  o.file = dir.path() / "pelatihan.db";
  if (pg) {
    o.pgUrl = pg->url;
    o.evidenceDir = dir.path() / "bukti";
  }
  o.pinCost = PinCost::Minimum;
  o.clock = [this] { return clock; };
  return o;
}

RecordsFixture::RecordsFixture(bool people, bool postgres) {
  if (postgres) pg = std::make_unique<PgDatabase>();
  reopen();
  if (!people) return;
  REQUIRE(store->createFirstAdmin("admin", "1234"));
  admin = *store->login("admin", "1234");
  centreA = *store->addCentre(*admin, {0, "", "Kampung Batik Limbasari", "Limbasari", "Bobotsari", ""});
  centreB = *store->addCentre(*admin, {0, "", "Galuh", "Galuh", "Bojongsari", ""});
  REQUIRE(store->addPerson(*admin, {0, "", "sri", Role::Trainer, centreA, "", false}, "2345"));
  REQUIRE(store->addPerson(*admin, {0, "", "ratna", Role::Assessor, 0, "MET.000.0000001.2026", false}, "3456"));
  REQUIRE(store->addPerson(*admin, {0, "", "wati", Role::Outlet, centreA, "", false}, "4567"));
  trainer = *store->login("sri", "2345");
  assessor = *store->login("ratna", "3456");
  outlet = *store->login("wati", "4567");
  auto n = store->loadCurriculum(*admin, std::filesystem::path(CANTING_ASSETS_DIR) / "curriculum");
  REQUIRE(n);
  scheme = store->schemes(*admin)->front().id;
}

void RecordsFixture::reopen() {
  store.reset();
  auto s = Store::open(options());
  INFO((s ? std::string() : s.error().detail));
  REQUIRE(s);
  store = std::move(*s);
}

void RecordsFixture::enrol(Store& from) {
  auto text = exportKeys(from);
  REQUIRE(text);
  const auto file = dir.path() / "enrol-keys.json";
  writeText(file, *text);
  auto keys = readKeysFile(file);
  REQUIRE(keys);
  REQUIRE(enrolKeys(*store, *admin, *keys));
}

Id RecordsFixture::addTrainee(int serial, Id centre, const std::string& name) {
  Trainee t;
  t.name = name.empty() ? "Peserta " + std::to_string(serial) : name;
  char nik[17];
  std::snprintf(nik, sizeof nik, "3303%012d", serial);
  t.nik = nik;
  t.birthDate = "1990-01-01";
  t.sex = "P";
  t.phone = "081200000" + std::to_string(100 + serial % 900);
  t.consent = true;
  t.centre = centre;
  auto id = store->addTrainee(*admin, t);
  REQUIRE(id);
  return *id;
}

std::string RecordsFixture::nikClashDetail() {
  const Id first = addTrainee(1, centreA);
  const Id second = addTrainee(2, centreA);
  Trainee t = *store->trainee(*admin, second);
  t.nik = store->trainee(*admin, first)->nik;
  auto clash = store->updateTrainee(*admin, t);
  REQUIRE_FALSE(clash);
  CHECK(clash.error().code == imaging::ErrorCode::InvalidArgument);
  CHECK(store->trainee(*admin, second)->nik != t.nik);  // rolled back
  return clash.error().detail;
}

}  // namespace canting::test
