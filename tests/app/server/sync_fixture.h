#pragma once
// A regency and a centre (two record stores in temporary folders, the centre's
// keys enrolled at the regency), and the regency's sync server on a loopback
// port in this process: the network path end to end, plain HTTP on 127.0.0.1.

#include <memory>

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
  void stop();
  std::string url() const;
  sync::ClientOptions client() const;
  sync::SyncReport sync(const records::Actor& by);
  // The centre's bundle as the flash drive carries it, and its bytes.
  std::filesystem::path exportFile(const std::string& name);
  // A request as the centre's PC sends it.
  sync::Request pushOf(const std::filesystem::path& bundle) const;
  std::string centreKey() const;
};

std::string readBytes(const std::filesystem::path& p);
// The records a bundle carries, as text, one line per row (uuid and content columns), for comparing two databases.
std::string recordsDump(records::Store& s);
// Rows in the tables a sync could add to.
std::int64_t countRows(records::Store& s, const char* table);

}  // namespace canting::test
