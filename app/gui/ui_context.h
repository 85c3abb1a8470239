#pragma once
// What every panel needs to draw: the model, textures, fonts and the scale.

#include <string>

#include "canting/core/workbench.h"
#include "canting/records/app_session.h"
#include "texture_source.h"
#include "theme.h"

namespace canting::gui {

struct UiContext {
  core::Workbench& wb;
  TextureSource& textures;
  Fonts fonts;
  float scale = 1.f;
  // The training records, owned by the App; set before the first frame.
  records::AppSession* records = nullptr;

  const std::string& tr(const std::string& key) const { return wb.tr().tr(key); }
  std::string tr(const std::string& key, const core::Args& args) const { return wb.tr().tr(key, args); }
  float px(float v) const { return v * scale; }
};

// "Label###id" with a translated label and a stable id, so widgets keep their
// state when the language changes.
std::string label(const UiContext& ui, const std::string& key, const char* id = nullptr);
// A line of text in the heading font.
void heading(const UiContext& ui, const std::string& text);
// A tooltip for the item just drawn, when it is hovered (or always, for a
// hover the caller tested itself), wrapped so that it stays inside the screen:
// ImGui keeps a tooltip on screen only when it fits. Every tooltip goes through here.
void tooltip(const UiContext& ui, const std::string& text);
void hoverTooltip(const UiContext& ui, const std::string& text);
// Draws an image (all its tiles) scaled into the rectangle [p0, p1].
void drawImage(ImDrawList* dl, const std::vector<TextureTile>& tiles, int imageW, int imageH, ImVec2 p0, ImVec2 p1);

}  // namespace canting::gui
