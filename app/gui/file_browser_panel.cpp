// Index of this file:
// [SECTION] navigation
// [SECTION] export and save paths
// [SECTION] confirm and activate
// [SECTION] drawing

#include "file_browser_panel.h"

#include <cmath>
#include <cstring>

#include "canting/core/paths.h"
#include "canting/core/print_size.h"
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
  m_kind = kindFor(mode, suggestedName);
  m_wantOpen = true;
  m_suggested = suggestedName;
  setName(suggestedName);
  m_extension = fs::path(suggestedName).extension().string();
  navigate(folder);
}

core::FileKind FileBrowserPanel::kindFor(Mode mode, const std::string& suggestedName) {
  switch (mode) {
    case Mode::Open:
    case Mode::Export:
    case Mode::ExportDesign:
    case Mode::ImportMotif: return core::FileKind::Image;
    case Mode::OpenDesign:
    case Mode::SaveProject: return core::FileKind::Project;
    case Mode::ExportPalette: return core::FileKind::Palette;
    case Mode::SaveRecipe: return core::FileKind::Pdf;
    case Mode::SaveFile:
    case Mode::PickFile: break;
  }
  return core::fileKindOf(suggestedName);
}

// By value: callers pass paths from m_entries, which this replaces.
void FileBrowserPanel::navigate(fs::path folder) {
  if (!m_root.empty() && !within(folder, m_root)) folder = m_root;
  m_selected = -1;
  m_listError.clear();
  auto list = core::listDirectory(folder, m_kind);
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

void FileBrowserPanel::setName(const std::string& name) {
  std::snprintf(m_name, sizeof m_name, "%s", name.c_str());
  ++m_nameGeneration;
}

core::TypedPath FileBrowserPanel::typed() const { return core::resolveTypedPath(m_folder, m_name, core::homeDir()); }

fs::path FileBrowserPanel::exportPath() const {
  const core::TypedPath t = typed();
  fs::path name = t.name;
  if (im::formatFromExtension(name.string()) != exportFormat()) name.replace_extension(kExportExt[m_format]);
  return t.folder / name;
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
  const core::TypedPath t = typed();
  fs::path name = t.name;
  switch (m_mode) {
    case Mode::SaveProject:
      if (name.extension() != ".canting") name += ".canting";
      return t.folder / name;
    case Mode::SaveRecipe:
      if (name.extension() != ".pdf") name += ".pdf";
      return t.folder / name;
    case Mode::SaveFile:
      if (name.extension().empty()) name += m_extension;
      return t.folder / name;
    case Mode::ExportPalette: {
      const char* ext[] = {".json", ".gpl", ".png"};
      name.replace_extension(ext[m_paletteFormat]);
      return t.folder / name;
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
  ui.wb.rememberFolder(typed().folder, m_kind);
  close();
}

// The Save or Open button, or Enter in the name field: a typed folder (or one
// outside where browsing is kept) is opened, a typed file is saved or opened.
void FileBrowserPanel::submit(UiContext& ui) {
  const core::TypedPath t = typed();
  if (t.isFolder() || (!m_root.empty() && !within(t.folder, m_root))) {
    navigate(t.folder);
    setName(saving() ? m_suggested : std::string());
    return;
  }
  if (saving()) {
    confirm(ui);
    return;
  }
  core::BrowserEntry e;
  e.path = t.folder / t.name;
  e.name = t.name;
  std::error_code ec;
  if (!fs::exists(e.path, ec)) {
    ui.wb.notify(core::Notice::Kind::Error, ui.tr("error.file_not_found", {{"path", e.path.string()}}));
    return;
  }
  activate(ui, e);
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
    else if (m_mode == Mode::OpenDesign) ui.wb.post([&wb = ui.wb, path = e.path] { wb.startOpenDesign(path); });
    else m_chosen = e.path;
    ui.wb.rememberFolder(e.path.parent_path(), m_kind);
    close();
  } else {
    setName(e.name);
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

  const bool printSize = m_mode == Mode::Export || m_mode == Mode::ExportDesign;
  const float footer = ui.px(printSize ? 236.f : saving() ? 150.f : 110.f);
  const float placesW = ui.px(240.f);
  ImGui::BeginChild("places", ImVec2(placesW, -footer), true);
  drawPlaces(ui);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("grid", ImVec2(0, -footer), true);
  drawGrid(ui);
  ImGui::EndChild();

  bool entered = drawFields(ui);
  if (m_open && printSize) drawPrintSize(ui);
  const bool selected = m_selected >= 0 && m_selected < int(m_entries.size());
  // Enter on a folder (or file) picked in the grid opens it, as a double click does.
  if (!entered && selected && !ImGui::IsAnyItemActive() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false)) {
    activate(ui, m_entries[std::size_t(m_selected)]);
    entered = true;
  }

  const float bw = ui.px(160.f);
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - 2 * bw - ImGui::GetStyle().ItemSpacing.x);
  // The button names what it will do: a typed folder is opened, not saved.
  const bool typedFolder = std::strlen(m_name) > 0 && typed().isFolder();
  const bool canGo = std::strlen(m_name) > 0 || (!saving() && selected);
  if (!canGo) ImGui::BeginDisabled();
  const bool go = ImGui::Button(label(ui, saving() && !typedFolder ? "browser.save" : "browser.open", "browser_go").c_str(), ImVec2(bw, 0));
  probe::note(saving() ? "@browser.save" : "@browser.open");
  if (go && m_open && !entered) {
    if (std::strlen(m_name) > 0) submit(ui);
    else activate(ui, m_entries[std::size_t(m_selected)]);
  }
  if (!canGo) ImGui::EndDisabled();
  ImGui::SameLine();
  const bool cancel = ImGui::Button(label(ui, "browser.cancel").c_str(), ImVec2(bw, 0));
  probe::note("@browser.cancel");
  if ((cancel || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) && m_open) close();
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
    ImGui::TextWrapped("%s", ui.tr(core::emptyFolderMessageKey(m_kind)).c_str());
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
      // A file's name goes into the field; a folder picked to open clears it, so Open opens the folder.
      if (!e.isDirectory) setName(e.name);
      else if (!saving()) setName("");
      if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
        activate(ui, e);
        break;  // the entry list may have changed
      }
    }
  }
}

bool FileBrowserPanel::drawFields(UiContext& ui) {
  ImGui::Spacing();
  // Labels before their fields: ImGui's default puts them after, which reads
  // as the label of the next field in a row.
  auto field = [&](const char* key) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ui.tr(key).c_str());
    ImGui::SameLine();
  };
  field(saving() ? "export.name" : "browser.path");
  ImGui::SetNextItemWidth(ui.px(saving() ? 360 : 620));
  ImGui::PushID(m_nameGeneration);
  const bool entered = ImGui::InputText("##export_name", m_name, sizeof m_name, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::PopID();
  probe::note("@browser.name");
  hoverTooltip(ui, ui.tr("browser.path_hint"));
  // A typed path says where it leads, so a full path is seen to be understood.
  if (const std::string n = m_name; !entered && (n.find('/') != std::string::npos || n.rfind("~", 0) == 0)) {
    const core::TypedPath t = typed();
    const std::string where = t.isFolder() ? ui.tr("browser.will_open", {{"path", t.folder.string()}})
                              : saving()   ? ui.tr("browser.will_save", {{"path", savePath().string()}})
                                           : ui.tr("browser.will_open", {{"path", (t.folder / t.name).string()}});
    ImGui::SameLine();
    ImGui::TextDisabled("%s", where.c_str());
  }
  if (entered) submit(ui);
  if (!saving() || m_mode == Mode::SaveProject || m_mode == Mode::SaveRecipe || m_mode == Mode::SaveFile) return entered;
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
    return entered;
  }
  ImGui::SameLine(0, ui.px(24));
  field("export.format");
  ImGui::SetNextItemWidth(ui.px(110));
  const char* formats[] = {"PNG", "JPEG", "TIFF"};
  ImGui::Combo("##export_format", &m_format, formats, 3);
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
  return entered;
}

// The size on cloth: width or height in cm, or the DPI; the other two follow
// from the pixels (core::printSize). A cloth layout fixes its own size.
void FileBrowserPanel::drawPrintSize(UiContext& ui) {
  const core::Document* d = m_mode == Mode::Export ? ui.wb.active() : nullptr;
  int w = d ? d->image.pixels.cols : 0, h = d ? d->image.pixels.rows : 0;
  double bytesPerPx = d ? double(d->image.pixels.elemSize()) : 3;
  bool layout = false;
  if (m_mode == Mode::ExportDesign && ui.wb.design()) {
    // The design's output at print size: the tile, its repeat or the cloth.
    const core::Design& des = ui.wb.design()->design();
    const core::ExportSize size = core::exportSize(des, des.source.pixels.size());
    w = size.width;
    h = size.height;
    layout = core::designOutput(des).layout != nullptr;
    if (layout) m_dpi = float(*size.dpi);
    bytesPerPx = 3;
  }
  if (w <= 0 || h <= 0) return;
  const cv::Size px(w, h);
  if (m_askWidthCm > 0 && !layout)
    if (auto size = core::printSize(px, core::PrintBy::WidthCm, std::exchange(m_askWidthCm, 0))) m_dpi = float(size->dpi);
  const core::Language l = ui.wb.tr().language();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ui.tr("export.cloth_size").c_str());
  ImGui::SameLine();
  ImGui::BeginDisabled(layout);
  auto cmField = [&](const char* id, const char* key, core::PrintBy by, int pixels) {
    float cm = float(pixels * 2.54 / m_dpi);
    ImGui::SetNextItemWidth(ui.px(90));
    if (ImGui::InputFloat(id, &cm, 0, 0, "%.1f"))
      if (auto size = core::printSize(px, by, cm)) m_dpi = float(size->dpi);
    probe::note(std::string("@") + (id + 2));
    ImGui::SameLine();
    ImGui::TextUnformatted(ui.tr(key).c_str());
  };
  cmField("##export_width_cm", "export.width_cm", core::PrintBy::WidthCm, w);
  ImGui::SameLine();
  ImGui::TextUnformatted("×");
  ImGui::SameLine();
  cmField("##export_height_cm", "export.height_cm", core::PrintBy::HeightCm, h);
  ImGui::SameLine(0, ui.px(24));
  ImGui::TextUnformatted(ui.tr("export.dpi").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui.px(90));
  if (ImGui::InputFloat("##export_dpi", &m_dpi, 0, 0, "%.0f")) m_dpi = std::clamp(m_dpi, 1.f, float(core::kMaxPrintDpi));
  probe::note("@export_dpi");
  ImGui::EndDisabled();
  if (layout) {
    ImGui::SameLine(0, ui.px(24));
    ImGui::TextDisabled("%s", ui.tr("export.layout_size").c_str());
  }
  // What the artisan will get on cloth: these pixels, at this DPI.
  const double mb = double(w) * h * bytesPerPx / 1048576.0;
  ImGui::TextUnformatted(ui.tr("export.summary", {{"w", std::to_string(w)}, {"h", std::to_string(h)},
                                                    {"wcm", core::formatNumber(w / m_dpi * 2.54, 1, l)},
                                                    {"hcm", core::formatNumber(h / m_dpi * 2.54, 1, l)},
                                                    {"mb", core::formatNumber(mb, 1, l)}})
                             .c_str());
  if (m_dpi < core::kMinPrintDpi) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kError));
    ImGui::TextWrapped("%s", ui.tr("export.too_low", {{"dpi", core::formatNumber(m_dpi, 0, l)}}).c_str());
    ImGui::PopStyleColor();
    probe::note("@export.too_low");
  }
}

}  // namespace canting::gui
