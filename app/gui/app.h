#pragma once
// The whole window for one frame: menu bar, workspace bar, the current
// workspace, the status bar, dialogs and notices. Holds only UI state; the
// model is the Workbench. Runs the same with a GL window or headless.

#include <string>
#include <vector>

#include "file_browser_panel.h"
#include "galeri_panel.h"
#include "lab_panel.h"
#include "pustaka_panel.h"
#include "studio_panel.h"
#include "training_panel.h"
#include "ui_context.h"

namespace canting::gui {

class App {
 public:
  explicit App(UiContext ui) : m_ui(std::move(ui)) {}

  // Between ImGui::NewFrame() and ImGui::Render().
  void frame();

  void openFileDialog();
  void openExportDialog();
  void showAbout() { m_wantAbout = true; }
  bool quitRequested() const { return m_quit; }

  UiContext& ui() { return m_ui; }
  FileBrowserPanel& fileBrowser() { return m_browser; }
  PustakaPanel& pustaka() { return m_pustaka; }
  StudioPanel& studio() { return m_studio; }
  LabPanel& lab() { return m_lab; }
  TrainingPanel& training() { return m_training; }
  GaleriPanel& galeri() { return m_galeri; }
  // Kiosk mode: the outlet's gallery fills the window; menus and other workspaces are gone.
  bool kiosk() const { return m_ui.wb.workspace() == core::WorkspaceId::GaleriOutlet && m_galeri.kiosk(); }
  void openDesignDialog();

 private:
  void drawMenuBar();
  void drawWorkspaceBar();
  void drawStatusBar();
  void drawNotices();
  void drawAbout();
  void handleShortcuts();

  UiContext m_ui;
  FileBrowserPanel m_browser;
  PustakaPanel m_pustaka;
  StudioPanel m_studio;
  LabPanel m_lab;
  TrainingPanel m_training;
  GaleriPanel m_galeri;
  bool m_labStoreSet = false;
  TrainingPanel::FileRequest m_trainingFile = TrainingPanel::FileRequest::None;
  bool m_quit = false;
  bool m_wantAbout = false;
};

}  // namespace canting::gui
