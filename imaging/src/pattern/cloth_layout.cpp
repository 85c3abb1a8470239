#include "canting/imaging/cloth_layout.h"

#include <cmath>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "canting/imaging/file_io.h"

namespace canting::imaging {

std::optional<ClothKind> parseClothKind(const std::string& id) {
  if (id == "kain-panjang" || id == "jarik") return ClothKind::KainPanjang;
  if (id == "sarung") return ClothKind::Sarung;
  if (id == "selendang") return ClothKind::Selendang;
  if (id == "iket") return ClothKind::Iket;
  return std::nullopt;
}

Result<std::vector<ClothLayout>> loadLayoutFields(const std::filesystem::path& file) {
  auto bytes = readFile(file, 1u << 20);
  if (!bytes) return bytes.error();
  auto bad = [&](const std::string& where, const char* reason) {
    return makeError(ErrorCode::MalformedFile, {{"where", where}, {"reason", std::string("@") + reason}, {"path", file.string()}});
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(bytes->begin(), bytes->end());
  } catch (const std::exception&) {
    return bad("JSON", "reason.not_json");
  }
  if (!j.is_object() || !j.contains("layouts") || !j["layouts"].is_array()) return bad("layouts", "reason.bad_layout");
  std::vector<ClothLayout> out;
  for (std::size_t i = 0; i < j["layouts"].size(); ++i) {
    const auto& e = j["layouts"][i];
    const std::string where = "layouts[" + std::to_string(i) + "]";
    if (!e.is_object() || !e.contains("id") || !e["id"].is_string()) return bad(where + ".id", "reason.bad_layout");
    ClothLayout l;
    l.id = e["id"].get<std::string>();
    auto kind = parseClothKind(l.id);
    if (!kind) return bad(where + ".id", "reason.bad_layout");
    l.kind = *kind;
    l.name = e.value("name", l.id);
    auto num = [&](const char* key, double lo, double hi, double& v) {
      if (!e.contains(key)) return true;
      if (!e[key].is_number()) return false;
      v = e[key].get<double>();
      return v >= lo && v <= hi;
    };
    if (!num("height_cm", 1, 1000, l.heightCm) || !num("length_cm", 1, 2000, l.lengthCm) || !num("border_cm", 0, 100, l.borderCm) ||
        !num("kepala_fraction", 0, 0.9, l.kepalaFraction) || !num("field_fraction", 0, 0.9, l.fieldFraction))
      return bad(where, "reason.bad_layout");
    out.push_back(l);
  }
  return out;
}

Result<std::vector<ClothLayout>> loadLayouts(const std::filesystem::path& file) {
  try {
    return loadLayoutFields(file);
  } catch (const nlohmann::json::exception& e) {
    return makeError(ErrorCode::MalformedFile, {{"where", "JSON"}, {"reason", "@reason.wrong_type"}, {"path", file.string()}}, e.what());
  }
}

int cmToPx(double cm, double dpi) { return int(std::lround(cm / 2.54 * dpi)); }

cv::Size clothSize(const ClothRender& c) { return {cmToPx(c.layout.lengthCm, c.dpi), cmToPx(c.layout.heightCm, c.dpi)}; }

Status checkCloth(const ClothRender& c) {
  if (!(c.dpi >= 10 && c.dpi <= 2400))
    return makeError(ErrorCode::InvalidArgument, {{"what", "DPI " + std::to_string(int(c.dpi))}}, "DPI 10..2400");
  if (!(c.layout.heightCm > 0 && c.layout.lengthCm > 0))
    return makeError(ErrorCode::InvalidArgument, {{"what", "size"}}, "the cloth's size must be positive");
  if (c.motif.empty() || c.motif.type() != CV_8UC3) return makeError(ErrorCode::InvalidArgument, {{"what", "motif"}}, "8-bit colour motif");
  if (!c.border.empty() && c.border.type() != CV_8UC3)
    return makeError(ErrorCode::InvalidArgument, {{"what", "border"}}, "8-bit colour border");
  return checkRepeat(c.motif, c.repeat, clothSize(c));
}

namespace {

// The border tile at the border's thickness (its height), and a darker
// motif when no border was given.
cv::Mat borderTile(const ClothRender& c, int thickness) {
  cv::Mat src = c.border;
  if (src.empty()) {
    src = c.motif * 0.55;  // a quieter band of the same motif
  }
  const double s = double(thickness) / src.rows;
  cv::Mat out;
  cv::resize(src, out, cv::Size(std::max(1, int(std::lround(src.cols * s))), thickness), 0, 0, s < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
  return out;
}

}  // namespace

StreamedImage clothImage(const ClothRender& c) {
  StreamedImage img;
  img.size = clothSize(c);
  img.type = CV_8UC3;
  const cv::Size size = img.size;
  const int border = c.layout.borderCm > 0 ? std::max(1, cmToPx(c.layout.borderCm, c.dpi)) : 0;
  const cv::Mat bandTile = border ? borderTile(c, border) : cv::Mat();
  cv::Mat bandTileV;  // for the left and right borders: the band turned upright
  if (border) cv::rotate(bandTile, bandTileV, cv::ROTATE_90_CLOCKWISE);
  const int kepala = c.layout.kind == ClothKind::Sarung ? int(std::lround(size.width * c.layout.kepalaFraction)) : 0;
  const int field = c.layout.kind == ClothKind::Iket ? int(std::lround(std::min(size.width, size.height) * c.layout.fieldFraction)) : 0;
  // The kepala's ground and the iket's field: the motif's mean colour, deepened / lightened.
  const cv::Scalar mean = cv::mean(c.motif);
  const cv::Vec3b kepalaGround(cv::saturate_cast<std::uint8_t>(mean[0] * 0.45), cv::saturate_cast<std::uint8_t>(mean[1] * 0.45),
                               cv::saturate_cast<std::uint8_t>(mean[2] * 0.45));
  double minV = 0, maxV = 0;
  cv::Mat grey;
  cv::cvtColor(c.motif, grey, cv::COLOR_BGR2GRAY);
  cv::Point maxAt;
  cv::minMaxLoc(grey, &minV, &maxV, nullptr, &maxAt);
  const cv::Vec3b fieldColour = c.motif.at<cv::Vec3b>(maxAt);  // the lightest colour of the motif: the cloth showing
  const ClothRender cloth = c;
  img.rows = [cloth, size, border, bandTile, bandTileV, kepala, field, kepalaGround, fieldColour](int y0, int y1, cv::Mat& band) {
    renderRepeatRows(cloth.motif, cloth.repeat, size, y0, y1, band);
    const bool allSides = cloth.layout.kind == ClothKind::Selendang || cloth.layout.kind == ClothKind::Iket;
    const int kx0 = size.width - kepala;  // the kepala at one end of the cloth
    // Tumpal: triangles based on the kepala's two long edges, pointing at
    // each other across it; the second row is offset by half a triangle.
    const int nTri = std::max(2, int(std::lround(double(size.height) / std::max(1, kepala / 2))));
    const double base = double(size.height) / nTri;
    const int fx0 = (size.width - field) / 2, fy0 = (size.height - field) / 2;
    cv::parallel_for_(cv::Range(y0, y1), [&](const cv::Range& r) {
      for (int y = r.start; y < r.end; ++y) {
        cv::Vec3b* d = band.ptr<cv::Vec3b>(y - y0);
        for (int x = 0; x < size.width; ++x) {
          if (kepala && x >= kx0) {
            const double lx = x - kx0;  // 0 .. kepala
            const double t1 = std::fmod(y, base) / base, t2 = std::fmod(y + base / 2, base) / base;
            const double reach1 = (1 - std::fabs(2 * t1 - 1)) * kepala * 0.5;  // from the left edge
            const double reach2 = (1 - std::fabs(2 * t2 - 1)) * kepala * 0.5;  // from the right edge
            const bool inTumpal = lx < reach1 || (kepala - lx) < reach2;
            d[x] = inTumpal ? bandTile.at<cv::Vec3b>(y % bandTile.rows, int(lx) % bandTile.cols) : kepalaGround;
            continue;
          }
          if (field && x >= fx0 && x < fx0 + field && y >= fy0 && y < fy0 + field) {
            d[x] = fieldColour;
            continue;
          }
          if (border) {
            if (y < border) d[x] = bandTile.at<cv::Vec3b>(y, x % bandTile.cols);
            else if (y >= size.height - border) d[x] = bandTile.at<cv::Vec3b>(size.height - 1 - y, x % bandTile.cols);
            else if (allSides && x < border) d[x] = bandTileV.at<cv::Vec3b>(y % bandTileV.rows, x);
            else if (allSides && x >= size.width - border) d[x] = bandTileV.at<cv::Vec3b>(y % bandTileV.rows, size.width - 1 - x);
          }
        }
      }
    });
  };
  return img;
}

}  // namespace canting::imaging
