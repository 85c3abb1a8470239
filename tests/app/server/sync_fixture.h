#pragma once
// A regency and a centre (two record stores in temporary folders, the centre's
// keys enrolled at the regency), and the regency's sync server on a loopback
// port in this process: the network path end to end, plain HTTP on 127.0.0.1.
// The regency is on PostgreSQL in the server-pg: pass (CANTING_TEST_PG set),
// else a file; the centre is always a file, as on a centre's PC.

#include <memory>
#include <vector>

#include "canting/core/i18n.h"
#include "canting/sync/client.h"
#include "canting/sync/http.h"
#include "canting/sync/server.h"
#include "records_fixture.h"

namespace canting::test {

struct SyncFixture {
  RecordsFixture regency, centre;
  core::Translator tr;
  std::unique_ptr<sync::SyncServer> core;
  std::unique_ptr<sync::HttpService> http;

  explicit SyncFixture(bool enrol = true);
  // The centre's work: two trainees, an all-K assessment, a certificate.
  void fillCentre();
  void start(sync::ServerOptions options = {});
  // The server over HTTPS instead, with a self-signed certificate (`cert`)
  // that no system trusts; returns its https:// address.
  std::string startHttps();
  std::filesystem::path cert;
  void stop();
  std::string url() const;
  sync::ClientOptions client() const;
  sync::SyncReport sync(const records::Actor& by);
  // The centre's bundle as the flash drive carries it, and its bytes.
  std::filesystem::path exportFile(const std::string& name);
  // A request as the centre's PC sends it.
  sync::Request pushOf(const std::filesystem::path& bundle) const;
  std::string centreKey() const;
  // A second regency, an exact copy of this one as it stands (the file copied
  // on SQLite, a database made with this one as its template on PostgreSQL),
  // on the same clock. Before start(): the copy on PostgreSQL reconnects.
  struct RegencyCopy {
    std::unique_ptr<PgDatabase> pg;  // outlives the store
    std::unique_ptr<records::Store> store;
  };
  RegencyCopy copyRegency();
  // How canting-server is told where the regency is: --db FILE or --pg URL.
  std::vector<std::string> regencyArgs() const;
};

std::string readBytes(const std::filesystem::path& p);
// Every table of the database, every row and column, as text ordered by all
// columns: two regencies compare equal only when they hold the same records,
// ids, audit chain and hashes. Leaves out only sync_receipts (see the .cpp).
std::string recordsDump(records::Store& s);
// Rows in the tables a sync could add to.
std::int64_t countRows(records::Store& s, const char* table);

}  // namespace canting::test
