// canting-cli training keys: export this installation's public keys, and at
// the regency enrol them from that file, list them and revoke one from a
// date on. The PIN comes from --pin-file (its first line), --pin, or the
// terminal.

#include <iostream>

#include "canting/records/keys.h"
#include "training_internal.h"

namespace canting::cli::training {

namespace rec = records;

namespace {

const char* const kHelp = "cli.help.training_keys";

std::pair<std::unique_ptr<rec::Store>, std::optional<rec::Actor>> adminLogin(Ctx& c, const ParsedArgs& a, int& status) {
  auto user = a.value("user");
  if (!user) {
    status = c.usage("cli.usage.missing_option", {{"arg", "--user"}}, kHelp);
    return {};
  }
  auto s = openStore(c, a, status);
  if (!s) return {};
  auto pin = pinFrom(c, a, status);
  if (!pin) return {};
  auto by = s->login(*user, *pin);
  if (!by) {
    status = c.fail(by.error());
    return {};
  }
  return {std::move(s), std::move(*by)};
}

std::string roleText(Ctx& c, const std::string& role) { return c.tr.tr("records.role." + role); }

void printKey(Ctx& c, const rec::KeyEntry& k) {
  std::string centres;
  for (const auto& kc : k.centres) centres += (centres.empty() ? "" : ", ") + kc.name;
  c.out << c.tr.tr("cli.training.key_line", {{"fingerprint", k.fingerprint}, {"role", roleText(c, k.role)}, {"name", k.ownerName}, {"centres", centres}});
  if (!k.revokedFrom.empty()) c.out << "  " << c.tr.tr("training.keys.revoked_from", {{"date", k.revokedFrom}});
  c.out << "\n";
}

int cmdKeysExport(Ctx& c, const ParsedArgs& a) {
  auto out = a.value("o");
  if (!out) return c.usage("cli.usage.missing_option", {{"arg", "-o"}}, kHelp);
  int status = 0;
  auto s = openStore(c, a, status);
  if (!s) return status;
  auto text = rec::exportKeys(*s);
  if (!text) return c.fail(text.error());
  return writeText(c, *text, out);
}

int cmdKeysEnrol(Ctx& c, const ParsedArgs& a) {
  auto keys = rec::readKeysFile(a.positionals[0]);
  if (!keys) return c.fail(keys.error());
  int status = 0;
  auto [s, by] = adminLogin(c, a, status);
  if (!by) return status;
  auto added = rec::enrolKeys(*s, *by, *keys);
  if (!added) return c.fail(added.error());
  // The fingerprints to read aloud and compare with the centre's, by phone.
  for (const auto& k : *keys) printKey(c, k);
  c.out << c.tr.tr("cli.training.keys_enrolled", {{"added", std::to_string(*added)}, {"known", std::to_string(int(keys->size()) - *added)}}) << "\n";
  return kOk;
}

int cmdKeysRevoke(Ctx& c, const ParsedArgs& a) {
  auto from = a.value("from");
  if (!from) return c.usage("cli.usage.missing_option", {{"arg", "--from"}}, kHelp);
  int status = 0;
  auto [s, by] = adminLogin(c, a, status);
  if (!by) return status;
  if (auto st = rec::revokeKey(*s, *by, a.positionals[0], *from); !st) return c.fail(st.error());
  c.out << c.tr.tr("cli.training.key_revoked", {{"fingerprint", a.positionals[0]}, {"date", *from}}) << "\n";
  return kOk;
}

int cmdKeysList(Ctx& c, const ParsedArgs& a) {
  int status = 0;
  auto [s, by] = adminLogin(c, a, status);
  if (!by) return status;
  auto keys = rec::listKeys(*s, *by);
  if (!keys) return c.fail(keys.error());
  for (const auto& k : *keys) printKey(c, k);
  return kOk;
}

}  // namespace

std::vector<Command> keyCommands() {
  const std::set<std::string> login = {"db", "user", "pin", "pin-file"};
  auto with = [&](std::set<std::string> extra) {
    extra.insert(login.begin(), login.end());
    return extra;
  };
  return {
      {"training keys export", {{}, {}, {"db", "o"}, {'o'}}, kHelp, cmdKeysExport},
      {"training keys enrol", {{"KEYS.json"}, {}, with({})}, kHelp, cmdKeysEnrol},
      {"training keys revoke", {{"FINGERPRINT"}, {}, with({"from"})}, kHelp, cmdKeysRevoke},
      {"training keys list", {{}, {}, with({})}, kHelp, cmdKeysList},
  };
}

}  // namespace canting::cli::training
