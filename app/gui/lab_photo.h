#pragma once
// The dye lab's "Exercise from a photo…": a photo chosen in the app's file
// browser is read back into wax layers and a dye plan (imaging's
// inferDyePlan), shown in a window (the target, each colour's mask, the plan
// that is the answer key) and saved as a trainer's exercise in the data
// folder; the lab then lists it and starts it. The reading (0.2-0.4 s on a
// phone photo) runs on a worker of this object's own, while the window says
// "Reading the photo…"; its result and the lab's reload are applied between
// frames (the start of the lab's draw, Workbench::post), never inside a draw.

#include <filesystem>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "canting/core/dye_lab.h"
#include "canting/core/workbench.h"
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
  // Starts reading a photo file, or an image handed on (the library's "Pakai
  // di Lab", the Studio's raport tile), on the worker; what was shown closes.
  // A reading still running is abandoned: its result is dropped.
  void begin(const std::filesystem::path& photo, const imaging::DyeBook& book);
  void begin(core::Workbench::LabImage image, const imaging::DyeBook& book);
  // Applies a finished reading (call between frames: it replaces what the
  // window draws); true when one was applied, shown or noticed as an error.
  bool poll(UiContext& ui);
  // Blocks until the running reading is done and applies it (tests, --show).
  bool wait(UiContext& ui);
  bool busy() const { return m_job.valid(); }
  // Tests: the readings started from now on wait for `gate` before they
  // start, so that a test sees them running (an empty future: no wait).
  void setGate(std::shared_future<void> gate) { m_gate = std::move(gate); }
  // Saves what was read as an exercise titled by the title field; the lab
  // reloads its exercises and starts this one between frames.
  bool save(UiContext& ui, core::DyeLab& lab);
  void setTitle(const std::string& title);
  // Closes the window; a reading still running is abandoned.
  void close();
  bool open() const { return m_inferred.has_value(); }
  const std::optional<imaging::InferredPlan>& inferred() const { return m_inferred; }

 private:
  // What the worker gives back: the reading, or the error to notice.
  struct Reading {
    imaging::Result<imaging::InferredPlan> result;
    std::string name;  // the photo's file name, or the image's name
  };
  void start(std::function<Reading()> job, std::filesystem::path shownAs);
  bool apply(UiContext& ui, Reading r);
  void abandon();
  void reap();  // drops the abandoned readings that are done
  void makeViews();
  void drawReading(UiContext& ui);

  bool m_wantFile = false;
  std::future<Reading> m_job;             // the reading running, if any
  std::vector<std::future<Reading>> m_abandoned;  // finish on their own; dropped when ready
  std::filesystem::path m_pending;        // what the running reading is of
  std::shared_future<void> m_gate;

  std::optional<imaging::InferredPlan> m_inferred;
  std::filesystem::path m_photo;
  char m_title[128] = {};
  cv::Mat m_layersView;  // every colour's mask side by side, in its colour
  int m_version = 0;
};

}  // namespace canting::gui
