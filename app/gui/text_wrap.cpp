#include "text_wrap.h"

#include <imgui.h>

namespace canting::gui {

namespace {

// Appends `word` to the lines, breaking it between characters when it alone is wider than a line.
void breakLongWord(std::string_view word, float width, const std::function<float(std::string_view)>& measure, std::vector<std::string>& lines,
                   std::string& line) {
  for (std::size_t i = 0; i < word.size();) {
    std::size_t n = 1;
    while (i + n < word.size() && (static_cast<unsigned char>(word[i + n]) & 0xC0) == 0x80) ++n;  // the rest of a UTF-8 sequence
    const std::string candidate = line + std::string(word.substr(i, n));
    if (!line.empty() && measure(candidate) > width) {
      lines.push_back(line);
      line = std::string(word.substr(i, n));
    } else {
      line = candidate;
    }
    i += n;
  }
}

}  // namespace

std::vector<std::string> wrapAtSpaces(std::string_view text, float width, const std::function<float(std::string_view)>& measure) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view para = text.substr(start, end - start);
    std::string line;
    bool any = false;
    for (std::size_t w = 0; w <= para.size();) {
      const std::size_t sp = std::min(para.find(' ', w), para.size());
      const std::string_view word = para.substr(w, sp - w);
      w = sp + 1;
      if (word.empty()) continue;
      if (!any) {
        any = true;
      } else if (measure(line + " " + std::string(word)) <= width) {
        line += " ";
      } else {
        lines.push_back(line);
        line.clear();
      }
      if (line.empty() && measure(word) > width) breakLongWord(word, width, measure, lines, line);
      else line += word;
    }
    lines.push_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

void textWrappedAtSpaces(const std::string& text, bool disabled) {
  const float width = std::max(1.f, ImGui::GetContentRegionAvail().x);
  const auto measure = [](std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; };
  if (disabled) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  for (const std::string& line : wrapAtSpaces(text, width, measure)) ImGui::TextUnformatted(line.c_str());
  if (disabled) ImGui::PopStyleColor();
}

}  // namespace canting::gui
