// Index of this file:
// [SECTION] frame and open images
// [SECTION] canvas and info
// [SECTION] motif collection
// [SECTION] import and edit form
// [SECTION] keys and files

#include "pustaka_panel.h"

#include <cmath>

#include "canting/core/file_browser.h"
#include "canting/core/image_facts.h"
#include "item_probe.h"

namespace canting::gui {

namespace im = imaging;

void PustakaPanel::setSearch(const std::string& text) { std::snprintf(m_search, sizeof m_search, "%s", text.c_str()); }

void PustakaPanel::beginImport(const std::filesystem::path& image) {
  m_formOpen = true;
  m_formImage = image;
  m_formId.clear();
  std::snprintf(m_formName, sizeof m_formName, "%s", image.stem().string().c_str());
  m_formFamily[0] = m_formOrigin[0] = m_formMeaning[0] = 0;
}

// [SECTION] frame and open images

void PustakaPanel::draw(UiContext& ui) {
  m_hovered.reset();
  // Two views: the collection of motifs, and the images opened to look at.
  const std::string open = ui.tr("pustaka.view.open", {{"n", std::to_string(ui.wb.documents().size())}}) + "###view_open";
  if (int(ui.wb.documents().size()) > m_lastDocs) m_view = View::OpenImages;  // a new image: show it
  m_lastDocs = int(ui.wb.documents().size());
  if (ImGui::RadioButton(label(ui, "pustaka.view.collection").c_str(), m_view == View::Collection)) m_view = View::Collection;
  probe::note("@pustaka.view.collection");
  ImGui::SameLine();
  if (ImGui::RadioButton(open.c_str(), m_view == View::OpenImages)) m_view = View::OpenImages;
  probe::note("@pustaka.view.open");
  drawMetaForm(ui);
  if (m_view == View::Collection) {
    drawCollection(ui);
    return;
  }
  core::Document* doc = ui.wb.active();
  if (!doc) {
    drawEmptyState(ui);
    return;
  }
  drawTabs(ui);
  doc = ui.wb.active();  // a tab may have been closed
  if (!doc) return;
  const float infoW = ui.px(340.f);
  ImGui::BeginChild("canvas", ImVec2(-infoW - ImGui::GetStyle().ItemSpacing.x, 0), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  drawCanvas(ui, *doc);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("info", ImVec2(infoW, 0), true);
  drawInfo(ui, *doc);
  ImGui::EndChild();
}

void PustakaPanel::drawTabs(UiContext& ui) {
  if (!ImGui::BeginTabBar("documents", ImGuiTabBarFlags_AutoSelectNewTabs | ImGuiTabBarFlags_FittingPolicyScroll)) return;
  int toClose = 0;
  const int activeId = ui.wb.active() ? ui.wb.active()->id : 0;
  // When the model changed the active document (a file was opened), the tab
  // bar is told once; otherwise the tab bar's selection is the user's click.
  const bool modelChanged = activeId != m_lastActive;
  for (const auto& d : ui.wb.documents()) {
    bool open = true;
    const std::string title = d->name + "##doc" + std::to_string(d->id);
    const ImGuiTabItemFlags flags = modelChanged && d->id == activeId ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem(title.c_str(), &open, flags)) {
      if (!modelChanged && d->id != activeId) ui.wb.activate(d->id);
      ImGui::EndTabItem();
    }
    if (!open) toClose = d->id;
  }
  ImGui::EndTabBar();
  m_lastActive = ui.wb.active() ? ui.wb.active()->id : 0;
  if (toClose) ui.wb.post([&wb = ui.wb, toClose] { wb.close(toClose); });
}

void PustakaPanel::drawEmptyState(UiContext& ui) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + avail.x, p.y + avail.y), IM_COL32(0xFA, 0xF4, 0xE6, 0xFF), ui.px(8));
  // A dashed drop zone says "drop here" without words.
  const float m = ui.px(28), dash = ui.px(14);
  const ImVec2 a(p.x + m, p.y + m), b(p.x + avail.x - m, p.y + avail.y - m);
  for (float x = a.x; x < b.x; x += 2 * dash) {
    dl->AddLine(ImVec2(x, a.y), ImVec2(std::min(x + dash, b.x), a.y), color::kSoga, ui.px(2));
    dl->AddLine(ImVec2(x, b.y), ImVec2(std::min(x + dash, b.x), b.y), color::kSoga, ui.px(2));
  }
  for (float y = a.y; y < b.y; y += 2 * dash) {
    dl->AddLine(ImVec2(a.x, y), ImVec2(a.x, std::min(y + dash, b.y)), color::kSoga, ui.px(2));
    dl->AddLine(ImVec2(b.x, y), ImVec2(b.x, std::min(y + dash, b.y)), color::kSoga, ui.px(2));
  }
  const std::string& title = ui.tr("pustaka.empty.title");
  const std::string& hint = ui.tr("pustaka.empty.hint");
  ImGui::PushFont(ui.fonts.heading);
  const ImVec2 ts = ImGui::CalcTextSize(title.c_str());
  ImGui::SetCursorScreenPos(ImVec2(p.x + (avail.x - ts.x) / 2, p.y + avail.y * 0.36f));
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopFont();
  const ImVec2 hs = ImGui::CalcTextSize(hint.c_str());
  ImGui::SetCursorScreenPos(ImVec2(p.x + (avail.x - hs.x) / 2, ImGui::GetCursorScreenPos().y));
  ImGui::TextUnformatted(hint.c_str());
  const float bw = ui.px(260), gap = ImGui::GetStyle().ItemSpacing.x;
  ImGui::SetCursorScreenPos(ImVec2(p.x + (avail.x - 2 * bw - gap) / 2, ImGui::GetCursorScreenPos().y + ui.px(16)));
  if (ImGui::Button(label(ui, "pustaka.empty.open").c_str(), ImVec2(bw, ui.px(48)))) m_request = openRequest(ui);
  probe::note("@pustaka.empty.open");
  ImGui::SameLine();
  const bool demo = ImGui::Button(label(ui, "pustaka.empty.demo").c_str(), ImVec2(bw, ui.px(48)));
  probe::note("@pustaka.empty.demo");
  if (demo) {
    std::vector<std::filesystem::path> demo;
    if (auto list = core::listDirectory(ui.wb.demoFolder(), true))
      for (const auto& e : *list)
        if (e.isImage) demo.push_back(e.path);
    if (demo.empty()) ui.wb.notify(core::Notice::Kind::Error, ui.tr("pustaka.no_demo", {{"path", ui.wb.demoFolder().string()}}));
    ui.wb.openFiles(demo);
  }
  if (ui.wb.loading() > 0) {
    const std::string msg = ui.tr("pustaka.loading", {{"n", std::to_string(ui.wb.loading())}});
    const ImVec2 ls = ImGui::CalcTextSize(msg.c_str());
    ImGui::SetCursorScreenPos(ImVec2(p.x + (avail.x - ls.x) / 2, ImGui::GetCursorScreenPos().y + ui.px(10)));
    ImGui::TextUnformatted(msg.c_str());
  }
}

// [SECTION] canvas and info

void PustakaPanel::drawCanvas(UiContext& ui, core::Document& doc) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 size = ImGui::GetContentRegionAvail();
  if (size.x < 2 || size.y < 2) return;
  m_canvasSize = {size.x, size.y};
  const cv::Mat& px = doc.image.pixels;
  const core::Vec2 imgSize{double(px.cols), double(px.rows)};
  if (doc.needsFit) {
    doc.view.fit(imgSize, m_canvasSize);
    doc.needsFit = false;
  }
  ImGui::InvisibleButton("canvas_input", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
  probe::note("@pustaka.canvas");
  const bool hovered = ImGui::IsItemHovered();
  ImGuiIO& io = ImGui::GetIO();
  const core::Vec2 mouse{io.MousePos.x - p.x, io.MousePos.y - p.y};
  if (hovered && io.MouseWheel != 0) doc.view.wheel(mouse, io.MouseWheel);
  if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 0)))
    doc.view.pan({io.MouseDelta.x, io.MouseDelta.y});
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) doc.view.fit(imgSize, m_canvasSize);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(p, ImVec2(p.x + size.x, p.y + size.y), true);
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), color::kCanvas);
  const core::Vec2 a = doc.view.imageToScreen({0, 0}), b = doc.view.imageToScreen(imgSize);
  const ImVec2 ia(p.x + float(a.x), p.y + float(a.y)), ib(p.x + float(b.x), p.y + float(b.y));
  if (px.channels() == 4) {
    // Checkerboard under transparent images, in screen space so it stays calm.
    const float cs = ui.px(12);
    const ImVec2 c0(std::max(ia.x, p.x), std::max(ia.y, p.y)), c1(std::min(ib.x, p.x + size.x), std::min(ib.y, p.y + size.y));
    for (float y = c0.y; y < c1.y; y += cs)
      for (float x = c0.x; x < c1.x; x += cs) {
        const bool dark = (int((x - ia.x) / cs) + int((y - ia.y) / cs)) % 2;
        dl->AddRectFilled(ImVec2(x, y), ImVec2(std::min(x + cs, c1.x), std::min(y + cs, c1.y)),
                          dark ? IM_COL32(0xC8, 0xC0, 0xB4, 0xFF) : IM_COL32(0xEE, 0xE8, 0xDE, 0xFF));
      }
  }
  drawImage(dl, ui.textures.tiles("doc:" + std::to_string(doc.id), doc.version, px), px.cols, px.rows, ia, ib);
  dl->AddRect(ImVec2(ia.x - 1, ia.y - 1), ImVec2(ib.x + 1, ib.y + 1), IM_COL32(0, 0, 0, 90));
  dl->PopClipRect();

  if (hovered) {
    const core::Vec2 ip = doc.view.screenToImage(mouse);
    if (ip.x >= 0 && ip.y >= 0 && ip.x < imgSize.x && ip.y < imgSize.y) {
      m_hovered = cv::Point(int(ip.x), int(ip.y));
      m_hoveredDoc = doc.id;
    }
  }
  // Zoom buttons on the canvas itself, for mouse users who never find the menu.
  const float bs = ui.px(40);
  ImGui::SetCursorScreenPos(ImVec2(p.x + ui.px(10), p.y + size.y - bs - ui.px(10)));
  if (ImGui::Button("-##zoom_out", ImVec2(bs, bs))) doc.view.zoomAt({size.x / 2, size.y / 2}, 1 / core::ViewTransform::kWheelStep);
  ImGui::SameLine();
  if (ImGui::Button("+##zoom_in", ImVec2(bs, bs))) doc.view.zoomAt({size.x / 2, size.y / 2}, core::ViewTransform::kWheelStep);
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "view.fit").c_str(), ImVec2(0, bs))) doc.view.fit(imgSize, m_canvasSize);
  ImGui::SameLine();
  if (ImGui::Button("1:1##one_to_one", ImVec2(0, bs))) doc.view.oneToOne(m_canvasSize);
}

void PustakaPanel::drawInfo(UiContext& ui, core::Document& doc) {
  ImGui::PushFont(ui.fonts.heading);
  ImGui::TextWrapped("%s", doc.name.c_str());
  ImGui::PopFont();
  ImGui::Separator();
  auto row = [&](const char* key, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", ui.tr(key).c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", value.c_str());
  };
  if (ImGui::BeginTable("facts", 2, ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, ui.px(130));
    ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
    for (const core::Fact& f : core::imageFacts(doc.image, ui.wb.tr(), doc.distinctColors, doc.previewFactor)) row(f.labelKey.c_str(), f.value);
    ImGui::EndTable();
  }
  ImGui::Spacing();
  // DPI: the artisan's print scale. Editing it changes the print size, not the pixels.
  if (m_dpiDocId != doc.id) {
    m_dpiDocId = doc.id;
    m_dpiEdit = doc.image.dpi ? float(doc.image.dpi->x) : 300.f;
  }
  ImGui::TextWrapped("%s", ui.tr("pustaka.set_dpi").c_str());
  ImGui::SetNextItemWidth(ui.px(120));
  ImGui::InputFloat("##dpi_edit", &m_dpiEdit, 0, 0, "%.0f");
  m_dpiEdit = std::clamp(m_dpiEdit, 1.f, 65535.f);
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "pustaka.apply_dpi").c_str())) ui.wb.setActiveDpi({m_dpiEdit, m_dpiEdit});
  ImGui::Spacing();
  ImGui::Separator();
  if (ImGui::Button(label(ui, "pustaka.export").c_str(), ImVec2(-1, ui.px(48)))) m_request = exportRequest(doc);
  probe::note("@pustaka.export");
  if (ImGui::Button(label(ui, "pustaka.to_studio").c_str(), ImVec2(-1, ui.px(48))))
    ui.wb.post([&wb = ui.wb] { wb.openDesignFromActive(); });
  probe::note("@pustaka.to_studio");
  if (m_hovered) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", ui.tr("pustaka.pixel", {{"x", std::to_string(m_hovered->x)}, {"y", std::to_string(m_hovered->y)}}).c_str());
  }
}

// [SECTION] motif collection

void PustakaPanel::drawCollection(UiContext& ui) {
  core::MotifLibrary& lib = ui.wb.library();
  const core::Language lang = ui.wb.tr().language();
  ImGui::SetNextItemWidth(ui.px(300));
  ImGui::InputTextWithHint("##search", ui.tr("library.search").c_str(), m_search, sizeof m_search);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui.px(260));
  const std::string all = ui.tr("library.all_families");
  if (ImGui::BeginCombo("##family", m_family.empty() ? all.c_str() : m_family.c_str())) {
    if (ImGui::Selectable(all.c_str(), m_family.empty())) m_family.clear();
    for (const auto& f : lib.families(lang))
      if (ImGui::Selectable(f.c_str(), f == m_family)) m_family = f;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "library.import").c_str()))
    m_request = FileRequest{FileBrowserPanel::Mode::ImportMotif, {}, {}, 0};
  probe::note("@library.import");
  if (lib.canUndoRemove()) {
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "library.undo_delete").c_str()))
      ui.wb.post([&wb = ui.wb] {
        if (auto st = wb.library().undoRemove(); !st) wb.notify(core::Notice::Kind::Error, wb.tr().message(st.error()));
      });
    probe::note("@library.undo_delete");
  }
  const auto shown = lib.filter(m_search, m_family, lang, true);
  const core::LibraryMotif* sel = lib.find(m_selected);
  if (!sel) sel = lib.findAwaiting(m_selected);
  const float infoW = ui.px(340.f);
  ImGui::BeginChild("library_grid", ImVec2(-infoW - ImGui::GetStyle().ItemSpacing.x, 0), true);
  if (shown.empty()) ImGui::TextWrapped("%s", ui.tr("library.nothing_found").c_str());
  const float cell = ui.px(170), thumb = ui.px(140);
  const int cols = std::max(1, int(ImGui::GetContentRegionAvail().x / (cell + ImGui::GetStyle().ItemSpacing.x)));
  for (int i = 0; i < int(shown.size()); ++i) {
    const core::LibraryMotif& m = *shown[std::size_t(i)];
    if (i % cols) ImGui::SameLine();
    ImGui::PushID(m.id.c_str());
    const ImVec2 p = ImGui::GetCursorScreenPos();
    if (ImGui::Selectable("##card", m.id == m_selected, ImGuiSelectableFlags_AllowDoubleClick, ImVec2(cell, cell + ui.px(24)))) {
      m_selected = m.id;
      if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && !m.awaitingImage) ui.wb.openFiles({m.image});
    }
    probe::note("@library.card." + m.id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (ImGui::IsItemVisible()) {
      const ImVec2 a(p.x + (cell - thumb) / 2, p.y + ui.px(6));
      if (m.awaitingImage) {  // an empty frame that says what it waits for
        const ImU32 ink = ImGui::GetColorU32(ImGuiCol_TextDisabled);
        dl->AddRect(a, ImVec2(a.x + thumb, a.y + thumb), ink, ui.px(6), 0, ui.px(2));
        const std::string& w = ui.tr("library.awaiting_badge");
        const float wrap = thumb - ui.px(16);
        const ImVec2 ws = ImGui::CalcTextSize(w.c_str(), nullptr, false, wrap);
        dl->AddText(nullptr, 0, ImVec2(a.x + (thumb - ws.x) / 2, a.y + (thumb - ws.y) / 2), ink, w.c_str(), nullptr, wrap);
      } else if (const cv::Mat* t = ui.wb.thumbnails().get(m.image)) {
        const float s = std::min(thumb / t->cols, thumb / t->rows);
        drawImage(dl, ui.textures.tiles("thumb:" + m.image.string(), 1, *t), t->cols, t->rows, a, ImVec2(a.x + t->cols * s, a.y + t->rows * s));
      }
      const ImVec2 ns = ImGui::CalcTextSize(m.name.c_str());
      dl->AddText(ImVec2(p.x + std::max(0.f, (cell - ns.x) / 2), p.y + thumb + ui.px(10)), ImGui::GetColorU32(ImGuiCol_Text), m.name.c_str());
      if (m.generated) {  // a drawn variant, marked as such
        const std::string& g = ui.tr("library.generated_badge");
        const ImVec2 gs = ImGui::CalcTextSize(g.c_str());
        dl->AddRectFilled(ImVec2(a.x, a.y), ImVec2(a.x + gs.x + ui.px(8), a.y + gs.y + ui.px(4)), IM_COL32(0x2C, 0x3A, 0x6E, 0xE0), ui.px(3));
        dl->AddText(ImVec2(a.x + ui.px(4), a.y + ui.px(2)), IM_COL32(0xF4, 0xEB, 0xD6, 0xFF), g.c_str());
      }
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("library_info", ImVec2(infoW, 0), true);
  if (sel) drawMotifInfo(ui, *sel);
  else ImGui::TextWrapped("%s", ui.tr("library.pick_hint").c_str());
  ImGui::EndChild();
}

void PustakaPanel::drawMotifInfo(UiContext& ui, const core::LibraryMotif& m) {
  const core::Language l = ui.wb.tr().language();
  ImGui::PushFont(ui.fonts.heading);
  ImGui::TextWrapped("%s", m.name.c_str());
  ImGui::PopFont();
  // The actions first, where a mouse user looks; the story below.
  const float w = ImGui::GetContentRegionAvail().x;
  if (m.awaitingImage) {
    // Nothing to open or send to the Studio until the centre's image is in.
    ImGui::TextWrapped("%s", ui.tr("library.awaiting_note").c_str());
    if (ImGui::Button(label(ui, "library.fill").c_str(), ImVec2(w, ui.px(40)))) {
      m_fillId = m.id;
      m_request = FileRequest{FileBrowserPanel::Mode::ImportMotif, {}, {}, kFillTag};
    }
    probe::note("@library.fill");
  } else {
    if (ImGui::Button(label(ui, "library.open").c_str(), ImVec2(w, ui.px(40)))) ui.wb.openFiles({m.image});
    probe::note("@library.open");
    if (ImGui::Button(label(ui, "library.to_studio").c_str(), ImVec2(w, ui.px(40))))
      ui.wb.post([&wb = ui.wb, image = m.image] { wb.openDesignFile(image); });
    probe::note("@library.to_studio");
    // A photo of cloth goes to the lab and the gallery by its raport tile (core/photo_raport.h).
    if (ImGui::Button(label(ui, "library.to_lab").c_str(), ImVec2(w, ui.px(40)))) ui.wb.sendFileToLab(m.image, m.name);
    probe::note("@library.to_lab");
    if (ImGui::Button(label(ui, "library.to_gallery").c_str(), ImVec2(w, ui.px(40)))) ui.wb.showInGallery(m.id);
    probe::note("@library.to_gallery");
  }
  if (!m.bundled) {
    if (ImGui::Button(label(ui, "library.edit").c_str(), ImVec2(w, ui.px(40)))) {
      m_formOpen = true;
      m_formId = m.id;
      m_formImage.clear();
      std::snprintf(m_formName, sizeof m_formName, "%s", m.name.c_str());
      std::snprintf(m_formFamily, sizeof m_formFamily, "%s", m.family[0].c_str());
      std::snprintf(m_formOrigin, sizeof m_formOrigin, "%s", m.origin[0].c_str());
      std::snprintf(m_formMeaning, sizeof m_formMeaning, "%s", m.meaning[0].c_str());
    }
    if (ImGui::Button(label(ui, "library.delete").c_str(), ImVec2(w, ui.px(40)))) {
      // After the frame: the rest of this card still reads `m`.
      ui.wb.post([this, &wb = ui.wb, id = m.id] {
        if (auto st = wb.library().remove(id); !st) wb.notify(core::Notice::Kind::Error, wb.tr().message(st.error()));
        else if (m_selected == id) m_selected.clear();
      });
    }
    probe::note("@library.delete");
  }
  ImGui::Separator();
  auto field = [&](const char* key, const std::string& v) {
    ImGui::TextDisabled("%s", ui.tr(key).c_str());
    ImGui::TextWrapped("%s", v.empty() ? ui.tr("library.not_known").c_str() : v.c_str());
  };
  field("library.family", m.familyIn(l));
  field("library.origin", m.originIn(l));
  field("library.meaning", m.meaningIn(l));
  if (!m.coloursIn(l).empty()) field("library.colours", m.coloursIn(l));
  if (!m.geometryIn(l).empty()) field("library.geometry", m.geometryIn(l));
  if (m.generated) {
    ImGui::Spacing();
    ImGui::TextWrapped("%s", ui.tr("library.generated_note").c_str());
  }
  if (!m.sources.empty()) {
    ImGui::TextDisabled("%s", ui.tr("library.sources").c_str());
    for (const auto& s : m.sources) {
      ImGui::PushTextWrapPos();
      ImGui::TextDisabled("%s", s.c_str());
      ImGui::PopTextWrapPos();
    }
  }
}

// [SECTION] import and edit form

void PustakaPanel::drawMetaForm(UiContext& ui) {
  const char* id = "###motif_meta";
  if (m_formOpen && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  ImGui::SetNextWindowSize(ImVec2(ui.px(560), 0));
  const std::string title = ui.tr(m_formId.empty() ? "library.form.title_import" : "library.form.title_edit") + id;
  if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoResize)) return;
  auto field = [&](const char* key, char* buf, std::size_t n, bool multi) {
    ImGui::TextUnformatted(ui.tr(key).c_str());
    ImGui::SetNextItemWidth(-1);
    if (multi) ImGui::InputTextMultiline((std::string("##") + key).c_str(), buf, n, ImVec2(-1, ui.px(80)));
    else ImGui::InputText((std::string("##") + key).c_str(), buf, n);
  };
  field("library.form.name", m_formName, sizeof m_formName, false);
  field("library.family", m_formFamily, sizeof m_formFamily, false);
  field("library.origin", m_formOrigin, sizeof m_formOrigin, false);
  field("library.meaning", m_formMeaning, sizeof m_formMeaning, true);
  ImGui::TextWrapped("%s", ui.tr("library.form.hint").c_str());
  const core::MotifMeta meta{m_formName, m_formFamily, m_formOrigin, m_formMeaning};
  if (ImGui::Button(label(ui, "library.form.save").c_str(), ImVec2(ui.px(160), 0))) {
    // The collection drawn below this form holds pointers into the library: change it after the frame.
    ui.wb.post([this, &wb = ui.wb, meta, image = m_formImage, id = m_formId] {
      if (id.empty()) {
        auto r = wb.library().import(image, meta);
        if (r) m_selected = *r;
        else wb.notify(core::Notice::Kind::Error, wb.tr().message(r.error()));
      } else if (auto st = wb.library().update(id, meta); !st) {
        wb.notify(core::Notice::Kind::Error, wb.tr().message(st.error()));
      }
    });
    m_formOpen = false;
    m_view = View::Collection;
    ImGui::CloseCurrentPopup();
  }
  probe::note("@library.form.save");
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "browser.cancel").c_str(), ImVec2(ui.px(160), 0))) {
    m_formOpen = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void PustakaPanel::fileChosen(UiContext& ui, int tag, const std::filesystem::path& path) {
  if (tag != kFillTag) return beginImport(path);
  // The collection holds pointers into the library: fill it after the frame.
  ui.wb.post([this, &wb = ui.wb, id = m_fillId, path] {
    auto r = wb.library().fill(id, path);
    if (r) m_selected = *r;
    else wb.notify(core::Notice::Kind::Error, wb.tr().message(r.error()));
  });
}

// [SECTION] keys and files

void PustakaPanel::shortcuts(UiContext& ui) {
  core::Document* d = ui.wb.active();
  if (!d) return;
  if (ImGui::IsKeyPressed('0')) d->view.fit({double(d->image.pixels.cols), double(d->image.pixels.rows)}, m_canvasSize);
  if (ImGui::IsKeyPressed('1')) d->view.oneToOne(m_canvasSize);
}

std::optional<FileRequest> PustakaPanel::takeFileRequest(UiContext&) { return std::exchange(m_request, std::nullopt); }

FileRequest PustakaPanel::exportRequest(const core::Document& doc) {
  const std::filesystem::path folder = doc.path.has_parent_path() ? doc.path.parent_path() : core::startFolder({});
  return {FileBrowserPanel::Mode::Export, folder, std::filesystem::path(doc.name).stem().string() + "-cetak.png", 0};
}

}  // namespace canting::gui
