#pragma once
// Text wrapped only at spaces. Dear ImGui's own wrapping (1.86) also breaks
// after '.', ',', ';', '!', '?' and '"', so a closing quote followed by ';'
// starts the next line with the ';' — "…pancer"\n; dahulu dipakai raja…" in a
// motif's story. Stories and other prose use this instead.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace canting::gui {

// The lines of `text` no wider than `width` as `measure` reports, broken at
// spaces and at '\n'; a word longer than a line is broken between characters
// (never inside a UTF-8 sequence).
std::vector<std::string> wrapAtSpaces(std::string_view text, float width, const std::function<float(std::string_view)>& measure);

// Draws `text` wrapped at spaces to the right edge of the content region,
// greyed when `disabled`.
void textWrappedAtSpaces(const std::string& text, bool disabled = false);

}  // namespace canting::gui
