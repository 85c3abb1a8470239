// Studio Desain's panel: draws the core::StudioPreview of the open design
// and turns clicks and drags into DesignSession edits.
//
// [SECTION] helpers
// [SECTION] frame and toolbar
// [SECTION] operation stack and editor
// [SECTION] canvas
// [SECTION] palette and colourways
// [SECTION] history

#include "studio_panel.h"

#include <cmath>
#include <cstdint>
#include <utility>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/cloth_layout.h"

#include "canting/core/colorway_text.h"
#include "canting/core/thumbnails.h"
#include "item_probe.h"

namespace canting::gui {

namespace im = imaging;
using core::Operation;

// [SECTION] helpers

namespace {

ImVec4 toImVec(const im::Lab& lab) {
  const im::Rgb8 c = im::labToSrgb8(lab);
  return ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1.f);
}

// A slider on one number of operation `index`, of kind Op: the preview
// follows the drag through live edits, and the whole drag becomes one
// history entry when the mouse is released. `field` gives the number.
template <class Op, class Field>
void slider(UiContext& ui, core::DesignSession& s, std::size_t index, const char* key, float lo, float hi, const char* fmt, Field field,
            ImGuiSliderFlags flags = 0) {
  Op cur = *std::as_const(s).design().ops[index].template as<Op>();
  auto& value = field(cur);
  bool changed = false;
  if constexpr (std::is_same_v<std::decay_t<decltype(value)>, int>) {
    changed = ImGui::SliderInt(label(ui, key).c_str(), &value, int(lo), int(hi));
  } else {
    float f = float(value);
    changed = ImGui::SliderFloat(label(ui, key).c_str(), &f, lo, hi, fmt, flags);
    value = f;
  }
  if (ImGui::IsItemActivated()) s.beginLive();
  if (changed) s.liveEdit([&](core::Design& d) { field(*d.ops[index].template as<Op>()) = value; });
  if (ImGui::IsItemDeactivated()) s.endLive("studio.edit.adjust");
}

// An edit of operation `index`, of kind Op, as one history entry.
template <class Op, class Fn>
void editOp(core::DesignSession& s, std::size_t index, const char* labelKey, Fn change) {
  s.edit(labelKey, [&](core::Design& d) { change(*d.ops[index].template as<Op>()); });
}

const std::vector<im::Colorway> kNoColorways;
const cv::Mat kNoImage;

}  // namespace

const std::vector<im::Colorway>& StudioPanel::colorways() const { return m_preview ? m_preview->colorways() : kNoColorways; }
const cv::Mat& StudioPanel::result() const { return m_preview ? m_preview->result() : kNoImage; }
const cv::Mat& StudioPanel::output() const { return m_preview ? m_preview->output() : kNoImage; }

// [SECTION] frame and toolbar

void StudioPanel::syncPreview(UiContext& ui, core::DesignSession* s) {
  if (!m_preview) m_preview = std::make_unique<core::StudioPreview>(ui.wb.tasks());
  m_preview->update(s, ui.wb.namedPalettes(), ui.wb.designQuickPreview());
  if (m_preview->takeSessionChanged()) {
    m_needsFit = true;
    m_editSwatch = -1;
    m_selectedOp = -1;
  }
}

void StudioPanel::draw(UiContext& ui) {
  core::DesignSession* s = ui.wb.design();
  syncPreview(ui, s);
  m_photo.poll(ui, s);  // first: the pola's width follows the photo's real scale
  m_pola.poll(ui, s, s ? m_photo.realScale(*s) : core::PhotoScale{});
  if (ui.wb.designOpening()) return drawOpening(ui);  // the photo at once, the design when it is whole
  if (!s) {
    drawEmpty(ui);
    return;
  }
  drawToolbar(ui, *s);
  if (m_pola.isOpen()) return m_pola.draw(ui);
  if (m_photo.isOpen()) return m_photo.draw(ui, *s);
  const float left = ui.px(300), right = ui.px(380), gap = ImGui::GetStyle().ItemSpacing.x;
  ImGui::BeginChild("studio_ops", ImVec2(left, 0), true);
  drawOperations(ui, *s);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("studio_canvas", ImVec2(-right - gap, 0), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  drawCanvas(ui, *s);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("studio_side", ImVec2(right, 0), true);
  // Colours and colourways together (the main work); history in its own tab
  // so everything fits a 1366x768 laptop without scrolling.
  if (ImGui::BeginTabBar("studio_tabs")) {
    const std::string colours = ui.tr("studio.tab.colours") + "###tab_colours";
    if (ImGui::BeginTabItem(colours.c_str())) {
      drawPalette(ui, *s);
      ImGui::Separator();
      drawColorways(ui, *s);
      ImGui::EndTabItem();
    }
    const std::string history = ui.tr("studio.tab.history", {{"n", std::to_string(s->position())}}) + "###tab_history";
    const bool historyOpen = ImGui::BeginTabItem(history.c_str());
    probe::note("@studio.tab.history");
    if (historyOpen) {
      drawHistory(ui, *s);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
}

void StudioPanel::drawEmpty(UiContext& ui) {
  const ImVec2 avail = ImGui::GetContentRegionAvail(), p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + avail.x, p.y + avail.y), IM_COL32(0xFA, 0xF4, 0xE6, 0xFF), ui.px(8));
  ImGui::PushFont(ui.fonts.heading);
  const std::string& title = ui.tr("studio.empty.title");
  ImGui::SetCursorScreenPos(ImVec2(p.x + (avail.x - ImGui::CalcTextSize(title.c_str()).x) / 2, p.y + avail.y * 0.33f));
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopFont();
  const std::string& hint = ui.tr("studio.empty.hint");
  ImGui::SetCursorScreenPos(ImVec2(p.x + (avail.x - ImGui::CalcTextSize(hint.c_str()).x) / 2, ImGui::GetCursorScreenPos().y));
  ImGui::TextUnformatted(hint.c_str());
  const float bw = ui.px(300), bh = ui.px(48);
  const bool fromLibrary = ui.wb.active() != nullptr, recovery = ui.wb.hasRecovery();
  const int buttons = 1 + fromLibrary + recovery;
  ImGui::SetCursorScreenPos(ImVec2(p.x + (avail.x - buttons * bw - (buttons - 1) * ImGui::GetStyle().ItemSpacing.x) / 2,
                                   ImGui::GetCursorScreenPos().y + ui.px(16)));
  if (ImGui::Button(label(ui, "studio.empty.open").c_str(), ImVec2(bw, bh))) m_request = Request::OpenDesign;
  probe::note("@studio.empty.open");
  if (fromLibrary) {
    ImGui::SameLine();
    const std::string text = ui.tr("studio.empty.from_library", {{"name", ui.wb.active()->name}}) + "###from_library";
    if (ImGui::Button(text.c_str(), ImVec2(bw, bh))) ui.wb.post([&wb = ui.wb] { wb.openDesignFromActive(); });
    probe::note("@studio.empty.from_library");
  }
  if (recovery) {
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "studio.empty.recover").c_str(), ImVec2(bw, bh))) ui.wb.post([&wb = ui.wb] { wb.recover(); });
    probe::note("@studio.empty.recover");
  }
}

void StudioPanel::drawToolbar(UiContext& ui, core::DesignSession& s) {
  const std::string name = std::as_const(s).design().sourcePath.filename().string() + (s.dirty() ? " *" : "");
  ImGui::PushFont(ui.fonts.heading);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(name.c_str());
  ImGui::PopFont();
  // The toolbar wraps instead of running off a 1366-pixel screen.
  ToolbarRow row;
  auto button = [&](const char* key) {
    const std::string text = label(ui, key);
    row.next(ToolbarRow::buttonWidth(text));
    const bool pressed = ImGui::Button(text.c_str());
    probe::note(std::string("@") + key);
    return pressed;
  };
  if (button("studio.save_project")) m_request = Request::SaveProject;
  if (button("studio.export_result")) m_request = Request::ExportDesign;
  if (button("studio.export_palette")) m_request = Request::ExportPalette;
  // The pola and the photo tools each take the canvas: opening one closes the other.
  if (button(m_pola.isOpen() ? "studio.pola_close" : "studio.pola")) m_pola.setOpen(!m_pola.isOpen() && !m_photo.toggle(ui, false));
  if (button(m_photo.isOpen() ? "studio.photo_close" : "studio.photo")) m_pola.setOpen(!m_photo.toggle(ui, true) && m_pola.isOpen());
  if (button("studio.show_in_gallery")) ui.wb.post([&wb = ui.wb] { wb.sendDesignToGallery(); });
  if (button("studio.open")) m_request = Request::OpenDesign;
  // After the frame: the rest of this frame still draws the session.
  if (button("studio.close")) ui.wb.post([&wb = ui.wb] { wb.closeDesign(); });
  if (auto p = ui.wb.exportProgress()) {
    // A print-size export runs on a worker: its progress, and a way out.
    ImGui::SameLine(0, ui.px(24));
    ImGui::ProgressBar(float(*p), ImVec2(ui.px(220), 0), ui.tr("studio.exporting", {{"percent", std::to_string(int(*p * 100))}}).c_str());
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "studio.cancel_export").c_str())) ui.wb.cancelExport();
  }
}

// [SECTION] operation stack and editor

void StudioPanel::drawOperations(UiContext& ui, core::DesignSession& s) {
  ImGui::TextDisabled("%s", ui.tr("studio.operations").c_str());
  for (Operation::Kind k : core::operationKinds()) {
    const std::string text = "+ " + ui.tr(core::operationKey(k)) + "###add" + std::to_string(int(k));
    if (ImGui::Button(text.c_str(), ImVec2(-1, 0))) {
      s.edit("studio.edit.add", [&](core::Design& d) {
        Operation op = Operation::make(k);
        if (auto* r = op.as<core::RecolorOp>()) r->targets.resize(d.palette.swatches.size());
        if (auto* t = op.as<core::ToneOp>(); t && !ui.wb.namedPalettes().empty()) t->paletteId = ui.wb.namedPalettes().front().id;
        d.ops.push_back(std::move(op));
      });
      m_selectedOp = int(std::as_const(s).design().ops.size()) - 1;
    }
    probe::note(std::string("@studio.add.") + core::operationKey(k));
  }
  ImGui::Spacing();
  const auto& ops = std::as_const(s).design().ops;
  if (ops.empty()) ImGui::TextWrapped("%s", ui.tr("studio.no_operations").c_str());
  int moveFrom = -1, moveTo = -1, remove = -1;
  for (int i = 0; i < int(ops.size()); ++i) {
    ImGui::PushID(i);
    bool enabled = ops[std::size_t(i)].enabled;
    if (ImGui::Checkbox("##enabled", &enabled))
      s.edit("studio.edit.toggle", [&](core::Design& d) { d.ops[std::size_t(i)].enabled = enabled; });
    ImGui::SameLine();
    const float bw = ImGui::GetFrameHeight();
    if (ImGui::Selectable(ui.tr(core::operationKey(ops[std::size_t(i)].kind())).c_str(), m_selectedOp == i, 0,
                          ImVec2(ImGui::GetContentRegionAvail().x - 3 * (bw + ImGui::GetStyle().ItemSpacing.x), 0)))
      m_selectedOp = i;
    ImGui::SameLine();
    if (ImGui::Button("\xe2\x86\x91", ImVec2(bw, 0)) && i > 0) { moveFrom = i; moveTo = i - 1; }
    ImGui::SameLine();
    if (ImGui::Button("\xe2\x86\x93", ImVec2(bw, 0)) && i + 1 < int(ops.size())) { moveFrom = i; moveTo = i + 1; }
    ImGui::SameLine();
    if (ImGui::Button("x", ImVec2(bw, 0))) remove = i;
    ImGui::PopID();
  }
  if (moveFrom >= 0) {
    s.edit("studio.edit.move", [&](core::Design& d) { std::swap(d.ops[std::size_t(moveFrom)], d.ops[std::size_t(moveTo)]); });
    m_selectedOp = moveTo;
  }
  if (remove >= 0) {
    s.edit("studio.edit.remove", [&](core::Design& d) { d.ops.erase(d.ops.begin() + remove); });
    m_selectedOp = -1;
  }
  if (m_selectedOp >= 0 && m_selectedOp < int(std::as_const(s).design().ops.size())) {
    ImGui::Separator();
    drawOperationEditor(ui, s, m_selectedOp);
  }
}

void StudioPanel::drawOperationEditor(UiContext& ui, core::DesignSession& s, int at) {
  const std::size_t index = std::size_t(at);
  const Operation& op = std::as_const(s).design().ops[index];
  const core::Language lang = ui.wb.tr().language();
  if (const auto* r = op.as<core::RecolorOp>()) {
    using Mode = im::RecolorMode;
    for (auto [mode, key] : {std::pair{Mode::ShadingPreserving, "studio.mode.shading"}, std::pair{Mode::Flat, "studio.mode.flat"}})
      if (ImGui::RadioButton(label(ui, key).c_str(), r->mode == mode) && r->mode != mode)
        editOp<core::RecolorOp>(s, index, "studio.edit.mode", [mode = mode](core::RecolorOp& o) { o.mode = mode; });
    ImGui::TextWrapped("%s", ui.tr("studio.recolor_hint").c_str());
  } else if (op.as<core::AdjustOp>()) {
    using A = core::AdjustOp;
    slider<A>(ui, s, index, "studio.hue", -180, 180, "%.0f\xc2\xb0", [](A& o) -> double& { return o.adjust.hueShift; });
    slider<A>(ui, s, index, "studio.chroma", 0, 2, "%.2f", [](A& o) -> double& { return o.adjust.chromaScale; });
    slider<A>(ui, s, index, "studio.lightness", 0.5f, 1.5f, "%.2f", [](A& o) -> double& { return o.adjust.lightnessScale; });
    slider<A>(ui, s, index, "studio.contrast", 0.5f, 2, "%.2f", [](A& o) -> double& { return o.adjust.contrast; });
  } else if (op.as<core::QuantizeOp>()) {
    slider<core::QuantizeOp>(ui, s, index, "studio.colours", 2, 16, nullptr, [](core::QuantizeOp& o) -> int& { return o.colours; });
  } else if (const auto* t = op.as<core::TransformOp>()) {
    using T = core::TransformOp;
    ImGui::TextUnformatted(ui.tr("studio.rotate").c_str());
    for (int q = 0; q < 4; ++q) {
      if (q) ImGui::SameLine();
      const std::string text = std::to_string(q * 90) + "\xc2\xb0###rot" + std::to_string(q);
      if (ImGui::RadioButton(text.c_str(), t->quarterTurns == q) && t->quarterTurns != q)
        editOp<T>(s, index, "studio.edit.adjust", [q](T& o) { o.quarterTurns = q; });
    }
    bool fh = t->flipH, fv = t->flipV, seam = t->seamless;
    if (ImGui::Checkbox(label(ui, "studio.flip_h").c_str(), &fh)) editOp<T>(s, index, "studio.edit.adjust", [fh](T& o) { o.flipH = fh; });
    if (ImGui::Checkbox(label(ui, "studio.flip_v").c_str(), &fv)) editOp<T>(s, index, "studio.edit.adjust", [fv](T& o) { o.flipV = fv; });
    slider<T>(ui, s, index, "studio.scale", 0.25f, 4.f, "%.2f\xc3\x97", [](T& o) -> double& { return o.scale; }, ImGuiSliderFlags_Logarithmic);
    if (ImGui::Checkbox(label(ui, "studio.seamless").c_str(), &seam))
      editOp<T>(s, index, "studio.edit.adjust", [seam](T& o) { o.seamless = seam; });
    hoverTooltip(ui, ui.tr("studio.seamless_hint"));
  } else if (const auto* sym = op.as<core::SymmetryOp>()) {
    if (ImGui::BeginCombo(label(ui, "studio.group").c_str(), sym->name().c_str())) {
      for (const core::SymmetryOp& g : core::SymmetryOp::all())
        if (ImGui::Selectable(g.name().c_str(), g == *sym)) editOp<core::SymmetryOp>(s, index, "studio.edit.adjust", [&g](auto& o) { o = g; });
      ImGui::EndCombo();
    }
    ImGui::TextWrapped("%s", ui.tr("studio.symmetry_hint").c_str());
  } else if (op.as<core::RepeatOp>() || op.as<core::LayoutOp>()) {
    const auto* rep = op.as<core::RepeatOp>();
    const auto* lay = op.as<core::LayoutOp>();
    const im::RepeatSpec spec = rep ? rep->repeat : lay->repeat;
    // The body's repeat, the same control for both kinds.
    auto setSpec = [&](auto change) {
      s.edit("studio.edit.adjust", [&](core::Design& d) {
        if (auto* r = d.ops[index].as<core::RepeatOp>()) change(r->repeat);
        if (auto* l = d.ops[index].as<core::LayoutOp>()) change(l->repeat);
      });
    };
    if (ImGui::BeginCombo(label(ui, "studio.repeat_layout").c_str(), ui.tr(std::string("studio.repeat.") + im::repeatName(spec.layout)).c_str())) {
      for (auto l : core::repeatLayouts())
        if (ImGui::Selectable(ui.tr(std::string("studio.repeat.") + im::repeatName(l)).c_str(), l == spec.layout))
          setSpec([l](im::RepeatSpec& r) { r.layout = l; });
      ImGui::EndCombo();
    }
    const bool drops = spec.layout == im::RepeatLayout::HalfDrop || spec.layout == im::RepeatLayout::HalfBrick;
    if (drops && rep) slider<core::RepeatOp>(ui, s, index, "studio.drop", 0.1f, 0.9f, "%.2f", [](core::RepeatOp& o) -> double& { return o.repeat.drop; });
    if (drops && lay) slider<core::LayoutOp>(ui, s, index, "studio.drop", 0.1f, 0.9f, "%.2f", [](core::LayoutOp& o) -> double& { return o.repeat.drop; });
    if (rep) {
      slider<core::RepeatOp>(ui, s, index, "studio.across", 1, 12, nullptr, [](core::RepeatOp& o) -> int& { return o.across; });
      slider<core::RepeatOp>(ui, s, index, "studio.down", 1, 12, nullptr, [](core::RepeatOp& o) -> int& { return o.down; });
    } else {
      using L = core::LayoutOp;
      if (ImGui::BeginCombo(label(ui, "studio.cloth").c_str(), ui.tr(std::string("studio.cloth.") + core::clothName(lay->cloth)).c_str())) {
        for (im::ClothKind c : core::clothKinds())
          if (ImGui::Selectable(ui.tr(std::string("studio.cloth.") + core::clothName(c)).c_str(), lay->cloth == c))
            editOp<L>(s, index, "studio.edit.adjust", [c](L& o) { o.cloth = c; });
        ImGui::EndCombo();
      }
      slider<L>(ui, s, index, "studio.length_cm", 20, 400, "%.0f cm", [](L& o) -> double& { return o.lengthCm; });
      slider<L>(ui, s, index, "studio.height_cm", 20, 200, "%.0f cm", [](L& o) -> double& { return o.heightCm; });
      slider<L>(ui, s, index, "studio.print_dpi", 72, 600, "%.0f", [](L& o) -> double& { return o.dpi; });
    }
    // What the export will write: pixels, centimetres, raw megabytes.
    const core::ExportSize& e = m_preview->exportSize();
    const double dpi = e.dpi.value_or(300.0);
    const double wcm = lay ? lay->lengthCm : e.width / dpi * 2.54, hcm = lay ? lay->heightCm : e.height / dpi * 2.54;
    ImGui::TextWrapped("%s", ui.tr("studio.output_size", {{"w", std::to_string(e.width)}, {"h", std::to_string(e.height)},
                                                           {"wcm", core::formatNumber(wcm, lay ? 0 : 1, lang)},
                                                           {"hcm", core::formatNumber(hcm, lay ? 0 : 1, lang)},
                                                           {"mb", core::formatNumber(double(e.width) * e.height * 3 / 1048576.0, 0, lang)}}).c_str());
  } else if (const auto* tone = op.as<core::ToneOp>()) {
    const auto& pals = ui.wb.namedPalettes();
    std::string current = tone->paletteId;
    for (const auto& p : pals)
      if (p.id == tone->paletteId) current = p.name;
    if (ImGui::BeginCombo(label(ui, "studio.tone_palette").c_str(), current.c_str())) {
      for (const auto& p : pals)
        if (ImGui::Selectable(p.name.c_str(), p.id == tone->paletteId))
          editOp<core::ToneOp>(s, index, "studio.edit.adjust", [&p](core::ToneOp& o) { o.paletteId = p.id; });
      ImGui::EndCombo();
    }
    slider<core::ToneOp>(ui, s, index, "studio.strength", 0, 1, "%.2f", [](core::ToneOp& o) -> double& { return o.strength; });
  } else if (op.as<core::CleanOp>()) {
    m_photo.drawCleanSettings(ui, s, index);
  }
}

// [SECTION] canvas

void StudioPanel::drawCanvas(UiContext& ui, core::DesignSession& s) {
  // The before/after slider only means something while the tile itself is shown.
  const core::StudioPreview& pv = *m_preview;
  const cv::Mat& before = pv.before();
  const cv::Mat& after = pv.result().empty() ? before : pv.result();
  // One row when it fits, wrapped on a narrow window: nothing is cut off at 1366 px.
  ToolbarRow row;
  if (pv.output().empty() && !m_seams) {
    const std::string split = label(ui, "studio.split");
    row.next(ui.px(150) + ImGui::GetStyle().ItemInnerSpacing.x + ToolbarRow::textWidth(split));
    ImGui::SetNextItemWidth(ui.px(150));
    ImGui::SliderFloat(split.c_str(), &m_split, 0.f, 1.f, "");
  }
  const std::string eyedropper = label(ui, "studio.eyedropper"), seams = label(ui, "studio.check_seams");
  row.next(ToolbarRow::checkboxWidth(eyedropper));
  ImGui::Checkbox(eyedropper.c_str(), &m_eyedropper);
  probe::note("@studio.eyedropper");
  row.next(ToolbarRow::checkboxWidth(seams));
  ImGui::Checkbox(seams.c_str(), &m_seams);
  probe::note("@studio.check_seams");
  if (m_seams) {
    const std::string verdict = ui.tr(pv.seams().score < 1.5 ? "studio.seams_ok" : "studio.seams_visible",
                                      {{"score", core::formatNumber(pv.seams().score, 1, ui.wb.tr().language())}});
    row.next(ToolbarRow::textWidth(verdict));
    ImGui::TextUnformatted(verdict.c_str());
    hoverTooltip(ui, ui.tr("studio.seams_hint"));
  }
  const std::string fit = label(ui, "view.fit");
  row.next(ToolbarRow::buttonWidth(fit));
  if (ImGui::Button(fit.c_str())) m_needsFit = true;
  probe::note("@studio.fit");
  row.next(ToolbarRow::buttonWidth("1:1"));
  if (ImGui::Button("1:1##studio_one")) m_view.oneToOne({ImGui::GetContentRegionAvail().x, ImGui::GetContentRegionAvail().y});
  probe::note("@studio.one_to_one");
  const ImVec2 p = ImGui::GetCursorScreenPos(), size = ImGui::GetContentRegionAvail();
  if (size.x < 2 || size.y < 2 || before.empty()) return;  // the preview lands from the task pool
  // The view works in source pixels; the preview is a scaled copy of them.
  const cv::Mat& src = std::as_const(s).design().source.pixels;
  const core::Vec2 imgSize{double(src.cols), double(src.rows)};
  if (m_needsFit) {
    m_view.fit(imgSize, {size.x, size.y});
    m_needsFit = false;
  }
  ImGui::InvisibleButton("studio_canvas_input", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
  probe::note("@studio.canvas");
  const bool hovered = ImGui::IsItemHovered();
  ImGuiIO& io = ImGui::GetIO();
  const core::Vec2 mouse{io.MousePos.x - p.x, io.MousePos.y - p.y};
  if (hovered && io.MouseWheel != 0) m_view.wheel(mouse, io.MouseWheel);
  if (ImGui::IsItemActive() && !m_eyedropper &&
      (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 0)))
    m_view.pan({io.MouseDelta.x, io.MouseDelta.y});
  if (m_eyedropper && ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
    const core::Vec2 ip = m_view.screenToImage(mouse);
    if (ip.x >= 0 && ip.y >= 0 && ip.x < imgSize.x && ip.y < imgSize.y) {
      // Pick from what is shown: the result if the cursor is right of the split.
      const cv::Mat& shown = mouse.x > size.x * m_split ? after : before;
      const int x = std::min(shown.cols - 1, int(ip.x * shown.cols / imgSize.x)), y = std::min(shown.rows - 1, int(ip.y * shown.rows / imgSize.y));
      const std::uint8_t* px = shown.ptr<std::uint8_t>(y) + x * shown.channels();
      const im::Lab lab = shown.channels() == 1 ? im::srgbToLab(im::Rgb8{px[0], px[0], px[0]}) : im::srgbToLab(im::Rgb8{px[2], px[1], px[0]});
      const im::Palette cur = core::currentPalette(std::as_const(s).design());
      double best = 1e9;
      for (std::size_t i = 0; i < cur.swatches.size(); ++i)
        if (const double d = im::deltaE2000(lab, cur.swatches[i].lab); d < best) { best = d; m_editSwatch = int(i); }
      m_eyedropper = false;
    }
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const core::Vec2 a = m_view.imageToScreen({0, 0}), b = m_view.imageToScreen(imgSize);
  const ImVec2 ia(p.x + float(a.x), p.y + float(a.y)), ib(p.x + float(b.x), p.y + float(b.y));
  const float splitX = p.x + size.x * m_split;
  dl->PushClipRect(p, ImVec2(p.x + size.x, p.y + size.y), true);
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), color::kCanvas);
  const std::string id = std::to_string(reinterpret_cast<std::uintptr_t>(&s));
  if ((m_seams && !pv.seams().heat.empty()) || !pv.output().empty()) {
    // The repeat or the cloth (or the seam heat map), fitted in the canvas.
    cv::Mat shown = pv.output();
    if (m_seams && !pv.seams().heat.empty()) {
      cv::Mat heat;
      pv.seams().heat.convertTo(heat, CV_8U, 255.0 / 30.0);  // 30 dE00 and more: full red
      cv::Mat red;
      cv::applyColorMap(heat, red, cv::COLORMAP_HOT);
      shown = red;
    }
    const float sc = std::min(size.x / shown.cols, size.y / shown.rows);
    const ImVec2 a(p.x + (size.x - shown.cols * sc) / 2, p.y + (size.y - shown.rows * sc) / 2);
    drawImage(dl, ui.textures.tiles((m_seams ? "studio:seams:" : "studio:output:") + id, pv.resultVersion(), shown), shown.cols, shown.rows, a,
              ImVec2(a.x + shown.cols * sc, a.y + shown.rows * sc));
    dl->PopClipRect();
    return;
  }
  dl->PushClipRect(p, ImVec2(splitX, p.y + size.y), true);
  drawImage(dl, ui.textures.tiles("studio:before:" + id, pv.beforeVersion(), before), before.cols, before.rows, ia, ib);
  dl->PopClipRect();
  dl->PushClipRect(ImVec2(splitX, p.y), ImVec2(p.x + size.x, p.y + size.y), true);
  drawImage(dl, ui.textures.tiles("studio:after:" + id, pv.result().empty() ? -1 - pv.beforeVersion() : pv.resultVersion(), after), after.cols, after.rows, ia, ib);
  dl->PopClipRect();
  if (m_split > 0.f && m_split < 1.f) {
    dl->AddLine(ImVec2(splitX, p.y), ImVec2(splitX, p.y + size.y), color::kGading, ui.px(3));
    const ImVec2 t1(splitX - ui.px(6) - ImGui::CalcTextSize(ui.tr("studio.before").c_str()).x, p.y + ui.px(8));
    dl->AddText(t1, color::kGading, ui.tr("studio.before").c_str());
    dl->AddText(ImVec2(splitX + ui.px(6), p.y + ui.px(8)), color::kGading, ui.tr("studio.after").c_str());
  }
  dl->PopClipRect();
  if (m_eyedropper && hovered) tooltip(ui, ui.tr("studio.eyedropper_hint"));
}

// [SECTION] palette and colourways

void StudioPanel::drawPalette(UiContext& ui, core::DesignSession& s) {
  ImGui::TextDisabled("%s", ui.tr("studio.palette").c_str());
  const core::Design& d = std::as_const(s).design();
  const im::Palette cur = core::currentPalette(d);
  const core::Language l = ui.wb.tr().language();
  // Two swatches per row: colour, share and a lock, each a large target.
  const float sw = ImGui::GetFrameHeight() * 1.3f;
  const float colW = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  for (std::size_t i = 0; i < cur.swatches.size(); ++i) {
    ImGui::PushID(int(i));
    if (i % 2) ImGui::SameLine(colW + ImGui::GetStyle().ItemSpacing.x + ImGui::GetStyle().WindowPadding.x);
    ImGui::BeginGroup();
    if (ImGui::ColorButton("##swatch", toImVec(cur.swatches[i].lab), ImGuiColorEditFlags_NoTooltip, ImVec2(sw * 1.8f, sw)))
      m_editSwatch = m_editSwatch == int(i) ? -1 : int(i);
    probe::note("@studio.swatch." + std::to_string(i));
    {
      // The share, written on the swatch in whichever of black or white reads.
      const std::string share = core::formatNumber(d.palette.swatches[i].share * 100, 0, l) + "%";
      const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax(), ts = ImGui::CalcTextSize(share.c_str());
      ImGui::GetWindowDrawList()->AddText(ImVec2((a.x + b.x - ts.x) / 2, (a.y + b.y - ts.y) / 2),
                                          cur.swatches[i].lab.L > 55 ? IM_COL32(30, 24, 18, 255) : IM_COL32(250, 246, 236, 255), share.c_str());
    }
    if (int(i) == m_editSwatch)
      ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), color::kIndigo, 0, 0, ui.px(3));
    hoverTooltip(ui, im::formatHex(cur.swatches[i].lab) + "  " + core::formatNumber(d.palette.swatches[i].share * 100, 1, l) + "%");
    ImGui::SameLine();
    bool locked = i < d.locked.size() && d.locked[i];
    if (ImGui::Checkbox(label(ui, "studio.lock").c_str(), &locked))
      s.edit("studio.edit.lock", [&](core::Design& dd) {
        dd.locked.resize(dd.palette.swatches.size());
        dd.locked[i] = locked;
      });
    ImGui::EndGroup();
    ImGui::PopID();
  }
  if (m_editSwatch < 0 || m_editSwatch >= int(cur.swatches.size())) {
    ImGui::TextWrapped("%s", ui.tr("studio.palette_hint").c_str());
    return;
  }
  // Remapping the chosen swatch: a picker (live while dragging), the named
  // palettes as one-click chips, and a way back to the original colour.
  const std::size_t i = std::size_t(m_editSwatch);
  ImGui::Separator();
  ImGui::Text("%s", ui.tr("studio.remap", {{"n", std::to_string(i + 1)}}).c_str());
  const im::Rgb8 c8 = im::labToSrgb8(cur.swatches[i].lab);
  float rgb[3] = {c8.r / 255.f, c8.g / 255.f, c8.b / 255.f};
  ImGui::SetNextItemWidth(ui.px(240));
  const bool changed = ImGui::ColorPicker3("##picker", rgb, ImGuiColorEditFlags_NoSidePreview | ImGuiColorEditFlags_NoAlpha);
  if (ImGui::IsItemActivated()) s.beginLive();
  if (changed) {
    const im::Lab lab = im::srgbToLab(im::Rgb{rgb[0], rgb[1], rgb[2]});
    s.liveEdit([&](core::Design& dd) { core::recolorOp(dd).targets[i] = lab; });
  }
  if (ImGui::IsItemDeactivated()) s.endLive("studio.edit.recolor");
  for (const im::Palette& p : ui.wb.namedPalettes()) {
    ImGui::TextDisabled("%s", p.name.c_str());
    ImGui::PushID(p.id.c_str());
    for (std::size_t j = 0; j < p.swatches.size(); ++j) {
      if (j) ImGui::SameLine(0, ui.px(4));
      ImGui::PushID(int(j));
      if (ImGui::ColorButton(p.swatches[j].name.c_str(), toImVec(p.swatches[j].lab), 0, ImVec2(ui.px(28), ui.px(28))))
        s.edit("studio.edit.recolor", [&](core::Design& dd) { core::recolorOp(dd).targets[i] = p.swatches[j].lab; });
      ImGui::PopID();
    }
    ImGui::PopID();
  }
  if (ImGui::Button(label(ui, "studio.reset_swatch").c_str()))
    s.edit("studio.edit.recolor", [&](core::Design& dd) { core::recolorOp(dd).targets[i].reset(); });
}

void StudioPanel::drawColorways(UiContext& ui, core::DesignSession&) {
  ImGui::TextDisabled("%s", ui.tr("studio.colorways").c_str());
  ImGui::SetNextItemWidth(ui.px(200));
  core::ColorwaysAction action = m_preview->colorwaysAction();
  const auto schemeKey = [](core::ColorwaysAction::Scheme sc) { return std::string("studio.scheme.") + core::schemeName(sc); };
  if (ImGui::BeginCombo("##scheme", ui.tr(schemeKey(action.scheme)).c_str())) {
    for (auto sc : core::schemes())
      if (ImGui::Selectable(ui.tr(schemeKey(sc)).c_str(), action.scheme == sc)) action.scheme = sc;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "studio.new_colorways").c_str())) ++action.seed;
  m_preview->setColorways(action);  // the grid follows on the preview's next update
  const auto& thumbs = m_preview->colorwayThumbs();
  if (!thumbs.empty()) dyeabilityLegend(ui);
  // Three rows must fit below, so the cell is the smaller of a third of the width and of the height.
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float cell = std::max(ui.px(48), std::min((ImGui::GetContentRegionAvail().x - 2 * spacing) / 3,
                                                  (ImGui::GetContentRegionAvail().y - 2 * spacing) / 3));
  for (int i = 0; i < int(thumbs.size()); ++i) {
    if (i % 3) ImGui::SameLine();
    ImGui::PushID(i);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    if (ImGui::InvisibleButton("##cw", ImVec2(cell, cell))) adoptColorway(ui, i);
    probe::note("@studio.colorway." + std::to_string(i));
    const cv::Mat& t = thumbs[std::size_t(i)];
    const float sc = std::min(cell / t.cols, cell / t.rows);
    const ImVec2 a(p.x + (cell - t.cols * sc) / 2, p.y + (cell - t.rows * sc) / 2);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    drawImage(dl, ui.textures.tiles("studio:cw:" + std::to_string(i), m_preview->colorwaysVersion(), t), t.cols, t.rows, a,
              ImVec2(a.x + t.cols * sc, a.y + t.rows * sc));
    if (ImGui::IsItemHovered()) dl->AddRect(p, ImVec2(p.x + cell, p.y + cell), color::kIndigo, 0, 0, ui.px(3));
    // A small mark: can this colourway be dyed bath after bath?
    const im::Colorway& cw = m_preview->colorways()[std::size_t(i)];
    const bool ok = cw.process.dyeable;
    dl->AddCircleFilled(ImVec2(p.x + cell - ui.px(10), p.y + ui.px(10)), ui.px(7), ok ? color::kDyeable : color::kError);
    std::string tip = core::colorwayName(ui.wb.tr(), cw) + "\n" + core::dyeProcessSummary(ui.wb.tr(), cw.colours, cw.process);
    for (const std::string& step : core::dyeProcessSteps(ui.wb.tr(), cw.colours, cw.process)) tip += "\n  " + step;
    hoverTooltip(ui, tip);
    ImGui::PopID();
  }
}

// [SECTION] history

void StudioPanel::drawHistory(UiContext& ui, core::DesignSession& s) {
  ImGui::TextDisabled("%s", ui.tr("studio.history").c_str());
  // Asked once: the button may change the answer (undoing the last step) before EndDisabled.
  ImGui::BeginDisabled(!s.canUndo());
  if (ImGui::Button(label(ui, "studio.undo").c_str())) s.undo();
  probe::note("@studio.undo");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!s.canRedo());
  if (ImGui::Button(label(ui, "studio.redo").c_str())) s.redo();
  probe::note("@studio.redo");
  ImGui::EndDisabled();
  if (auto target = historyList(ui, s.history(), s.position(), "studio.history_start", "@studio.history")) {
    while (s.position() > *target) s.undo();
    while (s.position() < *target) s.redo();
  }
}

}  // namespace canting::gui
