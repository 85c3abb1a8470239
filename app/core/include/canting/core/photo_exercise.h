#pragma once
// Exercises as plan files with an "exercise" block. The shipped ones
// (assets/dyes/plans) dye a generated motif; a trainer's own, made from a
// photo, keep their layers (outline/isen/ground and a mask per colour) and
// their target (the cleaned photo quantised) in a folder beside the plan, and
// live in the user's data folder (dyes/plans/), which the lab reads after the
// shipped ones. The inferred plan is the answer key *Petunjuk* follows.
//
//   "exercise": {"title_id", "title_en", "motif"}              a shipped one
//   "exercise": {"title_id", "title_en", "layers", "target"}   from a photo (paths beside the plan)

#include <filesystem>
#include <optional>
#include <string>

#include "canting/core/dye_lab.h"
#include "canting/imaging/dye_infer.h"

namespace canting::core {

// A step's layer for people: "outline", "isen", "ground", "all", a painted
// layer, or a photo's colour mask ("mask:warna-2.png": the colour 2 area).
std::string layerText(const Translator& tr, const std::string& layer);

// dataFolder/dyes/plans: where a trainer's own exercises go.
std::filesystem::path userExercisesDir(const std::filesystem::path& dataFolder);

// One plan file as an exercise (its block read, the plan checked against the
// book). A file without a block is an exercise on kawung, titled by its name.
imaging::Result<Exercise> readExercise(const std::filesystem::path& planFile, const imaging::DyeBook& book);

// The exercise's cloth, clothPx square: the motif generated as the lab draws
// it (100 dpi), or the middle square of a photo's layers and masks, resized.
imaging::Result<imaging::Layers> exerciseLayers(const Exercise& exercise, int clothPx, double dpi = 100);
// A photo exercise's target, the same square at `size` (8-bit BGR); empty for a motif.
imaging::Result<cv::Mat> exerciseTarget(const Exercise& exercise, cv::Size size);

// Writes what `dye infer` makes: the plan (with an exercise block when a
// title is given: layers and target named relative to the plan), the layers
// and masks into `layersDir`, the target PNG.
struct InferredFiles {
  std::filesystem::path plan, layers, target;
};
imaging::Status writeInferredPlan(const imaging::InferredPlan& inferred, const InferredFiles& files, const std::optional<std::string>& exerciseTitle);

// The inferred plan saved as a trainer's exercise in `dir` (its file named
// from the title, never over another): the plan file's path.
imaging::Result<std::filesystem::path> saveExerciseFromPhoto(const imaging::InferredPlan& inferred, const std::string& title,
                                                             const std::filesystem::path& dir);

}  // namespace canting::core
