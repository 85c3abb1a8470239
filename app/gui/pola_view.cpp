// The Studio's Pola view.
//
//   [SECTION] following the design
//   [SECTION] canvas: photo, lines, page grid
//   [SECTION] settings, print and save

#include "pola_view.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <imgui.h>

#include <opencv2/imgproc.hpp>

#include "item_probe.h"
#include "theme.h"

namespace canting::gui {

namespace im = imaging;

// [SECTION] following the design

void PolaView::poll(UiContext& ui, core::DesignSession* session, const core::PhotoScale& scale) {
  if (!m_preview) m_preview = std::make_unique<core::PolaPreview>(ui.wb.tasks());
  if (session) {
    const im::Image& src = std::as_const(*session).design().source;
    // A photo that knows its scale (its DPI, or the cloth's width or a ruler
    // given in the photo tools) starts at its size on cloth, and follows a
    // scale given later; else 60 cm, a common kain width.
    if (src.pixels.data != nullptr && (!m_preview->hasSource() || (scale.known() && scale != m_widthScale))) {
      m_widthScale = scale;
      m_preview->action().widthCm = core::polaWidthCm(src.pixels.cols, scale);
    }
    m_preview->setSource(src.pixels, src.pixels.data);
  } else {
    m_preview->setSource(cv::Mat(), nullptr);
    m_open = false;
  }
  if (m_open) m_preview->update();
  if (auto done = m_preview->takeExportResult()) {
    if (*done) ui.wb.notify(core::Notice::Kind::Info, ui.tr("notice.exported", {{"path", m_exportPath.string()}}));
    else if (done->error().code == im::ErrorCode::Cancelled) ui.wb.notify(core::Notice::Kind::Info, ui.tr("pola.export_cancelled"));
    else ui.wb.notify(core::Notice::Kind::Error, ui.wb.errorText(done->error()));
  }
}

std::optional<FileRequest> PolaView::takeFileRequest(const std::filesystem::path& folder, const std::string& base) {
  const Save s = std::exchange(m_save, Save::None);
  if (s == Save::None) return std::nullopt;
  return FileRequest{FileBrowserPanel::Mode::SaveFile, folder, base + (s == Save::Pdf ? "-pola.pdf" : "-pola.svg"), kFileTag};
}

void PolaView::fileChosen(const std::filesystem::path& path) {
  if (!m_preview) return;
  m_exportPath = path;
  m_preview->startExport(path);
}

// [SECTION] canvas: photo, lines, page grid

// The photo washed out with the lines in red over it, or the lines alone on
// white: what the artisan will trace, seen against what it was traced from.
// Made at the size it is shown, so a line thinner than a screen pixel still
// shows (by its coverage) instead of flickering in and out.
const cv::Mat& PolaView::composite(cv::Size fit) {
  const int key = m_preview->version() * 2 + (m_linesOverPhoto ? 1 : 0);
  if (key == m_compositeKey && fit == m_compositeFit) return m_composite;
  m_compositeKey = key;
  m_compositeFit = fit;
  const cv::Mat& photo = m_preview->photo();
  const cv::Mat& lines = m_preview->lines();
  if (photo.empty() || fit.width < 8 || fit.height < 8) return m_composite = cv::Mat();
  const double sc = std::min(1.0, std::min(double(fit.width) / photo.cols, double(fit.height) / photo.rows));
  const cv::Size size(std::max(1, int(photo.cols * sc)), std::max(1, int(photo.rows * sc)));
  cv::Mat base, cover;
  if (m_linesOverPhoto) {
    cv::resize(photo, base, size, 0, 0, cv::INTER_AREA);
    cv::addWeighted(base, 0.6, cv::Mat(size, base.type(), cv::Scalar(255, 255, 255)), 0.4, 0, base);
  } else {
    base = cv::Mat(size, CV_8UC3, cv::Scalar(255, 255, 255));
  }
  if (!lines.empty()) cv::resize(lines, cover, size, 0, 0, cv::INTER_AREA);
  const cv::Vec3b ink = m_linesOverPhoto ? cv::Vec3b(20, 10, 210) : cv::Vec3b(0, 0, 0);
  for (int y = 0; y < base.rows && !cover.empty(); ++y) {
    auto* b = base.ptr<cv::Vec3b>(y);
    const std::uint8_t* c = cover.ptr<std::uint8_t>(y);
    for (int x = 0; x < base.cols; ++x) {
      const float t = std::min(1.f, c[x] * (2.5f / 255.f));
      for (int k = 0; k < 3; ++k) b[x][k] = std::uint8_t(b[x][k] + t * (ink[k] - b[x][k]));
    }
  }
  m_composite = base;
  return m_composite;
}

void PolaView::drawCanvas(UiContext& ui) {
  const ImVec2 p = ImGui::GetCursorScreenPos(), size = ImGui::GetContentRegionAvail();
  ImGui::InvisibleButton("pola_canvas", ImVec2(std::max(size.x, 1.f), std::max(size.y, 1.f)));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(p, ImVec2(p.x + size.x, p.y + size.y), true);
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), color::kCanvas);
  const float pad = ui.px(12);
  // The motif and, with the grid, the pages' full extent fit the canvas.
  auto plan = m_preview->plan();
  const cv::Mat& photo = m_preview->photo();
  const double wMm = m_preview->action().widthCm * 10, hMm = photo.empty() ? 0 : wMm * photo.rows / photo.cols;
  const auto windows = m_grid && plan ? im::pageWindows(*plan, m_preview->action().print) : std::vector<cv::Rect2d>{};
  double extW = wMm, extH = hMm;
  for (const auto& w : windows) extW = std::max(extW, w.br().x), extH = std::max(extH, w.br().y);
  const double fit = wMm > 0 && hMm > 0 ? std::min((size.x - 2 * pad) / extW, (size.y - 2 * pad) / extH) : 0;  // screen px per mm
  const cv::Mat& shown = composite(cv::Size(int(wMm * fit), int(hMm * fit)));
  if (!shown.empty()) {
    const ImVec2 a(p.x + float((size.x - extW * fit) / 2), p.y + float((size.y - extH * fit) / 2));
    const ImVec2 b(a.x + float(wMm * fit), a.y + float(hMm * fit));
    drawImage(dl, ui.textures.tiles("pola:view", m_compositeKey * 4096 + shown.cols, shown), shown.cols, shown.rows, a, b);
    // The pages at print size over the motif, labelled as printed (A1, A2, ...).
    if (!windows.empty()) {
      const double pxPerMm = fit;
      for (std::size_t i = 0; i < windows.size(); ++i) {
        const cv::Rect2d& w = windows[i];
        const ImVec2 q0(a.x + float(w.x * pxPerMm), a.y + float(w.y * pxPerMm));
        const ImVec2 q1(a.x + float((w.x + w.width) * pxPerMm), a.y + float((w.y + w.height) * pxPerMm));
        dl->AddRect(q0, q1, IM_COL32(0x1F, 0x4E, 0xA8, 0xE0), 0, 0, ui.px(1.5f));
        const int r = int(i) / plan->cols, c = int(i) % plan->cols;
        const std::string name = (r < 26 ? std::string(1, char('A' + r)) : "R" + std::to_string(r + 1)) + std::to_string(c + 1);
        dl->AddText(ImVec2(q0.x + ui.px(4), q0.y + ui.px(2)), IM_COL32(0x1F, 0x4E, 0xA8, 0xFF), name.c_str());
      }
    }
  }
  if (m_preview->busy() || !m_preview->current()) {
    const std::string& t = ui.tr("pola.tracing");
    dl->AddText(ImVec2(p.x + ui.px(10), p.y + size.y - ImGui::GetTextLineHeight() - ui.px(8)), IM_COL32(0xFF, 0xF4, 0xE0, 0xFF), t.c_str());
  }
  dl->PopClipRect();
}

// [SECTION] settings, print and save

void PolaView::draw(UiContext& ui) {
  if (!m_preview) return;
  const float side = ui.px(340), gap = ImGui::GetStyle().ItemSpacing.x;
  ImGui::BeginChild("pola_canvas_region", ImVec2(-side - gap, 0), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  drawCanvas(ui);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("pola_side", ImVec2(side, 0), true);
  drawSettings(ui);
  ImGui::EndChild();
}

void PolaView::drawSettings(UiContext& ui) {
  core::PolaAction& a = m_preview->action();
  heading(ui, ui.tr("pola.title"));
  // Print and save first: in reach on a 768-pixel screen.
  const bool exporting = m_preview->exportProgress().has_value();
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  ImGui::BeginDisabled(exporting || m_preview->error().has_value());
  if (ImGui::Button(label(ui, "pola.print").c_str(), ImVec2(half, 0))) m_save = Save::Pdf;
  probe::note("@pola.print");
  ImGui::SameLine();
  if (ImGui::Button(label(ui, "pola.save_svg").c_str(), ImVec2(half, 0))) m_save = Save::Svg;
  probe::note("@pola.save_svg");
  ImGui::EndDisabled();
  if (auto p = m_preview->exportProgress()) {
    ImGui::ProgressBar(float(*p), ImVec2(half, 0), ui.tr("pola.exporting", {{"percent", std::to_string(int(*p * 100))}}).c_str());
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "studio.cancel_export").c_str(), ImVec2(half, 0))) m_preview->cancelExport();
    probe::note("@pola.cancel");
  }
  ImGui::Separator();
  // Label on the left, the control filling the rest of the row.
  const float col = ui.px(128);
  auto row = [&](const char* key) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ui.tr(key).c_str());
    ImGui::SameLine(col);
    ImGui::SetNextItemWidth(-1);
  };
  float width = float(a.widthCm);
  row("pola.width");
  if (ImGui::InputFloat("###pola_width", &width, 1.f, 10.f, "%.0f cm")) a.widthCm = std::clamp(double(width), 5.0, core::PolaAction::kMaxWidthCm);
  probe::note("@pola.width");
  row("pola.style");
  if (ImGui::RadioButton(label(ui, "pola.style.outline").c_str(), a.pola.style == im::PolaStyle::Outline)) a.pola.style = im::PolaStyle::Outline;
  probe::note("@pola.style.outline");
  ImGui::SameLine();
  if (ImGui::RadioButton(label(ui, "pola.style.filled").c_str(), a.pola.style == im::PolaStyle::Filled)) a.pola.style = im::PolaStyle::Filled;
  probe::note("@pola.style.filled");
  auto slider = [&](const char* key, const char* id, double& v, float lo, float hi) {
    row(key);
    float f = float(v);
    if (ImGui::SliderFloat(id, &f, lo, hi, "%.1f mm")) v = std::clamp(double(f), double(lo), double(hi));
    probe::note(std::string("@") + key);
  };
  ImGui::BeginDisabled(a.pola.style != im::PolaStyle::Outline);
  slider("pola.line", "###pola_line", a.pola.lineMm, float(im::PolaOptions::kMinLineMm), float(im::PolaOptions::kMaxLineMm));
  ImGui::EndDisabled();
  slider("pola.detail", "###pola_detail", a.pola.detailMm, 0.1f, 3.f);
  row("pola.repeats");
  int reps[2] = {a.repeats.width, a.repeats.height};
  if (ImGui::SliderInt2("###pola_repeats", reps, 1, 6)) a.repeats = cv::Size(std::clamp(reps[0], 1, 20), std::clamp(reps[1], 1, 20));
  row("pola.paper");
  if (ImGui::RadioButton("A4###pola_a4", a.print.paper == im::Paper::A4)) a.print.paper = im::Paper::A4;
  ImGui::SameLine();
  if (ImGui::RadioButton("F4###pola_f4", a.print.paper == im::Paper::F4)) a.print.paper = im::Paper::F4;
  ImGui::Separator();
  ImGui::Checkbox(label(ui, "pola.lines_over_photo").c_str(), &m_linesOverPhoto);
  probe::note("@pola.lines_over_photo");
  ImGui::Checkbox(label(ui, "pola.page_grid").c_str(), &m_grid);
  if (auto plan = m_preview->plan()) {
    const im::PolaArt& art = m_preview->art();
    const double h = art.widthMm > 0 ? a.widthCm * art.heightMm / art.widthMm : 0;
    const core::Language lang = ui.wb.tr().language();
    ImGui::TextWrapped("%s", ui.tr("pola.pages", {{"pages", std::to_string(plan->pages())}, {"cols", std::to_string(plan->cols)},
                                                  {"rows", std::to_string(plan->rows)}, {"w", core::formatNumber(a.widthCm, 0, lang)},
                                                  {"h", core::formatNumber(h, 0, lang)}})
                                .c_str());
  }
  if (const auto& e = m_preview->error()) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0xB0, 0x20, 0x20, 0xFF));
    ImGui::TextWrapped("%s", ui.wb.errorText(*e).c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Separator();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", ui.tr("pola.hint").c_str());
  ImGui::PopStyleColor();
}

}  // namespace canting::gui
