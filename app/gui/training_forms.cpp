// Pelatihan & Sertifikasi: the assessment form (FR.IA.01, FR.AK.02) and the trainee x unit matrix.

#include "training_panel.h"

#include <algorithm>
#include <cstdio>

#include "canting/base/text.h"
#include "item_probe.h"
#include "training_widgets.h"

namespace canting::gui {

namespace rec = records;
using namespace training_ui;

// ------------------------------------------------------------------ assessment

void TrainingPanel::drawAssessment(UiContext& ui) {
  rec::Desk& d = ui.records->desk();
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
  rec::Desk& d = ui.records->desk();
  rec::Store& s = *d.store();
  const rec::Actor& a = *d.actor();
  heading(ui, ui.tr("training.matrix_title", {{"centre", centreName(ui, d.centre)}}));
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
  if (ImGui::Button(label(ui, "training.export_csv").c_str())) request(File::MatrixCsv, "matriks-" + centreName(ui, d.centre) + ".csv");
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
  const std::string filter = base::asciiLower(m_matrixFilter);
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
      if (c >= 1 && c <= int(m->units.size())) hoverTooltip(ui, m->units[std::size_t(c - 1)].title);
    }
    int shown = 0;
    for (std::size_t r = 0; r < m->trainees.size(); ++r) {
      const int k = int(std::count(m->cells[r].begin(), m->cells[r].end(), 'K'));
      const bool allK = k == int(m->units.size());
      if ((m_matrixStatus == 1 && allK) || (m_matrixStatus == 2 && !allK)) continue;
      const std::string name = base::asciiLower(m->trainees[r].second);
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

}  // namespace canting::gui
