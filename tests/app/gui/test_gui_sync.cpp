// Kirim ke kabupaten in the training workspace: the top bar's button opens the
// strip, the address is typed, the send runs off the UI thread and its result
// shows between frames: received from a regency on a loopback port (the demo
// PC's keys enrolled there), offline (nothing written) when nobody answers, or
// a certificate not trusted (its own message: nothing sent).

#include <catch2/catch.hpp>

#include "app.h"
#include "canting/records/keys.h"
#include "canting/sync/http.h"
#include "canting/sync/server.h"
#include "harness.h"
#include "item_probe.h"
#include "../records/records_fixture.h"
#include "../server/self_signed.h"

using namespace canting;
using canting::test::Harness;
namespace fs = std::filesystem;

namespace {

// Opens the first centre, the strip, types the address and sends; waits for the worker.
std::string sendTo(Harness& h, records::Desk& desk, const std::string& url) {
  desk.openCentre(desk.store()->centres(*desk.actor())->front().id);
  h.frames(2);
  h.click(h.centreOf("@training.sync.button"));
  h.click(h.centreOf("@training.sync.url"));
  h.type(url);
  h.click(h.centreOf("@training.sync.send"));
  h.app->training().syncStrip().finish(h.app->ui());
  h.frames(2);
  return h.textFrame();
}

}  // namespace

TEST_CASE("Kirim ke kabupaten sends the centre's records and shows the regency's receipt", "[gui][training][sync]") {
  Harness h;
  records::Desk& desk = h.openDemoRecords();
  h.wb.setLanguage(core::Language::Indonesian);
  test::RecordsFixture regency;
  regency.enrol(*desk.store());
  sync::ServerOptions o;
  o.spool = regency.dir.path() / "spool";
  sync::SyncServer core(*regency.store, o, fs::path(CANTING_ASSETS_DIR) / "i18n");
  sync::HttpService http(core, sync::Listen{"127.0.0.1", 0, "", "", true});
  REQUIRE(http.start().empty());
  const std::string text = sendTo(h, desk, "http://127.0.0.1:" + std::to_string(http.port()));
  INFO(text);
  CHECK(h.app->training().syncStrip().state() == gui::TrainingSync::State::Sent);
  CHECK(text.find("Diterima kabupaten: kepala rantai ") != std::string::npos);
  auto key = records::installationKey(*regency.store);
  CHECK(text.find((*key)->fingerprint()) != std::string::npos);
  auto trainees = regency.store->trainees(*regency.admin);
  CHECK(trainees->size() > 0);
}

TEST_CASE("Kirim ke kabupaten with nobody answering says offline and keeps everything", "[gui][training][sync]") {
  Harness h;
  records::Desk& desk = h.openDemoRecords();
  h.wb.setLanguage(core::Language::English);
  const std::string before = desk.store()->auditHead()->text();
  const std::string text = sendTo(h, desk, "http://127.0.0.1:9");
  CHECK(h.app->training().syncStrip().state() == gui::TrainingSync::State::Offline);
  CHECK(text.find("The regency cannot be reached. Everything is kept on this computer") != std::string::npos);
  CHECK(desk.store()->auditHead()->text() == before);
}

TEST_CASE("Kirim ke kabupaten to a server whose certificate does not verify says so, not offline, and sends nothing", "[gui][training][sync][tls]") {
  Harness h;
  records::Desk& desk = h.openDemoRecords();
  test::RecordsFixture regency;
  regency.enrol(*desk.store());
  const fs::path cert = regency.dir.path() / "cert.pem", key = regency.dir.path() / "key.pem";
  REQUIRE(test::makeSelfSignedCert(cert, key));
  sync::ServerOptions o;
  o.spool = regency.dir.path() / "spool";
  sync::SyncServer core(*regency.store, o, fs::path(CANTING_ASSETS_DIR) / "i18n");
  sync::HttpService https(core, sync::Listen{"127.0.0.1", 0, cert.string(), key.string(), false});
  REQUIRE(https.start().empty());
  const std::string url = "https://127.0.0.1:" + std::to_string(https.port());
  const std::string before = desk.store()->auditHead()->text();
  h.wb.setLanguage(core::Language::Indonesian);
  const std::string text = sendTo(h, desk, url);
  INFO(text);
  CHECK(h.app->training().syncStrip().state() == gui::TrainingSync::State::Untrusted);
  CHECK(text.find("Sertifikat kabupaten tidak dapat diverifikasi") != std::string::npos);
  CHECK(text.find(url) != std::string::npos);
  CHECK(desk.store()->auditHead()->text() == before);
  CHECK(regency.store->trainees(*regency.admin)->empty());
}
