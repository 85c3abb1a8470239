#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>
#include <set>

#include "canting/imaging/palette.h"
#include "support/image_fixtures.h"

using namespace canting::imaging;

namespace {
const Rgb8 kCream{239, 228, 204}, kSoga{139, 90, 43}, kIndigo{43, 58, 102}, kRed{178, 58, 72};

cv::Scalar bgr(Rgb8 c) { return cv::Scalar(c.b, c.g, c.r); }

// Known colours, drawn anti-aliased, with sensor-like noise.
cv::Mat syntheticMotif(double noise, std::uint64_t seed = 7) {
  cv::Mat m(300, 400, CV_8UC3, bgr(kCream));
  for (int i = 0; i < 6; ++i) cv::circle(m, cv::Point(40 + 64 * i, 80), 26, bgr(kSoga), cv::FILLED, cv::LINE_AA);
  cv::rectangle(m, cv::Rect(20, 150, 360, 60), bgr(kIndigo), cv::FILLED);
  cv::ellipse(m, cv::Point(200, 255), cv::Size(120, 28), 8, 0, 360, bgr(kRed), cv::FILLED, cv::LINE_AA);
  cv::Mat f;
  m.convertTo(f, CV_32FC3);
  cv::Mat n(m.size(), CV_32FC3);
  cv::RNG rng(seed);
  rng.fill(n, cv::RNG::NORMAL, 0, noise);
  f += n;
  f.convertTo(m, CV_8UC3);
  return m;
}

double nearestDe(const Palette& p, Rgb8 c) {
  double best = 1e9;
  for (const Swatch& s : p.swatches) best = std::min(best, deltaE2000(s.lab, srgbToLab(c)));
  return best;
}
}  // namespace

TEST_CASE("palette extraction finds the true colours of a noisy anti-aliased motif within dE00 1", "[imaging][palette]") {
  const cv::Mat img = syntheticMotif(3.0);
  auto p = extractPalette(img, PaletteOptions{.k = 4});
  REQUIRE(p);
  REQUIRE(p->swatches.size() == 4);
  for (Rgb8 c : {kCream, kSoga, kIndigo, kRed}) {
    INFO(formatColor(srgbToLab(c), ColorNotation::Hex));
    CHECK(nearestDe(*p, c) < 1.0);
  }
  // Shares follow the areas, largest (the cream ground) first.
  CHECK(deltaE2000(p->swatches[0].lab, srgbToLab(kCream)) < 1.0);
  double total = 0;
  for (const Swatch& s : p->swatches) total += s.share;
  CHECK(total == Approx(1.0).margin(1e-9));
  CHECK(p->swatches[0].share > 0.5);
}

TEST_CASE("palette extraction is deterministic for a seed and merges near-duplicates", "[imaging][palette]") {
  const cv::Mat img = syntheticMotif(2.0);
  auto a = extractPalette(img, PaletteOptions{.k = 6, .seed = 42});
  auto b = extractPalette(img, PaletteOptions{.k = 6, .seed = 42});
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(a->swatches.size() == b->swatches.size());
  for (std::size_t i = 0; i < a->swatches.size(); ++i) {
    CHECK(a->swatches[i].lab.L == b->swatches[i].lab.L);
    CHECK(a->swatches[i].share == b->swatches[i].share);
  }
  // Asking for 8 colours from a 4-colour motif: no two swatches are near-duplicates.
  auto many = extractPalette(syntheticMotif(0.5), PaletteOptions{.k = 8});
  REQUIRE(many);
  for (std::size_t i = 0; i < many->swatches.size(); ++i)
    for (std::size_t j = i + 1; j < many->swatches.size(); ++j)
      CHECK(deltaE2000(many->swatches[i].lab, many->swatches[j].lab) >= 2.0);
}

TEST_CASE("a background colour can be left out of the palette", "[imaging][palette]") {
  auto p = extractPalette(syntheticMotif(1.0), PaletteOptions{.k = 3, .ignore = srgbToLab(kCream)});
  REQUIRE(p);
  CHECK(nearestDe(*p, kCream) > 8.0);
  CHECK(nearestDe(*p, kIndigo) < 1.0);
  auto bad = extractPalette(cv::Mat(), {});
  CHECK_FALSE(bad);
  CHECK_FALSE(extractPalette(syntheticMotif(1), PaletteOptions{.k = 0}));
}

TEST_CASE("quantize uses only palette colours and keeps anti-aliased edges two-coloured", "[imaging][palette]") {
  // Black-to-white edge over 6 px; a grey block elsewhere; palette black, grey, white.
  cv::Mat m(40, 60, CV_8UC3, cv::Scalar(0, 0, 0));
  for (int y = 0; y < 20; ++y)
    for (int x = 0; x < 60; ++x) {
      const int v = x < 27 ? 0 : x >= 33 ? 255 : (x - 27) * 51;
      m.at<cv::Vec3b>(y, x) = cv::Vec3b(std::uint8_t(v), std::uint8_t(v), std::uint8_t(v));
    }
  m(cv::Rect(0, 25, 60, 15)).setTo(cv::Scalar(128, 128, 128));
  Palette pal;
  for (Rgb8 c : {Rgb8{0, 0, 0}, Rgb8{128, 128, 128}, Rgb8{255, 255, 255}}) pal.swatches.push_back(Swatch{srgbToLab(c), 0, {}});
  const cv::Mat q = quantize(m, pal);
  int greyInEdge = 0;
  for (int y = 0; y < 20; ++y)
    for (int x = 0; x < 60; ++x) {
      const cv::Vec3b p = q.at<cv::Vec3b>(y, x);
      REQUIRE((p == cv::Vec3b(0, 0, 0) || p == cv::Vec3b(128, 128, 128) || p == cv::Vec3b(255, 255, 255)));
      greyInEdge += p[0] == 128;
    }
  CHECK(greyInEdge == 0);
  CHECK(q.at<cv::Vec3b>(30, 30) == cv::Vec3b(128, 128, 128));  // real grey stays grey
  // Alpha is carried through.
  cv::Mat rgba;
  cv::cvtColor(m, rgba, cv::COLOR_BGR2BGRA);
  rgba.at<cv::Vec4b>(0, 0)[3] = 7;
  CHECK(quantize(rgba, pal).at<cv::Vec4b>(0, 0)[3] == 7);
}

TEST_CASE("palette files round-trip: JSON exactly, GPL to the 8-bit colour", "[imaging][palette][io]") {
  auto p = extractPalette(syntheticMotif(2.0), PaletteOptions{.k = 4});
  REQUIRE(p);
  p->name = "Uji";
  p->swatches[0].name = "gading";
  auto j = parsePaletteJson(paletteToJson(*p));
  REQUIRE(j);
  REQUIRE(j->swatches.size() == p->swatches.size());
  for (std::size_t i = 0; i < p->swatches.size(); ++i) {
    CHECK(j->swatches[i].lab.L == p->swatches[i].lab.L);
    CHECK(j->swatches[i].lab.a == p->swatches[i].lab.a);
    CHECK(j->swatches[i].lab.b == p->swatches[i].lab.b);
    CHECK(j->swatches[i].share == p->swatches[i].share);
  }
  CHECK(j->swatches[0].name == "gading");
  auto g = parsePaletteGpl(paletteToGpl(*p));
  REQUIRE(g);
  CHECK(g->name == "Uji");
  for (std::size_t i = 0; i < p->swatches.size(); ++i)
    CHECK(formatColor(g->swatches[i].lab, ColorNotation::Hex) == formatColor(p->swatches[i].lab, ColorNotation::Hex));
  canting::test::TempDir dir;
  REQUIRE(savePalette(*p, dir / "p.gpl"));
  REQUIRE(savePalette(*p, dir / "p.json"));
  CHECK(loadPalette(dir / "p.gpl"));
  CHECK(loadPalette(dir / "p.json"));
  CHECK_FALSE(savePalette(*p, dir / "p.txt"));
}

TEST_CASE("malformed palettes are rejected with the line or field that is wrong", "[imaging][palette][io]") {
  struct Case {
    std::string text;
    bool gpl;
    std::string where, reason;
  };
  const std::vector<Case> cases = {
      {"{not json", false, "JSON", "@reason.not_json"},
      {"[1,2]", false, "JSON", "@reason.not_object"},
      {R"({"name":"x"})", false, "colors", "@reason.missing_colors"},
      {R"({"colors":[]})", false, "colors", "@reason.no_colors"},
      {R"({"colors":[{"hex":"#123456"},{"hex":"#12345"}]})", false, "colors[1].hex", "@reason.bad_color"},
      {R"({"colors":[{"lab":[120,0,0]}]})", false, "colors[0].lab", "@reason.bad_lab"},
      {R"({"colors":[{"name":"x"}]})", false, "colors[0]", "@reason.missing_color"},
      {R"({"colors":["#fff"],"name":5})", false, "name", "@reason.not_text"},
      {R"({"colors":[{"hex":"#fff","share":2}]})", false, "colors[0].share", "@reason.bad_share"},
      {"Palette\n1 2 3\n", true, "line 1", "@reason.not_gpl"},
      {"GIMP Palette\nName: a\n#\n1 2 3 ok\n12 300 4 x\n", true, "line 5", "@reason.bad_gpl_range"},
      {"GIMP Palette\n1 2\n", true, "line 2", "@reason.bad_gpl_line"},
      {"GIMP Palette\n# nothing\n", true, "GPL", "@reason.no_colors"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto r = c.gpl ? parsePaletteGpl(c.text) : parsePaletteJson(c.text);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::MalformedFile);
    CHECK(r.error().arg("where") == c.where);
    CHECK(r.error().arg("reason") == c.reason);
  }
  auto ok = parsePaletteGpl("GIMP Palette\nName: Soga\nColumns: 2\n# c\n139  90  43\tsoga\n  0 0 0\n");
  REQUIRE(ok);
  CHECK(ok->swatches.size() == 2);
  CHECK(ok->swatches[0].name == "soga");
}

TEST_CASE("the shipped batik palettes load, with their sources and confidence marked", "[imaging][palette][assets]") {
  auto all = loadPaletteDir(std::filesystem::path(CANTING_ASSETS_DIR) / "palettes");
  REQUIRE(all);
  REQUIRE(all->size() >= 4);
  std::set<std::string> names;
  for (const Palette& p : *all) {
    names.insert(p.name);
    CHECK_FALSE(p.source.empty());
    CHECK_FALSE(p.confidence.empty());
    CHECK(p.swatches.size() >= 4);
  }
  for (const char* n : {"Sogan klasik", "Indigo-putih", "Pesisiran cerah", "Pewarna alam"}) CHECK(names.count(n) == 1);
}
