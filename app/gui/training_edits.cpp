// Pelatihan & Sertifikasi: corrections from the screen, as the store keeps
// them: a person added, a centre's details changed, a trainee's data
// corrected (a new version, the old one stays in the history) and a
// certificate revoked with a reason (it stays, marked revoked). Every one is a
// store call, so the roles and the audit log are the store's. Also the
// dashboard's column of centre heads: the last audit chain head imported from
// each centre.
//
// Index of this file:
// [SECTION] fields
// [SECTION] people
// [SECTION] centre
// [SECTION] trainee
// [SECTION] certificate
// [SECTION] centre heads

#include "training_panel.h"

#include <cstdio>

#include "item_probe.h"
#include "training_widgets.h"

namespace canting::gui {

namespace rec = records;
using namespace training_ui;

namespace {

// [SECTION] fields

// A labelled text field the tests can find by its probe name.
void field(UiContext& ui, const char* key, char* buf, std::size_t size, const std::string& probeName, float width) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ui.tr(key).c_str());
  ImGui::SameLine(ui.px(170));
  ImGui::SetNextItemWidth(width);
  ImGui::InputText(("##" + probeName).c_str(), buf, size);
  probe::note("@" + probeName);
}

template <std::size_t N>
void copyTo(char (&dst)[N], const std::string& src) {
  std::snprintf(dst, N, "%s", src.c_str());
}

// What the last save answered, under its form.
void showError(UiContext& ui, const std::optional<imaging::Error>& e) {
  if (!e) return;
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s", ui.wb.tr().message(*e).c_str());
  ImGui::PopTextWrapPos();
  probe::note("@training.edit_error");
}

}  // namespace

// [SECTION] people

void TrainingPanel::drawPersonForm(UiContext& ui) {
  rec::Desk& d = ui.records->desk();
  if (d.actor()->role() != Role::Admin) return;
  if (ImGui::Button(label(ui, "training.person_add").c_str(), ImVec2(0, ui.px(34)))) {
    m_edit.person = !m_edit.person;
    m_edit.error.reset();
  }
  probe::note("@training.person_add");
  if (!m_edit.person) return;
  static const Role kRoles[] = {Role::Admin, Role::Trainer, Role::Assessor, Role::Outlet};
  ImGui::Separator();
  ImGui::Indent(ui.px(12));
  field(ui, "training.field.name", m_edit.personName, sizeof m_edit.personName, "training.person_name", ui.px(320));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ui.tr("training.field.role").c_str());
  ImGui::SameLine(ui.px(170));
  for (int i = 0; i < 4; ++i) {
    if (i) ImGui::SameLine();
    if (ImGui::RadioButton(roleLabel(ui, kRoles[i]).c_str(), m_edit.personRole == i)) m_edit.personRole = i;
    probe::note("@training.person_role." + std::to_string(i));
  }
  // The centre a trainer or outlet staff member works at; none: the regency office.
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ui.tr("training.field.centre").c_str());
  ImGui::SameLine(ui.px(170));
  ImGui::SetNextItemWidth(ui.px(320));
  const std::string none = ui.tr("training.no_centre");
  const std::string chosen = m_edit.personCentre ? centreName(ui, m_edit.personCentre) : none;
  if (ImGui::BeginCombo("##person_centre", chosen.c_str())) {
    if (ImGui::Selectable(none.c_str(), m_edit.personCentre == 0)) m_edit.personCentre = 0;
    if (auto all = d.store()->centres(*d.actor()))
      for (const auto& c : *all) {
        ImGui::PushID(int(c.id));
        if (ImGui::Selectable(c.name.c_str(), m_edit.personCentre == c.id)) m_edit.personCentre = c.id;
        probe::note("@training.person_centre." + std::to_string(c.id));
        ImGui::PopID();
      }
    ImGui::EndCombo();
  }
  probe::note("@training.person_centre");
  field(ui, "training.field.registration", m_edit.personRegistration, sizeof m_edit.personRegistration, "training.person_registration", ui.px(320));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ui.tr("training.field.new_pin").c_str());
  ImGui::SameLine(ui.px(170));
  ImGui::SetNextItemWidth(ui.px(160));
  ImGui::InputText("##person_pin", m_edit.personPin, sizeof m_edit.personPin, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal);
  probe::note("@training.person_pin");
  if (ImGui::Button(label(ui, "training.save").c_str(), ImVec2(0, ui.px(32)))) {
    rec::Person p;
    p.name = m_edit.personName, p.role = kRoles[m_edit.personRole], p.centre = m_edit.personCentre, p.registration = m_edit.personRegistration;
    auto id = d.store()->addPerson(*d.actor(), p, m_edit.personPin);
    std::fill(std::begin(m_edit.personPin), std::end(m_edit.personPin), '\0');  // a PIN is not kept on screen
    if (!id) {
      m_edit.error = id.error();
    } else {
      // No d.invalidate(): the dashboard drawing this form holds its rows, and a person changes none of them.
      ui.wb.notify(core::Notice::Kind::Info, ui.tr("training.person_added", {{"name", p.name}, {"role", roleLabel(ui, p.role)}}));
      m_edit = Edits{};
    }
  }
  probe::note("@training.person_save");
  showError(ui, m_edit.error);
  ImGui::Unindent(ui.px(12));
  ImGui::Separator();
}

// [SECTION] centre

void TrainingPanel::drawCentreEdit(UiContext& ui, const rec::Centre& c) {
  rec::Desk& d = ui.records->desk();
  if (d.actor()->role() != Role::Admin) return;
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "training.centre_edit").c_str(), ImVec2(0, ui.px(38)))) {
    const bool open = m_edit.centre != c.id;
    m_edit = Edits{};
    if (open) {
      m_edit.centre = c.id;
      copyTo(m_edit.centreName, c.name), copyTo(m_edit.desa, c.desa), copyTo(m_edit.kecamatan, c.kecamatan), copyTo(m_edit.note, c.note);
    }
  }
  probe::note("@training.centre_edit");
  if (m_edit.centre != c.id) return;
  ImGui::Separator();
  ImGui::Indent(ui.px(12));
  field(ui, "training.field.centre_name", m_edit.centreName, sizeof m_edit.centreName, "training.centre_name", ui.px(360));
  field(ui, "training.field.desa", m_edit.desa, sizeof m_edit.desa, "training.centre_desa", ui.px(260));
  field(ui, "training.field.kecamatan", m_edit.kecamatan, sizeof m_edit.kecamatan, "training.centre_kecamatan", ui.px(260));
  field(ui, "training.field.note", m_edit.note, sizeof m_edit.note, "training.centre_note", ui.px(480));
  if (ImGui::Button(label(ui, "training.save").c_str(), ImVec2(0, ui.px(32)))) {
    rec::Centre changed = c;
    changed.name = m_edit.centreName, changed.desa = m_edit.desa, changed.kecamatan = m_edit.kecamatan, changed.note = m_edit.note;
    if (auto st = d.store()->updateCentre(*d.actor(), changed); !st) {
      m_edit.error = st.error();
    } else {
      ui.wb.notify(core::Notice::Kind::Info, ui.tr("training.centre_saved", {{"name", changed.name}}));
      m_edit = Edits{};
      d.invalidate();
    }
  }
  probe::note("@training.centre_save");
  showError(ui, m_edit.error);
  ImGui::Unindent(ui.px(12));
  ImGui::Separator();
}

// [SECTION] trainee

void TrainingPanel::drawTraineeEdit(UiContext& ui, const rec::Trainee& t) {
  rec::Desk& d = ui.records->desk();
  const Role role = d.actor()->role();
  if ((role != Role::Admin && role != Role::Trainer) || t.masked) return;
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "training.trainee_edit").c_str(), ImVec2(0, ui.px(40)))) {
    const bool open = m_edit.trainee != t.id;
    m_edit = Edits{};
    if (open) {
      m_edit.trainee = t.id;
      copyTo(m_edit.name, t.name), copyTo(m_edit.nik, t.nik), copyTo(m_edit.birth, t.birthDate), copyTo(m_edit.phone, t.phone);
      m_edit.sex = t.sex == "L" ? 1 : t.sex == "P" ? 2 : 0;
      m_edit.consent = t.consent;
    }
  }
  probe::note("@training.trainee_edit");
  if (m_edit.trainee != t.id) return;
  ImGui::Separator();
  ImGui::Indent(ui.px(12));
  ImGui::TextDisabled("%s", ui.tr("training.trainee_edit_hint").c_str());
  field(ui, "training.field.name", m_edit.name, sizeof m_edit.name, "training.trainee_name", ui.px(360));
  field(ui, "training.field.nik", m_edit.nik, sizeof m_edit.nik, "training.trainee_nik", ui.px(220));
  field(ui, "training.field.birth", m_edit.birth, sizeof m_edit.birth, "training.trainee_birth", ui.px(140));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ui.tr("training.field.sex").c_str());
  ImGui::SameLine(ui.px(170));
  for (int i = 0; i < 3; ++i) {
    if (i) ImGui::SameLine();
    if (ImGui::RadioButton(i == 0 ? "-" : i == 1 ? "L" : "P", m_edit.sex == i)) m_edit.sex = i;
    probe::note("@training.trainee_sex." + std::to_string(i));
  }
  field(ui, "training.field.phone", m_edit.phone, sizeof m_edit.phone, "training.trainee_phone", ui.px(220));
  ImGui::Checkbox(ui.tr("training.field.consent").c_str(), &m_edit.consent);
  probe::note("@training.trainee_consent");
  if (ImGui::Button(label(ui, "training.save").c_str(), ImVec2(0, ui.px(32)))) {
    rec::Trainee changed = t;
    changed.name = m_edit.name, changed.nik = m_edit.nik, changed.birthDate = m_edit.birth, changed.phone = m_edit.phone;
    changed.sex = m_edit.sex == 1 ? "L" : m_edit.sex == 2 ? "P" : "";
    changed.consent = m_edit.consent;
    if (auto st = d.store()->updateTrainee(*d.actor(), changed); !st) {
      m_edit.error = st.error();
    } else {
      ui.wb.notify(core::Notice::Kind::Info, ui.tr("training.trainee_saved", {{"name", changed.name}}));
      m_edit = Edits{};
      d.invalidate();
    }
  }
  probe::note("@training.trainee_save");
  showError(ui, m_edit.error);
  ImGui::Unindent(ui.px(12));
  ImGui::Separator();
}

// [SECTION] certificate

void TrainingPanel::drawRevoke(UiContext& ui, const rec::Certificate& c) {
  rec::Desk& d = ui.records->desk();
  if (d.actor()->role() != Role::Admin || c.status == "revoked") return;
  ImGui::PushID(int(c.id));
  ImGui::Indent(ui.px(24));
  if (ImGui::SmallButton(ui.tr("training.cert_revoke").c_str())) {
    const bool open = m_edit.revoke != c.id;
    m_edit = Edits{};
    m_edit.revoke = open ? c.id : 0;
  }
  probe::note("@training.cert_revoke." + std::to_string(c.id));
  if (m_edit.revoke == c.id) {
    ImGui::SetNextItemWidth(ui.px(320));
    ImGui::InputTextWithHint("##reason", ui.tr("training.cert_revoke_reason").c_str(), m_edit.reason, sizeof m_edit.reason);
    probe::note("@training.cert_revoke_reason");
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "training.cert_revoke_confirm").c_str())) {
      if (auto st = d.store()->revokeCertificate(*d.actor(), c.id, m_edit.reason); !st) {
        m_edit.error = st.error();
      } else {
        ui.wb.notify(core::Notice::Kind::Info, ui.tr("training.cert_revoked", {{"number", c.number}}));
        m_edit = Edits{};
        d.invalidate();
      }
    }
    probe::note("@training.cert_revoke_confirm");
    showError(ui, m_edit.error);
  }
  ImGui::Unindent(ui.px(24));
  ImGui::PopID();
}

// [SECTION] centre heads

void TrainingPanel::drawCentreHead(UiContext& ui, Id centre) {
  for (const auto& [id, h] : m_heads) {
    if (id != centre) continue;
    if (h.head.seq == 0) break;
    ImGui::TextUnformatted(h.head.text().c_str());
    hoverTooltip(ui, ui.tr("training.head_hint", {{"head", h.head.text()}, {"exported", h.exportedAt}}));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(h.importedAt.substr(0, 10).c_str());
    return;
  }
  ImGui::TextDisabled("%s", ui.tr("training.head_none").c_str());
  ImGui::TableNextColumn();
}

}  // namespace canting::gui
