#include <zlib.h>

#include <catch2/catch.hpp>

#include "canting/records/bundle.h"
#include "records_fixture.h"

using namespace canting::records;
using canting::imaging::ErrorCode;
using canting::test::RecordsFixture;
using canting::test::writeText;

namespace {

// A centre's workstation with a little of everything in it.
void fillCentre(RecordsFixture& c) {
  const Id a = c.addTrainee(1, c.centreA, "Siti"), b = c.addTrainee(2, c.centreA, "Dewi");
  c.addTrainee(3, c.centreB, "Di Galuh");  // another centre: not in A's bundle
  auto sch = *c.store->scheme(*c.admin, c.scheme);
  REQUIRE(c.store->addSession(*c.trainer, {.date = "2026-05-01", .topic = "pewarnaan", .centre = c.centreA, .units = {sch.units[0].id},
                                           .attendance = {{a, Attendance::Present}, {b, Attendance::Absent}}}));
  AssessmentInput in{.trainee = a, .scheme = c.scheme, .date = "2026-06-01", .methods = {"observasi"}};
  for (const auto& u : sch.units) in.units[u.id] = true;
  for (const auto& e : sch.units[0].elements)
    for (const auto& k : e.criteria) in.criteria[k.id] = true;
  REQUIRE(c.store->recordAssessment(*c.assessor, in));
  const auto photo = c.dir.path() / "kain.jpg";
  writeText(photo, "foto kain siti");
  REQUIRE(c.store->addEvidence(*c.assessor, a, sch.units[0].id, EvidenceType::Direct, photo, "2026-06-01", ""));
  REQUIRE(c.store->issueCertificate(*c.admin, a, c.scheme, "LSP/2026/1", "2026-07-01"));
  REQUIRE(c.store->saveAttempt(*c.trainer, {"Siti", "indigo-ceplok", "{}", 4.0, 0.8, 3, 2, "isen", ""}));
}

int count(Store& s, const char* table) {
  auto q = s.db().prepare(std::string("SELECT COUNT(*) FROM ") + table);
  q.step();
  return int(q.i64(0));
}

}  // namespace

TEST_CASE("a centre's bundle imports whole at the regency, and importing it again changes nothing", "[records][bundle]") {
  RecordsFixture centre;
  fillCentre(centre);
  const auto bundle = centre.dir.path() / "limbasari.canting-bundle";
  REQUIRE(exportBundle(*centre.store, *centre.trainer, centre.centreA, bundle));
  // A trainer may not export another centre.
  CHECK(exportBundle(*centre.store, *centre.trainer, centre.centreB, centre.dir.path() / "x").error().code == canting::records::RecordsError::NotAllowed);

  RecordsFixture regency;  // its own admin, centres and curriculum
  regency.enrol(*centre.store);
  auto sum = importBundle(*regency.store, *regency.admin, bundle);
  REQUIRE(sum);
  CHECK(sum->centre == "Kampung Batik Limbasari");
  CHECK(sum->added > 0);
  auto trainees = regency.store->trainees(*regency.admin, regency.centreA);
  REQUIRE(trainees->size() == 2);
  const Id siti = trainees->at(0).name == "Siti" ? trainees->at(0).id : trainees->at(1).id;
  CHECK(regency.store->unitProgress(*regency.admin, siti, regency.scheme)->at(3).second == 'K');
  CHECK(regency.store->certificates(*regency.admin, siti)->size() == 1);
  auto ev = regency.store->evidenceOf(*regency.admin, siti);
  REQUIRE(ev->size() == 1);
  CHECK(canting::test::readAll(regency.store->evidencePath(ev->front().sha256)).size() == 14);
  CHECK(regency.store->sessions(*regency.admin, regency.centreA)->size() == 1);
  CHECK(regency.store->attemptsOf(*regency.admin, "Siti")->size() == 1);
  CHECK(regency.store->dashboard(*regency.admin)->at(0).certified == 1);

  // Idempotent: the second import adds and updates nothing.
  const int before = count(*regency.store, "trainees") + count(*regency.store, "assessments") + count(*regency.store, "evidence") +
                     count(*regency.store, "audit_log");
  auto again = importBundle(*regency.store, *regency.admin, bundle);
  REQUIRE(again);
  CHECK(again->added == 0);
  CHECK(again->updated == 0);
  CHECK(again->conflicts == 0);
  CHECK(count(*regency.store, "trainees") + count(*regency.store, "assessments") + count(*regency.store, "evidence") +
            count(*regency.store, "audit_log") == before);
  CHECK(regency.store->verifyAudit()->intact);
  // Only the regency office imports.
  CHECK(importBundle(*regency.store, *regency.trainer, bundle).error().code == canting::records::RecordsError::NotAllowed);
}

TEST_CASE("a record edited in both places keeps both versions and shows the newer", "[records][bundle]") {
  RecordsFixture centre;
  const Id t = centre.addTrainee(1, centre.centreA, "Siti");
  const auto b1 = centre.dir.path() / "1.bundle";
  REQUIRE(exportBundle(*centre.store, *centre.admin, centre.centreA, b1));
  RecordsFixture regency;
  regency.enrol(*centre.store);
  REQUIRE(importBundle(*regency.store, *regency.admin, b1));
  const Id rt = regency.store->trainees(*regency.admin)->front().id;

  // The regency corrects the phone first; later the centre corrects the name.
  regency.clock += 100;
  Trainee r = *regency.store->trainee(*regency.admin, rt);
  r.phone = "081299999999";
  REQUIRE(regency.store->updateTrainee(*regency.admin, r));
  centre.clock += 200;
  Trainee c = *centre.store->trainee(*centre.admin, t);
  c.name = "Siti Rahayu";
  REQUIRE(centre.store->updateTrainee(*centre.admin, c));
  const auto b2 = centre.dir.path() / "2.bundle";
  REQUIRE(exportBundle(*centre.store, *centre.admin, centre.centreA, b2));
  auto sum = importBundle(*regency.store, *regency.admin, b2);
  REQUIRE(sum);
  CHECK(sum->conflicts == 1);
  CHECK(sum->updated == 1);
  CHECK(regency.store->trainee(*regency.admin, rt)->name == "Siti Rahayu");
  auto hist = regency.store->traineeHistory(*regency.admin, rt);
  REQUIRE(hist->size() == 3);  // the original, the regency's phone fix, the centre's name fix
  bool sawPhoneFix = false;
  for (const auto& h : *hist) sawPhoneFix |= h.find("081299999999") != std::string::npos;
  CHECK(sawPhoneFix);
}

TEST_CASE("a bundle that fails validation changes nothing", "[records][bundle]") {
  RecordsFixture regency;
  const auto dir = regency.dir.path();
  const int auditBefore = count(*regency.store, "audit_log");
  auto gz = [&](const std::string& name, const std::string& text) {
    const auto p = dir / name;
    gzFile f = gzopen(p.c_str(), "wb");
    gzwrite(f, text.data(), unsigned(text.size()));
    gzclose(f);
    return p;
  };
  // Valid up to a trainee with a 15-digit NIK at the end: nothing of it lands.
  const std::string broken = R"({"format":"canting-bundle","version":1,"centre":{"uuid":"c-9","name":"Sentra Baru"},
    "people":[],"schemes":[],"sessions":[],"assessments":[],"evidence":[],"certificates":[],"attempts":[],
    "trainees":[{"uuid":"t-1","name":"A","nik":"3303000000000001","consent":true,"updated_at":"2026-01-01T00:00:00Z"},
                {"uuid":"t-2","name":"B","nik":"330300000000002","consent":true,"updated_at":"2026-01-01T00:00:00Z"}]})";
  auto r = importBundle(*regency.store, *regency.admin, gz("broken.bundle", broken));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::MalformedFile);
  CHECK(r.error().arg("where") == "trainees[1].nik");
  CHECK(regency.store->centres(*regency.admin)->size() == 2);
  CHECK(regency.store->trainees(*regency.admin)->empty());
  CHECK(count(*regency.store, "audit_log") == auditBefore);

  // A NIK already held by another trainee is found inside the transaction: it rolls back.
  regency.addTrainee(1, regency.centreA);
  const int auditMid = count(*regency.store, "audit_log");
  auto clash = importBundle(*regency.store, *regency.admin, gz("clash.bundle", R"({"format":"canting-bundle","version":1,
    "centre":{"uuid":"c-9","name":"Sentra Baru"},"people":[],"schemes":[],"sessions":[],"assessments":[],"evidence":[],
    "certificates":[],"attempts":[],"audit":{"head":{"seq":0,"hash":""},"hashes":[]},"trainees":[{"uuid":"t-9","name":"Z","nik":"3303000000000001","consent":true,"updated_at":"2026-01-01T00:00:00Z"}]})"));
  REQUIRE_FALSE(clash);
  CHECK(regency.store->centres(*regency.admin)->size() == 2);  // "Sentra Baru" was inserted, then rolled back
  CHECK(count(*regency.store, "audit_log") == auditMid);

  // Not gzip, not JSON, evidence whose bytes do not match the hash.
  writeText(dir / "plain.json", "{}");
  CHECK(importBundle(*regency.store, *regency.admin, dir / "plain.json").error().code == ErrorCode::MalformedFile);
  CHECK(importBundle(*regency.store, *regency.admin, gz("nojson.bundle", "not json")).error().code == ErrorCode::MalformedFile);
  auto forged = importBundle(*regency.store, *regency.admin, gz("forged.bundle", R"({"format":"canting-bundle","version":1,
    "centre":{"uuid":"c-9","name":"Sentra Baru"},"people":[],"schemes":[],"sessions":[],"assessments":[],"certificates":[],"attempts":[],
    "trainees":[{"uuid":"t-1","name":"A","nik":"3303000000000009","consent":true,"updated_at":"2026-01-01T00:00:00Z"}],
    "evidence":[{"uuid":"e-1","trainee":"t-1","type":"direct","date":"2026-01-01","file_name":"../../etc/passwd",
                 "sha256":"0000000000000000000000000000000000000000000000000000000000000000","data":"aGVsbG8="}]})"));
  REQUIRE_FALSE(forged);
  CHECK(forged.error().arg("where") == "evidence[0].data");
}

TEST_CASE("a bundle that inflates beyond the limit is refused (a zip bomb)", "[records][bundle]") {
  RecordsFixture regency;
  const auto p = regency.dir.path() / "bomb.bundle";
  gzFile f = gzopen(p.c_str(), "wb9");
  const std::string zeros(1 << 20, ' ');
  for (int i = 0; i < 40; ++i) gzwrite(f, zeros.data(), unsigned(zeros.size()));
  gzclose(f);
  CHECK(std::filesystem::file_size(p) < (1u << 20));
  auto r = importBundle(*regency.store, *regency.admin, p, 32u << 20);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::FileTooLarge);
}
