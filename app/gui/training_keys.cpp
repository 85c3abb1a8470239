// Pelatihan & Sertifikasi, the keys page (administrators): this PC's key and
// its export, an enrolment file loaded and shown key by key with the
// fingerprint large enough to read aloud over the phone, then enrolled; the
// keys already known, each revocable from a date on. And the report of a
// refused bundle, shown where the import was asked for.

#include <unistd.h>

#include <cstdio>

#include "canting/records/bundle.h"
#include "canting/records/keys.h"
#include "canting/imaging/file_io.h"
#include "item_probe.h"
#include "training_panel.h"
#include "training_widgets.h"

namespace canting::gui {

namespace rec = records;
using namespace training_ui;

namespace {

std::string keyRole(const UiContext& ui, const std::string& role) { return ui.tr("records.role." + role); }

// The fingerprint in the heading font, a little larger still: it is read aloud.
void fingerprintText(const UiContext& ui, const std::string& fp) {
  ImGui::PushFont(ui.fonts.heading);
  ImGui::SetWindowFontScale(1.15f);
  ImGui::TextUnformatted(fp.c_str());
  ImGui::SetWindowFontScale(1.f);
  ImGui::PopFont();
}

}  // namespace

void TrainingPanel::drawKeys(UiContext& ui) {
  rec::Desk& d = ui.records->desk();
  rec::Store& s = *d.store();
  const rec::Actor& a = *d.actor();
  heading(ui, ui.tr("training.keys.title"));
  ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x);
  ImGui::TextUnformatted(ui.tr("training.keys.intro").c_str());
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  if (auto pc = rec::installationKey(s)) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ui.tr("training.keys.this_pc").c_str());
    ImGui::SameLine();
    fingerprintText(ui, (*pc)->fingerprint());
  }
  if (ImGui::Button(label(ui, "training.keys.export", "keys_export").c_str(), ImVec2(0, ui.px(36)))) request(File::KeysExport, "kunci.json");
  probe::note("@training.keys.export");
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "training.keys.load", "keys_load").c_str(), ImVec2(0, ui.px(36)))) request(File::KeysEnrol, "");
  probe::note("@training.keys.load");
  ImGui::Separator();

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH;
  auto columns = [&](const char* id, const char* last) {
    if (!ImGui::BeginTable(id, 4, flags)) return false;
    ImGui::TableSetupColumn(ui.tr("training.keys.col.owner").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(ui.tr("training.keys.col.role").c_str(), ImGuiTableColumnFlags_WidthFixed, ui.px(170));
    ImGui::TableSetupColumn(ui.tr("training.keys.col.fingerprint").c_str(), ImGuiTableColumnFlags_WidthFixed, ui.px(300));
    ImGui::TableSetupColumn(ui.tr(last).c_str(), ImGuiTableColumnFlags_WidthFixed, ui.px(300));
    ImGui::TableHeadersRow();
    return true;
  };
  auto ownerCells = [&](const rec::KeyEntry& k) {
    ImGui::TableNextRow(0, ui.px(40));
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    std::string centres;
    for (const auto& c : k.centres) centres += (centres.empty() ? "" : ", ") + c.name;
    ImGui::TextUnformatted(k.ownerName.c_str());
    if (!centres.empty()) hoverTooltip(ui, centres);
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(keyRole(ui, k.role).c_str());
    ImGui::TableNextColumn();
    fingerprintText(ui, k.fingerprint);
    ImGui::TableNextColumn();
  };

  // A loaded enrolment file: compare each fingerprint by phone, then enrol them all.
  if (!m_loadedKeys.empty()) {
    heading(ui, ui.tr("training.keys.loaded", {{"file", m_loadedFrom}}));
    if (columns("keys_loaded", "training.keys.col.status")) {
      for (const auto& k : m_loadedKeys) {
        ownerCells(k);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(ui.tr("training.keys.to_check").c_str());
      }
      ImGui::EndTable();
    }
    if (ImGui::Button(label(ui, "training.keys.enrol", "keys_enrol").c_str(), ImVec2(0, ui.px(36)))) {
      auto n = rec::enrolKeys(s, a, m_loadedKeys);
      if (!n) ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(n.error()));
      else ui.wb.notify(core::Notice::Kind::Info, ui.tr("training.keys.enrolled", {{"n", std::to_string(*n)}}));
      m_loadedKeys.clear();
    }
    probe::note("@training.keys.enrol");
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "training.keys.cancel", "keys_cancel").c_str(), ImVec2(0, ui.px(36)))) m_loadedKeys.clear();
    ImGui::Separator();
  }

  // The keys this database knows; revoking takes the date typed here.
  heading(ui, ui.tr("training.keys.known"));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ui.tr("training.keys.revoke_from").c_str());
  ImGui::SameLine();
  if (!m_revokeDate[0]) std::snprintf(m_revokeDate, sizeof m_revokeDate, "%s", s.today().c_str());
  ImGui::SetNextItemWidth(ui.px(130));
  ImGui::InputText("##revoke_date", m_revokeDate, sizeof m_revokeDate);
  probe::note("@training.keys.revoke_date");
  auto known = rec::listKeys(s, a);
  if (known && columns("keys_known", "training.keys.col.status")) {
    for (const auto& k : *known) {
      ImGui::PushID(k.publicKey.c_str());
      ownerCells(k);
      if (!k.revokedFrom.empty()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s", ui.tr("training.keys.revoked_from", {{"date", k.revokedFrom}}).c_str());
      } else {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(ui.tr(k.origin == "own" ? "training.keys.own" : "training.keys.valid").c_str());
        ImGui::SameLine();
        if (ImGui::Button(label(ui, "training.keys.revoke", "revoke").c_str())) {
          if (auto st = rec::revokeKey(s, a, k.fingerprint, m_revokeDate); !st) ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(st.error()));
          else ui.wb.notify(core::Notice::Kind::Info, ui.tr("training.keys.revoked", {{"fingerprint", k.fingerprint}, {"date", m_revokeDate}}));
        }
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

// A refused bundle: what was refused and why, calmly, until it is dismissed.
void TrainingPanel::drawRefusal(UiContext& ui) {
  if (!m_refusal) return;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(IM_COL32(0xF6, 0xE7, 0xDA, 0xFF)));
  const float h = ImGui::GetTextLineHeightWithSpacing() * 5 + ui.px(70);
  ImGui::BeginChild("bundle_refusal", ImVec2(0, h), true);
  heading(ui, ui.tr("training.refused.title"));
  ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s", ui.wb.tr().message(*m_refusal).c_str());
  ImGui::TextUnformatted(ui.tr("training.refused.next").c_str());
  ImGui::PopTextWrapPos();
  if (ImGui::Button(label(ui, "training.refused.close", "refusal_close").c_str())) m_refusal.reset();
  probe::note("@training.refused.close");
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void TrainingPanel::showOtherCentre(UiContext& ui, bool importIt) {
  // Another centre's PC, made in a temporary folder: its keys file, and a
  // bundle signed by a key this database has not enrolled.
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("canting-keys-showcase-" + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  auto other = rec::Store::open({.file = dir / "sentra.db", .pinCost = rec::PinCost::Minimum});
  if (!other || !(*other)->createFirstAdmin("Admin Sentra Limbasari", "1111")) return;
  auto admin = *(*other)->login("Admin Sentra Limbasari", "1111");
  auto centre = (*other)->addCentre(admin, {0, "", "Kampung Batik Limbasari", "Limbasari", "Bobotsari", ""});
  if (!centre || !(*other)->addPerson(admin, {0, "", "Asesor Dwi", rec::Role::Assessor, 0, "MET.000.0000002.2026", false}, "2222")) return;
  rec::Trainee t{.name = "Siti Rahayu", .nik = "3303000000000777", .centre = *centre, .consent = true};
  if (!(*other)->addTrainee(admin, t)) return;
  const fs::path keys = dir / "kunci-limbasari.json", bundle = dir / "limbasari.canting-bundle";
  auto text = rec::exportKeys(**other);
  if (!text || !imaging::writeFileAtomic(keys, *text) || !rec::exportBundle(**other, admin, *centre, bundle)) return;
  m_keysPage = !importIt;
  fileChosen(ui, int(importIt ? File::ImportBundle : File::KeysEnrol), importIt ? bundle : keys);
  other->reset();
  fs::remove_all(dir, ec);  // fileChosen read what it needed
}

}  // namespace canting::gui
