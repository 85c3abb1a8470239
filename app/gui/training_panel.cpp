#include "training_panel.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "canting/core/paths.h"
#include "canting/imaging/file_io.h"
#include "canting/records/bundle.h"
#include "canting/records/csv.h"
#include "canting/records/reports.h"
#include "item_probe.h"
#include "pin_pad.h"

namespace canting::gui {

namespace rec = records;
using rec::Role;

namespace {

constexpr const char* kTopics[] = {"desain", "pewarnaan", "produk-turunan", "pembatikan", "pola", "lorod"};
constexpr ImU32 kK = IM_COL32(0x3E, 0x7A, 0x4A, 0xFF);      // a leaf green for K
constexpr ImU32 kBK = IM_COL32(0xB8, 0x6B, 0x2E, 0xFF);     // soga light for BK
constexpr ImU32 kNone = IM_COL32(0xD8, 0xCF, 0xBE, 0xFF);   // gading shadow for "not yet"

// A topic typed elsewhere (the CLI, another centre) may have no translation: show it as typed.
std::string topicLabel(const UiContext& ui, const std::string& topic) {
  const std::string key = "training.topic." + topic;
  return ui.wb.tr().has(key) ? ui.tr(key) : topic;
}

std::string originLabel(const UiContext& ui, const std::string& origin) {
  if (origin.rfind("bundle:", 0) == 0) return ui.tr("training.origin.bundle", {{"centre", origin.substr(7)}});
  const std::string key = "training.origin." + origin;
  return ui.wb.tr().has(key) ? ui.tr(key) : origin;
}

std::string roleLabel(const UiContext& ui, Role r) { return ui.tr(std::string("records.role.") + rec::roleName(r)); }

void heading(UiContext& ui, const std::string& text) {
  ImGui::PushFont(ui.fonts.heading);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopFont();
}

// A small coloured cell with K, BK or nothing, the same in the matrix and on the trainee page.
void statusChip(UiContext& ui, char s, float w) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight() + ui.px(4);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), s == 'K' ? kK : s == 'B' ? kBK : kNone, ui.px(3));
  const char* t = s == 'K' ? "K" : s == 'B' ? "BK" : "";
  const ImVec2 ts = ImGui::CalcTextSize(t);
  dl->AddText(ImVec2(p.x + (w - ts.x) / 2, p.y + (h - ts.y) / 2), IM_COL32_WHITE, t);
  ImGui::Dummy(ImVec2(w, h));
}

}  // namespace

rec::Desk& TrainingPanel::ensureDesk(UiContext& ui) {
  if (!m_desk) {
    // The same file the CLI uses by default; the demo lives beside it, never in it.
    std::filesystem::path real = ui.wb.dataFolder() / "pelatihan.db";
    if (const char* env = std::getenv("CANTING_DB")) real = env;
    m_desk = std::make_unique<rec::Desk>(real, real.parent_path() / "pelatihan-demo.db", ui.wb.assetsFolder() / "curriculum");
  }
  return *m_desk;
}

namespace {
class DeskAttempts final : public core::AttemptStore {
 public:
  DeskAttempts(rec::Desk& desk, std::filesystem::path log) : m_desk(desk), m_log(std::move(log)) {}
  imaging::Status save(const core::Attempt& a) override {
    if (auto* s = records()) {
      auto id = s->saveAttempt(*m_desk.actor(), a);
      if (!id) return id.error();
      return imaging::Ok{};
    }
    return m_log.save(a);
  }
  imaging::Result<std::vector<core::Attempt>> attemptsOf(const std::string& trainee) const override {
    if (auto* s = records()) return s->attemptsOf(*m_desk.actor(), trainee);
    return m_log.attemptsOf(trainee);
  }

 private:
  rec::Store* records() const {
    const rec::Actor* a = m_desk.actor();
    return a && (a->role() == Role::Trainer || a->role() == Role::Admin) ? m_desk.store() : nullptr;
  }
  rec::Desk& m_desk;
  core::AttemptLog m_log;
};
}  // namespace

std::unique_ptr<core::AttemptStore> TrainingPanel::attemptStore(UiContext& ui) {
  return std::make_unique<DeskAttempts>(ensureDesk(ui), ui.wb.dataFolder() / "latihan-pewarnaan.jsonl");
}

std::string TrainingPanel::centreName(Id id) {
  if (auto* s = m_desk->store())
    if (auto all = s->centres(*m_desk->actor()))
      for (const auto& c : *all)
        if (c.id == id) return c.name;
  return "?";
}

void TrainingPanel::report(UiContext& ui, const imaging::Status& st, const std::filesystem::path& path) {
  if (st) ui.wb.notify(core::Notice::Kind::Info, ui.tr("training.saved", {{"path", path.string()}}));
  else ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(st.error()));
}

void TrainingPanel::draw(UiContext& ui) {
  rec::Desk& d = ensureDesk(ui);
  if (!d.actor()) {
    drawLogin(ui);
    return;
  }
  drawTopBar(ui);
  if (!d.actor()) return;  // "Log out" was just clicked
  ImGui::BeginChild("training_page", ImVec2(0, 0), false);
  switch (d.page()) {
    case rec::Desk::Page::Dashboard: drawDashboard(ui); break;
    case rec::Desk::Page::Centre: drawCentre(ui); break;
    case rec::Desk::Page::Trainee: drawTrainee(ui); break;
    case rec::Desk::Page::Session: drawSession(ui); break;
    case rec::Desk::Page::Assessment: drawAssessment(ui); break;
    case rec::Desk::Page::Matrix: drawMatrix(ui); break;
  }
  ImGui::EndChild();
}

// ------------------------------------------------------------------ login

void TrainingPanel::drawLogin(UiContext& ui) {
  rec::Desk& d = *m_desk;
  const float w = std::min(ImGui::GetContentRegionAvail().x, ui.px(900));
  ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - w) / 2);
  ImGui::BeginGroup();
  heading(ui, ui.tr("training.login_title"));
  ImGui::TextWrapped("%s", ui.tr("training.login_intro").c_str());
  ImGui::Spacing();
  // Which database: the centre's (or regency's) real records, or the demo.
  if (ImGui::RadioButton(ui.tr("training.db_real").c_str(), !d.usingDemo())) {
    if (auto st = d.useDemo(false); !st) m_loginError = st.error();
  }
  probe::note("@training.db_real");
  ImGui::SameLine(0, ui.px(24));
  if (ImGui::RadioButton(ui.tr("training.db_demo").c_str(), d.usingDemo())) {
    if (auto st = d.useDemo(true); !st) m_loginError = st.error();
  }
  probe::note("@training.db_demo");
  ImGui::Separator();

  if (!d.databaseExists()) {
    // First run: whoever sets up the regency office's workstation becomes its administrator.
    ImGui::TextWrapped("%s", ui.tr("training.no_database").c_str());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ui.tr("training.admin_name").c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui.px(320));
    ImGui::InputText("##new_admin", m_newAdmin, sizeof m_newAdmin);
    d.loginName = m_newAdmin;
  } else {
    const auto names = d.loginNames();
    if (const auto& err = d.openError()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s", ui.wb.tr().message(*err).c_str());
    ImGui::TextUnformatted(ui.tr("training.who").c_str());
    ImGui::BeginChild("login_names", ImVec2(ui.px(420), ui.px(300)), true);
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (ImGui::Selectable(names[i].c_str(), d.loginName == names[i], 0, ImVec2(0, ui.px(34)))) d.loginName = names[i];
      probe::note("@training.name." + std::to_string(i));
    }
    ImGui::EndChild();
    ImGui::SameLine(0, ui.px(24));
  }
  ImGui::BeginGroup();
  const float k = ui.px(64);
  drawPinPad(ui, d.pin, "pin_training", k);
  const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) && !ImGui::GetIO().WantTextInput;
  ImGui::Spacing();
  const bool create = !d.databaseExists();
  ImGui::BeginDisabled(d.loginName.empty() || d.pin.size() < 4);
  if (ImGui::Button(label(ui, create ? "training.create" : "training.enter").c_str(), ImVec2(3 * k + 2 * ImGui::GetStyle().ItemSpacing.x, ui.px(48))) ||
      (enter && !d.loginName.empty() && d.pin.size() >= 4)) {
    auto st = create ? d.createDatabase(d.loginName, d.pin) : d.login();
    if (create) d.pin.clear();
    if (!st) m_loginError = st.error();
    else m_loginError.reset();
  }
  ImGui::EndDisabled();
  probe::note("@training.enter");
  ImGui::EndGroup();
  if (m_loginError) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s", ui.wb.tr().message(*m_loginError).c_str());
    ImGui::PopTextWrapPos();
  }
  if (d.usingDemo()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kSoga), "%s", ui.tr("training.demo_logins").c_str());
  ImGui::EndGroup();
}

// ------------------------------------------------------------------ top bar

void TrainingPanel::drawTopBar(UiContext& ui) {
  rec::Desk& d = *m_desk;
  ImGui::BeginDisabled(d.page() == rec::Desk::Page::Dashboard && true);
  if (ImGui::Button(label(ui, "training.back").c_str(), ImVec2(0, ui.px(36)))) {
    if (!d.back()) d.show(rec::Desk::Page::Dashboard);
  }
  ImGui::EndDisabled();
  probe::note("@training.back");
  ImGui::SameLine();
  if (d.actor()->role() != Role::Outlet) {
    if (ImGui::Button(label(ui, "training.dashboard").c_str(), ImVec2(0, ui.px(36)))) d.show(rec::Desk::Page::Dashboard);
    probe::note("@training.dashboard");
    ImGui::SameLine();
  }
  if (d.store()->isDemo()) {
    ImGui::SameLine(0, ui.px(20));
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s", ui.tr("records.demo_banner").c_str());
    ImGui::SameLine();
  }
  const std::string who = d.actor()->name() + " · " + roleLabel(ui, d.actor()->role());
  const float outW = ImGui::CalcTextSize(ui.tr("training.logout").c_str()).x + ui.px(30);
  ImGui::SameLine(ImGui::GetContentRegionAvail().x + ImGui::GetCursorPosX() - outW - ImGui::CalcTextSize(who.c_str()).x - ui.px(20));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(who.c_str());
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "training.logout").c_str(), ImVec2(0, ui.px(36)))) d.logout();
  probe::note("@training.logout");
  ImGui::Separator();
}

// ------------------------------------------------------------------ dashboard

void TrainingPanel::drawDashboard(UiContext& ui) {
  rec::Desk& d = *m_desk;
  if (d.actor()->role() == Role::Outlet) {
    ImGui::TextWrapped("%s", ui.tr("training.outlet_nothing").c_str());
    return;
  }
  const auto& rows = d.dashboard();
  int tTotal = 0, sTotal = 0, kTotal = 0, cTotal = 0, eTotal = 0, maxT = 1;
  for (const auto& r : rows) {
    tTotal += r.trainees, sTotal += r.sessions, kTotal += r.unitsAchieved, cTotal += r.certified, eTotal += r.expiring90;
    maxT = std::max(maxT, r.trainees);
  }
  heading(ui, ui.tr("training.dashboard_title"));
  ImGui::TextUnformatted(ui.tr("training.totals", {{"centres", std::to_string(rows.size())}, {"trainees", std::to_string(tTotal)},
                                                    {"sessions", std::to_string(sTotal)}, {"units", std::to_string(kTotal)},
                                                    {"certified", std::to_string(cTotal)}}).c_str());
  if (eTotal > 0) {
    ImGui::SameLine(0, ui.px(20));
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s", ui.tr("training.expiring_alert", {{"n", std::to_string(eTotal)}}).c_str());
  }
  const float rowH = ui.px(30);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
  const float expiringH = eTotal > 0 ? ui.px(50) + ImGui::GetTextLineHeightWithSpacing() * float(std::min(eTotal, 4)) : 0;
  if (ImGui::BeginTable("dashboard", 7, flags, ImVec2(0, ImGui::GetContentRegionAvail().y - expiringH))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ui.tr("training.col.centre").c_str(), ImGuiTableColumnFlags_WidthFixed, ui.px(250));
    for (const char* k : {"training.col.trainees", "training.col.sessions", "training.col.units", "training.col.certified", "training.col.expiring"})
      ImGui::TableSetupColumn(ui.tr(k).c_str(), ImGuiTableColumnFlags_WidthFixed, ui.px(110));
    ImGui::TableSetupColumn(ui.tr("training.col.chart").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& r = rows[i];
      ImGui::TableNextRow(0, rowH);
      ImGui::TableNextColumn();
      ImGui::PushID(int(i));
      if (ImGui::Selectable(r.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap, ImVec2(0, rowH - ui.px(4))))
        d.openCentre(r.centre);
      probe::note("@training.centre." + std::to_string(i));
      ImGui::PopID();
      for (int v : {r.trainees, r.sessions, r.unitsAchieved, r.certified, r.expiring90}) {
        ImGui::TableNextColumn();
        ImGui::Text("%d", v);
      }
      // Bars: trainees in cream, the certified part of them in indigo.
      ImGui::TableNextColumn();
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const float w = ImGui::GetContentRegionAvail().x, h = rowH - ui.px(10);
      ImDrawList* dl = ImGui::GetWindowDrawList();
      const float tw = w * float(r.trainees) / float(maxT), cw = w * float(r.certified) / float(maxT);
      if (r.trainees > 0) dl->AddRectFilled(p, ImVec2(p.x + tw, p.y + h), IM_COL32(0xE2, 0xCF, 0xA6, 0xFF), ui.px(2));
      if (r.certified > 0) dl->AddRectFilled(p, ImVec2(p.x + cw, p.y + h), color::kIndigo, ui.px(2));
      if (r.expiring90 > 0) dl->AddRectFilled(ImVec2(p.x + cw - w * float(r.expiring90) / float(maxT), p.y + h - ui.px(5)), ImVec2(p.x + cw, p.y + h), color::kError);
    }
    ImGui::EndTable();
  }
  if (eTotal > 0) {
    ImGui::TextUnformatted(ui.tr("training.expiring_title").c_str());
    if (auto list = d.store()->expiringWithin(*d.actor(), 90)) {
      ImGui::BeginChild("expiring", ImVec2(0, 0), true);
      for (const auto& c : *list) {
        ImGui::PushID(int(c.id));
        if (ImGui::Selectable((c.expiryDate + "   " + c.traineeName + "   " + c.number).c_str())) d.openTrainee(c.trainee);
        ImGui::PopID();
      }
      ImGui::EndChild();
    }
  }
}

// ------------------------------------------------------------------ centre

void TrainingPanel::drawCentre(UiContext& ui) {
  rec::Desk& d = *m_desk;
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
  if (ImGui::Button(label(ui, "training.centre_report").c_str(), ImVec2(0, ui.px(38)))) request(FileRequest::CentreReport, "laporan-" + c->name + ".pdf");
  if (staff) {
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "training.import_csv").c_str(), ImVec2(0, ui.px(38)))) request(FileRequest::ImportCsv, "");
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "training.export_bundle").c_str(), ImVec2(0, ui.px(38))))
      request(FileRequest::Bundle, "bundel-" + c->name + "-" + s.today() + ".canting-bundle");
  }
  if (a.role() == Role::Admin) {
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "training.import_bundle").c_str(), ImVec2(0, ui.px(38)))) request(FileRequest::ImportBundle, "");
  }
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
  if (staff) {
    // A new session: date, topic and title; attendance is marked on its page.
    if (!m_sessionDate[0]) std::snprintf(m_sessionDate, sizeof m_sessionDate, "%s", s.today().c_str());
    ImGui::SetNextItemWidth(ui.px(130));
    ImGui::InputText("##session_date", m_sessionDate, sizeof m_sessionDate);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui.px(170));
    if (ImGui::BeginCombo("##session_topic", ui.tr(std::string("training.topic.") + kTopics[m_sessionTopic]).c_str())) {
      for (int i = 0; i < int(std::size(kTopics)); ++i)
        if (ImGui::Selectable(ui.tr(std::string("training.topic.") + kTopics[i]).c_str(), i == m_sessionTopic)) m_sessionTopic = i;
      ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(ui.px(306));
    ImGui::InputTextWithHint("##session_title", ui.tr("training.session_title_hint").c_str(), m_sessionTitle, sizeof m_sessionTitle);
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "training.add_session").c_str())) {
      rec::Session ses{.date = m_sessionDate, .topic = kTopics[m_sessionTopic], .title = m_sessionTitle, .centre = c->id};
      if (auto id = s.addSession(a, ses)) {
        m_sessionTitle[0] = 0;
        d.invalidate();
        d.openSession(*id);
      } else {
        ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(id.error()));
      }
    }
    probe::note("@training.add_session");
    ImGui::Separator();
  }
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

// ------------------------------------------------------------------ trainee

void TrainingPanel::drawTrainee(UiContext& ui) {
  rec::Desk& d = *m_desk;
  rec::Store& s = *d.store();
  const rec::Actor& a = *d.actor();
  auto t = s.trainee(a, d.trainee);
  if (!t) {
    ImGui::TextWrapped("%s", ui.wb.tr().message(t.error()).c_str());
    return;
  }
  heading(ui, t->name);
  ImGui::SameLine(0, ui.px(16));
  ImGui::TextDisabled("%s", centreName(t->centre).c_str());
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
  if (ImGui::Button(label(ui, "training.transcript").c_str(), ImVec2(0, ui.px(40)))) request(FileRequest::Transcript, "transkrip-" + t->name + ".pdf");
  ImGui::SameLine();
  static const char* kTypes[] = {"direct", "indirect", "supplementary"};
  ImGui::SetNextItemWidth(ui.px(200));
  if (ImGui::BeginCombo("##evidence_type", ui.tr(std::string("training.evidence.") + kTypes[m_evidenceType]).c_str())) {
    for (int i = 0; i < 3; ++i)
      if (ImGui::Selectable(ui.tr(std::string("training.evidence.") + kTypes[i]).c_str(), i == m_evidenceType)) m_evidenceType = i;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "training.add_evidence").c_str(), ImVec2(0, ui.px(40)))) request(FileRequest::AddEvidence, "");

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

// ------------------------------------------------------------------ session

void TrainingPanel::drawSession(UiContext& ui) {
  rec::Desk& d = *m_desk;
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
  ImGui::TextDisabled("%s", centreName(ses->centre).c_str());
  if (ImGui::Button(label(ui, "training.attendance_pdf").c_str(), ImVec2(0, ui.px(38)))) request(FileRequest::AttendanceList, "daftar-hadir-" + ses->date + ".pdf");
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "training.certificates_pdf").c_str(), ImVec2(0, ui.px(38)))) request(FileRequest::Certificates, "sertifikat-" + ses->date + ".pdf");
  const bool canMark = a.role() == Role::Admin || a.role() == Role::Trainer;
  auto trainees = s.trainees(a, ses->centre);
  if (!trainees) return;
  int present = 0;
  for (const auto& [t, st] : ses->attendance) present += st == rec::Attendance::Present;
  ImGui::Text("%s", ui.tr("training.present_n", {{"n", std::to_string(present)}, {"of", std::to_string(trainees->size())}}).c_str());
  // The attendance grid: one row per trainee of the centre, one click per mark.
  if (ImGui::BeginTable("attendance", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY, ImVec2(0, 0))) {
    ImGui::TableSetupScrollFreeze(0, 1);
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

// ------------------------------------------------------------------ assessment

void TrainingPanel::drawAssessment(UiContext& ui) {
  rec::Desk& d = *m_desk;
  if (!d.formScheme) return;
  const rec::Scheme& sch = *d.formScheme;
  rec::AssessmentForm& f = d.form;
  auto t = d.store()->trainee(*d.actor(), f.trainee);
  heading(ui, ui.tr("training.assessment_title", {{"name", t ? t->name : "?"}}));
  ImGui::TextDisabled("%s", (sch.title + " · " + ui.tr("training.version") + " " + sch.version).c_str());
  const float right = ui.px(420);
  // FR.IA.01: the observation checklist, unit -> element -> criterion, Ya / Tidak.
  ImGui::BeginChild("ia01", ImVec2(ImGui::GetContentRegionAvail().x - right - ImGui::GetStyle().ItemSpacing.x, 0), true);
  ImGui::TextUnformatted(ui.tr("training.ia01").c_str());
  for (std::size_t ui_ = 0; ui_ < sch.units.size(); ++ui_) {
    const rec::Unit& u = sch.units[ui_];
    ImGui::PushID(int(u.id));
    ImGui::Separator();
    const int uv = f.units[u.id];
    statusChip(ui, uv == 1 ? 'K' : uv == 0 ? 'B' : ' ', ui.px(40));
    ImGui::SameLine();
    ImGui::PushFont(ui.fonts.heading);
    ImGui::TextWrapped("%s", (std::to_string(ui_ + 1) + ". " + (u.code.empty() ? "" : u.code + " ") + u.title).c_str());
    ImGui::PopFont();
    if (ImGui::SmallButton(ui.tr("training.all_ya").c_str())) f.setWholeUnit(sch, u.id, true);
    probe::note("@training.all_ya." + std::to_string(ui_));
    for (const auto& e : u.elements) {
      ImGui::TextDisabled("%s", e.title.c_str());
      for (const auto& c : e.criteria) {
        ImGui::PushID(int(c.id));
        int& v = f.criteria[c.id];
        const float bw = ui.px(70);
        ImGui::PushStyleColor(ImGuiCol_Button, v == 1 ? ImGui::ColorConvertU32ToFloat4(kK) : ImGui::GetStyleColorVec4(ImGuiCol_Button));
        if (ImGui::Button((ui.tr("training.ya") + "##ya").c_str(), ImVec2(bw, 0))) v = 1;
        ImGui::PopStyleColor();
        probe::note("@training.ya." + std::to_string(c.id));
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Button, v == 0 ? ImGui::ColorConvertU32ToFloat4(kBK) : ImGui::GetStyleColorVec4(ImGuiCol_Button));
        if (ImGui::Button((ui.tr("training.tidak") + "##tidak").c_str(), ImVec2(bw, 0))) {
          v = 0;
          if (f.units[u.id] == 1) f.units[u.id] = 0;  // a Tidak makes K impossible
        }
        ImGui::PopStyleColor();
        probe::note("@training.tidak." + std::to_string(c.id));
        ImGui::SameLine();
        ImGui::TextWrapped("%s", c.text.c_str());
        ImGui::PopID();
      }
    }
    // FR.AK.02 per unit: K only when every criterion is Ya.
    ImGui::TextUnformatted(ui.tr("training.recommendation").c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(!f.canBeK(sch, u.id));
    if (ImGui::RadioButton("K##k", f.units[u.id] == 1)) f.units[u.id] = 1;
    ImGui::EndDisabled();
    probe::note("@training.k." + std::to_string(ui_));
    ImGui::SameLine();
    if (ImGui::RadioButton("BK##bk", f.units[u.id] == 0)) f.units[u.id] = 0;
    probe::note("@training.bk." + std::to_string(ui_));
    ImGui::SameLine();
    if (ImGui::RadioButton((ui.tr("training.not_assessed") + "##na").c_str(), f.units[u.id] == -1)) f.units[u.id] = -1;
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  // FR.AK.02: the record of the assessment.
  ImGui::BeginChild("ak02", ImVec2(0, 0), true);
  ImGui::TextUnformatted(ui.tr("training.ak02").c_str());
  // Saving sits on top, where it is seen without scrolling on a laptop.
  if (ImGui::Button(label(ui, "training.save_assessment").c_str(), ImVec2(-1, ui.px(48)))) {
    auto id = d.submitAssessment();
    if (id) {
      m_formError.reset();
      ui.wb.notify(core::Notice::Kind::Info, ui.tr("training.assessment_saved"));
    } else {
      m_formError = id.error();
    }
  }
  probe::note("@training.save_assessment");
  if (m_formError) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s", ui.wb.tr().message(*m_formError).c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::Separator();
  char date[11];
  std::snprintf(date, sizeof date, "%s", f.date.c_str());
  ImGui::TextUnformatted(ui.tr("training.date").c_str());
  ImGui::SetNextItemWidth(ui.px(160));
  if (ImGui::InputText("##date", date, sizeof date)) f.date = date;
  ImGui::TextUnformatted(ui.tr("training.tuk").c_str());
  const auto& places = rec::assessmentPlaces();
  for (int i = 0; i < int(places.size()); ++i) {
    if (i) ImGui::SameLine();
    if (ImGui::RadioButton(ui.tr("training.place." + places[std::size_t(i)]).c_str(), f.place == i)) f.place = i;
  }
  char where[96];
  std::snprintf(where, sizeof where, "%s", f.placeNote.c_str());
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##where", ui.tr("training.where_hint").c_str(), where, sizeof where)) f.placeNote = where;
  ImGui::TextUnformatted(ui.tr("training.methods").c_str());
  const auto& methods = rec::assessmentMethods();
  for (std::size_t i = 0; i < methods.size(); ++i) {
    bool on = f.methods.count(methods[i]) != 0;
    if (ImGui::Checkbox(ui.tr("training.method." + methods[i]).c_str(), &on)) {
      if (on) f.methods.insert(methods[i]);
      else f.methods.erase(methods[i]);
    }
  }
  char follow[256];
  std::snprintf(follow, sizeof follow, "%s", f.followUp.c_str());
  ImGui::TextUnformatted(ui.tr("training.follow_up").c_str());
  if (ImGui::InputTextMultiline("##follow", follow, sizeof follow, ImVec2(-1, ui.px(60)))) f.followUp = follow;
  char appeal[256];
  std::snprintf(appeal, sizeof appeal, "%s", f.appeal.c_str());
  ImGui::TextUnformatted(ui.tr("training.appeal").c_str());
  if (ImGui::InputTextMultiline("##appeal", appeal, sizeof appeal, ImVec2(-1, ui.px(44)))) f.appeal = appeal;
  ImGui::EndChild();
}

// ------------------------------------------------------------------ matrix

void TrainingPanel::drawMatrix(UiContext& ui) {
  rec::Desk& d = *m_desk;
  rec::Store& s = *d.store();
  const rec::Actor& a = *d.actor();
  heading(ui, ui.tr("training.matrix_title", {{"centre", centreName(d.centre)}}));
  auto schemes = s.schemes(a);
  if (schemes && schemes->size() > 1) {
    ImGui::SetNextItemWidth(ui.px(320));
    std::string cur;
    for (const auto& x : *schemes)
      if (x.id == d.scheme) cur = x.title + " · " + x.version;
    if (ImGui::BeginCombo("##scheme", cur.c_str())) {
      for (const auto& x : *schemes)
        if (ImGui::Selectable((x.title + " · " + x.version).c_str(), x.id == d.scheme)) d.scheme = x.id;
      ImGui::EndCombo();
    }
    ImGui::SameLine();
  }
  ImGui::SetNextItemWidth(ui.px(260));
  ImGui::InputTextWithHint("##filter", ui.tr("training.filter_hint").c_str(), m_matrixFilter, sizeof m_matrixFilter);
  ImGui::SameLine();
  for (int i = 0; i < 3; ++i) {
    if (i) ImGui::SameLine();
    if (ImGui::RadioButton(ui.tr("training.filter." + std::to_string(i)).c_str(), m_matrixStatus == i)) m_matrixStatus = i;
    probe::note("@training.filter." + std::to_string(i));
  }
  ImGui::SameLine(0, ui.px(20));
  if (ImGui::Button(label(ui, "training.export_csv").c_str())) request(FileRequest::MatrixCsv, "matriks-" + centreName(d.centre) + ".csv");
  auto m = s.matrix(a, d.centre, d.scheme);
  if (!m) {
    ImGui::TextWrapped("%s", ui.wb.tr().message(m.error()).c_str());
    return;
  }
  std::string legend;
  for (std::size_t u = 0; u < m->units.size(); ++u) legend += (u ? "   " : "") + ("U" + std::to_string(u + 1)) + " " + m->units[u].title;
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", legend.c_str());
  ImGui::PopTextWrapPos();
  std::string filter = m_matrixFilter;
  std::transform(filter.begin(), filter.end(), filter.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  const int cols = int(m->units.size()) + 2;
  if (ImGui::BeginTable("matrix", cols, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInner | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(ui.tr("training.col.trainee").c_str(), ImGuiTableColumnFlags_WidthFixed, ui.px(230));
    for (std::size_t u = 0; u < m->units.size(); ++u)
      ImGui::TableSetupColumn(("U" + std::to_string(u + 1)).c_str(), ImGuiTableColumnFlags_WidthFixed, ui.px(52));
    ImGui::TableSetupColumn("K", ImGuiTableColumnFlags_WidthFixed, ui.px(70));
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < cols; ++c) {
      ImGui::TableSetColumnIndex(c);
      ImGui::TableHeader(ImGui::TableGetColumnName(c));
      if (c >= 1 && c <= int(m->units.size()) && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m->units[std::size_t(c - 1)].title.c_str());
    }
    int shown = 0;
    for (std::size_t r = 0; r < m->trainees.size(); ++r) {
      const int k = int(std::count(m->cells[r].begin(), m->cells[r].end(), 'K'));
      const bool allK = k == int(m->units.size());
      if ((m_matrixStatus == 1 && allK) || (m_matrixStatus == 2 && !allK)) continue;
      std::string name = m->trainees[r].second;
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
      if (!filter.empty() && name.find(filter) == std::string::npos) continue;
      ++shown;
      ImGui::TableNextRow(0, ui.px(28));
      ImGui::TableNextColumn();
      ImGui::PushID(int(r));
      if (ImGui::Selectable(m->trainees[r].second.c_str())) d.openTrainee(m->trainees[r].first);
      ImGui::PopID();
      for (char c : m->cells[r]) {
        ImGui::TableNextColumn();
        statusChip(ui, c, ui.px(44));
      }
      ImGui::TableNextColumn();
      ImGui::Text("%d/%d", k, int(m->units.size()));
    }
    ImGui::EndTable();
    if (!shown) ImGui::TextDisabled("%s", ui.tr("training.nothing_here").c_str());
  }
}

// ------------------------------------------------------------------ files

void TrainingPanel::fileChosen(UiContext& ui, FileRequest what, const std::filesystem::path& path) {
  rec::Desk& d = ensureDesk(ui);
  if (!d.store() || !d.actor()) return;
  rec::Store& s = *d.store();
  const rec::Actor& a = *d.actor();
  switch (what) {
    case FileRequest::CentreReport: report(ui, rec::writeCentreReport(s, a, d.centre, d.scheme, path), path); break;
    case FileRequest::Transcript: report(ui, rec::writeTranscript(s, a, d.trainee, path), path); break;
    case FileRequest::AttendanceList: report(ui, rec::writeAttendanceList(s, a, d.session, path), path); break;
    case FileRequest::Certificates: report(ui, rec::writeParticipationCertificates(s, a, d.session, 0, path), path); break;
    case FileRequest::Bundle: report(ui, rec::exportBundle(s, a, d.centre, path), path); break;
    case FileRequest::MatrixCsv: {
      auto text = rec::matrixCsv(s, a, d.centre, d.scheme);
      if (!text) {
        report(ui, text.error(), path);
        break;
      }
      report(ui, imaging::writeFileAtomic(path, *text), path);
      break;
    }
    case FileRequest::ImportCsv: {
      auto rep = rec::importTraineesCsv(s, a, path);
      if (!rep) {
        report(ui, rep.error(), path);
      } else if (!rep->problems.empty()) {
        std::string text = ui.tr("cli.training.csv_nothing", {{"count", std::to_string(rep->problems.size())}});
        for (std::size_t i = 0; i < rep->problems.size() && i < 8; ++i)
          text += "\n" + ui.tr("cli.training.csv_problem", {{"line", std::to_string(rep->problems[i].line)},
                                                            {"reason", ui.tr(rep->problems[i].reasonKey, {{"value", rep->problems[i].value}})}});
        ui.wb.notify(core::Notice::Kind::Error, text);
      } else {
        ui.wb.notify(core::Notice::Kind::Info, ui.tr("cli.training.csv_imported", {{"count", std::to_string(rep->imported)}}));
      }
      break;
    }
    case FileRequest::ImportBundle: {
      auto sum = rec::importBundle(s, a, path);
      if (!sum) report(ui, sum.error(), path);
      else
        ui.wb.notify(core::Notice::Kind::Info, ui.tr("cli.training.bundle_imported", {{"centre", sum->centre}, {"added", std::to_string(sum->added)},
                                                                                    {"updated", std::to_string(sum->updated)}, {"unchanged", std::to_string(sum->unchanged)},
                                                                                    {"conflicts", std::to_string(sum->conflicts)}}));
      break;
    }
    case FileRequest::AddEvidence: {
      static const rec::EvidenceType types[] = {rec::EvidenceType::Direct, rec::EvidenceType::Indirect, rec::EvidenceType::Supplementary};
      auto id = s.addEvidence(a, d.trainee, 0, types[m_evidenceType], path, s.today(), "");
      if (!id) report(ui, id.error(), path);
      else ui.wb.notify(core::Notice::Kind::Info, ui.tr("training.evidence_added", {{"file", path.filename().string()}}));
      break;
    }
    case FileRequest::None: break;
  }
  d.invalidate();
}

}  // namespace canting::gui
