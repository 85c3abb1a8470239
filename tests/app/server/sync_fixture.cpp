#include "sync_fixture.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "canting/records/bundle.h"
#include "canting/records/keys.h"

namespace canting::test {

namespace fs = std::filesystem;
using namespace records;

SyncFixture::SyncFixture(bool enrol) {
  REQUIRE(tr.load(fs::path(CANTING_ASSETS_DIR) / "i18n", core::Language::English));
  if (enrol) regency.enrol(*centre.store);
}

void SyncFixture::fillCentre() {
  const Id siti = centre.addTrainee(1, centre.centreA, "Siti");
  centre.addTrainee(2, centre.centreA, "Dewi");
  auto sch = *centre.store->scheme(*centre.admin, centre.scheme);
  AssessmentInput in{.trainee = siti, .scheme = centre.scheme, .date = "2026-06-01", .methods = {"observasi"}};
  for (const auto& u : sch.units) in.units[u.id] = true;
  REQUIRE(centre.store->recordAssessment(*centre.assessor, in));
  REQUIRE(centre.store->issueCertificate(*centre.admin, siti, centre.scheme, "LSP/2026/1", "2026-07-01"));
}

void SyncFixture::start(sync::ServerOptions options) {
  stop();
  if (options.spool.empty()) options.spool = regency.dir.path() / "spool";
  core = std::make_unique<sync::SyncServer>(*regency.store, options, fs::path(CANTING_ASSETS_DIR) / "i18n");
  http = std::make_unique<sync::HttpService>(*core, sync::Listen{"127.0.0.1", 0, "", "", true});
  REQUIRE(http->start().empty());
}

void SyncFixture::stop() {
  http.reset();
  core.reset();
}

std::string SyncFixture::url() const { return "http://127.0.0.1:" + std::to_string(http ? http->port() : 9); }

sync::ClientOptions SyncFixture::client() const {
  sync::ClientOptions o;
  o.endpoint.url = url();
  o.endpoint.lang = "en";
  o.endpoint.connectSeconds = 2;
  o.workDir = centre.dir.path() / "outgoing";
  o.centre = centre.centreA;  // the fixture holds two centres; an administrator names one
  return o;
}

sync::SyncReport SyncFixture::sync(const Actor& by) {
  auto r = sync::syncNow(*centre.store, by, client(), tr);
  REQUIRE(r);
  return *r;
}

fs::path SyncFixture::exportFile(const std::string& name) {
  const fs::path file = centre.dir.path() / name;
  REQUIRE(exportBundle(*centre.store, *centre.trainer, centre.centreA, file));
  return file;
}

sync::Request SyncFixture::pushOf(const fs::path& bundle) const { return sync::Request{centreKey(), readBytes(bundle), "en"}; }

std::string SyncFixture::centreKey() const {
  auto key = installationKey(*centre.store);
  REQUIRE(key);
  return (*key)->publicKey();
}

std::string readBytes(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string recordsDump(Store& s) {
  std::string out;
  const char* queries[] = {
      "SELECT 'centre', uuid, name, updated_at FROM centres ORDER BY uuid",
      "SELECT 'person', uuid, name, role FROM people WHERE role IN ('trainer','assessor') ORDER BY uuid",
      "SELECT 'trainee', uuid, name, nik, updated_at FROM trainees ORDER BY uuid",
      "SELECT 'assessment', uuid, date, signature FROM assessments ORDER BY uuid",
      "SELECT 'unit', a.uuid, n.code, u.k FROM assessment_units u JOIN assessments a ON a.id = u.assessment_id JOIN units n ON n.id = u.unit_id ORDER BY a.uuid, n.code",
      "SELECT 'certificate', uuid, number, signature FROM certificates ORDER BY uuid",
      "SELECT 'evidence', uuid, sha256 FROM evidence ORDER BY uuid",
      "SELECT 'session', uuid, date, title FROM sessions ORDER BY uuid",
      "SELECT 'chain', c.uuid, h.seq, h.hash FROM centre_chain h JOIN centres c ON c.id = h.centre_id ORDER BY c.uuid, h.seq",
      "SELECT 'head', c.uuid, h.seq, h.hash FROM centre_heads h JOIN centres c ON c.id = h.centre_id ORDER BY c.uuid, h.seq",
  };
  for (const char* sql : queries) {
    auto q = s.db().prepare(sql);
    while (q.step()) {
      for (int i = 0; i < 5; ++i) {
        if (q.isNull(i)) break;
        out += q.text(i) + "|";
      }
      out += "\n";
    }
  }
  return out;
}

std::int64_t countRows(Store& s, const char* table) {
  auto q = s.db().prepare(std::string("SELECT COUNT(*) FROM ") + table);
  q.step();
  return q.i64(0);
}

}  // namespace canting::test
