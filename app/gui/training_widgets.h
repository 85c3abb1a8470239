#pragma once
// Small pieces the training workspace's pages share: labels for values that
// may come from elsewhere untranslated, headings, and the K/BK chip.

#include <string>

#include <imgui.h>

#include "canting/records/store.h"
#include "ui_context.h"

namespace canting::gui::training_ui {

using records::Role;
namespace rec = records;

constexpr ImU32 kK = IM_COL32(0x3E, 0x7A, 0x4A, 0xFF);      // a leaf green for K
constexpr ImU32 kBK = IM_COL32(0xB8, 0x6B, 0x2E, 0xFF);     // soga light for BK
constexpr ImU32 kNone = IM_COL32(0xD8, 0xCF, 0xBE, 0xFF);   // gading shadow for "not yet"

// A topic typed elsewhere (the CLI, another centre) may have no translation: show it as typed.
inline std::string topicLabel(const UiContext& ui, const std::string& topic) {
  const std::string key = "training.topic." + topic;
  return ui.wb.tr().has(key) ? ui.tr(key) : topic;
}

inline std::string originLabel(const UiContext& ui, const std::string& origin) {
  if (origin.rfind("bundle:", 0) == 0) return ui.tr("training.origin.bundle", {{"centre", origin.substr(7)}});
  const std::string key = "training.origin." + origin;
  return ui.wb.tr().has(key) ? ui.tr(key) : origin;
}

inline std::string roleLabel(const UiContext& ui, Role r) { return ui.tr(std::string("records.role.") + rec::roleName(r)); }


// A small coloured cell with K, BK or nothing, the same in the matrix and on the trainee page.
inline void statusChip(UiContext& ui, char s, float w) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight() + ui.px(4);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), s == 'K' ? kK : s == 'B' ? kBK : kNone, ui.px(3));
  const char* t = s == 'K' ? "K" : s == 'B' ? "BK" : "";
  const ImVec2 ts = ImGui::CalcTextSize(t);
  dl->AddText(ImVec2(p.x + (w - ts.x) / 2, p.y + (h - ts.y) / 2), IM_COL32_WHITE, t);
  ImGui::Dummy(ImVec2(w, h));
}


}  // namespace canting::gui::training_ui
