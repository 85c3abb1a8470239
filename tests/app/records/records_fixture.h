#pragma once
// A records store in a temporary folder, with a clock the test moves and
// the cheapest PIN hashing (the hash format is the same Argon2id).

#include <memory>

#include "canting/records/store.h"
#include "support/image_fixtures.h"

namespace canting::test {

inline void writeText(const std::filesystem::path& p, const std::string& text) { writeAll(p, Bytes(text.begin(), text.end())); }

// Raw SQL against the file, behind the store's back (as a tamperer would).
void rawExec(const std::filesystem::path& db, const std::string& sql);

// The text of a PDF through poppler's pdftotext, page by page ('\f' between pages).
std::string pdfText(const std::filesystem::path& pdf);

// A shirt order as the outlet takes one (the store gives number, time and staff).
inline core::Order sampleOrder() {
  core::Order o;
  o.customer = "Bu Ratih";
  o.contact = "0812 3456 7890";
  o.motifName = "Kawung";
  o.productId = "kemeja-pendek";
  o.productName = "Kemeja lengan pendek";
  o.size = "M";
  o.quantity = 2;
  o.unitPrice = 350000;
  o.swatches = {{"#5A3A22", "Soga tingi"}, {"#F0E6D2", ""}};
  return o;
}

// The records tests run twice: on SQLite ("records:" in ctest) and on
// PostgreSQL ("records-pg:"), where CANTING_TEST_PG names the socket folder
// of the throw-away cluster tests/support/pg_cluster.sh started.
bool onPostgres();
// libpq's connection string for one database on that cluster.
std::string pgConnInfo(const std::string& database);

// A database of its own on the test cluster, so that tests run in parallel;
// dropped when this goes.
struct PgDatabase {
  std::string name, url;
  PgDatabase();
  // An exact copy of `original` (CREATE DATABASE ... TEMPLATE): nobody may be connected to it meanwhile.
  explicit PgDatabase(const std::string& original);
  ~PgDatabase();
  PgDatabase(const PgDatabase&) = delete;
  PgDatabase& operator=(const PgDatabase&) = delete;
};

struct RecordsFixture {
  TempDir dir;
  std::unique_ptr<PgDatabase> pg;  // set on PostgreSQL; outlives the store below
  std::int64_t clock = 1795000000;  // 2026-11-18
  std::unique_ptr<records::Store> store;
  std::optional<records::Actor> admin, trainer, assessor, outlet;
  records::Id centreA = 0, centreB = 0, scheme = 0;

  // `postgres`: on the test cluster when the run is the PostgreSQL pass; a
  // centre's PC keeps a file whatever the pass (the sync tests' centre).
  explicit RecordsFixture(bool people = true, bool postgres = onPostgres());
  records::StoreOptions options() const;
  void reopen();
  // Enrols another installation's keys here, as the regency does from its keys file.
  void enrol(records::Store& from);
  // Adds a valid trainee (NIK from the serial) to a centre; returns its id.
  records::Id addTrainee(int serial, records::Id centre, const std::string& name = {});
  // Two trainees, and an edit giving the second the first's NIK: caught by the
  // unique index (no check runs before it), InvalidArgument, rolled back.
  // Returns the error's detail, in the backend's own words.
  std::string nikClashDetail();
};

}  // namespace canting::test
