// Writes the fuzzers' seed corpora, made by the project itself: small valid
// files of every kind each fuzzer reads. Usage: fuzz_seeds OUTDIR
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <opencv2/imgproc.hpp>

#include "canting/core/design.h"
#include "canting/imaging/dye.h"
#include "canting/imaging/image_io.h"
#include "canting/imaging/palette.h"
#include "canting/records/bundle.h"
#include "canting/records/store.h"

namespace fs = std::filesystem;
namespace im = canting::imaging;

namespace {
void write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 64;
  const fs::path out = argv[1], assets = CANTING_ASSETS_DIR;
  // Images: one small motif in every format and depth the loader reads.
  auto motif = im::loadImage(assets / "motifs" / "kawung.png");
  if (!motif) return 1;
  cv::Mat small;
  cv::resize(motif->pixels, small, cv::Size(24, 24), 0, 0, cv::INTER_AREA);
  fs::create_directories(out / "image");
  for (const char* ext : {".png", ".jpg", ".tif", ".bmp", ".webp"})
    if (auto st = im::saveImage(small, out / "image" / (std::string("kawung") + ext)); !st) {
      std::fprintf(stderr, "fuzz_seeds: %s: %s\n", ext, st.error().detail.c_str());
      return 1;
    }
  cv::Mat grey, deep;
  cv::cvtColor(small, grey, cv::COLOR_BGR2GRAY);
  small.convertTo(deep, CV_16U, 257);
  if (!im::saveImage(grey, out / "image" / "grey.png") || !im::saveImage(deep, out / "image" / "deep16.png") ||
      !im::saveImage(small, out / "image" / "dpi.png", {.dpi = im::Dpi{300, 300}}))
    return 1;
  // Palettes: JSON (first byte even) and GPL (odd).
  for (const auto& e : fs::directory_iterator(assets / "palettes")) {
    const std::string json = slurp(e.path());
    write(out / "palette" / (e.path().stem().string() + ".json.seed"), "0" + json);
    if (auto p = im::parsePaletteJson(json)) write(out / "palette" / (e.path().stem().string() + ".gpl.seed"), "1" + im::paletteToGpl(*p));
  }
  // Plans: the shipped exercises.
  fs::create_directories(out / "plan");
  for (const auto& e : fs::directory_iterator(assets / "dyes" / "plans"))
    fs::copy_file(e.path(), out / "plan" / e.path().filename(), fs::copy_options::overwrite_existing);
  // A project: the motif as a design, saved as .canting.
  auto design = canting::core::designFromFile(assets / "motifs" / "kawung.png");
  if (!design) return 1;
  canting::core::DesignSession session(std::move(*design));
  fs::create_directories(out / "project");
  if (!canting::core::saveProject(session, out / "project" / "kawung.canting")) return 1;
  // Records: a trainee CSV (first byte even) and a centre bundle (odd).
  write(out / "records" / "trainees.csv.seed",
        "0nama,nik,tanggal_lahir,jenis_kelamin,telepon,persetujuan,sentra\nSiti,3303000000000001,1990-01-02,P,081200000001,ya,Galuh\n"
        "Dewi;3303000000000002;;P;;ya;Galuh\n");
  {
    const fs::path tmp = out / "records-tmp";
    fs::remove_all(tmp);
    auto s = canting::records::Store::open({.file = tmp / "p.db", .pinCost = canting::records::PinCost::Minimum});
    if (!s || !(*s)->createFirstAdmin("admin", "1234")) return 1;
    auto a = *(*s)->login("admin", "1234");
    auto c = (*s)->addCentre(a, {0, "", "Galuh"});
    if (!c || !(*s)->loadCurriculum(a, assets / "curriculum")) return 1;
    canting::records::Trainee t{.name = "Siti", .nik = "3303000000000009", .centre = *c, .consent = true};
    if (!(*s)->addTrainee(a, t) || !canting::records::exportBundle(**s, a, *c, tmp / "b.bundle")) return 1;
    write(out / "records" / "bundle.seed", "1" + slurp(tmp / "b.bundle"));
    s->reset();
    fs::remove_all(tmp);
  }
  std::printf("fuzz_seeds: corpora written to %s\n", out.c_str());
  return 0;
}
