#pragma once
// The application model that every workspace and the tests share: open
// documents, the current workspace, the language, settings and the notices
// shown to the user. The GUI draws it and calls its methods; it holds no GUI
// state and runs headless.

#include <atomic>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "canting/core/design.h"
#include "canting/core/file_browser.h"
#include "canting/core/i18n.h"
#include "canting/core/motif_library.h"
#include "canting/core/settings.h"
#include "canting/core/task_pool.h"
#include "canting/core/thumbnails.h"
#include "canting/core/view_transform.h"
#include "canting/core/workspace.h"
#include "canting/imaging/image_io.h"

namespace canting::core {

struct Document {
  int id = 0;
  std::filesystem::path path;
  std::string name;
  imaging::Image image;
  int version = 1;  // bumped on every pixel change; the GUI's texture cache keys on it
  int openOrder = 0;  // when it was asked for: documents keep the order the user gave
  std::optional<std::uint64_t> distinctColors;
  int previewFactor = 1;  // over 1: a reduced preview of a file over the decode limit (1/factor per side)
  ViewTransform view;
  bool needsFit = true;
};

struct Notice {
  enum class Kind { Info, Error };
  Kind kind = Kind::Info;
  std::string text;
  int serial = 0;
};

class Workbench {
 public:
  struct Options {
    std::filesystem::path settingsFile;  // empty: defaultSettingsPath()
    std::filesystem::path assets;        // empty: assetsDir()
    bool readSettings = true;            // false: start from defaults (screenshots, tests)
    bool persist = true;                 // write settings when they change
    std::filesystem::path dataDir;       // empty: core::dataDir() (autosave lives here)
    bool autosave = true;                // false: neither write nor offer recovery (screenshots)
    int threads = 2;
    imaging::LoadOptions load;
  };

  explicit Workbench(Options options);

  const Translator& tr() const { return m_tr; }
  const Settings& settings() const { return m_settings; }
  const std::filesystem::path& assets() const { return m_options.assets; }
  std::filesystem::path demoFolder() const { return m_options.assets / "demo"; }
  const std::filesystem::path& assetsFolder() const { return m_options.assets; }
  const std::filesystem::path& dataFolder() const { return m_options.dataDir; }

  void setLanguage(Language lang);
  WorkspaceId workspace() const { return m_workspace; }
  bool setWorkspace(const std::string& name);
  void setWorkspace(WorkspaceId id) { m_workspace = id; }

  // Loads each file on a worker; documents appear (or errors are noticed)
  // when update() runs the completions. A file already open is re-activated.
  void openFiles(const std::vector<std::filesystem::path>& paths);
  int loading() const { return m_loading; }

  const std::vector<std::unique_ptr<Document>>& documents() const { return m_docs; }
  Document* active();
  Document* find(int id);
  void activate(int id);
  void close(int id);
  void setActiveDpi(const imaging::Dpi& dpi);

  // Saves the active document's pixels at its DPI; the result is noticed.
  void exportActive(const std::filesystem::path& path, imaging::SaveOptions options);

  // Studio Desain: one design at a time, kept here so it outlives the panel.
  DesignSession* design() { return m_design.get(); }
  const std::filesystem::path& designFile() const { return m_designFile; }
  bool openDesignFromActive();  // the Pustaka document becomes the design's source
  bool openDesignFile(const std::filesystem::path& imageOrProject);
  // The Studio's open, in two steps on workers so that the photo shows at
  // once: first a reduced decode at preview size (designOpening()->preview,
  // within a second for a 24 MP phone photo), then the whole image and its
  // palette, installed as the design when they are done, exactly as
  // openDesignFile would. A project (.canting) opens at once. Opening another
  // file before the first is done drops the first.
  void startOpenDesign(const std::filesystem::path& imageOrProject);
  struct DesignOpening {
    std::filesystem::path path;
    cv::Mat preview;  // empty until the reduced decode lands; upright, 8-bit, at most kQuickPreviewEdge
    int serial = 0;
  };
  const DesignOpening* designOpening() const { return m_opening ? &*m_opening : nullptr; }
  // The reduced preview of the design just opened by startOpenDesign (empty
  // otherwise): the Studio shows it until its own preview of the whole image lands.
  const cv::Mat& designQuickPreview() const { return m_designQuick; }
  static constexpr int kQuickPreviewEdge = 1400;  // StudioPreview::kPreviewSide
  bool saveDesign(const std::filesystem::path& project);
  // The design's output (the tile, its repeat or a whole cloth) at print
  // resolution, on a worker: PNG and TIFF stream to disk with progress and
  // cancel; other formats are rendered in memory.
  void exportDesign(const std::filesystem::path& path, imaging::SaveOptions options);
  std::optional<double> exportProgress() const;  // 0..1 while an export runs
  void cancelExport() { m_exportCancel = true; }
  // .json or .gpl palette file, or .png/.jpg/.tif printable swatch sheet.
  void exportDesignPalette(const std::filesystem::path& path);
  void closeDesign();  // also drops the autosave
  // The design as the Studio shows it (its tile, colourway applied, at preview
  // size) becomes one of the centre's motifs in the library, so the outlet's
  // gallery shows it. Rendered and encoded on a worker; noticed when in.
  void sendDesignToGallery();
  // A photo's raport tile (or any image the Studio made) handed on: as the
  // Studio's design (its DPI the photo's real scale), as one of the centre's
  // motifs that the gallery lists first, or to the dye lab, which takes it
  // with takeLabImage() (workbench_photo.cpp).
  bool openDesignFromImage(const imaging::Image& image, const std::string& name);
  // `widthCm`: the image's real width on the cloth, when known: the gallery's
  // mock-ups then print it at that size.
  void sendImageToGallery(const cv::Mat& image, const std::string& name, std::optional<double> widthCm = std::nullopt);
  struct LabImage {
    cv::Mat image;  // 8-bit BGR
    std::string name;
    std::optional<imaging::Dpi> dpi;
  };
  void sendImageToLab(LabImage image);
  // The same from a file, decoded on a worker; a photo of cloth goes as its raport tile.
  void sendFileToLab(const std::filesystem::path& image, const std::string& name);
  std::optional<LabImage> takeLabImage() { return std::exchange(m_labImage, std::nullopt); }
  const std::optional<LabImage>& labImage() const { return m_labImage; }
  // A library motif the gallery should show (Pustaka's "Tampilkan di Galeri").
  void showInGallery(const std::string& motifId);
  std::optional<std::string> takeGalleryMotif() { return std::exchange(m_galleryMotif, std::nullopt); }
  const std::vector<imaging::Palette>& namedPalettes() const { return m_palettes; }
  MotifLibrary& library() { return m_library; }
  // Autosave: a dirty design is written to autosavePath() at most every
  // `interval` seconds; a leftover file at start means the app did not close
  // cleanly, and the Studio offers to recover it.
  std::filesystem::path autosavePath() const;
  void autosaveTick(double nowSeconds, double interval = 30.0);
  bool hasRecovery() const;
  bool recover();

  const std::deque<Notice>& notices() const { return m_notices; }
  void notify(Notice::Kind kind, std::string text);
  void dismiss(int serial);
  // An error in words, and for a limit the setting that raises it.
  std::string errorText(const imaging::Error& error) const;
  // A preview opened for a file over the decode limit is at most this large.
  static constexpr std::uint64_t kPreviewPixels = 50'000'000;

  // The folder a dialog for this kind of file was last confirmed in (also the
  // last folder of any kind, where a kind never used starts).
  void rememberFolder(const std::filesystem::path& folder, FileKind kind = FileKind::Any);
  // Where a dialog for this kind of file starts: its last folder if it still exists, else the last of any kind, else home.
  std::filesystem::path startFolder(FileKind kind) const;
  void rememberWindowSize(int width, int height);
  void persistSettings();

  // Changes that end, replace or reload something the frame may still be
  // drawing (closing a document or the design, opening another in its place,
  // deleting a motif, logging out) are posted by the panels and applied by the
  // App between frames, never in the middle of one.
  void post(std::function<void()> change) { m_posted.push_back(std::move(change)); }
  // Runs the posted changes in order, including any they post; returns how many ran.
  int applyPosted();
  bool hasPosted() const { return !m_posted.empty(); }

  // Applies finished background work; call once per frame.
  int update() { return m_tasks.drain(); }
  TaskPool& tasks() { return m_tasks; }
  ThumbnailCache& thumbnails() { return m_thumbnails; }
  // Blocks until no background job is left, applying results (tests, screenshots).
  void finishAll();

 private:
  void startStats(Document& doc);
  std::string previewText(const std::filesystem::path& path, const imaging::ImageHeader& file, cv::Size shown, int factor) const;
  void installDesign(Design design, std::filesystem::path projectFile);

  Options m_options;
  Settings m_settings;
  Translator m_tr;
  WorkspaceId m_workspace = WorkspaceId::PustakaMotif;
  std::vector<std::unique_ptr<Document>> m_docs;
  int m_activeId = 0;
  int m_nextId = 1;
  int m_nextOrder = 1;
  int m_loading = 0;
  std::deque<Notice> m_notices;
  std::vector<std::function<void()>> m_posted;
  int m_nextNotice = 1;
  std::unique_ptr<DesignSession> m_design;
  std::optional<DesignOpening> m_opening;
  cv::Mat m_designQuick;
  int m_openSerial = 0;
  std::filesystem::path m_designFile;
  std::vector<imaging::Palette> m_palettes;
  std::shared_ptr<std::atomic<double>> m_exportProgress = std::make_shared<std::atomic<double>>(-1.0);
  std::atomic<bool> m_exportCancel{false};
  MotifLibrary m_library;
  std::optional<LabImage> m_labImage;
  std::optional<std::string> m_galleryMotif;
  double m_lastAutosave = -1;
  int m_autosavedVersion = 0;
  ThumbnailCache m_thumbnails{m_tasks};  // only stores the reference
  // Last, so destroyed first: the workers stop before anything a job writes to.
  TaskPool m_tasks;
};

}  // namespace canting::core
