// Text wrapped only at spaces (app/gui/text_wrap.h): the motif story's line
// broke before "; dahulu dipakai raja…" because ImGui wraps after a '"' (#22).

#include <catch2/catch.hpp>

#include <imgui.h>

#include "canting/core/motif_library.h"
#include "harness.h"
#include "text_wrap.h"

using namespace canting;
using canting::test::Harness;

namespace {
float mono(std::string_view s) { return float(s.size()); }  // one unit per byte
}  // namespace

TEST_CASE("wrapping at spaces keeps a closing quote and its semicolon together", "[gui][wrap]") {
  const auto lines = gui::wrapAtSpaces("\"Kiblat papat lima pancer\"; dahulu dipakai raja", 27, mono);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "\"Kiblat papat lima pancer\";");
  CHECK(lines[1] == "dahulu dipakai raja");
}

TEST_CASE("wrapping at spaces keeps newlines, and breaks a word longer than the line between UTF-8 characters", "[gui][wrap]") {
  CHECK(gui::wrapAtSpaces("satu dua\ntiga", 100, mono) == std::vector<std::string>{"satu dua", "tiga"});
  CHECK(gui::wrapAtSpaces("", 10, mono) == std::vector<std::string>{""});
  const auto lines = gui::wrapAtSpaces("ab \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 4, mono);  // "ab éééé", é is two bytes
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "ab");
  CHECK(lines[1] == "\xc3\xa9\xc3\xa9");
  CHECK(lines[2] == "\xc3\xa9\xc3\xa9");
}

TEST_CASE("the kawung story never starts a line with its semicolon at any column width, where ImGui's own wrapping does", "[gui][wrap][galeri]") {
  Harness h;
  ImGui::NewFrame();  // a current font
  const core::LibraryMotif* kawung = h.wb.library().find("kawung");
  REQUIRE(kawung);
  const std::string story = kawung->meaningIn(core::Language::Indonesian);
  REQUIRE(story.find("\"; dahulu") != std::string::npos);
  const auto measure = [](std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; };
  bool imguiBreaksThere = false;
  for (float w = 120; w <= 420; w += 1) {
    for (const std::string& line : gui::wrapAtSpaces(story, w, measure)) {
      INFO("width " << w << ": " << line);
      CHECK(line.rfind(";", 0) != 0);
      CHECK(measure(line) <= w);
    }
    // The cause: ImGui 1.86 allows a break right after '"'.
    const char* end = story.data() + story.size();
    for (const char* s = story.data(); s < end;) {
      const char* br = ImGui::GetFont()->CalcWordWrapPositionA(1.f, s, end, w);
      if (br == s) break;
      while (br < end && *br == ' ') ++br;
      imguiBreaksThere |= br < end && *br == ';';
      s = br;
    }
  }
  CHECK(imguiBreaksThere);
  ImGui::EndFrame();
}
