// canting-cli's dye lab: the dye book, wax-and-dye simulation, recipes.
//
// Index:
//   [SECTION] The dye book
//   [SECTION] Simulation and a photo read back into a plan
//   [SECTION] Recipes and the colourway check
//   [SECTION] Commands

#include <cmath>

#include <opencv2/imgproc.hpp>
#include <nlohmann/json.hpp>

#include "cli_internal.h"
#include "canting/base/json.h"
#include "canting/core/actions.h"
#include "canting/core/colorway_text.h"
#include "canting/core/dye_lab.h"
#include "canting/core/paths.h"
#include "canting/core/photo_exercise.h"
#include "canting/imaging/color.h"
#include "canting/imaging/dye.h"
#include "canting/imaging/dye_infer.h"
#include "canting/imaging/file_io.h"
#include "canting/imaging/image_io.h"

namespace canting::cli {

namespace {

using core::Language;
namespace im = imaging;

// [SECTION] The dye book

// --dyes FILE lets an administrator try an edited dye book without replacing the bundled one.
std::optional<im::DyeBook> dyeBook(Ctx& c, const ParsedArgs& a, int& status) {
  const std::filesystem::path file = a.value("dyes").value_or((core::assetsDir() / "dyes" / "dyes.json").string());
  auto b = im::loadDyeBook(file);
  if (!b) {
    status = c.fail(b.error());
    return std::nullopt;
  }
  return std::move(*b);
}

// A bath of the dye book as the sources dose it: each amount a number (or a
// range) with its unit, per litre, per kg of cloth or by the dye's weight.
nlohmann::json bathJson(const im::Bath& b, int li) {
  nlohmann::json j = {{"role", b.role}, {"name", b.name[li]}, {"note", b.note[li]}, {"confidence", b.confidence}, {"source", b.source}};
  if (b.litresPerKgHi > 0) j["litres_per_kg_cloth"] = b.litresPerKgHi > b.litresPerKgLo ? nlohmann::json{b.litresPerKgLo, b.litresPerKgHi} : nlohmann::json(b.litresPerKgLo);
  if (b.perMl > 0) j["per_ml"] = b.perMl;
  j["amounts"] = nlohmann::json::array();
  for (const auto& a : b.amounts) {
    nlohmann::json aj = {{"what", a.what[li]}, {"confidence", a.confidence}, {"source", a.source}};
    aj["dose"] = a.unit.empty() ? nlohmann::json() : a.hi > a.lo ? nlohmann::json{a.lo, a.hi} : nlohmann::json(a.lo);
    aj["unit"] = a.unit.empty() ? nlohmann::json() : nlohmann::json(a.unit);
    if (a.atLeast) aj["at_least"] = true;
    if (a.fromPlan) aj["from_plan"] = true;
    if (!a.note[li].empty()) aj["note"] = a.note[li];
    j["amounts"].push_back(std::move(aj));
  }
  return j;
}

int cmdDyeList(Ctx& c, const ParsedArgs& a) {
  int status = 0;
  auto book = dyeBook(c, a, status);
  if (!book) return status;
  const int li = c.tr.language() == Language::Indonesian ? 0 : 1;
  if (a.flag("json")) {
    nlohmann::json j;
    j["cloth"] = im::formatHex(book->cloth);
    for (const auto& d : book->dyes) {
      nlohmann::json e = {{"id", d.id}, {"name", d.name[li]}, {"kind", d.kind}, {"family", d.family}, {"colour", im::formatHex(d.colour)},
                          {"reference_g_per_l", d.refConcentration}, {"reference_dips", d.refDips}, {"recipe_g_per_l", d.gramsPerLitre},
                          {"liquor_ratio", d.liquorRatio}, {"confidence", d.confidence}, {"source", d.source}};
      e["temperature_c"] = d.temperatureC ? nlohmann::json(*d.temperatureC) : nlohmann::json();  // null: no source gives one
      e["baths"] = nlohmann::json::array();
      for (const auto& b : d.baths) e["baths"].push_back(bathJson(b, li));
      j["dyes"].push_back(std::move(e));
    }
    for (const auto& f : book->fixers)
      j["fixers"].push_back({{"id", f.id}, {"name", f.name[li]}, {"g_per_l", f.gramsPerLitre}, {"effect", f.effect[li]},
                             {"confidence", f.confidence}, {"source", f.source}, {"bath", bathJson(f.bath, li)}});
    c.out << base::dumpJson(j, 2) << "\n";
    return kOk;
  }
  // Each bath with its doses as the sources give them (per litre, per kg of
  // cloth, by the dye's weight); the source follows every figure.
  auto printBath = [&](const im::Bath& b) {
    c.out << "      " << b.name[li] << "\n";
    for (const auto& am : b.amounts) {
      c.out << "        " << am.what[li] << ": ";
      if (am.unit.empty()) c.out << am.note[li];
      else {
        auto num = [&](double v) { return core::formatNumber(v, v == std::floor(v) ? 0 : 2, c.tr.language()); };
        const std::string dose = num(am.lo) + (am.hi > am.lo ? "–" + num(am.hi) : "") + " " + am.unit;
        c.out << (am.atLeast ? c.tr.tr("cli.dye.at_least", {{"value", dose}}) : dose);
      }
      c.out << "  [" << am.confidence << (am.source.empty() ? "" : " · " + am.source) << "]\n";
    }
  };
  c.out << c.tr.tr("cli.dye.dyes_heading") << "\n";
  std::string family;
  for (const auto& d : book->dyes) {
    if (d.family != family) {
      family = d.family;
      c.out << " " << c.tr.tr("cli.dye.family", {{"family", family}}) << "\n";
    }
    c.out << "  " << d.id << "  " << im::formatHex(d.colour) << "  " << d.name[li] << "  ("
          << c.tr.tr("cli.dye.confidence", {{"value", d.confidence}}) << ")\n";
    for (const auto& b : d.baths) printBath(b);
  }
  c.out << c.tr.tr("cli.dye.fixers_heading") << "\n";
  for (const auto& f : book->fixers) {
    c.out << "  " << f.id << "  " << f.name[li] << ": " << f.effect[li] << "\n";
    printBath(f.bath);
  }
  return kOk;
}


// [SECTION] Simulation and a photo read back into a plan

// The cloth of the plan's exercise block, for `dye simulate PLAN` with
// neither --motif nor --layers; a plan without one is a usage error.
std::optional<im::Layers> exerciseCloth(Ctx& c, const ParsedArgs& a, const im::DyeBook& book, double& dpi, int& status) {
  const std::filesystem::path planFile = a.positionals[0];
  auto bytes = im::readFile(planFile, 4u << 20);
  const auto j = bytes ? nlohmann::json::parse(std::string(bytes->begin(), bytes->end()), nullptr, false) : nlohmann::json();
  if (!j.is_object() || !j.contains("exercise")) {
    status = c.usage("cli.usage.missing_option", {{"arg", "--motif | --layers"}}, "cli.help.dye_simulate");
    return std::nullopt;
  }
  auto ex = core::readExercise(planFile, book);
  if (!ex) {
    status = c.fail(ex.error());
    return std::nullopt;
  }
  if (ex->fromPhoto()) {
    auto l = im::loadLayers(ex->layersDir);
    if (!l) {
      status = c.fail(l.error());
      return std::nullopt;
    }
    return std::move(*l);
  }
  if (!a.value("dpi")) dpi = 100;  // the lab's cloth: 480 px at 100 dpi
  auto l = core::exerciseLayers(*ex, 480);
  if (!l) {
    status = c.fail(l.error());
    return std::nullopt;
  }
  return std::move(*l);
}

// A photo of a batik read back into its wax masks, the dye plan that makes
// it and its target; with --exercise also saved as a trainer's exercise.
int cmdDyeInfer(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.dye_infer";
  int status = 0;
  auto out = requireOut(c, a, help, status);
  if (!out) return status;
  const auto layersDir = a.value("layers");
  if (!layersDir || layersDir->empty()) return c.usage("cli.usage.missing_option", {{"arg", "--layers"}}, help);
  auto book = dyeBook(c, a, status);
  if (!book) return status;
  im::DyeInferOptions o;
  double k = 0;
  if (!readNumber(c, a, "k", 2, im::DyeInferOptions::kMaxColours, help, status, k)) return status;
  if (k != std::floor(k)) return c.usage("cli.usage.bad_value", {{"arg", "-k"}, {"value", *a.value("k")}}, help);
  o.colours = int(k);
  if (!readNumber(c, a, "cloth-width-cm", 1, 100000, help, status, o.clothWidthCm)) return status;
  if (!readNumber(c, a, "speck-mm2", 0, 100, help, status, o.speckMm2)) return status;
  auto lo = loadOptions(c, a, help, status);
  if (!lo) return status;
  const auto title = a.value("exercise");
  if (title && title->empty()) return c.usage("cli.usage.bad_value", {{"arg", "--exercise"}, {"value", ""}}, help);
  auto img = im::loadImage(a.positionals[0], *lo);
  if (!img) return c.fail(img.error());
  if (img->dpi) o.photoDpi = img->dpi->x;
  auto inferred = im::inferDyePlan(img->pixels, *book, o);
  if (!inferred) return c.fail(inferred.error());
  inferred->plan.name = c.tr.tr("cli.dye.inferred_name", {{"photo", std::filesystem::path(a.positionals[0]).filename().string()}});
  const std::filesystem::path target = a.value("target").value_or((std::filesystem::path(*layersDir) / "target.png").string());
  if (auto st = core::writeInferredPlan(*inferred, {*out, *layersDir, target}, title); !st) return c.fail(st.error());
  int baths = 0, kerok = 0;
  for (const auto& s : inferred->plan.steps) baths += s.op == im::PlanStep::Op::Dye, kerok += s.op == im::PlanStep::Op::Kerok;
  const Language L = c.tr.language();
  c.out << c.tr.tr("cli.dye.inferred", {{"path", *out}, {"colours", std::to_string(inferred->colours.size())}, {"baths", std::to_string(baths)},
                                        {"kerok", std::to_string(kerok)}, {"de", core::formatNumber(inferred->predictedDeltaE, 1, L)}})
        << "\n";
  c.out << c.tr.tr("cli.dye.inferred_files", {{"dir", *layersDir}, {"target", target.string()},
                                              {"dpi", core::formatNumber(inferred->dpi, 0, L)}})
        << "\n";
  if (title) {
    auto saved = core::saveExerciseFromPhoto(*inferred, *title, core::userExercisesDir(core::dataDir()));
    if (!saved) return c.fail(saved.error());
    c.out << c.tr.tr("cli.dye.exercise_saved", {{"path", saved->string()}}) << "\n";
  }
  return kOk;
}

int cmdDyeSimulate(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.dye_simulate";
  int status = 0;
  auto out = requireOut(c, a, help, status);
  if (!out) return status;
  auto book = dyeBook(c, a, status);
  if (!book) return status;
  core::DyeSimulateAction action;
  double& dpi = action.dpi;
  if (!readNumber(c, a, "dpi", core::DyeSimulateAction::kMinDpi, core::DyeSimulateAction::kMaxDpi, help, status, dpi)) return status;
  const auto motif = a.value("motif"), layersDir = a.value("layers");
  if (motif && layersDir) return c.usage("cli.usage.missing_option", {{"arg", "--motif | --layers"}}, help);
  im::Layers layers;
  if (!motif && !layersDir) {
    // An exercise's own cloth: its motif as the lab draws it, or a photo's layers.
    auto l = exerciseCloth(c, a, *book, dpi, status);
    if (!l) return status;
    layers = std::move(*l);
  } else if (motif) {
    auto img = im::loadImage(*motif);
    if (!img) return c.fail(img.error());
    if (!a.value("dpi") && img->dpi && img->dpi->x >= 10 && img->dpi->x <= 2400) dpi = img->dpi->x;
    auto l = im::layersFromImage(img->pixels, dpi);
    if (!l) return c.fail(l.error());
    layers = std::move(*l);
  } else {
    auto l = im::loadLayers(*layersDir);
    if (!l) return c.fail(l.error());
    layers = std::move(*l);
  }
  const std::filesystem::path planFile = a.positionals[0];
  auto plan = im::loadPlan(planFile, *book);
  if (!plan) return c.fail(plan.error());
  action.planDir = planFile.parent_path();
  auto states = action.run(*plan, layers, *book);
  if (!states) return c.fail(states.error());
  const cv::Mat result = im::renderCloth(states->back());
  if (auto st = im::saveImage(result, *out, {.dpi = im::Dpi{dpi, dpi}}); !st) return c.fail(st.error());
  if (auto dir = a.value("steps")) {
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    for (std::size_t i = 0; i < states->size(); ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "step-%02zu.png", i);
      if (auto st = im::saveImage(im::renderCloth((*states)[i], true), std::filesystem::path(*dir) / name); !st) return c.fail(st.error());
    }
  }
  c.out << c.tr.tr("cli.dye.simulated", {{"path", *out}, {"steps", std::to_string(plan->steps.size())}}) << "\n";
  if (auto t = a.value("target")) {
    auto target = im::loadImage(*t);
    if (!target) return c.fail(target.error());
    cv::Mat tp = target->pixels;
    if (tp.depth() != CV_8U) tp.convertTo(tp, CV_8U, tp.depth() == CV_16U ? 1.0 / 257 : 255.0);
    if (tp.channels() == 1) cv::cvtColor(tp, tp, cv::COLOR_GRAY2BGR);
    const im::Score sc = im::scoreAgainst(result, tp, layers, *plan);
    const Language L = c.tr.language();
    c.out << c.tr.tr("cli.dye.score", {{"mean", core::formatNumber(sc.meanDeltaE, 2, L)},
                                        {"share", core::formatNumber(100 * sc.shareWithin5, 1, L)},
                                        {"baths", std::to_string(sc.bathsUsed)}, {"fewest", std::to_string(sc.fewestBaths)}})
          << "\n";
    if (!sc.worstLayer.empty() && sc.worstLayerDeltaE > 5)
      c.out << c.tr.tr("cli.dye.worst_layer", {{"layer", c.tr.tr("dye.layer." + sc.worstLayer)},
                                                {"de", core::formatNumber(sc.worstLayerDeltaE, 1, L)}})
            << "\n";
  }
  return kOk;
}

// [SECTION] Recipes and the colourway check

int cmdDyeRecipe(Ctx& c, const ParsedArgs& a) {
  const std::string help = "cli.help.dye_recipe";
  int status = 0;
  auto book = dyeBook(c, a, status);
  if (!book) return status;
  // The cloth's weight, or its size and weight per square metre (the mori's
  // gsm on the bolt's label): 250 x 105 cm at 110 g/m2 is 289 g.
  std::optional<double> grams;
  if (a.value("cloth-g")) {
    double g = 0;
    if (!readNumber(c, a, "cloth-g", 1, 100000, help, status, g)) return status;
    grams = g;
  } else if (auto size = a.value("cloth-cm")) {
    double w = 0, h = 0;
    char x = 0, extra = 0;
    if (std::sscanf(size->c_str(), "%lf%c%lf%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X') || !(w >= 1 && w <= 10000) || !(h >= 1 && h <= 10000))
      return c.usage("cli.usage.bad_value", {{"arg", "--cloth-cm"}, {"value", *size}}, help);
    if (!a.value("gsm")) return c.usage("cli.usage.missing_option", {{"arg", "--gsm"}}, help);
    double gsm = 0;
    if (!readNumber(c, a, "gsm", 10, 1000, help, status, gsm)) return status;
    grams = w / 100 * h / 100 * gsm;
  } else {
    return c.usage("cli.usage.missing_option", {{"arg", "--cloth-g | --cloth-cm"}}, help);
  }
  core::DyeRecipeAction action{.clothGrams = *grams};
  if (!readNumber(c, a, "ratio", core::DyeRecipeAction::kMinRatio, core::DyeRecipeAction::kMaxRatio, help, status, action.liquorRatio))
    return status;
  auto plan = im::loadPlan(a.positionals[0], *book);
  if (!plan) return c.fail(plan.error());
  auto recipe = action.run(*plan, *book);
  if (!recipe) return c.fail(recipe.error());
  if (a.flag("json")) {
    c.out << base::dumpJson(core::recipeJson(c.tr, *recipe), 2) << "\n";
    return kOk;
  }
  const std::vector<im::CardLine> card = core::recipeLines(c.tr, *plan, *book, *recipe);
  for (const auto& line : card) c.out << (line.heading ? "" : "  ") << line.text << "\n";
  if (auto pdf = a.value("pdf")) {
    const std::string title = c.tr.tr("cli.dye.recipe_title", {{"plan", plan->name.empty() ? std::filesystem::path(a.positionals[0]).stem().string() : plan->name}});
    if (auto st = im::writeRecipeCard(title, card, *pdf); !st) return c.fail(st.error());
    c.out << c.tr.tr("cli.dye.card_written", {{"path", *pdf}}) << "\n";
  }
  return kOk;
}

// Whether the centres can dye a set of colours, and how: the same check the
// Studio's colourway marks, the gallery's * and colorways.json use.
int cmdDyeCheckColourway(Ctx& c, const ParsedArgs& a) {
  std::vector<im::Lab> colours;
  for (const std::string& item : splitTopLevel(a.positionals[0], ',')) {
    if (item.empty()) continue;
    auto lab = im::parseColor(item);
    if (!lab) return c.fail(lab.error());
    colours.push_back(*lab);
  }
  if (colours.empty()) return c.usage("cli.usage.bad_value", {{"arg", "COLOURS"}, {"value", a.positionals[0]}}, "cli.help.dye_check_colourway");
  const im::DyeProcess p = im::planDyeProcess(colours);
  if (a.flag("json")) {
    nlohmann::json j = core::dyeProcessJson(c.tr, colours, p);
    for (const im::Lab& l : colours) j["colours"].push_back(im::formatHex(l));
    c.out << base::dumpJson(j, 2) << "\n";
    return kOk;
  }
  c.out << core::dyeProcessSummary(c.tr, colours, p) << "\n";
  const auto steps = core::dyeProcessSteps(c.tr, colours, p);
  for (std::size_t i = 0; i < steps.size(); ++i) c.out << "  " << i + 1 << ". " << steps[i] << "\n";
  return kOk;
}

}  // namespace

// [SECTION] Commands

std::vector<Command> dyeCommands() {
  return {
      {"dye list", {{}, {"json"}, {"dyes"}}, "cli.help.dye_list", cmdDyeList},
      {"dye simulate", {{"PLAN"}, {}, {"motif", "layers", "target", "steps", "dpi", "dyes", "o"}, {'o'}}, "cli.help.dye_simulate", cmdDyeSimulate},
      {"dye infer", {{"PHOTO"}, {}, {"k", "layers", "target", "exercise", "cloth-width-cm", "speck-mm2", "max-mp", "dyes", "o"}, {'o', 'k'}},
       "cli.help.dye_infer", cmdDyeInfer},
      {"dye recipe", {{"PLAN"}, {"json"}, {"cloth-g", "cloth-cm", "gsm", "ratio", "pdf", "dyes"}}, "cli.help.dye_recipe", cmdDyeRecipe},
      {"dye check-colourway", {{"COLOURS"}, {"json"}, {}}, "cli.help.dye_check_colourway", cmdDyeCheckColourway},
  };
}

}  // namespace canting::cli
