// Scoring a result against its target, and the recipe (grams per bath) of a plan.
#include "canting/imaging/dye.h"

#include <opencv2/imgproc.hpp>

#include "canting/imaging/palette.h"

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

Result<Recipe> computeRecipe(const Plan& plan, const DyeBook& book, double clothGrams, double ratio) {
  if (!(clothGrams > 0 && clothGrams <= 100000))
    return makeError(ErrorCode::InvalidArgument, {{"what", "cloth " + std::to_string(clothGrams) + " g"}}, "cloth weight 1..100000 g");
  if (!(ratio >= 5 && ratio <= 100)) return makeError(ErrorCode::InvalidArgument, {{"what", "ratio 1:" + std::to_string(ratio)}}, "liquor ratio 1:5..1:100");
  Recipe r;
  r.clothGrams = clothGrams;
  r.liquorRatio = ratio;
  r.litres = clothGrams * ratio / 1000.0;  // vlot: 300 g at 1:30 is 9 L
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& s = plan.steps[i];
    const int step = int(i) + 1;
    if (s.op == PlanStep::Op::Dye) {
      const Dye& d = *book.dye(s.dye);
      r.lines.push_back({step, {d.name[0], d.name[1]}, s.concentration * r.litres});
      for (const auto& a : d.auxiliaries)
        if (a.gramsPerLitre > 0) r.lines.push_back({step, {a.name, a.name}, a.gramsPerLitre * r.litres});
    } else if (s.op == PlanStep::Op::Fix) {
      const Fixer& f = *book.fixer(s.fixer);
      r.lines.push_back({step, {f.name[0], f.name[1]}, f.gramsPerLitre * r.litres});
    }
  }
  return r;
}

}  // namespace canting::imaging
