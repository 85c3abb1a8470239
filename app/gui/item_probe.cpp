#include "item_probe.h"

namespace canting::gui::probe {

namespace {
std::map<std::string, Rect>& items() {
  static std::map<std::string, Rect> m;
  return m;
}
}  // namespace

void note(const std::string& id) { items()[id] = Rect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()}; }

std::optional<Rect> find(const std::string& id) {
  auto it = items().find(id);
  if (it == items().end()) return std::nullopt;
  return it->second;
}

void clear() { items().clear(); }

std::vector<std::string> ids() {
  std::vector<std::string> out;
  for (const auto& [k, v] : items()) out.push_back(k);
  return out;
}

}  // namespace canting::gui::probe
