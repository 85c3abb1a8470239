#include "canting/core/motif_library.h"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <random>

#include <nlohmann/json.hpp>

#include "canting/base/json.h"
#include "canting/base/text.h"
#include "canting/imaging/file_io.h"
#include "canting/imaging/image_io.h"

namespace canting::core {

namespace fs = std::filesystem;
namespace im = imaging;
using nlohmann::json;

namespace {

std::string text(const json& j, const char* key, int lang) {
  if (!j.contains(key)) return {};
  const json& v = j[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) {
    const char* code = lang ? "en" : "id";
    if (v.contains(code) && v[code].is_string()) return v[code].get<std::string>();
  }
  return {};
}

LibraryMotif fromJson(const json& e, const fs::path& dir, bool bundled) {
  LibraryMotif m;
  m.id = e.value("id", "");
  m.name = e.value("name", m.id);
  m.image = dir / e.value("image", m.id + ".png");
  for (int l = 0; l < 2; ++l) {
    m.family[l] = text(e, "family", l);
    m.origin[l] = text(e, "origin", l);
    m.meaning[l] = text(e, "meaning", l);
    m.geometry[l] = text(e, "geometry", l);
    m.colours[l] = text(e, "colours", l);
  }
  if (e.contains("sources") && e["sources"].is_array())
    for (const auto& s : e["sources"])
      if (s.is_string()) m.sources.push_back(s.get<std::string>());
  m.generated = e.value("generated", false);
  m.confidence = e.value("confidence", "");
  m.fills = e.value("fills", "");
  if (const double w = e.value("width_cm", 0.0); w > 0 && std::isfinite(w)) m.widthCm = w;
  m.awaitingImage = bundled && e.value("awaiting_image", false);  // only the shipped data may declare one
  m.bundled = bundled;
  return m;
}

std::string newId(const std::string& name) {
  std::string slug;
  for (char c : base::asciiLower(name)) slug += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  slug.erase(std::unique(slug.begin(), slug.end(), [](char a, char b) { return a == '-' && b == '-'; }), slug.end());
  if (slug.empty() || slug == "-") slug = "motif";
  std::random_device rd;
  return "user-" + slug.substr(0, 32) + "-" + std::to_string(rd() % 100000);
}

}  // namespace

void MotifLibrary::load(const fs::path& bundledDir, const fs::path& userDir) {
  m_bundledDir = bundledDir;
  m_userDir = userDir;
  m_motifs.clear();
  m_awaiting.clear();
  m_warnings.clear();
  for (const auto& [dir, bundled] : {std::pair{bundledDir, true}, std::pair{userDir, false}}) {
    const fs::path file = dir / "motifs.json";
    std::error_code ec;
    if (!fs::exists(file, ec)) continue;
    auto bytes = im::readFile(file, 16u << 20);
    if (!bytes) {
      m_warnings.push_back(file.string());
      continue;
    }
    try {
      const json j = json::parse(bytes->begin(), bytes->end());
      for (const auto& e : j.at("motifs")) {
        LibraryMotif m = fromJson(e, dir, bundled);
        if (m.id.empty()) continue;
        if (m.awaitingImage) m_awaiting.push_back(std::move(m));
        else if (fs::exists(m.image, ec)) m_motifs.push_back(std::move(m));
      }
    } catch (const std::exception& e) {
      m_warnings.push_back(file.string() + ": " + e.what());
    }
  }
}

std::vector<const LibraryMotif*> MotifLibrary::awaiting() const {
  std::vector<const LibraryMotif*> out;
  for (const auto& a : m_awaiting)
    if (std::none_of(m_motifs.begin(), m_motifs.end(), [&](const LibraryMotif& m) { return m.fills == a.id; })) out.push_back(&a);
  return out;
}

const LibraryMotif* MotifLibrary::find(const std::string& id) const {
  for (const auto& m : m_motifs)
    if (m.id == id) return &m;
  return nullptr;
}

const LibraryMotif* MotifLibrary::findAwaiting(const std::string& id) const {
  for (const LibraryMotif* m : awaiting())
    if (m->id == id) return m;
  return nullptr;
}

std::vector<const LibraryMotif*> MotifLibrary::filter(const std::string& q, const std::string& family, Language lang, bool withAwaiting) const {
  std::vector<const LibraryMotif*> all;
  for (const auto& m : m_motifs) all.push_back(&m);
  if (withAwaiting)
    for (const LibraryMotif* m : awaiting()) all.push_back(m);
  std::vector<const LibraryMotif*> out;
  const std::string needle = base::asciiLower(q);
  for (const LibraryMotif* m : all) {
    if (!family.empty() && m->familyIn(lang) != family) continue;
    std::string hay = base::asciiLower(m->name + " " + m->id);
    for (int l = 0; l < 2; ++l) hay += " " + base::asciiLower(m->family[l] + " " + m->origin[l] + " " + m->meaning[l]);
    if (needle.empty() || hay.find(needle) != std::string::npos) out.push_back(m);
  }
  return out;
}

std::vector<std::string> MotifLibrary::families(Language lang) const {
  std::vector<std::string> out;
  for (const LibraryMotif* m : filter("", "", lang, true))
    if (!m->familyIn(lang).empty() && std::find(out.begin(), out.end(), m->familyIn(lang)) == out.end()) out.push_back(m->familyIn(lang));
  std::sort(out.begin(), out.end());
  return out;
}

im::Status MotifLibrary::saveUserMeta() {
  json j;
  j["motifs"] = json::array();
  for (const auto& m : m_motifs) {
    if (m.bundled) continue;
    // One text, or both languages when they differ (a filled awaiting entry).
    auto both = [](const std::string (&t)[2]) { return t[0] == t[1] ? json(t[0]) : json{{"id", t[0]}, {"en", t[1]}}; };
    json e = {{"id", m.id}, {"name", m.name}, {"image", m.image.filename().string()},
              {"family", both(m.family)}, {"origin", both(m.origin)}, {"meaning", both(m.meaning)}};
    if (m.widthCm > 0) e["width_cm"] = m.widthCm;
    if (!m.fills.empty()) {
      e["fills"] = m.fills;
      e["colours"] = both(m.colours);
      e["sources"] = m.sources;
      e["confidence"] = m.confidence;
    }
    j["motifs"].push_back(std::move(e));
  }
  std::error_code ec;
  fs::create_directories(m_userDir, ec);
  return im::writeFileAtomic(m_userDir / "motifs.json", base::dumpJson(j, 2) + "\n");
}

im::Result<std::string> MotifLibrary::import(const fs::path& image, const MotifMeta& meta) {
  // Only images that open are taken in: a broken file is refused here,
  // not discovered later in the library.
  auto bytes = im::readFile(image);
  if (!bytes) return bytes.error();
  if (auto img = im::decodeImage(*bytes); !img) {
    im::Error e = img.error();
    e.args.emplace_back("path", image.string());
    return e;
  }
  return importEncoded(*bytes, base::asciiLower(image.extension().string()), MotifMeta{meta.name.empty() ? image.stem().string() : meta.name,
                                                                                         meta.family, meta.origin, meta.meaning, meta.widthCm});
}

im::Result<std::string> MotifLibrary::importEncoded(const std::vector<std::uint8_t>& bytes, const std::string& ext, const MotifMeta& meta) {
  LibraryMotif m;
  m.name = meta.name.empty() ? "motif" : meta.name;
  m.id = newId(m.name);
  m.image = m_userDir / (m.id + ext);
  for (int l = 0; l < 2; ++l) {
    m.family[l] = meta.family;
    m.origin[l] = meta.origin;
    m.meaning[l] = meta.meaning;
  }
  m.widthCm = meta.widthCm > 0 && std::isfinite(meta.widthCm) ? meta.widthCm : 0;
  std::error_code ec;
  fs::create_directories(m_userDir, ec);
  if (auto st = im::writeFileAtomic(m.image, bytes); !st) return st.error();
  m_motifs.push_back(m);
  if (auto st = saveUserMeta(); !st) {
    m_motifs.pop_back();
    fs::remove(m.image, ec);
    return st.error();
  }
  return m.id;
}

im::Result<std::string> MotifLibrary::fill(const std::string& awaitingId, const fs::path& image) {
  const auto it = std::find_if(m_awaiting.begin(), m_awaiting.end(), [&](const LibraryMotif& m) { return m.id == awaitingId; });
  if (it == m_awaiting.end()) return im::makeError(im::ErrorCode::InvalidArgument, {{"what", awaitingId}}, "not a motif awaiting an image");
  const LibraryMotif entry = *it;  // import() may grow m_motifs, never m_awaiting; a copy keeps this simple
  auto id = import(image, MotifMeta{entry.name, entry.family[0], entry.origin[0], entry.meaning[0]});
  if (!id) return id;
  auto m = std::find_if(m_motifs.begin(), m_motifs.end(), [&](const LibraryMotif& x) { return x.id == *id; });
  const LibraryMotif before = *m;
  for (int l = 0; l < 2; ++l) {
    m->family[l] = entry.family[l];
    m->origin[l] = entry.origin[l];
    m->meaning[l] = entry.meaning[l];
    m->colours[l] = entry.colours[l];
  }
  m->sources = entry.sources;
  m->confidence = entry.confidence;
  m->fills = entry.id;
  if (auto st = saveUserMeta(); !st) {
    *m = before;
    return st.error();
  }
  return id;
}

im::Status MotifLibrary::update(const std::string& id, const MotifMeta& meta) {
  auto it = std::find_if(m_motifs.begin(), m_motifs.end(), [&](const LibraryMotif& m) { return m.id == id; });
  if (it == m_motifs.end() || it->bundled)
    return im::makeError(im::ErrorCode::InvalidArgument, {{"what", id}}, "only the user's own motifs can be edited");
  const LibraryMotif before = *it;
  if (!meta.name.empty()) it->name = meta.name;
  for (int l = 0; l < 2; ++l) {
    it->family[l] = meta.family;
    it->origin[l] = meta.origin;
    it->meaning[l] = meta.meaning;
  }
  if (auto st = saveUserMeta(); !st) {
    *it = before;
    return st;
  }
  return im::Ok{};
}

im::Status MotifLibrary::remove(const std::string& id) {
  auto it = std::find_if(m_motifs.begin(), m_motifs.end(), [&](const LibraryMotif& m) { return m.id == id; });
  if (it == m_motifs.end() || it->bundled)
    return im::makeError(im::ErrorCode::InvalidArgument, {{"what", id}}, "only the user's own motifs can be deleted");
  std::error_code ec;
  fs::create_directories(m_userDir / ".trash", ec);
  const fs::path trashed = m_userDir / ".trash" / it->image.filename();
  fs::rename(it->image, trashed, ec);
  if (ec) return im::makeError(im::ErrorCode::WriteFailed, {{"path", it->image.string()}}, ec.message());
  LibraryMotif gone = *it;
  gone.image = trashed;
  m_motifs.erase(it);
  if (auto st = saveUserMeta(); !st) {  // put everything back as it was
    fs::rename(trashed, m_userDir / trashed.filename(), ec);
    gone.image = m_userDir / trashed.filename();
    m_motifs.push_back(gone);
    return st;
  }
  m_lastRemoved = gone;
  return im::Ok{};
}

im::Status MotifLibrary::undoRemove() {
  if (!m_lastRemoved) return im::Ok{};
  LibraryMotif m = *m_lastRemoved;
  std::error_code ec;
  const fs::path back = m_userDir / m.image.filename();
  fs::rename(m.image, back, ec);
  if (ec) return im::makeError(im::ErrorCode::WriteFailed, {{"path", back.string()}}, ec.message());
  m.image = back;
  m_motifs.push_back(m);
  m_lastRemoved.reset();
  return saveUserMeta();
}

}  // namespace canting::core
