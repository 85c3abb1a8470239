#include "studio_panel.h"

#include <cmath>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/cloth_layout.h"

#include "canting/core/thumbnails.h"
#include "item_probe.h"

namespace canting::gui {

namespace im = imaging;
using core::Operation;

namespace {

ImVec4 toImVec(const im::Lab& lab) {
  const im::Rgb8 c = im::labToSrgb8(lab);
  return ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1.f);
}

constexpr const char* kSchemes[] = {"harmony", "sogan", "indigo", "pesisiran", "natural", "random"};
constexpr const char* kSchemeKeys[] = {"studio.scheme.harmony", "studio.scheme.sogan", "studio.scheme.indigo",
                                       "studio.scheme.pesisiran", "studio.scheme.natural", "studio.scheme.random"};

}  // namespace

void StudioPanel::syncPreview(UiContext& ui, core::DesignSession& s) {
  if (m_session != &s) {
    m_session = &s;
    m_preview = core::makeThumbnail(s.design().source.pixels, 1400);
    m_small = core::makeThumbnail(s.design().source.pixels, 220);
    m_index = im::buildColorIndex(m_preview);
    m_smallIndex = im::buildColorIndex(m_small);
    m_resultVersion = -1;
    m_needsFit = true;
    m_editSwatch = -1;
    m_selectedOp = -1;
    m_cwKey.clear();
  }
  if (m_resultVersion != s.version()) {
    m_result = core::renderDesign(m_index, m_preview, s.design(), ui.wb.namedPalettes());
    m_resultVersion = s.version();
    const core::DesignOutput out = core::designOutput(s.design());
    m_output = out.kind == core::DesignOutput::Kind::Tile ? cv::Mat() : core::previewOutput(s.design(), m_result, 1600);
    const imaging::RepeatSpec spec = out.kind == core::DesignOutput::Kind::Tile ? imaging::RepeatSpec{} : out.op->repeat;
    cv::Mat small = core::makeThumbnail(m_result, 360);
    if (small.channels() == 4) cv::cvtColor(small, small, cv::COLOR_BGRA2BGR);
    m_seamCheck = imaging::checkSeams(small, spec);
  }
}

void StudioPanel::draw(UiContext& ui) {
  core::DesignSession* s = ui.wb.design();
  if (!s) {
    m_session = nullptr;
    drawEmpty(ui);
    return;
  }
  syncPreview(ui, *s);
  drawToolbar(ui, *s);
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
    if (ImGui::BeginTabItem(history.c_str())) {
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
  const std::string name = s.design().sourcePath.filename().string() + (s.dirty() ? " *" : "");
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
  if (button("studio.open")) m_request = Request::OpenDesign;
  // After the frame: the rest of this frame still draws the session.
  if (button("studio.close")) ui.wb.post([this, &wb = ui.wb] {
      wb.closeDesign();
      m_session = nullptr;
    });
  if (auto p = ui.wb.exportProgress()) {
    // A print-size export runs on a worker: its progress, and a way out.
    ImGui::SameLine(0, ui.px(24));
    ImGui::ProgressBar(float(*p), ImVec2(ui.px(220), 0), ui.tr("studio.exporting", {{"percent", std::to_string(int(*p * 100))}}).c_str());
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "studio.cancel_export").c_str())) ui.wb.cancelExport();
  }
}

void StudioPanel::drawOperations(UiContext& ui, core::DesignSession& s) {
  ImGui::TextDisabled("%s", ui.tr("studio.operations").c_str());
  const Operation::Kind kinds[] = {Operation::Kind::Recolor, Operation::Kind::Adjust, Operation::Kind::Quantize, Operation::Kind::Tone,
                                   Operation::Kind::Transform, Operation::Kind::Symmetry, Operation::Kind::Repeat, Operation::Kind::Layout};
  for (Operation::Kind k : kinds) {
    const std::string text = "+ " + ui.tr(core::operationKey(k)) + "###add" + std::to_string(int(k));
    if (ImGui::Button(text.c_str(), ImVec2(-1, 0))) {
      s.edit("studio.edit.add", [&](core::Design& d) {
        Operation op;
        op.kind = k;
        if (k == Operation::Kind::Recolor) op.targets.resize(d.palette.swatches.size());
        if (k == Operation::Kind::Tone && !ui.wb.namedPalettes().empty()) op.paletteId = ui.wb.namedPalettes().front().id;
        d.ops.push_back(op);
      });
      m_selectedOp = int(s.design().ops.size()) - 1;
    }
    probe::note(std::string("@studio.add.") + core::operationKey(k));
  }
  ImGui::Spacing();
  auto& ops = s.design().ops;
  if (ops.empty()) ImGui::TextWrapped("%s", ui.tr("studio.no_operations").c_str());
  int moveFrom = -1, moveTo = -1, remove = -1;
  for (int i = 0; i < int(ops.size()); ++i) {
    ImGui::PushID(i);
    bool enabled = ops[std::size_t(i)].enabled;
    if (ImGui::Checkbox("##enabled", &enabled))
      s.edit("studio.edit.toggle", [&](core::Design& d) { d.ops[std::size_t(i)].enabled = enabled; });
    ImGui::SameLine();
    const float bw = ImGui::GetFrameHeight();
    if (ImGui::Selectable(ui.tr(core::operationKey(ops[std::size_t(i)].kind)).c_str(), m_selectedOp == i, 0,
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
  if (m_selectedOp >= 0 && m_selectedOp < int(s.design().ops.size())) {
    ImGui::Separator();
    drawOperationEditor(ui, s, m_selectedOp);
  }
}

void StudioPanel::drawOperationEditor(UiContext& ui, core::DesignSession& s, int index) {
  Operation& op = s.design().ops[std::size_t(index)];
  // Sliders edit live (the preview follows while dragging); the whole drag
  // becomes one history entry when the mouse is released.
  auto live = [&](bool changed) {
    if (ImGui::IsItemActivated()) s.beginLive();
    if (changed) s.touch();
    if (ImGui::IsItemDeactivated()) s.endLive("studio.edit.adjust");
  };
  float f = 0;
  switch (op.kind) {
    case Operation::Kind::Recolor: {
      int mode = op.mode == im::RecolorMode::Flat ? 1 : 0;
      if (ImGui::RadioButton(label(ui, "studio.mode.shading").c_str(), mode == 0) && mode != 0)
        s.edit("studio.edit.mode", [&](core::Design& d) { d.ops[std::size_t(index)].mode = im::RecolorMode::ShadingPreserving; });
      if (ImGui::RadioButton(label(ui, "studio.mode.flat").c_str(), mode == 1) && mode != 1)
        s.edit("studio.edit.mode", [&](core::Design& d) { d.ops[std::size_t(index)].mode = im::RecolorMode::Flat; });
      ImGui::TextWrapped("%s", ui.tr("studio.recolor_hint").c_str());
      break;
    }
    case Operation::Kind::Adjust:
      f = float(op.adjust.hueShift);
      live(ImGui::SliderFloat(label(ui, "studio.hue").c_str(), &f, -180, 180, "%.0f\xc2\xb0"));
      op.adjust.hueShift = f;
      f = float(op.adjust.chromaScale);
      live(ImGui::SliderFloat(label(ui, "studio.chroma").c_str(), &f, 0, 2, "%.2f"));
      op.adjust.chromaScale = f;
      f = float(op.adjust.lightnessScale);
      live(ImGui::SliderFloat(label(ui, "studio.lightness").c_str(), &f, 0.5f, 1.5f, "%.2f"));
      op.adjust.lightnessScale = f;
      f = float(op.adjust.contrast);
      live(ImGui::SliderFloat(label(ui, "studio.contrast").c_str(), &f, 0.5f, 2, "%.2f"));
      op.adjust.contrast = f;
      break;
    case Operation::Kind::Quantize:
      live(ImGui::SliderInt(label(ui, "studio.colours").c_str(), &op.colours, 2, 16));
      break;
    case Operation::Kind::Transform: {
      ImGui::TextUnformatted(ui.tr("studio.rotate").c_str());
      for (int q = 0; q < 4; ++q) {
        if (q) ImGui::SameLine();
        const std::string t = std::to_string(q * 90) + "\xc2\xb0###rot" + std::to_string(q);
        if (ImGui::RadioButton(t.c_str(), op.quarterTurns == q) && op.quarterTurns != q)
          s.edit("studio.edit.adjust", [&](core::Design& d) { d.ops[std::size_t(index)].quarterTurns = q; });
      }
      bool fh = op.flipH, fv = op.flipV;
      if (ImGui::Checkbox(label(ui, "studio.flip_h").c_str(), &fh)) s.edit("studio.edit.adjust", [&](core::Design& d) { d.ops[std::size_t(index)].flipH = fh; });
      if (ImGui::Checkbox(label(ui, "studio.flip_v").c_str(), &fv)) s.edit("studio.edit.adjust", [&](core::Design& d) { d.ops[std::size_t(index)].flipV = fv; });
      f = float(op.scale);
      live(ImGui::SliderFloat(label(ui, "studio.scale").c_str(), &f, 0.25f, 4.f, "%.2f\xc3\x97", ImGuiSliderFlags_Logarithmic));
      op.scale = f;
      bool seam = op.seamless;
      if (ImGui::Checkbox(label(ui, "studio.seamless").c_str(), &seam))
        s.edit("studio.edit.adjust", [&](core::Design& d) { d.ops[std::size_t(index)].seamless = seam; });
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui.tr("studio.seamless_hint").c_str());
      break;
    }
    case Operation::Kind::Symmetry: {
      static const char* groups[] = {"p1", "p2", "pm", "pg", "cm", "pmm", "pmg", "pgg", "cmm", "p4", "p4m", "p4g",
                                     "p3", "p3m1", "p31m", "p6", "p6m", "kaleido-2", "kaleido-4", "kaleido-6", "kaleido-8"};
      if (ImGui::BeginCombo(label(ui, "studio.group").c_str(), op.group.c_str())) {
        for (const char* g : groups)
          if (ImGui::Selectable(g, op.group == g)) s.edit("studio.edit.adjust", [&](core::Design& d) { d.ops[std::size_t(index)].group = g; });
        ImGui::EndCombo();
      }
      ImGui::TextWrapped("%s", ui.tr("studio.symmetry_hint").c_str());
      break;
    }
    case Operation::Kind::Repeat:
    case Operation::Kind::Layout: {
      static const imaging::RepeatLayout layouts[] = {imaging::RepeatLayout::Straight, imaging::RepeatLayout::HalfDrop,
                                                      imaging::RepeatLayout::HalfBrick, imaging::RepeatLayout::Mirror,
                                                      imaging::RepeatLayout::Centre};
      const std::string current = ui.tr(std::string("studio.repeat.") + imaging::repeatName(op.repeat.layout));
      if (ImGui::BeginCombo(label(ui, "studio.repeat_layout").c_str(), current.c_str())) {
        for (auto l : layouts)
          if (ImGui::Selectable(ui.tr(std::string("studio.repeat.") + imaging::repeatName(l)).c_str(), l == op.repeat.layout))
            s.edit("studio.edit.adjust", [&](core::Design& d) { d.ops[std::size_t(index)].repeat.layout = l; });
        ImGui::EndCombo();
      }
      if (op.repeat.layout == imaging::RepeatLayout::HalfDrop || op.repeat.layout == imaging::RepeatLayout::HalfBrick) {
        f = float(op.repeat.drop);
        live(ImGui::SliderFloat(label(ui, "studio.drop").c_str(), &f, 0.1f, 0.9f, "%.2f"));
        op.repeat.drop = f;
      }
      if (op.kind == Operation::Kind::Repeat) {
        live(ImGui::SliderInt(label(ui, "studio.across").c_str(), &op.across, 1, 12));
        live(ImGui::SliderInt(label(ui, "studio.down").c_str(), &op.down, 1, 12));
      } else {
        static const char* cloths[] = {"kain-panjang", "sarung", "selendang", "iket"};
        if (ImGui::BeginCombo(label(ui, "studio.cloth").c_str(), ui.tr("studio.cloth." + op.cloth).c_str())) {
          for (const char* c : cloths)
            if (ImGui::Selectable(ui.tr(std::string("studio.cloth.") + c).c_str(), op.cloth == c))
              s.edit("studio.edit.adjust", [&](core::Design& d) { d.ops[std::size_t(index)].cloth = c; });
          ImGui::EndCombo();
        }
        f = float(op.lengthCm);
        live(ImGui::SliderFloat(label(ui, "studio.length_cm").c_str(), &f, 20, 400, "%.0f cm"));
        op.lengthCm = f;
        f = float(op.heightCm);
        live(ImGui::SliderFloat(label(ui, "studio.height_cm").c_str(), &f, 20, 200, "%.0f cm"));
        op.heightCm = f;
        f = float(op.dpi);
        live(ImGui::SliderFloat(label(ui, "studio.print_dpi").c_str(), &f, 72, 600, "%.0f"));
        op.dpi = f;
      }
      // What the export will write: pixels, centimetres, raw megabytes.
      const imaging::StreamedImage img = core::outputImage(s.design(), m_result.empty() ? m_preview : m_result);
      const double dpi = op.kind == Operation::Kind::Layout ? op.dpi : (s.design().source.dpi ? s.design().source.dpi->x : 300.0);
      if (op.kind == Operation::Kind::Layout) {
        const int w = imaging::cmToPx(op.lengthCm, op.dpi), h = imaging::cmToPx(op.heightCm, op.dpi);
        ImGui::TextWrapped("%s", ui.tr("studio.output_size", {{"w", std::to_string(w)}, {"h", std::to_string(h)},
                                                               {"wcm", core::formatNumber(op.lengthCm, 0, ui.wb.tr().language())},
                                                               {"hcm", core::formatNumber(op.heightCm, 0, ui.wb.tr().language())},
                                                               {"mb", core::formatNumber(double(w) * h * 3 / 1048576.0, 0, ui.wb.tr().language())}}).c_str());
      } else {
        // The preview tile is smaller than the source: scale to the export's pixels.
        const double k = double(s.design().source.pixels.cols) / std::max(1, m_preview.cols);
        const int w = int(img.size.width * k), h = int(img.size.height * k);
        ImGui::TextWrapped("%s", ui.tr("studio.output_size", {{"w", std::to_string(w)}, {"h", std::to_string(h)},
                                                               {"wcm", core::formatNumber(w / dpi * 2.54, 1, ui.wb.tr().language())},
                                                               {"hcm", core::formatNumber(h / dpi * 2.54, 1, ui.wb.tr().language())},
                                                               {"mb", core::formatNumber(double(w) * h * 3 / 1048576.0, 0, ui.wb.tr().language())}}).c_str());
      }
      break;
    }
    case Operation::Kind::Tone: {
      const auto& pals = ui.wb.namedPalettes();
      std::string current = op.paletteId;
      for (const auto& p : pals)
        if (p.id == op.paletteId) current = p.name;
      if (ImGui::BeginCombo(label(ui, "studio.tone_palette").c_str(), current.c_str())) {
        for (const auto& p : pals)
          if (ImGui::Selectable(p.name.c_str(), p.id == op.paletteId))
            s.edit("studio.edit.adjust", [&](core::Design& d) { d.ops[std::size_t(index)].paletteId = p.id; });
        ImGui::EndCombo();
      }
      f = float(op.strength);
      live(ImGui::SliderFloat(label(ui, "studio.strength").c_str(), &f, 0, 1, "%.2f"));
      op.strength = f;
      break;
    }
  }
}

void StudioPanel::drawCanvas(UiContext& ui, core::DesignSession& s) {
  // The before/after slider only means something while the tile itself is shown.
  if (m_output.empty() && !m_seams) {
    ImGui::SetNextItemWidth(ui.px(150));
    ImGui::SliderFloat(label(ui, "studio.split").c_str(), &m_split, 0.f, 1.f, "");
    ImGui::SameLine();
  }
  if (ImGui::Checkbox(label(ui, "studio.eyedropper").c_str(), &m_eyedropper)) {}
  probe::note("@studio.eyedropper");
  ImGui::SameLine();
  ImGui::Checkbox(label(ui, "studio.check_seams").c_str(), &m_seams);
  probe::note("@studio.check_seams");
  if (m_seams) {
    ImGui::SameLine();
    ImGui::TextUnformatted(ui.tr(m_seamCheck.score < 1.5 ? "studio.seams_ok" : "studio.seams_visible",
                                 {{"score", core::formatNumber(m_seamCheck.score, 1, ui.wb.tr().language())}}).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui.tr("studio.seams_hint").c_str());
  }
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "view.fit").c_str())) m_needsFit = true;
  ImGui::SameLine();
  if (ImGui::Button("1:1##studio_one")) m_view.oneToOne({ImGui::GetContentRegionAvail().x, ImGui::GetContentRegionAvail().y});
  const ImVec2 p = ImGui::GetCursorScreenPos(), size = ImGui::GetContentRegionAvail();
  if (size.x < 2 || size.y < 2) return;
  // The view works in source pixels; the preview is a scaled copy of them.
  const cv::Mat& src = s.design().source.pixels;
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
      const bool after = mouse.x > size.x * m_split;
      const cv::Mat& shown = after ? m_result : m_preview;
      const int x = std::min(shown.cols - 1, int(ip.x * shown.cols / imgSize.x)), y = std::min(shown.rows - 1, int(ip.y * shown.rows / imgSize.y));
      const std::uint8_t* px = shown.ptr<std::uint8_t>(y) + x * shown.channels();
      const im::Lab lab = shown.channels() == 1 ? im::srgbToLab(im::Rgb8{px[0], px[0], px[0]}) : im::srgbToLab(im::Rgb8{px[2], px[1], px[0]});
      const im::Palette cur = core::currentPalette(s.design());
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
  const std::string id = std::to_string(reinterpret_cast<std::uintptr_t>(m_session));
  if (m_seams || !m_output.empty()) {
    // The repeat or the cloth (or the seam heat map), fitted in the canvas.
    cv::Mat shown = m_output;
    if (m_seams) {
      cv::Mat heat;
      m_seamCheck.heat.convertTo(heat, CV_8U, 255.0 / 30.0);  // 30 dE00 and more: full red
      cv::Mat red;
      cv::applyColorMap(heat, red, cv::COLORMAP_HOT);
      shown = red;
    }
    const float sc = std::min(size.x / shown.cols, size.y / shown.rows);
    const ImVec2 a(p.x + (size.x - shown.cols * sc) / 2, p.y + (size.y - shown.rows * sc) / 2);
    drawImage(dl, ui.textures.tiles((m_seams ? "studio:seams:" : "studio:output:") + id, m_resultVersion, shown), shown.cols, shown.rows, a,
              ImVec2(a.x + shown.cols * sc, a.y + shown.rows * sc));
    dl->PopClipRect();
    return;
  }
  dl->PushClipRect(p, ImVec2(splitX, p.y + size.y), true);
  drawImage(dl, ui.textures.tiles("studio:before:" + id, 1, m_preview), m_preview.cols, m_preview.rows, ia, ib);
  dl->PopClipRect();
  dl->PushClipRect(ImVec2(splitX, p.y), ImVec2(p.x + size.x, p.y + size.y), true);
  drawImage(dl, ui.textures.tiles("studio:after:" + id, m_resultVersion, m_result), m_result.cols, m_result.rows, ia, ib);
  dl->PopClipRect();
  if (m_split > 0.f && m_split < 1.f) {
    dl->AddLine(ImVec2(splitX, p.y), ImVec2(splitX, p.y + size.y), color::kGading, ui.px(3));
    const ImVec2 t1(splitX - ui.px(6) - ImGui::CalcTextSize(ui.tr("studio.before").c_str()).x, p.y + ui.px(8));
    dl->AddText(t1, color::kGading, ui.tr("studio.before").c_str());
    dl->AddText(ImVec2(splitX + ui.px(6), p.y + ui.px(8)), color::kGading, ui.tr("studio.after").c_str());
  }
  dl->PopClipRect();
  if (m_eyedropper && hovered) ImGui::SetTooltip("%s", ui.tr("studio.eyedropper_hint").c_str());
}

void StudioPanel::drawPalette(UiContext& ui, core::DesignSession& s) {
  ImGui::TextDisabled("%s", ui.tr("studio.palette").c_str());
  core::Design& d = s.design();
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
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s  %s%%", im::formatColor(cur.swatches[i].lab, im::ColorNotation::Hex).c_str(),
                        core::formatNumber(d.palette.swatches[i].share * 100, 1, l).c_str());
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
    core::recolorOp(d).targets[i] = lab;
    s.touch();
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

void StudioPanel::adoptColorway(UiContext& ui, int index) {
  core::DesignSession* session = ui.wb.design();
  if (index < 0 || index >= int(m_colorways.size()) || !session) return;
  const im::Colorway cw = m_colorways[std::size_t(index)];
  session->edit("studio.edit.adopt", [&](core::Design& d) {
    auto& op = core::recolorOp(d);
    for (std::size_t i = 0; i < op.targets.size() && i < cw.colours.size(); ++i)
      if (i >= d.locked.size() || !d.locked[i]) op.targets[i] = cw.colours[i];
  });
}

void StudioPanel::drawColorways(UiContext& ui, core::DesignSession& s) {
  ImGui::TextDisabled("%s", ui.tr("studio.colorways").c_str());
  ImGui::SetNextItemWidth(ui.px(200));
  if (ImGui::BeginCombo("##scheme", ui.tr(kSchemeKeys[m_scheme]).c_str())) {
    for (int i = 0; i < 6; ++i)
      if (ImGui::Selectable(ui.tr(kSchemeKeys[i]).c_str(), m_scheme == i)) m_scheme = i;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "studio.new_colorways").c_str())) ++m_seed;
  // Variations of the design's own colours, so adopting one leaves the other
  // eight on offer; a locked swatch keeps the colour it has now.
  const core::Design& d = s.design();
  std::string key = std::string(kSchemes[m_scheme]) + ":" + std::to_string(m_seed);
  for (bool b : d.locked) key += b ? '1' : '0';
  im::Palette base = d.palette;
  const im::Palette cur = core::currentPalette(d);
  for (std::size_t i = 0; i < base.swatches.size() && i < d.locked.size(); ++i)
    if (d.locked[i]) base.swatches[i].lab = cur.swatches[i].lab;
  for (const auto& sw : base.swatches) key += im::formatColor(sw.lab, im::ColorNotation::Hex);
  if (key != m_cwKey) {
    m_cwKey = key;
    auto opts = im::schemeOptions(kSchemes[m_scheme], ui.wb.namedPalettes());
    m_colorways.clear();
    m_cwThumbs.clear();
    if (opts) {
      opts->count = 9;
      opts->seed = m_seed;
      opts->locked = d.locked;
      m_colorways = im::generateColorways(base, *opts);
      for (const auto& cw : m_colorways) {
        const std::vector<std::optional<im::Lab>> t(cw.colours.begin(), cw.colours.end());
        m_cwThumbs.push_back(im::applyColourFn(m_smallIndex, im::recolorFn(d.palette, t)));
      }
    }
    ++m_cwThumbVersion;
  }
  // Three rows must fit below, so the cell is the smaller of a third of the width and of the height.
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float cell = std::max(ui.px(48), std::min((ImGui::GetContentRegionAvail().x - 2 * spacing) / 3,
                                                  (ImGui::GetContentRegionAvail().y - 2 * spacing) / 3));
  for (int i = 0; i < int(m_cwThumbs.size()); ++i) {
    if (i % 3) ImGui::SameLine();
    ImGui::PushID(i);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    if (ImGui::InvisibleButton("##cw", ImVec2(cell, cell))) adoptColorway(ui, i);
    probe::note("@studio.colorway." + std::to_string(i));
    const cv::Mat& t = m_cwThumbs[std::size_t(i)];
    const float sc = std::min(cell / t.cols, cell / t.rows);
    const ImVec2 a(p.x + (cell - t.cols * sc) / 2, p.y + (cell - t.rows * sc) / 2);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    drawImage(dl, ui.textures.tiles("studio:cw:" + std::to_string(i), m_cwThumbVersion, t), t.cols, t.rows, a,
              ImVec2(a.x + t.cols * sc, a.y + t.rows * sc));
    if (ImGui::IsItemHovered()) dl->AddRect(p, ImVec2(p.x + cell, p.y + cell), color::kIndigo, 0, 0, ui.px(3));
    // A small mark: can this colourway be dyed bath after bath?
    const bool ok = m_colorways[std::size_t(i)].dyeability.dyeable;
    dl->AddCircleFilled(ImVec2(p.x + cell - ui.px(10), p.y + ui.px(10)), ui.px(7), ok ? IM_COL32(0x3E, 0x8E, 0x5A, 0xFF) : color::kError);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s\n%s", m_colorways[std::size_t(i)].label.c_str(),
                        ui.tr(ok ? "studio.dyeable" : "studio.not_dyeable").c_str());
    ImGui::PopID();
  }
}

void StudioPanel::drawHistory(UiContext& ui, core::DesignSession& s) {
  ImGui::TextDisabled("%s", ui.tr("studio.history").c_str());
  if (!s.canUndo()) ImGui::BeginDisabled();
  if (ImGui::Button(label(ui, "studio.undo").c_str())) s.undo();
  if (!s.canUndo()) ImGui::EndDisabled();
  ImGui::SameLine();
  if (!s.canRedo()) ImGui::BeginDisabled();
  if (ImGui::Button(label(ui, "studio.redo").c_str())) s.redo();
  if (!s.canRedo()) ImGui::EndDisabled();
  // Newest at the top; the step in effect is highlighted; a click goes there.
  std::size_t target = s.position();
  bool jump = false;
  const auto& h = s.history();
  for (std::size_t i = h.size(); i-- > 0;) {
    ImGui::PushID(int(i));
    const bool applied = i < s.position();
    if (!applied) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (ImGui::Selectable(ui.tr(h[i].label).c_str(), i + 1 == s.position())) { target = i + 1; jump = true; }
    if (!applied) ImGui::PopStyleColor();
    ImGui::PopID();
  }
  if (ImGui::Selectable(label(ui, "studio.history_start").c_str(), s.position() == 0)) { target = 0; jump = true; }
  if (jump) {
    while (s.position() > target) s.undo();
    while (s.position() < target) s.redo();
  }
}

}  // namespace canting::gui
