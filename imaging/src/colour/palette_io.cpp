#include <algorithm>
#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/base/text.h"
#include "canting/imaging/file_io.h"
#include "canting/imaging/palette.h"

namespace canting::imaging {

namespace {

// `where` is a line ("baris 3") or a JSON field; `reason` a translation key.
Error malformed(const std::string& where, const std::string& reasonKey, const std::string& detail = {}) {
  return makeError(ErrorCode::MalformedFile, {{"where", where}, {"reason", "@" + reasonKey}}, detail);
}

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return {};
  const auto b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

}  // namespace

Result<Palette> parsePaletteJson(const std::string& text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const std::exception& e) {
    return malformed("JSON", "reason.not_json", e.what());
  }
  if (!j.is_object()) return malformed("JSON", "reason.not_object");
  Palette p;
  auto str = [&](const char* key, std::string& out) -> bool {
    if (!j.contains(key)) return true;
    if (!j[key].is_string()) return false;
    out = j[key].get<std::string>();
    return true;
  };
  const std::pair<const char*, std::string*> fields[] = {
      {"id", &p.id}, {"name", &p.name}, {"source", &p.source}, {"confidence", &p.confidence}, {"note", &p.note}};
  for (const auto& [key, dst] : fields)
    if (!str(key, *dst)) return malformed(key, "reason.not_text");
  if (!j.contains("colors") || !j["colors"].is_array()) return malformed("colors", "reason.missing_colors");
  const auto& colors = j["colors"];
  if (colors.empty()) return malformed("colors", "reason.no_colors");
  if (colors.size() > 256) return malformed("colors", "reason.too_many_colors");
  for (std::size_t i = 0; i < colors.size(); ++i) {
    const auto& c = colors[i];
    const std::string where = "colors[" + std::to_string(i) + "]";
    Swatch s;
    if (c.is_string()) {
      auto lab = parseColor(c.get<std::string>());
      if (!lab) return malformed(where, "reason.bad_color", c.get<std::string>());
      s.lab = *lab;
    } else if (c.is_object()) {
      if (c.contains("lab")) {
        const auto& l = c["lab"];
        if (!l.is_array() || l.size() != 3 || !l[0].is_number() || !l[1].is_number() || !l[2].is_number())
          return malformed(where + ".lab", "reason.bad_lab");
        s.lab = Lab{l[0].get<double>(), l[1].get<double>(), l[2].get<double>()};
        if (!(s.lab.L >= 0 && s.lab.L <= 100)) return malformed(where + ".lab", "reason.bad_lab");
      } else {
        const char* key = c.contains("hex") ? "hex" : "color";
        if (!c.contains(key) || !c[key].is_string()) return malformed(where, "reason.missing_color");
        auto lab = parseColor(c[key].get<std::string>());
        if (!lab) return malformed(where + "." + key, "reason.bad_color", c[key].get<std::string>());
        s.lab = *lab;
      }
      if (c.contains("name")) {
        if (!c["name"].is_string()) return malformed(where + ".name", "reason.not_text");
        s.name = c["name"].get<std::string>();
      }
      if (c.contains("share")) {
        if (!c["share"].is_number() || c["share"].get<double>() < 0 || c["share"].get<double>() > 1)
          return malformed(where + ".share", "reason.bad_share");
        s.share = c["share"].get<double>();
      }
    } else {
      return malformed(where, "reason.missing_color");
    }
    p.swatches.push_back(std::move(s));
  }
  return p;
}

Result<Palette> parsePaletteGpl(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  int n = 0;
  Palette p;
  bool header = false;
  while (std::getline(in, line)) {
    ++n;
    const std::string where = "line " + std::to_string(n);
    const std::string t = trim(line);
    if (!header) {
      if (t != "GIMP Palette") return malformed(where, "reason.not_gpl");
      header = true;
      continue;
    }
    if (t.empty() || t[0] == '#') continue;
    if (t.rfind("Name:", 0) == 0) { p.name = trim(t.substr(5)); continue; }
    if (t.rfind("Columns:", 0) == 0) continue;
    int r = -1, g = -1, b = -1, used = 0;
    if (std::sscanf(t.c_str(), "%d %d %d%n", &r, &g, &b, &used) != 3) return malformed(where, "reason.bad_gpl_line", t);
    if (r < 0 || r > 255 || g < 0 || g > 255 || b < 0 || b > 255) return malformed(where, "reason.bad_gpl_range", t);
    if (used < int(t.size()) && !std::isspace(static_cast<unsigned char>(t[std::size_t(used)]))) return malformed(where, "reason.bad_gpl_line", t);
    Swatch s;
    s.lab = srgbToLab(Rgb8{std::uint8_t(r), std::uint8_t(g), std::uint8_t(b)});
    s.name = trim(t.substr(std::size_t(used)));
    p.swatches.push_back(std::move(s));
    if (p.swatches.size() > 256) return malformed(where, "reason.too_many_colors");
  }
  if (!header) return malformed("line 1", "reason.not_gpl");
  if (p.swatches.empty()) return malformed("GPL", "reason.no_colors");
  return p;
}

std::string paletteToJson(const Palette& p) {
  nlohmann::json j;
  if (!p.id.empty()) j["id"] = p.id;
  j["name"] = p.name;
  if (!p.source.empty()) j["source"] = p.source;
  if (!p.confidence.empty()) j["confidence"] = p.confidence;
  if (!p.note.empty()) j["note"] = p.note;
  j["colors"] = nlohmann::json::array();
  for (const Swatch& s : p.swatches) {
    nlohmann::json c;
    if (!s.name.empty()) c["name"] = s.name;
    c["hex"] = formatHex(s.lab);
    c["lab"] = {s.lab.L, s.lab.a, s.lab.b};  // full precision: files round-trip exactly
    if (s.share > 0) c["share"] = s.share;
    j["colors"].push_back(c);
  }
  return base::dumpJson(j, 2) + "\n";
}

std::string paletteToGpl(const Palette& p) {
  std::string out = "GIMP Palette\nName: " + p.name + "\nColumns: 4\n#\n";
  char buf[64];
  for (const Swatch& s : p.swatches) {
    const Rgb8 c = labToSrgb8(s.lab);
    std::snprintf(buf, sizeof buf, "%3d %3d %3d\t", c.r, c.g, c.b);
    out += buf + (s.name.empty() ? formatHex(s.lab) : s.name) + "\n";
  }
  return out;
}

Result<Palette> loadPalette(const std::filesystem::path& path) {
  auto bytes = readFile(path, 4u << 20);
  if (!bytes) return bytes.error();
  const std::string text(bytes->begin(), bytes->end());
  const std::string ext = base::asciiLower(path.extension().string());
  Result<Palette> p = ext == ".gpl" ? parsePaletteGpl(text) : parsePaletteJson(text);
  if (!p) {
    Error e = p.error();
    e.args.emplace_back("path", path.string());
    return e;
  }
  if (p->name.empty()) p->name = path.stem().string();
  return p;
}

Status savePalette(const Palette& palette, const std::filesystem::path& path) {
  const std::string ext = base::asciiLower(path.extension().string());
  if (ext != ".json" && ext != ".gpl")
    return makeError(ErrorCode::UnsupportedOutputFormat, {{"format", ext}, {"path", path.string()}});
  return writeFileAtomic(path, ext == ".gpl" ? paletteToGpl(palette) : paletteToJson(palette));
}

Result<std::vector<Palette>> loadPaletteDir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".json") files.push_back(e.path());
  if (ec) return makeError(ErrorCode::FileNotFound, {{"path", dir.string()}}, ec.message());
  std::sort(files.begin(), files.end());
  std::vector<Palette> out;
  for (const auto& f : files) {
    auto p = loadPalette(f);
    if (!p) return p.error();
    out.push_back(std::move(*p));
  }
  return out;
}

}  // namespace canting::imaging

#include <opencv2/imgproc.hpp>

namespace canting::imaging {

cv::Mat renderSwatchSheet(const Palette& p, double dpi) {
  const auto mm = [dpi](double v) { return int(std::lround(v / 25.4 * dpi)); };
  cv::Mat sheet(mm(297), mm(210), CV_8UC3, cv::Scalar(255, 255, 255));
  const double scale = dpi / 150.0;
  const cv::Scalar ink(40, 40, 40);
  cv::putText(sheet, p.name.empty() ? "Palette" : p.name, cv::Point(mm(15), mm(22)), cv::FONT_HERSHEY_DUPLEX, 1.2 * scale, ink,
              std::max(1, int(2 * scale)), cv::LINE_AA);
  const int cols = 3, size = mm(40), gapX = mm(60), gapY = mm(58);
  for (std::size_t i = 0; i < p.swatches.size(); ++i) {
    const int col = int(i) % cols, row = int(i) / cols;
    const cv::Point o(mm(15) + col * gapX, mm(32) + row * gapY);
    if (o.y + size + mm(14) > sheet.rows) break;  // one page; larger palettes continue in the JSON/GPL files
    const Rgb8 c = labToSrgb8(p.swatches[i].lab);
    cv::rectangle(sheet, cv::Rect(o.x, o.y, size, size), cv::Scalar(c.b, c.g, c.r), cv::FILLED);
    cv::rectangle(sheet, cv::Rect(o.x, o.y, size, size), cv::Scalar(150, 150, 150), 1);
    char lab[64];
    std::snprintf(lab, sizeof lab, "L %.1f  a %.1f  b %.1f", p.swatches[i].lab.L, p.swatches[i].lab.a, p.swatches[i].lab.b);
    const std::string name = p.swatches[i].name.empty() ? formatHex(p.swatches[i].lab) : p.swatches[i].name;
    // Hershey fonts are ASCII: names keep their letters where they can.
    cv::putText(sheet, name, cv::Point(o.x, o.y + size + mm(5)), cv::FONT_HERSHEY_SIMPLEX, 0.5 * scale, ink, std::max(1, int(scale)), cv::LINE_AA);
    cv::putText(sheet, formatHex(p.swatches[i].lab), cv::Point(o.x, o.y + size + mm(9)), cv::FONT_HERSHEY_SIMPLEX,
                0.45 * scale, ink, std::max(1, int(scale)), cv::LINE_AA);
    cv::putText(sheet, lab, cv::Point(o.x, o.y + size + mm(13)), cv::FONT_HERSHEY_SIMPLEX, 0.4 * scale, ink, 1, cv::LINE_AA);
  }
  return sheet;
}

}  // namespace canting::imaging
