// Crash safety: canting-cli killed with SIGKILL at random moments while it
// writes. Every output must then be the old file or the whole new one, never
// a torn one; temporary files may be left only under their hidden names.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <thread>

#include <opencv2/imgproc.hpp>

#include "canting/imaging/image_io.h"
#include "spawn_cli.h"
#include "support/image_fixtures.h"
#include "support/sanitizer.h"

namespace fs = std::filesystem;
namespace im = canting::imaging;

namespace {

// Starts canting-cli, kills it after `delay` (if still running); true when it ran to the end.
bool runAndMaybeKill(const std::vector<std::string>& args, std::chrono::microseconds delay) {
  const pid_t pid = canting::test::spawnCli(args, "/dev/null");
  int status = 0;
  const auto until = std::chrono::steady_clock::now() + delay;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= until) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::chrono::microseconds timeOf(const std::vector<std::string>& args) {
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(runAndMaybeKill(args, std::chrono::seconds(60)));
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
}

}  // namespace

TEST_CASE("kill -9 during exports leaves the old file or the whole new one, never a torn file", "[crash]") {
  canting::test::TempDir dir;
  // A photo-like input big enough that writing it takes a while.
  cv::Mat big(1600, 2400, CV_8UC3);
  cv::randu(big, 0, 255);
  cv::GaussianBlur(big, big, cv::Size(0, 0), 3);
  REQUIRE(im::saveImage(big, dir / "in.png"));
  const cv::Mat oldPixels(40, 60, CV_8UC3, cv::Scalar(10, 200, 30));

  struct Job {
    const char* name;
    std::vector<std::string> args;
    fs::path out;
  };
  const std::vector<Job> jobs = {
      {"convert to TIFF", {"convert", (dir / "in.png").string(), (dir / "out.tif").string(), "--dpi", "300"}, dir / "out.tif"},
      {"convert to PNG", {"convert", (dir / "in.png").string(), (dir / "out.png").string()}, dir / "out.png"},
      {"streamed repeat to TIFF", {"repeat", (dir / "in.png").string(), "--layout", "half-drop", "--size", "60x40cm", "--dpi", "150", "-o", (dir / "kain.tif").string()},
       dir / "kain.tif"},
  };
  std::mt19937 rng(28112026);
  int kills = 0, completed = 0, rounds = 0, leftovers = 0;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(45);
  for (const Job& job : jobs) {
    INFO(job.name);
    REQUIRE(im::saveImage(oldPixels, job.out));  // the old file the user already had
    const auto full = timeOf(job.args);          // one whole run, to know how long a run takes
    auto whole = im::loadImage(job.out);
    REQUIRE(whole);
    const cv::Size newSize = whole->pixels.size();
    // Under ASan a run is ten times slower: five kills a job still land before,
    // during and after the rename, and the sanitizer watches the writer's memory.
    const int maxRounds = canting::test::kAddressSanitizer ? 5 : 60;
    for (int i = 0; i < maxRounds && std::chrono::steady_clock::now() < until; ++i, ++rounds) {
      REQUIRE(im::saveImage(oldPixels, job.out));
      const auto delay = std::chrono::microseconds(std::uniform_int_distribution<long>(0, full.count() * 3 / 2)(rng));
      if (runAndMaybeKill(job.args, delay)) ++completed;
      else ++kills;
      // Old or whole new: it decodes, at one of the two sizes.
      auto img = im::loadImage(job.out);
      REQUIRE(img);
      const bool isOld = img->pixels.size() == oldPixels.size(), isNew = img->pixels.size() == newSize;
      REQUIRE((isOld || isNew));
      // Nothing beside it but hidden temporaries (".out.tif.tmp-XXXXXX"), which
      // a kill leaves behind; cleared here so a long run does not fill the disk.
      std::vector<fs::path> temps;
      for (const auto& e : fs::directory_iterator(dir.path())) {
        const std::string name = e.path().filename().string();
        if (name.front() == '.') temps.push_back(e.path());
        else CHECK((e.path().extension() == ".png" || e.path().extension() == ".tif"));
      }
      leftovers += int(temps.size());
      for (const auto& t : temps) fs::remove(t);
    }
  }
  WARN("export kill rounds: " << rounds << " (killed mid-run " << kills << ", completed " << completed << "; hidden temporaries left by kills: "
                               << leftovers << ")");
  CHECK(kills > 0);
}
