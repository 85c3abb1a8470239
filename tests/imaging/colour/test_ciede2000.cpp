#include <catch2/catch.hpp>

#include <cmath>
#include <opencv2/core.hpp>

#include "canting/imaging/color.h"

using namespace canting::imaging;

namespace {
// Sharma, Wu & Dalal, "The CIEDE2000 colour-difference formula: implementation
// notes, supplementary test data, and mathematical observations", Color Res.
// Appl. 30(1), 2005, Table 1: L1 a1 b1 L2 a2 b2 dE00. Pairs 7-16 sit on the
// hue-angle discontinuities that naive implementations get wrong.
const double kSharma[34][7] = {
    {50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425},
    {50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615},
    {50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412},
    {50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000},
    {50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000},
    {50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000},
    {50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669},
    {50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669},
    {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792},
    {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792},
    {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195},
    {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195},
    {50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045},
    {50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045},
    {50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461},
    {50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065},
    {50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492},
    {50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977},
    {50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030},
    {50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535},
    {50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000},
    {50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000},
    {50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000},
    {50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000},
    {60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644},
    {63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630},
    {61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731},
    {35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645},
    {22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373},
    {36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146},
    {90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441},
    {90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381},
    {6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377},
    {2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082},
};
constexpr double kDeg = 180.0 / CV_PI;

}  // namespace

TEST_CASE("CIEDE2000 matches all 34 Sharma-Wu-Dalal pairs to 4 decimals, both ways round", "[imaging][color][ciede2000]") {
  for (int i = 0; i < 34; ++i) {
    const double* r = kSharma[i];
    const Lab a{r[0], r[1], r[2]}, b{r[3], r[4], r[5]};
    INFO("pair " << i + 1);
    // "Exact to 4 decimals": the value rounded to 4 places equals the table.
    CHECK(std::round(deltaE2000(a, b) * 1e4) / 1e4 == Approx(r[6]).margin(1e-9));
    CHECK(std::round(deltaE2000(b, a) * 1e4) / 1e4 == Approx(r[6]).margin(1e-9));
  }
}

TEST_CASE("CIEDE2000 is zero for identical colours and the image form matches the scalar one", "[imaging][color][ciede2000]") {
  CHECK(deltaE2000(Lab{50, 20, -30}, Lab{50, 20, -30}) == 0.0);
  cv::Mat a(1, 34, CV_32FC3), b(1, 34, CV_32FC3);
  for (int i = 0; i < 34; ++i) {
    a.at<cv::Vec3f>(0, i) = cv::Vec3f(float(kSharma[i][0]), float(kSharma[i][1]), float(kSharma[i][2]));
    b.at<cv::Vec3f>(0, i) = cv::Vec3f(float(kSharma[i][3]), float(kSharma[i][4]), float(kSharma[i][5]));
  }
  const cv::Mat d = deltaE2000(a, b);
  REQUIRE(d.type() == CV_32F);
  // Float storage moves the inputs by ~1e-6, so the image form gets a float tolerance.
  for (int i = 0; i < 34; ++i) CHECK(d.at<float>(0, i) == Approx(kSharma[i][6]).margin(2e-4));
}

TEST_CASE("CIEDE2000's short route gives the paper's value to 1e-9 all round the hue circle", "[imaging][color][ciede2000]") {
  cv::RNG rng(34);
  double worst = 0;
  auto one = [&](const Lab& a, const Lab& b) {
    worst = std::max(worst, std::fabs(deltaE2000(a, b) - deltaE2000Paper(a, b)));
  };
  for (int i = 0; i < 100000; ++i) {
    const Lab a{rng.uniform(0.0, 100.0), rng.uniform(-128.0, 128.0), rng.uniform(-128.0, 128.0)};
    one(a, Lab{rng.uniform(0.0, 100.0), rng.uniform(-128.0, 128.0), rng.uniform(-128.0, 128.0)});
    one(a, Lab{a.L + rng.uniform(-1.0, 1.0), a.a + rng.uniform(-1.0, 1.0), a.b + rng.uniform(-1.0, 1.0)});
  }
  for (double h = 0; h < 360; h += 0.25) {
    const double r = h / kDeg;
    const Lab a{50, 30 * std::cos(r), 30 * std::sin(r)};
    one(a, Lab{40, -a.a, -a.b});                 // exactly opposite
    one(a, Lab{40, -a.a * 0.5, -a.b * 0.5 + 1e-9});  // all but opposite
    one(a, Lab{55, 0, 0});                       // one grey
    one(Lab{55, 0, 0}, a);
  }
  one(Lab{20, 0, 0}, Lab{80, 0, 0});
  INFO("worst difference " << worst);
  CHECK(worst < 1e-9);
}
