// cpp-httplib around the sync core (canting/sync/http.h).

#include "canting/sync/http.h"

#include <httplib.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"

namespace canting::sync {

namespace {

Request requestOf(const httplib::Request& req, std::string body) {
  return Request{req.get_header_value(kKeyHeader), std::move(body), req.get_header_value("Accept-Language")};
}

void answer(httplib::Response& res, const Reply& r) {
  res.status = r.status;
  if (r.retryAfter > 0) res.set_header("Retry-After", std::to_string(r.retryAfter));
  res.set_content(r.body, "application/json");
}

}  // namespace

std::optional<Listen> parseListen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  Listen l;
  l.host = text.substr(0, colon);
  if (l.host.size() > 2 && l.host.front() == '[' && l.host.back() == ']') l.host = l.host.substr(1, l.host.size() - 2);
  const std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  l.port = std::stoi(port);
  if (l.port > 65535) return std::nullopt;
  return l;
}

struct HttpService::Impl {
  SyncServer& core;
  Listen listen;
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  int port = 0;
};

HttpService::HttpService(SyncServer& core, Listen listen) : m_impl(std::make_unique<Impl>(Impl{core, std::move(listen), nullptr, {}, 0})) {}
HttpService::~HttpService() { stop(); }

std::string HttpService::start() {
  Impl& m = *m_impl;
  const bool tls = !m.listen.certFile.empty() || !m.listen.keyFile.empty();
  if (!tls && !(m.listen.insecureLoopback && isLoopback(m.listen.host))) return "sync.server.plain_not_loopback";
  if (tls) {
    auto s = std::make_unique<httplib::SSLServer>(m.listen.certFile.c_str(), m.listen.keyFile.c_str());
    if (!s->is_valid()) return "sync.server.bad_certificate";
    m.server = std::move(s);
  } else {
    m.server = std::make_unique<httplib::Server>();
  }
  SyncServer& core = m.core;
  httplib::Server& srv = *m.server;
  const std::uint64_t cap = core.options().maxUpload;
  srv.Get(kHelloPath, [&core](const httplib::Request&, httplib::Response& res) { answer(res, core.hello()); });
  // Read by hand: an upload above the cap is answered 413 as soon as it is known to be, not after it all came.
  srv.Post(kPushPath, [&core, cap](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& read) {
    std::string body;
    bool tooLarge = req.has_header("Content-Length") && std::stoull(req.get_header_value("Content-Length")) > cap;
    if (!tooLarge)
      read([&](const char* data, std::size_t n) {
        if (body.size() + n > cap) return tooLarge = true, false;
        body.append(data, n);
        return true;
      });
    if (tooLarge) body.assign(std::size_t(cap) + 1, '\0');  // the core says 413, in the asked language
    answer(res, core.push(requestOf(req, std::move(body))));
  });
  srv.Get(kChallengePath, [&core](const httplib::Request& req, httplib::Response& res) { answer(res, core.challenge(requestOf(req, {}))); });
  srv.Post(kPullPath, [&core](const httplib::Request& req, httplib::Response& res) { answer(res, core.pull(requestOf(req, req.body))); });
  srv.set_read_timeout(60, 0);
  if (m.listen.port == 0) {
    m.port = srv.bind_to_any_port(m.listen.host);
    if (m.port <= 0) return "sync.server.cannot_listen";
  } else {
    if (!srv.bind_to_port(m.listen.host, m.listen.port)) return "sync.server.cannot_listen";
    m.port = m.listen.port;
  }
  m.thread = std::thread([&srv] { srv.listen_after_bind(); });
  // httplib's stop() does nothing until the loop runs: a stop right after start would hang the join.
  while (!srv.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return {};
}

int HttpService::port() const { return m_impl->port; }

void HttpService::stop() {
  if (m_impl->server) m_impl->server->stop();
  wait();
}

void HttpService::wait() {
  if (m_impl->thread.joinable()) m_impl->thread.join();
}

// [SECTION] client

std::optional<std::string> checkUrl(const std::string& url, bool insecureLoopback) {
  const bool https = url.rfind("https://", 0) == 0, http = url.rfind("http://", 0) == 0;
  if (!https && !http) return std::nullopt;
  std::string rest = url.substr(https ? 8 : 7);
  if (const auto slash = rest.find('/'); slash != std::string::npos) {
    if (rest.find_first_not_of('/', slash) != std::string::npos) return std::nullopt;  // no path: the server's root
    rest = rest.substr(0, slash);
  }
  std::string host = rest;
  if (!host.empty() && host.front() == '[') host = host.substr(1, host.find(']') - 1);
  else if (const auto colon = host.rfind(':'); colon != std::string::npos) host = host.substr(0, colon);
  if (host.empty()) return std::nullopt;
  if (http && !(insecureLoopback && isLoopback(host))) return std::nullopt;
  return (https ? "https://" : "http://") + rest;
}

namespace {

HttpReply toReply(const httplib::Result& res) {
  HttpReply r;
  if (!res) {
    r.error = httplib::to_string(res.error());
    // Another name or a certificate no trusted authority signed: someone may be
    // in between, or --ca is missing. Not "offline", which says try later.
    r.untrusted = res.error() == httplib::Error::SSLServerVerification;
    return r;
  }
  r.reached = true;
  r.status = res->status;
  r.body = res->body;
  return r;
}

std::unique_ptr<httplib::Client> clientFor(const Endpoint& e) {
  auto c = std::make_unique<httplib::Client>(e.url);
  c->set_connection_timeout(e.connectSeconds, 0);
  c->set_read_timeout(e.readSeconds, 0);
  c->set_write_timeout(e.readSeconds, 0);
  if (!e.caFile.empty()) c->set_ca_cert_path(e.caFile.c_str());
  c->enable_server_certificate_verification(true);
  return c;
}

httplib::Headers headersOf(const Endpoint& e, const std::map<std::string, std::string>& extra) {
  httplib::Headers h{{"Accept-Language", e.lang}};
  for (const auto& [k, v] : extra) h.emplace(k, v);
  return h;
}

}  // namespace

HttpReply httpGet(const Endpoint& e, const std::string& path, const std::map<std::string, std::string>& headers) {
  return toReply(clientFor(e)->Get(path, headersOf(e, headers)));
}

HttpReply httpPost(const Endpoint& e, const std::string& path, const std::map<std::string, std::string>& headers, const std::string& body,
                   const std::string& contentType) {
  return toReply(clientFor(e)->Post(path, headersOf(e, headers), body, contentType.c_str()));
}

}  // namespace canting::sync
