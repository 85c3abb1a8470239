// canting-cli training: opening the records and logging in, shared by the
// training command files (training.cpp, training_sessions.cpp).

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <sstream>

#include "canting/core/paths.h"
#include "canting/imaging/file_io.h"
#include "training_internal.h"

namespace canting::cli {

std::optional<std::string> readPinFile(Ctx& c, const std::string& path, int& status) {
  auto bytes = imaging::readFile(path, 4096);
  if (!bytes) {
    status = c.fail(bytes.error());
    return std::nullopt;
  }
  std::string pin(bytes->begin(), bytes->end());
  pin = pin.substr(0, pin.find('\n'));
  while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ' || pin.back() == '\t')) pin.pop_back();
  return pin;
}

}  // namespace canting::cli

namespace canting::cli::training {

namespace rec = records;
namespace fs = std::filesystem;

namespace {
std::optional<rec::Actor> loginFrom(Ctx& c, rec::Store& s, const ParsedArgs& a, const std::string& help, int& status) {
  auto user = a.value("user");
  if (!user) {
    status = c.usage("cli.usage.missing_option", {{"arg", "--user"}}, help);
    return std::nullopt;
  }
  auto pin = pinFrom(c, a, status);
  if (!pin) return std::nullopt;
  auto actor = s.login(*user, *pin);
  if (!actor) {
    status = c.fail(actor.error());
    return std::nullopt;
  }
  return *actor;
}

}  // namespace

fs::path dbPath(const ParsedArgs& a) {
  if (auto p = a.value("db")) return *p;
  return a.flag("demo") ? core::recordsDemoDatabase() : core::recordsDatabase();
}

rec::StoreOptions storeOptions(const ParsedArgs& a) {
  rec::StoreOptions o;
  if (auto url = a.value("pg")) {
    o.pgUrl = *url;
    // Evidence files stay on this computer, in the usual folder.
    o.evidenceDir = core::recordsDatabase().parent_path() / "bukti";
  } else {
    o.file = dbPath(a);
  }
  return o;
}

// The one place a training command opens the records.
std::unique_ptr<rec::Store> openStore(Ctx& c, const ParsedArgs& a, int& status) {
  if (a.value("pg") && a.value("db")) {
    status = c.usage("cli.usage.pg_or_db", {{"arg", "--pg"}}, "cli.help.training");
    return nullptr;
  }
  const fs::path p = dbPath(a);
  std::error_code ec;
  if (!a.value("pg") && !fs::exists(p, ec)) {
    status = c.fail(imaging::makeError(imaging::ErrorCode::FileNotFound, {{"path", p.string()}}));
    c.err << c.tr.tr("cli.training.init_first") << "\n";
    return nullptr;
  }
  auto s = rec::Store::open(storeOptions(a));
  if (!s) {
    status = c.fail(s.error());
    return nullptr;
  }
  return std::move(*s);
}

std::string askPin(Ctx& c, const std::string& prompt) {
  if (!::isatty(STDIN_FILENO)) return {};
  c.err << c.tr.tr(prompt) << std::flush;
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~tcflag_t(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string pin;
  std::getline(std::cin, pin);
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  c.err << "\n";
  return pin;
}

std::optional<std::string> pinFrom(Ctx& c, const ParsedArgs& a, int& status, const char* option) {
  const std::string name = option;
  if (auto file = a.value(name + "-file")) return readPinFile(c, *file, status);
  if (auto pin = a.value(name)) {
    // Every user of the machine can read a command line (ps, /proc) and the shell keeps it.
    c.err << "canting-cli: " << c.tr.tr("cli.training.pin_visible", {{"arg", "--" + name}}) << "\n";
    return *pin;
  }
  if (name == "pin")
    if (const char* env = std::getenv("CANTING_PIN"); env && *env) return std::string(env);
  return askPin(c, name == "pin" ? "cli.training.pin_prompt" : "cli.training.new_pin_prompt");
}

// The store and the logged-in actor, or the exit status in `status`.
std::pair<std::unique_ptr<rec::Store>, std::optional<rec::Actor>> openAndLogin(Ctx& c, const ParsedArgs& a, const std::string& help, int& status) {
  auto s = openStore(c, a, status);
  if (!s) return {};
  auto by = loginFrom(c, *s, a, help, status);
  if (!by) return {};
  return {std::move(s), std::move(by)};
}

std::optional<rec::Id> readId(Ctx& c, const std::string& text, const char* arg, const std::string& help, int& status) {
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v <= 0) {
    status = c.usage("cli.usage.bad_value", {{"arg", arg}, {"value", text}}, help);
    return std::nullopt;
  }
  return rec::Id(v);
}

std::optional<rec::Centre> centreFrom(Ctx& c, rec::Store& s, const rec::Actor& by, const std::string& key, int& status) {
  auto r = s.centreByName(by, key);
  if (!r) {
    status = c.fail(r.error());
    return std::nullopt;
  }
  return *r;
}

// The scheme named by --scheme (id), or the only/first one loaded.
std::optional<rec::Id> schemeFrom(Ctx& c, rec::Store& s, const rec::Actor& by, const ParsedArgs& a, const std::string& help, int& status) {
  if (auto v = a.value("scheme")) return readId(c, *v, "--scheme", help, status);
  auto all = s.schemes(by);
  if (!all) {
    status = c.fail(all.error());
    return std::nullopt;
  }
  if (all->empty()) {
    status = c.fail(imaging::makeError(canting::records::RecordsError::NotFound, {{"what", "@records.entity.scheme"}, {"name", "-"}}));
    return std::nullopt;
  }
  return all->front().id;
}

int writeText(Ctx& c, const std::string& text, const std::optional<std::string>& out) {
  if (!out || *out == "-") {
    c.out << text;
    return kOk;
  }
  if (auto st = imaging::writeFileAtomic(*out, text); !st) return c.fail(st.error());
  c.out << c.tr.tr("cli.training.written", {{"path", *out}}) << "\n";
  return kOk;
}

std::optional<std::vector<rec::Id>> readIds(Ctx& c, const std::string& list, const char* arg, const std::string& help, int& status) {
  std::vector<rec::Id> ids;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    auto id = readId(c, item, arg, help, status);
    if (!id) return std::nullopt;
    ids.push_back(*id);
  }
  return ids;
}

}  // namespace canting::cli::training
