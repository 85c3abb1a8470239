// A full disk, for real: a 2 MB tmpfs mounted for the test (root only; the
// test says so and skips where mounting is not allowed). Saves, exports,
// reports and record imports fail with a clear message and keep the old file
// and every committed record.
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include <opencv2/imgproc.hpp>

#include "canting/core/design.h"
#include "canting/imaging/image_io.h"
#include "canting/records/csv.h"
#include "canting/records/reports.h"
#include "canting/records/store.h"
#include "spawn_cli.h"
#include "support/image_fixtures.h"

namespace fs = std::filesystem;
namespace im = canting::imaging;
namespace rec = canting::records;
using canting::imaging::ErrorCode;

namespace {

struct SmallDisk {
  canting::test::TempDir dir;
  fs::path mnt = dir / "disk";
  bool mounted = false;
  explicit SmallDisk(const char* size) {
    fs::create_directories(mnt);
    mounted = ::mount("tmpfs", mnt.c_str(), "tmpfs", 0, (std::string("size=") + size).c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted) ::umount2(mnt.c_str(), MNT_DETACH);
  }
};

// Fills the disk to its last few kilobytes with a ballast file.
void fill(const fs::path& dir, std::size_t leaveBytes) {
  std::FILE* f = std::fopen((dir / "ballast").c_str(), "wb");
  REQUIRE(f);
  const std::string block(4096, 'b');
  while (std::fwrite(block.data(), 1, block.size(), f) == block.size() && std::fflush(f) == 0) {}
  std::fclose(f);
  // Give back what the test wants free.
  const auto size = fs::file_size(dir / "ballast");
  fs::resize_file(dir / "ballast", size > leaveBytes ? size - leaveBytes : 0);
}

int runCli(const std::vector<std::string>& args, std::string& err) {
  const fs::path errFile = fs::temp_directory_path() / ("canting-diskfull-" + std::to_string(::getpid()) + ".err");
  const pid_t pid = canting::test::spawnCli(args, errFile);
  int status = 0;
  waitpid(pid, &status, 0);
  std::ifstream in(errFile);
  err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  fs::remove(errFile);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("on a full disk, exports, projects and reports fail with a clear message and keep the old file", "[diskfull]") {
  SmallDisk disk("2m");
  if (!disk.mounted) {
    WARN("SKIPPED: cannot mount a small tmpfs here (needs root); the RLIMIT_FSIZE disk-full tests in imaging_tests still run");
    return;
  }
  const fs::path d = disk.mnt;
  // The old files the user already has on that disk.
  const cv::Mat oldImg(20, 30, CV_8UC3, cv::Scalar(1, 2, 3));
  REQUIRE(im::saveImage(oldImg, d / "cetak.png"));
  cv::Mat big(1200, 1600, CV_8UC3);
  cv::randu(big, 0, 255);
  REQUIRE(im::saveImage(big, disk.dir / "besar.png"));  // outside the small disk
  fill(d, 64 << 10);

  // The CLI's export, in both languages' words.
  std::string err;
  CHECK(runCli({"--lang", "en", "convert", (disk.dir / "besar.png").string(), (d / "cetak.png").string()}, err) == 2);
  CHECK(err.find("disk is full") != std::string::npos);
  CHECK(runCli({"convert", (disk.dir / "besar.png").string(), (d / "cetak.png").string()}, err) == 2);
  CHECK(err.find("Disk penuh") != std::string::npos);
  auto still = im::loadImage(d / "cetak.png");
  REQUIRE(still);
  CHECK(still->pixels.size() == oldImg.size());
  // A streamed print-size export too.
  CHECK(runCli({"--lang", "en", "repeat", (disk.dir / "besar.png").string(), "--layout", "straight", "--size", "100x100cm", "--dpi", "150", "-o",
                (d / "kain.tif").string()}, err) == 2);
  CHECK_FALSE(fs::exists(d / "kain.tif"));

  // A Studio project over an older one.
  auto design = canting::core::designFromFile(disk.dir / "besar.png");
  REQUIRE(design);
  canting::core::DesignSession session(std::move(*design));
  fs::remove(d / "ballast");
  const cv::Mat tiny(8, 8, CV_8UC3, cv::Scalar(9, 9, 9));
  REQUIRE(im::saveImage(tiny, disk.dir / "tiny.png"));
  {
    auto small = canting::core::designFromFile(disk.dir / "tiny.png");
    REQUIRE(small);
    canting::core::DesignSession smallSession(std::move(*small));
    REQUIRE(canting::core::saveProject(smallSession, d / "desain.canting"));
  }
  const auto oldProject = canting::test::readAll(d / "desain.canting");
  fill(d, 32 << 10);
  auto saved = canting::core::saveProject(session, d / "desain.canting");
  REQUIRE_FALSE(saved);
  CHECK(saved.error().code == ErrorCode::DiskFull);
  CHECK(canting::test::readAll(d / "desain.canting") == oldProject);
  CHECK(canting::core::loadProject(d / "desain.canting"));

  // A report PDF: refused, nothing half-written where the user looks.
  canting::core::Order o;
  o.number = "PSN-2026-0001";
  o.customer = std::string(200000, 'x');  // a slip big enough not to fit
  o.motifName = "Kawung";
  o.productName = "Kemeja";
  for (int i = 0; i < 2000; ++i) o.swatches.push_back({"#112233", "Indigo"});
  const auto st = rec::writeOrderSlip(o, 0, d / "slip.pdf");
  CHECK_FALSE(st);
  CHECK_FALSE(fs::exists(d / "slip.pdf"));
}

TEST_CASE("on a full disk, a records import fails whole and every committed record stays", "[diskfull]") {
  SmallDisk disk("3m");
  if (!disk.mounted) {
    WARN("SKIPPED: cannot mount a small tmpfs here (needs root)");
    return;
  }
  const fs::path d = disk.mnt;
  auto s = rec::Store::open({.file = d / "pelatihan.db", .pinCost = rec::PinCost::Minimum});
  REQUIRE(s);
  REQUIRE((*s)->createFirstAdmin("admin", "1234"));
  auto a = *(*s)->login("admin", "1234");
  const auto centre = (*s)->addCentre(a, {0, "", "Galuh"});
  REQUIRE(centre);
  for (int i = 0; i < 20; ++i) {
    char nik[17];
    std::snprintf(nik, sizeof nik, "3303%012d", i);
    REQUIRE((*s)->addTrainee(a, {.name = "Peserta " + std::to_string(i), .nik = nik, .centre = *centre, .consent = true}));
  }
  // A CSV far bigger than the disk can take.
  const fs::path csv = disk.dir / "banyak.csv";
  {
    std::ofstream f(csv);
    f << "nama,nik,persetujuan,sentra\n";
    for (int i = 0; i < 40000; ++i) f << "Peserta baru " << i << " dengan nama yang cukup panjang," << (3400000000000000LL + i) << ",ya,Galuh\n";
  }
  fill(d, 256 << 10);
  auto rep = rec::importTraineesCsv(**s, a, csv);
  REQUIRE_FALSE(rep);
  CHECK(rep.error().code == ErrorCode::DiskFull);
  // Nothing of the import; all 20 earlier trainees; the database and its audit chain intact after a reopen.
  fs::remove(d / "ballast");
  s->reset();
  auto again = rec::Store::open({.file = d / "pelatihan.db", .pinCost = rec::PinCost::Minimum});
  REQUIRE(again);
  auto b = *(*again)->login("admin", "1234");
  CHECK((*again)->trainees(b)->size() == 20);
  CHECK((*again)->verifyAudit()->intact);
}
