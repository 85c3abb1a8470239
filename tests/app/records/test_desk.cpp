#include <catch2/catch.hpp>

#include "canting/records/demo.h"
#include "canting/records/desk.h"
#include "support/image_fixtures.h"

using namespace canting::records;
using canting::imaging::ErrorCode;
using canting::test::TempDir;

namespace {
struct DemoDesk {
  TempDir dir;
  Desk desk{dir.path() / "pelatihan.db", dir.path() / "pelatihan-demo.db", std::filesystem::path(CANTING_ASSETS_DIR) / "curriculum"};
  DemoDesk() { REQUIRE(desk.useDemo(true)); }
  void loginAs(int who) {
    const auto& l = demoLogins()[std::size_t(who)];
    desk.loginName = l.name;
    for (const char* p = l.pin; *p; ++p) desk.keypad(*p);
    REQUIRE(desk.login());
  }
};
}  // namespace

TEST_CASE("the desk keeps real and demo records apart and makes the demo on first use", "[records][desk]") {
  DemoDesk d;
  CHECK(d.desk.usingDemo());
  CHECK(std::filesystem::exists(d.dir.path() / "pelatihan-demo.db"));
  CHECK_FALSE(std::filesystem::exists(d.dir.path() / "pelatihan.db"));
  CHECK(d.desk.store()->isDemo());
  CHECK(d.desk.loginNames().front() == "Admin Kabupaten (demo)");
  // Back to the real records: none yet, so the first person becomes administrator.
  REQUIRE(d.desk.useDemo(false));
  CHECK_FALSE(d.desk.databaseExists());
  CHECK(d.desk.createDatabase("Kantor Dinas", "123") .error().code == ErrorCode::InvalidArgument);  // PIN too short
  REQUIRE(d.desk.createDatabase("Kantor Dinas", "24680"));
  REQUIRE(d.desk.actor());
  CHECK(d.desk.actor()->role() == Role::Admin);
  CHECK_FALSE(d.desk.store()->isDemo());
  CHECK(d.desk.store()->schemes(*d.desk.actor())->size() == 1);  // the curriculum was loaded
}

TEST_CASE("the keypad builds the PIN, a wrong PIN is cleared, and a trainer starts at their centre", "[records][desk]") {
  DemoDesk d;
  d.desk.keypad('1');
  d.desk.keypad('2');
  d.desk.keypad('<');
  d.desk.keypad('x');
  CHECK(d.desk.pin == "1");
  d.desk.keypad('C');
  CHECK(d.desk.pin.empty());
  d.desk.loginName = "Pelatih Sri (demo)";
  for (char c : std::string("9999")) d.desk.keypad(c);
  CHECK(d.desk.login().error().code == canting::records::RecordsError::LoginFailed);
  CHECK(d.desk.pin.empty());
  d.loginAs(1);
  CHECK(d.desk.page() == Desk::Page::Centre);
  CHECK(d.desk.centre == d.desk.actor()->centre());
  d.desk.openTrainee(1);
  d.desk.openSession(1);
  CHECK(d.desk.back());
  CHECK(d.desk.page() == Desk::Page::Trainee);
  CHECK(d.desk.trainee == 1);
  CHECK(d.desk.back());
  CHECK(d.desk.page() == Desk::Page::Centre);
  CHECK_FALSE(d.desk.back());
  d.desk.logout();
  CHECK_FALSE(d.desk.actor());
}

TEST_CASE("the assessment form allows K only when every criterion is Ya, and saves through the store", "[records][desk]") {
  DemoDesk d;
  d.loginAs(0);
  CHECK(d.desk.startAssessment(9).error().code == canting::records::RecordsError::NotAllowed);  // administrators do not assess
  d.desk.logout();
  d.loginAs(3);
  d.desk.openTrainee(9);
  REQUIRE(d.desk.startAssessment(9));
  CHECK(d.desk.page() == Desk::Page::Assessment);
  const Scheme& s = *d.desk.formScheme;
  AssessmentForm& f = d.desk.form;
  CHECK_FALSE(f.canBeK(s, s.units[0].id));
  f.setWholeUnit(s, s.units[0].id, true);
  CHECK(f.canBeK(s, s.units[0].id));
  CHECK(f.units[s.units[0].id] == 1);
  f.criteria[s.units[1].elements[0].criteria[0].id] = 0;
  CHECK_FALSE(f.canBeK(s, s.units[1].id));
  f.units[s.units[1].id] = 0;
  f.placeNote = "balai desa";
  const AssessmentInput in = f.toInput();
  CHECK(in.units.size() == 2);  // units left "not assessed" are not recorded
  CHECK(in.place == "TUK sewaktu, balai desa");
  // Forcing K against a Tidak is refused by the store, not only by the form.
  f.units[s.units[1].id] = 1;
  CHECK(d.desk.submitAssessment().error().arg("what") == "@records.field.k_with_tidak");
  f.units[s.units[1].id] = 0;
  REQUIRE(d.desk.submitAssessment());
  CHECK(d.desk.page() == Desk::Page::Trainee);  // back where the assessor came from
  auto p = d.desk.store()->unitProgress(*d.desk.actor(), 9, s.id);
  CHECK(p->at(0).second == 'K');
  CHECK(p->at(1).second == 'B');
}
