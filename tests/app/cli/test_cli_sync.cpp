// canting-cli training sync against a regency's server on a loopback port in
// this process: exit 0 with the receipt, 2 refused, 3 unreachable (nothing
// written), 4 the regency's certificate not trusted (nothing sent), 1 for
// plain HTTP off loopback; Indonesian and English.

#include <catch2/catch.hpp>

#include "run_cli.h"
#include "sync_fixture.h"

using namespace canting;
using canting::test::runCli;
using canting::test::SyncFixture;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> syncArgs(SyncFixture& f, const std::string& lang, const std::string& url) {
  const fs::path pin = f.centre.dir.path() / "pin.txt";
  test::writeText(pin, "2345\n");
  return {"--lang", lang, "training", "sync", "--server", url, "--insecure-loopback", "--db", f.centre.options().file.string(),
          "--user", "sri", "--pin-file", pin.string()};
}

}  // namespace

TEST_CASE("training sync exits 0 with the receipt, then finds nothing new", "[cli][sync]") {
  SyncFixture f;
  f.fillCentre();
  f.start();
  auto r = runCli(syncArgs(f, "en", f.url()));
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("Received by the regency: Kampung Batik Limbasari, chain head ") != std::string::npos);
  CHECK(r.out.find("Regency lists fetched") != std::string::npos);
  CHECK(test::countRows(*f.regency.store, "trainees") == 2);
  auto again = runCli(syncArgs(f, "id", f.url()));
  CHECK(again.code == 0);
  CHECK(again.out.find("Tidak ada yang baru sejak tanda terima terakhir") != std::string::npos);
}

TEST_CASE("training sync exits 3 when the regency cannot be reached, and writes nothing", "[cli][sync]") {
  SyncFixture f;
  f.fillCentre();
  f.start();
  const std::string url = f.url();
  f.stop();
  const std::string head = f.centre.store->auditHead()->text();
  for (const char* lang : {"id", "en"}) {
    auto r = runCli(syncArgs(f, lang, url));
    CHECK(r.code == 3);
    CHECK(r.err.find(std::string(lang) == "en" ? "cannot be reached" : "tidak terjangkau") != std::string::npos);
    CHECK(r.err.find(std::string(lang) == "en" ? "flash drive" : "flashdisk") != std::string::npos);
  }
  CHECK(f.centre.store->auditHead()->text() == head);
  CHECK(test::countRows(*f.centre.store, "sync_sent") == 0);
}

TEST_CASE("training sync exits 4 when the regency's certificate does not verify, and sends nothing", "[cli][sync][tls]") {
  SyncFixture f;
  f.fillCentre();
  const std::string url = f.startHttps();
  const std::string head = f.centre.store->auditHead()->text();
  for (const char* lang : {"id", "en"}) {
    auto r = runCli(syncArgs(f, lang, url));
    INFO(r.err);
    CHECK(r.code == 4);
    CHECK(r.err.find(std::string(lang) == "en" ? "certificate at " + url + " could not be verified" : "tidak dapat diverifikasi") !=
          std::string::npos);
    CHECK(r.err.find("--ca") != std::string::npos);
  }
  CHECK(f.centre.store->auditHead()->text() == head);
  CHECK(test::countRows(*f.regency.store, "trainees") == 0);
  // Given the regency's own certificate, the same address is trusted.
  auto args = syncArgs(f, "en", url);
  args.insert(args.end(), {"--ca", f.cert.string()});
  auto ok = runCli(args);
  INFO(ok.err);
  CHECK(ok.code == 0);
  CHECK(test::countRows(*f.regency.store, "trainees") == 2);
}

TEST_CASE("training sync exits 2 with the regency's reason when refused", "[cli][sync]") {
  SyncFixture f(false);  // the centre's keys never enrolled
  f.fillCentre();
  f.start();
  auto en = runCli(syncArgs(f, "en", f.url()));
  CHECK(en.code == 2);
  CHECK(en.err.find("The regency refused: Key ") != std::string::npos);
  CHECK(en.err.find("is not enrolled at the regency") != std::string::npos);
  auto id = runCli(syncArgs(f, "id", f.url()));
  CHECK(id.code == 2);
  CHECK(id.err.find("tidak terdaftar di kabupaten") != std::string::npos);
}

TEST_CASE("training sync refuses plain HTTP to another machine", "[cli][sync]") {
  SyncFixture f;
  auto args = syncArgs(f, "en", "http://192.0.2.1:8443");
  auto r = runCli(args);
  CHECK(r.code == 1);
  CHECK(r.err.find("http:// only to loopback") != std::string::npos);
}
