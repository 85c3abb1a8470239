// Signed records and bundles: what a regency refuses (a hand-edited bundle,
// unsigned, unknown, another centre's or a revoked key, a cut or flipped
// file), each in both languages and with the store left as it was.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/core/i18n.h"
#include "canting/records/bundle.h"
#include "canting/records/keys.h"
#include "bundle_files.h"
#include "records_fixture.h"

using namespace canting::records;
using canting::test::RecordsFixture;
using Envelope = canting::test::BundleEnvelope;
using canting::test::gunzipFile;
using canting::test::gzipFile;
using canting::test::writeText;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

Id assessAllK(RecordsFixture& c, Id trainee) {
  auto sch = *c.store->scheme(*c.admin, c.scheme);
  AssessmentInput in{.trainee = trainee, .scheme = c.scheme, .date = "2026-06-01", .methods = {"observasi"}};
  for (const auto& u : sch.units) in.units[u.id] = true;
  auto id = c.store->recordAssessment(*c.assessor, in);
  REQUIRE(id);
  return *id;
}

// A centre with one certified trainee (assessment, evidence, certificate).
// The centre's bundle as its trainer exports it, in the centre's folder.
fs::path exportCentre(RecordsFixture& c, const std::string& name) {
  const fs::path file = c.dir.path() / name;
  REQUIRE(exportBundle(*c.store, *c.trainer, c.centreA, file));
  return file;
}

Id fillCentre(RecordsFixture& c) {
  const Id siti = c.addTrainee(1, c.centreA, "Siti");
  c.addTrainee(2, c.centreA, "Dewi");
  assessAllK(c, siti);
  REQUIRE(c.store->issueCertificate(*c.admin, siti, c.scheme, "LSP/2026/1", "2026-07-01"));
  return siti;
}

// Everything an import could add to, summed: a refused import leaves it as it was.
std::int64_t rows(Store& s) {
  std::int64_t n = 0;
  for (const char* t : {"centres", "people", "trainees", "assessments", "assessment_units", "certificates", "evidence", "sessions", "attempts",
                        "audit_log", "keys"}) {
    auto q = s.db().prepare(std::string("SELECT COUNT(*) FROM ") + t);
    q.step();
    n += q.i64(0);
  }
  return n;
}

canting::core::Translator translator(canting::core::Language lang) {
  canting::core::Translator tr;
  REQUIRE(tr.load(fs::path(CANTING_ASSETS_DIR) / "i18n", lang));
  return tr;
}

// The refusal, checked in both languages: it names the record and the reason.
void checkRefused(const Result<BundleSummary>& r, const std::string& name, const char* reasonKey) {
  REQUIRE_FALSE(r);
  REQUIRE(r.error().code == RecordsError::BundleRefused);
  CHECK(r.error().arg("reason") == std::string("@") + reasonKey);
  CHECK(r.error().arg("name").find(name) != std::string::npos);
  for (auto lang : {canting::core::Language::Indonesian, canting::core::Language::English}) {
    const auto tr = translator(lang);
    const std::string text = tr.message(r.error());
    INFO(text);
    CHECK(text.find(name) != std::string::npos);
    CHECK(text.find(tr.tr(reasonKey)) != std::string::npos);
    CHECK(text.find("{") == std::string::npos);
  }
}

}  // namespace

TEST_CASE("a hand-edited bundle (an extra all-K assessment, a FORGED/001 certificate) is refused whole", "[records][keys][signatures]") {
  RecordsFixture centre;
  fillCentre(centre);
  const fs::path bundle = exportCentre(centre, "limbasari.canting-bundle");
  RecordsFixture regency;
  regency.enrol(*centre.store);
  const auto before = rows(*regency.store);

  // Dewi gets every unit K and a certificate, as someone at the centre's PC would write them.
  Envelope e = Envelope::read(bundle);
  std::string dewi;
  for (const json& t : e.payload["trainees"])
    if (t["name"] == "Dewi") dewi = t["uuid"];
  json forged = e.payload["assessments"][0];
  forged["uuid"] = newUuid();
  forged["trainee"] = dewi;
  forged.erase("signature");
  forged.erase("key");
  e.payload["assessments"].push_back(forged);
  json cert = e.payload["certificates"][0];
  cert["uuid"] = newUuid(), cert["trainee"] = dewi, cert["number"] = "FORGED/001";
  cert.erase("signature");
  e.payload["certificates"].push_back(cert);

  checkRefused(importBundle(*regency.store, *regency.admin, e.write(centre.dir.path() / "edited.bundle")), "Dewi", "records.sig.unsigned");
  CHECK(rows(*regency.store) == before);
  CHECK(regency.store->trainees(*regency.admin)->empty());

  // Signed again with the PC's own key (the PC was stolen): the records still name themselves.
  auto pc = installationKey(*centre.store);
  REQUIRE(pc);
  checkRefused(importBundle(*regency.store, *regency.admin, e.write(centre.dir.path() / "resigned.bundle", pc->get())), "Dewi", "records.sig.unsigned");
  // Only the certificate forged, copying a real signature: it does not cover the new number.
  Envelope e2 = Envelope::read(bundle);
  json copy = e2.payload["certificates"][0];
  copy["uuid"] = newUuid(), copy["trainee"] = dewi, copy["number"] = "FORGED/001";
  e2.payload["certificates"].push_back(copy);
  checkRefused(importBundle(*regency.store, *regency.admin, e2.write(centre.dir.path() / "copied.bundle", pc->get())), "FORGED/001",
               "records.sig.altered");
  // A trainee renamed (no record signature covers it): the bundle's own signature does.
  Envelope e3 = Envelope::read(bundle);
  e3.payload["trainees"][1]["name"] = "Dewi Lestari";
  checkRefused(importBundle(*regency.store, *regency.admin, e3.write(centre.dir.path() / "renamed.bundle")), "Kampung Batik Limbasari",
               "records.sig.altered");
  CHECK(rows(*regency.store) == before);

  // The bundle as exported imports, and again changes nothing.
  REQUIRE(importBundle(*regency.store, *regency.admin, bundle));
  const auto after = rows(*regency.store);
  auto again = importBundle(*regency.store, *regency.admin, bundle);
  REQUIRE(again);
  CHECK(again->added == 0);
  CHECK(rows(*regency.store) == after);
}

TEST_CASE("an unsigned bundle, an unknown key and another centre's key are refused", "[records][keys][signatures]") {
  RecordsFixture centre;
  fillCentre(centre);
  const fs::path bundle = exportCentre(centre, "limbasari.canting-bundle");
  RecordsFixture regency;
  const auto before = rows(*regency.store);

  // Nobody enrolled: the first signature met is the assessor's.
  checkRefused(importBundle(*regency.store, *regency.admin, bundle), "Siti", "records.sig.unknown_key");
  CHECK(rows(*regency.store) == before);

  // The payload alone, as a bundle from before signatures would be.
  Envelope e = Envelope::read(bundle);
  const fs::path bare = centre.dir.path() / "bare.bundle";
  gzipFile(bare, canting::base::dumpJson(e.payload));
  regency.enrol(*centre.store);
  const auto enrolled = rows(*regency.store);
  checkRefused(importBundle(*regency.store, *regency.admin, bare), "Kampung Batik Limbasari", "records.sig.unsigned");

  // Another PC, enrolled for Galuh only, sends a bundle in Limbasari's name.
  RecordsFixture other(false);
  REQUIRE(other.store->createFirstAdmin("admin", "1234"));
  other.admin = *other.store->login("admin", "1234");
  REQUIRE(other.store->addCentre(*other.admin, {0, "", "Galuh", "Galuh", "Bojongsari", ""}));
  regency.enrol(*other.store);
  const Id lim = *other.store->addCentre(*other.admin, {0, "", "Kampung Batik Limbasari", "Limbasari", "Bobotsari", ""});
  other.addTrainee(7, lim, "Yati");
  const fs::path foreign = other.dir.path() / "foreign.bundle";
  REQUIRE(exportBundle(*other.store, *other.admin, lim, foreign));
  const auto mid = rows(*regency.store);
  checkRefused(importBundle(*regency.store, *regency.admin, foreign), "Kampung Batik Limbasari", "records.sig.other_centre");
  CHECK(rows(*regency.store) == mid);
  CHECK(mid > enrolled);  // the other PC's keys were enrolled, nothing else
  CHECK(regency.store->trainees(*regency.admin)->empty());
}

TEST_CASE("a revoked assessor's outcomes: refused from the revocation date on, accepted before it", "[records][keys][signatures]") {
  RecordsFixture centre;
  const Id siti = centre.addTrainee(1, centre.centreA, "Siti"), dewi = centre.addTrainee(2, centre.centreA, "Dewi");
  assessAllK(centre, siti);  // recorded 2026-11-18
  const fs::path early = centre.dir.path() / "early.bundle", late = centre.dir.path() / "late.bundle";
  REQUIRE(exportBundle(*centre.store, *centre.admin, centre.centreA, early));
  centre.clock += 7 * 86400;  // 2026-11-25
  assessAllK(centre, dewi);
  REQUIRE(exportBundle(*centre.store, *centre.admin, centre.centreA, late));

  RecordsFixture regency;
  regency.enrol(*centre.store);
  const std::string fingerprint = centre.assessor->signingKey()->fingerprint();
  REQUIRE(revokeKey(*regency.store, *regency.admin, fingerprint, "2026-11-20"));
  // Only an administrator revokes, a real date, a key that is here.
  CHECK(revokeKey(*regency.store, *regency.trainer, fingerprint, "2026-11-20").error().code == RecordsError::NotAllowed);
  CHECK_FALSE(revokeKey(*regency.store, *regency.admin, fingerprint, "2026-13-01"));
  CHECK(revokeKey(*regency.store, *regency.admin, "0000-0000-0000-0000", "2026-11-20").error().code == RecordsError::NotFound);

  const auto before = rows(*regency.store);
  checkRefused(importBundle(*regency.store, *regency.admin, late), "Dewi", "records.sig.revoked");
  CHECK(rows(*regency.store) == before);
  auto sum = importBundle(*regency.store, *regency.admin, early);
  REQUIRE(sum);
  CHECK(sum->added > 0);
}

TEST_CASE("a lost PC: the regency enrols the new key, and bundles signed before stay valid", "[records][keys][signatures]") {
  RecordsFixture centre;
  fillCentre(centre);
  const fs::path old = exportCentre(centre, "old.bundle");
  RecordsFixture regency;
  regency.enrol(*centre.store);
  const std::string oldPc = (*installationKey(*centre.store))->fingerprint();
  // The PC is gone; the records come back from a backup onto a new PC, which makes a new key.
  fs::remove(installationKeyPath(*centre.store));
  auto fresh = installationKey(*centre.store);
  REQUIRE(fresh);
  CHECK((*fresh)->fingerprint() != oldPc);
  REQUIRE(revokeKey(*regency.store, *regency.admin, oldPc, "2026-11-19"));
  regency.enrol(*centre.store);
  centre.clock += 86400;
  const fs::path next = exportCentre(centre, "next.bundle");
  REQUIRE(importBundle(*regency.store, *regency.admin, old));   // signed 2026-11-18, before the revocation
  REQUIRE(importBundle(*regency.store, *regency.admin, next));  // the new key
}

TEST_CASE("a truncated or bit-flipped bundle is refused and nothing is imported", "[records][keys][signatures]") {
  RecordsFixture centre;
  fillCentre(centre);
  const fs::path bundle = exportCentre(centre, "limbasari.canting-bundle");
  RecordsFixture regency;
  regency.enrol(*centre.store);
  const auto before = rows(*regency.store);
  const auto bytes = canting::test::readAll(bundle);

  const fs::path cut = centre.dir.path() / "cut.bundle";
  canting::test::writeAll(cut, canting::test::Bytes(bytes.begin(), bytes.begin() + std::ptrdiff_t(bytes.size() / 2)));
  CHECK_FALSE(importBundle(*regency.store, *regency.admin, cut));
  // Every 97th byte flipped in turn: gzip's CRC, the JSON or a signature catches each one.
  int refused = 0, tried = 0;
  for (std::size_t i = 10; i < bytes.size(); i += 97, ++tried) {
    auto flipped = bytes;
    flipped[i] ^= 0x10;
    const fs::path f = centre.dir.path() / "flip.bundle";
    canting::test::writeAll(f, flipped);
    refused += importBundle(*regency.store, *regency.admin, f) ? 0 : 1;
  }
  CHECK(refused == tried);
  CHECK(rows(*regency.store) == before);

  // A single digit changed inside the payload, gzip made again so only the signature can tell.
  std::string text = gunzipFile(bundle);
  const auto at = text.find("2026-06-01");
  REQUIRE(at != std::string::npos);
  text[at + 9] = '2';
  const fs::path edited = centre.dir.path() / "digit.bundle";
  gzipFile(edited, text);
  auto r = importBundle(*regency.store, *regency.admin, edited);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == RecordsError::BundleRefused);
  CHECK(rows(*regency.store) == before);
}

TEST_CASE("evidence named to walk out of its folder, in a bundle signed by an enrolled PC, lands flat under its hash", "[records][keys][signatures]") {
  // The hostile-file suite's traversal bundle is unsigned now and refused before this point; the same name,
  // signed, still reaches the merge.
  RecordsFixture centre;
  fillCentre(centre);
  const fs::path bundle = exportCentre(centre, "limbasari.canting-bundle");
  RecordsFixture regency;
  regency.enrol(*centre.store);
  Envelope e = Envelope::read(bundle);
  e.payload["evidence"] = json::array({{{"uuid", newUuid()}, {"trainee", e.payload["trainees"][0]["uuid"]}, {"type", "direct"}, {"date", "2026-01-01"},
                                        {"file_name", "../../../../tmp/canting-evil"}, {"sha256", sha256Hex("hello", 5)}, {"data", "aGVsbG8="}}});
  auto pc = installationKey(*centre.store);
  REQUIRE(importBundle(*regency.store, *regency.admin, e.write(centre.dir.path() / "evil.bundle", pc->get())));
  CHECK_FALSE(fs::exists("/tmp/canting-evil"));
  auto q = regency.store->db().prepare("SELECT file_name FROM evidence");
  REQUIRE(q.step());
  CHECK(q.text(0) == "canting-evil");
}
