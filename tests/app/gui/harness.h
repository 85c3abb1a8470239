#pragma once
// The GUI's logic with a real ImGui context and no window: frames are run by
// hand, the mouse and keys are driven through io like a user, textures are
// fakes. Shared by the scripted tests and the random-input test.

#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <string>

#include <imgui.h>

#include "app.h"
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

// One ImGui context per test, with the real fonts and theme.
struct Harness {
  TempDir dir;
  core::Workbench wb;
  FakeTextures textures;
  std::unique_ptr<gui::App> app;

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
    gui::probe::clear();
    app = std::make_unique<gui::App>(gui::UiContext{wb, textures, fonts, 1.f});
  }
  ~Harness() {
    app.reset();
    ImGui::DestroyContext();
  }

  void frame() {
    wb.finishAll();
    ImGui::NewFrame();
    app->frame();
    ImGui::Render();
  }
  void frames(int n) {
    for (int i = 0; i < n; ++i) frame();
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
