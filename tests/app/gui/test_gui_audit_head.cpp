// Issue 16: the training dashboard shows this installation's audit chain head,
// in the form canting-cli training verify-audit --head takes, in both languages.

#include <catch2/catch.hpp>

#include "app.h"
#include "canting/records/app_session.h"
#include "canting/records/demo.h"
#include "harness.h"
#include "item_probe.h"

using namespace canting;
using canting::test::Harness;

TEST_CASE("the dashboard shows the audit chain's head, and the next change moves it", "[gui][training][audit]") {
  Harness h;
  records::Desk& desk = h.openDemoRecords();
  for (auto lang : {core::Language::Indonesian, core::Language::English}) {
    h.wb.setLanguage(lang);
    h.frames(2);
    const std::string head = desk.store()->auditHead()->text();
    CHECK(gui::probe::find("@training.audit_head"));
    CHECK(h.textFrame().find(h.wb.tr().tr("training.audit_head", {{"head", head}})) != std::string::npos);
  }
  CHECK(h.textFrame().find("Audit chain head: ") != std::string::npos);
  const std::string before = desk.store()->auditHead()->text();
  REQUIRE(desk.store()->addCentre(*desk.actor(), {0, "", "Sentra Baru"}));
  h.frames(2);
  const std::string after = desk.store()->auditHead()->text();
  CHECK(after != before);
  CHECK(h.textFrame().find(after) != std::string::npos);
}
