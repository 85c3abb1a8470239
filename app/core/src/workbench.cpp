// Index of this file:
// [SECTION] the Studio design
// [SECTION] settings and workspace
// [SECTION] documents
// [SECTION] notices, folders, settings
// [SECTION] background work and posted changes

#include "canting/core/workbench.h"

#include "canting/core/actions.h"

#include <algorithm>
#include <cmath>

#include "canting/core/file_browser.h"
#include "canting/core/paths.h"
#include "canting/imaging/file_io.h"
#include "canting/imaging/image_preview.h"
#include "canting/imaging/stream_export.h"

namespace canting::core {

namespace fs = std::filesystem;

Workbench::Workbench(Options options) : m_options(std::move(options)), m_tasks(m_options.threads) {
  if (m_options.settingsFile.empty()) m_options.settingsFile = defaultSettingsPath();
  if (m_options.assets.empty()) m_options.assets = assetsDir();
  SettingsLoad loaded = m_options.readSettings ? loadSettings(m_options.settingsFile) : SettingsLoad{};
  m_settings = loaded.settings;
  if (m_options.readSettings) m_options.load.maxPixels = std::uint64_t(m_settings.maxMegapixels * 1e6);
  m_tr.load(m_options.assets / "i18n", m_settings.language);
  if (!m_tr.loadError().empty()) notify(Notice::Kind::Error, m_tr.loadError());
  if (!loaded.warning.empty()) notify(Notice::Kind::Error, m_tr.tr("notice.settings_malformed", {{"detail", loaded.warning}}));
  if (m_options.dataDir.empty()) m_options.dataDir = dataDir();
  if (auto pals = imaging::loadPaletteDir(m_options.assets / "palettes")) m_palettes = std::move(*pals);
  else notify(Notice::Kind::Error, m_tr.message(pals.error()));
  m_library.load(m_options.assets / "motifs", m_options.dataDir / "motifs");
  for (const auto& w : m_library.warnings()) notify(Notice::Kind::Error, m_tr.tr("notice.library_damaged", {{"detail", w}}));
}

// [SECTION] the Studio design

bool Workbench::openDesignFromActive() {
  Document* d = active();
  if (!d) return false;
  auto bytes = imaging::readFile(d->path);
  auto design = designFromImage(d->image, d->path, bytes ? std::move(*bytes) : std::vector<std::uint8_t>{});
  if (!design) {
    notify(Notice::Kind::Error, errorText(design.error()));
    return false;
  }
  installDesign(std::move(*design), {});
  return true;
}

void Workbench::installDesign(Design design, fs::path projectFile) {
  m_opening.reset();  // whatever was on its way is not wanted any more
  m_designQuick.release();
  m_design = std::make_unique<DesignSession>(std::move(design));
  m_designFile = std::move(projectFile);
  m_workspace = WorkspaceId::StudioDesain;
}

bool Workbench::openDesignFile(const fs::path& path) {
  const bool project = path.extension() == ".canting";
  auto design = project ? loadProject(path) : designFromFile(path);
  if (!design) {
    notify(Notice::Kind::Error, errorText(design.error()));
    return false;  // the current design stays as it was
  }
  installDesign(std::move(*design), project ? path : fs::path());
  return true;
}

void Workbench::startOpenDesign(const fs::path& path) {
  if (path.extension() == ".canting") {
    openDesignFile(path);
    return;
  }
  const int serial = ++m_openSerial;
  m_opening = DesignOpening{path, {}, serial};
  const OpenOptions full;  // what openDesignFile uses: the design is the same either way
  const imaging::LoadOptions load = full.load;
  // The reduced decode goes ahead of anything queued (a folder's thumbnails);
  // the whole decode and the palette start beside it on the other worker.
  m_tasks.runFirst([this, path, load, serial]() -> TaskPool::Completion {
    // Only a JPEG large enough to scale gains: anything else would be a second whole decode beside the first.
    auto h = imaging::probeImageFile(path);
    if (!h || h->format != imaging::ImageFormat::Jpeg || imaging::jpegScaleFor(h->width, h->height, kQuickPreviewEdge) == 1) return {};
    auto quick = imaging::loadImageScaled(path, kQuickPreviewEdge, load);
    cv::Mat preview = quick ? makeThumbnail(quick->image.pixels, kQuickPreviewEdge) : cv::Mat();
    return [this, serial, preview] {
      if (m_opening && m_opening->serial == serial) m_opening->preview = preview;
    };
  });
  m_tasks.run([this, path, full, serial]() -> TaskPool::Completion {
    auto design = std::make_shared<imaging::Result<Design>>(designFromFile(path, full));
    return [this, serial, design] {
      if (!m_opening || m_opening->serial != serial) return;  // another open or a close came since
      if (!*design) {
        m_opening.reset();
        notify(Notice::Kind::Error, errorText(design->error()));
        return;
      }
      cv::Mat quick = m_opening->preview;
      installDesign(std::move(**design), {});
      m_designQuick = quick;
    };
  });
}

bool Workbench::saveDesign(const fs::path& project) {
  if (!m_design) return false;
  if (auto st = saveProject(*m_design, project); !st) {
    notify(Notice::Kind::Error, m_tr.message(st.error()));
    return false;
  }
  m_design->markSaved();
  m_designFile = project;
  notify(Notice::Kind::Info, m_tr.tr("notice.project_saved", {{"path", project.string()}}));
  return true;
}

void Workbench::exportDesign(const fs::path& path, imaging::SaveOptions options) {
  if (!m_design) return;
  // A copy of the parameters: the user may keep editing while this renders.
  auto design = std::make_shared<Design>(m_design->design());
  if (designOutput(*design).layout || !options.dpi) options.dpi = exportDpi(*design);
  const auto palettes = m_palettes;
  auto progress = m_exportProgress;
  progress->store(0.0);
  m_exportCancel = false;
  ExportAction action{path, options, [progress](double p) { progress->store(p); }, &m_exportCancel};
  m_tasks.run([this, action, design, palettes, progress]() -> TaskPool::Completion {
    const imaging::Status st = action.run(renderOutput(*design, palettes));
    return [this, path = action.path, st, progress] {
      progress->store(-1.0);
      if (st) notify(Notice::Kind::Info, m_tr.tr("notice.exported", {{"path", path.string()}}));
      else notify(Notice::Kind::Error, m_tr.message(st.error()));
    };
  });
}

std::optional<double> Workbench::exportProgress() const {
  const double p = m_exportProgress->load();
  if (p < 0) return std::nullopt;
  return p;
}

void Workbench::exportDesignPalette(const fs::path& path) {
  if (!m_design) return;
  const imaging::Palette pal = currentPalette(m_design->design());
  const std::string ext = path.extension().string();
  const imaging::Status st = (ext == ".json" || ext == ".gpl") ? imaging::savePalette(pal, path)
                                                               : imaging::saveImage(imaging::renderSwatchSheet(pal, 150), path,
                                                                                    {.dpi = imaging::Dpi{150, 150}});
  if (st) notify(Notice::Kind::Info, m_tr.tr("notice.exported", {{"path", path.string()}}));
  else notify(Notice::Kind::Error, m_tr.message(st.error()));
}

void Workbench::closeDesign() {
  m_opening.reset();
  m_designQuick.release();
  m_design.reset();
  m_designFile.clear();
  std::error_code ec;
  if (m_options.autosave) fs::remove(autosavePath(), ec);
}

fs::path Workbench::autosavePath() const { return m_options.dataDir / "autosave" / "desain-terakhir.canting"; }

void Workbench::autosaveTick(double now, double interval) {
  if (!m_options.autosave || !m_design || !m_design->dirty() || m_design->version() == m_autosavedVersion) return;
  if (m_lastAutosave >= 0 && now - m_lastAutosave < interval) return;
  m_lastAutosave = now;
  std::error_code ec;
  fs::create_directories(autosavePath().parent_path(), ec);
  // The autosave embeds the source whatever its size: recovery must not
  // depend on the original file still being where it was.
  if (auto st = saveProject(*m_design, autosavePath(), std::size_t(1) << 31); st) m_autosavedVersion = m_design->version();
}

bool Workbench::hasRecovery() const {
  std::error_code ec;
  return m_options.autosave && !m_design && fs::exists(autosavePath(), ec);
}

bool Workbench::recover() {
  auto design = loadProject(autosavePath());
  if (!design) {
    notify(Notice::Kind::Error, errorText(design.error()));
    return false;
  }
  installDesign(std::move(*design), {});
  notify(Notice::Kind::Info, m_tr.tr("notice.recovered"));
  return true;
}

// [SECTION] settings and workspace

void Workbench::setLanguage(Language lang) {
  m_settings.language = lang;
  m_tr.load(m_options.assets / "i18n", lang);
  persistSettings();
}

bool Workbench::setWorkspace(const std::string& name) {
  auto id = findWorkspace(name);
  if (!id) return false;
  m_workspace = *id;
  return true;
}

// [SECTION] documents

void Workbench::openFiles(const std::vector<fs::path>& paths) {
  for (const fs::path& p : paths) {
    std::error_code ec;
    const fs::path abs = fs::absolute(p, ec).lexically_normal();
    auto existing = std::find_if(m_docs.begin(), m_docs.end(), [&](const auto& d) { return d->path == abs; });
    if (existing != m_docs.end()) {
      m_activeId = (*existing)->id;
      continue;
    }
    ++m_loading;
    const imaging::LoadOptions load = m_options.load;
    const int order = m_nextOrder++;
    m_tasks.run(
        [this, abs, load, order]() -> TaskPool::Completion {
          auto img = std::make_shared<imaging::Result<imaging::Image>>(imaging::loadImage(abs, load));
          // Over the limit (the app's own kain exports are): a preview at reduced resolution, said so.
          auto factor = std::make_shared<int>(1);
          if (!*img && img->error().code == imaging::ErrorCode::TooManyPixels)
            if (auto reduced = imaging::loadImageReduced(abs, std::min<std::uint64_t>(load.maxPixels, kPreviewPixels))) {
              *factor = reduced->factor;
              *img = std::move(reduced->image);
            }
          return [this, abs, img, order, factor] {
            --m_loading;
            if (!*img) {
              notify(Notice::Kind::Error, errorText(img->error()));
              return;
            }
            if (*factor > 1) notify(Notice::Kind::Info, previewText(abs, (*img)->source, (*img)->pixels.size(), *factor));
            auto doc = std::make_unique<Document>();
            doc->id = m_nextId++;
            doc->path = abs;
            doc->name = abs.filename().string();
            doc->image = std::move(img->value());
            doc->openOrder = order;
            doc->previewFactor = *factor;
            // Decodes finish in any order; the tabs follow the order asked for,
            // and the last file asked for ends up active.
            const Document* current = active();
            if (!current || current->openOrder < order) m_activeId = doc->id;
            m_settings.addRecentFile(abs);
            if (abs.has_parent_path()) m_settings.addRecentFolder(abs.parent_path());
            auto at = std::upper_bound(m_docs.begin(), m_docs.end(), order,
                                       [](int o, const auto& d) { return o < d->openOrder; });
            Document& added = **m_docs.insert(at, std::move(doc));
            startStats(added);
            persistSettings();
          };
        },
        [this](const std::string& what) {
          --m_loading;
          notify(Notice::Kind::Error, what);
        });
  }
}

void Workbench::startStats(Document& doc) {
  const int id = doc.id, version = doc.version;
  const cv::Mat pixels = doc.image.pixels;  // shares the buffer; pixels are replaced, never edited in place
  m_tasks.run([this, id, version, pixels]() -> TaskPool::Completion {
    const std::uint64_t n = imaging::countDistinctColors(pixels);
    return [this, id, version, n] {
      if (Document* d = find(id); d && d->version == version) d->distinctColors = n;
    };
  });
}

Document* Workbench::active() { return find(m_activeId); }

Document* Workbench::find(int id) {
  for (auto& d : m_docs)
    if (d->id == id) return d.get();
  return nullptr;
}

void Workbench::activate(int id) {
  if (find(id)) m_activeId = id;
}

void Workbench::close(int id) {
  auto it = std::find_if(m_docs.begin(), m_docs.end(), [&](const auto& d) { return d->id == id; });
  if (it == m_docs.end()) return;
  const bool wasActive = (*it)->id == m_activeId;
  it = m_docs.erase(it);
  if (wasActive) m_activeId = m_docs.empty() ? 0 : (it == m_docs.end() ? m_docs.back()->id : (*it)->id);
}

void Workbench::setActiveDpi(const imaging::Dpi& dpi) {
  if (Document* d = active(); d && dpi.x > 0 && dpi.y > 0) d->image.dpi = dpi;
}

void Workbench::exportActive(const fs::path& path, imaging::SaveOptions options) {
  Document* d = active();
  if (!d) return;
  if (!options.dpi) options.dpi = d->image.dpi;
  const cv::Mat pixels = d->image.pixels;
  m_tasks.run([this, path, options, pixels]() -> TaskPool::Completion {
    const imaging::Status st = imaging::saveImage(pixels, path, options);
    return [this, path, st] {
      if (st) {
        notify(Notice::Kind::Info, m_tr.tr("notice.exported", {{"path", path.string()}}));
        rememberFolder(path.parent_path(), FileKind::Image);
      } else {
        notify(Notice::Kind::Error, m_tr.message(st.error()));
      }
    };
  });
}

// [SECTION] notices, folders, settings

std::string Workbench::errorText(const imaging::Error& e) const {
  std::string text = m_tr.message(e);
  if (e.code == imaging::ErrorCode::TooManyPixels)
    text += " " + m_tr.tr("notice.limit_setting", {{"settings", m_options.settingsFile.string()}});
  return text;
}

std::string Workbench::previewText(const fs::path& path, const imaging::ImageHeader& h, cv::Size shown, int factor) const {
  const auto mp = [](double px) { return std::to_string(std::uint64_t(std::llround(px / 1e6))); };
  return m_tr.tr("notice.preview_opened", {{"name", path.filename().string()},
                                           {"megapixels", mp(double(h.width) * double(h.height))},
                                           {"limit", mp(double(m_options.load.maxPixels))},
                                           {"factor", std::to_string(factor)},
                                           {"width", std::to_string(shown.width)},
                                           {"height", std::to_string(shown.height)},
                                           {"settings", m_options.settingsFile.string()}});
}

void Workbench::notify(Notice::Kind kind, std::string text) {
  m_notices.push_back(Notice{kind, std::move(text), m_nextNotice++});
  while (m_notices.size() > 5) m_notices.pop_front();
}

void Workbench::dismiss(int serial) {
  m_notices.erase(std::remove_if(m_notices.begin(), m_notices.end(), [&](const Notice& n) { return n.serial == serial; }),
                  m_notices.end());
}

void Workbench::rememberFolder(const fs::path& folder, FileKind kind) {
  m_settings.lastFolder = folder.string();
  if (kind != FileKind::Any) m_settings.lastFolders[fileKindKey(kind)] = folder.string();
  m_settings.addRecentFolder(folder);
  persistSettings();
}

fs::path Workbench::startFolder(FileKind kind) const {
  std::error_code ec;
  if (auto it = m_settings.lastFolders.find(fileKindKey(kind)); it != m_settings.lastFolders.end() && fs::is_directory(it->second, ec))
    return it->second;
  return core::startFolder(m_settings.lastFolder);
}

void Workbench::rememberWindowSize(int w, int h) {
  m_settings.windowWidth = w;
  m_settings.windowHeight = h;
}

void Workbench::persistSettings() {
  if (!m_options.persist) return;
  if (auto st = saveSettings(m_settings, m_options.settingsFile); !st)
    notify(Notice::Kind::Error, m_tr.message(st.error()));
}

// [SECTION] background work and posted changes

void Workbench::finishAll() {
  while (m_tasks.pending() > 0) {
    m_tasks.waitIdle();
    m_tasks.drain();
  }
}

int Workbench::applyPosted() {
  int n = 0;
  // A change may post another (closing the design before opening the next);
  // those run in the same pass, after the ones before them.
  while (!m_posted.empty()) {
    auto batch = std::exchange(m_posted, {});
    for (auto& change : batch) {
      change();
      ++n;
    }
  }
  return n;
}

}  // namespace canting::core
