#pragma once
// Where a few named widgets were last drawn, so headless tests can click them
// the way a user would (mouse position and button across frames). Dear ImGui
// 1.86 has no test engine to find items for us; this is the small stand-in.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

namespace canting::gui::probe {

struct Rect {
  ImVec2 min, max;
  ImVec2 centre() const { return ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2); }
};

// Records the last item's rectangle under `id`.
void note(const std::string& id);
std::optional<Rect> find(const std::string& id);
void clear();
std::vector<std::string> ids();  // for a test's failure message

}  // namespace canting::gui::probe
