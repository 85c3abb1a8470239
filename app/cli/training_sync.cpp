// canting-cli training sync: the centre's records to the regency over the
// network (app/sync), the flash drive's bundle without the walk. Exit 0 with
// the receipt, 2 refused, 3 not reached (nothing lost), 4 the regency's
// certificate did not verify (nothing sent).

#include "canting/sync/client.h"
#include "training_internal.h"

namespace canting::cli::training {

namespace rec = records;

namespace {

constexpr int kUnreachable = 3;
constexpr int kUntrusted = 4;
const char* const kHelp = "cli.help.training_sync";

std::string joined(const std::vector<std::string>& list) {
  std::string s;
  for (const auto& item : list) s += (s.empty() ? "" : ", ") + item;
  return s;
}

int cmdSync(Ctx& c, const ParsedArgs& a) {
  auto server = a.value("server");
  if (!server) return c.usage("cli.usage.missing_option", {{"arg", "--server"}}, kHelp);
  auto url = sync::checkUrl(*server, a.flag("insecure-loopback"));
  if (!url) return c.usage("cli.usage.sync_url", {{"value", *server}}, kHelp);
  int status = 0;
  auto [s, by] = openAndLogin(c, a, kHelp, status);
  if (!by) return status;
  sync::ClientOptions opt;
  opt.endpoint.url = *url;
  opt.endpoint.caFile = a.value("ca").value_or("");
  opt.endpoint.lang = core::languageCode(c.tr.language());
  if (auto ce = a.value("centre")) {
    auto found = centreFrom(c, *s, *by, *ce, status);
    if (!found) return status;
    opt.centre = found->id;
  }
  auto rep = sync::syncNow(*s, *by, opt, c.tr);
  if (!rep) return c.fail(rep.error());
  switch (rep->state) {
    case sync::SyncState::Offline:
      c.err << "canting-cli: " << c.tr.tr("cli.training.sync_offline", {{"reason", rep->message}}) << "\n";
      return kUnreachable;
    case sync::SyncState::Untrusted:
      c.err << "canting-cli: " << c.tr.tr("cli.training.sync_untrusted", {{"server", *url}, {"reason", rep->message}}) << "\n";
      return kUntrusted;
    case sync::SyncState::Refused:
      c.err << "canting-cli: " << c.tr.tr("cli.training.sync_refused", {{"reason", rep->message}}) << "\n";
      return kBadInput;
    case sync::SyncState::Sent:
      c.out << c.tr.tr("cli.training.sync_sent", {{"centre", rep->centre}, {"head", rep->head}, {"added", std::to_string(rep->added)},
                                                  {"updated", std::to_string(rep->updated)}, {"unchanged", std::to_string(rep->unchanged)},
                                                  {"at", rep->receivedAt}, {"fingerprint", rep->regencyFingerprint}})
            << "\n";
      if (rep->again) c.out << c.tr.tr("cli.training.sync_again") << "\n";
      break;
    case sync::SyncState::NothingNew:
      c.out << c.tr.tr("cli.training.sync_nothing_new", {{"head", rep->head}, {"at", rep->receivedAt}, {"fingerprint", rep->regencyFingerprint}}) << "\n";
      break;
  }
  if (rep->pulled)
    c.out << c.tr.tr("cli.training.sync_pulled", {{"applied", std::to_string(rep->revocationsApplied)}, {"pending", std::to_string(rep->revocationsPending)}})
          << "\n";
  if (!rep->schemesApplied.empty()) c.out << c.tr.tr("cli.training.sync_schemes_loaded", {{"list", joined(rep->schemesApplied)}}) << "\n";
  if (!rep->schemesMissing.empty()) c.out << c.tr.tr("cli.training.sync_schemes", {{"list", joined(rep->schemesMissing)}}) << "\n";
  if (!rep->message.empty()) c.err << "canting-cli: " << rep->message << "\n";
  return kOk;
}

}  // namespace

std::vector<Command> syncCommands() {
  return {{"training sync", {{}, {"insecure-loopback"}, {"db", "user", "pin", "pin-file", "server", "ca", "centre"}}, kHelp, cmdSync}};
}

}  // namespace canting::cli::training
