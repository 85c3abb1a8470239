// The training workspace's backup: the reminder on records never backed up,
// and a backup to a chosen folder (a flash drive) through the file dialog.

#include <catch2/catch.hpp>

#include "app.h"
#include "canting/records/app_session.h"
#include "canting/records/backup.h"
#include "canting/records/demo.h"
#include "harness.h"
#include "item_probe.h"

using namespace canting;
using canting::test::Harness;
namespace fs = std::filesystem;

TEST_CASE("records never backed up show the reminder, Back up writes a checked copy to the chosen folder and the reminder goes", "[gui][training][backup]") {
  Harness h;
  records::Desk& desk = h.app->records().desk();
  h.wb.setWorkspace(core::WorkspaceId::PelatihanSertifikasi);
  h.frames(2);
  REQUIRE(desk.createDatabase("Admin Kabupaten", "1234"));  // the first run's administrator, as the login page makes one
  h.frames(2);
  CHECK(gui::probe::find("@training.backup_reminder"));
  CHECK(h.textFrame().find(h.wb.tr().tr("training.backup_never")) != std::string::npos);
  // The flash drive is where the last backup went.
  const fs::path usb = h.dir / "media" / "FLASHDISK";
  fs::create_directories(usb);
  h.wb.rememberFolder(usb, core::FileKind::Any);
  h.click(h.centreOf("@training.backup"));
  h.frames(1);
  REQUIRE(h.app->fileBrowser().isOpen());
  CHECK(h.app->fileBrowser().mode() == gui::FileBrowserPanel::Mode::SaveFile);
  CHECK(h.app->fileBrowser().folder() == usb);
  const std::string name = h.app->fileBrowser().name();
  CHECK(name.rfind("pelatihan-", 0) == 0);
  CHECK(fs::path(name).extension() == ".db");
  h.click(h.centreOf("@browser.save"));
  h.frames(2);
  CHECK_FALSE(h.app->fileBrowser().isOpen());
  REQUIRE(fs::exists(usb / name));
  CHECK(h.wb.notices().back().kind == core::Notice::Kind::Info);
  // The copy is whole: it restores, and its audit log follows.
  auto restored = records::restoreDatabase(usb / name, h.dir / "elsewhere" / "pelatihan.db", desk.store()->now());
  REQUIRE(restored);
  CHECK(restored->auditRows > 0);
  CHECK(desk.store()->lastBackupAt());
  gui::probe::clear();
  h.frames(2);
  CHECK(gui::probe::find("@training.backup"));
  CHECK_FALSE(gui::probe::find("@training.backup_reminder"));
}

TEST_CASE("the demo records get no backup reminder, only the button", "[gui][training][backup]") {
  Harness h;
  h.openDemoRecords();
  h.frames(2);
  CHECK(gui::probe::find("@training.backup"));
  CHECK_FALSE(gui::probe::find("@training.backup_reminder"));
}
