// The hostile-file suite: malformed and extreme files of every kind Canting
// reads from outside, generated here from source, each sent through the
// library and through the real canting-cli. The rule for every file: a
// correct result, or a clear message with exit status 2; never a signal,
// never a hang (each run has a CPU and wall-clock limit), and, outside the
// sanitizer build, never more memory than the stated cap.

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "canting/core/design.h"
#include "canting/imaging/dye.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/palette.h"
#include "canting/records/bundle.h"
#include "canting/records/csv.h"
#include "canting/records/store.h"
#include "spawn_cli.h"
#include "support/image_fixtures.h"
#include "support/tiff_builder.h"

namespace fs = std::filesystem;
namespace im = canting::imaging;
namespace rec = canting::records;
using canting::test::Bytes;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;  // ASan reserves terabytes of address space: no RLIMIT_AS there
#else
constexpr bool kSanitized = false;
#endif
constexpr std::uint64_t kMemoryCapBytes = 3ull << 30;  // the stated cap for one CLI run
constexpr int kCpuSeconds = 60, kWallSeconds = 90;

struct Outcome {
  bool signalled = false, timedOut = false;
  int code = -1;
  std::string err;
};

// Runs canting-cli with the arguments under the limits; stderr is captured.
Outcome runCli(const std::vector<std::string>& args, const fs::path& errFile) {
  const pid_t pid = canting::test::spawnCli(args, errFile, kSanitized ? 0 : kMemoryCapBytes, kCpuSeconds);
  Outcome o;
  int status = 0;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(kWallSeconds);
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > until) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      o.timedOut = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  o.signalled = WIFSIGNALED(status);
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(errFile);
  o.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return o;
}

void writeBytes(const fs::path& p, const Bytes& b) { canting::test::writeAll(p, b); }
void writeText(const fs::path& p, const std::string& s) { writeBytes(p, Bytes(s.begin(), s.end())); }

Bytes encode(const cv::Mat& m, im::ImageFormat f) {
  auto b = im::encodeImage(m, f, {});
  REQUIRE(b);
  return *b;
}

// A PNG chunk with its length and CRC.
Bytes chunk(const char* type, const Bytes& data) {
  Bytes out;
  const std::uint32_t n = std::uint32_t(data.size());
  for (int s = 24; s >= 0; s -= 8) out.push_back(std::uint8_t(n >> s));
  Bytes td(type, type + 4);
  td.insert(td.end(), data.begin(), data.end());
  out.insert(out.end(), td.begin(), td.end());
  const std::uint32_t crc = std::uint32_t(crc32(0, td.data(), uInt(td.size())));
  for (int s = 24; s >= 0; s -= 8) out.push_back(std::uint8_t(crc >> s));
  return out;
}

Bytes gzip(const std::string& text) {
  z_stream zs{};
  deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  Bytes out(deflateBound(&zs, uLong(text.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = uInt(text.size());
  zs.next_out = out.data();
  zs.avail_out = uInt(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(out.size() - zs.avail_out);
  deflateEnd(&zs);
  return out;
}

bool sampledOutUnderSanitizer(const std::string& name) {
  const bool cut = name.rfind("cut", 0) == 0 && name.rfind("cut50.", 0) != 0;
  const bool turn = name.rfind("exif-", 0) == 0 && name != "exif-1.jpg" && name != "exif-6.jpg" && name != "exif-99.jpg";
  return cut || turn;
}

struct Case {
  fs::path file;
  std::string kind;  // image, plan, csv, bundle, palette, project
};

// Writes every hostile file and returns them with their kinds.
std::vector<Case> makeHostileFiles(const fs::path& dir) {
  std::vector<Case> cases;
  auto add = [&](const std::string& name, const Bytes& b, const std::string& kind) {
    writeBytes(dir / name, b);
    cases.push_back({dir / name, kind});
  };
  // --- images: each format whole, cut at every 10%, and with the wrong magic
  cv::Mat m(48, 64, CV_8UC3);
  cv::randu(m, 0, 255);
  cv::circle(m, {32, 24}, 14, cv::Scalar(20, 60, 120), -1);
  const std::pair<const char*, im::ImageFormat> formats[] = {
      {"png", im::ImageFormat::Png}, {"jpg", im::ImageFormat::Jpeg}, {"tif", im::ImageFormat::Tiff}, {"bmp", im::ImageFormat::Bmp}, {"webp", im::ImageFormat::WebP}};
  for (const auto& [ext, f] : formats) {
    const Bytes whole = encode(m, f);
    add(std::string("whole.") + ext, whole, "image");
    for (int pct = 10; pct <= 90; pct += 10) add("cut" + std::to_string(pct) + "." + ext, Bytes(whole.begin(), whole.begin() + std::ptrdiff_t(whole.size() * pct / 100)), "image");
    Bytes wrong = whole;
    for (std::size_t i = 0; i < 4 && i < wrong.size(); ++i) wrong[i] ^= 0x5A;
    add(std::string("wrong-magic.") + ext, wrong, "image");
  }
  add("empty.png", {}, "image");
  add("text-named.png", Bytes{'h', 'e', 'l', 'l', 'o'}, "image");
  // Header bombs: a few bytes that claim enormous pictures.
  add("bomb-100000.png", canting::test::makePng(1, 1, 0, 8, Bytes(1, 0), 100000, 100000), "image");
  add("bomb-65535x65535.png", canting::test::makePng(1, 1, 2, 8, Bytes(3, 0), 65535, 65535), "image");
  {
    Bytes bmp = encode(m, im::ImageFormat::Bmp);
    const std::int32_t big = 60000;
    std::memcpy(bmp.data() + 18, &big, 4);  // biWidth
    std::memcpy(bmp.data() + 22, &big, 4);  // biHeight
    add("bomb.bmp", bmp, "image");
  }
  // Headers the decoder would read otherwise than a naive check (issue 20).
  add("tiff-duplicate-width-bomb.tif", canting::test::makeDuplicateWidthTiffBomb(), "image");
  {
    Bytes png = canting::test::makePng(4, 4, 0, 8, Bytes(16, 7));
    const Bytes second = chunk("IHDR", Bytes{0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60, 8, 0, 0, 0, 0});
    png.insert(png.begin() + 33, second.begin(), second.end());
    add("png-second-ihdr.png", png, "image");
  }
  add("tiff-5-bits.tif", canting::test::makeFiveBitTiff(), "image");  // OpenCV throws; imdecode printed it
  // Extremes that are valid: 1x1, 65535x1, 16-bit, grey+alpha.
  add("one-by-one.png", encode(cv::Mat(1, 1, CV_8UC3, cv::Scalar(1, 2, 3)), im::ImageFormat::Png), "image");
  add("long-65535x1.png", encode(cv::Mat(1, 65535, CV_8UC3, cv::Scalar(90, 40, 20)), im::ImageFormat::Png), "image");
  {
    cv::Mat deep;
    m.convertTo(deep, CV_16U, 257);
    add("deep16.png", encode(deep, im::ImageFormat::Png), "image");
    add("deep16.tif", encode(deep, im::ImageFormat::Tiff), "image");
  }
  add("grey-alpha.png", canting::test::makePng(2, 2, 4, 8, Bytes(8, 128)), "image");
  // Palette PNGs whose PLTE is missing, too short, or not a multiple of 3.
  {
    const Bytes noPlte = canting::test::makePng(4, 1, 3, 8, Bytes{0, 1, 2, 3});
    add("palette-no-plte.png", noPlte, "image");
    for (const auto& [name, len] : {std::pair{"palette-plte-7.png", 7}, std::pair{"palette-plte-0.png", 0}, std::pair{"palette-plte-1-entry.png", 3}}) {
      Bytes p = noPlte;
      const Bytes plte = chunk("PLTE", Bytes(std::size_t(len), 200));
      p.insert(p.begin() + 33, plte.begin(), plte.end());  // after the signature and IHDR
      add(name, p, "image");
    }
  }
  // CMYK and every EXIF orientation.
  {
    Bytes cmyk(16 * 8 * 4, 30);
    const Bytes jpeg = canting::test::makeCmykJpeg(16, 8, cmyk);
    add("cmyk.jpg", jpeg, "image");
    const Bytes rgb = encode(m, im::ImageFormat::Jpeg);
    for (int o = 1; o <= 8; ++o) add("exif-" + std::to_string(o) + ".jpg", canting::test::withExifOrientation(rgb, o), "image");
    add("exif-99.jpg", canting::test::withExifOrientation(rgb, 99), "image");
  }
  // --- dye plans
  const std::string plan = R"({"steps": [{"op": "wax", "layer": "outline"}, {"op": "dye", "dye": "indigo", "concentration": 50, "dips": 4}, {"op": "lorod"}]})";
  add("plan-good.json", Bytes(plan.begin(), plan.end()), "plan");
  for (const std::string& bad : {std::string("{"), std::string(""), std::string("[]"), std::string(200000, '['), std::string("{\"steps\": 7}"),
                                 std::string(R"({"steps": [{"op": "dye", "dye": "indigo", "concentration": 1e308, "dips": 2147483647}]})"),
                                 std::string(R"({"steps": [{"op": "crackle", "density": 1e9, "seed": -1}]})"),
                                 std::string(R"({"steps": [{"op": "wax", "layer": "mask:../../../../etc/passwd"}]})"),
                                 std::string(R"({"steps": [{"op": "boil"}]})"), std::string("\xEF\xBB\xBF{\"steps\": []}"), std::string("{\"steps\": [\"\xFF\xFE\"]}")}) {
    add("plan-bad-" + std::to_string(cases.size()) + ".json", Bytes(bad.begin(), bad.end()), "plan");
  }
  // --- trainee CSV
  const std::string head = "nama,nik,persetujuan,sentra\n";
  const std::string good = head + "Siti,3303000000000001,ya,Galuh\n";
  add("csv-good.csv", Bytes(good.begin(), good.end()), "csv");
  {
    std::string nul = head + "A,3303000000000002,ya,Galuh\n";
    nul[head.size() + 1] = '\0';
    writeText(dir / "csv-nul.csv", nul);
    cases.push_back({dir / "csv-nul.csv", "csv"});
  }
  for (const auto& [name, text] : {std::pair<std::string, std::string>{"csv-utf8.csv", head + "\xC3\x28,3303000000000003,ya,Galuh\n"},
                                   {"csv-1mb-line.csv", head + std::string(1 << 20, 'x') + ",3303000000000004,ya,Galuh\n"},
                                   {"csv-formula.csv", head + "=HYPERLINK(\"http://x\";\"y\"),3303000000000005,ya,Galuh\n@SUM(1),3303000000000006,ya,Galuh\n"},
                                   {"csv-only-header.csv", head}, {"csv-empty.csv", ""},
                                   {"csv-open-quote.csv", head + "\"Siti,3303000000000007,ya,Galuh\n"},
                                   {"csv-many-columns.csv", std::string(100000, ',') + "\n"},
                                   {"csv-binary.csv", std::string("\x89PNG\r\n\x1a\n\0\0\0", 11)}}) {
    writeText(dir / name, text);
    cases.push_back({dir / name, "csv"});
  }
  // --- bundles
  {
    nlohmann::json b = {{"format", "canting-bundle"}, {"version", 1}, {"centre", {{"uuid", "c-x"}, {"name", "Sentra Uji"}}}};
    for (const char* k : {"people", "schemes", "sessions", "assessments", "certificates", "attempts"}) b[k] = nlohmann::json::array();
    b["audit"] = {{"head", {{"seq", 0}, {"hash", ""}}}, {"hashes", nlohmann::json::array()}};  // an empty chain, so the evidence is reached
    b["trainees"] = {{{"uuid", "t-x"}, {"name", "Uji"}, {"nik", "3303000000000099"}, {"consent", true}, {"updated_at", "2026-01-01T00:00:00Z"}}};
    // Evidence whose name walks out of the managed folder; its bytes match its hash.
    const std::string data = "aGVsbG8=", sha = rec::sha256Hex("hello", 5);
    b["evidence"] = {{{"uuid", "e-x"}, {"trainee", "t-x"}, {"type", "direct"}, {"date", "2026-01-01"}, {"file_name", "../../../../tmp/canting-evil"},
                      {"sha256", sha}, {"data", data}}};
    add("bundle-traversal.bundle", gzip(b.dump()), "bundle");
    add("bundle-not-gzip.bundle", Bytes{'{', '}'}, "bundle");
    add("bundle-not-json.bundle", gzip("{not json"), "bundle");
    const Bytes good = gzip(b.dump());
    add("bundle-cut.bundle", Bytes(good.begin(), good.begin() + std::ptrdiff_t(good.size() / 2)), "bundle");
    // A zip bomb: 600 MB of spaces in under a megabyte, past the 512 MB inflate cap.
    z_stream zs{};
    deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    const std::string spaces(1 << 20, ' ');
    Bytes bomb(1 << 21);
    std::size_t used = 0;
    for (int i = 0; i < 600; ++i) {
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(spaces.data()));
      zs.avail_in = uInt(spaces.size());
      do {
        if (bomb.size() - used < 65536) bomb.resize(bomb.size() * 2);
        zs.next_out = bomb.data() + used;
        zs.avail_out = uInt(bomb.size() - used);
        deflate(&zs, i == 599 ? Z_FINISH : Z_NO_FLUSH);
        used = bomb.size() - zs.avail_out;
      } while (zs.avail_in > 0 || (i == 599 && zs.avail_out == 0));
    }
    deflateEnd(&zs);
    bomb.resize(used);
    add("bundle-bomb.bundle", bomb, "bundle");
  }
  // --- palettes and projects (library only: no CLI command reads them)
  for (const std::string& p : {std::string("{\"swatches\": [{\"hex\": \"#zzzzzz\"}]}"), std::string("GIMP Palette\n300 300 300 big\n"),
                               std::string("GIMP Palette\nColumns: -1\n"), std::string(100000, '{'), std::string("\xFF\xFE\xFD")})
    add("palette-" + std::to_string(cases.size()), Bytes(p.begin(), p.end()), "palette");
  for (const std::string& p : {std::string("{}"), std::string("{\"version\": 1, \"source\": {\"path\": \"../../../../etc/passwd\"}}"),
                               std::string("{\"version\": 1, \"source\": {\"embedded\": \"!!!notbase64\"}}"), std::string("\0\0\0", 3)})
    add("project-" + std::to_string(cases.size()) + ".canting", Bytes(p.begin(), p.end()), "project");
  return cases;
}

}  // namespace

TEST_CASE("every hostile file gets a correct result or a clear message, from the library and the CLI, and never a signal", "[hostile]") {
  canting::test::TempDir dir;
  const auto cases = makeHostileFiles(dir.path());
  // Layers and a records database for the commands that need them.
  const fs::path layers = dir / "layers";
  {
    fs::create_directories(layers);
    cv::Mat outline(64, 64, CV_8U, cv::Scalar(0));
    cv::rectangle(outline, cv::Rect(8, 8, 48, 48), cv::Scalar(255), 3);
    cv::Mat isen(64, 64, CV_8U, cv::Scalar(0));
    REQUIRE(im::saveImage(outline, layers / "outline.png"));
    REQUIRE(im::saveImage(isen, layers / "isen.png"));
    REQUIRE(im::saveImage(~outline, layers / "ground.png"));
  }
  const fs::path db = dir / "pelatihan.db";
  {
    auto s = rec::Store::open({.file = db, .pinCost = rec::PinCost::Minimum});
    REQUIRE(s);
    REQUIRE((*s)->createFirstAdmin("admin", "1234"));
    auto a = *(*s)->login("admin", "1234");
    REQUIRE((*s)->addCentre(a, {0, "", "Galuh"}));
  }
  const std::vector<std::string> login = {"--db", db.string(), "--user", "admin", "--pin", "1234"};
  auto book = im::loadDyeBook(fs::path(CANTING_ASSETS_DIR) / "dyes" / "dyes.json");
  REQUIRE(book);

  int runs = 0, refused = 0, accepted = 0;
  for (const Case& c : cases) {
    INFO(c.file.filename().string() << " (" << c.kind << ")");
    // The library first, in this process: any crash here fails the whole suite.
    if (c.kind == "image") {
      const Bytes b = canting::test::readAll(c.file);
      auto img = im::decodeImage(b, {.maxPixels = 200'000'000});
      if (img) CHECK_FALSE(img->pixels.empty());
    } else if (c.kind == "plan") {
      std::ifstream in(c.file, std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      (void)im::parsePlan(text, *book);
    } else if (c.kind == "palette") {
      std::ifstream in(c.file, std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      (void)im::parsePaletteJson(text);
      (void)im::parsePaletteGpl(text);
      continue;
    } else if (c.kind == "project") {
      CHECK_FALSE(canting::core::loadProject(c.file));
      continue;
    }
    // Then the real CLI, as a script or another centre's tool would run it.
    // Under ASan every file has just been through the decoders in this process;
    // the CLI's error path is the same for every cut of a file and every EXIF
    // turn, so there it runs on the half-way cut and two turns only.
    if (kSanitized && sampledOutUnderSanitizer(c.file.filename().string())) continue;
    std::vector<std::vector<std::string>> commands;
    if (c.kind == "image")
      commands = {{"--lang", "en", "info", c.file.string()},
                  {"--lang", "en", "convert", c.file.string(), (dir / "converted.png").string()}};
    if (c.kind == "plan")
      commands = {{"--lang", "en", "dye", "recipe", c.file.string(), "--cloth-g", "300"},
                  {"--lang", "en", "dye", "simulate", c.file.string(), "--layers", layers.string(), "--dpi", "72", "-o", (dir / "out.png").string()}};
    if (c.kind == "csv") commands = {{"--lang", "en", "training", "trainee", "import", c.file.string()}};
    if (c.kind == "bundle") commands = {{"--lang", "en", "training", "import-bundle", c.file.string()}};
    for (auto args : commands) {
      if (c.kind == "csv" || c.kind == "bundle") args.insert(args.end(), login.begin(), login.end());
      const Outcome o = runCli(args, dir / "stderr.txt");
      ++runs;
      CHECK_FALSE(o.timedOut);
      CHECK_FALSE(o.signalled);
      CHECK((o.code == 0 || o.code == 2));
      // OpenCV's own text ("OpenCV(4.6.0) ...grfmt_tiff.cpp:704") stays in the error's detail.
      CHECK(o.err.find("OpenCV(") == std::string::npos);
      CHECK(o.err.find(".cpp:") == std::string::npos);
      // Nor do the codec libraries' own lines, for files they still decode or not.
      for (const char* lib : {"libpng", "Corrupt JPEG", "libjpeg", "libtiff", "TIFFRead", "Decoding error", "ERROR 4", "__opencv_temp"})
        CHECK(o.err.find(lib) == std::string::npos);
      if (o.code == 2) {
        ++refused;
        CHECK(o.err.rfind("canting-cli: ", 0) == 0);  // a message in words, not a stack trace
        CHECK(o.err.size() > 20);
      } else {
        ++accepted;
      }
    }
  }
  // The evidence in the traversal bundle was stored under its hash, with the name cut to its last part.
  CHECK_FALSE(fs::exists("/tmp/canting-evil"));
  {
    auto s = rec::Store::open({.file = db});
    REQUIRE(s);
    auto q = (*s)->db().prepare("SELECT file_name FROM evidence");
    while (q.step()) CHECK(q.text(0).find('/') == std::string::npos);
  }
  WARN("hostile files: " << cases.size() << "; CLI runs: " << runs << " (" << refused << " refused with a message, " << accepted
                         << " correct results); memory cap per run: " << (kSanitized ? "not set under ASan" : "3 GiB"));
}
