#pragma once
// cpp-httplib (with OpenSSL) around the sync core: the server's listener and
// the client's requests. The only file that includes httplib.h.

#include <map>
#include <memory>
#include <string>

#include <optional>
#include "canting/sync/server.h"

namespace canting::sync {

struct Listen {
  std::string host = "127.0.0.1";
  int port = 0;                 // 0: any free port (tests)
  std::string certFile, keyFile; // HTTPS; both empty only with insecureLoopback
  bool insecureLoopback = false;  // plain HTTP, refused unless host is a loopback address
};

// HOST:PORT (an IPv6 host in brackets) into a Listen; none when it does not parse.
std::optional<Listen> parseListen(const std::string& text);

// A listener on its own thread; stop() returns when it has stopped.
class HttpService {
 public:
  HttpService(SyncServer& core, Listen listen);
  ~HttpService();
  // Binds and starts serving on a thread. Empty when it serves, else the
  // translation key of what went wrong ("sync.server.plain_not_loopback",
  // "sync.server.bad_certificate", "sync.server.cannot_listen").
  std::string start();
  int port() const;
  void stop();
  // Returns when the listener has stopped (after stop()).
  void wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

struct HttpReply {
  bool reached = false;  // false: no connection, or it broke before an answer (offline)
  int status = 0;
  std::string body;
  std::string error;     // why it was not reached
  bool untrusted = false; // not reached because the server's TLS certificate did not verify
};

struct Endpoint {
  std::string url;       // https://host:port or http://127.0.0.1:port
  std::string caFile;    // a certificate to trust (the regency's own), else the system's
  std::string lang = "id";
  int connectSeconds = 5, readSeconds = 120;
};
// None when the URL is not http(s)://HOST[:PORT], or plain HTTP to a non-loopback host without `insecureLoopback`.
std::optional<std::string> checkUrl(const std::string& url, bool insecureLoopback);
HttpReply httpGet(const Endpoint& e, const std::string& path, const std::map<std::string, std::string>& headers);
HttpReply httpPost(const Endpoint& e, const std::string& path, const std::map<std::string, std::string>& headers, const std::string& body,
                   const std::string& contentType);

}  // namespace canting::sync
