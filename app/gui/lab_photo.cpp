// The dye lab's exercise from a photo (lab_photo.h).

#include "lab_photo.h"

#include <algorithm>
#include <cstring>

#include <imgui.h>
#include <opencv2/imgproc.hpp>

#include "canting/core/photo_exercise.h"
#include "canting/imaging/image_io.h"
#include "item_probe.h"

namespace canting::gui {

namespace im = imaging;
namespace fs = std::filesystem;

namespace {

// The image fitted into the box, its aspect kept, from the box's top-left.
ImVec2 fitted(int w, int h, ImVec2 box) {
  const float s = std::min(box.x / float(std::max(1, w)), box.y / float(std::max(1, h)));
  return {w * s, h * s};
}

}  // namespace

void LabPhoto::drawButton(UiContext& ui) {
  if (ImGui::Button(label(ui, "lab.photo.button", "lab_photo").c_str())) m_wantFile = true;
  probe::note("@lab.photo");
}

std::optional<FileRequest> LabPhoto::takeFileRequest() {
  if (!std::exchange(m_wantFile, false)) return std::nullopt;
  return FileRequest{FileBrowserPanel::Mode::ImportMotif, {}, {}, kFileTag};
}

bool LabPhoto::fileChosen(UiContext&, int tag, const fs::path& photo, core::DyeLab& lab) {
  if (tag != kFileTag) return false;
  begin(photo, lab.book());
  return true;
}

namespace {

// The photo's colours read into layers and a plan; runs on the worker, so it
// holds only copies (the book may be reloaded while it runs).
imaging::Result<im::InferredPlan> inferFrom(const cv::Mat& pixels, std::optional<im::Dpi> dpi, const im::DyeBook& book) {
  im::DyeInferOptions o;
  if (dpi) o.photoDpi = dpi->x;
  return im::inferDyePlan(pixels, book, o);
}

}  // namespace

void LabPhoto::begin(const fs::path& photo, const im::DyeBook& book) {
  start([photo, book]() -> Reading {
    auto img = im::loadImage(photo);
    if (!img) return {img.error(), photo.filename().string()};
    return {inferFrom(img->pixels, img->dpi, book), photo.filename().string()};
  }, photo);
}

void LabPhoto::begin(core::Workbench::LabImage image, const im::DyeBook& book) {
  std::string name = image.name;
  std::replace(name.begin(), name.end(), '/', '-');  // shown as a file name and titles the exercise
  start([image = std::move(image), book, name]() -> Reading { return {inferFrom(image.image, image.dpi, book), name}; }, fs::path(name));
}

void LabPhoto::start(std::function<Reading()> job, fs::path shownAs) {
  close();
  m_pending = std::move(shownAs);
  m_job = std::async(std::launch::async, [gate = m_gate, job = std::move(job)] {
    if (gate.valid()) gate.wait();
    return job();
  });
}

void LabPhoto::abandon() {
  // A future of std::async waits for its thread when destroyed: an abandoned
  // reading is kept until it is done, so neither a new photo nor the window's
  // Close waits for it.
  if (m_job.valid()) m_abandoned.push_back(std::move(m_job));
  m_job = {};
  reap();
}

void LabPhoto::reap() {
  std::erase_if(m_abandoned, [](const std::future<Reading>& f) { return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready; });
}

bool LabPhoto::poll(UiContext& ui) {
  reap();
  if (!m_job.valid() || m_job.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
  return apply(ui, m_job.get());
}

bool LabPhoto::wait(UiContext& ui) {
  if (!m_job.valid()) return false;
  return apply(ui, m_job.get());
}

bool LabPhoto::apply(UiContext& ui, Reading r) {
  if (!r.result) {
    ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(r.result.error()));
    return false;
  }
  im::InferredPlan in = std::move(*r.result);
  in.plan.name = ui.tr("cli.dye.inferred_name", {{"photo", r.name}});
  m_inferred = std::move(in);
  m_photo = m_pending;
  setTitle(ui.tr("lab.photo.window") + ": " + m_photo.stem().string());
  makeViews();
  return true;
}

bool LabPhoto::read(UiContext& ui, const fs::path& photo, const im::DyeBook& book) {
  begin(photo, book);
  return wait(ui);
}

void LabPhoto::close() {
  abandon();
  m_inferred.reset();
  m_layersView.release();
}

void LabPhoto::setTitle(const std::string& title) {
  std::strncpy(m_title, title.c_str(), sizeof m_title - 1);
  m_title[sizeof m_title - 1] = 0;
}

void LabPhoto::makeViews() {
  // Each colour's area in its own colour on grey, side by side: the
  // masks the plan waxes and scrapes.
  const im::InferredPlan& in = *m_inferred;
  const int thumb = 200, gap = 8;
  const cv::Size src = in.indices.size();
  const double s = double(thumb) / std::max(src.width, src.height);
  const cv::Size t(std::max(1, int(src.width * s)), std::max(1, int(src.height * s)));
  const int n = int(in.masks.size());
  m_layersView = cv::Mat(t.height, n * t.width + (n - 1) * gap, CV_8UC3, cv::Scalar(255, 255, 255));
  for (int i = 0; i < n; ++i) {
    cv::Mat mask;
    cv::resize(in.masks[std::size_t(i)], mask, t, 0, 0, cv::INTER_AREA);
    const im::Rgb8 c = im::labToSrgb8(in.colours[std::size_t(i)]);
    cv::Mat cell(t, CV_8UC3, cv::Scalar(150, 150, 150));  // mid grey: the white and the darkest dye both show
    cell.setTo(cv::Scalar(c.b, c.g, c.r), mask > 96);
    cv::rectangle(cell, cv::Rect({}, t), cv::Scalar(120, 120, 120), 1);
    cell.copyTo(m_layersView(cv::Rect(i * (t.width + gap), 0, t.width, t.height)));
  }
  ++m_version;
}

bool LabPhoto::save(UiContext& ui, core::DyeLab& lab) {
  if (!m_inferred) return false;
  std::string title = m_title;
  if (title.empty()) title = m_photo.stem().string();
  auto saved = core::saveExerciseFromPhoto(*m_inferred, title, core::userExercisesDir(ui.wb.dataFolder()));
  if (!saved) {
    ui.wb.notify(core::Notice::Kind::Error, ui.wb.tr().message(saved.error()));
    return false;
  }
  ui.wb.notify(core::Notice::Kind::Info, ui.tr("lab.photo.saved", {{"title", title}, {"path", saved->string()}}));
  // The exercise list and the cloth the frame still draws change after it.
  ui.wb.post([&lab, id = saved->stem().string()] { lab.reloadExercises(id); });
  close();
  return true;
}

void LabPhoto::drawReading(UiContext& ui) {
  // A calm, small window while the worker reads: the lab stays usable behind it.
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 2), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ui.px(460), 0), ImGuiCond_Appearing);
  bool keep = true;
  // Its own window: the full one then appears at its own size.
  const std::string title = ui.tr("lab.photo.window") + "###lab_photo_reading";
  if (ImGui::Begin(title.c_str(), &keep, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    static constexpr const char* kTurn[] = {"|", "/", "-", "\\"};
    ImGui::TextUnformatted(kTurn[int(ImGui::GetTime() * 8) % 4]);
    ImGui::SameLine();
    ImGui::TextUnformatted(ui.tr("lab.photo.reading").c_str());
    ImGui::TextDisabled("%s", m_pending.filename().string().c_str());
    probe::note("@lab.photo.reading");
    if (ImGui::Button(label(ui, "lab.photo.cancel", "lab_photo_cancel").c_str())) keep = false;
    probe::note("@lab.photo.cancel");
  }
  ImGui::End();
  if (!keep) close();
}

bool LabPhoto::drawWindow(UiContext& ui, core::DyeLab& lab) {
  if (busy()) {
    drawReading(ui);
    return false;
  }
  if (!m_inferred) return false;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 size(std::min(vp->WorkSize.x - ui.px(40), ui.px(1180)), std::min(vp->WorkSize.y - ui.px(40), ui.px(700)));
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + (vp->WorkSize.x - size.x) / 2, vp->WorkPos.y + (vp->WorkSize.y - size.y) / 2), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(size, ImGuiCond_Appearing);
  bool keep = true, saved = false;
  const std::string title = ui.tr("lab.photo.window") + "###lab_photo_window";
  if (ImGui::Begin(title.c_str(), &keep, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    const im::InferredPlan& in = *m_inferred;
    const core::Language L = ui.wb.tr().language();
    const int li = L == core::Language::Indonesian ? 0 : 1;
    int baths = 0, kerok = 0;
    for (const auto& s : in.plan.steps) baths += s.op == im::PlanStep::Op::Dye, kerok += s.op == im::PlanStep::Op::Kerok;
    ImGui::TextWrapped("%s", ui.tr("lab.photo.summary", {{"photo", m_photo.filename().string()}, {"colours", std::to_string(in.colours.size())},
                                                         {"baths", std::to_string(baths)}, {"kerok", std::to_string(kerok)},
                                                         {"de", core::formatNumber(in.predictedDeltaE, 1, L)}})
                                  .c_str());
    // The target on the left, the masks and the plan on the right.
    const float left = ui.px(380);
    ImGui::BeginChild("lab_photo_target", ImVec2(left, -ImGui::GetFrameHeightWithSpacing() * 1.6f), false);
    ImGui::TextUnformatted(ui.tr("lab.photo.target").c_str());
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 box = fitted(in.target.cols, in.target.rows, ImVec2(left - ui.px(8), ImGui::GetContentRegionAvail().y - ui.px(4)));
    drawImage(ImGui::GetWindowDrawList(), ui.textures.tiles("lab_photo:target", m_version, in.target), in.target.cols, in.target.rows, p,
              ImVec2(p.x + box.x, p.y + box.y));
    ImGui::Dummy(box);
    probe::note("@lab.photo.target");
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("lab_photo_layers", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 1.6f), false);
    ImGui::TextUnformatted(ui.tr("lab.photo.layers").c_str());
    const ImVec2 q = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x - ui.px(4);
    const ImVec2 strip = fitted(m_layersView.cols, m_layersView.rows, ImVec2(w, ui.px(240)));
    drawImage(ImGui::GetWindowDrawList(), ui.textures.tiles("lab_photo:layers", m_version, m_layersView), m_layersView.cols, m_layersView.rows, q,
              ImVec2(q.x + strip.x, q.y + strip.y));
    ImGui::Dummy(strip);
    probe::note("@lab.photo.layers");
    // Each colour under its mask: its number, colour and share of the cloth.
    const int n = int(in.colours.size());
    const float cell = strip.x / float(std::max(1, n));
    // Under its mask when the masks are wide enough for the labels, else one a line (a tall, narrow tile).
    float widest = 0;
    for (int i = 0; i < n; ++i)
      widest = std::max(widest, ImGui::CalcTextSize(ui.tr("lab.photo.colour", {{"n", std::to_string(i + 1)}, {"share", "100"}}).c_str()).x);
    const bool underMasks = cell >= widest + ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().ItemSpacing.x;
    for (int i = 0; i < n; ++i) {
      if (i && underMasks) ImGui::SameLine(q.x - ImGui::GetWindowPos().x + cell * float(i));
      const im::Rgb8 c = im::labToSrgb8(in.colours[std::size_t(i)]);
      ImGui::ColorButton(("##colour" + std::to_string(i)).c_str(), ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1), ImGuiColorEditFlags_NoTooltip,
                         ImVec2(ImGui::GetTextLineHeight(), ImGui::GetTextLineHeight()));
      ImGui::SameLine();
      ImGui::TextUnformatted(ui.tr("lab.photo.colour", {{"n", std::to_string(i + 1)}, {"share", core::formatNumber(100 * in.shares[std::size_t(i)], 0, L)}}).c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", im::formatHex(in.colours[std::size_t(i)]).c_str());
    }
    ImGui::Spacing();
    ImGui::TextUnformatted(ui.tr("lab.photo.plan").c_str());
    ImGui::BeginChild("lab_photo_plan", ImVec2(0, 0), true);
    for (std::size_t i = 0; i < in.plan.steps.size(); ++i) {
      const im::PlanStep& s = in.plan.steps[i];
      std::string text;
      switch (s.op) {
        case im::PlanStep::Op::Wax: text = ui.tr("lab.op.wax", {{"layer", core::layerText(ui.wb.tr(), s.layer)}}); break;
        case im::PlanStep::Op::Kerok: text = ui.tr("lab.op.kerok", {{"layer", core::layerText(ui.wb.tr(), s.layer)}}); break;
        case im::PlanStep::Op::Dye: {
          const im::Dye* d = lab.book().dye(s.dye);
          text = ui.tr("lab.op.dye", {{"dye", d ? d->name[li] : s.dye}, {"dips", std::to_string(s.dips)}, {"conc", core::formatNumber(s.concentration, 0, L)}});
          break;
        }
        default: text = ui.tr("lab.op.lorod"); break;
      }
      ImGui::Text("%zu. %s", i + 1, text.c_str());
    }
    ImGui::EndChild();
    ImGui::EndChild();
    // The title and the buttons along the bottom.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ui.tr("lab.photo.title").c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui.px(420));
    ImGui::InputText("##lab_photo_title", m_title, sizeof m_title);
    probe::note("@lab.photo.title");
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "lab.photo.save", "lab_photo_save").c_str())) saved = save(ui, lab);
    probe::note("@lab.photo.save");
    ImGui::SameLine();
    if (ImGui::Button(label(ui, "lab.photo.close", "lab_photo_close").c_str())) keep = false;
    probe::note("@lab.photo.close");
  }
  ImGui::End();
  if (!keep) close();
  return saved;
}

}  // namespace canting::gui
