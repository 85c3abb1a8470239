#pragma once
// Shared by plan.cpp, simulation.cpp and cap.cpp only: the steps that came
// after the first six (cap, ciprat) read and written in their own file, and
// the one lookup of a layer name to a mask.

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include "canting/imaging/dye.h"

namespace canting::imaging::dye_detail {

// "outline", "isen", "ground", "all", "mask:FILE" or "painted:NAME" (not checked against a cloth).
bool knownLayerName(const std::string& layer);
// The layer as a CV_8U mask of `size`, 255 inside.
Result<cv::Mat> layerMask(const std::string& layer, const Layers& layers, cv::Size size, const std::filesystem::path& planDir);

// A cap or ciprat step's own fields from plan JSON into `st`; the error names `where` and the field.
std::optional<Error> parseCapStep(const nlohmann::json& s, const std::string& where, PlanStep& st);
std::optional<Error> parseCipratStep(const nlohmann::json& s, const std::string& where, const DyeBook& book, PlanStep& st);
nlohmann::json capStepJson(const PlanStep& st);
nlohmann::json cipratStepJson(const PlanStep& st);

// The plan's klowong style, when it colours the lines, and the step whose
// wax it goes under (the first wax on the outline); nullopt otherwise.
struct KlowongColet {
  std::size_t step = 0;
  const KlowongStyle* style = nullptr;
  const Dye* dye = nullptr;
};
std::optional<KlowongColet> klowongColet(const Plan& plan, const DyeBook& book);

}  // namespace canting::imaging::dye_detail
