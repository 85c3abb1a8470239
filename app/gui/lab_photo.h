#pragma once
// The dye lab's "Exercise from a photo…": a photo chosen in the app's file
// browser is read back into wax layers and a dye plan (imaging's
// inferDyePlan), shown in a window (the target, each colour's mask, the plan
// that is the answer key) and saved as a trainer's exercise in the data
// folder; the lab then lists it and starts it. The reading and the lab's
// reload happen between frames (Workbench::post), never inside a draw.

#include <filesystem>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "canting/core/dye_lab.h"
#include "canting/imaging/dye_infer.h"
#include "panel.h"

namespace canting::gui {

class LabPhoto {
 public:
  static constexpr int kFileTag = 0x1ab0;  // the file request that is ours

  // The toolbar button.
  void drawButton(UiContext& ui);
  std::optional<FileRequest> takeFileRequest();
  // True when the chosen file was for this (its tag).
  bool fileChosen(UiContext& ui, int tag, const std::filesystem::path& photo, core::DyeLab& lab);
  // The window while a photo's reading is shown; true the frame it was saved.
  bool drawWindow(UiContext& ui, core::DyeLab& lab);

  // Reads the photo now (tests, --show); a failure becomes a notice.
  bool read(UiContext& ui, const std::filesystem::path& photo, const imaging::DyeBook& book);
  // Saves what was read as an exercise titled by the title field; the lab
  // reloads its exercises and starts this one between frames.
  bool save(UiContext& ui, core::DyeLab& lab);
  void setTitle(const std::string& title);
  void close();
  bool open() const { return m_inferred.has_value(); }
  const std::optional<imaging::InferredPlan>& inferred() const { return m_inferred; }

 private:
  void makeViews();

  bool m_wantFile = false;
  std::optional<imaging::InferredPlan> m_inferred;
  std::filesystem::path m_photo;
  char m_title[128] = {};
  cv::Mat m_layersView;  // every colour's mask side by side, in its colour
  int m_version = 0;
};

}  // namespace canting::gui
