// Exercises as plan files: reading their block, their cloth and target, and
// writing a photo's inferred plan as one (photo_exercise.h).

#include "canting/core/photo_exercise.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "canting/base/json.h"
#include "canting/imaging/file_io.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/photo.h"

namespace canting::core {

namespace im = imaging;
namespace fs = std::filesystem;

namespace {

// A path inside the plan's folder is written relative to it (the folder can
// be moved whole); anything else stays as it is.
std::string besidePlan(const fs::path& planFile, const fs::path& p) {
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(fs::absolute(planFile, ec).parent_path(), ec);
  const fs::path full = fs::weakly_canonical(fs::absolute(p, ec), ec);
  const fs::path rel = full.lexically_relative(base);
  if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  return full.generic_string();
}

cv::Rect middleSquare(cv::Size s) {
  const int side = std::min(s.width, s.height);
  return {(s.width - side) / 2, (s.height - side) / 2, side, side};
}

}  // namespace

std::string layerText(const Translator& tr, const std::string& layer) {
  if (layer.rfind("painted:", 0) == 0) return tr.tr("dye.layer.painted");
  if (layer.rfind("mask:", 0) == 0) {
    const std::string file = layer.substr(5);
    if (file.rfind("warna-", 0) == 0 && fs::path(file).extension() == ".png") return tr.tr("dye.layer.colour", {{"n", fs::path(file).stem().string().substr(6)}});
    return tr.tr("dye.layer.mask", {{"name", file}});
  }
  return tr.tr("dye.layer." + layer);
}

fs::path userExercisesDir(const fs::path& dataFolder) { return dataFolder / "dyes" / "plans"; }

im::Result<Exercise> readExercise(const fs::path& f, const im::DyeBook& book) {
  auto bytes = im::readFile(f, 1u << 20);
  if (!bytes) return bytes.error();
  const std::string text(bytes->begin(), bytes->end());
  auto plan = im::parsePlan(text, book);
  if (!plan) return plan.error();
  const auto j = nlohmann::json::parse(text, nullptr, false);
  Exercise e;
  try {
    const auto ex = j.is_object() ? j.value("exercise", nlohmann::json::object()) : nlohmann::json::object();
    e.id = f.stem().string();
    e.title[0] = ex.value("title_id", plan->name);
    e.title[1] = ex.value("title_en", e.title[0]);
    e.motif = im::parseMotif(ex.value("motif", "kawung")).value_or(im::MotifKind::Kawung);
    for (const auto& src : ex.value("sources", nlohmann::json::array()))
      if (src.is_string()) e.sources.push_back(src.get<std::string>());
    e.clothCm = std::clamp(ex.value("cloth_cm", 0.0), 0.0, 200.0);
    // A photo's files, beside the plan; ".." would reach outside the folder.
    const std::string layers = ex.value("layers", ""), target = ex.value("target", "");
    if (layers.find("..") != std::string::npos || target.find("..") != std::string::npos)
      return im::makeError(im::ErrorCode::MalformedFile, {{"where", "exercise.layers"}, {"reason", "@reason.bad_layer"}, {"path", f.string()}});
    if (!layers.empty()) e.layersDir = f.parent_path() / layers;
    std::error_code ec;
    if (!e.layersDir.empty() && !fs::is_directory(e.layersDir, ec))
      return im::makeError(im::ErrorCode::DirectoryMissing, {{"path", e.layersDir.string()}});
    if (!target.empty()) e.targetFile = f.parent_path() / target;
  } catch (const nlohmann::json::exception& x) {
    // An exercise block with a value of the wrong type is a broken file.
    return im::makeError(im::ErrorCode::MalformedFile, {{"where", "exercise"}, {"reason", "@reason.wrong_type"}, {"path", f.string()}}, x.what());
  }
  e.targetPlan = std::move(*plan);
  return e;
}

im::Result<im::Layers> exerciseLayers(const Exercise& e, int clothPx, double dpi) {
  if (e.layersDir.empty()) {
    im::MotifParams p;
    p.size = clothPx;
    p.dpi = dpi;
    p.lineMm = 2.0;
    p.isenMm = 1.2;
    auto l = im::generateMotif(e.motif, p);
    if (!l) return l.error();
    return im::Layers{l->outline, l->isen, l->ground};
  }
  auto l = im::loadLayers(e.layersDir);
  if (!l) return l.error();
  // The lab's cloth is square: the photo's middle square, at the lab's size.
  const cv::Rect crop = middleSquare(l->ground.size());
  const cv::Size to(clothPx, clothPx);
  for (cv::Mat* m : {&l->outline, &l->isen, &l->ground}) cv::resize((*m)(crop), *m, to, 0, 0, cv::INTER_NEAREST);
  if (auto st = im::preloadPlanMasks(*l, e.targetPlan, e.layersDir, crop); !st) return st.error();
  return l;
}

im::Result<cv::Mat> exerciseTarget(const Exercise& e, cv::Size size) {
  if (e.targetFile.empty()) return cv::Mat();
  auto img = im::loadImage(e.targetFile);
  if (!img) return img.error();
  cv::Mat t = im::photoToBgr8(img->pixels);
  t = t(middleSquare(t.size())).clone();
  // Nearest, not area: the target keeps exactly the photo's few colours.
  if (t.size() != size) cv::resize(t, t, size, 0, 0, cv::INTER_NEAREST);
  return t;
}

im::Status writeInferredPlan(const im::InferredPlan& in, const InferredFiles& files, const std::optional<std::string>& title) {
  if (auto st = im::saveInferredLayers(in, files.layers); !st) return st;
  if (auto st = im::saveImage(in.target, files.target, {.dpi = im::Dpi{in.dpi, in.dpi}}); !st) return st;
  nlohmann::json j = nlohmann::json::parse(im::planToJson(in.plan));
  if (title) {
    nlohmann::json ex = {{"title_id", *title}, {"title_en", *title}};
    ex["layers"] = besidePlan(files.plan, files.layers);
    ex["target"] = besidePlan(files.plan, files.target);
    j["exercise"] = std::move(ex);
  }
  const std::string text = base::dumpJson(j, 2) + "\n";
  return im::writeFileAtomic(files.plan, text);
}

im::Result<fs::path> saveExerciseFromPhoto(const im::InferredPlan& in, const std::string& title, const fs::path& dir) {
  // A file name from the title: lower-case letters, digits and dashes.
  std::string slug;
  for (unsigned char ch : title) {
    if (std::isalnum(ch) && ch < 128) slug += char(std::tolower(ch));
    else if (!slug.empty() && slug.back() != '-') slug += '-';
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.size() > 48) slug.resize(48);
  if (slug.empty()) slug = "latihan-foto";
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::string name = slug;
  for (int n = 2; fs::exists(dir / (name + ".json"), ec) || fs::exists(dir / name, ec); ++n) name = slug + "-" + std::to_string(n);
  const InferredFiles files{dir / (name + ".json"), dir / name, dir / name / "target.png"};
  if (auto st = writeInferredPlan(in, files, title); !st) return st.error();
  return files.plan;
}

}  // namespace canting::core
