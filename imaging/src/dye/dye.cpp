#include "canting/imaging/dye.h"

#include <cmath>
#include <numbers>
#include <random>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "canting/imaging/file_io.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/palette.h"
#include "canting/imaging/pola.h"
#include "canting/imaging/pdf_file.h"

namespace canting::imaging {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Kubelka-Munk, single constant, per channel.
inline double ksOf(double r) {
  r = std::clamp(r, 1e-4, 1.0);
  return (1 - r) * (1 - r) / (2 * r);
}
inline double reflOf(double ks) { return 1 + ks - std::sqrt(ks * ks + 2 * ks); }

// Linear B, G, R of a colour (our images keep OpenCV's order).
cv::Vec3d linearBgr(const Lab& lab) {
  const Rgb l = xyzToLinearRgb(labToXyz(lab));
  return {std::clamp(l.b, 1e-4, 1.0), std::clamp(l.g, 1e-4, 1.0), std::clamp(l.r, 1e-4, 1.0)};
}
cv::Vec3d ksBgr(const Lab& lab) {
  const cv::Vec3d r = linearBgr(lab);
  return {ksOf(r[0]), ksOf(r[1]), ksOf(r[2])};
}

// What one bath adds, per unit of uptake: the dye's own K/S over the cloth's,
// scaled by concentration and a saturating function of the dips.
cv::Vec3d bathKs(const Lab& cloth, const Dye& d, double conc, int dips) {
  const cv::Vec3d dk = ksBgr(d.colour), ck = ksBgr(cloth);
  const double tau = std::max(1, d.refDips);
  const double f = (1 - std::exp(-dips / tau)) / (1 - std::exp(-d.refDips / tau));
  const double s = conc / d.refConcentration * f;
  return {std::max(0.0, dk[0] - ck[0]) * s, std::max(0.0, dk[1] - ck[1]) * s, std::max(0.0, dk[2] - ck[2]) * s};
}

Error bad(const std::string& where, const std::string& reason, const std::string& detail = {}) {
  return makeError(ErrorCode::MalformedFile, {{"where", where}, {"reason", "@" + reason}}, detail);
}

std::string str2(const json& j, const char* key, int lang) {
  if (!j.contains(key)) return {};
  if (j[key].is_string()) return j[key].get<std::string>();
  if (j[key].is_object()) return j[key].value(lang ? "en" : "id", "");
  return {};
}

}  // namespace

const Dye* DyeBook::dye(const std::string& id) const {
  for (const auto& d : dyes)
    if (d.id == id) return &d;
  return nullptr;
}
const Fixer* DyeBook::fixer(const std::string& id) const {
  for (const auto& f : fixers)
    if (f.id == id) return &f;
  return nullptr;
}

Result<DyeBook> loadDyeBookFields(const fs::path& file) {
  auto bytes = readFile(file, 4u << 20);
  if (!bytes) return bytes.error();
  auto fail = [&](const std::string& where, const char* reason) {
    Error e = bad(where, reason);
    e.args.emplace_back("path", file.string());
    return e;
  };
  DyeBook b;
  try {
    const json j = json::parse(bytes->begin(), bytes->end());
    auto cloth = parseColor(j.at("cloth").at("colour").get<std::string>());
    if (!cloth) return fail("cloth.colour", "reason.bad_color");
    b.cloth = *cloth;
    for (std::size_t i = 0; i < j.at("dyes").size(); ++i) {
      const json& e = j["dyes"][i];
      const std::string where = "dyes[" + std::to_string(i) + "]";
      Dye d;
      d.id = e.at("id").get<std::string>();
      d.name[0] = str2(e, "name", 0);
      d.name[1] = str2(e, "name", 1);
      d.kind = e.value("kind", "");
      auto c = parseColor(e.at("colour").get<std::string>());
      if (!c) return fail(where + ".colour", "reason.bad_color");
      d.colour = *c;
      d.refConcentration = e.at("reference").at("concentration_g_per_l").get<double>();
      d.refDips = e.at("reference").at("dips").get<int>();
      if (!(d.refConcentration > 0) || d.refDips < 1) return fail(where + ".reference", "reason.bad_number");
      const json& r = e.at("recipe");
      d.gramsPerLitre = r.value("grams_per_litre", 0.0);
      d.liquorRatio = r.value("liquor_ratio", 20.0);
      d.temperatureC = r.value("temperature_c", 25.0);
      for (const auto& a : r.value("auxiliaries", json::array())) d.auxiliaries.push_back({a.value("name", ""), a.value("grams_per_litre", 0.0)});
      d.source = e.value("source", "");
      d.confidence = e.value("confidence", "");
      d.note = e.value("note", "");
      b.dyes.push_back(std::move(d));
    }
    for (std::size_t i = 0; i < j.at("fixers").size(); ++i) {
      const json& e = j["fixers"][i];
      Fixer f;
      f.id = e.at("id").get<std::string>();
      f.name[0] = str2(e, "name", 0);
      f.name[1] = str2(e, "name", 1);
      f.gramsPerLitre = e.value("grams_per_litre", 0.0);
      const auto s = e.at("ks_scale");
      if (!s.is_array() || s.size() != 3) return fail("fixers[" + std::to_string(i) + "].ks_scale", "reason.bad_number");
      f.ksScale = {s[2].get<double>(), s[1].get<double>(), s[0].get<double>()};  // given R, G, B; kept B, G, R
      f.effect[0] = str2(e, "effect", 0);
      f.effect[1] = str2(e, "effect", 1);
      f.source = e.value("source", "");
      f.confidence = e.value("confidence", "");
      f.note = e.value("note", "");
      b.fixers.push_back(std::move(f));
    }
  } catch (const std::exception& ex) {
    Error e = bad("JSON", "reason.not_json", ex.what());
    e.args.emplace_back("path", file.string());
    return e;
  }
  return b;
}

Result<DyeBook> loadDyeBook(const fs::path& file) {
  try {
    return loadDyeBookFields(file);
  } catch (const json::exception& e) {
    Error err = bad("JSON", "reason.wrong_type", e.what());
    err.args.emplace_back("path", file.string());
    return err;
  }
}

// --- plans -------------------------------------------------------------------------

Result<Plan> parsePlanFields(const std::string& text, const DyeBook& book) {
  json j;
  try {
    j = json::parse(text);
  } catch (const std::exception& e) {
    return bad("JSON", "reason.not_json", e.what());
  }
  if (!j.is_object()) return bad("JSON", "reason.not_object");
  Plan p;
  p.name = j.value("name", "");
  if (!j.contains("steps") || !j["steps"].is_array()) return bad("steps", "reason.missing_steps");
  if (j["steps"].size() > 200) return bad("steps", "reason.too_many_steps");
  for (std::size_t i = 0; i < j["steps"].size(); ++i) {
    const json& s = j["steps"][i];
    const std::string where = "steps[" + std::to_string(i) + "]";
    if (!s.is_object() || !s.contains("op") || !s["op"].is_string()) return bad(where + ".op", "reason.bad_step");
    PlanStep st;
    const std::string op = s["op"].get<std::string>();
    auto num = [&](const char* key, double lo, double hi, double& out, bool required) -> std::optional<Error> {
      if (!s.contains(key)) {
        if (required) return bad(where + "." + key, "reason.missing_field");
        return std::nullopt;
      }
      if (!s[key].is_number() || !(s[key].get<double>() >= lo && s[key].get<double>() <= hi)) return bad(where + "." + key, "reason.bad_number");
      out = s[key].get<double>();
      return std::nullopt;
    };
    auto layer = [&]() -> std::optional<Error> {
      if (!s.contains("layer") || !s["layer"].is_string()) return bad(where + ".layer", "reason.bad_layer");
      st.layer = s["layer"].get<std::string>();
      const bool known = st.layer == "outline" || st.layer == "isen" || st.layer == "ground" || st.layer == "all" ||
                         (st.layer.rfind("mask:", 0) == 0 && st.layer.size() > 5 && st.layer.find("..") == std::string::npos) ||
                         (st.layer.rfind("painted:", 0) == 0 && st.layer.size() > 8);
      if (!known) return bad(where + ".layer", "reason.bad_layer");
      return std::nullopt;
    };
    if (op == "wax" || op == "kerok") {
      st.op = op == "wax" ? PlanStep::Op::Wax : PlanStep::Op::Kerok;
      if (auto e = layer()) return *e;
    } else if (op == "dye") {
      st.op = PlanStep::Op::Dye;
      if (!s.contains("dye") || !s["dye"].is_string()) return bad(where + ".dye", "reason.missing_field");
      st.dye = s["dye"].get<std::string>();
      if (!book.dye(st.dye)) return bad(where + ".dye", "reason.unknown_dye", st.dye);
      double dips = 1;
      if (auto e = num("concentration", 0.01, 1000, st.concentration, true)) return *e;
      if (auto e = num("dips", 1, 100, dips, false)) return *e;
      st.dips = int(dips);
    } else if (op == "fix") {
      st.op = PlanStep::Op::Fix;
      if (!s.contains("fixer") || !s["fixer"].is_string()) return bad(where + ".fixer", "reason.missing_field");
      st.fixer = s["fixer"].get<std::string>();
      if (!book.fixer(st.fixer)) return bad(where + ".fixer", "reason.unknown_fixer", st.fixer);
    } else if (op == "crackle") {
      st.op = PlanStep::Op::Crackle;
      double seed = 1;
      if (auto e = num("density", 0.01, 20, st.density, false)) return *e;
      if (auto e = num("seed", 0, 2147483647, seed, false)) return *e;
      st.seed = std::uint32_t(seed);
    } else if (op == "lorod") {
      st.op = PlanStep::Op::Lorod;
    } else {
      return bad(where + ".op", "reason.bad_step", op);
    }
    p.steps.push_back(std::move(st));
  }
  return p;
}

// A field of the wrong type (a number where text belongs) is a malformed
// plan, not an exception out of nlohmann::json: found by fuzzing.
Result<Plan> parsePlan(const std::string& text, const DyeBook& book) {
  try {
    return parsePlanFields(text, book);
  } catch (const json::exception& e) {
    return bad("JSON", "reason.wrong_type", e.what());
  }
}

Result<Plan> loadPlan(const fs::path& file, const DyeBook& book) {
  auto bytes = readFile(file, 4u << 20);
  if (!bytes) return bytes.error();
  auto p = parsePlan(std::string(bytes->begin(), bytes->end()), book);
  if (!p) {
    Error e = p.error();
    e.args.emplace_back("path", file.string());
    return e;
  }
  return p;
}

std::string planToJson(const Plan& p) {
  json j;
  j["name"] = p.name;
  j["steps"] = json::array();
  for (const PlanStep& s : p.steps) {
    json o;
    switch (s.op) {
      case PlanStep::Op::Wax: o = {{"op", "wax"}, {"layer", s.layer}}; break;
      case PlanStep::Op::Kerok: o = {{"op", "kerok"}, {"layer", s.layer}}; break;
      case PlanStep::Op::Dye: o = {{"op", "dye"}, {"dye", s.dye}, {"concentration", s.concentration}, {"dips", s.dips}}; break;
      case PlanStep::Op::Fix: o = {{"op", "fix"}, {"fixer", s.fixer}}; break;
      case PlanStep::Op::Crackle: o = {{"op", "crackle"}, {"density", s.density}, {"seed", s.seed}}; break;
      case PlanStep::Op::Lorod: o = {{"op", "lorod"}}; break;
    }
    j["steps"].push_back(o);
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// --- simulation ------------------------------------------------------------------

ClothState freshCloth(cv::Size size, const DyeBook& book) {
  ClothState c;
  const cv::Vec3d k = ksBgr(book.cloth);
  c.ks = cv::Mat(size, CV_32FC3, cv::Scalar(k[0], k[1], k[2]));
  c.wax = cv::Mat(size, CV_8U, cv::Scalar(0));
  c.cracks = cv::Mat(size, CV_8U, cv::Scalar(0));
  c.ksAtFix = c.ks;
  return c;
}

Lab bathColour(const Lab& cloth, const Dye& d, double conc, int dips) {
  const cv::Vec3d k = ksBgr(cloth) + bathKs(cloth, d, conc, dips);
  const cv::Vec3d r{reflOf(k[0]), reflOf(k[1]), reflOf(k[2])};
  return xyzToLab(linearRgbToXyz(Rgb{r[2], r[1], r[0]}));
}

CrackStats crackle(ClothState& st, double density, std::uint32_t seed, double dpi) {
  CrackStats stats;
  const int waxPx = cv::countNonZero(st.wax);
  if (!waxPx) return stats;
  const double cm2 = waxPx / std::pow(dpi / 2.54, 2);
  const int n = std::clamp(int(std::lround(density * cm2 / 10.0)), 1, 400);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  const double pxPerMm = dpi / 25.4;
  std::vector<std::vector<cv::Point>> paths;
  cv::Mat occupied = st.cracks > 0;  // cracks made so far (older ones first)
  cv::Mat dist;
  for (int i = 0; i < n; ++i) {
    // Where the wax is farthest from its edge and from every crack so far
    // (Wyvill et al.): a new crack starts there and runs down the field.
    // The field is refreshed every few cracks rather than after each: a
    // distance transform of a 2048 x 2048 cloth costs milliseconds, and the
    // live `occupied` test below still stops every crack at the ones before it.
    if (i < 4 || i % 4 == 0) {
      // At half resolution: the field only steers the cracks and picks their
      // starts, and a quarter of the pixels makes it four times cheaper.
      cv::Mat half;
      cv::resize(st.wax & ~occupied, half, cv::Size((st.wax.cols + 1) / 2, (st.wax.rows + 1) / 2), 0, 0, cv::INTER_AREA);
      cv::threshold(half, half, 254, 255, cv::THRESH_BINARY);  // only blocks wholly free of crack and edge
      cv::distanceTransform(half, dist, cv::DIST_L2, 3);
      dist *= 2.0;  // back in full-resolution pixels
    }
    cv::Point start(-1, -1);
    float best = 0;
    for (int k = 0; k < 40; ++k) {  // the best of a few random points: varied, not always the same maximum
      const cv::Point p(int(u(rng) * st.wax.cols), int(u(rng) * st.wax.rows));
      if (!occupied.at<std::uint8_t>(p) && dist.at<float>(p.y / 2, p.x / 2) > best) { best = dist.at<float>(p.y / 2, p.x / 2); start = p; }
    }
    if (best < 2) break;
    std::vector<cv::Point> path{start};
    const double angle = u(rng) * 2 * std::numbers::pi;
    for (int side = 0; side < 2; ++side) {
      cv::Point2d pos(start), dir(std::cos(angle + side * std::numbers::pi), std::sin(angle + side * std::numbers::pi));
      std::vector<cv::Point> half;
      for (int step = 0; step < 4 * (st.wax.cols + st.wax.rows); ++step) {
        const int x = int(std::lround(pos.x)), y = int(std::lround(pos.y));
        if (x < 1 || y < 1 || x >= st.wax.cols - 1 || y >= st.wax.rows - 1) break;
        if (!st.wax.at<std::uint8_t>(y, x)) {  // reached the wax edge
          ++stats.edgeEnds;
          break;
        }
        if (occupied.at<std::uint8_t>(y, x)) {  // met an older crack: a T-junction
          half.emplace_back(x, y);
          ++stats.tJunctions;
          break;
        }
        half.emplace_back(x, y);
        // Downhill on the distance field (towards the nearest edge or crack),
        // with a little wander, as wax breaks.
        const int hx = std::clamp(x / 2, 1, dist.cols - 2), hy = std::clamp(y / 2, 1, dist.rows - 2);
        const double gx = dist.at<float>(hy, hx + 1) - dist.at<float>(hy, hx - 1), gy = dist.at<float>(hy + 1, hx) - dist.at<float>(hy - 1, hx);
        cv::Point2d next = dir * 0.85 - cv::Point2d(gx, gy) * 0.25 + cv::Point2d(u(rng) - 0.5, u(rng) - 0.5) * 0.3;
        const double len = std::hypot(next.x, next.y);
        if (len > 1e-9) dir = next / len;
        pos += dir;
      }
      if (side == 0) std::reverse(half.begin(), half.end());
      path.insert(side == 0 ? path.begin() : path.end(), half.begin(), half.end());
    }
    paths.push_back(path);
    ++stats.cracks;
    cv::polylines(occupied, std::vector<std::vector<cv::Point>>{path}, false, cv::Scalar(255), 1, cv::LINE_8);
  }
  // Older cracks are wider: they opened first and kept opening.
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const double age = 1.0 - double(i) / std::max<std::size_t>(1, paths.size());
    const int w = std::max(1, int(std::lround((0.15 + 0.25 * age) * pxPerMm)));
    cv::polylines(st.cracks, std::vector<std::vector<cv::Point>>{paths[i]}, false, cv::Scalar(w), w, cv::LINE_8);
  }
  st.cracks &= st.wax;  // cracks live in the wax only
  return stats;
}

namespace {

Result<cv::Mat> layerMask(const std::string& layer, const Layers& l, cv::Size size, const fs::path& planDir) {
  if (layer == "all") return cv::Mat(size, CV_8U, cv::Scalar(255));
  const cv::Mat* m = layer == "outline" ? &l.outline : layer == "isen" ? &l.isen : layer == "ground" ? &l.ground : nullptr;
  if (m) {
    if (m->empty()) return makeError(ErrorCode::InvalidArgument, {{"what", "layer " + layer}}, "this motif has no such layer");
    return m->clone();
  }
  if (layer.rfind("painted:", 0) == 0) {
    const auto it = l.painted.find(layer.substr(8));
    if (it == l.painted.end() || it->second.size() != size)
      return makeError(ErrorCode::InvalidArgument, {{"what", "layer " + layer}}, "no such painted mask");
    return cv::Mat(it->second > 127);
  }
  auto img = loadImage(planDir / layer.substr(5));
  if (!img) return img.error();
  cv::Mat grey = img->pixels;
  if (grey.depth() == CV_16U) grey.convertTo(grey, CV_8U, 1.0 / 257.0);
  if (grey.channels() > 1) cv::cvtColor(grey, grey, grey.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  if (grey.size() != size) cv::resize(grey, grey, size, 0, 0, cv::INTER_NEAREST);
  cv::Mat mask;
  cv::threshold(grey, mask, 127, 255, cv::THRESH_BINARY);  // white = wax
  return mask;
}

}  // namespace

Result<std::vector<ClothState>> simulate(const Plan& plan, const Layers& layers, const DyeBook& book, const SimOptions& o) {
  const cv::Size size = !layers.ground.empty() ? layers.ground.size() : !layers.outline.empty() ? layers.outline.size() : layers.isen.size();
  if (size.area() == 0) return makeError(ErrorCode::InvalidArgument, {{"what", "layers"}}, "no layers");
  std::vector<ClothState> states{freshCloth(size, book)};
  const int seep = std::max(0, int(std::lround(o.seepageMm / 25.4 * o.dpi)));
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    // States share the buffers a step leaves alone (cv::Mat is reference
    // counted); a step copies only what it changes. At 2048 x 2048 a K/S
    // buffer is 48 MB, and copying all of them for every step made the
    // timeline slow and memory-hungry on modest PCs.
    ClothState st = states.back();
    const PlanStep& s = plan.steps[i];
    const bool wax = s.op == PlanStep::Op::Wax || s.op == PlanStep::Op::Kerok;
    const bool cracks = s.op == PlanStep::Op::Crackle || s.op == PlanStep::Op::Kerok;
    if (s.op == PlanStep::Op::Fix) st.ks = st.ks.clone();  // a dye step writes its new K/S in the same pass it reads the old
    if (wax) st.wax = st.wax.clone();
    if (cracks) st.cracks = st.cracks.clone();
    switch (s.op) {
      case PlanStep::Op::Wax:
      case PlanStep::Op::Kerok: {
        auto m = layerMask(s.layer, layers, size, o.planDir);
        if (!m) return makeError(m.error().code, {{"where", "steps[" + std::to_string(i) + "].layer"}, {"what", s.layer}}, m.error().detail);
        if (s.op == PlanStep::Op::Wax) st.wax |= *m;
        else {
          st.wax &= ~*m;
          st.cracks &= st.wax;
        }
        break;
      }
      case PlanStep::Op::Dye: {
        const Dye& d = *book.dye(s.dye);
        const cv::Vec3d add = bathKs(book.cloth, d, s.concentration, s.dips);
        // Uptake: bare cloth and cracks take the bath fully; the wax edge lets
        // a little creep in, fading over the seepage band. The band is a few
        // pixels wide, so its distance from the bare cloth is counted by
        // erosions (city-block steps) rather than a distance transform of the
        // whole cloth: at 2048 x 2048 that was most of a dye step.
        const cv::Mat sealed = st.wax & ~(st.cracks > 0);
        cv::Mat dist(size, CV_8U, cv::Scalar(0));  // 0 bare; k = k steps into the wax; seep + 1 beyond the band
        {
          dist.setTo(cv::Scalar(seep + 1), sealed);
          cv::Mat inner = sealed.clone(), next;  // its own buffer: the two are swapped below
          const cv::Mat cross = cv::getStructuringElement(cv::MORPH_CROSS, cv::Size(3, 3));
          for (int k = 1; k <= seep; ++k) {
            // Erode with the border counted as wax: the cloth's edge is not bare cloth.
            cv::erode(inner, next, cross, cv::Point(-1, -1), 1, cv::BORDER_CONSTANT, cv::Scalar(255));
            dist.setTo(cv::Scalar(k), inner & ~next);
            std::swap(inner, next);  // a swap, not an assignment: erode must not write the buffer it reads
          }
        }        const cv::Mat before = st.ks;
        st.ks = cv::Mat(size, CV_32FC3);  // not create(): that would reuse the shared buffer
        cv::parallel_for_(cv::Range(0, size.height), [&](const cv::Range& r) {
          for (int y = r.start; y < r.end; ++y) {
            const std::uint8_t* w = sealed.ptr<std::uint8_t>(y);
            const std::uint8_t* dd = dist.ptr<std::uint8_t>(y);
            const cv::Vec3f* k0 = before.ptr<cv::Vec3f>(y);
            cv::Vec3f* k = st.ks.ptr<cv::Vec3f>(y);
            for (int x = 0; x < size.width; ++x) {
              double up = 1;
              if (w[x]) up = seep > 0 && dd[x] <= seep ? 0.5 * (1 - double(dd[x]) / (seep + 1)) : 0;
              k[x] = up > 0 ? k0[x] + cv::Vec3f(float(add[0] * up), float(add[1] * up), float(add[2] * up)) : k0[x];
            }
          }
        });
        break;
      }
      case PlanStep::Op::Fix: {
        const cv::Vec3d sc = book.fixer(s.fixer)->ksScale;
        // The fixer acts on the baths since the last fix (what it binds):
        // ks = atFix + (ks - atFix) * scale, per channel.
        cv::Mat since;
        cv::subtract(st.ks, st.ksAtFix, since);
        cv::multiply(since, cv::Scalar(sc[0] - 1.0, sc[1] - 1.0, sc[2] - 1.0), since);
        cv::add(st.ks, since, st.ks);
        st.ksAtFix = st.ks;
        break;
      }
      case PlanStep::Op::Crackle: crackle(st, s.density, s.seed, o.dpi); break;
      case PlanStep::Op::Lorod:
        // New buffers: assigning Mat::zeros() would write into the shared ones.
        st.wax = cv::Mat(size, CV_8U, cv::Scalar(0));
        st.cracks = cv::Mat(size, CV_8U, cv::Scalar(0));
        break;
    }
    states.push_back(std::move(st));
  }
  return states;
}

cv::Mat renderCloth(const ClothState& st, bool showWax) {
  // R = 1 + K/S - sqrt((K/S)^2 + 2 K/S) per channel, straight to 8-bit sRGB
  // in one pass: the timeline redraws a whole cloth each time it is scrubbed.
  cv::Mat out(st.ks.size(), CV_8UC3);
  cv::parallel_for_(cv::Range(0, out.rows), [&](const cv::Range& r) {
    for (int y = r.start; y < r.end; ++y) {
      const cv::Vec3f* k = st.ks.ptr<cv::Vec3f>(y);
      cv::Vec3b* o = out.ptr<cv::Vec3b>(y);
      for (int x = 0; x < out.cols; ++x)
        for (int c = 0; c < 3; ++c) {
          const float ks = k[x][c];
          o[x][c] = linearToSrgb8(1.0f + ks - std::sqrt(ks * ks + 2.0f * ks));
        }
    }
  });
  if (showWax) {
    // Wax as a translucent pale yellow, so a trainee sees what is covered.
    cv::Mat tint(out.size(), CV_8UC3, cv::Scalar(150, 225, 245));
    cv::Mat mixed;
    cv::addWeighted(out, 0.45, tint, 0.55, 0, mixed);
    mixed.copyTo(out, st.wax & ~(st.cracks > 0));
  }
  return out;
}

// --- scoring and recipes -----------------------------------------------------------

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

// --- layers from pictures ------------------------------------------------------------

Result<Layers> layersFromImage(const cv::Mat& image, double dpi, double isenMaxMm) {
  auto pola = extractPola(image, dpi);
  if (!pola) return pola.error();
  const cv::Mat lines = *pola < 128;
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(lines, labels, stats, centroids, 8, CV_32S);
  const int maxPx = std::max(1, int(std::lround(isenMaxMm / 25.4 * dpi)));
  std::vector<std::uint8_t> isIsen(std::size_t(std::max(n, 1)), 0);
  for (int i = 1; i < n; ++i)
    isIsen[std::size_t(i)] = stats.at<int>(i, cv::CC_STAT_WIDTH) <= maxPx && stats.at<int>(i, cv::CC_STAT_HEIGHT) <= maxPx;
  Layers l;
  l.outline = cv::Mat(lines.size(), CV_8U, cv::Scalar(0));
  l.isen = cv::Mat(lines.size(), CV_8U, cv::Scalar(0));
  for (int y = 0; y < labels.rows; ++y) {
    const int* lab = labels.ptr<int>(y);
    std::uint8_t* o = l.outline.ptr<std::uint8_t>(y);
    std::uint8_t* is = l.isen.ptr<std::uint8_t>(y);
    for (int x = 0; x < labels.cols; ++x)
      if (lab[x] > 0) (isIsen[std::size_t(lab[x])] ? is[x] : o[x]) = 255;
  }
  l.ground = ~(l.outline | l.isen);
  return l;
}

Result<Layers> loadLayers(const fs::path& dir) {
  Layers l;
  for (auto [name, mask] : {std::pair{"outline", &l.outline}, std::pair{"isen", &l.isen}, std::pair{"ground", &l.ground}}) {
    auto img = loadImage(dir / (std::string(name) + ".png"));
    if (!img) return img.error();
    cv::Mat g = img->pixels;
    if (g.channels() > 1) cv::cvtColor(g, g, g.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    if (g.depth() != CV_8U) g.convertTo(g, CV_8U, g.depth() == CV_16U ? 1.0 / 257 : 255.0);
    *mask = g > 127;
    if (!l.outline.empty() && mask->size() != l.outline.size())
      return makeError(ErrorCode::InvalidArgument, {{"what", (dir / (std::string(name) + ".png")).string()}}, "layers differ in size");
  }
  return l;
}

// --- the recipe card --------------------------------------------------------------------

Status writeRecipeCard(const std::string& title, const std::vector<CardLine>& lines, const fs::path& path) {
  constexpr double kPt = 72.0 / 25.4, pw = 210 * kPt, ph = 297 * kPt, m = 18 * kPt;
  auto target = openPdf(path, pw, ph);
  if (!target) return target.error();
  cairo_t* cr = cairo_create(target->surface);
  double y = m;
  auto header = [&] {
    cairo_set_source_rgb(cr, 0.36, 0.22, 0.12);  // soga brown
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 18);
    cairo_move_to(cr, m, y + 18);
    cairo_show_text(cr, title.c_str());
    y += 34;
  };
  header();
  for (const CardLine& line : lines) {
    const double h = line.heading ? 24 : 17;
    if (y + h > ph - m) {
      cairo_show_page(cr);
      y = m;
      header();
    }
    double x = m;
    if (line.swatch) {
      cairo_set_source_rgb(cr, line.swatch->r / 255.0, line.swatch->g / 255.0, line.swatch->b / 255.0);
      cairo_rectangle(cr, x, y + h - 15, 22, 13);
      cairo_fill_preserve(cr);
      cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
      cairo_set_line_width(cr, 0.5);
      cairo_stroke(cr);
      x += 30;
    }
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, line.heading ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, line.heading ? 13 : 11);
    cairo_move_to(cr, x + (line.heading || line.swatch ? 0 : 30), y + h - 4);
    cairo_show_text(cr, line.text.c_str());
    y += h;
  }
  cairo_show_page(cr);
  cairo_destroy(cr);
  return closePdf(*target);
}

}  // namespace canting::imaging
