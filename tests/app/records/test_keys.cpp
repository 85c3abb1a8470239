// Keys: made with each person, sealed under the PIN (a wrong PIN opens
// nothing and so signs nothing), sealed again when the PIN changes, made at
// the next login for people from before keys; the installation's key file;
// keys files and enrolment.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "canting/records/keys.h"
#include "records_fixture.h"

using namespace canting::records;
using canting::test::RecordsFixture;
using canting::test::writeText;
namespace fs = std::filesystem;

namespace {
std::string sealedOf(Store& s, const std::string& name) {
  auto q = s.db().prepare("SELECT k.secret FROM keys k JOIN people p ON p.uuid = k.owner_uuid WHERE p.name = ?1 AND k.origin = 'own'");
  q.bind(1, name);
  return q.step() ? q.text(0) : std::string();
}
std::string uuidOf(Store& s, const std::string& name) {
  auto q = s.db().prepare("SELECT uuid FROM people WHERE name = ?1");
  q.bind(1, name);
  return q.step() ? q.text(0) : std::string();
}
}  // namespace

TEST_CASE("fingerprints are four groups of four hex digits, and signatures check against their key only", "[records][keys]") {
  auto a = SigningKey::generate("a"), b = SigningKey::generate("b");
  const std::string fp = a->fingerprint();
  REQUIRE(fp.size() == 19);
  CHECK(fp[4] == '-');
  CHECK(fp[9] == '-');
  CHECK(fp[14] == '-');
  CHECK(fp != b->fingerprint());
  CHECK(keyFingerprint(a->publicKey()) == fp);
  const std::string sig = a->sign("K untuk unit 1");
  CHECK(verifySignature(a->publicKey(), sig, "K untuk unit 1"));
  CHECK_FALSE(verifySignature(a->publicKey(), sig, "BK untuk unit 1"));
  CHECK_FALSE(verifySignature(b->publicKey(), sig, "K untuk unit 1"));
  CHECK_FALSE(verifySignature("zz", sig, "K untuk unit 1"));
}

TEST_CASE("a person's key is sealed under the PIN: a wrong PIN opens nothing, so nothing can be signed", "[records][keys]") {
  RecordsFixture f;
  const std::string sealed = sealedOf(*f.store, "ratna");
  REQUIRE_FALSE(sealed.empty());
  const std::string uuid = uuidOf(*f.store, "ratna");
  auto key = openSecret(sealed, "3456", uuid);
  REQUIRE(key);
  CHECK(key->publicKey() == f.assessor->signingKey()->publicKey());
  CHECK_FALSE(openSecret(sealed, "3457", uuid));
  CHECK_FALSE(openSecret(sealed.substr(0, sealed.size() - 2) + "00", "3456", uuid));  // the box altered
  CHECK_FALSE(openSecret("v1:1:1:00:00:00", "3456", uuid));
  // The secret key is nowhere in the database in the clear.
  const std::string secretHex = [&] {
    std::string h;
    char b[3];
    for (std::size_t i = 0; i < SigningKey::kSecretBytes; ++i) std::snprintf(b, sizeof b, "%02x", key->secret()[i]), h += b;
    return h;
  }();
  auto q = f.store->db().prepare("SELECT COUNT(*) FROM keys WHERE secret LIKE ?1");
  q.bind(1, "%" + secretHex.substr(0, 32) + "%");
  q.step();
  CHECK(q.i64(0) == 0);
  // A wrong PIN gives no Actor, and so no key to sign with.
  CHECK_FALSE(f.store->login("ratna", "9999"));
  CHECK(f.store->systemActor().signingKey() == nullptr);
  // The outcome recorded by the assessor carries a signature by their key.
  const Id t = f.addTrainee(1, f.centreA);
  auto sch = *f.store->scheme(*f.admin, f.scheme);
  REQUIRE(f.store->recordAssessment(*f.assessor, {.trainee = t, .scheme = f.scheme, .date = "2026-06-01", .units = {{sch.units[0].id, false}}}));
  auto s = f.store->db().prepare("SELECT signer, length(signature) FROM assessments");
  REQUIRE(s.step());
  CHECK(s.text(0) == f.assessor->signingKey()->publicKey());
  CHECK(s.i64(1) == 128);
}

TEST_CASE("a PIN change seals the same key under the new PIN", "[records][keys]") {
  RecordsFixture f;
  const std::string before = f.assessor->signingKey()->publicKey();
  CHECK_FALSE(f.store->changePin(*f.assessor, "0000", "7777"));  // the old PIN is wrong
  CHECK_FALSE(f.store->changePin(*f.assessor, "3456", "77"));    // too short
  REQUIRE(f.store->changePin(*f.assessor, "3456", "7777"));
  CHECK_FALSE(f.store->login("ratna", "3456"));
  auto again = f.store->login("ratna", "7777");
  REQUIRE(again);
  REQUIRE(again->signingKey());
  CHECK(again->signingKey()->publicKey() == before);
  CHECK_FALSE(openSecret(sealedOf(*f.store, "ratna"), "3456", ""));
  CHECK(f.store->verifyAudit()->intact);
}

TEST_CASE("people from before keys get one at their next login with the PIN", "[records][keys]") {
  RecordsFixture f;
  // As a version-5 database would be: no keys at all.
  f.store->db().exec("DROP TRIGGER no_delete_keys; DELETE FROM keys;");
  auto a = f.store->login("ratna", "3456");
  REQUIRE(a);
  REQUIRE(a->signingKey());
  CHECK_FALSE(sealedOf(*f.store, "ratna").empty());
  auto b = f.store->login("ratna", "3456");
  CHECK(b->signingKey()->publicKey() == a->signingKey()->publicKey());  // made once, opened after
}

TEST_CASE("the installation's key is a 0600 file beside the database, the same key on every open", "[records][keys]") {
  RecordsFixture f;
  auto k1 = installationKey(*f.store);
  REQUIRE(k1);
  const fs::path p = installationKeyPath(*f.store);
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  f.reopen();
  auto k2 = installationKey(*f.store);
  REQUIRE(k2);
  CHECK((*k1)->publicKey() == (*k2)->publicKey());
  writeText(p, "not a key");
  CHECK(installationKey(*f.store).error().code == canting::imaging::ErrorCode::MalformedFile);
}

TEST_CASE("a keys file lists this PC and its people, enrolment checks it and is idempotent", "[records][keys]") {
  RecordsFixture centre, regency;
  auto text = exportKeys(*centre.store);
  REQUIRE(text);
  const fs::path file = centre.dir.path() / "kunci.json";
  writeText(file, *text);
  auto keys = readKeysFile(file);
  REQUIRE(keys);
  CHECK(keys->size() == 5);  // the PC, admin, trainer, assessor, outlet
  int pcs = 0;
  for (const auto& k : *keys) pcs += k.kind == "installation";
  CHECK(pcs == 1);
  CHECK(enrolKeys(*regency.store, *regency.trainer, *keys).error().code == RecordsError::NotAllowed);
  CHECK(*enrolKeys(*regency.store, *regency.admin, *keys) == 5);
  CHECK(*enrolKeys(*regency.store, *regency.admin, *keys) == 0);
  auto list = listKeys(*regency.store, *regency.admin);
  CHECK(list->size() == 4 + 5);  // its own four people and the centre's five
  CHECK(regency.store->verifyAudit()->intact);

  // A fingerprint changed by hand no longer matches its key; a key that is not hex is no key.
  std::string edited = *text;
  const std::string fp = keys->front().fingerprint;
  edited.replace(edited.find(fp), 4, fp[0] == 'A' ? "BBBB" : "AAAA");
  writeText(file, edited);
  auto bad = readKeysFile(file);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().arg("reason") == "@records.keys.fingerprint_mismatch");
  writeText(file, R"({"format":"canting-keys","keys":[{"kind":"person","public_key":"abc","owner":"x","name":"y","role":"assessor"}]})");
  CHECK(readKeysFile(file).error().arg("reason") == "@records.keys.bad_public_key");
  writeText(file, R"({"format":"something-else"})");
  CHECK(readKeysFile(file).error().arg("reason") == "@records.keys.not_keys_file");
}
