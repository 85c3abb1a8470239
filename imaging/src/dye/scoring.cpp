// Scoring a result against its target, and the recipe (grams per bath) of a plan.
#include "canting/imaging/dye.h"

#include <algorithm>
#include <cstdio>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/palette.h"
#include "dye_steps.h"

namespace canting::imaging {

int estimateFewestBaths(const cv::Mat& target) {
  cv::Mat t = target;
  if (t.channels() == 4) cv::cvtColor(t, t, cv::COLOR_BGRA2BGR);
  // Colours covering at least 2% of the target; thinner ones are cracks and
  // seepage, which come free with the baths that make the big areas.
  int dyed = 0;
  if (auto p = extractPalette(t, {.k = 8, .mergeDeltaE = 12}))
    for (const auto& sw : p->swatches) dyed += sw.share >= 0.02;
  return std::max(0, dyed - 1);  // the lightest colour can be the cloth itself
}

Score scoreAgainst(const cv::Mat& result, const cv::Mat& target, const Layers& layers, const Plan& plan, std::optional<int> fewestBaths) {
  Score s;
  cv::Mat t = target;
  if (t.channels() == 4) cv::cvtColor(t, t, cv::COLOR_BGRA2BGR);
  if (t.size() != result.size()) cv::resize(t, t, result.size(), 0, 0, cv::INTER_AREA);
  const cv::Mat de = deltaE2000(bgrToLab(result), bgrToLab(t));
  s.meanDeltaE = cv::mean(de)[0];
  s.shareWithin5 = double(cv::countNonZero(de <= 5.0f)) / double(de.total());
  for (const auto& st : plan.steps) s.bathsUsed += st.op == PlanStep::Op::Dye;
  s.fewestBaths = fewestBaths ? *fewestBaths : estimateFewestBaths(t);
  for (const auto& [name, mask] : {std::pair{"outline", &layers.outline}, std::pair{"isen", &layers.isen}, std::pair{"ground", &layers.ground}}) {
    if (mask->empty() || mask->size() != de.size() || cv::countNonZero(*mask) == 0) continue;
    const double m = cv::mean(de, *mask)[0];
    if (m > s.worstLayerDeltaE) {
      s.worstLayerDeltaE = m;
      s.worstLayer = name;
    }
  }
  return s;
}

namespace {

std::string doseText(const Amount& a) {
  auto num = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return std::string(buf);
  };
  if (a.unit.empty()) return {};
  return (a.atLeast ? ">= " : "") + num(a.lo) + (a.hi > a.lo ? "-" + num(a.hi) : "") + " " + a.unit;
}

// One bath of a step, its volume and every amount worked out for the cloth.
RecipeBath workOut(const Bath& b, int step, const std::string& id, const PlanStep* dyeStep, double clothKg, double ratio) {
  RecipeBath out;
  out.step = step;
  out.dye = id;
  out.role = b.role;
  for (int l = 0; l < 2; ++l) {
    out.name[l] = b.name[l];
    out.note[l] = b.note[l];
  }
  out.perMl = b.perMl;
  // A bath has a volume when it has its own (per kg of cloth) or doses by the
  // litre (then at the liquor ratio); an extract's water is one of its amounts
  // (L/kg), and waterglass is brushed on: neither is a bath to fill.
  const bool perLitre = std::any_of(b.amounts.begin(), b.amounts.end(), [](const Amount& a) { return a.unit.ends_with("/L"); });
  const bool own = b.litresPerKgHi > 0;
  if (b.perMl == 0 && (own || perLitre)) {
    out.litresLo = clothKg * (own ? b.litresPerKgLo : ratio);
    out.litresHi = clothKg * (own ? b.litresPerKgHi : ratio);
  }
  const double litres = b.perMl > 0 ? b.perMl / 1000.0 : out.litresLo > 0 ? out.litresLo : clothKg * ratio;
  double dyeLo = 0, dyeHi = 0;  // the bath's dye, for doses given as a share of it
  for (const Amount& a : b.amounts) {
    RecipeAmount r;
    for (int l = 0; l < 2; ++l) {
      r.what[l] = a.what[l];
      r.note[l] = a.note[l];
    }
    r.confidence = a.confidence;
    r.atLeast = a.atLeast;
    double lo = a.lo, hi = std::max(a.lo, a.hi);
    if (a.fromPlan && dyeStep) lo = hi = dyeStep->concentration;  // what the trainee chose, in g/L
    r.dose = a.fromPlan && dyeStep ? doseText(Amount{.lo = lo, .hi = lo, .unit = a.unit}) : doseText(a);
    if (a.unit == "g/L" || a.unit == "cc/L" || a.unit == "buah/L") {
      r.unit = a.unit.substr(0, a.unit.size() - 2);
      r.lo = lo * litres;
      r.hi = hi * litres;
    } else if (a.unit == "g/kg" || a.unit == "L/kg") {
      r.unit = a.unit.substr(0, a.unit.size() - 3);
      r.lo = lo * clothKg;
      r.hi = hi * clothKg;
    } else if (a.unit == "% dye") {
      r.unit = "g";
      r.lo = lo / 100 * dyeLo;
      r.hi = hi / 100 * dyeHi;
    }
    if (a.fromPlan && r.unit == "g") {
      dyeLo = r.lo;
      dyeHi = r.hi;
    }
    out.amounts.push_back(std::move(r));
  }
  return out;
}

}  // namespace

Result<Recipe> computeRecipe(const Plan& plan, const DyeBook& book, double clothGrams, double ratio) {
  if (!(clothGrams > 0 && clothGrams <= 100000))
    return makeError(ErrorCode::InvalidArgument, {{"what", "cloth " + std::to_string(clothGrams) + " g"}}, "cloth weight 1..100000 g");
  if (!(ratio >= 5 && ratio <= 100)) return makeError(ErrorCode::InvalidArgument, {{"what", "ratio 1:" + std::to_string(ratio)}}, "liquor ratio 1:5..1:100");
  Recipe r;
  r.clothGrams = clothGrams;
  r.liquorRatio = ratio;
  r.litres = clothGrams * ratio / 1000.0;  // vlot: 300 g at 1:30 is 9 L
  const double kg = clothGrams / 1000.0;
  const auto klowong = dye_detail::klowongColet(plan, book);
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& s = plan.steps[i];
    const int step = int(i) + 1;
    if (klowong && klowong->step == i) {  // the klowong's colour, painted on the lines before their wax
      PlanStep colet{.op = PlanStep::Op::Colet, .layer = "outline", .dye = klowong->dye->id, .concentration = klowong->style->concentration};
      for (const Bath& b : klowong->dye->baths) {
        r.baths.push_back(workOut(b, step, klowong->dye->id, &colet, kg, ratio));
        r.baths.back().klowong = true;
      }
    }
    if (s.op == PlanStep::Op::Cap) {
      RecipeBath cap{.step = step, .role = "cap", .stampCm = s.sizeCm, .placement = placementName(s.placement), .stamps = int(s.at.size())};
      r.baths.push_back(std::move(cap));
    } else if (s.op == PlanStep::Op::Dye || s.op == PlanStep::Op::Colet || s.op == PlanStep::Op::Ciprat) {
      const Dye& d = *book.dye(s.dye);
      if (d.baths.empty()) {  // a dye the book gives only a g/L for: one bath at the liquor ratio
        Bath plain{.role = "dye", .name = {d.name[0], d.name[1]}};
        plain.amounts.push_back(Amount{.what = {d.name[0], d.name[1]}, .fromPlan = true, .unit = "g/L", .confidence = d.confidence, .source = d.source});
        r.baths.push_back(workOut(plain, step, d.id, &s, kg, ratio));
      }
      for (const Bath& b : d.baths) r.baths.push_back(workOut(b, step, d.id, &s, kg, ratio));
    } else if (s.op == PlanStep::Op::Fix) {
      const Fixer& f = *book.fixer(s.fixer);
      Bath b = f.bath;
      if (b.amounts.empty()) {  // a fixer with only its g/L
        b = Bath{.role = "fix", .name = {f.name[0], f.name[1]}};
        b.amounts.push_back(Amount{.what = {f.name[0], f.name[1]}, .lo = f.gramsPerLitre, .hi = f.gramsPerLitre, .unit = "g/L",
                                   .confidence = f.confidence, .source = f.source});
      }
      r.baths.push_back(workOut(b, step, f.id, nullptr, kg, ratio));
    }
  }
  return r;
}

}  // namespace canting::imaging
