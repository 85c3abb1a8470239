// .canting project files: the JSON boundary of the Studio's typed
// operations. The only place their kinds and values are spelled as strings.
//
// [SECTION] base64 and JSON helpers
// [SECTION] operations to and from JSON
// [SECTION] save
// [SECTION] load

#include <cmath>
#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/core/design.h"
#include "canting/imaging/file_io.h"

namespace canting::core {

namespace fs = std::filesystem;
namespace im = imaging;
using nlohmann::json;

// [SECTION] base64 and JSON helpers

namespace {

const char* kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(const std::vector<std::uint8_t>& in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const std::uint32_t n = std::uint32_t(in[i]) << 16 | (i + 1 < in.size() ? std::uint32_t(in[i + 1]) << 8 : 0) |
                            (i + 2 < in.size() ? in[i + 2] : 0);
    out += kB64[n >> 18 & 63];
    out += kB64[n >> 12 & 63];
    out += i + 1 < in.size() ? kB64[n >> 6 & 63] : '=';
    out += i + 2 < in.size() ? kB64[n & 63] : '=';
  }
  return out;
}

std::optional<std::vector<std::uint8_t>> unbase64(const std::string& in) {
  if (in.size() % 4) return std::nullopt;
  std::vector<std::uint8_t> out;
  out.reserve(in.size() / 4 * 3);
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  for (std::size_t i = 0; i < in.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int j = 0; j < 4; ++j) {
      const char c = in[i + std::size_t(j)];
      if (c == '=' && i + 4 == in.size() && j >= 2) { v[j] = 0; ++pad; continue; }
      if (pad || (v[j] = val(c)) < 0) return std::nullopt;
    }
    const std::uint32_t n = std::uint32_t(v[0]) << 18 | std::uint32_t(v[1]) << 12 | std::uint32_t(v[2]) << 6 | std::uint32_t(v[3]);
    out.push_back(std::uint8_t(n >> 16));
    if (pad < 2) out.push_back(std::uint8_t(n >> 8));
    if (pad < 1) out.push_back(std::uint8_t(n));
  }
  return out;
}

json labJson(const im::Lab& l) { return json::array({l.L, l.a, l.b}); }

im::Error bad(const std::string& where, const std::string& reason) {
  return im::makeError(im::ErrorCode::MalformedFile, {{"where", where}, {"reason", "@" + reason}});
}

std::optional<im::Lab> labFrom(const json& j) {
  if (!j.is_array() || j.size() != 3) return std::nullopt;
  for (const auto& v : j)
    if (!v.is_number()) return std::nullopt;
  im::Lab l{j[0].get<double>(), j[1].get<double>(), j[2].get<double>()};
  if (!(l.L >= 0 && l.L <= 100) || !std::isfinite(l.a) || !std::isfinite(l.b)) return std::nullopt;
  return l;
}


// The strings of the file format, to and from the typed operations. Keys and
// spellings are those of version 1 files, which keep loading unchanged.
// [SECTION] operations to and from JSON

json specJson(json o, const im::RepeatSpec& r) {
  o["layout"] = im::repeatName(r.layout);
  o["drop"] = r.drop;
  return o;
}

json operationJson(const Operation& op) {
  json o;
  o["enabled"] = op.enabled;
  o["kind"] = operationName(op.kind());
  if (const auto* r = op.as<RecolorOp>()) {
    o["mode"] = r->mode == im::RecolorMode::Flat ? "flat" : "shading";
    o["targets"] = json::array();
    for (const auto& t : r->targets) o["targets"].push_back(t ? labJson(*t) : json());
  } else if (const auto* a = op.as<AdjustOp>()) {
    o["hue"] = a->adjust.hueShift;
    o["chroma"] = a->adjust.chromaScale;
    o["lightness"] = a->adjust.lightnessScale;
    o["contrast"] = a->adjust.contrast;
  } else if (const auto* q = op.as<QuantizeOp>()) {
    o["colours"] = q->colours;
    o["seed"] = q->seed;
    o["refine"] = q->refine;
  } else if (const auto* t = op.as<ToneOp>()) {
    o["palette"] = t->paletteId;
    o["strength"] = t->strength;
  } else if (const auto* t = op.as<TransformOp>()) {
    o["quarter_turns"] = t->quarterTurns;
    o["flip_h"] = t->flipH;
    o["flip_v"] = t->flipV;
    o["scale"] = t->scale;
    o["seamless"] = t->seamless;
  } else if (const auto* s = op.as<SymmetryOp>()) {
    o["group"] = s->name();
  } else if (const auto* r = op.as<RepeatOp>()) {
    o = specJson(o, r->repeat);
    o["across"] = r->across;
    o["down"] = r->down;
    if (r->widthPx > 0) {
      o["width_px"] = r->widthPx;
      o["height_px"] = r->heightPx;
    }
  } else if (const auto* l = op.as<LayoutOp>()) {
    o["cloth"] = clothName(l->cloth);
    o = specJson(o, l->repeat);
    o["length_cm"] = l->lengthCm;
    o["height_cm"] = l->heightCm;
    o["dpi"] = l->dpi;
  } else if (const auto* c = op.as<CleanOp>()) {
    o["flat_field"] = c->flatField;
    o["white_balance"] = c->whiteBalance;
    if (c->corners) {
      o["corners"] = json::array();
      for (const cv::Point2d& p : *c->corners) o["corners"].push_back({p.x, p.y});
    }
  }
  return o;
}

// One operation of the file; a key left out keeps the struct's default.
im::Result<Operation> operationFrom(const json& o, const std::string& where, std::size_t swatches) {
  if (!o.is_object() || !o.contains("kind") || !o["kind"].is_string()) return bad(where, "reason.bad_operation");
  const auto kind = parseOperationKind(o["kind"].get<std::string>());
  if (!kind) return bad(where + ".kind", "reason.bad_operation");
  Operation op = Operation::make(*kind);
  op.enabled = o.value("enabled", true);
  auto number = [&](const char* key, auto& out) -> bool {
    if (!o.contains(key)) return true;
    if (!o[key].is_number()) return false;
    const double v = o[key].get<double>();
    if (!std::isfinite(v)) return false;
    out = static_cast<std::decay_t<decltype(out)>>(v);
    return true;
  };
  auto spec = [&](im::RepeatSpec& r) -> bool {
    auto layout = im::parseRepeat(o.value("layout", "straight"));
    if (!layout) return false;
    r.layout = *layout;
    return number("drop", r.drop);
  };
  if (auto* r = op.as<RecolorOp>()) {
    r->mode = o.value("mode", "shading") == "flat" ? im::RecolorMode::Flat : im::RecolorMode::ShadingPreserving;
    if (!o.contains("targets") || !o["targets"].is_array() || o["targets"].size() != swatches)
      return bad(where + ".targets", "reason.bad_targets");
    for (const json& t : o["targets"]) {
      if (t.is_null()) { r->targets.emplace_back(); continue; }
      auto lab = labFrom(t);
      if (!lab) return bad(where + ".targets", "reason.bad_targets");
      r->targets.emplace_back(*lab);
    }
  } else if (auto* a = op.as<AdjustOp>()) {
    if (!number("hue", a->adjust.hueShift) || !number("chroma", a->adjust.chromaScale) || !number("lightness", a->adjust.lightnessScale) ||
        !number("contrast", a->adjust.contrast))
      return bad(where, "reason.bad_operation");
  } else if (auto* q = op.as<QuantizeOp>()) {
    // Version 1 files before the seed and refine keys rendered unrefined.
    if (!o.contains("refine")) q->refine = 0;
    double colours = q->colours, seed = q->seed, refine = q->refine;
    if (!number("colours", colours) || colours != std::floor(colours) || !number("seed", seed) || seed < 0 || seed > 4294967295.0 ||
        !number("refine", refine))
      return bad(where + ".colours", "reason.bad_operation");
    q->colours = int(std::clamp(colours, -1.0, 1000.0));
    q->seed = std::uint32_t(seed);
    q->refine = int(std::clamp(refine, -1.0, 1000.0));
  } else if (auto* t = op.as<ToneOp>()) {
    t->paletteId = o.value("palette", "");
    if (!number("strength", t->strength)) return bad(where + ".strength", "reason.bad_operation");
  } else if (auto* t = op.as<TransformOp>()) {
    double q = 0;
    if (!number("quarter_turns", q) || q != std::floor(q) || !number("scale", t->scale)) return bad(where, "reason.bad_operation");
    t->quarterTurns = int(std::clamp(q, -1.0, 4.0));
    t->flipH = o.value("flip_h", false);
    t->flipV = o.value("flip_v", false);
    t->seamless = o.value("seamless", false);
  } else if (auto* s = op.as<SymmetryOp>()) {
    auto parsed = SymmetryOp::parse(o.value("group", ""));
    if (!parsed) return bad(where + ".group", "reason.bad_operation");
    *s = *parsed;
  } else if (auto* r = op.as<RepeatOp>()) {
    double across = r->across, down = r->down, w = 0, h = 0;
    if (!spec(r->repeat)) return bad(where + ".layout", "reason.bad_operation");
    if (!number("across", across) || !number("down", down) || !number("width_px", w) || !number("height_px", h))
      return bad(where, "reason.bad_operation");
    r->across = int(std::clamp(across, 0.0, 1e7));
    r->down = int(std::clamp(down, 0.0, 1e7));
    r->widthPx = int(std::clamp(w, -1.0, 1e7));
    r->heightPx = int(std::clamp(h, -1.0, 1e7));
  } else if (auto* l = op.as<LayoutOp>()) {
    if (!spec(l->repeat)) return bad(where + ".layout", "reason.bad_operation");
    if (!number("length_cm", l->lengthCm) || !number("height_cm", l->heightCm) || !number("dpi", l->dpi)) return bad(where, "reason.bad_operation");
    auto cloth = im::parseClothKind(o.value("cloth", clothName(l->cloth)));
    if (!cloth) return bad(where + ".cloth", "reason.bad_operation");
    l->cloth = *cloth;
  } else if (auto* c = op.as<CleanOp>()) {
    const auto flag = [&](const char* key, bool& v) {
      if (!o.contains(key)) return true;
      if (!o[key].is_boolean()) return false;
      v = o[key].get<bool>();
      return true;
    };
    if (!flag("flat_field", c->flatField) || !flag("white_balance", c->whiteBalance)) return bad(where, "reason.bad_operation");
    if (o.contains("corners")) {
      const json& cs = o["corners"];
      if (!cs.is_array() || cs.size() != 4) return bad(where + ".corners", "reason.bad_operation");
      std::array<cv::Point2d, 4> pts;
      for (std::size_t i = 0; i < 4; ++i) {
        if (!cs[i].is_array() || cs[i].size() != 2 || !cs[i][0].is_number() || !cs[i][1].is_number())
          return bad(where + ".corners", "reason.bad_operation");
        pts[i] = {cs[i][0].get<double>(), cs[i][1].get<double>()};
      }
      c->corners = pts;
    }
  }
  if (!op.validate(swatches)) return bad(where, "reason.bad_operation");
  return op;
}

}  // namespace

// [SECTION] save

im::Status saveProject(const DesignSession& session, const fs::path& path, std::size_t embedLimit) {
  const Design& d = session.design();
  json j;
  j["format"] = "canting-project";
  j["version"] = 1;
  json src;
  src["name"] = d.sourcePath.filename().string();
  if (!d.sourceBytes.empty() && d.sourceBytes.size() <= embedLimit) {
    src["embedded"] = base64(d.sourceBytes);
  } else {
    std::error_code ec;
    const fs::path rel = fs::relative(fs::absolute(d.sourcePath, ec), fs::absolute(path, ec).parent_path(), ec);
    src["file"] = (ec || rel.empty() ? d.sourcePath : rel).string();
  }
  if (d.source.dpi) src["dpi"] = d.source.dpi->x;
  j["source"] = src;
  for (const im::Swatch& s : d.palette.swatches)
    j["palette"].push_back({{"lab", labJson(s.lab)}, {"share", s.share}, {"name", s.name}});
  j["locked"] = d.locked;
  j["operations"] = json::array();
  for (const Operation& op : d.ops) j["operations"].push_back(operationJson(op));
  return im::writeFileAtomic(path, base::dumpJson(j, 1) + "\n");
}

// [SECTION] load

namespace {
im::Result<Design> loadProjectFields(const fs::path& path) {
  auto bytes = im::readFile(path, 512u << 20);
  if (!bytes) return bytes.error();
  auto withPath = [&](im::Error e) {
    e.args.emplace_back("path", path.string());
    return e;
  };
  json j;
  try {
    j = json::parse(bytes->begin(), bytes->end());
  } catch (const std::exception& e) {
    return withPath(bad("JSON", "reason.not_json"));
  }
  if (!j.is_object() || j.value("format", "") != "canting-project") return withPath(bad("format", "reason.not_project"));
  if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int>() != 1)
    return withPath(bad("version", "reason.bad_version"));
  if (!j.contains("source") || !j["source"].is_object()) return withPath(bad("source", "reason.missing_source"));
  const json& src = j["source"];
  std::vector<std::uint8_t> imageBytes;
  fs::path sourcePath = src.contains("name") && src["name"].is_string() ? fs::path(src["name"].get<std::string>()) : fs::path("motif");
  if (src.contains("embedded")) {
    if (!src["embedded"].is_string()) return withPath(bad("source.embedded", "reason.bad_base64"));
    auto decoded = unbase64(src["embedded"].get<std::string>());
    if (!decoded) return withPath(bad("source.embedded", "reason.bad_base64"));
    imageBytes = std::move(*decoded);
    sourcePath = path.parent_path() / sourcePath.filename();
  } else if (src.contains("file") && src["file"].is_string()) {
    sourcePath = fs::path(src["file"].get<std::string>());
    if (sourcePath.is_relative()) sourcePath = path.parent_path() / sourcePath;
    auto b = im::readFile(sourcePath);
    if (!b) return b.error();
    imageBytes = std::move(*b);
  } else {
    return withPath(bad("source", "reason.missing_source"));
  }
  auto img = im::decodeImage(imageBytes);
  if (!img) return withPath(img.error());

  Design d;
  if (!j.contains("palette") || !j["palette"].is_array() || j["palette"].empty() || j["palette"].size() > 64)
    return withPath(bad("palette", "reason.no_colors"));
  for (std::size_t i = 0; i < j["palette"].size(); ++i) {
    const json& s = j["palette"][i];
    const std::string where = "palette[" + std::to_string(i) + "]";
    if (!s.is_object()) return withPath(bad(where, "reason.bad_lab"));
    auto lab = labFrom(s.value("lab", json()));
    if (!lab) return withPath(bad(where + ".lab", "reason.bad_lab"));
    im::Swatch sw{*lab, 0, {}};
    if (s.contains("share") && s["share"].is_number()) sw.share = s["share"].get<double>();
    if (s.contains("name") && s["name"].is_string()) sw.name = s["name"].get<std::string>();
    d.palette.swatches.push_back(sw);
  }
  d.palette.name = sourcePath.stem().string();
  const std::size_t k = d.palette.swatches.size();
  d.locked.assign(k, false);
  if (j.contains("locked")) {
    if (!j["locked"].is_array() || j["locked"].size() != k) return withPath(bad("locked", "reason.bad_locked"));
    for (std::size_t i = 0; i < k; ++i) {
      if (!j["locked"][i].is_boolean()) return withPath(bad("locked", "reason.bad_locked"));
      d.locked[i] = j["locked"][i].get<bool>();
    }
  }
  if (!j.contains("operations") || !j["operations"].is_array()) return withPath(bad("operations", "reason.bad_operation"));
  for (std::size_t i = 0; i < j["operations"].size(); ++i) {
    const std::string where = "operations[" + std::to_string(i) + "]";
    auto op = operationFrom(j["operations"][i], where, k);
    if (!op) return withPath(op.error());
    d.ops.push_back(std::move(*op));
  }
  d.source = std::move(*img);
  if (src.contains("dpi") && src["dpi"].is_number() && src["dpi"].get<double>() > 0)
    d.source.dpi = im::Dpi{src["dpi"].get<double>(), src["dpi"].get<double>()};
  d.sourcePath = sourcePath;
  d.sourceBytes = std::move(imageBytes);
  return d;
}

}  // namespace

// All or nothing, and a value of the wrong type anywhere is a malformed
// project rather than an exception out of nlohmann::json (found by fuzzing).
im::Result<Design> loadProject(const fs::path& path) {
  try {
    return loadProjectFields(path);
  } catch (const nlohmann::json::exception& e) {
    im::Error err = bad("JSON", "reason.wrong_type");
    err.detail = e.what();
    err.args.emplace_back("path", path.string());
    return err;
  }
}

}  // namespace canting::core
