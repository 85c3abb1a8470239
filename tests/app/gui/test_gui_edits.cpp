// Corrections from the training workspace, as versions, never deletions
// (issue #16): a person added, a centre edited, a trainee corrected, a
// certificate revoked; the centre heads on the dashboard; attempts the lab
// logged while nobody was logged in, taken in at a trainer's login.

#include <algorithm>

#include "canting/records/bundle.h"
#include "canting/records/demo.h"
#include "harness.h"

using namespace canting;
using test::Harness;

namespace {

// The demo records, logged in as one of the demo people by the keypad.
records::Desk& demoAs(Harness& h, int who) {
  h.wb.setWorkspace(core::WorkspaceId::PelatihanSertifikasi);
  h.frames(2);
  records::Desk& d = h.app->records().desk();
  REQUIRE(d.useDemo(true));
  const auto& login = records::demoLogins()[std::size_t(who)];
  d.loginName = login.name;
  d.pin = login.pin;
  h.frames(1);
  h.click(h.centreOf("@training.enter"));
  h.frames(1);
  REQUIRE(d.actor());
  return d;
}

// Clicks a text field, selects what is in it and types over it.
void typeInto(Harness& h, const std::string& field, const std::string& text) {
  h.click(h.centreOf(field));
  h.ctrlKey('A');
  h.type(text);
  h.frames(1);
}

int auditCount(records::Store& s, const std::string& action, const std::string& entity) {
  auto q = s.db().prepare("SELECT COUNT(*) FROM audit_log WHERE action = ?1 AND entity = ?2");
  q.bind(1, action).bind(2, entity);
  q.step();
  return int(q.i64(0));
}

}  // namespace

TEST_CASE("an administrator adds a person from the dashboard, a short PIN is refused on the form", "[gui][training][edits]") {
  Harness h;
  records::Desk& d = demoAs(h, 0);
  CHECK_FALSE(gui::probe::find("@training.person_name"));
  h.click(h.centreOf("@training.person_add"));
  h.frames(1);
  typeInto(h, "@training.person_name", "Bu Narti");
  h.click(h.centreOf("@training.person_role.1"));
  typeInto(h, "@training.person_pin", "12");
  h.click(h.centreOf("@training.person_save"));
  h.frames(1);
  CHECK(gui::probe::find("@training.edit_error"));
  auto names = d.loginNames();
  CHECK(std::find(names.begin(), names.end(), "Bu Narti") == names.end());
  const int before = auditCount(*d.store(), "create", "person");
  typeInto(h, "@training.person_pin", "5678");
  h.click(h.centreOf("@training.person_save"));
  h.frames(1);
  names = d.loginNames();
  CHECK(std::find(names.begin(), names.end(), "Bu Narti") != names.end());
  CHECK(auditCount(*d.store(), "create", "person") == before + 1);
  CHECK(h.wb.notices().back().kind == core::Notice::Kind::Info);
  // The new trainer can log in with the PIN given.
  auto narti = d.store()->login("Bu Narti", "5678");
  REQUIRE(narti);
  CHECK(narti->role() == records::Role::Trainer);
  // A trainer sees no such button.
  d.logout();
  h.frames(1);
  records::Desk& t = demoAs(h, 1);
  t.show(records::Desk::Page::Dashboard);
  gui::probe::clear();
  h.frames(2);
  CHECK_FALSE(gui::probe::find("@training.person_add"));
}

TEST_CASE("an administrator edits a centre's details, the audit log keeps what they were", "[gui][training][edits]") {
  Harness h;
  records::Desk& d = demoAs(h, 0);
  const auto centre = d.store()->centres(*d.actor())->front();
  d.openCentre(centre.id);
  h.frames(2);
  h.click(h.centreOf("@training.centre_edit"));
  h.frames(1);
  typeInto(h, "@training.centre_kecamatan", "Kutasari");
  h.click(h.centreOf("@training.centre_save"));
  h.frames(1);
  const auto after = *d.store()->centreByName(*d.actor(), centre.uuid);
  CHECK(after.kecamatan == "Kutasari");
  CHECK(after.name == centre.name);
  auto rows = d.store()->audit(*d.actor(), 1);
  REQUIRE(rows);
  CHECK(rows->front().action == "update");
  CHECK(rows->front().detail.find(centre.kecamatan) != std::string::npos);  // the old value, kept
  CHECK(rows->front().detail.find("Kutasari") != std::string::npos);
}

TEST_CASE("a trainer corrects a trainee: a new version, the old one stays in the history", "[gui][training][edits]") {
  Harness h;
  records::Desk& d = demoAs(h, 1);
  const auto trainee = d.store()->trainees(*d.actor(), d.centre)->front();
  const auto historyBefore = d.store()->traineeHistory(*d.actor(), trainee.id)->size();
  d.openTrainee(trainee.id);
  h.frames(2);
  h.click(h.centreOf("@training.trainee_edit"));
  h.frames(1);
  typeInto(h, "@training.trainee_phone", "081311112222");
  typeInto(h, "@training.trainee_nik", "123");  // refused: not 16 digits
  h.click(h.centreOf("@training.trainee_save"));
  h.frames(1);
  CHECK(gui::probe::find("@training.edit_error"));
  CHECK(d.store()->trainee(*d.actor(), trainee.id)->phone == trainee.phone);
  typeInto(h, "@training.trainee_nik", trainee.nik);
  h.click(h.centreOf("@training.trainee_save"));
  h.frames(1);
  CHECK(d.store()->trainee(*d.actor(), trainee.id)->phone == "081311112222");
  const auto history = *d.store()->traineeHistory(*d.actor(), trainee.id);
  CHECK(history.size() == historyBefore + 1);
  CHECK(std::any_of(history.begin(), history.end(), [&](const std::string& v) { return v.find(trainee.phone) != std::string::npos; }));
}

TEST_CASE("an administrator revokes a certificate with a reason, it stays, marked revoked", "[gui][training][edits]") {
  Harness h;
  records::Desk& d = demoAs(h, 0);
  const auto all = *d.store()->certificates(*d.actor());
  const auto it = std::find_if(all.begin(), all.end(), [](const records::Certificate& c) { return c.status == "active"; });
  REQUIRE(it != all.end());
  const records::Certificate cert = *it;
  d.openTrainee(cert.trainee);
  h.frames(2);
  h.click(h.centreOf("@training.cert_revoke." + std::to_string(cert.id)));
  h.frames(1);
  h.click(h.centreOf("@training.cert_revoke_confirm"));  // no reason: refused
  h.frames(1);
  CHECK(gui::probe::find("@training.edit_error"));
  auto status = [&] {
    const auto list = d.store()->certificates(*d.actor(), cert.trainee);  // kept: a range-for over *temporary would dangle
    for (const auto& c : *list)
      if (c.id == cert.id) return c.status;
    return std::string("gone");
  };
  CHECK(status() == "active");
  typeInto(h, "@training.cert_revoke_reason", "nama salah ketik");
  h.click(h.centreOf("@training.cert_revoke_confirm"));
  h.frames(2);
  CHECK(status() == "revoked");
  CHECK(d.store()->certificates(*d.actor())->size() == all.size());
  gui::probe::clear();
  h.frames(1);
  CHECK_FALSE(gui::probe::find("@training.cert_revoke." + std::to_string(cert.id)));  // nothing more to revoke
}

TEST_CASE("the regency's dashboard shows each centre's last imported chain head", "[gui][training][heads]") {
  Harness h;
  records::Desk& d = demoAs(h, 0);
  const auto centre = d.store()->centres(*d.actor())->front();
  const auto file = h.dir / "sentra.canting-bundle";
  REQUIRE(records::exportBundle(*d.store(), *d.actor(), centre.id, file));
  auto sum = records::importBundle(*d.store(), *d.actor(), file);
  REQUIRE(sum);
  d.show(records::Desk::Page::Dashboard);
  const std::string text = h.textFrame();
  CHECK(text.find(sum->head.text()) != std::string::npos);
  CHECK(text.find(h.wb.tr().tr("training.head_none")) != std::string::npos);  // the other centres: none yet
}

TEST_CASE("attempts the lab logged while nobody was logged in are added at a trainer's login, and the trainer is told", "[gui][training][lab]") {
  Harness h;
  h.wb.setWorkspace(core::WorkspaceId::PelatihanSertifikasi);
  h.frames(2);
  records::Desk& d = h.app->records().desk();
  REQUIRE(d.createDatabase("Kantor Dinas", "24680"));
  REQUIRE(d.store()->addPerson(*d.actor(), {0, "", "sri", records::Role::Trainer, 0, "", false}, "2345"));
  d.logout();
  REQUIRE(h.app->records().attempts().save({"Siti", "indigo-ceplok", "{}", 4.0, 0.8, 3, 2, "", "2026-11-20T08:00:00Z"}));
  REQUIRE(h.app->records().attempts().save({"Dewi", "indigo-ceplok", "{}", 5.0, 0.7, 3, 2, "", "2026-11-20T08:10:00Z"}));
  h.frames(1);
  const auto names = d.loginNames();
  const auto at = std::find(names.begin(), names.end(), std::string("sri")) - names.begin();
  h.click(h.centreOf("@training.name." + std::to_string(at)));
  for (char c : std::string("2345")) h.click(h.centreOf(std::string("@pin_training.") + c));
  h.click(h.centreOf("@training.enter"));
  h.frames(1);
  REQUIRE(d.actor());
  REQUIRE_FALSE(h.wb.notices().empty());
  CHECK(h.wb.notices().back().kind == core::Notice::Kind::Info);
  CHECK(h.wb.notices().back().text == h.wb.tr().tr("training.pending_attempts", {{"n", "2"}, {"who", "sri"}}));
  CHECK(d.store()->attemptsOf(*d.actor(), "Siti")->size() == 1);
  CHECK_FALSE(std::filesystem::exists(h.dir / "data" / "latihan-pewarnaan.jsonl"));
}
