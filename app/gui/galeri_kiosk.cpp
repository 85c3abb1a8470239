// The gallery's kiosk and its staff: starting kiosk mode (only when someone
// can leave it), staff logging in for one order inside the kiosk, leaving it
// with any outlet staff member's or administrator's PIN, and the staff dialog
// with the names and the PIN pad that all three use; and the order form's
// fields, which in the kiosk are typed on the on-screen keyboard.

#include "galeri_panel.h"

#include "item_probe.h"
#include "pin_pad.h"

namespace canting::gui {

namespace rec = records;

bool GaleriPanel::startKiosk(UiContext& ui) {
  ensureLoaded(ui);
  rec::Desk& desk = ui.records->desk();
  if (rec::orderTakers(desk).empty()) {
    // Nobody could leave it again: the screen would be trapped.
    m_kioskRefusal = ui.tr("showroom.kiosk_no_staff");
    ui.wb.notify(core::Notice::Kind::Error, *m_kioskRefusal);
    return false;
  }
  m_kioskRefusal.reset();
  m_room.kiosk = true;
  m_room.input(ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0);
  // Whoever opened it steps away from the screen: customers see the gallery, not a staff login.
  if (desk.actor()) ui.wb.post([&desk] { desk.logout(); });
  return true;
}

imaging::Status GaleriPanel::loginAsStaff(rec::Desk& desk, const std::string& pin, const char* what) {
  desk.pin = pin;
  if (auto st = desk.login(); !st) return st;
  if (!staff(desk)) {
    const rec::Role r = desk.actor()->role();
    desk.logout();
    return imaging::makeError(canting::records::RecordsError::NotAllowed, {{"role", std::string("@records.role.") + rec::roleName(r)}, {"what", what}});
  }
  return imaging::Ok{};
}

imaging::Status GaleriPanel::leaveKiosk(rec::Desk& desk, const std::string& pin) {
  // Any outlet staff member or administrator may leave, not only whoever
  // opened the kiosk: the store checks the PIN and counts failures.
  if (auto st = loginAsStaff(desk, pin, "@showroom.action.leave_kiosk"); !st) return st;
  m_room.kiosk = false;
  return imaging::Ok{};
}

void GaleriPanel::openStaffDialog(bool forOrder) {
  m_wantStaffDialog = true;
  m_loginForOrder = forOrder;
  m_pin.clear();
  m_staffError.reset();
}

void GaleriPanel::drawKioskRefusal() {
  if (!m_kioskRefusal || m_room.kiosk) return;
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s", m_kioskRefusal->c_str());
  ImGui::PopTextWrapPos();
  probe::note("@showroom.kiosk_refused");
}

void GaleriPanel::drawStaffDialog(UiContext& ui, rec::Desk& desk) {
  const bool leaving = m_room.kiosk && !m_loginForOrder;
  const std::string title = ui.tr(leaving ? "showroom.leave_title" : "showroom.staff_title") + "###staff";
  if (m_wantStaffDialog) {
    ImGui::OpenPopup(title.c_str());
    m_wantStaffDialog = false;
  }
  if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  if (m_room.kiosk) ImGui::TextWrapped("%s", ui.tr(leaving ? "showroom.leave_any" : "showroom.login_for_order").c_str());
  // Every name, in the order of the login screen; a trainer who picks theirs is told they cannot.
  const auto names = desk.loginNames();
  if (names.empty()) ImGui::TextWrapped("%s", ui.tr("showroom.no_staff").c_str());
  ImGui::BeginChild("staff_names", ImVec2(ui.px(340), ui.px(260)), true);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (ImGui::Selectable(names[i].c_str(), desk.loginName == names[i], 0, ImVec2(0, ui.px(48)))) desk.loginName = names[i];
    probe::note("@showroom.staff_name." + std::to_string(i));
  }
  ImGui::EndChild();
  ImGui::SameLine();
  drawPinPad(ui, m_pin, "pin_kiosk", ui.px(64));
  if (m_staffError) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s", ui.wb.tr().message(*m_staffError).c_str());
  if (ImGui::Button(label(ui, leaving ? "showroom.leave_kiosk" : "training.enter").c_str(), ImVec2(ui.px(200), ui.px(48)))) {
    imaging::Status st = imaging::Ok{};
    if (leaving) {
      st = leaveKiosk(desk, m_pin);
    } else if (m_room.kiosk) {
      st = loginAsStaff(desk, m_pin, "@showroom.action.save_order");
    } else {
      desk.pin = m_pin;
      st = desk.login();
    }
    m_pin.clear();
    if (st) {
      m_staffError.reset();
      ImGui::CloseCurrentPopup();
    } else {
      m_staffError = st.error();
    }
  }
  probe::note("@showroom.staff_ok");
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "showroom.cancel").c_str(), ImVec2(ui.px(160), ui.px(48)))) {
    m_pin.clear();
    ImGui::CloseCurrentPopup();
  }
  probe::note("@showroom.cancel");
  ImGui::EndPopup();
}

std::pair<char*, std::size_t> GaleriPanel::fieldBuffer(Field f) {
  switch (f) {
    case Field::Customer: return {m_customer, sizeof m_customer};
    case Field::Contact: return {m_contact, sizeof m_contact};
    case Field::Note: return {m_note, sizeof m_note};
    case Field::None: break;
  }
  return {nullptr, 0};
}

void GaleriPanel::orderField(UiContext& ui, Field f, const char* probeId) {
  const auto [buf, size] = fieldBuffer(f);
  const std::string id = std::string("##") + probeId;
  if (!m_room.kiosk) {
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText(id.c_str(), buf, size);
  } else {
    // A touch screen has no keys: the field is a button as tall as a finger,
    // showing what is typed (or what to type), and opens the keyboard.
    const bool empty = !buf[0];
    if (empty) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0, 0.5f));
    if (ImGui::Button(((empty ? ui.tr("keyboard.tap_to_type") : std::string(buf)) + id).c_str(), ImVec2(-1, ui.px(48)))) openKeyboard(f);
    ImGui::PopStyleVar();
    if (empty) ImGui::PopStyleColor();
  }
  probe::note(std::string("@showroom.field.") + probeId);
}

void GaleriPanel::openKeyboard(Field f) {
  const auto [buf, size] = fieldBuffer(f);
  if (!buf) return;
  m_keyboard.open(buf, size - 1, f == Field::Customer);
  m_kbField = f;
  m_wantKeyboard = true;
}

void GaleriPanel::drawKeyboard(UiContext& ui) {
  const auto [buf, size] = fieldBuffer(m_kbField);
  if (!buf) return;
  const char* key = m_kbField == Field::Customer ? "showroom.customer" : m_kbField == Field::Contact ? "showroom.contact" : "showroom.note";
  const std::string title = ui.tr(key) + "###keyboard";
  if (m_wantKeyboard) {
    ImGui::OpenPopup(title.c_str());
    m_wantKeyboard = false;
  }
  // Low on the screen, where a hand rests, leaving the form above in view.
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y - ui.px(12)), ImGuiCond_Always, ImVec2(0.5f, 1));
  if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove)) {
    m_kbField = Field::None;
    return;
  }
  const bool done = m_keyboard.draw(ui, "kbd", ui.px(64));
  // The form behind shows every key at once: the field follows the keyboard.
  std::snprintf(buf, size, "%s", m_keyboard.text().c_str());
  if (done) {
    m_kbField = Field::None;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace canting::gui
