#pragma once
// The whole window for one frame: menu bar, workspace bar, the current
// workspace, the status bar, dialogs and notices. Holds only UI state; the
// model is the Workbench and the records AppSession. Every workspace is a Panel,
// so undo keys, file dialogs and shortcuts are routed the same way for all.
// Changes that end or replace what the frame draws are applied after it.

#include <array>
#include <string>
#include <vector>

#include "file_browser_panel.h"
#include "galeri_panel.h"
#include "lab_panel.h"
#include "panel.h"
#include "pustaka_panel.h"
#include "studio_panel.h"
#include "training_panel.h"
#include "ui_context.h"

namespace canting::gui {

class App {
 public:
  explicit App(UiContext ui);

  // Between ImGui::NewFrame() and ImGui::Render().
  void frame();

  void openFileDialog();
  void openExportDialog();
  void openDesignDialog();
  void showAbout() { m_wantAbout = true; }
  bool quitRequested() const { return m_quit; }

  UiContext& ui() { return m_ui; }
  records::AppSession& records() { return m_records; }
  FileBrowserPanel& fileBrowser() { return m_browser; }
  PustakaPanel& pustaka() { return m_pustaka; }
  StudioPanel& studio() { return m_studio; }
  LabPanel& lab() { return m_lab; }
  TrainingPanel& training() { return m_training; }
  GaleriPanel& galeri() { return m_galeri; }
  // The panel of a workspace, and of the one shown now.
  Panel& panel(core::WorkspaceId id);
  Panel& current() { return panel(m_ui.wb.workspace()); }
  // Kiosk mode: the outlet's gallery fills the window; menus and other workspaces are gone.
  bool kiosk() const { return m_ui.wb.workspace() == core::WorkspaceId::GaleriOutlet && m_galeri.kiosk(); }

 private:
  void drawMenuBar();
  void drawWorkspaceBar();
  void drawStatusBar();
  std::string statusHintKey();  // the hint for the workspace shown and its state
  void drawNotices();
  void drawAbout();
  void handleShortcuts();
  void routeFiles();
  void openBrowser(Panel* owner, const FileRequest& request);

  UiContext m_ui;
  records::AppSession m_records;
  FileBrowserPanel m_browser;
  PustakaPanel m_pustaka;
  StudioPanel m_studio;
  LabPanel m_lab;
  TrainingPanel m_training;
  GaleriPanel m_galeri;
  std::array<Panel*, 5> m_panels;
  Panel* m_fileOwner = nullptr;  // whose request the browser is open for
  int m_fileTag = 0;
  bool m_quit = false;
  bool m_wantAbout = false;
};

}  // namespace canting::gui
