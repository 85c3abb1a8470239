#include "sync_fixture.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "canting/records/bundle.h"
#include "canting/records/keys.h"
#include "self_signed.h"

namespace canting::test {

namespace fs = std::filesystem;
using namespace records;

SyncFixture::SyncFixture(bool enrol) : regency(true), centre(true, false) {
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

std::string SyncFixture::startHttps() {
  stop();
  cert = regency.dir.path() / "cert.pem";
  const fs::path key = regency.dir.path() / "key.pem";
  REQUIRE(makeSelfSignedCert(cert, key));
  sync::ServerOptions options;
  options.spool = regency.dir.path() / "spool";
  core = std::make_unique<sync::SyncServer>(*regency.store, options, fs::path(CANTING_ASSETS_DIR) / "i18n");
  http = std::make_unique<sync::HttpService>(*core, sync::Listen{"127.0.0.1", 0, cert.string(), key.string(), false});
  REQUIRE(http->start().empty());
  return "https://127.0.0.1:" + std::to_string(http->port());
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

SyncFixture::RegencyCopy SyncFixture::copyRegency() {
  RegencyCopy c;
  StoreOptions o = regency.options();
  if (regency.pg) {
    regency.store.reset();  // PostgreSQL copies a template only while nobody is connected to it
    c.pg = std::make_unique<PgDatabase>(regency.pg->name);
    regency.reopen();
    o.pgUrl = c.pg->url;
    o.evidenceDir = regency.dir.path() / "bukti-copy";
  } else {
    o.file = regency.dir.path() / "copy.db";
    REQUIRE(regency.store->backupTo(o.file));
  }
  auto s = Store::open(o);
  REQUIRE(s);
  c.store = std::move(*s);
  return c;
}

std::vector<std::string> SyncFixture::regencyArgs() const {
  const StoreOptions o = regency.options();
  if (!o.pgUrl.empty()) return {"--pg", o.pgUrl};
  return {"--db", o.file.string()};
}

std::string readBytes(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string recordsDump(Store& s) {
  Db& db = s.db();
  const bool pg = db.dialect() == Dialect::Postgres;
  std::vector<std::string> tables;
  {
    auto q = db.prepare(pg ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                             "AND table_type = 'BASE TABLE' ORDER BY table_name"
                           : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    while (q.step()) tables.push_back(q.text(0));
  }
  REQUIRE(tables.size() > 20);  // the whole schema, not an empty database
  std::string out;
  for (const std::string& table : tables) {
    // The regency's own receipts for pushes over the network: the transport's
    // bookkeeping (which bytes came in, the receipt signed back), which a
    // bundle carried on a flash drive has no use for.
    if (table == "sync_receipts") continue;
    std::string cols, order;
    auto qc = db.prepare(pg ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                              "AND table_name = ?1 ORDER BY ordinal_position"
                            : "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
    qc.bind(1, table);
    int n = 0;
    while (qc.step()) {
      cols += std::string(n ? ", " : "") + "\"" + qc.text(0) + "\"";
      order += std::string(n ? ", " : "") + std::to_string(n + 1);
      ++n;
    }
    out += "[" + table + "]\n";
    // When this database was last copied out (Store::backupTo) is the
    // installation's own housekeeping, and the copy cannot hold its own.
    const std::string where = table == "meta" ? " WHERE key <> 'last_backup'" : "";
    auto q = db.prepare("SELECT " + cols + " FROM \"" + table + "\"" + where + " ORDER BY " + order);
    while (q.step()) {
      for (int i = 0; i < n; ++i) out += (q.isNull(i) ? std::string("NULL") : q.text(i)) + "|";
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
