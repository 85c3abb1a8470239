// The audit chain covers the records: edits made behind the app's back (in
// sqlite3, triggers dropped) are named by verifyAudit, and a chain the
// tamperer recomputed is caught by a head anchored before the edit.

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "audit_tamper.h"
#include "canting/records/bundle.h"
#include "canting/records/reports.h"
#include "canting/records/schema.h"
#include "records_fixture.h"

using namespace canting::records;
using canting::test::rawExec;
using canting::test::RecordsFixture;
using canting::test::TempDir;
using canting::test::writeText;

namespace {

std::string one(Store& s, const std::string& sql) {
  auto q = s.db().prepare(sql);
  REQUIRE(q.step());
  return q.text(0);
}

struct Filled {
  Id trainee = 0, certificate = 0, assessment = 0, session = 0;
  std::string assessmentUuid, certificateUuid;
  Id firstUnit = 0;
};

// A little of every kind of record, each written through the app.
Filled fill(RecordsFixture& f) {
  Filled out;
  const Id a = f.addTrainee(1, f.centreA, "Siti"), b = f.addTrainee(2, f.centreA, "Dewi");
  out.trainee = a;
  auto sch = *f.store->scheme(*f.admin, f.scheme);
  out.firstUnit = sch.units[0].id;
  auto session = f.store->addSession(*f.trainer, {.date = "2026-05-01", .topic = "pewarnaan", .centre = f.centreA, .units = {sch.units[0].id},
                                                  .attendance = {{a, Attendance::Present}, {b, Attendance::Absent}}});
  REQUIRE(session);
  out.session = *session;
  AssessmentInput in{.trainee = a, .scheme = f.scheme, .date = "2026-06-01", .methods = {"observasi"}};
  for (const auto& u : sch.units) in.units[u.id] = true;
  in.units[sch.units[0].id] = false;  // one BK
  auto as = f.store->recordAssessment(*f.assessor, in);
  REQUIRE(as);
  out.assessment = *as;
  const auto photo = f.dir.path() / "kain.jpg";
  writeText(photo, "foto kain siti");
  REQUIRE(f.store->addEvidence(*f.assessor, a, sch.units[0].id, EvidenceType::Direct, photo, "2026-06-01", ""));
  REQUIRE(f.store->saveAttempt(*f.trainer, {"Siti", "indigo-ceplok", "{}", 4.0, 0.8, 3, 2, "isen", ""}));
  auto order = canting::test::sampleOrder();
  REQUIRE(f.store->saveOrder(*f.outlet, order));
  auto t = *f.store->trainee(*f.admin, b);
  t.name = "Dewi Lestari";
  REQUIRE(f.store->updateTrainee(*f.admin, t));
  out.assessmentUuid = one(*f.store, "SELECT uuid FROM assessments WHERE id = " + std::to_string(out.assessment));
  return out;
}

Filled fillWithCertificate(RecordsFixture& f) {
  Filled out = fill(f);
  // A second assessment with every unit K, then the certificate, then its revocation.
  auto sch = *f.store->scheme(*f.admin, f.scheme);
  AssessmentInput in{.trainee = out.trainee, .scheme = f.scheme, .date = "2026-06-20", .methods = {"observasi"}};
  for (const auto& u : sch.units) in.units[u.id] = true;
  REQUIRE(f.store->recordAssessment(*f.assessor, in));
  auto c = f.store->issueCertificate(*f.admin, out.trainee, f.scheme, "LSP/2026/1", "2026-07-01");
  REQUIRE(c);
  out.certificate = *c;
  out.certificateUuid = one(*f.store, "SELECT uuid FROM certificates WHERE id = " + std::to_string(*c));
  return out;
}

bool names(const AuditCheck& c, AuditProblemKind kind, const std::string& entity, const std::string& uuid) {
  for (const auto& p : c.problems)
    if (p.kind == kind && p.entity == entity && p.uuid == uuid) return true;
  return false;
}

std::int64_t latestSeqFor(Store& s, const std::string& kind, const std::string& uuid) {
  return std::stoll(one(s, "SELECT MAX(seq) FROM audit_log WHERE record_kind = '" + kind + "' AND record_uuid = '" + uuid + "'"));
}

}  // namespace

TEST_CASE("every record written through the app verifies against its audit entry", "[records][audit]") {
  RecordsFixture f;
  const Filled x = fillWithCertificate(f);
  REQUIRE(f.store->revokeCertificate(*f.admin, x.certificate, "salah cetak"));
  auto c = f.store->verifyAudit();
  REQUIRE(c);
  for (const auto& p : c->problems) INFO(auditProblemName(p.kind) << " " << p.entity << " " << p.uuid << " @" << p.seq);
  CHECK(c->ok());
  CHECK(c->problems.empty());
  // Every kind of record got an entry carrying its content hash.
  for (const char* kind : {"centre", "person", "scheme", "trainee", "session", "assessment", "evidence", "certificate", "attempt", "order"})
    CHECK(std::stoll(one(*f.store, std::string("SELECT COUNT(*) FROM audit_log WHERE content_hash != '' AND record_kind = '") + kind + "'")) > 0);
  // The revocation is the certificate's latest entry.
  CHECK(one(*f.store, "SELECT action FROM audit_log WHERE seq = " + std::to_string(latestSeqFor(*f.store, "certificate", x.certificateUuid))) ==
        "revoke");
}

TEST_CASE("a BK flipped to K in sqlite3, triggers dropped, is named by verifyAudit", "[records][audit][sqlite]") {
  RecordsFixture f;
  const Filled x = fill(f);
  const auto seq = latestSeqFor(*f.store, "assessment", x.assessmentUuid);
  const auto file = f.store->options().file;
  f.store.reset();
  rawExec(file, "DROP TRIGGER assessment_units_final; UPDATE assessment_units SET k = 1 WHERE assessment_id = " + std::to_string(x.assessment) +
                    " AND unit_id = " + std::to_string(x.firstUnit) + ";");
  f.reopen();
  auto c = f.store->verifyAudit();
  REQUIRE(c);
  CHECK(c->intact);  // the chain itself was not touched
  CHECK_FALSE(c->ok());
  REQUIRE(c->problems.size() == 1);
  CHECK(c->problems[0].kind == AuditProblemKind::RecordChanged);
  CHECK(c->problems[0].entity == "assessment");
  CHECK(c->problems[0].uuid == x.assessmentUuid);
  CHECK(c->problems[0].seq == seq);
}

TEST_CASE("rows deleted, records forged and audit entries left without their record are named", "[records][audit][sqlite]") {
  RecordsFixture f;
  const Filled x = fillWithCertificate(f);
  const auto file = f.store->options().file;
  const std::string traineeUuid = one(*f.store, "SELECT uuid FROM trainees WHERE id = " + std::to_string(x.trainee));
  f.store.reset();
  // One unit result deleted, the certificate deleted, and a forged certificate for the trainee.
  rawExec(file, "DROP TRIGGER no_delete_assessment_units; DROP TRIGGER no_delete_certificates;"
                "DELETE FROM assessment_units WHERE assessment_id = " + std::to_string(x.assessment) + " AND unit_id = " + std::to_string(x.firstUnit) + ";"
                "DELETE FROM certificates WHERE id = " + std::to_string(x.certificate) + ";"
                "INSERT INTO certificates (uuid, trainee_id, scheme_id, number, issue_date, expiry_date, updated_at) "
                "VALUES ('forged-1', " + std::to_string(x.trainee) + ", 1, 'FORGED/001', '2026-07-01', '2029-07-01', '2026-07-01T00:00:00Z');");
  f.reopen();
  auto c = f.store->verifyAudit();
  REQUIRE(c);
  CHECK(c->intact);
  CHECK(names(*c, AuditProblemKind::RecordChanged, "assessment", x.assessmentUuid));
  CHECK(names(*c, AuditProblemKind::RecordMissing, "certificate", x.certificateUuid));
  CHECK(names(*c, AuditProblemKind::RecordWithoutAudit, "certificate", "forged-1"));
  CHECK(c->problems.size() == 3);
  for (const auto& p : c->problems)
    if (p.kind == AuditProblemKind::RecordMissing) CHECK(p.seq == latestSeqFor(*f.store, "certificate", x.certificateUuid));
  (void)traineeUuid;
}

TEST_CASE("a chain recomputed after an edit passes the chain check but not a head anchored before it", "[records][audit][sqlite]") {
  RecordsFixture f;
  const Filled x = fill(f);
  const AuditHead printed = *AuditHead::parse(f.store->auditHead()->text());  // as read off a report
  // The tamperer: flip the BK, then re-hash the content and the whole chain.
  f.store->db().exec("DROP TRIGGER assessment_units_final;");
  f.store->db().exec("UPDATE assessment_units SET k = 1 WHERE assessment_id = " + std::to_string(x.assessment));
  canting::test::rewriteAuditChain(f.store->db());
  auto plain = f.store->verifyAudit();
  REQUIRE(plain);
  CHECK(plain->ok());  // the unkeyed chain alone cannot tell
  auto anchored = f.store->verifyAudit(printed);
  REQUIRE(anchored);
  CHECK_FALSE(anchored->ok());
  REQUIRE(anchored->problems.size() == 1);
  CHECK(anchored->problems[0].kind == AuditProblemKind::HeadMismatch);
  CHECK(anchored->problems[0].seq == printed.seq);
  // The head of the tampered chain itself matches, of course; a head beyond the chain is missing.
  CHECK(f.store->verifyAudit(*f.store->auditHead())->ok());
  auto beyond = f.store->verifyAudit(AuditHead{printed.seq + 100, printed.hash});
  REQUIRE(beyond);
  REQUIRE(beyond->problems.size() == 1);
  CHECK(beyond->problems[0].kind == AuditProblemKind::HeadMissing);
}

TEST_CASE("verifying changes nothing in the store", "[records][audit][sqlite]") {
  RecordsFixture f;
  const Filled x = fill(f);
  const auto file = f.store->options().file;
  f.store.reset();
  rawExec(file, "DROP TRIGGER assessment_units_final; UPDATE assessment_units SET k = 1 WHERE assessment_id = " + std::to_string(x.assessment) + ";");
  f.reopen();
  const auto rows = one(*f.store, "SELECT COUNT(*) FROM audit_log");
  const auto head = f.store->auditHead()->hash;
  const int before = sqlite3_total_changes(f.store->db().raw());
  for (int i = 0; i < 2; ++i) {
    auto c = f.store->verifyAudit(*f.store->auditHead());
    REQUIRE(c);
    CHECK(c->problems.size() == 1);
  }
  CHECK(sqlite3_total_changes(f.store->db().raw()) == before);
  CHECK(one(*f.store, "SELECT COUNT(*) FROM audit_log") == rows);
  CHECK(f.store->auditHead()->hash == head);
  CHECK(one(*f.store, "SELECT k FROM assessment_units WHERE assessment_id = " + std::to_string(x.assessment) + " AND unit_id = " +
                          std::to_string(x.firstUnit)) == "1");  // reported, not repaired
}

TEST_CASE("a bundle imported at the regency gives each record it wrote its own audit entry", "[records][audit][bundle]") {
  RecordsFixture centre;
  const Filled x = fillWithCertificate(centre);
  const auto bundle = centre.dir.path() / "limbasari.canting-bundle";
  REQUIRE(exportBundle(*centre.store, *centre.trainer, centre.centreA, bundle));
  RecordsFixture regency(false);
  REQUIRE(regency.store->createFirstAdmin("kabupaten", "9999"));
  auto admin = regency.store->login("kabupaten", "9999");
  REQUIRE(admin);
  regency.admin = *admin;
  regency.enrol(*centre.store);
  REQUIRE(importBundle(*regency.store, *admin, bundle));
  auto c = regency.store->verifyAudit();
  REQUIRE(c);
  for (const auto& p : c->problems) INFO(auditProblemName(p.kind) << " " << p.entity << " " << p.uuid << " @" << p.seq);
  CHECK(c->ok());
  CHECK(one(*regency.store, "SELECT action FROM audit_log WHERE seq = " +
                                std::to_string(latestSeqFor(*regency.store, "assessment", x.assessmentUuid))) == "import");
  // Again: nothing new written, nothing new logged per record.
  const auto rows = one(*regency.store, "SELECT COUNT(*) FROM audit_log");
  REQUIRE(importBundle(*regency.store, *admin, bundle));
  CHECK(one(*regency.store, "SELECT COUNT(*) FROM audit_log") == rows);
  CHECK(regency.store->verifyAudit()->ok());
}

TEST_CASE("records from before schema 6 are not asked for a content hash, rows forged after are", "[records][audit][migration][sqlite]") {
  TempDir dir;
  const auto file = dir.path() / "pelatihan.db";
  {
    auto db = Db::open(file);
    REQUIRE(db);
    REQUIRE(migrate(*db, 5, dir.path() / "setup", "old"));
    db->exec("INSERT INTO centres (uuid, name, updated_at) VALUES ('c-1', 'Kampung Batik Limbasari', '2025-01-01T00:00:00Z')");
  }
  {
    auto s = Store::open({.file = file, .pinCost = PinCost::Minimum});
    REQUIRE(s);
    auto c = (*s)->verifyAudit();
    REQUIRE(c);
    CHECK(c->ok());
  }
  rawExec(file, "INSERT INTO centres (uuid, name, updated_at) VALUES ('c-2', 'Sentra palsu', '2026-01-01T00:00:00Z')");
  auto s = Store::open({.file = file, .pinCost = PinCost::Minimum});
  REQUIRE(s);
  auto c = (*s)->verifyAudit();
  REQUIRE(c);
  REQUIRE(c->problems.size() == 1);
  CHECK(names(*c, AuditProblemKind::RecordWithoutAudit, "centre", "c-2"));
}

TEST_CASE("every PDF report and certificate prints the chain's head as of printing", "[records][audit][reports]") {
  RecordsFixture f;
  const Filled x = fill(f);
  const std::string head = f.store->auditHead()->text();
  const auto dir = f.dir.path();
  REQUIRE(writeCentreReport(*f.store, *f.admin, f.centreA, f.scheme, dir / "sentra.pdf"));
  REQUIRE(writeTranscript(*f.store, *f.admin, x.trainee, dir / "transkrip.pdf"));
  REQUIRE(writeAttendanceList(*f.store, *f.admin, x.session, dir / "hadir.pdf"));
  REQUIRE(writeParticipationCertificates(*f.store, *f.admin, x.session, 0, dir / "sertifikat.pdf"));
  CHECK(f.store->auditHead()->text() == head);  // printing is not a change
  for (const char* pdf : {"sentra.pdf", "transkrip.pdf", "hadir.pdf"}) {
    INFO(pdf);
    CHECK(canting::test::pdfText(dir / pdf).find("kepala rantai audit " + head) != std::string::npos);
  }
  CHECK(canting::test::pdfText(dir / "sertifikat.pdf").find("Kepala rantai audit: " + head) != std::string::npos);
  // The printed text is what verify-audit --head takes.
  CHECK(f.store->verifyAudit(*AuditHead::parse(head))->ok());
}
