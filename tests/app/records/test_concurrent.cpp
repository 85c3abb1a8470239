// Two officers at once: two Store connections to one database (a file on
// SQLite, one PostgreSQL database in the records-pg: run), writing from two
// threads. Their transactions serialise: every change is there once, and the
// audit chain (one sequence for both) verifies.

#include <catch2/catch.hpp>

#include <thread>

#include "canting/records/store.h"
#include "records_fixture.h"

using namespace canting::records;
using canting::test::RecordsFixture;

namespace {
Trainee traineeFor(int serial, Id centre) {
  Trainee t;
  t.name = "Peserta serentak " + std::to_string(serial);
  char nik[17];
  std::snprintf(nik, sizeof nik, "3303%012d", 500000 + serial);
  t.nik = nik;
  t.birthDate = "1991-02-03";
  t.sex = "L";
  t.consent = true;
  t.centre = centre;
  return t;
}
}  // namespace

TEST_CASE("two officers editing at once: transactions serialise and nothing is lost", "[records][concurrent]") {
  RecordsFixture f;
  auto second = Store::open(f.options());
  REQUIRE(second);
  auto other = (*second)->login("admin", "1234");
  REQUIRE(other);
  constexpr int kEach = 25;
  std::vector<std::string> failures[2];
  auto work = [&](Store& s, const Actor& by, int from, std::vector<std::string>& failed) {
    for (int i = 0; i < kEach; ++i) {
      const int serial = from + i;
      auto id = s.addTrainee(by, traineeFor(serial, serial % 2 ? f.centreA : f.centreB));
      if (!id) {
        failed.push_back(id.error().detail);
        continue;
      }
      // A correction right after, from the same officer: a second version and entry.
      auto t = s.trainee(by, *id);
      if (!t) {
        failed.push_back(t.error().detail);
        continue;
      }
      t->phone = "0813" + std::to_string(10000000 + serial);
      if (auto st = s.updateTrainee(by, *t); !st) failed.push_back(st.error().detail);
    }
  };
  std::thread a([&] { work(*f.store, *f.admin, 0, failures[0]); });
  std::thread b([&] { work(**second, *other, 1000, failures[1]); });
  a.join();
  b.join();
  INFO((failures[0].empty() ? "" : failures[0].front()) << (failures[1].empty() ? "" : failures[1].front()));
  CHECK(failures[0].empty());
  CHECK(failures[1].empty());
  auto all = f.store->trainees(*f.admin);
  REQUIRE(all);
  CHECK(all->size() == std::size_t(2 * kEach));
  for (const Trainee& t : *all) CHECK(t.phone.rfind("0813", 0) == 0);
  // Both connections see the same chain, and it holds: one entry per change, in one order.
  auto check = f.store->verifyAudit();
  REQUIRE(check);
  CHECK(check->intact);
  CHECK(check->problems.empty());
  auto head1 = f.store->auditHead(), head2 = (*second)->auditHead();
  REQUIRE(head1);
  REQUIRE(head2);
  CHECK(head1->seq == head2->seq);
  CHECK(head1->hash == head2->hash);
}
