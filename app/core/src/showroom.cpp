// Index of this file:
// [SECTION] catalogue
// [SECTION] showroom

#include "canting/core/showroom.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "canting/core/photo_raport.h"
#include "canting/imaging/color.h"
#include "canting/imaging/palette.h"

namespace canting::core {

namespace im = imaging;
namespace fs = std::filesystem;
using nlohmann::json;

// [SECTION] catalogue

im::Result<Catalogue> loadCatalogue(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return im::makeError(im::ErrorCode::FileNotFound, {{"path", file.string()}});
  const json j = json::parse(in, nullptr, false);
  if (!j.is_object() || !j.contains("products") || !j["products"].is_array())
    return im::makeError(im::ErrorCode::MalformedFile, {{"path", file.string()}, {"where", "products"}, {"reason", "@showroom.bad.no_products"}});
  Catalogue c;
  if (j.contains("note") && j["note"].is_string()) c.note = j["note"].get<std::string>();
  auto str = [](const json& o, const char* k) { return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string(); };
  const json& list = j["products"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& p = list[i];
    CatalogueProblem bad{int(i), p.is_object() ? str(p, "id") : "", ""};
    auto skip = [&](const char* key) { bad.reasonKey = key; c.problems.push_back(bad); };
    if (!p.is_object() || str(p, "id").empty()) { skip("showroom.bad.no_id"); continue; }
    CatalogueProduct prod;
    prod.id = str(p, "id");
    auto kind = im::parseProduct(str(p, "kind"));
    if (!kind) { skip("showroom.bad.kind"); continue; }
    prod.kind = *kind;
    if (p.contains("name") && p["name"].is_object()) {
      prod.name[0] = str(p["name"], "id");
      prod.name[1] = str(p["name"], "en");
    }
    if (prod.name[0].empty()) { skip("showroom.bad.name"); continue; }
    if (prod.name[1].empty()) prod.name[1] = prod.name[0];
    if (std::any_of(c.products.begin(), c.products.end(), [&](const CatalogueProduct& q) { return q.id == prod.id; })) {
      skip("showroom.bad.duplicate");
      continue;
    }
    if (p.contains("lead_days")) {
      if (!p["lead_days"].is_number_integer() || p["lead_days"].get<int>() < 0 || p["lead_days"].get<int>() > 365) { skip("showroom.bad.lead_days"); continue; }
      prod.leadDays = p["lead_days"].get<int>();
    }
    if (!p.contains("sizes") || !p["sizes"].is_array() || p["sizes"].empty()) { skip("showroom.bad.sizes"); continue; }
    bool ok = true;
    for (const json& s : p["sizes"]) {
      CatalogueSize sz;
      sz.label = str(s, "label");
      const bool nums = s.is_object() && s.contains("width_cm") && s["width_cm"].is_number() && s.contains("length_cm") &&
                        s["length_cm"].is_number() && s.contains("price") && s["price"].is_number_integer();
      if (sz.label.empty() || !nums) { ok = false; break; }
      sz.widthCm = s["width_cm"].get<double>();
      sz.lengthCm = s["length_cm"].get<double>();
      sz.price = s["price"].get<long long>();
      if (!(sz.widthCm >= 5 && sz.widthCm <= 400 && sz.lengthCm >= 5 && sz.lengthCm <= 400) || sz.price < 0 || sz.price > 1'000'000'000) {
        ok = false;
        break;
      }
      prod.sizes.push_back(sz);
    }
    if (!ok) { skip("showroom.bad.size_entry"); continue; }
    c.products.push_back(std::move(prod));
  }
  return c;
}

fs::path catalogueFile(const fs::path& dataFolder, const fs::path& assets) {
  std::error_code ec;
  const fs::path own = dataFolder / "katalog.json";
  return fs::exists(own, ec) ? own : assets / "showroom" / "katalog.json";
}

im::Result<cv::Mat> loadShowroomMotif(const fs::path& image, const im::LoadOptions& load, int maxSide) {
  auto img = im::loadImage(image, load);
  if (!img) return img.error();
  cv::Mat px = img->pixels;
  if (px.depth() != CV_8U) px.convertTo(px, CV_8U, 1.0 / 257.0);
  if (px.channels() == 4) cv::cvtColor(px, px, cv::COLOR_BGRA2BGR);
  else if (px.channels() == 1) cv::cvtColor(px, px, cv::COLOR_GRAY2BGR);
  const double s = std::min(1.0, double(maxSide) / std::max(px.cols, px.rows));
  if (s >= 1) return px;
  cv::Mat small;
  cv::resize(px, small, cv::Size(std::max(1, int(px.cols * s)), std::max(1, int(px.rows * s))), 0, 0, cv::INTER_AREA);
  return small;
}

std::string formatRupiah(long long amount) {
  std::string digits = std::to_string(amount < 0 ? -amount : amount), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return std::string(amount < 0 ? "-" : "") + "Rp " + out;
}

// [SECTION] showroom

im::Result<ShowroomMotif> Showroom::prepareMotif(const std::string& id, const std::string& name, const cv::Mat& bgr,
                                                 const std::vector<im::Palette>& palettes, int thumbPx, std::optional<double> widthCm) {
  if (bgr.empty()) return im::makeError(im::ErrorCode::InvalidArgument, {{"what", "motif"}});
  cv::Mat img;
  if (bgr.channels() == 4) cv::cvtColor(bgr, img, cv::COLOR_BGRA2BGR);
  else if (bgr.channels() == 1) cv::cvtColor(bgr, img, cv::COLOR_GRAY2BGR);
  else img = bgr;
  if (img.depth() != CV_8U) img.convertTo(img, CV_8U, 1.0 / 257.0);
  const double s = std::min(1.0, double(thumbPx) / std::max(img.cols, img.rows));
  ShowroomMotif m;
  if (s < 1) cv::resize(img, m.small, cv::Size(), s, s, cv::INTER_AREA);
  else m.small = img.clone();
  // The palette from the thumbnail: the same colours, a fraction of the pixels.
  auto pal = im::extractPalette(m.small, {.k = 6});
  if (!pal) return pal.error();
  m.id = id;
  m.name = name;
  m.motif = img;
  // A photo of cloth goes on a shirt by its one repeat, not with its own edges as seams.
  m.tile = repeatSource(img).tile;
  if (widthCm && *widthCm > 0 && std::isfinite(*widthCm)) m.tileCm = *widthCm * m.tile.cols / img.cols;
  m.palette = *pal;
  m.smallIndex = im::buildColorIndex(m.small);

  // One colourway per named palette, then harmonies, then natural-dye draws.
  std::vector<im::Palette> named;
  const im::Palette* natural = nullptr;
  for (const auto& p : palettes) {
    named.push_back(p);
    if (p.id == "natural" || p.id == "pewarna-alam") natural = &p;
  }
  auto add = [&](const im::ColorwayOptions& o) {
    for (auto& cw : im::generateColorways(m.palette, o))
      if (int(m.colorways.size()) < kMaxColorways) m.colorways.push_back(std::move(cw));
  };
  if (!named.empty()) add({.count = int(std::min<std::size_t>(named.size(), 4)), .scheme = im::ColorwayScheme::Named, .palettes = named});
  add({.count = 4, .scheme = im::ColorwayScheme::Harmony, .seed = 7});
  const std::size_t firstDraw = m.colorways.size();
  if (natural) add({.count = kMaxColorways, .scheme = im::ColorwayScheme::Random, .palettes = {*natural}, .seed = 11});
  else add({.count = kMaxColorways, .scheme = im::ColorwayScheme::Random, .palettes = named, .seed = 11});
  // Draws are named after where their colours come from, for the customer.
  for (std::size_t i = firstDraw; natural && i < m.colorways.size(); ++i) m.colorways[i].label = natural->name + " " + std::to_string(i - firstDraw + 1);
  for (const auto& cw : m.colorways) {
    const std::vector<std::optional<im::Lab>> t(cw.colours.begin(), cw.colours.end());
    m.thumbs.push_back(im::applyColourFn(m.smallIndex, im::recolorFn(m.palette, t)));
  }
  return m;
}

void Showroom::setMotif(ShowroomMotif m) {
  m_motifId = std::move(m.id);
  m_motifName = std::move(m.name);
  m_motif = m.motif;
  m_tile = m.tile.empty() ? m.motif : m.tile;
  if (m.tileCm) motifCm = *m.tileCm;  // a tile of known size is shown at its size on the cloth
  m_small = m.small;
  m_palette = std::move(m.palette);
  m_smallIndex = std::move(m.smallIndex);
  m_colorways = std::move(m.colorways);
  m_thumbs = std::move(m.thumbs);
  m_fullIndex.reset();
  m_big.clear();
  m_preview.release();  // made on the first product preview
  if (m_scenes.size() > 24) m_scenes.clear();
  m_favourites.clear();
  m_compare.clear();
  chosen = -1;
}

im::Status Showroom::selectMotif(const std::string& id, const std::string& name, const cv::Mat& bgr,
                                 const std::vector<im::Palette>& palettes, int thumbPx) {
  auto m = prepareMotif(id, name, bgr, palettes, thumbPx);
  if (!m) return m.error();
  setMotif(std::move(*m));
  return im::Ok{};
}

cv::Mat Showroom::colorwayImage(int i) {
  if (m_motif.empty()) return {};
  if (i < 0 || i >= int(m_colorways.size())) return m_motif;
  // Asked for on every frame by the enlarged view and the slideshow: the last few are kept.
  for (const auto& [k, img] : m_big)
    if (k == i) return img;
  if (!m_fullIndex) m_fullIndex = im::buildColorIndex(m_motif);
  const std::vector<std::optional<im::Lab>> t(m_colorways[std::size_t(i)].colours.begin(), m_colorways[std::size_t(i)].colours.end());
  cv::Mat img = im::applyColourFn(*m_fullIndex, im::recolorFn(m_palette, t));
  if (m_big.size() >= 3) m_big.erase(m_big.begin());
  m_big.emplace_back(i, img);
  return img;
}

void Showroom::toggleFavourite(int i) {
  if (!m_favourites.erase(i)) m_favourites.insert(i);
}

void Showroom::addToCompare(int i) {
  if (m_compare.size() >= 2) m_compare.clear();
  if (m_compare.empty() || m_compare.front() != i) m_compare.push_back(i);
}

im::Result<const im::MockupScene*> Showroom::scene(const Catalogue& catalogue, int productIndex, int heightPx) {
  if (m_motif.empty()) return im::makeError(im::ErrorCode::InvalidArgument, {{"what", "motif"}});
  if (productIndex < 0 || productIndex >= int(catalogue.products.size())) return im::makeError(im::ErrorCode::InvalidArgument, {{"what", "product"}});
  if (m_preview.empty()) {
    const double ps = std::min(1.0, 1024.0 / std::max(m_tile.cols, m_tile.rows));
    if (ps < 1) cv::resize(m_tile, m_preview, cv::Size(), ps, ps, cv::INTER_AREA);
    else m_preview = m_tile;
    m_previewIndex = im::buildColorIndex(m_preview);
  }
  const CatalogueProduct& p = catalogue.products[std::size_t(productIndex)];
  im::MockupOptions o;
  o.product = p.kind;
  o.motifWidthCm = motifCm;
  o.heightPx = heightPx;
  const int sz = std::clamp(size, 0, int(p.sizes.size()) - 1);
  if (!p.sizes.empty()) {
    o.widthCm = p.sizes[std::size_t(sz)].widthCm;
    o.heightCm = p.sizes[std::size_t(sz)].lengthCm;
  }
  char key[160];
  std::snprintf(key, sizeof key, "%s|%.2f|%.2f|%.2f|%d|%dx%d", im::productId(o.product), o.widthCm, o.heightCm, o.motifWidthCm, heightPx,
                m_preview.cols, m_preview.rows);
  auto it = m_scenes.find(key);
  if (it == m_scenes.end()) {
    auto made = im::prepareMockup(m_preview.size(), o);
    if (!made) return made.error();
    it = m_scenes.emplace(key, std::move(*made)).first;
  }
  return &it->second;
}

void Showroom::warmScenes(const Catalogue& catalogue, int heightPx) {
  for (int i = 0; i < int(catalogue.products.size()); ++i) (void)scene(catalogue, i, heightPx);
}

im::Result<im::Mockup> Showroom::mockup(const Catalogue& catalogue, int heightPx) {
  auto sc = scene(catalogue, product, heightPx);
  if (!sc) return sc.error();
  // The preview needs no more of the motif than a repeat shows on screen.
  cv::Mat motif = m_preview;
  if (chosen >= 0 && chosen < int(m_colorways.size())) {
    const std::vector<std::optional<im::Lab>> t(m_colorways[std::size_t(chosen)].colours.begin(), m_colorways[std::size_t(chosen)].colours.end());
    motif = im::applyColourFn(m_previewIndex, im::recolorFn(m_palette, t));
  }
  return im::paintMockup(**sc, motif);
}

std::vector<OrderSwatch> Showroom::swatches(int i, const im::DyeBook* book, int language) const {
  std::vector<OrderSwatch> out;
  std::vector<im::Lab> colours;
  bool dyeable = false;
  if (i >= 0 && i < int(m_colorways.size())) {
    colours = m_colorways[std::size_t(i)].colours;
    dyeable = m_colorways[std::size_t(i)].process.dyeable;
  } else {
    for (const auto& s : m_palette.swatches) colours.push_back(s.lab);
    dyeable = im::planDyeProcess(colours).dyeable;
  }
  for (const auto& lab : colours) {
    OrderSwatch s{im::formatHex(lab), ""};
    // The nearest dye, named only where the colourway can be dyed bath after
    // bath and a dye of the book comes within ΔE00 15: a hint for the dyer, not a recipe.
    if (dyeable && book) {
      double best = 15;
      for (const auto& d : book->dyes) {
        const double de = im::deltaE2000(lab, d.colour);
        if (de < best) {
          best = de;
          s.dye = d.name[language == 1 ? 1 : 0];
        }
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

Order Showroom::draft(const Catalogue& catalogue, const im::DyeBook* book, int language) const {
  Order o;
  o.motifId = m_motifId;
  o.motifName = m_motifName;
  if (chosen >= 0 && chosen < int(m_colorways.size())) {
    o.colorway = m_colorways[std::size_t(chosen)].label;
    o.dyeable = m_colorways[std::size_t(chosen)].process.dyeable;
  }
  o.swatches = swatches(chosen, book, language);
  if (chosen < 0) o.dyeable = !o.swatches.empty() && std::any_of(o.swatches.begin(), o.swatches.end(), [](const OrderSwatch& s) { return !s.dye.empty(); });
  if (product >= 0 && product < int(catalogue.products.size())) {
    const CatalogueProduct& p = catalogue.products[std::size_t(product)];
    o.productId = p.id;
    o.productName = p.name[language == 1 ? 1 : 0];
    o.leadDays = p.leadDays;
    if (size >= 0 && size < int(p.sizes.size())) {
      o.size = p.sizes[std::size_t(size)].label;
      o.unitPrice = p.sizes[std::size_t(size)].price;
    }
  }
  return o;
}

}  // namespace canting::core
