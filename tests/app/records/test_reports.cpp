#include <catch2/catch.hpp>

#include <array>
#include <cstdio>

#include "canting/records/reports.h"
#include "records_fixture.h"

using namespace canting::records;
using canting::imaging::ErrorCode;
using canting::test::RecordsFixture;
using canting::test::pdfText;

namespace {

int pages(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\f';
  return n;
}

struct Filled : RecordsFixture {
  Id siti = 0, session = 0;
  Filled() {
    siti = addTrainee(1, centreA, "Siti Rahayu");
    for (int i = 2; i <= 60; ++i) addTrainee(i, centreA);
    auto sch = *store->scheme(*admin, scheme);
    AssessmentInput in{.trainee = siti, .scheme = scheme, .date = "2026-06-01", .place = "TUK Sewaktu Limbasari"};
    for (const auto& u : sch.units) in.units[u.id] = true;
    REQUIRE(store->recordAssessment(*assessor, in));
    REQUIRE(store->issueCertificate(*admin, siti, scheme, "LSP/2026/7", "2026-07-01"));
    Session s{.date = "2026-05-01", .topic = "pewarnaan", .title = "Celup indigo", .centre = centreA};
    s.attendance[siti] = Attendance::Present;
    s.attendance[siti + 1] = Attendance::Present;
    s.attendance[siti + 2] = Attendance::Absent;
    session = *store->addSession(*trainer, s);
  }
};

}  // namespace

TEST_CASE("the centre progress report lists the counts and the matrix over as many pages as it needs", "[records][reports]") {
  Filled f;
  const auto pdf = f.dir.path() / "sentra.pdf";
  REQUIRE(writeCentreReport(*f.store, *f.admin, f.centreA, f.scheme, pdf));
  const std::string text = pdfText(pdf);
  REQUIRE_FALSE(text.empty());
  CHECK(text.find("Laporan Kemajuan Sentra: Kampung Batik Limbasari") != std::string::npos);
  CHECK(text.find("Peserta terdaftar: 60") != std::string::npos);
  CHECK(text.find("Peserta bersertifikat aktif: 1") != std::string::npos);
  CHECK(text.find("Siti Rahayu") != std::string::npos);
  CHECK(text.find("4/4") != std::string::npos);
  CHECK(pages(text) >= 2);  // 60 rows do not fit one landscape page
}

TEST_CASE("the transcript shows units, assessment, certificate and masks the NIK for an assessor", "[records][reports]") {
  Filled f;
  const auto pdf = f.dir.path() / "transkrip.pdf";
  REQUIRE(writeTranscript(*f.store, *f.assessor, f.siti, pdf));
  const std::string text = pdfText(pdf);
  CHECK(text.find("Transkrip Peserta: Siti Rahayu") != std::string::npos);
  CHECK(text.find("Kompeten (K)") != std::string::npos);
  CHECK(text.find("LSP/2026/7") != std::string::npos);
  CHECK(text.find("2029-07-01") != std::string::npos);
  CHECK(text.find("Celup indigo") != std::string::npos);  // the session attended
  CHECK(text.find("pewarnaan") != std::string::npos);
  CHECK(text.find("************0001") != std::string::npos);
  CHECK(text.find("330300000000") == std::string::npos);
  CHECK(pages(text) == 1);
  // Outlet staff get no transcript, and no file is left behind.
  const auto denied = f.dir.path() / "denied.pdf";
  CHECK(writeTranscript(*f.store, *f.outlet, f.siti, denied).error().code == canting::records::RecordsError::NotAllowed);
  CHECK_FALSE(std::filesystem::exists(denied));
}

TEST_CASE("the attendance list and the participation certificates cover the session", "[records][reports]") {
  Filled f;
  const auto list = f.dir.path() / "hadir.pdf";
  REQUIRE(writeAttendanceList(*f.store, *f.trainer, f.session, list));
  const std::string t1 = pdfText(list);
  CHECK(t1.find("Daftar Hadir Bintek") != std::string::npos);
  CHECK(t1.find("tidak hadir") != std::string::npos);
  CHECK(t1.find("Tanda tangan") != std::string::npos);
  CHECK(t1.find("Pelatih: sri") != std::string::npos);

  const auto certs = f.dir.path() / "sertifikat.pdf";
  REQUIRE(writeParticipationCertificates(*f.store, *f.admin, f.session, 0, certs));
  const std::string t2 = pdfText(certs);
  CHECK(pages(t2) == 2);  // two were present
  CHECK(t2.find("SERTIFIKAT KEIKUTSERTAAN") != std::string::npos);
  CHECK(t2.find("Siti Rahayu") != std::string::npos);
  const auto one = f.dir.path() / "satu.pdf";
  REQUIRE(writeParticipationCertificates(*f.store, *f.admin, f.session, f.siti, one));
  CHECK(pages(pdfText(one)) == 1);
  // Someone absent gets no certificate; a missing folder is a clear error.
  CHECK(writeParticipationCertificates(*f.store, *f.admin, f.session, f.siti + 2, one).error().code == canting::records::RecordsError::NotFound);
  CHECK(writeAttendanceList(*f.store, *f.admin, f.session, f.dir.path() / "no" / "x.pdf").error().code == ErrorCode::DirectoryMissing);
}

TEST_CASE("the order slip PDF carries every field of the order, in either language", "[records][reports][orders]") {
  canting::test::TempDir dir;
  canting::core::Order o;
  o.number = "PSN-2026-0042";
  o.createdAt = "2026-11-28T10:00:00Z";
  o.customer = "Bu Ratih";
  o.contact = "0812 3456 7890";
  o.motifId = "kawung";
  o.motifName = "Kawung";
  o.colorway = "Sogan klasik";
  o.dyeable = true;
  o.swatches = {{"#5A3A22", "Soga tingi"}, {"#F0E6D2", ""}};
  o.productName = "Kemeja lengan pendek";
  o.size = "L";
  o.quantity = 2;
  o.unitPrice = 375000;
  o.leadDays = 21;
  o.staff = "Wati";
  const auto pdf = dir.path() / "slip.pdf";
  REQUIRE(writeOrderSlip(o, 0, pdf));
  const std::string t = pdfText(pdf);
  for (const char* want : {"Slip Pesanan PSN-2026-0042", "2026-11-28", "Bu Ratih", "0812 3456 7890", "Kawung", "Sogan klasik", "#5A3A22", "Soga tingi",
                           "#F0E6D2", "Kemeja lengan pendek", "ukuran L", "Jumlah: 2", "Rp 375.000", "Rp 750.000", "21 hari kerja", "Wati"})
    CHECK(t.find(want) != std::string::npos);
  CHECK(pages(t) == 1);
  REQUIRE(writeOrderSlip(o, 1, pdf));
  CHECK(pdfText(pdf).find("Order slip PSN-2026-0042") != std::string::npos);
}
