#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/dye.h"
#include "dye_fixtures.h"
#include "support/image_fixtures.h"

using namespace canting::imaging;

namespace {

using dye_test::book;
using dye_test::plan;

// A square motif: outline ring, isen dots inside, ground around.
Layers squareLayers(int n = 120) {
  Layers l;
  l.outline = cv::Mat(n, n, CV_8U, cv::Scalar(0));
  cv::rectangle(l.outline, cv::Rect(20, 20, n - 40, n - 40), cv::Scalar(255), 6);
  l.isen = cv::Mat(n, n, CV_8U, cv::Scalar(0));
  for (int y = 40; y < n - 40; y += 12)
    for (int x = 40; x < n - 40; x += 12) cv::circle(l.isen, cv::Point(x, y), 2, cv::Scalar(255), cv::FILLED);
  l.ground = ~(l.outline | l.isen);
  return l;
}
}  // namespace

TEST_CASE("Kubelka-Munk baths darken monotonically with dips and saturate", "[imaging][dye]") {
  const DyeBook b = book();
  const Dye& indigo = *b.dye("indigo");
  double last = 101, lastStep = 1e9;
  for (int dips = 1; dips <= 30; ++dips) {
    const double L = bathColour(b.cloth, indigo, 50, dips).L;
    CHECK(L < last);
    if (dips > 8) {  // saturating: each dip darkens less than the one before
      CHECK(last - L <= lastStep + 1e-9);
      lastStep = last - L;
    }
    last = L;
  }
  // The reference bath gives the dye's own colour; no concentration, the cloth.
  CHECK(deltaE2000(bathColour(b.cloth, indigo, 50, 8), indigo.colour) < 1.0);
  CHECK(deltaE2000(bathColour(b.cloth, indigo, 0, 8), b.cloth) < 1e-6);
  // More concentration, darker.
  CHECK(bathColour(b.cloth, indigo, 100, 8).L < bathColour(b.cloth, indigo, 25, 8).L);
}

TEST_CASE("white cloth with no bath stays white, indigo over soga gives the sogan near-black", "[imaging][dye]") {
  const DyeBook b = book();
  const Layers l = squareLayers();
  auto none = simulate(plan(R"({"steps": []})", b), l, b, {});
  REQUIRE(none);
  const cv::Vec3b px = renderCloth(none->back()).at<cv::Vec3b>(5, 5);
  const Rgb8 cloth = labToSrgb8(b.cloth);
  CHECK(std::abs(px[2] - cloth.r) <= 1);
  CHECK(std::abs(px[0] - cloth.b) <= 1);
  auto sogan = simulate(plan(R"({"steps": [{"op": "dye", "dye": "tingi", "concentration": 100, "dips": 5},
                                           {"op": "dye", "dye": "indigo", "concentration": 50, "dips": 8}]})", b), l, b, {});
  REQUIRE(sogan);
  const cv::Vec3b c = renderCloth(sogan->back()).at<cv::Vec3b>(5, 5);
  const Lab lab = srgbToLab(Rgb8{c[2], c[1], c[0]});
  CHECK(lab.L < 22);                                    // near-black
  CHECK(lab.L < b.dye("indigo")->colour.L);             // darker than either alone
  CHECK(lab.L < b.dye("tingi")->colour.L);
  CHECK(labToLch(lab).C < labToLch(b.dye("indigo")->colour).C);  // brown-blue, duller than pure indigo
}

TEST_CASE("colet colours only inside the area it is painted on, and wax there still keeps it out", "[imaging][dye][colet]") {
  const DyeBook b = book();
  Layers l = squareLayers();
  // A painted area: the left half of the square, inside the outline.
  l.painted["merah"] = cv::Mat(120, 120, CV_8U, cv::Scalar(0));
  cv::rectangle(l.painted["merah"], cv::Rect(30, 30, 30, 60), cv::Scalar(255), cv::FILLED);
  SimOptions o;
  o.dpi = 150;
  auto r = simulate(plan(R"({"steps": [{"op": "wax", "layer": "isen"},
                                       {"op": "colet", "layer": "painted:merah", "dye": "remazol-merah", "concentration": 40}]})", b), l, b, o);
  REQUIRE(r);
  const cv::Mat cloth = renderCloth(r->back());
  const Rgb8 white = labToSrgb8(b.cloth);
  auto at = [&](int x, int y) { const cv::Vec3b c = cloth.at<cv::Vec3b>(y, x); return srgbToLab(Rgb8{c[2], c[1], c[0]}); };
  // Inside the painted area, on bare cloth: red.
  CHECK(deltaE2000(at(34, 50), b.dye("remazol-merah")->colour) < 8);
  CHECK(labToLch(at(34, 50)).C > 30);
  // Outside it: the cloth as it was, on every side.
  for (const auto& [x, y] : {std::pair{80, 50}, std::pair{10, 10}, std::pair{45, 100}})
    CHECK(deltaE2000(at(x, y), srgbToLab(white)) < 1);
  // An isen dot inside the painted area, under wax: kept white.
  CHECK(l.isen.at<uchar>(40, 40) == 255);
  CHECK(deltaE2000(at(40, 40), srgbToLab(white)) < 3);
  // It travels through plan files, and its recipe is the remazol colet solution per 100 mL.
  const Plan p = plan(R"({"steps": [{"op": "colet", "layer": "isen", "dye": "remazol-kuning", "concentration": 30}]})", b);
  auto again = parsePlan(planToJson(p), b);
  REQUIRE(again);
  CHECK(again->steps[0].op == PlanStep::Op::Colet);
  CHECK(again->steps[0].layer == "isen");
  auto rec = computeRecipe(p, b, 500, 20);
  REQUIRE(rec);
  REQUIRE_FALSE(rec->baths.empty());
  CHECK(rec->baths[0].role == "colet");
  CHECK(rec->baths[0].amounts[0].lo == Approx(3.0));  // 30 g/L, per 100 mL
  CHECK_FALSE(parsePlan(R"({"steps": [{"op": "colet", "dye": "remazol-kuning", "concentration": 30}]})", b));  // no area
}

TEST_CASE("wax blocks a bath outside the seepage band and lorod bares the cloth again", "[imaging][dye]") {
  const DyeBook b = book();
  const Layers l = squareLayers();
  SimOptions o;
  o.dpi = 150;  // 0.3 mm seepage is about 2 px
  auto r = simulate(plan(R"({"steps": [{"op": "wax", "layer": "all"}, {"op": "kerok", "layer": "ground"},
                                       {"op": "dye", "dye": "indigo", "concentration": 50, "dips": 8}, {"op": "lorod"}]})", b), l, b, o);
  REQUIRE(r);
  const cv::Mat before = renderCloth(r->front()), dyed = renderCloth((*r)[3]), after = renderCloth(r->back());
  // Deep inside the still-waxed outline ring (3 px from its edges): untouched.
  const cv::Vec3b inside = dyed.at<cv::Vec3b>(20, 60);
  CHECK(cv::norm(cv::Vec3d(inside), cv::Vec3d(before.at<cv::Vec3b>(20, 60))) < 1.0);
  // The ground took the bath.
  CHECK(dyed.at<cv::Vec3b>(5, 5)[2] < before.at<cv::Vec3b>(5, 5)[2] - 60);
  // Right at the wax edge, a little seeps in: lighter than the ground, darker than the cloth.
  const cv::Vec3b edge = dyed.at<cv::Vec3b>(17, 60);
  CHECK(edge[2] < before.at<cv::Vec3b>(17, 60)[2]);
  // Lorod: the wax is gone, the colours stay; under the wax the cloth shows.
  CHECK(cv::countNonZero(r->back().wax) == 0);
  CHECK(cv::norm(cv::Vec3d(after.at<cv::Vec3b>(20, 60)), cv::Vec3d(before.at<cv::Vec3b>(20, 60))) < 1.0);
  CHECK(after.at<cv::Vec3b>(5, 5) == dyed.at<cv::Vec3b>(5, 5));
  CHECK(cv::norm(renderCloth((*r)[1], true), renderCloth((*r)[1], false), cv::NORM_INF) > 0);  // the wax is shown
}

TEST_CASE("crackle stays inside the wax, meets older cracks in T-junctions and follows its seed", "[imaging][dye]") {
  const DyeBook b = book();
  ClothState st = freshCloth(cv::Size(400, 400), b);
  cv::rectangle(st.wax, cv::Rect(20, 20, 360, 360), cv::Scalar(255), cv::FILLED);
  ClothState copy = st;
  copy.cracks = st.cracks.clone();
  const CrackStats s = crackle(st, 6.0, 42, 150);
  CHECK(s.cracks >= 10);
  CHECK(cv::countNonZero((st.cracks > 0) & ~st.wax) == 0);
  // Every crack has two ends; most of the later ones end on older cracks.
  CHECK(s.tJunctions + s.edgeEnds <= 2 * s.cracks);
  CHECK(s.tJunctions > s.cracks / 2);
  const CrackStats again = crackle(copy, 6.0, 42, 150);
  CHECK(again.cracks == s.cracks);
  CHECK(cv::norm(copy.cracks, st.cracks, cv::NORM_INF) == 0);
  ClothState other = freshCloth(cv::Size(400, 400), b);
  cv::rectangle(other.wax, cv::Rect(20, 20, 360, 360), cv::Scalar(255), cv::FILLED);
  crackle(other, 6.0, 43, 150);
  CHECK(cv::norm(other.cracks, st.cracks, cv::NORM_INF) > 0);
  // The next bath dyes the cracks.
  const Layers l = squareLayers(400);
  auto r = simulate(plan(R"({"steps": [{"op": "wax", "layer": "all"}, {"op": "crackle", "density": 4, "seed": 9},
                                       {"op": "dye", "dye": "indigo", "concentration": 50, "dips": 8}, {"op": "lorod"}]})", b), l, b, {});
  REQUIRE(r);
  const cv::Mat cracks = (*r)[2].cracks > 0;
  const cv::Mat out = renderCloth(r->back());
  cv::Mat grey;
  cv::cvtColor(out, grey, cv::COLOR_BGR2GRAY);
  CHECK(cv::mean(grey, cracks)[0] < cv::mean(grey, ~cracks)[0] - 40);
}

TEST_CASE("a fixer shifts the colour the way the data says", "[imaging][dye]") {
  const DyeBook b = book();
  const Layers l = squareLayers();
  auto colourAfter = [&](const char* fixer) {
    const std::string fix = fixer ? std::string(R"(, {"op": "fix", "fixer": ")") + fixer + "\"}" : "";
    auto r = simulate(plan(R"({"steps": [{"op": "dye", "dye": "secang", "concentration": 100, "dips": 5})" + fix + "]}", b), l, b, {});
    REQUIRE(r);
    const cv::Vec3b c = renderCloth(r->back()).at<cv::Vec3b>(5, 5);
    return srgbToLab(Rgb8{c[2], c[1], c[0]});
  };
  const Lab plain = colourAfter(nullptr), tawas = colourAfter("tawas"), tunjung = colourAfter("tunjung");
  CHECK(tawas.L > plain.L);       // alum: lightest
  CHECK(tunjung.L < plain.L - 5); // ferrous: darker
  CHECK(labToLch(tunjung).C < labToLch(plain).C);  // and greyer
}

namespace {
const RecipeAmount& amount(const RecipeBath& b, const std::string& startsWith) {
  for (const auto& a : b.amounts)
    if (a.what[1].rfind(startsWith, 0) == 0) return a;
  FAIL("no amount " << startsWith << " in " << b.name[1]);
  return b.amounts.front();
}
}  // namespace

TEST_CASE("recipe arithmetic matches hand-worked examples: naphthol with its garam bath, and a fixer's own bath", "[imaging][dye][recipe]") {
  const DyeBook b = book();
  const Plan p = plan(R"({"steps": [{"op": "dye", "dye": "naphthol", "concentration": 3, "dips": 1},
                                    {"op": "fix", "fixer": "tawas"}]})", b);
  auto r = computeRecipe(p, b, 300, 30);  // 300 g of cloth at 1:30
  REQUIRE(r);
  CHECK(r->litres == Approx(9.0));        // the source's own example
  REQUIRE(r->baths.size() == 3);          // naphthol bath, garam developing bath, tawas bath
  const RecipeBath& dye = r->baths[0];
  CHECK(dye.role == "dye");
  CHECK(dye.litresLo == Approx(9.0));
  CHECK(amount(dye, "Naphthol").lo == Approx(27.0));  // 3 g/L x 9 L
  CHECK(amount(dye, "Naphthol").unit == "g");
  CHECK(amount(dye, "TRO").lo == Approx(54.0));       // 6 cc/L x 9 L
  CHECK(amount(dye, "TRO").unit == "cc");             // liquids in cc, not grams
  CHECK(amount(dye, "loog").unit == "cc");
  const RecipeBath& garam = r->baths[1];              // a separate bath, not part of the dye bath
  CHECK(garam.role == "develop");
  CHECK(garam.step == 1);
  CHECK(garam.litresLo == Approx(9.0));
  CHECK(amount(garam, "garam").lo == Approx(54.0));   // 6-8 g/L x 9 L
  CHECK(amount(garam, "garam").hi == Approx(72.0));
  const RecipeBath& fix = r->baths[2];
  CHECK(fix.step == 2);
  CHECK(fix.role == "fix");
  CHECK(amount(fix, "alum").lo == Approx(45.0));      // 5-70 g/L: the sources differ
  CHECK(amount(fix, "alum").hi == Approx(630.0));
  auto kain = computeRecipe(p, b, 500, 20);  // a 2.10 x 1.05 m cloth weighs about 500 g
  CHECK(kain->litres == Approx(10.0));
  CHECK_FALSE(computeRecipe(p, b, 0, 20));
  CHECK_FALSE(computeRecipe(p, b, 300, 2));
}

TEST_CASE("recipe arithmetic: indigosol develops in HCl, remazol is dosed per 100 mL of colet with soda ash by the dye's weight", "[imaging][dye][recipe]") {
  const DyeBook b = book();
  const Plan p = plan(R"({"steps": [{"op": "dye", "dye": "indigosol", "concentration": 3, "dips": 1},
                                    {"op": "dye", "dye": "remazol-merah", "concentration": 40, "dips": 1}]})", b);
  auto r = computeRecipe(p, b, 500, 20);  // 10 L baths
  REQUIRE(r);
  REQUIRE(r->baths.size() == 4);
  CHECK(amount(r->baths[0], "indigosol").lo == Approx(30.0));      // 3 g/L x 10 L
  CHECK(amount(r->baths[0], "sodium nitrite").lo == Approx(30.0)); // 3-5 g/L
  CHECK(amount(r->baths[0], "sodium nitrite").hi == Approx(50.0));
  CHECK(r->baths[1].role == "develop");
  CHECK(amount(r->baths[1], "HCl").lo == Approx(100.0));           // 10-20 cc/L, in cc
  CHECK(amount(r->baths[1], "HCl").hi == Approx(200.0));
  CHECK(amount(r->baths[1], "HCl").unit == "cc");
  const RecipeBath& colet = r->baths[2];
  CHECK(colet.role == "colet");
  CHECK(colet.perMl == Approx(100));
  CHECK(colet.litresLo == 0);                                       // no liquor ratio: it is painted on
  CHECK(amount(colet, "remazol").lo == Approx(4.0));                // 40 g/L, per 100 mL
  CHECK(amount(colet, "soda ash").lo == Approx(3.0));               // at least 75 % of 4 g
  CHECK(amount(colet, "soda ash").atLeast);
  CHECK(r->baths[3].role == "fix");                                 // waterglass, brushed on: no figure, a note
  CHECK(r->baths[3].amounts.front().unit.empty());
  CHECK_FALSE(r->baths[3].amounts.front().note[0].empty());
}

TEST_CASE("recipe arithmetic: natural dyes by the cloth's weight, soga as 4 : 2 : 1, indigo as paste with its vat", "[imaging][dye][recipe]") {
  const DyeBook b = book();
  const Plan p = plan(R"({"steps": [{"op": "dye", "dye": "tegeran", "concentration": 100, "dips": 5},
                                    {"op": "dye", "dye": "soga", "concentration": 100, "dips": 5},
                                    {"op": "dye", "dye": "indigo", "concentration": 50, "dips": 8}]})", b);
  auto r = computeRecipe(p, b, 500, 20);
  REQUIRE(r);
  REQUIRE(r->baths.size() == 6);
  // About 1 kg of material per 500 g of cloth, boiled in 10 L per kg; the dip bath is the extract.
  CHECK(amount(r->baths[0], "tegeran").lo == Approx(1000.0));
  CHECK(amount(r->baths[0], "water").lo == Approx(10.0));
  CHECK(amount(r->baths[0], "water").unit == "L");
  CHECK(r->baths[1].litresLo == Approx(4.0));
  CHECK(r->baths[1].litresHi == Approx(5.0));
  // Soga: the same kilogram of material, tingi : jambal : tegeran = 4 : 2 : 1.
  const RecipeBath& soga = r->baths[2];
  const double tingi = amount(soga, "tingi").lo, jambal = amount(soga, "jambal").lo, teg = amount(soga, "tegeran").lo;
  CHECK(tingi + jambal + teg == Approx(1000.0).margin(0.5));
  CHECK(tingi / teg == Approx(4.0).epsilon(0.01));
  CHECK(jambal / teg == Approx(2.0).epsilon(0.01));
  // Indigo: 200 g/L of paste at 1:20 is 2 kg for 10 L, lime and palm sugar named, then the neutralising bath.
  const RecipeBath& vat = r->baths[4];
  CHECK(vat.role == "vat");
  CHECK(vat.litresLo == Approx(10.0));
  CHECK(amount(vat, "indigo paste").lo == Approx(2000.0));
  CHECK(amount(vat, "lime and palm sugar").unit.empty());
  CHECK(amount(r->baths[5], "vinegar").lo == Approx(5.0));  // 0.5 cc/L
  CHECK(amount(r->baths[5], "lime (jeruk").lo == Approx(0.5));  // one per 20 L
  CHECK(amount(r->baths[5], "lime (jeruk").unit == "buah");
  // No bath of a natural dye claims a temperature no source gives.
  for (const char* id : {"tegeran", "soga", "indigo", "tingi", "secang"}) CHECK_FALSE(b.dye(id)->temperatureC);
}

TEST_CASE("soga's colour is its three parts mixed by Kubelka-Munk, brown between them", "[imaging][dye]") {
  const DyeBook b = book();
  const Dye* soga = b.dye("soga");
  REQUIRE(soga);
  CHECK(soga->family == "natural-mix");
  const Lch s = labToLch(soga->colour);
  CHECK(s.h > 40);   // a warm brown: between tegeran's yellow and tingi's red-brown
  CHECK(s.h < 90);
  CHECK(soga->colour.L < b.dye("tegeran")->colour.L);  // darker than the yellow part alone
  CHECK(soga->colour.L > b.dye("tingi")->colour.L - 10);
}

TEST_CASE("every amount in the dye book names its source or says U, and a book that does not is refused", "[imaging][dye][recipe]") {
  const DyeBook b = book();
  int amounts = 0;
  for (const Dye& d : b.dyes) {
    INFO(d.id);
    CHECK_FALSE(d.baths.empty());
    CHECK_FALSE(d.family.empty());
    for (const Bath& bath : d.baths)
      for (const Amount& a : bath.amounts) {
        ++amounts;
        CHECK((a.confidence == "C" || a.confidence == "W" || a.confidence == "U"));
        CHECK((a.confidence == "U" || !a.source.empty()));
      }
  }
  for (const Fixer& f : b.fixers) CHECK_FALSE(f.bath.amounts.empty());
  CHECK(amounts > 40);
  canting::test::TempDir dir;
  auto text = canting::test::readAll(std::filesystem::path(CANTING_ASSETS_DIR) / "dyes" / "dyes.json");
  std::string json(text.begin(), text.end());
  const auto at = json.find("\"source\": \"https://html.pdfcookie.com");  // naphthol's TRO, say
  REQUIRE(at != std::string::npos);
  json.replace(at, std::string("\"source\": \"https://html.pdfcookie.com").size(), "\"sourcex\": \"https://html.pdfcookie.com");
  canting::test::writeAll(dir / "dyes.json", std::vector<std::uint8_t>(json.begin(), json.end()));
  auto bad = loadDyeBook(dir / "dyes.json");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().args.size() >= 1);
}

TEST_CASE("a perfect plan scores dE00 0 and a wrong one names the layer that went wrong", "[imaging][dye]") {
  const DyeBook b = book();
  const Layers l = squareLayers();
  const Plan good = plan(R"({"steps": [{"op": "wax", "layer": "outline"}, {"op": "dye", "dye": "tegeran", "concentration": 100, "dips": 5},
                                       {"op": "wax", "layer": "isen"}, {"op": "dye", "dye": "indigo", "concentration": 50, "dips": 8},
                                       {"op": "lorod"}]})", b);
  auto g = simulate(good, l, b, {});
  REQUIRE(g);
  const cv::Mat target = renderCloth(g->back());
  const Score perfect = scoreAgainst(target, target, l, good);
  CHECK(perfect.meanDeltaE == 0.0);
  CHECK(perfect.shareWithin5 == 1.0);
  CHECK(perfect.bathsUsed == 2);
  CHECK(perfect.fewestBaths >= 2);
  // Forgetting to wax the isen: the isen goes indigo-green instead of yellow.
  const Plan missed = plan(R"({"steps": [{"op": "wax", "layer": "outline"}, {"op": "dye", "dye": "tegeran", "concentration": 100, "dips": 5},
                                         {"op": "dye", "dye": "indigo", "concentration": 50, "dips": 8}, {"op": "lorod"}]})", b);
  auto m = simulate(missed, l, b, {});
  REQUIRE(m);
  const Score wrong = scoreAgainst(renderCloth(m->back()), target, l, missed);
  CHECK(wrong.meanDeltaE > 0.1);      // the isen dots are a small share of the cloth
  CHECK(wrong.shareWithin5 < 1.0);
  CHECK(wrong.worstLayer == "isen");
  CHECK(wrong.worstLayerDeltaE > 10);  // but on the isen itself the miss is plain to see
}

TEST_CASE("malformed plans are refused with the step and field named", "[imaging][dye]") {
  const DyeBook b = book();
  struct Case {
    const char* json;
    const char* where;
    const char* reason;
  };
  for (const Case& c : std::vector<Case>{
           {"{", "JSON", "@reason.not_json"},
           {R"({"name": "x"})", "steps", "@reason.missing_steps"},
           {R"({"steps": [{"op": "boil"}]})", "steps[0].op", "@reason.bad_step"},
           {R"({"steps": [{"op": "wax"}]})", "steps[0].layer", "@reason.bad_layer"},
           {R"({"steps": [{"op": "wax", "layer": "mask:../../etc/passwd"}]})", "steps[0].layer", "@reason.bad_layer"},
           {R"({"steps": [{"op": "lorod"}, {"op": "dye", "dye": "kunyit", "concentration": 3}]})", "steps[1].dye", "@reason.unknown_dye"},
           {R"({"steps": [{"op": "dye", "dye": "indigo"}]})", "steps[0].concentration", "@reason.missing_field"},
           {R"({"steps": [{"op": "dye", "dye": "indigo", "concentration": 3, "dips": 0}]})", "steps[0].dips", "@reason.bad_number"},
           {R"({"steps": [{"op": "fix", "fixer": "garam"}]})", "steps[0].fixer", "@reason.unknown_fixer"},
           {R"({"steps": [{"op": "crackle", "density": -1}]})", "steps[0].density", "@reason.bad_number"},
       }) {
    INFO(c.json);
    auto r = parsePlan(c.json, b);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::MalformedFile);
    CHECK(r.error().arg("where") == c.where);
    CHECK(r.error().arg("reason") == c.reason);
  }
  const Plan p = plan(R"({"name": "sogan", "steps": [{"op": "wax", "layer": "isen"}, {"op": "crackle", "density": 2, "seed": 5}, {"op": "lorod"}]})", b);
  auto back = parsePlan(planToJson(p), b);
  REQUIRE(back);
  CHECK(back->steps.size() == 3);
  CHECK(back->steps[1].seed == 5);
}

TEST_CASE("the dye book loads with a source and confidence on every entry", "[imaging][dye][assets]") {
  const DyeBook b = book();
  CHECK(b.dyes.size() >= 15);
  CHECK(b.fixers.size() == 3);
  for (const Dye& d : b.dyes) {
    INFO(d.id);
    CHECK_FALSE(d.source.empty());
    CHECK_FALSE(d.confidence.empty());
    CHECK_FALSE(d.name[0].empty());
  }
  for (const char* id : {"indigo", "tingi", "tegeran", "jambal", "mahoni", "secang", "daun-mangga", "jalawe", "kulit-manggis", "daun-jambu",
                         "naphthol", "indigosol", "remazol-merah"})
    CHECK(b.dye(id));
}

TEST_CASE("every intermediate state stays as it was when later steps run", "[imaging][dye]") {
  const DyeBook b = book();
  const Layers l = squareLayers();
  const Plan one = plan(R"({"steps": [{"op": "wax", "layer": "outline"}, {"op": "dye", "dye": "tegeran", "concentration": 100, "dips": 5}]})", b);
  const Plan more = plan(R"({"steps": [{"op": "wax", "layer": "outline"}, {"op": "dye", "dye": "tegeran", "concentration": 100, "dips": 5},
                                       {"op": "fix", "fixer": "tunjung"}, {"op": "crackle", "density": 3, "seed": 2},
                                       {"op": "dye", "dye": "indigo", "concentration": 50, "dips": 8}, {"op": "lorod"}]})", b);
  auto a = simulate(one, l, b, {});
  auto c = simulate(more, l, b, {});
  REQUIRE(a);
  REQUIRE(c);
  // States share unchanged buffers; a later step must never write into an earlier one.
  for (std::size_t i = 0; i < a->size(); ++i) {
    INFO("state " << i);
    CHECK(cv::norm((*a)[i].ks, (*c)[i].ks, cv::NORM_INF) == 0);
    CHECK(cv::norm((*a)[i].wax, (*c)[i].wax, cv::NORM_INF) == 0);
    CHECK(cv::norm(renderCloth((*a)[i], true), renderCloth((*c)[i], true), cv::NORM_INF) == 0);
    CHECK(cv::norm((*a)[i].cracks, (*c)[i].cracks, cv::NORM_INF) == 0);
  }
  CHECK(cv::norm(renderCloth((*c)[2]), renderCloth((*c)[3]), cv::NORM_INF) > 0);  // the fixer did change the colour
}
