#include "canting/records/demo.h"

#include <cstdio>

#include "store_internal.h"

namespace canting::records {

namespace fs = std::filesystem;

const std::vector<DemoLogin>& demoLogins() {
  static const std::vector<DemoLogin> v = {
      {"Admin Kabupaten (demo)", "1234", Role::Admin},
      {"Pelatih Sri (demo)", "2345", Role::Trainer},
      {"Pelatih Bayu (demo)", "3456", Role::Trainer},
      {"Asesor Ratna (demo)", "4567", Role::Assessor},
      {"Staf Outlet Wati (demo)", "5678", Role::Outlet},
  };
  return v;
}

Status makeDemo(Store& store, const fs::path& curriculumDir) {
  const auto& L = demoLogins();
  auto adminId = store.createFirstAdmin(L[0].name, L[0].pin);
  if (!adminId) return adminId.error();
  auto admin = store.login(L[0].name, L[0].pin);
  if (!admin) return admin.error();
  const Actor& a = *admin;
  try {
    store.db().exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('demo', '1')");
  } catch (const DbError& e) {
    return detail::fromDb(e, store.options().file.string(), "makeDemo");
  }
  auto n = store.loadCurriculum(a, curriculumDir);
  if (!n) return n.error();
  // Sentra named in the Wastralingga founding article (centres.md §2) and Dagan,
  // the Lawa motif's village (review-2026-12.md); the regency enters the rest.
  // Kecamatan only where a source confirms it.
  const std::vector<Centre> centres = {
      {0, "", "Kampung Batik Limbasari", "Limbasari", "Bobotsari", "DATA DEMO: peserta dan pelatih fiktif"},
      {0, "", "Galuh", "Galuh", "Bojongsari", "DATA DEMO"},
      {0, "", "Selabaya", "Selabaya", "Kalimanah", "DATA DEMO"},
      {0, "", "Karangtalun", "Karangtalun", "Bobotsari", "DATA DEMO"},
      {0, "", "Tlahab Lor", "Tlahab Lor", "Karangreja", "DATA DEMO"},
      {0, "", "Tlahab Kidul", "Tlahab Kidul", "Karangreja", "DATA DEMO"},
      {0, "", "Majapura", "", "", "DATA DEMO"},
      {0, "", "Tlagayasa", "", "", "DATA DEMO"},
      {0, "", "Karangduren", "", "", "DATA DEMO"},
      {0, "", "Pekiringan", "Pekiringan", "Karangmoncol", "DATA DEMO"},
      {0, "", "Karangcengis", "", "", "DATA DEMO"},
      {0, "", "Cipaku", "", "", "DATA DEMO"},
      {0, "", "Metenggeng", "Metenggeng", "Bojongsari", "DATA DEMO"},
      {0, "", "Dagan", "Dagan", "Bobotsari", "DATA DEMO"},
  };
  std::vector<Id> cid;
  for (const auto& c : centres) {
    auto id = store.addCentre(a, c);
    if (!id) return id.error();
    cid.push_back(*id);
  }
  auto p1 = store.addPerson(a, {0, "", L[1].name, Role::Trainer, cid[0], "", false}, L[1].pin);
  auto p2 = store.addPerson(a, {0, "", L[2].name, Role::Trainer, cid[1], "", false}, L[2].pin);
  auto p3 = store.addPerson(a, {0, "", L[3].name, Role::Assessor, 0, "MET.000.0000000.2026 (fiktif)", false}, L[3].pin);
  auto p4 = store.addPerson(a, {0, "", L[4].name, Role::Outlet, cid[0], "", false}, L[4].pin);
  for (auto* r : {&p1, &p2, &p3, &p4})
    if (!*r) return r->error();
  auto schemes = store.schemes(a);
  if (!schemes || schemes->empty()) return imaging::makeError(imaging::ErrorCode::DirectoryMissing, {{"path", curriculumDir.string()}});
  auto sch = store.scheme(a, schemes->front().id);
  if (!sch) return sch.error();

  const char* first[] = {"Siti", "Wulan", "Dewi", "Ani", "Rina", "Tutik", "Yati", "Eko", "Sari", "Lestari", "Nur", "Puji"};
  const char* last[] = {"Rahayu", "Utami", "Wahyuni", "Susanti", "Handayani", "Pratiwi", "Purwanti", "Santoso"};
  const int perCentre[] = {12, 8, 6, 4, 4, 3};
  std::vector<std::vector<Id>> trainees(centres.size());
  int serial = 1;
  for (std::size_t c = 0; c < std::size(perCentre); ++c)
    for (int i = 0; i < perCentre[c]; ++i, ++serial) {
      Trainee t;
      t.name = std::string(first[(serial * 7) % 12]) + " " + last[(serial * 3) % 8] + " " + std::to_string(serial);
      char nik[17];
      std::snprintf(nik, sizeof nik, "0000%012d", 100000 + serial);
      t.nik = nik;
      char bd[11];
      std::snprintf(bd, sizeof bd, "19%02d-%02d-%02d", 70 + serial % 30, 1 + serial % 12, 1 + serial % 28);
      t.birthDate = bd;
      t.sex = serial % 5 == 0 ? "L" : "P";
      t.phone = "0812000" + std::to_string(10000 + serial);
      t.consent = true;
      t.centre = cid[c];
      t.trainer = c == 0 ? *p1 : c == 1 ? *p2 : 0;
      auto id = store.addTrainee(a, t);
      if (!id) return id.error();
      trainees[c].push_back(*id);
    }

  // Bintek sessions in Limbasari and Galuh, with attendance.
  auto trainerSri = store.login(L[1].name, L[1].pin);
  if (!trainerSri) return trainerSri.error();
  const char* topics[] = {"desain", "pewarnaan", "produk-turunan"};
  const char* titles[] = {"Pola motif Patrawisa", "Celup naphthol dua warna", "Dari kain ke kemeja"};
  std::vector<Id> sessions;
  for (int s = 0; s < 3; ++s) {
    Session ses;
    ses.date = std::string("2026-0") + std::to_string(3 + 2 * s) + "-1" + std::to_string(s + 2);
    ses.topic = topics[s];
    ses.title = titles[s];
    ses.centre = cid[0];
    ses.units = {sch->units[std::size_t(s) % sch->units.size()].id};
    for (std::size_t i = 0; i < trainees[0].size(); ++i)
      ses.attendance[trainees[0][i]] = (i + std::size_t(s)) % 7 == 0 ? Attendance::Absent : (i + std::size_t(s)) % 5 == 0 ? Attendance::Excused : Attendance::Present;
    auto id = store.addSession(*trainerSri, ses);
    if (!id) return id.error();
    sessions.push_back(*id);
  }
  {
    Session ses;
    ses.date = "2026-04-20";
    ses.topic = "pewarnaan";
    ses.title = "Warna alam: tingi dan jalawe";
    // Selabaya (Batik Tirtamas) is the regency's natural-dye centre; Limbasari
    // and Galuh dye with chemical dyes (review-2026-12.md, centres).
    ses.centre = cid[2];
    ses.trainer = *p2;
    for (Id t : trainees[2]) ses.attendance[t] = Attendance::Present;
    if (auto id = store.addSession(a, ses); !id) return id.error();
  }

  // Assessments by the (fictitious) assessor: the first trainees of Limbasari
  // are further along than the rest.
  auto assessor = store.login(L[3].name, L[3].pin);
  if (!assessor) return assessor.error();
  for (std::size_t c = 0; c < 3; ++c)
    for (std::size_t i = 0; i < trainees[c].size(); ++i) {
      const std::size_t reach = c == 0 ? (i < 4 ? 4 : i < 8 ? 2 : 0) : (i < 2 ? 3 : i < 4 ? 1 : 0);
      if (reach == 0) continue;
      AssessmentInput in;
      in.trainee = trainees[c][i];
      in.scheme = sch->id;
      in.date = "2026-06-0" + std::to_string(1 + (i % 8));
      in.place = "TUK Sewaktu, " + centres[c].name;
      in.methods = {"observasi", "lisan"};
      for (std::size_t u = 0; u < sch->units.size(); ++u) {
        const bool k = u < reach;
        if (u > reach) break;
        for (const auto& e : sch->units[u].elements)
          for (const auto& cr : e.criteria) in.criteria[cr.id] = k || (&cr != &e.criteria.back());
        in.units[sch->units[u].id] = k;
      }
      if (in.units.size() > reach) in.followUp = "Ulangi latihan unit " + std::to_string(reach + 1) + " bersama pelatih";
      if (auto id = store.recordAssessment(*assessor, in); !id) return id.error();
    }
  // Certificates for those with every unit K; one issued long ago expires soon.
  for (std::size_t i = 0; i < 4; ++i) {
    // The first was issued almost three years ago and runs out in 40 days.
    const std::string issue = i == 0 ? addYears(detail::isoTime(store.now() + 40 * 86400).substr(0, 10), -3) : "2026-07-01";
    const std::string number = "DEMO/LSP-BATIK/" + issue.substr(0, 4) + "/" + std::to_string(100 + i);
    if (auto id = store.issueCertificate(a, trainees[0][i], sch->id, number, issue); !id) return id.error();
  }
  // A dye-lab attempt so the trainee page shows one.
  if (auto t0 = store.trainee(a, trainees[0][0])) {
    core::Attempt at{t0->name, "indigo-ceplok", "{}", 4.2, 0.81, 3, 2, "isen", ""};
    if (auto id = store.saveAttempt(*trainerSri, at); !id) return id.error();
  }
  return imaging::Ok{};
}

}  // namespace canting::records
