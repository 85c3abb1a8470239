#include "app.h"

#include <cmath>

#include "item_probe.h"

namespace canting::gui {


App::App(UiContext ui)
    : m_ui(std::move(ui)),
      m_records({m_ui.wb.dataFolder(), m_ui.wb.assetsFolder() / "curriculum"}),
      m_panels{&m_pustaka, &m_studio, &m_lab, &m_training, &m_galeri} {
  m_ui.records = &m_records;
}

Panel& App::panel(core::WorkspaceId id) {
  for (Panel* p : m_panels)
    if (p->workspace() == id) return *p;
  return m_pustaka;
}

void App::openBrowser(Panel* owner, const FileRequest& r) {
  m_fileOwner = owner;
  m_fileTag = r.tag;
  m_browser.open(r.mode, r.folder.empty() ? m_ui.wb.startFolder(FileBrowserPanel::kindFor(r.mode, r.name)) : r.folder, r.name);
}

void App::openFileDialog() { openBrowser(nullptr, m_pustaka.Panel::openRequest(m_ui)); }

void App::openExportDialog() {
  // In the Studio the design is what gets exported, through the Studio's own request.
  if (m_ui.wb.workspace() == core::WorkspaceId::StudioDesain) {
    if (m_ui.wb.design()) m_studio.requestExport();
    return;
  }
  const core::Document* d = m_ui.wb.active();
  if (!d) return;
  openBrowser(nullptr, PustakaPanel::exportRequest(*d));
}

void App::openDesignDialog() { openBrowser(nullptr, m_studio.openRequest(m_ui)); }

void App::frame() {
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  const bool kioskMode = kiosk();
  ImGui::Begin("##main", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | (kioskMode ? 0 : ImGuiWindowFlags_MenuBar) |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar(2);
  if (kioskMode) {
    // No menus, no workspace bar, no shortcuts: the way out is the staff PIN in the gallery.
    m_galeri.draw(m_ui);
  } else {
    drawMenuBar();
    drawWorkspaceBar();
    const float statusH = ImGui::GetFrameHeightWithSpacing() + m_ui.px(6);
    ImGui::BeginChild("workspace", ImVec2(0, -statusH), false, ImGuiWindowFlags_NoScrollbar);
    current().draw(m_ui);
    m_ui.wb.autosaveTick(ImGui::GetTime());
    ImGui::EndChild();
    drawStatusBar();
    routeFiles();
    handleShortcuts();
    m_browser.draw(m_ui);
    drawAbout();
  }
  ImGui::End();
  drawNotices();
  // Between frames: nothing drawn this frame is still being read.
  m_ui.wb.applyPosted();
}

void App::routeFiles() {
  for (Panel* p : m_panels)
    if (auto r = p->takeFileRequest(m_ui)) openBrowser(p, *r);
  if (auto chosen = m_browser.takeChosen())
    if (Panel* owner = std::exchange(m_fileOwner, nullptr)) owner->fileChosen(m_ui, m_fileTag, *chosen);
}

void App::handleShortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || m_browser.isOpen()) return;
  Panel& p = current();
  // GLFW key codes for letters are their ASCII capitals, which is what the
  // 1.86 GLFW backend writes into io.KeysDown.
  if (io.KeyCtrl) {
    if (ImGui::IsKeyPressed('Z') && !io.KeyShift) p.undo(m_ui);
    else if ((ImGui::IsKeyPressed('Z') && io.KeyShift) || ImGui::IsKeyPressed('Y')) p.redo(m_ui);
    if (ImGui::IsKeyPressed('O')) openBrowser(&p, p.openRequest(m_ui));
    if (ImGui::IsKeyPressed('E')) openExportDialog();
    if (ImGui::IsKeyPressed('W'))
      if (const core::Document* d = m_ui.wb.active()) m_ui.wb.post([&wb = m_ui.wb, id = d->id] { wb.close(id); });
  }
  p.shortcuts(m_ui);
}

void App::drawMenuBar() {
  if (!ImGui::BeginMenuBar()) return;
  UiContext& ui = m_ui;
  core::Document* doc = ui.wb.active();
  if (ImGui::BeginMenu(label(ui, "menu.file").c_str())) {
    if (ImGui::MenuItem(label(ui, "menu.open").c_str(), "Ctrl+O")) openFileDialog();
    if (ImGui::MenuItem(label(ui, "menu.open_demo").c_str())) openBrowser(nullptr, {FileBrowserPanel::Mode::Open, ui.wb.demoFolder(), {}, 0});
    const auto& recent = ui.wb.settings().recentFiles;
    if (ImGui::BeginMenu(label(ui, "menu.recent").c_str(), !recent.empty())) {
      for (std::size_t i = 0; i < recent.size(); ++i) {
        ImGui::PushID(int(i));
        if (ImGui::MenuItem(recent[i].c_str())) ui.wb.openFiles({recent[i]});
        ImGui::PopID();
      }
      ImGui::EndMenu();
    }
    ImGui::Separator();
    const bool canExport = ui.wb.workspace() == core::WorkspaceId::StudioDesain ? ui.wb.design() != nullptr : doc != nullptr;
    if (ImGui::MenuItem(label(ui, "menu.export").c_str(), "Ctrl+E", false, canExport)) openExportDialog();
    probe::note("@menu.export");
    if (ImGui::MenuItem(label(ui, "menu.close").c_str(), "Ctrl+W", false, doc != nullptr))
      ui.wb.post([&wb = ui.wb, id = doc->id] { wb.close(id); });
    ImGui::Separator();
    if (ImGui::MenuItem(label(ui, "menu.quit").c_str())) m_quit = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(label(ui, "menu.view").c_str())) {
    const core::Vec2 c = m_pustaka.canvasSize();
    if (ImGui::MenuItem(label(ui, "view.fit").c_str(), "0", false, doc != nullptr))
      doc->view.fit({double(doc->image.pixels.cols), double(doc->image.pixels.rows)}, c);
    if (ImGui::MenuItem(label(ui, "view.one_to_one").c_str(), "1", false, doc != nullptr)) doc->view.oneToOne(c);
    if (ImGui::MenuItem(label(ui, "view.zoom_in").c_str(), nullptr, false, doc != nullptr))
      doc->view.zoomAt({c.x / 2, c.y / 2}, core::ViewTransform::kWheelStep);
    if (ImGui::MenuItem(label(ui, "view.zoom_out").c_str(), nullptr, false, doc != nullptr))
      doc->view.zoomAt({c.x / 2, c.y / 2}, 1 / core::ViewTransform::kWheelStep);
    ImGui::EndMenu();
  }
  // The language menu names each language in itself, so anyone can find theirs.
  if (ImGui::BeginMenu(label(ui, "menu.language").c_str())) {
    const core::Language cur = ui.wb.tr().language();
    if (ImGui::MenuItem("Bahasa Indonesia", nullptr, cur == core::Language::Indonesian)) ui.wb.setLanguage(core::Language::Indonesian);
    if (ImGui::MenuItem("English", nullptr, cur == core::Language::English)) ui.wb.setLanguage(core::Language::English);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(label(ui, "menu.help").c_str())) {
    if (ImGui::MenuItem(label(ui, "menu.about").c_str())) m_wantAbout = true;
    ImGui::EndMenu();
  }
  ImGui::EndMenuBar();
}

void App::drawWorkspaceBar() {
  UiContext& ui = m_ui;
  for (const core::WorkspaceInfo& w : core::workspaces()) {
    const bool current = ui.wb.workspace() == w.id;
    ImGui::PushStyleColor(ImGuiCol_Button, current ? ImVec4(0.17f, 0.23f, 0.43f, 1.f) : ImGui::GetStyleColorVec4(ImGuiCol_Button));
    ImGui::PushStyleColor(ImGuiCol_Text, current ? ImVec4(0.96f, 0.92f, 0.84f, 1.f) : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::PushFont(ui.fonts.heading);
    if (ImGui::Button(label(ui, w.titleKey).c_str(), ImVec2(0, ui.px(44)))) ui.wb.setWorkspace(w.id);
    probe::note("@workspace." + w.name);
    ImGui::PopFont();
    ImGui::PopStyleColor(2);
    hoverTooltip(ui, ui.tr(w.hintKey));
    ImGui::SameLine();
  }
  ImGui::NewLine();
}

std::string App::statusHintKey() {
  core::Workbench& wb = m_ui.wb;
  switch (wb.workspace()) {
    case core::WorkspaceId::PustakaMotif: return wb.active() ? "status.pustaka.image" : "status.pustaka.empty";
    case core::WorkspaceId::StudioDesain: return wb.design() ? "status.studio.design" : "status.studio.empty";
    case core::WorkspaceId::LabPewarnaan: return m_lab.paintTarget().empty() ? "status.lab.plan" : "status.lab.paint";
    case core::WorkspaceId::PelatihanSertifikasi: {
      records::Desk& desk = m_records.desk();
      return desk.actor() ? "status.training.desk" : desk.databaseExists() ? "status.training.login" : "status.training.setup";
    }
    case core::WorkspaceId::GaleriOutlet: return "status.galeri";
  }
  return "status.pustaka.empty";
}

void App::drawStatusBar() {
  UiContext& ui = m_ui;
  ImGui::Separator();
  // Zoom and the pixel under the cursor belong to the library's canvas; elsewhere they would describe a hidden image.
  const core::Document* doc = ui.wb.workspace() == core::WorkspaceId::PustakaMotif ? ui.wb.active() : nullptr;
  if (doc) {
    if (doc->previewFactor > 1) {
      // Never mistaken for the file itself: exports and edits of a preview have its reduced pixels.
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s",
                         ui.tr("pustaka.preview_badge", {{"factor", std::to_string(doc->previewFactor)}}).c_str());
      ImGui::SameLine(0, ui.px(20));
    }
    ImGui::Text("%s", ui.tr("status.zoom", {{"percent", core::formatNumber(doc->view.zoom() * 100.0, 0, ui.wb.tr().language())}}).c_str());
    if (auto p = m_ui.wb.workspace() == core::WorkspaceId::PustakaMotif ? m_pustaka.hoveredPixel(*doc) : std::nullopt) {
      ImGui::SameLine(0, ui.px(30));
      const cv::Mat& m = doc->image.pixels;
      cv::Mat one = m(cv::Rect(p->x, p->y, 1, 1));
      cv::Mat px8;
      one.convertTo(px8, CV_8U, m.depth() == CV_16U ? 1.0 / 257.0 : 1.0);
      const std::uint8_t* v = px8.ptr<std::uint8_t>(0);
      const int r = m.channels() >= 3 ? v[2] : v[0], g = m.channels() >= 3 ? v[1] : v[0], b = v[0];
      ImGui::Text("x %d, y %d", p->x, p->y);
      ImGui::SameLine();
      ImGui::ColorButton("##under_cursor", ImVec4(r / 255.f, g / 255.f, b / 255.f, 1.f), ImGuiColorEditFlags_NoTooltip,
                         ImVec2(ImGui::GetFontSize(), ImGui::GetFontSize()));
      ImGui::SameLine();
      ImGui::TextUnformatted(imaging::formatHex(imaging::Rgb8{std::uint8_t(r), std::uint8_t(g), std::uint8_t(b)}).c_str());
    }
    ImGui::SameLine(0, ui.px(30));
  }
  // One line of what this screen needs next; it may be cut at the window's edge, never wrapped over the bar.
  ImGui::TextDisabled("%s", ui.tr(statusHintKey()).c_str());
  probe::note("@status.hint");
  if (ui.wb.loading() > 0) {
    ImGui::SameLine(0, ui.px(30));
    ImGui::Text("%s", ui.tr("pustaka.loading", {{"n", std::to_string(ui.wb.loading())}}).c_str());
  }
}

void App::drawNotices() {
  UiContext& ui = m_ui;
  const ImGuiIO& io = ImGui::GetIO();
  float y = io.DisplaySize.y - ui.px(48);
  const float w = std::min(io.DisplaySize.x * 0.5f, ui.px(560));
  int dismiss = 0;
  // Newest at the bottom, growing upwards; errors stay until closed.
  const auto& notices = ui.wb.notices();
  for (auto it = notices.rbegin(); it != notices.rend(); ++it) {
    const core::Notice& n = *it;
    const std::string id = "##notice" + std::to_string(n.serial);
    const float h = ImGui::CalcTextSize(n.text.c_str(), nullptr, false, w - ui.px(80)).y + ui.px(28);
    y -= h;
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - w - ui.px(16), y));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    const bool error = n.kind == core::Notice::Kind::Error;
    ImGui::PushStyleColor(ImGuiCol_WindowBg, error ? ImVec4(0.98f, 0.89f, 0.86f, 1.f) : ImVec4(0.90f, 0.93f, 0.98f, 1.f));
    ImGui::PushStyleColor(ImGuiCol_Border, error ? ImGui::ColorConvertU32ToFloat4(color::kError) : ImGui::ColorConvertU32ToFloat4(color::kIndigo));
    ImGui::Begin(id.c_str(), nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                          ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::PushTextWrapPos(w - ui.px(70));
    ImGui::TextUnformatted(n.text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SameLine(w - ui.px(50));
    if (ImGui::Button(("x" + id).c_str(), ImVec2(ui.px(34), 0))) dismiss = n.serial;
    ImGui::End();
    ImGui::PopStyleColor(2);
    y -= ui.px(8);
  }
  if (dismiss) ui.wb.dismiss(dismiss);
}

void App::drawAbout() {
  UiContext& ui = m_ui;
  const std::string title = ui.tr("about.title") + "###about";
  if (m_wantAbout) {
    ImGui::OpenPopup(title.c_str());
    m_wantAbout = false;
  }
  ImGui::SetNextWindowSize(ImVec2(ui.px(560), 0));
  if (ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoResize)) {
    ImGui::TextWrapped("%s", ui.tr("about.text").c_str());
    if (ImGui::Button(label(ui, "about.close").c_str(), ImVec2(ui.px(140), 0))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

}  // namespace canting::gui
