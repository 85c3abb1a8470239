#pragma once
// The GUI's logic with a real ImGui context and no window: frames are run by
// hand, the mouse and keys are driven through io like a user, textures are
// fakes. Shared by the scripted tests and the random-input test.

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include <imgui.h>

#include "app.h"
#include "canting/records/app_session.h"
#include "canting/records/demo.h"
#include "input_queue.h"
#include "item_probe.h"
#include "support/image_fixtures.h"

namespace canting::test {

namespace fs = std::filesystem;

class FakeTextures final : public gui::TextureSource {
 public:
  const std::vector<gui::TextureTile>& tiles(const std::string& key, int version, const cv::Mat& px) override {
    auto& t = m_tiles[key];
    uploads += (m_versions[key] != version);
    m_versions[key] = version;
    t = {gui::TextureTile{reinterpret_cast<ImTextureID>(std::uintptr_t(1)), cv::Rect(0, 0, px.cols, px.rows)}};
    return t;
  }
  int uploads = 0;

 private:
  std::map<std::string, std::vector<gui::TextureTile>> m_tiles;
  std::map<std::string, int> m_versions;
};

// GLFW's key codes, as the real backend maps them (1.86 keeps a KeyMap).
namespace glfw {
constexpr int kEnter = 257, kEscape = 256, kTab = 258, kBackspace = 259, kDelete = 261, kRight = 262, kLeft = 263,
              kDown = 264, kUp = 265, kPageUp = 266, kPageDown = 267, kHome = 268, kEnd = 269, kLeftCtrl = 341,
              kLeftShift = 340;
}  // namespace glfw

inline void mapGlfwKeys() {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_Tab] = glfw::kTab;
  io.KeyMap[ImGuiKey_LeftArrow] = glfw::kLeft;
  io.KeyMap[ImGuiKey_RightArrow] = glfw::kRight;
  io.KeyMap[ImGuiKey_UpArrow] = glfw::kUp;
  io.KeyMap[ImGuiKey_DownArrow] = glfw::kDown;
  io.KeyMap[ImGuiKey_PageUp] = glfw::kPageUp;
  io.KeyMap[ImGuiKey_PageDown] = glfw::kPageDown;
  io.KeyMap[ImGuiKey_Home] = glfw::kHome;
  io.KeyMap[ImGuiKey_End] = glfw::kEnd;
  io.KeyMap[ImGuiKey_Delete] = glfw::kDelete;
  io.KeyMap[ImGuiKey_Backspace] = glfw::kBackspace;
  io.KeyMap[ImGuiKey_Space] = 32;
  io.KeyMap[ImGuiKey_Enter] = glfw::kEnter;
  io.KeyMap[ImGuiKey_Escape] = glfw::kEscape;
  io.KeyMap[ImGuiKey_KeyPadEnter] = 335;
  io.KeyMap[ImGuiKey_A] = 'A';
  io.KeyMap[ImGuiKey_C] = 'C';
  io.KeyMap[ImGuiKey_V] = 'V';
  io.KeyMap[ImGuiKey_X] = 'X';
  io.KeyMap[ImGuiKey_Y] = 'Y';
  io.KeyMap[ImGuiKey_Z] = 'Z';
}

// Every text the last frame drew, read back from its draw lists: ImGui draws
// a glyph as a quad whose corners carry the glyph's rectangle in the font
// atlas, so the quads spell the text out. Spaces are where the next glyph
// starts further than the last one's advance; lines where it starts elsewhere.
// It sees what the user sees: labels, texts, menus, tooltips, popups, notices.
inline std::string drawnText() {
  std::map<std::pair<float, float>, const ImFontGlyph*> byUv;
  for (const ImFont* f : ImGui::GetIO().Fonts->Fonts)
    for (const ImFontGlyph& g : f->Glyphs)
      if (g.Visible) byUv[{g.U0, g.V0}] = &g;
  std::string out;
  const auto utf8 = [&out](unsigned c) {
    if (c < 0x80) out += char(c);
    else if (c < 0x800) out += {char(0xC0 | (c >> 6)), char(0x80 | (c & 0x3F))};
    else out += {char(0xE0 | (c >> 12)), char(0x80 | ((c >> 6) & 0x3F)), char(0x80 | (c & 0x3F))};
  };
  const ImDrawData* dd = ImGui::GetDrawData();
  for (int l = 0; dd && l < dd->CmdListsCount; ++l) {
    const ImDrawVert* v = dd->CmdLists[l]->VtxBuffer.Data;
    const int n = dd->CmdLists[l]->VtxBuffer.Size;
    float nextX = -1e9f, lineY = -1e9f;
    for (int i = 0; i + 3 < n;) {
      const auto it = byUv.find({v[i].uv.x, v[i].uv.y});
      const ImFontGlyph* g = it == byUv.end() ? nullptr : it->second;
      if (!g || v[i + 1].uv.x != g->U1 || v[i + 2].uv.y != g->V1 || v[i + 3].uv.x != g->U0 || g->X1 <= g->X0) {
        ++i;
        continue;
      }
      const float scale = (v[i + 1].pos.x - v[i].pos.x) / (g->X1 - g->X0);
      const float x = v[i].pos.x - g->X0 * scale, y = v[i].pos.y - g->Y0 * scale;
      if (std::abs(y - lineY) > 0.5f || x < nextX - 0.5f) out += '\n';
      else if (x > nextX + 0.5f) out += ' ';
      utf8(g->Codepoint);
      nextX = x + g->AdvanceX * scale;
      lineY = y;
      i += 4;
    }
    out += '\n';
  }
  return out;
}

// One ImGui context per test, with the real fonts and theme.
struct Harness {
  TempDir dir;
  core::Workbench wb;
  FakeTextures textures;
  std::unique_ptr<gui::App> app;
  // What main.cpp's GLFW callbacks feed: events between frames, handed to ImGui by frame().
  gui::InputQueue input;

  static core::Workbench::Options opts(const TempDir& d) {
    core::Workbench::Options o;
    o.settingsFile = d / "settings.json";
    o.assets = CANTING_ASSETS_DIR;
    o.dataDir = d / "data";
    return o;
  }

  Harness() : wb(opts(dir)) {
    // The demo is a 400x300 motif: a dark brown circle on a pale ground.
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1366, 768);
    io.DeltaTime = 1.f / 60.f;
    gui::Fonts fonts = gui::loadFonts(1.f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    gui::applyTheme(1.f);
    mapGlfwKeys();
    gui::probe::clear();
    app = std::make_unique<gui::App>(gui::UiContext{wb, textures, fonts, 1.f});
  }
  ~Harness() {
    app.reset();
    ImGui::DestroyContext();
  }

  // The training workspace on the demo records, logged in as demo login `who` (0: the administrator).
  records::Desk& openDemoRecords(std::size_t who = 0) {
    records::Desk& desk = app->records().desk();
    wb.setWorkspace(core::WorkspaceId::PelatihanSertifikasi);
    REQUIRE(desk.useDemo(true));
    desk.loginName = records::demoLogins()[who].name;
    desk.pin = records::demoLogins()[who].pin;
    REQUIRE(desk.login());
    return desk;
  }

  void frame() {
    wb.finishAll();
    input.apply(ImGui::GetIO());
    ImGui::NewFrame();
    app->frame();
    ImGui::Render();
  }
  // One frame, and every text it drew (see drawnText()).
  std::string textFrame() {
    frame();
    return drawnText();
  }
  void frames(int n) {
    for (int i = 0; i < n; ++i) frame();
  }
  // Frames, a few ms apart, until `done()` (work on a panel's own worker,
  // which frame() does not wait for); false when it never came (~60 s).
  template <class Done>
  bool framesUntil(Done done) {
    for (int i = 0; i < 12000; ++i) {
      frame();
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }
  void moveTo(ImVec2 p) {
    ImGui::GetIO().MousePos = p;
    frame();
  }
  // Ctrl + a key for one frame, then released, as a shortcut press.
  void ctrlKey(char key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = true;
    io.KeysDown[int(key)] = true;
    frame();
    io.KeysDown[int(key)] = false;
    io.KeyCtrl = false;
    frame();
  }
  void click(ImVec2 p) {
    ImGuiIO& io = ImGui::GetIO();
    moveTo(p);
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
  }
  // The way a quick user (or xdotool) reaches the window: a whole press and
  // release arrive between two frames, through the input queue.
  void tap(ImVec2 p) {
    moveTo(p);
    input.mouseButton(0, true);
    input.mouseButton(0, false);
    frame();
  }
  // A key tapped between two frames, with Ctrl held around it when asked.
  void quickKey(int code, bool ctrl = false) {
    if (ctrl) input.key(glfw::kLeftCtrl, true, gui::InputQueue::Modifier::Ctrl);
    input.key(code, true);
    input.key(code, false);
    if (ctrl) input.key(glfw::kLeftCtrl, false, gui::InputQueue::Modifier::Ctrl);
    frame();
  }
  void type(const std::string& text) {
    for (unsigned char c : text) input.character(c);
    frame();
  }
  // Frames until everything queued reached ImGui.
  void drain() {
    for (int i = 0; i < 16 && input.pending(); ++i) frame();
    frame();
  }
  ImVec2 centreOf(const std::string& id) {
    auto r = gui::probe::find(id);
    std::string known;
    for (const auto& k : gui::probe::ids()) known += k + " ";
    INFO("looking for " << id << "; drawn: " << known);
    REQUIRE(r);
    return r->centre();
  }
};

}  // namespace canting::test
