// Sync over the network, loopback only: a push imports and its receipt
// verifies; the network and the flash drive give the same records; forged,
// replayed, oversized, too frequent and revoked pushes are refused with
// nothing changed; pulls need a fresh challenge; offline writes nothing.
// The server-pg: pass runs these with the regency on PostgreSQL (sync_fixture.h),
// all but those tagged [transport].

#include <catch2/catch.hpp>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "bundle_files.h"
#include "canting/records/bundle.h"
#include "canting/records/keys.h"
#include "sync_fixture.h"

using namespace canting;
using namespace canting::records;
using canting::test::SyncFixture;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json bodyOf(const sync::Reply& r) { return json::parse(r.body); }

AuditHead heldHead(Store& regency, const std::string& centreName) {
  auto heads = centreHeads(regency, regency.systemActor());
  REQUIRE(heads);
  for (const auto& h : *heads)
    if (h.name == centreName) return h.head;
  return {};
}

}  // namespace

TEST_CASE("a push over the network imports the centre's records, and its receipt is the regency's signature over the head it holds", "[sync]") {
  SyncFixture f;
  f.fillCentre();
  f.start();
  auto rep = f.sync(*f.centre.trainer);
  INFO(rep.message);
  REQUIRE(rep.state == sync::SyncState::Sent);
  CHECK(rep.added > 0);
  CHECK(test::countRows(*f.regency.store, "certificates") == 1);
  // The receipt kept at the centre: signed by the regency's installation key, naming what the regency now holds.
  auto regencyKey = installationKey(*f.regency.store);
  REQUIRE(regencyKey);
  auto q = f.centre.store->db().prepare("SELECT receipt, head, regency_key FROM sync_sent");
  REQUIRE(q.step());
  auto doc = sync::readSignedDoc(q.text(0), sync::kReceiptKind);
  REQUIRE(doc);
  CHECK(doc->key == (*regencyKey)->publicKey());
  CHECK(q.text(2) == (*regencyKey)->publicKey());
  CHECK(rep.regencyFingerprint == (*regencyKey)->fingerprint());
  const AuditHead held = heldHead(*f.regency.store, "Kampung Batik Limbasari");
  CHECK(held.text() == q.text(1));
  CHECK(json::parse(doc->body)["head"] == held.text());
  // A receipt does not pass for a pull answer, nor survives an edit.
  CHECK_FALSE(sync::readSignedDoc(q.text(0), sync::kPullKind));
  json edited = json::parse(q.text(0));
  edited["body"] = edited["body"].get<std::string>() + " ";
  CHECK_FALSE(sync::readSignedDoc(edited.dump(), sync::kReceiptKind));
  CHECK(f.regency.store->verifyAudit()->ok());

  // Nothing new: nothing is sent (no export, no second import), the lists are still pulled.
  const auto before = test::countRows(*f.regency.store, "audit_log");
  auto again = f.sync(*f.centre.trainer);
  CHECK(again.state == sync::SyncState::NothingNew);
  CHECK(again.head == held.text());
  CHECK(again.pulled);
  CHECK(test::countRows(*f.regency.store, "audit_log") == before);

  // A day's work later: only then is something sent again.
  f.centre.addTrainee(3, f.centre.centreA, "Rina");
  auto next = f.sync(*f.centre.trainer);
  CHECK(next.state == sync::SyncState::Sent);
  CHECK(next.added == 1);
  CHECK(test::countRows(*f.regency.store, "trainees") == 3);
}

TEST_CASE("a bundle imported over the network and the same bundle imported from a file give identical regency databases", "[sync]") {
  SyncFixture f;
  f.fillCentre();
  // The regency's installation key (it signs receipts) made first, as
  // `canting-server init` does; then the second regency starts as an exact copy.
  REQUIRE(installationKey(*f.regency.store));
  auto second = f.copyRegency();
  const std::string before = test::recordsDump(*f.regency.store);
  REQUIRE(before == test::recordsDump(*second.store));

  // The name a bundle arrives under is written down (in the import's audit
  // entry and the head's row), so the flash drive's copy carries the name the
  // server's spool gives an upload: then the two databases must agree down to
  // the audit chain's hashes.
  const fs::path exported = f.exportFile("flashdisk.bundle");
  const std::string bytes = test::readBytes(exported);
  const fs::path bundle = f.centre.dir.path() / ("push-" + sha256Hex(bytes.data(), bytes.size()).substr(0, 16) + ".bundle");
  fs::rename(exported, bundle);
  f.start();
  sync::Endpoint e{f.url(), "", "en"};
  auto reply = sync::httpPost(e, sync::kPushPath, {{sync::kKeyHeader, f.centreKey()}}, bytes, "application/octet-stream");
  REQUIRE(reply.reached);
  REQUIRE(reply.status == 200);
  auto file = importBundle(*second.store, second.store->systemActor(), bundle);
  REQUIRE(file);
  CHECK(file->added > 0);
  const std::string net = test::recordsDump(*f.regency.store), usb = test::recordsDump(*second.store);
  CHECK(net.find("LSP/2026/1") != std::string::npos);
  CHECK(net != before);
  CHECK(net == usb);
}

TEST_CASE("the same upload again (its receipt lost) gets the same receipt and imports nothing twice", "[sync]") {
  SyncFixture f;
  f.fillCentre();
  f.start();
  const fs::path bundle = f.exportFile("one.bundle");
  auto first = f.core->push(f.pushOf(bundle));
  REQUIRE(first.status == 200);
  const auto audit = test::countRows(*f.regency.store, "audit_log");
  const auto receipts = test::countRows(*f.regency.store, "sync_receipts");
  auto second = f.core->push(f.pushOf(bundle));
  REQUIRE(second.status == 200);
  CHECK(bodyOf(second)["again"] == true);
  CHECK(bodyOf(second)["receipt"] == bodyOf(first)["receipt"]);
  CHECK(test::countRows(*f.regency.store, "audit_log") == audit);
  CHECK(test::countRows(*f.regency.store, "sync_receipts") == receipts);
  CHECK(test::countRows(*f.regency.store, "trainees") == 2);
}

TEST_CASE("forged, replayed and oversized uploads are refused, and the regency is left as it was", "[sync]") {
  SyncFixture f;
  f.fillCentre();
  const fs::path older = f.exportFile("older.bundle");
  f.centre.addTrainee(3, f.centre.centreA, "Rina");
  const fs::path newer = f.exportFile("newer.bundle");
  sync::ServerOptions o;
  o.maxUpload = 64 << 10;
  f.start(o);

  SECTION("forged: a trainee renamed in the payload, the signature kept") {
    auto e = test::BundleEnvelope::read(newer);
    e.payload["trainees"][0]["name"] = "Palsu";
    const fs::path forged = e.write(f.centre.dir.path() / "forged.bundle");
    const std::string dump = test::recordsDump(*f.regency.store);
    auto r = f.core->push(f.pushOf(forged));
    CHECK(r.status == 403);
    CHECK(bodyOf(r)["error"] == "refused");
    CHECK(test::recordsDump(*f.regency.store) == dump);
    CHECK(test::countRows(*f.regency.store, "sync_receipts") == 0);
  }
  SECTION("replayed: an older bundle after a newer one, also one the regency took before") {
    REQUIRE(f.core->push(f.pushOf(older)).status == 200);
    REQUIRE(f.core->push(f.pushOf(newer)).status == 200);
    const std::string dump = test::recordsDump(*f.regency.store);
    auto r = f.core->push(f.pushOf(older));
    CHECK(r.status == 409);
    CHECK(bodyOf(r)["error"] == "replayed");
    CHECK(bodyOf(r)["message"].get<std::string>().find("Nothing was imported") != std::string::npos);
    CHECK(test::recordsDump(*f.regency.store) == dump);
  }
  SECTION("oversized: refused before it is read, in the asked language, over HTTP too") {
    std::string big(std::size_t(o.maxUpload) + 1, 'x');
    sync::Request r{f.centreKey(), big, "id"};
    auto reply = f.core->push(r);
    CHECK(reply.status == 413);
    CHECK(bodyOf(reply)["message"].get<std::string>().find("terlalu besar") != std::string::npos);
    sync::Endpoint e{f.url(), "", "en"};
    auto http = sync::httpPost(e, sync::kPushPath, {{sync::kKeyHeader, f.centreKey()}}, big, "application/octet-stream");
    REQUIRE(http.reached);
    CHECK(http.status == 413);
    CHECK(test::countRows(*f.regency.store, "trainees") == 0);
  }
}

TEST_CASE("pushes above the per-centre rate are answered 429 with when to retry", "[sync][transport]") {
  SyncFixture f;
  f.fillCentre();
  sync::ServerOptions o;
  o.pushesPerMinute = 2;
  f.start(o);
  const fs::path bundle = f.exportFile("b.bundle");
  CHECK(f.core->push(f.pushOf(bundle)).status == 200);
  CHECK(f.core->push(f.pushOf(bundle)).status == 200);
  auto third = f.core->push(f.pushOf(bundle));
  CHECK(third.status == 429);
  CHECK(third.retryAfter > 0);
  CHECK(third.retryAfter <= 61);
}

TEST_CASE("a centre whose key was revoked, or never enrolled, is refused at push and pull", "[sync]") {
  SECTION("revoked") {
    SyncFixture f;
    f.fillCentre();
    auto key = installationKey(*f.centre.store);
    REQUIRE(key);
    REQUIRE(revokeKey(*f.regency.store, *f.regency.admin, (*key)->fingerprint(), "2026-11-01"));
    f.start();
    auto rep = f.sync(*f.centre.trainer);
    CHECK(rep.state == sync::SyncState::Refused);
    CHECK(rep.httpStatus == 403);
    CHECK(rep.message.find((*key)->fingerprint()) != std::string::npos);
    CHECK(rep.message.find("revoked") != std::string::npos);
    CHECK(f.core->challenge({f.centreKey(), "", "en"}).status == 403);
    CHECK(test::countRows(*f.regency.store, "trainees") == 0);
    CHECK(test::countRows(*f.centre.store, "sync_sent") == 0);
  }
  SECTION("never enrolled") {
    SyncFixture f(false);
    f.fillCentre();
    f.start();
    auto rep = f.sync(*f.centre.trainer);
    CHECK(rep.state == sync::SyncState::Refused);
    CHECK(rep.httpStatus == 401);
    CHECK(rep.message.find("not enrolled") != std::string::npos);
  }
}

TEST_CASE("a pull needs a fresh challenge signed by the centre, used once", "[sync]") {
  SyncFixture f;
  f.start();
  auto key = installationKey(*f.centre.store);
  REQUIRE(key);
  const std::string pub = (*key)->publicKey();
  auto ch = f.core->challenge({pub, "", "en"});
  REQUIRE(ch.status == 200);
  const std::string nonce = bodyOf(ch)["nonce"];
  const std::string answer = json{{"key", pub}, {"nonce", nonce}, {"signature", (*key)->sign(sync::challengeText(nonce, pub))}}.dump();
  auto got = f.core->pull({pub, answer, "en"});
  REQUIRE(got.status == 200);
  auto doc = sync::readSignedDoc(got.body, sync::kPullKind);
  REQUIRE(doc);
  const json body = json::parse(doc->body);  // held: a range-for over a temporary's member reads freed memory
  CHECK(body["keys"].size() >= 4);
  // It named no schemes it holds: each comes whole.
  for (const json& sch : body["schemes"]) CHECK(sch["scheme"]["units"].size() > 0);
  // The same answer again (recorded and replayed): refused.
  CHECK(f.core->pull({pub, answer, "en"}).status == 401);
  // A fresh nonce signed by another key (the regency's own, not a centre's enrolled PC).
  auto ch2 = f.core->challenge({pub, "", "en"});
  const std::string n2 = bodyOf(ch2)["nonce"];
  auto other = installationKey(*f.regency.store);
  const std::string forged = json{{"key", pub}, {"nonce", n2}, {"signature", (*other)->sign(sync::challengeText(n2, pub))}}.dump();
  CHECK(f.core->pull({pub, forged, "en"}).status == 401);
}

TEST_CASE("a revocation at the regency reaches the centre with its next sync, and a trainer's sync leaves it for an administrator", "[sync]") {
  SyncFixture f;
  f.fillCentre();
  auto keys = listKeys(*f.centre.store, *f.centre.admin);
  REQUIRE(keys);
  std::string assessorFp;
  for (const auto& k : *keys)
    if (k.role == "assessor") assessorFp = k.fingerprint;
  REQUIRE_FALSE(assessorFp.empty());
  REQUIRE(revokeKey(*f.regency.store, *f.regency.admin, assessorFp, "2026-12-01"));
  f.start();
  auto byTrainer = f.sync(*f.centre.trainer);
  REQUIRE(byTrainer.state == sync::SyncState::Sent);
  CHECK(byTrainer.pulled);
  CHECK(byTrainer.revocationsPending == 1);
  auto byAdmin = f.sync(*f.centre.admin);
  CHECK(byAdmin.revocationsApplied == 1);
  auto after = listKeys(*f.centre.store, *f.centre.admin);
  REQUIRE(after);
  for (const auto& k : *after)
    if (k.fingerprint == assessorFp) CHECK(k.revokedFrom == "2026-12-01");
}

TEST_CASE("a scheme new at the regency comes whole with the pull and is loaded by an administrator's sync", "[sync]") {
  SyncFixture f;
  f.fillCentre();
  const fs::path file = f.regency.dir.path() / "skema-baru.json";
  test::writeText(file, R"({"code": "UJI.01", "title": "Uji skema jarak jauh", "version": "2027", "validity_years": 2, "units": [
    {"code": "U.01", "title": "Menyiapkan kain", "elements": [{"title": "Mencuci", "criteria": ["Kain direbus", "Kain dijemur"]}]},
    {"code": "U.02", "title": "Mencanting", "elements": [{"title": "Klowong", "criteria": ["Garis rata"]}, {"title": "Isen", "criteria": ["Cecek rapi"]}]}]})");
  auto sid = f.regency.store->loadScheme(*f.regency.admin, file);
  REQUIRE(sid);
  f.start();
  auto centreHas = [&] {
    auto all = f.centre.store->schemes(*f.centre.admin);  // kept: a loop over *temporary would outlive it
    REQUIRE(all);
    for (const Scheme& s : *all)
      if (s.code == "UJI.01") return s.id;
    return Id(0);
  };
  // A trainer's sync lists it and leaves it for an administrator.
  auto byTrainer = f.sync(*f.centre.trainer);
  REQUIRE(byTrainer.pulled);
  CHECK(byTrainer.schemesMissing == std::vector<std::string>{"UJI.01 v2027"});
  CHECK(byTrainer.schemesApplied.empty());
  CHECK(centreHas() == 0);
  // An administrator's: loaded, the same scheme down to each criterion, under the regency's uuid.
  auto byAdmin = f.sync(*f.centre.admin);
  CHECK(byAdmin.schemesApplied == std::vector<std::string>{"UJI.01 v2027"});
  CHECK(byAdmin.schemesMissing.empty());
  const Id here = centreHas();
  REQUIRE(here != 0);
  auto theirs = f.regency.store->scheme(*f.regency.admin, *sid);
  auto ours = f.centre.store->scheme(*f.centre.admin, here);
  REQUIRE(ours);
  CHECK(ours->units.size() == 2);
  CHECK(schemeToText(*ours) == schemeToText(*theirs));
  CHECK(f.centre.store->verifyAudit()->ok());
  // Held now: the next pull neither loads nor lists it again.
  auto again = f.sync(*f.centre.admin);
  CHECK(again.pulled);
  CHECK(again.schemesApplied.empty());
  CHECK(again.schemesMissing.empty());
}

TEST_CASE("with no server a sync says offline and writes nothing, and plain HTTP stays on loopback", "[sync][transport]") {
  SyncFixture f;
  f.fillCentre();
  f.start();
  const std::string url = f.url();
  f.stop();  // the port is free now: nobody answers
  auto headBefore = f.centre.store->auditHead();
  auto o = f.client();
  o.endpoint.url = url;
  auto rep = sync::syncNow(*f.centre.store, *f.centre.trainer, o, f.tr);
  REQUIRE(rep);
  CHECK(rep->state == sync::SyncState::Offline);
  CHECK(f.centre.store->auditHead()->text() == headBefore->text());
  CHECK(test::countRows(*f.centre.store, "sync_sent") == 0);

  CHECK_FALSE(sync::checkUrl("http://10.1.2.3:8443", true));
  CHECK_FALSE(sync::checkUrl("http://127.0.0.1:8443", false));
  CHECK(sync::checkUrl("http://127.0.0.1:8443", true));
  CHECK(sync::checkUrl("https://kabupaten.example:8443/", false) == "https://kabupaten.example:8443");
  sync::ServerOptions so;
  so.spool = f.regency.dir.path() / "spool";
  sync::SyncServer core(*f.regency.store, so, fs::path(CANTING_ASSETS_DIR) / "i18n");
  sync::HttpService open(core, sync::Listen{"0.0.0.0", 0, "", "", true});
  CHECK(open.start() == "sync.server.plain_not_loopback");
}

TEST_CASE("over HTTPS the centre trusts the regency's certificate given with --ca, and no other", "[sync][tls][transport]") {
  SyncFixture f;
  f.fillCentre();
  auto o = f.client();
  o.endpoint.url = f.startHttps();
  // Not trusted by the system: the link is refused before anything is sent, and nothing is written; it is
  // told apart from offline (waiting will not mend it).
  const std::string centreHead = f.centre.store->auditHead()->text();
  auto untrusted = sync::syncNow(*f.centre.store, *f.centre.trainer, o, f.tr);
  REQUIRE(untrusted);
  CHECK(untrusted->state == sync::SyncState::Untrusted);
  CHECK(test::countRows(*f.regency.store, "trainees") == 0);
  CHECK(f.centre.store->auditHead()->text() == centreHead);
  CHECK(test::countRows(*f.centre.store, "sync_sent") == 0);
  o.endpoint.caFile = f.cert.string();
  auto trusted = sync::syncNow(*f.centre.store, *f.centre.trainer, o, f.tr);
  REQUIRE(trusted);
  INFO(trusted->message);
  CHECK(trusted->state == sync::SyncState::Sent);
  CHECK(test::countRows(*f.regency.store, "trainees") == 2);
  const std::string key = (f.regency.dir.path() / "key.pem").string();
  sync::HttpService bad(*f.core, sync::Listen{"127.0.0.1", 0, (f.regency.dir.path() / "none.pem").string(), key, false});
  CHECK(bad.start() == "sync.server.bad_certificate");
}
