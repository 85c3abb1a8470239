// Pelatihan & Sertifikasi: the centre, trainee and session pages.
//
// Index of this file:
// [SECTION] centre (and its new-session form)
// [SECTION] trainee
// [SECTION] session

#include "training_panel.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "item_probe.h"
#include "training_widgets.h"

namespace canting::gui {

namespace rec = records;
using namespace training_ui;

// [SECTION] centre

void TrainingPanel::drawCentre(UiContext& ui) {
  rec::Desk& d = ui.records->desk();
  rec::Store& s = *d.store();
  const rec::Actor& a = *d.actor();
  auto centres = s.centres(a);
  const rec::Centre* c = nullptr;
  if (centres)
    for (const auto& x : *centres)
      if (x.id == d.centre) c = &x;
  if (!c) {
    ImGui::TextUnformatted(ui.tr("training.nothing_here").c_str());
    return;
  }
  heading(ui, c->name);
  if (!c->desa.empty() || !c->kecamatan.empty()) {
    ImGui::SameLine(0, ui.px(16));
    ImGui::TextDisabled("%s", ui.tr("training.desa_kecamatan", {{"desa", c->desa.empty() ? "-" : c->desa}, {"kecamatan", c->kecamatan.empty() ? "-" : c->kecamatan}}).c_str());
  }
  const bool staff = a.role() == Role::Admin || a.role() == Role::Trainer;
  if (ImGui::Button(label(ui, "training.open_matrix").c_str(), ImVec2(0, ui.px(38)))) d.openMatrix(c->id);
  probe::note("@training.open_matrix");
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "training.centre_report").c_str(), ImVec2(0, ui.px(38)))) request(File::CentreReport, "laporan-" + c->name + ".pdf");
  if (staff) {
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "training.import_csv").c_str(), ImVec2(0, ui.px(38)))) request(File::ImportCsv, "");
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "training.export_bundle").c_str(), ImVec2(0, ui.px(38))))
      request(File::Bundle, "bundel-" + c->name + "-" + s.today() + ".canting-bundle");
  }
  if (a.role() == Role::Admin) {
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "training.import_bundle").c_str(), ImVec2(0, ui.px(38)))) request(File::ImportBundle, "");
  }
  drawCentreEdit(ui, *c);
  ImGui::Separator();
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.55f;
  ImGui::BeginChild("centre_trainees", ImVec2(half, 0), true);
  auto trainees = s.trainees(a, c->id);
  heading(ui, ui.tr("training.trainees_n", {{"n", std::to_string(trainees ? trainees->size() : 0)}}));
  auto m = s.matrix(a, c->id, d.scheme);
  std::map<Id, int> kCount;
  if (m)
    for (std::size_t r = 0; r < m->trainees.size(); ++r) kCount[m->trainees[r].first] = int(std::count(m->cells[r].begin(), m->cells[r].end(), 'K'));
  const int nUnits = m ? int(m->units.size()) : 0;
  if (trainees && ImGui::BeginTable("trainees", 3, ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("nik", ImGuiTableColumnFlags_WidthFixed, ui.px(190));
    ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, ui.px(70));
    for (std::size_t i = 0; i < trainees->size(); ++i) {
      const auto& t = (*trainees)[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(int(t.id));
      if (ImGui::Selectable(t.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, ui.px(26)))) d.openTrainee(t.id);
      probe::note("@training.trainee." + std::to_string(i));
      ImGui::PopID();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", t.nik.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("K %d/%d", kCount[t.id], nUnits);
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("centre_sessions", ImVec2(0, 0), true);
  heading(ui, ui.tr("training.sessions"));
  if (staff && trainees) drawSessionForm(ui, *trainees);
  if (auto sessions = s.sessions(a, c->id)) {
    if (sessions->empty()) ImGui::TextDisabled("%s", ui.tr("training.no_sessions").c_str());
    for (const auto& ses : *sessions) {
      ImGui::PushID(int(ses.id));
      const std::string text = ses.date + "  " + topicLabel(ui, ses.topic) + (ses.title.empty() ? "" : "  ·  " + ses.title);
      if (ImGui::Selectable(text.c_str(), false, 0, ImVec2(0, ui.px(28)))) d.openSession(ses.id);
      probe::note("@training.session." + std::to_string(ses.id));
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
}

// The new session: date, topic (none until chosen), title and the trainees it
// is for (every one ticked at first); attendance is marked on its page.
void TrainingPanel::drawSessionForm(UiContext& ui, const std::vector<rec::Trainee>& trainees) {
  rec::Desk& d = ui.records->desk();
  rec::SessionForm& f = d.sessionFormFor(d.centre);
  char date[11];
  std::snprintf(date, sizeof date, "%s", f.date.c_str());
  ImGui::SetNextItemWidth(ui.px(130));
  if (ImGui::InputText("##session_date", date, sizeof date)) f.date = date;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  const std::string preview = f.topic.empty() ? ui.tr("training.choose_topic") : topicLabel(ui, f.topic);
  if (ImGui::BeginCombo("##session_topic", preview.c_str())) {
    const auto& topics = d.topics();
    for (std::size_t i = 0; i < topics.size(); ++i) {
      if (ImGui::Selectable(topicLabel(ui, topics[i]).c_str(), topics[i] == f.topic)) {
        f.topic = topics[i];
        f.error.reset();
      }
      probe::note("@training.session_topic." + std::to_string(i));
    }
    ImGui::EndCombo();
  }
  probe::note("@training.session_topic");
  char title[96];
  std::snprintf(title, sizeof title, "%s", f.title.c_str());
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##session_title", ui.tr("training.session_title_hint").c_str(), title, sizeof title)) f.title = title;
  std::size_t ticked = 0;
  for (const auto& t : trainees) ticked += f.ticked(t.id);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ui.tr("training.session_trainees", {{"n", std::to_string(ticked)}, {"of", std::to_string(trainees.size())}}).c_str());
  ImGui::SameLine();
  if (ImGui::SmallButton(ui.tr("training.tick_all").c_str()))
    for (const auto& t : trainees) f.tick(t.id, true);
  probe::note("@training.tick_all");
  ImGui::SameLine();
  if (ImGui::SmallButton(ui.tr("training.tick_none").c_str()))
    for (const auto& t : trainees) f.tick(t.id, false);
  probe::note("@training.tick_none");
  // Two columns of ticks, at most six rows high before it scrolls.
  const float row = ImGui::GetFrameHeightWithSpacing();
  const float rows = float(std::min<std::size_t>(6, (trainees.size() + 1) / 2));
  if (ImGui::BeginChild("session_trainees", ImVec2(0, row * std::max(1.0f, rows) + ImGui::GetStyle().WindowPadding.y * 2), true)) {
    if (ImGui::BeginTable("ticks", 2)) {
      for (std::size_t i = 0; i < trainees.size(); ++i) {
        const auto& t = trainees[i];
        ImGui::TableNextColumn();
        bool on = f.ticked(t.id);
        ImGui::PushID(int(t.id));
        if (ImGui::Checkbox(t.name.c_str(), &on)) f.tick(t.id, on);
        ImGui::PopID();
        probe::note("@training.session_trainee." + std::to_string(i));
      }
      ImGui::EndTable();
    }
  }
  ImGui::EndChild();
  if (ImGui::Button(label(ui, "training.add_session").c_str(), ImVec2(0, ui.px(34)))) (void)d.submitSession();  // a refusal stays in f.error
  probe::note("@training.add_session");
  if (f.error) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s", ui.wb.tr().message(*f.error).c_str());
    probe::note("@training.session_error");
    ImGui::PopTextWrapPos();
  }
  ImGui::Separator();
}

// [SECTION] trainee

void TrainingPanel::drawTrainee(UiContext& ui) {
  rec::Desk& d = ui.records->desk();
  rec::Store& s = *d.store();
  const rec::Actor& a = *d.actor();
  auto t = s.trainee(a, d.trainee);
  if (!t) {
    ImGui::TextWrapped("%s", ui.wb.tr().message(t.error()).c_str());
    return;
  }
  heading(ui, t->name);
  ImGui::SameLine(0, ui.px(16));
  ImGui::TextDisabled("%s", centreName(ui, t->centre).c_str());
  ImGui::Text("%s", ui.tr("training.identity", {{"nik", t->nik}, {"birth", t->birthDate.empty() ? "-" : t->birthDate}, {"sex", t->sex.empty() ? "-" : t->sex},
                                                {"phone", t->phone.empty() ? "-" : t->phone}}).c_str());
  if (t->masked) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", ui.tr("training.masked").c_str());
  }
  if (a.role() == Role::Assessor) {
    if (ImGui::Button(label(ui, "training.new_assessment").c_str(), ImVec2(0, ui.px(40)))) {
      if (auto st = d.startAssessment(t->id); !st) ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(st.error()));
      m_formError.reset();
    }
    probe::note("@training.new_assessment");
    ImGui::SameLine();
  }
  if (ImGui::Button(label(ui, "training.transcript").c_str(), ImVec2(0, ui.px(40)))) request(File::Transcript, "transkrip-" + t->name + ".pdf");
  ImGui::SameLine();
  static const char* kTypes[] = {"direct", "indirect", "supplementary"};
  ImGui::SetNextItemWidth(ui.px(200));
  if (ImGui::BeginCombo("##evidence_type", ui.tr(std::string("training.evidence.") + kTypes[m_evidenceType]).c_str())) {
    for (int i = 0; i < 3; ++i)
      if (ImGui::Selectable(ui.tr(std::string("training.evidence.") + kTypes[i]).c_str(), i == m_evidenceType)) m_evidenceType = i;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "training.add_evidence").c_str(), ImVec2(0, ui.px(40)))) request(File::AddEvidence, "");
  drawTraineeEdit(ui, *t);

  ImGui::Separator();
  const float left = ImGui::GetContentRegionAvail().x * 0.5f;
  ImGui::BeginChild("trainee_units", ImVec2(left, 0), true);
  heading(ui, ui.tr("training.progress"));
  if (auto prog = s.unitProgress(a, t->id, d.scheme)) {
    if (auto sch = s.scheme(a, d.scheme)) ImGui::TextDisabled("%s", (sch->title + " · " + sch->version).c_str());
    for (const auto& [u, st] : *prog) {
      statusChip(ui, st, ui.px(44));
      ImGui::SameLine();
      ImGui::TextWrapped("%s", (u.code.empty() ? u.title : u.code + " " + u.title).c_str());
    }
  }
  ImGui::Spacing();
  heading(ui, ui.tr("training.certificates"));
  bool active = false;
  if (auto certs = s.certificates(a, t->id)) {
    if (certs->empty()) ImGui::TextDisabled("%s", ui.tr("training.none_yet").c_str());
    for (const auto& c : *certs) {
      active |= c.status == "active" && c.scheme == d.scheme;
      ImGui::TextWrapped("%s", ui.tr("training.certificate_line", {{"number", c.number}, {"issued", c.issueDate}, {"expiry", c.expiryDate},
                                                                 {"status", ui.tr("records.cert." + c.status)}}).c_str());
      drawRevoke(ui, c);
    }
  }
  // The administrator records the certificate the LSP issued, once every unit is K.
  if (a.role() == Role::Admin && !active) {
    auto prog = s.unitProgress(a, t->id, d.scheme);
    const bool allK = prog && !prog->empty() && std::all_of(prog->begin(), prog->end(), [](const auto& u) { return u.second == 'K'; });
    if (allK) {
      if (!m_certDate[0]) std::snprintf(m_certDate, sizeof m_certDate, "%s", s.today().c_str());
      ImGui::SetNextItemWidth(ui.px(220));
      ImGui::InputTextWithHint("##cert_number", ui.tr("training.cert_number_hint").c_str(), m_certNumber, sizeof m_certNumber);
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ui.px(120));
      ImGui::InputText("##cert_date", m_certDate, sizeof m_certDate);
      ImGui::SameLine();
      if (ImGui::Button(label(ui, "training.issue_certificate").c_str())) {
        if (auto id = s.issueCertificate(a, t->id, d.scheme, m_certNumber, m_certDate)) {
          m_certNumber[0] = 0;
          d.invalidate();
          ui.wb.notify(core::Notice::Kind::Info, ui.tr("training.certificate_issued"));
        } else {
          ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(id.error()));
        }
      }
      probe::note("@training.issue_certificate");
    }
  }
  ImGui::Spacing();
  heading(ui, ui.tr("training.attempts"));
  if (auto at = s.attemptsOf(a, t->name)) {
    if (at->empty()) ImGui::TextDisabled("%s", ui.tr("training.none_yet").c_str());
    for (const auto& x : *at)
      ImGui::TextWrapped("%s", ui.tr("training.attempt_line", {{"exercise", x.exercise}, {"de", core::formatNumber(x.meanDeltaE, 1, ui.wb.tr().language())},
                                                              {"baths", std::to_string(x.baths)}, {"fewest", std::to_string(x.fewestBaths)}}).c_str());
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("trainee_history", ImVec2(0, 0), true);
  heading(ui, ui.tr("training.assessments"));
  if (auto as = s.assessmentsOf(a, t->id)) {
    if (as->empty()) ImGui::TextDisabled("%s", ui.tr("training.none_yet").c_str());
    for (const auto& x : *as) {
      int k = 0, bk = 0;
      for (const auto& [u, ok] : x.units) (ok ? k : bk)++;
      ImGui::TextWrapped("%s", ui.tr("training.assessment_line", {{"date", x.date}, {"assessor", x.assessorName}, {"k", std::to_string(k)},
                                                                 {"bk", std::to_string(bk)}, {"place", x.place}}).c_str());
      if (!x.followUp.empty()) ImGui::TextDisabled("  %s", x.followUp.c_str());
    }
  }
  ImGui::Spacing();
  heading(ui, ui.tr("training.evidence"));
  if (auto ev = s.evidenceOf(a, t->id)) {
    if (ev->empty()) ImGui::TextDisabled("%s", ui.tr("training.none_yet").c_str());
    for (const auto& e : *ev)
      ImGui::TextWrapped("%s  %s  %s", e.date.c_str(), ui.tr(std::string("training.evidence.") + rec::evidenceTypeName(e.type)).c_str(), e.fileName.c_str());
  }
  ImGui::Spacing();
  heading(ui, ui.tr("training.history"));
  if (auto h = s.traineeHistory(a, t->id))
    for (const auto& v : *h) {
      const auto j = nlohmann::json::parse(v, nullptr, false);
      if (j.is_object())
        ImGui::TextWrapped("%s", ui.tr("training.history_line", {{"when", j.value("updated_at", std::string())}, {"name", j.value("name", std::string())}, {"origin", originLabel(ui, j.value("origin", std::string()))}}).c_str());
    }
  ImGui::EndChild();
}

// [SECTION] session

void TrainingPanel::drawSession(UiContext& ui) {
  rec::Desk& d = ui.records->desk();
  rec::Store& s = *d.store();
  const rec::Actor& a = *d.actor();
  auto ses = s.session(a, d.session);
  if (!ses) {
    ImGui::TextWrapped("%s", ui.wb.tr().message(ses.error()).c_str());
    return;
  }
  heading(ui, ui.tr("training.session_title", {{"date", ses->date}, {"topic", topicLabel(ui, ses->topic)}}));
  if (!ses->title.empty()) {
    ImGui::SameLine(0, ui.px(16));
    ImGui::TextUnformatted(ses->title.c_str());
  }
  ImGui::TextDisabled("%s", centreName(ui, ses->centre).c_str());
  if (ImGui::Button(label(ui, "training.attendance_pdf").c_str(), ImVec2(0, ui.px(38)))) request(File::AttendanceList, "daftar-hadir-" + ses->date + ".pdf");
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "training.certificates_pdf").c_str(), ImVec2(0, ui.px(38)))) request(File::Certificates, "sertifikat-" + ses->date + ".pdf");
  const bool canMark = a.role() == Role::Admin || a.role() == Role::Trainer;
  auto trainees = s.sessionTrainees(a, ses->id);
  if (!trainees) return;
  int present = 0;
  for (const auto& [t, st] : ses->attendance) present += st == rec::Attendance::Present;
  ImGui::Text("%s", ui.tr("training.present_n", {{"n", std::to_string(present)}, {"of", std::to_string(trainees->size())}}).c_str());
  // The attendance grid: one row per trainee of the session, one click per
  // mark; the id is the one the attendance PDF and `--present` use.
  if (ImGui::BeginTable("attendance", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY, ImVec2(0, 0))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ui.tr("training.col.id").c_str(), ImGuiTableColumnFlags_WidthFixed, ui.px(60));
    ImGui::TableSetupColumn(ui.tr("training.col.trainee").c_str(), ImGuiTableColumnFlags_WidthStretch);
    for (const char* k : {"training.present", "training.excused", "training.absent"})
      ImGui::TableSetupColumn(ui.tr(k).c_str(), ImGuiTableColumnFlags_WidthFixed, ui.px(130));
    ImGui::TableHeadersRow();
    const rec::Attendance marks[] = {rec::Attendance::Present, rec::Attendance::Excused, rec::Attendance::Absent};
    for (std::size_t i = 0; i < trainees->size(); ++i) {
      const auto& t = (*trainees)[i];
      ImGui::TableNextRow(0, ui.px(30));
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextDisabled("%lld", static_cast<long long>(t.id));
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(t.name.c_str());
      auto it = ses->attendance.find(t.id);
      ImGui::PushID(int(t.id));
      ImGui::BeginDisabled(!canMark);
      for (int m = 0; m < 3; ++m) {
        ImGui::TableNextColumn();
        const bool on = it != ses->attendance.end() && it->second == marks[m];
        if (ImGui::RadioButton(("##m" + std::to_string(m)).c_str(), on) && !on) {
          if (auto st = s.setAttendance(a, ses->id, t.id, marks[m]); !st) ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(st.error()));
        }
        probe::note("@training.attend." + std::to_string(i) + "." + std::to_string(m));
      }
      ImGui::EndDisabled();
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

}  // namespace canting::gui
