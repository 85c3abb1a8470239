#pragma once
// The regency's side of sync, without HTTP: each call takes what a request
// carried and returns the status and JSON body to answer with, so the tests
// and the bench can drive it directly (app/sync/src/http.cpp puts it behind
// cpp-httplib). One SyncServer serves one store; its calls are serialised on
// a mutex because the store is one connection.
//
// Answers: 200 (receipt / nonce / lists), 400 (malformed), 401 (unknown key,
// bad or used challenge), 403 (refused: forged, revoked, another centre's),
// 409 (a replayed or rewritten chain), 413 (too large), 429 (too many pushes;
// Retry-After). Errors are {"error": code, "message": text in the asked language}.

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "canting/core/i18n.h"
#include "canting/records/bundle.h"
#include "canting/sync/protocol.h"

namespace canting::sync {

struct Request {
  std::string key;   // X-Canting-Key: the centre's installation key (hex)
  std::string body;
  std::string lang;  // Accept-Language; Indonesian unless it starts with "en"
};

struct Reply {
  int status = 200;
  std::string body;     // JSON
  int retryAfter = 0;   // seconds, with 429
};

struct ServerOptions {
  std::uint64_t maxUpload = kDefaultMaxUpload;
  int pushesPerMinute = 30;   // per centre key
  int challengeSeconds = 120; // a nonce's life
  std::filesystem::path spool; // where an upload waits for its import; default: a temporary folder
  // Test hook: called with "before-import" and "after-import" (a test kills the process there).
  std::function<void(const char* stage)> fault;
};

class SyncServer {
 public:
  // `i18n`: the folder of id.json and en.json.
  SyncServer(records::Store& store, ServerOptions options, const std::filesystem::path& i18n);
  Reply hello() const;
  Reply push(const Request& r);
  Reply challenge(const Request& r);
  Reply pull(const Request& r);
  const ServerOptions& options() const { return m_opt; }

 private:
  struct Nonce {
    std::string key;
    std::chrono::steady_clock::time_point expires;
  };
  const core::Translator& tr(const Request& r) const;
  Reply error(const Request& r, int status, const std::string& code, const std::string& message) const;
  // 401/403 unless `key` is an enrolled installation key, not revoked today.
  std::optional<Reply> authorise(const Request& r, const std::string& key);
  Reply receiptFor(const std::string& sha, const std::string& centreName, const records::BundleSummary& sum);

  records::Store& m_store;
  ServerOptions m_opt;
  core::Translator m_id, m_en;
  std::mutex m_mutex;  // the store, the nonces, the rate windows
  std::map<std::string, Nonce> m_nonces;
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> m_pushes;
};

}  // namespace canting::sync
