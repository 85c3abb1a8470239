// The training workspace's keys page and a refused bundle's report: an
// administrator opens Keys by a click, loads another centre's keys file,
// enrols it by a click, and a bundle from a PC not enrolled is reported,
// naming it, until dismissed.

#include <catch2/catch.hpp>

#include "app.h"
#include "canting/records/app_session.h"
#include "canting/records/keys.h"
#include "harness.h"
#include "item_probe.h"

using namespace canting;
using canting::test::Harness;

TEST_CASE("keys page: another centre's keys loaded, enrolled by a click, a bundle from an unknown PC reported and dismissed", "[gui][training][keys]") {
  Harness h;
  records::Desk& desk = h.app->records().desk();
  h.wb.setWorkspace(core::WorkspaceId::PelatihanSertifikasi);
  h.frames(2);
  REQUIRE(desk.createDatabase("Admin Kabupaten", "1234"));
  h.frames(2);
  h.click(h.centreOf("@training.keys.button"));
  h.frames(2);
  CHECK(gui::probe::find("@training.keys.export"));
  CHECK(h.textFrame().find(h.wb.tr().tr("training.keys.title")) != std::string::npos);
  // The other centre's keys file, shown key by key before anything is enrolled.
  const auto before = records::listKeys(*desk.store(), *desk.actor())->size();
  h.app->training().showOtherCentre(h.app->ui(), false);
  h.frames(2);
  CHECK(h.textFrame().find("Asesor Dwi") != std::string::npos);
  CHECK(records::listKeys(*desk.store(), *desk.actor())->size() == before);
  h.click(h.centreOf("@training.keys.enrol"));
  h.frames(2);
  CHECK(records::listKeys(*desk.store(), *desk.actor())->size() == before + 3);  // the PC, its admin, its assessor
  // A new PC for that centre, not enrolled: its bundle is refused and the report names it.
  h.app->training().showOtherCentre(h.app->ui(), true);
  h.frames(2);
  REQUIRE(gui::probe::find("@training.refused.close"));
  CHECK(h.textFrame().find(h.wb.tr().tr("records.sig.unknown_key")) != std::string::npos);
  CHECK(desk.store()->trainees(*desk.actor())->empty());
  h.click(h.centreOf("@training.refused.close"));
  h.frames(2);
  gui::probe::clear();
  h.frames(1);
  CHECK_FALSE(gui::probe::find("@training.refused.close"));
}
