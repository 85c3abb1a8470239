#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "canting/core/history.h"

using namespace canting;

namespace {
struct Counter {
  int value = 0;
  bool operator==(const Counter&) const = default;
};
}  // namespace

TEST_CASE("the history records labelled edits, undoes, redoes and drops the redo branch", "[core][history]") {
  core::History<Counter> h;
  CHECK_FALSE(h.canUndo());
  CHECK(h.undo() == nullptr);
  CHECK(h.redo() == nullptr);
  const int v0 = h.version();
  h.record("a", {0}, {1});
  h.record("b", {1}, {2});
  CHECK(h.version() == v0 + 2);
  REQUIRE(h.entries().size() == 2);
  CHECK(h.entries()[0].label == "a");
  CHECK(h.entries()[1].label == "b");
  CHECK(h.position() == 2);
  const Counter* s = h.undo();
  REQUIRE(s);
  CHECK(s->value == 1);
  CHECK(h.position() == 1);
  CHECK(h.canRedo());
  CHECK(h.redo()->value == 2);
  CHECK(h.undo()->value == 1);
  CHECK(h.undo()->value == 0);
  CHECK(h.position() == 0);
  CHECK(h.version() == v0 + 6);
  h.record("c", {0}, {5});  // a new edit ends the redo branch
  CHECK(h.entries().size() == 1);
  CHECK(h.entries()[0].label == "c");
  CHECK_FALSE(h.canRedo());
  h.clear();
  CHECK(h.entries().empty());
  CHECK(h.bytes() == 0);
}

TEST_CASE("the history's cap drops the oldest entries, by count and by bytes", "[core][history]") {
  core::History<Counter> h(3);
  for (int i = 0; i < 5; ++i) h.record("e" + std::to_string(i), {i}, {i + 1});
  REQUIRE(h.entries().size() == 3);
  CHECK(h.entries().front().label == "e2");
  CHECK(h.entries().back().label == "e4");
  CHECK(h.position() == 3);
  int undone = 0;
  while (const Counter* s = h.undo()) {
    ++undone;
    CHECK(s->value == 5 - undone);
  }
  CHECK(undone == 3);

  struct Big {
    std::vector<char> data;
    std::size_t bytes() const { return data.size(); }
  };
  core::History<Big> b(200, 10'000);
  for (int i = 0; i < 10; ++i) b.record("big", {std::vector<char>(2'000)}, {std::vector<char>(2'000)});
  CHECK(b.entries().size() < 10);
  CHECK(b.bytes() <= 10'000);
  CHECK(b.position() == b.entries().size());
  core::History<Big> one(200, 10);  // the newest entry stays even over the budget
  one.record("huge", {std::vector<char>(100)}, {std::vector<char>(100)});
  CHECK(one.entries().size() == 1);
}

TEST_CASE("a live edit is one entry from the state before its first change", "[core][history]") {
  core::History<Counter> h;
  Counter model{10};
  h.beginLive(model);
  for (int i = 0; i < 30; ++i) {
    model.value += 1;
    h.beginLive(model);  // a drag that begins again keeps its first state
    h.touch();
  }
  CHECK(h.live());
  CHECK(h.liveBefore()->value == 10);
  CHECK(h.commitLive("drag", model));
  CHECK_FALSE(h.live());
  REQUIRE(h.entries().size() == 1);
  CHECK(h.entries()[0].before.value == 10);
  CHECK(h.entries()[0].after.value == 40);
  CHECK_FALSE(h.commitLive("nothing open", model));
  h.beginLive(model);
  auto before = h.endLive();
  REQUIRE(before);
  CHECK(before->value == 40);
  CHECK(h.entries().size() == 1);  // endLive hands the state back without recording
}

TEST_CASE("mask patches give back bit-identical masks and cost little for a stroke", "[core][history]") {
  cv::Mat mask(1024, 1024, CV_8U, cv::Scalar(0));
  cv::RNG rng(7);
  for (int i = 0; i < 40; ++i)
    cv::circle(mask, {rng.uniform(0, 1024), rng.uniform(0, 1024)}, rng.uniform(3, 60), cv::Scalar(255), cv::FILLED);
  cv::Mat noisy = mask.clone();
  rng.fill(noisy(cv::Rect(100, 100, 64, 64)), cv::RNG::UNIFORM, 0, 256);  // grey values round-trip too
  const cv::Mat before = noisy.clone();
  cv::line(noisy, {50, 500}, {900, 520}, cv::Scalar(255), 12);
  const cv::Rect r = core::changedRect(before, noisy);
  CHECK(r.width > 700);
  CHECK(r.height < 60);
  CHECK(core::changedRect(before, before).empty());
  const auto b = core::MaskPatch::capture("1", before, r), a = core::MaskPatch::capture("1", noisy, r);
  CHECK(a.bytes() < std::size_t(r.area()) / 10);  // runs of 0 and 255, not pixels
  std::map<std::string, cv::Mat> masks{{"1", noisy.clone()}};
  b.applyTo(masks);
  CHECK(cv::countNonZero(masks["1"] != before) == 0);
  a.applyTo(masks);
  CHECK(cv::countNonZero(masks["1"] != noisy) == 0);
  // A whole mask with noise in it round-trips as well.
  const auto whole = core::MaskPatch::capture("2", noisy, cv::Rect(0, 0, 1024, 1024));
  whole.applyTo(masks);
  CHECK(cv::countNonZero(masks["2"] != noisy) == 0);
  core::MaskPatch::absent("2").applyTo(masks);
  CHECK(masks.count("2") == 0);
}
