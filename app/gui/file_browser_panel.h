#pragma once
// The in-app file browser: places on the left (home, bundled demo motifs,
// recent folders), a grid of folders and image previews on the right. One
// panel serves "open" (pick images) and "export" (pick folder, name, format,
// size on cloth and quality). The name field takes typed paths too (absolute,
// ~, relative to the folder shown; a folder opens on Enter). Drawn as a modal
// popup.

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "canting/core/file_browser.h"
#include "canting/imaging/image_io.h"
#include "ui_context.h"

namespace canting::gui {

class FileBrowserPanel {
 public:
  enum class Mode {
    Open,           // images into Pustaka
    Export,         // the Pustaka image at print size
    OpenDesign,     // an image or a .canting project into the Studio
    SaveProject,    // the Studio design as .canting
    ExportDesign,   // the Studio result at full resolution
    ExportPalette,  // the Studio colours: JSON, GPL or a printable swatch sheet
    ImportMotif,    // an image into the user's motif collection
    SaveRecipe,     // the dye lab's recipe card as PDF (the path is handed back through takeChosen)
    SaveFile,       // a report or list (PDF, CSV, bundle): the name keeps its extension; handed back
    PickFile,       // any file (a trainee CSV, a centre bundle): handed back through takeChosen
  };
  bool saving() const { return m_mode != Mode::Open && m_mode != Mode::OpenDesign && m_mode != Mode::ImportMotif && m_mode != Mode::PickFile; }
  // For ImportMotif, SaveRecipe, SaveFile and PickFile: the file chosen, once.
  std::optional<std::filesystem::path> takeChosen() { return std::exchange(m_chosen, std::nullopt); }

  void open(Mode mode, const std::filesystem::path& folder, const std::string& suggestedName = {});
  // The kind of file a dialog is for: its listing, its wording and its last folder.
  static core::FileKind kindFor(Mode mode, const std::string& suggestedName);
  core::FileKind kind() const { return m_kind; }
  const char* name() const { return m_name; }  // the name field as typed
  // For --show and tests: a name typed into the field; a width on cloth asked for once the size is known.
  void typeName(const std::string& text) { setName(text); }
  void askWidthCm(double cm) { m_askWidthCm = cm; }
  bool isOpen() const { return m_wantOpen || m_open; }
  Mode mode() const { return m_mode; }
  const std::filesystem::path& folder() const { return m_folder; }
  const std::vector<core::BrowserEntry>& entries() const { return m_entries; }
  void navigate(std::filesystem::path folder);
  // Keeps browsing inside `root` (a kiosk, the random-input test); empty: anywhere.
  void confine(std::filesystem::path root) { m_root = std::move(root); }
  static bool within(const std::filesystem::path& folder, const std::filesystem::path& root);

  // Export settings chosen in the dialog.
  imaging::ImageFormat exportFormat() const;
  std::filesystem::path exportPath() const;
  imaging::SaveOptions exportOptions() const;

  void draw(UiContext& ui);

 private:
  void drawPlaces(UiContext& ui);
  void drawGrid(UiContext& ui);
  bool drawFields(UiContext& ui);  // true: Enter in the name field
  void drawPrintSize(UiContext& ui);
  core::TypedPath typed() const;
  void submit(UiContext& ui);
  void activate(UiContext& ui, const core::BrowserEntry& e);
  void close();

  Mode m_mode = Mode::Open;
  bool m_wantOpen = false;
  bool m_open = false;
  std::filesystem::path m_folder;
  std::filesystem::path m_root;
  std::vector<core::BrowserEntry> m_entries;
  std::string m_listError;
  int m_selected = -1;
  char m_name[256] = {};
  // Bumped whenever code, not the user, rewrites m_name: the field is drawn under a new ID
  // then, since ImGui 1.86 keeps its own copy of an active field's text and asserts
  // (pos <= text_len) when the buffer shrank under it (found by the random-input test, seed 20).
  int m_nameGeneration = 0;
  void setName(const std::string& name);
  int m_format = 0;  // index into the export formats: PNG, JPEG, TIFF
  float m_dpi = 300.f;
  int m_quality = 92;
  int m_compression = 0;  // deflate, lzw
  int m_paletteFormat = 0;  // json, gpl, png sheet
  std::optional<std::filesystem::path> m_chosen;
  std::string m_extension;  // SaveFile: the suggested name's, added when the user types none
  std::string m_suggested;  // back in the name field after a typed folder was opened
  core::FileKind m_kind = core::FileKind::Image;
  double m_askWidthCm = 0;
  std::filesystem::path savePath() const;
  void confirm(UiContext& ui);
};

}  // namespace canting::gui
