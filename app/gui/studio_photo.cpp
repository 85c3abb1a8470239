// The Studio's photo tools: Rapikan foto and the raport (studio_photo.h).
//
// [SECTION] helpers
// [SECTION] the jobs: preview, clean-up, raport, recut
// [SECTION] frame
// [SECTION] Rapikan foto
// [SECTION] the raport on the photo
// [SECTION] the raport's side: tile, confidence, size, hand-on

#include "studio_photo.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "canting/core/thumbnails.h"
#include "canting/imaging/pattern.h"
#include "item_probe.h"
#include "theme.h"

namespace canting::gui {

namespace im = imaging;

// [SECTION] helpers

namespace {

// An image fitted (aspect kept, centred) into a rectangle: where it lands and at what scale.
struct Fit {
  ImVec2 p0;
  float scale = 1;
  ImVec2 toScreen(cv::Point2d q) const { return ImVec2(p0.x + float(q.x) * scale, p0.y + float(q.y) * scale); }
  cv::Point2d toImage(ImVec2 s) const { return {(s.x - p0.x) / scale, (s.y - p0.y) / scale}; }
};

Fit fitInto(cv::Size img, ImVec2 p, ImVec2 size) {
  Fit f;
  f.scale = std::min(size.x / float(std::max(1, img.width)), size.y / float(std::max(1, img.height)));
  f.p0 = ImVec2(p.x + (size.x - img.width * f.scale) / 2, p.y + (size.y - img.height * f.scale) / 2);
  return f;
}

void drawFitted(UiContext& ui, const std::string& key, int version, const cv::Mat& img, const Fit& f) {
  if (img.empty()) return;
  drawImage(ImGui::GetWindowDrawList(), ui.textures.tiles(key, version, img), img.cols, img.rows, f.p0,
            ImVec2(f.p0.x + img.cols * f.scale, f.p0.y + img.rows * f.scale));
}

// A handle the mouse can take: an invisible button centred on `at`, noted for the tests.
// Submitted before the canvas under it, so that it wins the hover.
bool handle(UiContext& ui, const char* id, ImVec2 at, const std::string& probeId) {
  const float r = ui.px(12);
  ImGui::SetCursorScreenPos(ImVec2(at.x - r, at.y - r));
  ImGui::InvisibleButton(id, ImVec2(2 * r, 2 * r));
  probe::note(probeId);
  return ImGui::IsItemActive();
}

void dot(UiContext& ui, ImVec2 at, ImU32 fill, bool hot) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddCircleFilled(at, ui.px(hot ? 9 : 7), fill);
  dl->AddCircle(at, ui.px(hot ? 9 : 7), color::kGading, 0, ui.px(2));
}

void arrow(UiContext& ui, ImVec2 from, ImVec2 to, ImU32 colour) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddLine(from, to, IM_COL32(0, 0, 0, 160), ui.px(5));
  dl->AddLine(from, to, colour, ui.px(3));
  const float dx = to.x - from.x, dy = to.y - from.y, l = std::max(1.f, std::hypot(dx, dy));
  const float ux = dx / l, uy = dy / l, s = ui.px(10);
  dl->AddTriangleFilled(to, ImVec2(to.x - s * ux + s * 0.5f * uy, to.y - s * uy - s * 0.5f * ux),
                        ImVec2(to.x - s * ux - s * 0.5f * uy, to.y - s * uy + s * 0.5f * ux), colour);
}

// A lattice the photo hardly agrees with (a single motif's chance likeness) is
// not drawn: the photo has no repeat, unless the user marks one by hand.
constexpr double kShownConfidence = 0.15;
bool shown(const im::Raport& r) { return r.cut || (r.found && r.confidence >= kShownConfidence); }

constexpr ImU32 kVectorA = IM_COL32(0xE0, 0x4A, 0x3A, 0xFF), kVectorB = IM_COL32(0x3A, 0x9A, 0xE0, 0xFF);

}  // namespace

std::optional<core::CleanOp> PhotoView::cleanOp(const core::DesignSession& s) const {
  for (const core::Operation& op : s.design().ops)
    if (const auto* c = op.as<core::CleanOp>(); c && op.enabled) return *c;
  return std::nullopt;
}

std::optional<core::SizeCm> PhotoView::tileCm() const {
  if (!m_raport.cut) return std::nullopt;
  return core::sizeCm(m_raport.tile.size(), core::scaled(m_scale, m_factor));
}

bool PhotoView::toggle(UiContext& ui, bool flip) {
  if (flip && !m_open) open(ui, m_mode);
  else m_open = false;
  return m_open;
}

void PhotoView::open(UiContext& ui, Mode mode) {
  m_open = true;
  m_mode = mode;
  // The clean-up is an operation of the stack: added at its top when Rapikan foto is opened, undoable like any other.
  core::DesignSession* s = ui.wb.design();
  const auto isClean = [](const core::Operation& op) { return op.as<core::CleanOp>() != nullptr; };
  if (s && mode == Mode::Clean && std::none_of(std::as_const(*s).design().ops.begin(), std::as_const(*s).design().ops.end(), isClean)) {
    s->edit("studio.edit.add", [](core::Design& d) { d.ops.insert(d.ops.begin(), core::Operation(core::CleanOp{})); });
  }
}

// [SECTION] the jobs: preview, clean-up, raport, recut

core::PhotoScale PhotoView::realScale(const core::DesignSession& s) const {
  const im::Image& src = s.design().source;
  return m_sourceKey == src.pixels.data && m_scale.known() ? m_scale : core::scaleFromDpi(src.dpi);
}

void PhotoView::poll(UiContext& ui, core::DesignSession* s) {
  if (!s) {
    m_open = false;
    m_sourceKey = nullptr;
    return;
  }
  if (!m_open) return;
  startJobs(ui, *s);
}

void PhotoView::startJobs(UiContext& ui, const core::DesignSession& s) {
  const cv::Mat& src = s.design().source.pixels;
  std::weak_ptr<int> alive = m_alive;
  if (m_sourceKey != src.data) {
    // Another design: the preview of its photo, once.
    m_sourceKey = src.data;
    m_raw.release();
    m_after.release();
    m_afterOp.reset();
    m_photo.release();
    m_photoOp.reset();
    m_raport = {};
    m_repeated.release();
    m_ruler.clear();
    m_scale = core::scaleFromDpi(s.design().source.dpi);
    ++m_jobs;
    ui.wb.tasks().run([this, alive, src]() -> core::TaskPool::Completion {
      cv::Mat raw = im::photoToBgr8(core::makeThumbnail(src, kSide));
      const double factor = src.cols > 0 ? double(raw.cols) / src.cols : 1;
      return [this, alive, raw, factor, key = src.data] {
        if (alive.expired()) return;
        --m_jobs;
        if (key != m_sourceKey) return;
        m_raw = raw.clone();
        m_factor = factor;
        ++m_rawVersion;
      };
    });
    return;
  }
  if (m_raw.empty()) return;
  const std::optional<core::CleanOp> op = cleanOp(s);
  // Rapikan foto's after: the latest settings win, one job at a time.
  if (m_mode == Mode::Clean && op != m_afterOp && !m_afterBusy) {
    m_afterBusy = true;
    m_afterWanted = op;
    ++m_jobs;
    ui.wb.tasks().run([this, alive, raw = m_raw, op]() -> core::TaskPool::Completion {
      cv::Mat after = op ? op->run(raw) : raw;
      return [this, alive, after, op] {
        if (alive.expired()) return;
        --m_jobs;
        m_afterBusy = false;
        m_after = after;
        m_afterOp = op;
        ++m_afterVersion;
      };
    });
  }
  // The raport of the photo as the clean-up leaves it, found again when the clean-up changes.
  if (m_mode == Mode::Raport && m_dragCorner < 0 && (!m_photoOp || *m_photoOp != op) && !m_findBusy) {
    m_findBusy = true;
    ++m_jobs;
    ui.wb.tasks().run([this, alive, raw = m_raw, op]() -> core::TaskPool::Completion {
      cv::Mat photo = op ? op->run(raw) : raw;
      im::Raport r = im::findRaport(photo);
      cv::Mat repeated = im::renderRepeat(r.tile, r.repeat, cv::Size(r.tile.cols * 3, r.tile.rows * 3));
      return [this, alive, photo, r = std::move(r), repeated, op] {
        if (alive.expired()) return;
        --m_jobs;
        m_findBusy = false;
        m_photo = photo;
        m_photoOp = op;
        m_raport = r;
        m_repeated = repeated;
        ++m_raportVersion;
      };
    });
  }
  if (m_recutWanted && !m_recutBusy) recut(ui);
}

void PhotoView::recut(UiContext& ui) {
  m_recutWanted = false;
  m_recutBusy = true;
  ++m_jobs;
  std::weak_ptr<int> alive = m_alive;
  ui.wb.tasks().run([this, alive, photo = m_photo, a = m_raport.a, b = m_raport.b, o = m_raport.origin]() -> core::TaskPool::Completion {
    im::Raport r = im::cutRaport(photo, a, b, o);
    if (!r.cut) {
      // A lattice dragged to nothing: the vectors stay where they were put, the whole photo is the tile.
      r.a = a, r.b = b, r.origin = o;
    }
    cv::Mat repeated = im::renderRepeat(r.tile, r.repeat, cv::Size(r.tile.cols * 3, r.tile.rows * 3));
    return [this, alive, r = std::move(r), repeated] {
      if (alive.expired()) return;
      --m_jobs;
      m_recutBusy = false;
      if (m_dragLattice >= 0) return;  // dragged again meanwhile: the next cut follows
      m_raport = r;
      m_repeated = repeated;
      ++m_raportVersion;
    };
  });
}

// [SECTION] frame

void PhotoView::draw(UiContext& ui, core::DesignSession& s) {
  ToolbarRow row;
  for (auto [mode, key] : {std::pair{Mode::Clean, "photo.mode.clean"}, std::pair{Mode::Raport, "photo.mode.raport"}}) {
    const std::string text = label(ui, key);
    row.next(ToolbarRow::checkboxWidth(text));
    if (ImGui::RadioButton(text.c_str(), m_mode == mode) && m_mode != mode) open(ui, mode);
    probe::note(std::string("@") + key);
  }
  if (busy()) {
    const std::string& working = ui.tr("photo.working");
    row.next(ToolbarRow::textWidth(working));
    ImGui::TextDisabled("%s", working.c_str());
  }
  if (m_raw.empty()) return;
  if (m_mode == Mode::Clean) drawClean(ui, s);
  else drawRaport(ui, s);
}

// [SECTION] Rapikan foto

void PhotoView::drawCleanSettings(UiContext& ui, core::DesignSession& s, std::size_t index) {
  const core::CleanOp* op = std::as_const(s).design().ops[index].as<core::CleanOp>();
  if (!op) return;
  bool flat = op->flatField, white = op->whiteBalance;
  if (ImGui::Checkbox(label(ui, "photo.flat_field").c_str(), &flat))
    s.edit("studio.edit.adjust", [&](core::Design& d) { d.ops[index].as<core::CleanOp>()->flatField = flat; });
  probe::note("@photo.flat_field");
  hoverTooltip(ui, ui.tr("photo.flat_field_hint"));
  if (ImGui::Checkbox(label(ui, "photo.white_balance").c_str(), &white))
    s.edit("studio.edit.adjust", [&](core::Design& d) { d.ops[index].as<core::CleanOp>()->whiteBalance = white; });
  probe::note("@photo.white_balance");
  hoverTooltip(ui, ui.tr("photo.white_balance_hint"));
  ImGui::BeginDisabled(!op->corners);
  if (ImGui::Button(label(ui, "photo.corners_reset").c_str()))
    s.edit("studio.edit.corners", [&](core::Design& d) { d.ops[index].as<core::CleanOp>()->corners.reset(); });
  probe::note("@photo.corners_reset");
  ImGui::EndDisabled();
  if (!m_open || m_mode != Mode::Clean) {
    if (ImGui::Button(label(ui, "photo.corners_edit").c_str())) open(ui, Mode::Clean);
    probe::note("@photo.corners_edit");
  }
}

void PhotoView::drawClean(UiContext& ui, core::DesignSession& s) {
  const auto& ops = std::as_const(s).design().ops;
  std::size_t index = ops.size();
  for (std::size_t i = 0; i < ops.size(); ++i)
    if (ops[i].as<core::CleanOp>()) { index = i; break; }
  if (index == ops.size()) {
    // Taken off the stack (or undone): offered again, not forced back.
    if (ImGui::Button(label(ui, "photo.clean_add").c_str())) open(ui, Mode::Clean);
    probe::note("@photo.clean_add");
    return;
  }
  const core::CleanOp op = *ops[index].as<core::CleanOp>();
  const float side = ui.px(300), gap = ImGui::GetStyle().ItemSpacing.x;
  ImGui::BeginChild("photo_clean_settings", ImVec2(side, 0), true);
  ImGui::TextWrapped("%s", ui.tr("photo.clean_hint").c_str());
  ImGui::Separator();
  drawCleanSettings(ui, s, index);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("photo_clean_canvas", ImVec2(-gap, 0), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  const ImVec2 p = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
  const float half = (avail.x - gap) / 2, top = ImGui::GetTextLineHeightWithSpacing();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + avail.x, p.y + avail.y), color::kCanvas);
  dl->AddText(ImVec2(p.x + ui.px(6), p.y + ui.px(2)), color::kGading, ui.tr("studio.before").c_str());
  dl->AddText(ImVec2(p.x + half + gap + ui.px(6), p.y + ui.px(2)), color::kGading, ui.tr("studio.after").c_str());
  const Fit before = fitInto(m_raw.size(), ImVec2(p.x, p.y + top), ImVec2(half, avail.y - top));
  drawFitted(ui, "photo:raw", m_rawVersion, m_raw, before);
  if (!m_after.empty()) drawFitted(ui, "photo:after", m_afterVersion, m_after, fitInto(m_after.size(), ImVec2(p.x + half + gap, p.y + top), ImVec2(half, avail.y - top)));
  // The corners: the quad's own, or the photo's corners until one is dragged.
  const cv::Size sz = m_raw.size();
  std::array<cv::Point2d, 4> c = op.corners.value_or(std::array<cv::Point2d, 4>{cv::Point2d(0, 0), {1, 0}, {1, 1}, {0, 1}});
  ImVec2 screen[4];
  for (int i = 0; i < 4; ++i) screen[i] = before.toScreen({c[std::size_t(i)].x * (sz.width - 1), c[std::size_t(i)].y * (sz.height - 1)});
  for (int i = 0; i < 4; ++i) {
    dl->AddLine(screen[i], screen[(i + 1) % 4], IM_COL32(0, 0, 0, 160), ui.px(4));
    dl->AddLine(screen[i], screen[(i + 1) % 4], color::kGading, ui.px(2));
  }
  for (int i = 0; i < 4; ++i) {
    ImGui::PushID(i);
    const bool active = handle(ui, "##corner", screen[i], "@photo.corner." + std::to_string(i));
    if (ImGui::IsItemActivated()) {
      m_dragCorner = i;
      s.beginLive();
    }
    if (active) {
      const cv::Point2d q = before.toImage(ImGui::GetIO().MousePos);
      const cv::Point2d n(std::clamp(q.x / std::max(1, sz.width - 1), 0.0, 1.0), std::clamp(q.y / std::max(1, sz.height - 1), 0.0, 1.0));
      if (n != c[std::size_t(i)])
        s.liveEdit([&](core::Design& d) {
          core::CleanOp& o = *d.ops[index].as<core::CleanOp>();
          if (!o.corners) o.corners = c;
          (*o.corners)[std::size_t(i)] = n;
        });
    }
    if (ImGui::IsItemDeactivated()) {
      m_dragCorner = -1;
      s.endLive("studio.edit.corners");
    }
    dot(ui, screen[i], color::kSoga, active || ImGui::IsItemHovered());
    ImGui::PopID();
  }
  ImGui::SetCursorScreenPos(p);
  ImGui::InvisibleButton("photo_clean_input", avail);
  probe::note("@photo.clean_canvas");
  ImGui::EndChild();
}

// [SECTION] the raport on the photo

void PhotoView::drawRaport(UiContext& ui, core::DesignSession& s) {
  const float side = ui.px(420), gap = ImGui::GetStyle().ItemSpacing.x;
  ImGui::BeginChild("photo_raport_canvas", ImVec2(-side - gap, 0), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  const ImVec2 p = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + avail.x, p.y + avail.y), color::kCanvas);
  if (m_photo.empty()) {
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("photo_raport_side", ImVec2(side, 0), true);
    ImGui::EndChild();
    return;
  }
  const Fit f = fitInto(m_photo.size(), p, avail);
  drawFitted(ui, "photo:photo", m_raportVersion, m_photo, f);
  // The lattice stays on the cloth: clipped to the photo.
  dl->PushClipRect(f.p0, f.toScreen(cv::Point2d(m_photo.cols, m_photo.rows)), true);
  im::Raport& r = m_raport;
  const bool lattice = shown(r);
  if (lattice) {
    // The lattice's cells around the tile, faint; the tile's own cell bright.
    for (int m = -3; m <= 3; ++m)
      for (int n = -3; n <= 3; ++n) {
        const cv::Point2d o = r.origin + double(n) * r.a + double(m) * r.b;
        const ImVec2 q[4] = {f.toScreen(o), f.toScreen(o + r.a), f.toScreen(o + r.a + r.b), f.toScreen(o + r.b)};
        dl->AddPolyline(q, 4, (n || m) ? IM_COL32(0xF4, 0xEB, 0xD6, 0x70) : color::kGading, ImDrawFlags_Closed, ui.px(n || m ? 1 : 3));
      }
    const ImVec2 o = f.toScreen(r.origin), ta = f.toScreen(r.origin + r.a), tb = f.toScreen(r.origin + r.b);
    arrow(ui, o, ta, kVectorA);
    arrow(ui, o, tb, kVectorB);
    // The handles: the origin moves the lattice, the tips set the vectors.
    const ImVec2 at[3] = {o, ta, tb};
    const char* ids[3] = {"@raport.origin", "@raport.a", "@raport.b"};
    for (int h = 0; h < 3; ++h) {
      ImGui::PushID(h);
      const bool active = !m_measuring && handle(ui, "##lattice", at[h], ids[h]);
      if (!m_measuring && ImGui::IsItemActivated()) m_dragLattice = h;
      if (active) {
        const cv::Point2d q = f.toImage(ImGui::GetIO().MousePos);
        if (h == 0) r.origin = q;
        else (h == 1 ? r.a : r.b) = q - r.origin;
      }
      if (!m_measuring && ImGui::IsItemDeactivated()) {
        m_dragLattice = -1;
        m_recutWanted = true;  // the tile follows the edited lattice, cut on the task pool
      }
      dot(ui, at[h], h == 0 ? color::kSoga : h == 1 ? kVectorA : kVectorB, active || (!m_measuring && ImGui::IsItemHovered()));
      ImGui::PopID();
    }
  }
  // The ruler's points.
  for (std::size_t i = 0; i < m_ruler.size(); ++i) dot(ui, f.toScreen(m_ruler[i]), color::kIndigo, false);
  if (m_ruler.size() == 2) dl->AddLine(f.toScreen(m_ruler[0]), f.toScreen(m_ruler[1]), color::kIndigo, ui.px(3));
  dl->PopClipRect();
  ImGui::SetCursorScreenPos(p);
  ImGui::InvisibleButton("photo_raport_input", avail);
  probe::note("@raport.canvas");
  if (m_measuring && ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
    if (m_ruler.size() >= 2) m_ruler.clear();
    m_ruler.push_back(f.toImage(ImGui::GetIO().MousePos));
    if (m_ruler.size() == 2) m_measuring = false;
  }
  if (m_measuring && ImGui::IsItemHovered()) tooltip(ui, ui.tr(m_ruler.empty() ? "photo.ruler_first" : "photo.ruler_second"));
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("photo_raport_side", ImVec2(side, 0), true);
  drawRaportSide(ui, s);
  ImGui::EndChild();
}

// [SECTION] the raport's side: tile, confidence, size, hand-on

void PhotoView::drawRaportSide(UiContext& ui, core::DesignSession& s) {
  const core::Language lang = ui.wb.tr().language();
  const im::Raport& r = m_raport;
  // The confidence in words: what to trust, and what to do about it.
  const char* verdict = !shown(r) ? "photo.raport.none"
                        : !r.cut          ? "photo.raport.weak"
                        : r.confidence >= 0.6 ? "photo.raport.sure"
                                              : "photo.raport.unsure";
  const std::string percent = core::formatNumber(r.confidence * 100, 0, lang);
  ImGui::PushStyleColor(ImGuiCol_Text, r.cut ? ImGui::GetStyleColorVec4(ImGuiCol_Text) : ImGui::ColorConvertU32ToFloat4(color::kError));
  ImGui::TextWrapped("%s", ui.tr(verdict, {{"percent", percent}}).c_str());
  ImGui::PopStyleColor();
  probe::note("@raport.verdict");
  if (!shown(r) && !m_photo.empty()) {
    // No repeat found: the user may still know one, and mark it to drag into place.
    if (ImGui::Button(label(ui, "photo.raport.manual").c_str())) {
      m_raport.found = true;
      m_raport.a = cv::Point2d(m_photo.cols / 4.0, 0);
      m_raport.b = cv::Point2d(0, m_photo.rows / 4.0);
      m_raport.origin = cv::Point2d(m_photo.cols * 3 / 8.0, m_photo.rows * 3 / 8.0);
      m_recutWanted = true;
    }
    probe::note("@photo.raport.manual");
  }
  if (auto cm = tileCm())
    ImGui::TextWrapped("%s", ui.tr("photo.raport.size_cm", {{"w", core::formatNumber(cm->width, 1, lang)}, {"h", core::formatNumber(cm->height, 1, lang)}}).c_str());
  else
    ImGui::TextWrapped("%s", ui.tr("photo.raport.size_px", {{"w", std::to_string(r.tile.cols)}, {"h", std::to_string(r.tile.rows)}}).c_str());
  probe::note("@raport.size");
  // Where the tile goes: the Studio, the gallery, the lab.
  ImGui::BeginDisabled(m_sending || r.tile.empty());
  ToolbarRow row;
  for (auto [target, key] : {std::pair{Target::Studio, "photo.send.studio"}, std::pair{Target::Gallery, "photo.send.gallery"},
                             std::pair{Target::Lab, "photo.send.lab"}}) {
    const std::string text = label(ui, key);
    row.next(ToolbarRow::buttonWidth(text));
    if (ImGui::Button(text.c_str())) send(ui, s, target);
    probe::note(std::string("@") + key);
  }
  ImGui::EndDisabled();
  ImGui::Separator();
  drawScale(ui);
  // The tile repeated 3 x 3: what a cloth printed from it would look like, in
  // whatever the rows above leave of a 768-pixel screen.
  if (!m_repeated.empty()) {
    ImGui::Separator();
    const float w = ImGui::GetContentRegionAvail().x;
    const float h = std::max(ui.px(90), ImGui::GetContentRegionAvail().y - ImGui::GetStyle().WindowPadding.y);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w, p.y + h), color::kCanvas);
    drawFitted(ui, "photo:repeated", m_raportVersion, m_repeated, fitInto(m_repeated.size(), p, ImVec2(w, h)));
    ImGui::Dummy(ImVec2(w, h));
    probe::note("@raport.repeated");
  }
}

void PhotoView::drawScale(UiContext& ui) {
  const core::Language lang = ui.wb.tr().language();
  ImGui::TextDisabled("%s", ui.tr("photo.scale.title").c_str());
  ImGui::SetNextItemWidth(ui.px(110));
  ImGui::InputFloat(label(ui, "photo.scale.width_cm").c_str(), &m_widthCm, 0, 0, "%.1f");
  probe::note("@photo.scale.width_cm");
  ImGui::SameLine();
  const bool applyWidth = ImGui::Button(label(ui, "photo.scale.apply", "apply_width").c_str());
  if ((applyWidth || m_applyWidth) && !m_photo.empty()) {
    m_applyWidth = false;
    auto sc = core::scaleFromWidth(int(std::lround(m_photo.cols / m_factor)), m_widthCm);
    if (sc) m_scale = *sc, m_ruler.clear();
    m_scaleError = sc ? std::string() : ui.wb.tr().message(sc.error());
  }
  probe::note("@photo.scale.apply_width");
  if (ImGui::Button(label(ui, m_measuring ? "photo.ruler.cancel" : "photo.ruler.start").c_str())) {
    m_measuring = !m_measuring;
    if (m_measuring) m_ruler.clear();
  }
  probe::note("@photo.ruler.start");
  if (m_ruler.size() == 2) {
    ImGui::SetNextItemWidth(ui.px(110));
    ImGui::InputFloat(label(ui, "photo.ruler.distance_cm").c_str(), &m_rulerCm, 0, 0, "%.1f");
    probe::note("@photo.ruler.distance_cm");
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "photo.scale.apply", "apply_ruler").c_str())) {
      auto sc = core::scaleFromPoints(m_ruler[0] / m_factor, m_ruler[1] / m_factor, m_rulerCm);
      if (sc) m_scale = *sc;
      m_scaleError = sc ? std::string() : ui.wb.tr().message(sc.error());
    }
    probe::note("@photo.scale.apply_ruler");
  }
  if (!m_scaleError.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kError));
    ImGui::TextWrapped("%s", m_scaleError.c_str());
    ImGui::PopStyleColor();
  }
  if (m_scale.known())
    ImGui::TextWrapped("%s", ui.tr("photo.scale.known", {{"px", core::formatNumber(m_scale.pxPerCm, 1, lang)},
                                                          {"dpi", core::formatNumber(m_scale.dpi(), 0, lang)}}).c_str());
  else
    ImGui::TextWrapped("%s", ui.tr("photo.scale.unknown").c_str());
  probe::note("@photo.scale.text");
}

void PhotoView::send(UiContext& ui, core::DesignSession& s, Target target) {
  // The whole photo, cleaned as the stack says, cut with the lattice shown (in its pixels).
  const core::Design& d = std::as_const(s).design();
  const std::optional<core::CleanOp> op = cleanOp(s);
  const double k = m_factor > 0 ? 1 / m_factor : 1;
  const im::Raport shown = m_raport;
  const std::string name = d.sourcePath.stem().string() + "-raport";
  std::optional<im::Dpi> dpi = d.source.dpi;
  if (m_scale.known()) dpi = im::Dpi{m_scale.dpi(), m_scale.dpi()};
  m_sending = true;
  ++m_jobs;
  std::weak_ptr<int> alive = m_alive;
  core::Workbench* wb = &ui.wb;
  ui.wb.tasks().run([this, alive, wb, src = d.source.pixels, op, shown, k, name, dpi, target]() -> core::TaskPool::Completion {
    cv::Mat photo = op ? op->run(src) : im::photoToBgr8(src);
    cv::Mat tile = photo;
    if (shown.cut) {
      const im::Raport r = im::cutRaport(photo, shown.a * k, shown.b * k, shown.origin * k);
      if (r.cut) tile = r.tile;
    }
    return [this, alive, wb, tile, name, dpi, target] {
      if (!alive.expired()) {
        --m_jobs;
        m_sending = false;
        if (target == Target::Studio) m_open = false;  // the tile is the design now: back to the Studio
      }
      // A completion runs between frames: the Studio may take a new design here.
      if (target == Target::Studio) wb->openDesignFromImage(im::Image{tile, im::ImageHeader{.format = im::ImageFormat::Png, .width = tile.cols, .height = tile.rows, .channels = 3}, dpi}, name);
      else if (target == Target::Gallery) wb->sendImageToGallery(tile, name, dpi ? std::optional<double>(tile.cols / dpi->x * 2.54) : std::nullopt);
      else wb->sendImageToLab({tile, name, dpi});
    };
  });
}

}  // namespace canting::gui
