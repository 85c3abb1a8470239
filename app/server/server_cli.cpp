// canting-server: the regency's records behind HTTPS for the centres' sync.
//
//   canting-server init (--db FILE | --pg URL) --admin NAME --pin-file F
//   canting-server serve (--db FILE | --pg URL) --listen HOST:PORT (--cert C --key K | --insecure-loopback)
//
// serve runs until SIGINT or SIGTERM (systemd's stop). The request handling
// is app/sync's SyncServer; this file only parses, opens and waits.

#include "server_cli.h"

#include <csignal>
#include <cstdlib>
#include <unistd.h>

#include "args.h"
#include "canting/core/i18n.h"
#include "canting/core/paths.h"
#include "canting/imaging/file_io.h"
#include "canting/records/keys.h"
#include "canting/sync/http.h"

namespace canting::server {

namespace rec = records;
using cli::ArgSpec;
using cli::ParsedArgs;

namespace {

struct Ctx {
  core::Translator tr;
  std::ostream& out;
  std::ostream& err;
  int usage(const std::string& key, const core::Args& args = {}) {
    err << tr.tr("server.help") << "\n\ncanting-server: " << tr.tr(key, args) << "\n";
    return 1;
  }
  int fail(const std::string& text) {
    err << "canting-server: " << text << "\n";
    return 2;
  }
};

std::optional<rec::StoreOptions> storeOptions(Ctx& c, const ParsedArgs& a, int& status) {
  rec::StoreOptions o;
  if (auto db = a.value("db")) o.file = *db;
  if (auto pg = a.value("pg")) o.pgUrl = *pg;
  if (o.file.empty() == o.pgUrl.empty()) {
    status = c.usage("server.usage.db_or_pg");
    return std::nullopt;
  }
  return o;
}

int cmdInit(Ctx& c, const ParsedArgs& a) {
  int status = 0;
  auto opt = storeOptions(c, a, status);
  if (!opt) return status;
  auto admin = a.value("admin");
  auto pinFile = a.value("pin-file");
  if (!admin || !pinFile) return c.usage("cli.usage.missing_option", {{"arg", !admin ? "--admin" : "--pin-file"}});
  auto bytes = imaging::readFile(*pinFile, 4096);
  if (!bytes) return c.fail(c.tr.message(bytes.error()));
  std::string pin(bytes->begin(), bytes->end());
  pin = pin.substr(0, pin.find('\n'));
  while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ')) pin.pop_back();
  auto s = rec::Store::open(*opt);
  if (!s) return c.fail(c.tr.message(s.error()));
  auto& store = **s;
  auto id = store.createFirstAdmin(*admin, pin);
  if (!id) return c.fail(c.tr.message(id.error()));
  auto actor = store.login(*admin, pin);
  if (!actor) return c.fail(c.tr.message(actor.error()));
  if (auto n = store.loadCurriculum(*actor, core::assetsDir() / "curriculum"); !n) return c.fail(c.tr.message(n.error()));
  auto key = rec::installationKey(store);
  if (!key) return c.fail(c.tr.message(key.error()));
  c.out << c.tr.tr("server.init_done", {{"fingerprint", (*key)->fingerprint()}, {"admin", *admin}}) << "\n";
  return 0;
}

int cmdServe(Ctx& c, const ParsedArgs& a) {
  int status = 0;
  auto opt = storeOptions(c, a, status);
  if (!opt) return status;
  auto listenText = a.value("listen");
  if (!listenText) return c.usage("cli.usage.missing_option", {{"arg", "--listen"}});
  auto listen = sync::parseListen(*listenText);
  if (!listen) return c.usage("cli.usage.bad_value", {{"arg", "--listen"}, {"value", *listenText}});
  listen->certFile = a.value("cert").value_or("");
  listen->keyFile = a.value("key").value_or("");
  listen->insecureLoopback = a.flag("insecure-loopback");
  if (listen->certFile.empty() != listen->keyFile.empty()) return c.usage("server.usage.cert_and_key");
  if (listen->certFile.empty() && !listen->insecureLoopback) return c.usage("server.usage.cert_and_key");
  sync::ServerOptions so;
  if (auto mb = a.value("max-upload-mb")) {
    char* end = nullptr;
    const long v = std::strtol(mb->c_str(), &end, 10);
    if (!end || *end || v < 1 || v > 512) return c.usage("cli.usage.bad_value", {{"arg", "--max-upload-mb"}, {"value", *mb}});
    so.maxUpload = std::uint64_t(v) << 20;
  }
  if (auto n = a.value("pushes-per-minute")) {
    char* end = nullptr;
    const long v = std::strtol(n->c_str(), &end, 10);
    if (!end || *end || v < 1 || v > 10000) return c.usage("cli.usage.bad_value", {{"arg", "--pushes-per-minute"}, {"value", *n}});
    so.pushesPerMinute = int(v);
  }
  // For the tests that kill the server at a given moment of an upload.
  if (const char* at = std::getenv("CANTING_SERVER_DIE_AT"); at && *at) {
    const std::string stage = at;
    so.fault = [stage](const char* now) {
      if (stage == now) _exit(137);
    };
  }
  auto s = rec::Store::open(*opt);
  if (!s) return c.fail(c.tr.message(s.error()));
  auto key = rec::installationKey(**s);
  if (!key) return c.fail(c.tr.message(key.error()));
  // Blocked before the listener's threads start, so only sigwait below sees them.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
  sync::SyncServer core(**s, so, core::assetsDir() / "i18n");
  sync::HttpService http(core, *listen);
  if (auto problem = http.start(); !problem.empty()) return c.fail(c.tr.tr(problem, {{"address", *listenText}}));
  c.out << c.tr.tr("server.serving", {{"address", listen->host + ":" + std::to_string(http.port())},
                                      {"scheme", listen->certFile.empty() ? "http" : "https"},
                                      {"fingerprint", (*key)->fingerprint()}})
        << std::endl;
  int sig = 0;
  sigwait(&stopSignals, &sig);
  http.stop();
  c.out << c.tr.tr("server.stopped") << std::endl;
  return 0;
}

}  // namespace

int run(const std::vector<std::string>& argsIn, std::ostream& out, std::ostream& err) {
  core::Language lang = core::Language::Indonesian;
  if (const char* env = std::getenv("CANTING_LANG")) core::parseLanguage(env, lang);
  std::vector<std::string> args;
  for (std::size_t i = 0; i < argsIn.size(); ++i) {
    if (argsIn[i] == "--lang" && i + 1 < argsIn.size()) core::parseLanguage(argsIn[++i], lang);
    else if (argsIn[i].rfind("--lang=", 0) == 0) core::parseLanguage(argsIn[i].substr(7), lang);
    else args.push_back(argsIn[i]);
  }
  if (!args.empty() && args[0] == "--version") {
    out << "canting-server " << CANTING_VERSION << "\n";
    return 0;
  }
  Ctx c{core::Translator{}, out, err};
  if (!c.tr.load(core::assetsDir() / "i18n", lang)) return c.fail(c.tr.loadError());
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? err : out) << c.tr.tr("server.help") << "\n";
    return args.empty() ? 1 : 0;
  }
  const std::string cmd = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  ArgSpec spec;
  if (cmd == "init") spec = {{}, {}, {"db", "pg", "admin", "pin-file"}};
  else if (cmd == "serve") spec = {{}, {"insecure-loopback"}, {"db", "pg", "listen", "cert", "key", "max-upload-mb", "pushes-per-minute"}};
  else return c.usage("cli.usage.unknown_command", {{"arg", cmd}});
  ParsedArgs a;
  if (auto problem = cli::parseArgs(rest, spec, a)) return c.usage(problem->key, {{"arg", problem->arg}});
  if (a.help) {
    out << c.tr.tr("server.help") << "\n";
    return 0;
  }
  return cmd == "init" ? cmdInit(c, a) : cmdServe(c, a);
}

}  // namespace canting::server
