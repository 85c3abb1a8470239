// Index of this file:
// [SECTION] navigation
// [SECTION] export and save paths
// [SECTION] confirm and activate
// [SECTION] drawing

#include "file_browser_panel.h"

#include <cmath>
#include <cstring>

#include "canting/core/paths.h"
#include "canting/imaging/cloth_layout.h"
#include "item_probe.h"

namespace canting::gui {

namespace fs = std::filesystem;
namespace im = imaging;

namespace {
constexpr const char* kPopupId = "###file_browser";
constexpr im::ImageFormat kExportFormats[] = {im::ImageFormat::Png, im::ImageFormat::Jpeg, im::ImageFormat::Tiff};
constexpr const char* kExportExt[] = {".png", ".jpg", ".tif"};

std::string humanSize(std::uint64_t bytes, core::Language l) {
  if (bytes >= (1u << 20)) return core::formatNumber(bytes / 1048576.0, 1, l) + " MB";
  return core::formatNumber(std::max(1.0, bytes / 1024.0), 0, l) + " KB";
}
}  // namespace

// [SECTION] navigation

void FileBrowserPanel::open(Mode mode, const fs::path& folder, const std::string& suggestedName) {
  m_mode = mode;
  m_wantOpen = true;
  std::snprintf(m_name, sizeof m_name, "%s", suggestedName.c_str());
  m_extension = fs::path(suggestedName).extension().string();
  navigate(folder);
}

// By value: callers pass paths from m_entries, which this replaces.
void FileBrowserPanel::navigate(fs::path folder) {
  if (!m_root.empty() && !within(folder, m_root)) folder = m_root;
  m_selected = -1;
  m_listError.clear();
  auto list = core::listDirectory(folder, m_mode != Mode::PickFile, m_mode == Mode::OpenDesign);
  if (!list) {
    m_listError = folder.string();
    m_entries.clear();
    m_folder = folder;
    return;
  }
  m_folder = folder;
  m_entries = std::move(*list);
}

bool FileBrowserPanel::within(const fs::path& folder, const fs::path& root) {
  const fs::path f = folder.lexically_normal(), r = root.lexically_normal();
  auto fi = f.begin();
  for (auto ri = r.begin(); ri != r.end(); ++ri, ++fi) {
    if (ri->empty()) continue;  // a trailing separator
    if (fi == f.end() || *fi != *ri) return false;
  }
  return true;
}

im::ImageFormat FileBrowserPanel::exportFormat() const { return kExportFormats[m_format]; }

// [SECTION] export and save paths

fs::path FileBrowserPanel::exportPath() const {
  fs::path name = m_name;
  if (im::formatFromExtension(name.string()) != exportFormat()) name.replace_extension(kExportExt[m_format]);
  return m_folder / name;
}

im::SaveOptions FileBrowserPanel::exportOptions() const {
  im::SaveOptions o;
  o.format = exportFormat();
  o.dpi = im::Dpi{m_dpi, m_dpi};
  o.jpegQuality = m_quality;
  o.tiffCompression = m_compression == 1 ? im::TiffCompression::Lzw : im::TiffCompression::Deflate;
  return o;
}

fs::path FileBrowserPanel::savePath() const {
  fs::path name = m_name;
  switch (m_mode) {
    case Mode::SaveProject:
      if (name.extension() != ".canting") name += ".canting";
      return m_folder / name;
    case Mode::SaveRecipe:
      if (name.extension() != ".pdf") name += ".pdf";
      return m_folder / name;
    case Mode::SaveFile:
      if (name.extension().empty()) name += m_extension;
      return m_folder / name;
    case Mode::ExportPalette: {
      const char* ext[] = {".json", ".gpl", ".png"};
      name.replace_extension(ext[m_paletteFormat]);
      return m_folder / name;
    }
    default:
      return exportPath();
  }
}

// [SECTION] confirm and activate

void FileBrowserPanel::confirm(UiContext& ui) {
  switch (m_mode) {
    case Mode::Export: ui.wb.exportActive(exportPath(), exportOptions()); break;
    case Mode::ExportDesign: ui.wb.exportDesign(exportPath(), exportOptions()); break;
    case Mode::SaveProject: ui.wb.saveDesign(savePath()); break;
    case Mode::ExportPalette: ui.wb.exportDesignPalette(savePath()); break;
    case Mode::SaveRecipe:
    case Mode::SaveFile: m_chosen = savePath(); break;
    default: break;
  }
  ui.wb.rememberFolder(m_folder);
  close();
}

void FileBrowserPanel::close() {
  m_open = false;
  ImGui::CloseCurrentPopup();
}

void FileBrowserPanel::activate(UiContext& ui, const core::BrowserEntry& e) {
  if (e.isDirectory) {
    navigate(e.path);
    return;
  }
  if (!saving()) {
    if (m_mode == Mode::Open) ui.wb.openFiles({e.path});
    else if (m_mode == Mode::OpenDesign) ui.wb.post([&wb = ui.wb, path = e.path] { wb.openDesignFile(path); });
    else m_chosen = e.path;
    ui.wb.rememberFolder(m_folder);
    close();
  } else {
    std::snprintf(m_name, sizeof m_name, "%s", e.name.c_str());
  }
}

// [SECTION] drawing

void FileBrowserPanel::draw(UiContext& ui) {
  if (m_wantOpen) {
    if (m_mode == Mode::Export)
      if (const core::Document* d = ui.wb.active(); d && d->image.dpi) m_dpi = float(d->image.dpi->x);
    if (m_mode == Mode::ExportDesign)
      if (core::DesignSession* s = ui.wb.design(); s && s->design().source.dpi) m_dpi = float(s->design().source.dpi->x);
    ImGui::OpenPopup(kPopupId);
    m_wantOpen = false;
    m_open = true;
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowSize(ImVec2(display.x * 0.86f, display.y * 0.86f), ImGuiCond_Always);
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  static const char* kTitles[] = {"browser.title_open", "browser.title_export", "browser.title_open_design",
                                  "browser.title_save_project", "browser.title_export_design", "browser.title_export_palette",
                                  "browser.title_import_motif", "browser.title_save_recipe",
                                  "browser.title_save_file", "browser.title_pick_file"};
  const std::string title = ui.tr(kTitles[int(m_mode)]) + kPopupId;
  if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
    m_open = false;
    return;
  }
  // Path bar: up, home, and the current folder.
  if (ImGui::Button(label(ui, "browser.up").c_str()) && m_folder.has_parent_path()) navigate(m_folder.parent_path());
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "browser.home").c_str())) navigate(core::homeDir());
  ImGui::SameLine();
  ImGui::TextUnformatted(m_folder.string().c_str());

  const float footer = ui.px(saving() ? 150.f : 64.f);
  const float placesW = ui.px(240.f);
  ImGui::BeginChild("places", ImVec2(placesW, -footer), true);
  drawPlaces(ui);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("grid", ImVec2(0, -footer), true);
  drawGrid(ui);
  ImGui::EndChild();

  if (saving()) drawExportFields(ui);

  const float bw = ui.px(160.f);
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - 2 * bw - ImGui::GetStyle().ItemSpacing.x);
  if (!saving()) {
    const bool canOpen = m_selected >= 0 && m_selected < int(m_entries.size());
    if (!canOpen) ImGui::BeginDisabled();
    const bool openClicked = ImGui::Button(label(ui, "browser.open").c_str(), ImVec2(bw, 0));
    probe::note("@browser.open");
    if (openClicked) activate(ui, m_entries[std::size_t(m_selected)]);
    if (!canOpen) ImGui::EndDisabled();
  } else {
    const bool canSave = std::strlen(m_name) > 0;
    if (!canSave) ImGui::BeginDisabled();
    const bool save = ImGui::Button(label(ui, "browser.save").c_str(), ImVec2(bw, 0));
    probe::note("@browser.save");
    if (save) confirm(ui);
    if (!canSave) ImGui::EndDisabled();
  }
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "browser.cancel").c_str(), ImVec2(bw, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
    close();
  ImGui::EndPopup();
}

void FileBrowserPanel::drawPlaces(UiContext& ui) {
  ImGui::TextDisabled("%s", ui.tr("browser.places").c_str());
  if (ImGui::Selectable(label(ui, "browser.demo").c_str())) navigate(ui.wb.demoFolder());
  probe::note("@browser.demo");
  if (ImGui::Selectable(label(ui, "browser.home_folder").c_str())) navigate(core::homeDir());
  const auto& recent = ui.wb.settings().recentFolders;
  if (!recent.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", ui.tr("browser.recent_folders").c_str());
    for (std::size_t i = 0; i < recent.size(); ++i) {
      ImGui::PushID(int(i));
      const std::string name = fs::path(recent[i]).filename().string();
      if (ImGui::Selectable(name.empty() ? recent[i].c_str() : name.c_str())) navigate(recent[i]);
      hoverTooltip(ui, recent[i]);
      ImGui::PopID();
    }
  }
}

void FileBrowserPanel::drawGrid(UiContext& ui) {
  if (!m_listError.empty()) {
    ImGui::TextWrapped("%s", ui.tr("browser.cannot_list", {{"path", m_listError}}).c_str());
    return;
  }
  if (m_entries.empty()) {
    ImGui::TextWrapped("%s", ui.tr("browser.empty").c_str());
    return;
  }
  const float cell = ui.px(168.f), thumb = ui.px(132.f);
  const int cols = std::max(1, int(ImGui::GetContentRegionAvail().x / (cell + ImGui::GetStyle().ItemSpacing.x)));
  const core::Language lang = ui.wb.tr().language();
  for (int i = 0; i < int(m_entries.size()); ++i) {
    const core::BrowserEntry& e = m_entries[std::size_t(i)];
    if (i % cols != 0) ImGui::SameLine();
    ImGui::PushID(i);
    ImGui::BeginGroup();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::Selectable("##cell", m_selected == i, ImGuiSelectableFlags_AllowDoubleClick, ImVec2(cell, cell));
    probe::note("@browser.entry." + e.name);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 box0(p.x + (cell - thumb) / 2, p.y + ui.px(4)), box1(box0.x + thumb, box0.y + thumb - ui.px(20));
    if (ImGui::IsItemVisible()) {
      if (e.isDirectory) {
        // A folder drawn, not an icon font: a tab and a body in soga brown.
        const float h = box1.y - box0.y;
        dl->AddRectFilled(ImVec2(box0.x + thumb * 0.12f, box0.y + h * 0.18f), ImVec2(box0.x + thumb * 0.5f, box0.y + h * 0.32f), color::kSoga, ui.px(3));
        dl->AddRectFilled(ImVec2(box0.x + thumb * 0.12f, box0.y + h * 0.28f), ImVec2(box1.x - thumb * 0.12f, box1.y - h * 0.1f), color::kSoga, ui.px(4));
      } else if (e.path.extension() == ".canting") {
        // A project: a sheet of cloth with a folded corner, in indigo.
        const float h = box1.y - box0.y;
        dl->AddRectFilled(ImVec2(box0.x + thumb * 0.22f, box0.y + h * 0.08f), ImVec2(box1.x - thumb * 0.22f, box1.y - h * 0.06f), color::kIndigo, ui.px(3));
        dl->AddTriangleFilled(ImVec2(box1.x - thumb * 0.22f - h * 0.2f, box0.y + h * 0.08f), ImVec2(box1.x - thumb * 0.22f, box0.y + h * 0.08f),
                              ImVec2(box1.x - thumb * 0.22f, box0.y + h * 0.28f), color::kGading);
      } else if (const cv::Mat* t = ui.wb.thumbnails().get(e.path)) {
        const float s = std::min((box1.x - box0.x) / t->cols, (box1.y - box0.y) / t->rows);
        const ImVec2 size(t->cols * s, t->rows * s);
        const ImVec2 a(box0.x + ((box1.x - box0.x) - size.x) / 2, box0.y + ((box1.y - box0.y) - size.y) / 2);
        drawImage(dl, ui.textures.tiles("thumb:" + e.path.string(), 1, *t), t->cols, t->rows, a, ImVec2(a.x + size.x, a.y + size.y));
      } else {
        const bool failed = ui.wb.thumbnails().failed(e.path);
        const std::string& msg = ui.tr(failed ? "browser.no_preview" : "browser.loading");
        const ImVec2 ts = ImGui::CalcTextSize(msg.c_str());
        dl->AddText(ImVec2(box0.x + (thumb - ts.x) / 2, (box0.y + box1.y - ts.y) / 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), msg.c_str());
      }
      // Name under the preview, clipped to the cell.
      const std::string name = e.name;
      dl->PushClipRect(ImVec2(p.x, p.y), ImVec2(p.x + cell, p.y + cell), true);
      const ImVec2 ns = ImGui::CalcTextSize(name.c_str());
      dl->AddText(ImVec2(p.x + std::max(ui.px(4), (cell - ns.x) / 2), p.y + cell - ImGui::GetFontSize() * 1.25f), ImGui::GetColorU32(ImGuiCol_Text), name.c_str());
      dl->PopClipRect();
    }
    hoverTooltip(ui, e.isDirectory ? e.name : e.name + "\n" + humanSize(e.size, lang));
    ImGui::EndGroup();
    ImGui::PopID();
    if (clicked) {
      m_selected = i;
      if (saving() && !e.isDirectory) std::snprintf(m_name, sizeof m_name, "%s", e.name.c_str());
      if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
        activate(ui, e);
        break;  // the entry list may have changed
      }
    }
  }
}

void FileBrowserPanel::drawExportFields(UiContext& ui) {
  const core::Document* d = m_mode == Mode::Export ? ui.wb.active() : nullptr;
  ImGui::Spacing();
  // Labels before their fields: ImGui's default puts them after, which reads
  // as the label of the next field in a row.
  auto field = [&](const char* key) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ui.tr(key).c_str());
    ImGui::SameLine();
  };
  field("export.name");
  ImGui::SetNextItemWidth(ui.px(360));
  ImGui::InputText("##export_name", m_name, sizeof m_name);
  if (m_mode == Mode::SaveProject || m_mode == Mode::SaveRecipe || m_mode == Mode::SaveFile) return;
  if (m_mode == Mode::ExportPalette) {
    ImGui::SameLine(0, ui.px(24));
    field("export.format");
    ImGui::SetNextItemWidth(ui.px(300));
    const std::string items[] = {ui.tr("export.palette_json"), ui.tr("export.palette_gpl"), ui.tr("export.palette_sheet")};
    if (ImGui::BeginCombo("##palette_format", items[m_paletteFormat].c_str())) {
      for (int i = 0; i < 3; ++i)
        if (ImGui::Selectable(items[i].c_str(), m_paletteFormat == i)) m_paletteFormat = i;
      ImGui::EndCombo();
    }
    return;
  }
  ImGui::SameLine(0, ui.px(24));
  field("export.format");
  ImGui::SetNextItemWidth(ui.px(110));
  const char* formats[] = {"PNG", "JPEG", "TIFF"};
  ImGui::Combo("##export_format", &m_format, formats, 3);
  ImGui::SameLine(0, ui.px(24));
  field("export.dpi");
  ImGui::SetNextItemWidth(ui.px(90));
  if (ImGui::InputFloat("##export_dpi", &m_dpi, 0, 0, "%.0f")) m_dpi = std::clamp(m_dpi, 1.f, 65535.f);
  if (m_format == 1) {
    ImGui::SameLine(0, ui.px(24));
    field("export.quality");
    ImGui::SetNextItemWidth(ui.px(150));
    ImGui::SliderInt("##export_quality", &m_quality, 50, 100);
  } else if (m_format == 2) {
    ImGui::SameLine(0, ui.px(24));
    field("export.compression");
    ImGui::SetNextItemWidth(ui.px(120));
    const char* comps[] = {"Deflate", "LZW"};
    ImGui::Combo("##export_compression", &m_compression, comps, 2);
  }
  int w = d ? d->image.pixels.cols : 0, h = d ? d->image.pixels.rows : 0;
  double bytesPerPx = d ? double(d->image.pixels.elemSize()) : 3;
  if (m_mode == Mode::ExportDesign && ui.wb.design()) {
    // The design's output at print size: the tile, its repeat or the cloth.
    const core::Design& des = ui.wb.design()->design();
    const core::ExportSize size = core::exportSize(des, des.source.pixels.size());
    w = size.width;
    h = size.height;
    if (core::designOutput(des).layout) m_dpi = float(*size.dpi);
    bytesPerPx = 3;
  }
  if (w > 0) {
    // What the artisan will get on cloth: these pixels, at this DPI.
    const core::Language l = ui.wb.tr().language();
    const double mb = double(w) * h * bytesPerPx / 1048576.0;
    ImGui::TextUnformatted(ui.tr("export.summary", {{"w", std::to_string(w)}, {"h", std::to_string(h)},
                                                      {"wcm", core::formatNumber(w / m_dpi * 2.54, 1, l)},
                                                      {"hcm", core::formatNumber(h / m_dpi * 2.54, 1, l)},
                                                      {"mb", core::formatNumber(mb, 1, l)}})
                               .c_str());
  }
}

}  // namespace canting::gui
