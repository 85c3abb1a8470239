#pragma once
// A centre's side of sync: push what is new since the last receipt, then pull
// the regency's key list and schemes (those missing here fetched and loaded). Used by `canting-cli training sync` and
// the training workspace's *Kirim ke kabupaten*.
//
// What is sent is the bundle the flash-drive path writes (exportBundle), so
// the regency verifies and imports it exactly as it would a file; when the
// audit chain has not moved since the last receipt nothing is sent. The
// server is asked whether it is there before anything is exported, so an
// offline try writes nothing; a link cut during the upload leaves the records
// as they were and the next try sends again (the regency imports
// idempotently and gives the same receipt for the same bytes).
//
// A receipt is kept only when it is signed by the regency's key (the first
// one seen is kept and later ones must match: its fingerprint is shown to be
// checked by phone), names the bytes sent and the head they carried.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "canting/records/store.h"
#include "canting/sync/http.h"

namespace canting::sync {

enum class SyncState {
  Sent,        // pushed, receipt verified and kept
  NothingNew,  // nothing since the last receipt; pulled only
  Refused,     // the regency said no (or its answer did not verify): `message` says why
  Offline,     // not reached, or the link broke: nothing lost, try later or use the flash drive
  Untrusted,   // the server's TLS certificate did not verify: nothing sent; check the address or the regency's certificate
};

struct SyncReport {
  SyncState state = SyncState::Offline;
  std::string message;        // the regency's words (in the asked language) or a translation key's text
  int httpStatus = 0;
  std::string head;           // the head the regency holds for the centre (SEQ:HASH16), from the receipt
  std::string receivedAt;
  std::string regencyFingerprint;
  std::string centre;
  int added = 0, updated = 0, unchanged = 0;
  bool again = false;         // the regency had these bytes already (a retry)
  // From the pull: revocations applied here, and those waiting for an administrator.
  int revocationsApplied = 0, revocationsPending = 0;
  // From the pull: scheme versions the regency sent and this database loaded,
  // and those it still lacks (a trainer's sync leaves them for an administrator).
  std::vector<std::string> schemesApplied, schemesMissing;  // "CODE vVERSION"
  bool pulled = false;
};

struct ClientOptions {
  Endpoint endpoint;             // url already checked by checkUrl
  records::Id centre = 0;        // default: the actor's centre, else the only one
  std::filesystem::path workDir; // the outgoing bundle; default: beside the database
  // The transport (tests put a cut link here); default httpGet/httpPost.
  std::function<HttpReply(const std::string& path, const std::map<std::string, std::string>& headers, const std::string* body)> transport;
};

// Local failures (no centre, the export failed) are errors; what the regency
// answers, or not reaching it, is in the report.
records::Result<SyncReport> syncNow(records::Store& store, const records::Actor& by, const ClientOptions& options,
                                    const core::Translator& tr);
// The last receipt kept from any regency: the head and when (empty when none).
struct LastReceipt {
  std::string head, receivedAt, regencyFingerprint, server;
};
LastReceipt lastReceipt(records::Store& store);

}  // namespace canting::sync
