// Pelatihan & Sertifikasi: the frame, the login with its keypad, the top bar,
// the regency dashboard, and the files the pages ask for (reports, imports,
// backups).
// The pages are in training_pages.cpp, the assessment form and the matrix in
// training_forms.cpp.
//
// Index of this file:
// [SECTION] login
// [SECTION] top bar (with the backup button and reminder)
// [SECTION] dashboard
// [SECTION] files

#include "training_panel.h"

#include <algorithm>
#include <cstdio>

#include "canting/imaging/file_io.h"
#include "canting/records/backup.h"
#include "canting/records/bundle.h"
#include "canting/records/csv.h"
#include "canting/records/reports.h"
#include "canting/records/wording.h"
#include "item_probe.h"
#include "pin_pad.h"
#include "training_widgets.h"

namespace canting::gui {

namespace rec = records;
using namespace training_ui;

void TrainingPanel::useDemo(UiContext& ui, bool demo) {
  ui.wb.post([this, records = ui.records, demo] {
    if (auto st = records->desk().useDemo(demo); !st) m_loginError = st.error();
  });
}

std::string TrainingPanel::centreName(UiContext& ui, Id id) {
  rec::Desk& d = ui.records->desk();
  if (auto* s = d.store())
    if (auto all = s->centres(*d.actor()))
      for (const auto& c : *all)
        if (c.id == id) return c.name;
  return "?";
}

void TrainingPanel::report(UiContext& ui, const imaging::Status& st, const std::filesystem::path& path) {
  if (st) ui.wb.notify(core::Notice::Kind::Info, ui.tr("training.saved", {{"path", path.string()}}));
  else ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(st.error()));
}

void TrainingPanel::draw(UiContext& ui) {
  rec::Desk& d = ui.records->desk();
  if (!d.actor()) {
    drawLogin(ui);
    return;
  }
  drawTopBar(ui);
  drawRefusal(ui);
  ImGui::BeginChild("training_page", ImVec2(0, 0), false);
  if (m_keysPage && d.actor()->role() == Role::Admin && d.store()) drawKeys(ui);
  else switch (d.page()) {
    case rec::Desk::Page::Dashboard: drawDashboard(ui); break;
    case rec::Desk::Page::Centre: drawCentre(ui); break;
    case rec::Desk::Page::Trainee: drawTrainee(ui); break;
    case rec::Desk::Page::Session: drawSession(ui); break;
    case rec::Desk::Page::Assessment: drawAssessment(ui); break;
    case rec::Desk::Page::Matrix: drawMatrix(ui); break;
  }
  ImGui::EndChild();
}

// [SECTION] login

void TrainingPanel::drawLogin(UiContext& ui) {
  rec::Desk& d = ui.records->desk();
  const float w = std::min(ImGui::GetContentRegionAvail().x, ui.px(900));
  ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - w) / 2);
  ImGui::BeginGroup();
  heading(ui, ui.tr("training.login_title"));
  ImGui::TextWrapped("%s", ui.tr("training.login_intro").c_str());
  ImGui::Spacing();
  // Which database: the centre's (or regency's) real records, or the demo.
  // Switching files replaces the store this page is reading: after the frame.
  if (ImGui::RadioButton(ui.tr("training.db_real").c_str(), !d.usingDemo())) useDemo(ui, false);
  probe::note("@training.db_real");
  ImGui::SameLine(0, ui.px(24));
  if (ImGui::RadioButton(ui.tr("training.db_demo").c_str(), d.usingDemo())) useDemo(ui, true);
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
    if (!st) {
      m_loginError = st.error();
    } else {
      m_loginError.reset();
      // What the lab logged while nobody was logged in becomes this trainer's record now.
      if (auto n = ui.records->importPendingAttempts(); !n)
        ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(n.error()));
      else if (*n > 0)
        ui.wb.notify(core::Notice::Kind::Info, ui.tr("training.pending_attempts", {{"n", std::to_string(*n)}, {"who", d.actor()->name()}}));
    }
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

// [SECTION] top bar (with the backup button and reminder)

void TrainingPanel::drawTopBar(UiContext& ui) {
  rec::Desk& d = ui.records->desk();
  ImGui::BeginDisabled(d.page() == rec::Desk::Page::Dashboard && !m_keysPage);
  if (ImGui::Button(label(ui, "training.back").c_str(), ImVec2(0, ui.px(36)))) {
    if (m_keysPage) m_keysPage = false;
    else if (!d.back()) d.show(rec::Desk::Page::Dashboard);
  }
  ImGui::EndDisabled();
  probe::note("@training.back");
  ImGui::SameLine();
  if (d.actor()->role() != Role::Outlet) {
    if (ImGui::Button(label(ui, "training.dashboard").c_str(), ImVec2(0, ui.px(36)))) d.show(rec::Desk::Page::Dashboard), m_keysPage = false;
    probe::note("@training.dashboard");
    ImGui::SameLine();
  }
  if (d.actor()->role() == Role::Admin) {
    if (ImGui::Button(label(ui, "training.keys.button", "keys_page").c_str(), ImVec2(0, ui.px(36)))) m_keysPage = true;
    probe::note("@training.keys.button");
    ImGui::SameLine();
  }
  m_sync.drawButton(ui);
  drawBackup(ui, true);
  ImGui::SameLine();
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
  if (ImGui::Button(label(ui, "training.logout").c_str(), ImVec2(0, ui.px(36))))
    ui.wb.post([records = ui.records] { records->desk().logout(); });
  probe::note("@training.logout");
  drawBackup(ui, false);
  ImGui::Separator();
  m_sync.drawStrip(ui);
}

void TrainingPanel::drawBackup(UiContext& ui, bool button) {
  rec::Desk& d = ui.records->desk();
  rec::Store* s = d.store();
  if (!s) return;
  if (button) {
    // To a flash drive: the dialog opens where the last backup went, with a dated name.
    if (ImGui::Button(label(ui, "training.backup").c_str(), ImVec2(0, ui.px(36))))
      request(File::Backup, rec::backupFileName(s->options().file, s->now()));
    probe::note("@training.backup");
    hoverTooltip(ui, ui.tr("training.backup_hint"));
    return;
  }
  // The store is asked at most twice a minute (and after each backup): the reminder is about weeks.
  // The demo's people are made up: nothing there to lose.
  const double now = ImGui::GetTime();
  if (s != m_backupStore || now - m_backupCheckedAt > 30) {
    m_backupStore = s;
    m_backupCheckedAt = now;
    m_backupDue = !s->isDemo() && rec::backupDue(s->lastBackupAt(), s->now(), s->hasRecords());
  }
  if (!m_backupDue) return;
  const auto last = s->lastBackupAt();
  const std::string text = last ? ui.tr("training.backup_old", {{"days", std::to_string((s->now() - *last) / 86400)}})
                                : ui.tr("training.backup_never");
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s", text.c_str());
  probe::note("@training.backup_reminder");
}

// [SECTION] dashboard

void TrainingPanel::drawDashboard(UiContext& ui) {
  rec::Desk& d = ui.records->desk();
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
  // The regency office sees the last audit chain head each centre's bundles brought.
  const bool admin = d.actor()->role() == Role::Admin;
  m_heads.clear();
  if (admin)
    if (auto heads = rec::centreHeads(*d.store(), *d.actor()))
      for (auto& h : *heads) m_heads.emplace_back(h.centre, std::move(h));
  heading(ui, ui.tr("training.dashboard_title"));
  drawPersonForm(ui);
  ImGui::TextUnformatted(ui.tr("training.totals", {{"centres", std::to_string(rows.size())}, {"trainees", std::to_string(tTotal)},
                                                    {"sessions", std::to_string(sTotal)}, {"units", std::to_string(kTotal)},
                                                    {"certified", std::to_string(cTotal)}}).c_str());
  if (eTotal > 0) {
    ImGui::SameLine(0, ui.px(20));
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s", ui.tr("training.expiring_alert", {{"n", std::to_string(eTotal)}}).c_str());
  }
  // This installation's head, to note down or phone in: verify-audit --head
  // later shows whether the records up to here were rewritten.
  if (auto head = d.store()->auditHead(); head && head->seq > 0) {
    ImGui::TextDisabled("%s", ui.tr("training.audit_head", {{"head", head->text()}}).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui.tr("training.audit_head_tip", {{"head", head->text()}}).c_str());
    probe::note("@training.audit_head");
  }
  const float rowH = ui.px(30);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
  const float expiringH = eTotal > 0 ? ui.px(50) + ImGui::GetTextLineHeightWithSpacing() * float(std::min(eTotal, 4)) : 0;
  if (ImGui::BeginTable("dashboard", admin ? 9 : 7, flags, ImVec2(0, ImGui::GetContentRegionAvail().y - expiringH))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ui.tr("training.col.centre").c_str(), ImGuiTableColumnFlags_WidthFixed, ui.px(admin ? 220 : 250));
    for (const char* k : {"training.col.trainees", "training.col.sessions", "training.col.units", "training.col.certified", "training.col.expiring"})
      ImGui::TableSetupColumn(ui.tr(k).c_str(), ImGuiTableColumnFlags_WidthFixed, ui.px(admin ? 102 : 110));
    if (admin) {
      ImGui::TableSetupColumn(ui.tr("training.col.head").c_str(), ImGuiTableColumnFlags_WidthFixed, ui.px(180));
      ImGui::TableSetupColumn(ui.tr("training.col.head_date").c_str(), ImGuiTableColumnFlags_WidthFixed, ui.px(110));
    }
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
      if (admin) {
        ImGui::TableNextColumn();
        drawCentreHead(ui, r.centre);
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

// [SECTION] files

std::optional<FileRequest> TrainingPanel::takeFileRequest(UiContext&) { return std::exchange(m_request, std::nullopt); }

void TrainingPanel::request(File what, std::string suggested) {
  const bool pick = what == File::ImportCsv || what == File::ImportBundle || what == File::AddEvidence || what == File::KeysEnrol;
  m_request = FileRequest{pick ? FileBrowserPanel::Mode::PickFile : FileBrowserPanel::Mode::SaveFile, {}, std::move(suggested), int(what)};
}

void TrainingPanel::fileChosen(UiContext& ui, int tag, const std::filesystem::path& path) {
  const File what = File(tag);
  rec::Desk& d = ui.records->desk();
  if (!d.store() || !d.actor()) return;
  rec::Store& s = *d.store();
  const rec::Actor& a = *d.actor();
  switch (what) {
    case File::CentreReport: report(ui, rec::writeCentreReport(s, a, d.centre, d.scheme, path), path); break;
    case File::Transcript: report(ui, rec::writeTranscript(s, a, d.trainee, path), path); break;
    case File::AttendanceList: report(ui, rec::writeAttendanceList(s, a, d.session, path), path); break;
    case File::Certificates: report(ui, rec::writeParticipationCertificates(s, a, d.session, 0, path), path); break;
    case File::Bundle: report(ui, rec::exportBundle(s, a, d.centre, path), path); break;
    case File::MatrixCsv: {
      auto text = rec::matrixCsv(s, a, d.centre, d.scheme);
      if (!text) {
        report(ui, text.error(), path);
        break;
      }
      report(ui, imaging::writeFileAtomic(path, *text), path);
      break;
    }
    case File::ImportCsv: {
      auto rep = rec::importTraineesCsv(s, a, path);
      if (!rep) {
        report(ui, rep.error(), path);
      } else if (!rep->problems.empty()) {
        std::string text = rec::csvRefusedText(ui.wb.tr(), *rep);
        for (std::size_t i = 0; i < rep->problems.size() && i < 8; ++i) text += "\n" + rec::csvProblemText(ui.wb.tr(), rep->problems[i]);
        ui.wb.notify(core::Notice::Kind::Error, text);
      } else {
        ui.wb.notify(core::Notice::Kind::Info, rec::csvImportedText(ui.wb.tr(), *rep));
      }
      break;
    }
    case File::ImportBundle: {
      auto sum = rec::importBundle(s, a, path);
      m_refusal.reset();
      // A refused signature stays on screen, naming the record, until dismissed.
      if (!sum && sum.error().code == rec::RecordsError::BundleRefused) m_refusal = sum.error();
      else if (!sum) report(ui, sum.error(), path);
      else ui.wb.notify(core::Notice::Kind::Info, rec::bundleImportedText(ui.wb.tr(), *sum));
      break;
    }
    case File::KeysExport: {
      auto text = rec::exportKeys(s);
      report(ui, text ? imaging::writeFileAtomic(path, *text) : imaging::Status(text.error()), path);
      break;
    }
    case File::KeysEnrol: {
      auto keys = rec::readKeysFile(path);
      if (!keys) report(ui, keys.error(), path);
      else m_loadedKeys = std::move(*keys), m_loadedFrom = path.filename().string();
      break;
    }
    case File::Backup:
      // A copy through SQLite's backup API: the store stays open and drawn, nothing to post.
      if (auto st = s.backupTo(path); !st) report(ui, st, path);
      else ui.wb.notify(core::Notice::Kind::Info, ui.tr("training.backup_done", {{"path", path.string()}}));
      m_backupStore = nullptr;  // ask again: the reminder goes
      break;
    case File::AddEvidence: {
      static const rec::EvidenceType types[] = {rec::EvidenceType::Direct, rec::EvidenceType::Indirect, rec::EvidenceType::Supplementary};
      auto id = s.addEvidence(a, d.trainee, 0, types[m_evidenceType], path, s.today(), "");
      if (!id) report(ui, id.error(), path);
      else ui.wb.notify(core::Notice::Kind::Info, ui.tr("training.evidence_added", {{"file", path.filename().string()}}));
      break;
    }
  }
  d.invalidate();
}

}  // namespace canting::gui
