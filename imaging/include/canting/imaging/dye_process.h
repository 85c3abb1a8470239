#pragma once
// How a set of colours can be dyed on cloth, the way the centres do it: wax,
// dye bath, and between baths kerok (scraping wax off where the next colour
// goes) and mbironi (waxing over what must keep its colour), then lorod.
//
// Every area of the cloth ends with the baths it was bare for. Its colour is
// the cloth's plus the Kubelka–Munk absorption (K/S) of each of those baths,
// per linear-RGB channel, so a bath can only darken. Classic sogan is the
// model case: white, indigo blue (medel), soga brown (nyoga after kerok) and
// near-black where both baths fell — blue beside brown, dyed bath after bath
// (shared/domain/batik-process.md §1, review-2026-12.md).

#include <vector>

#include "canting/imaging/color.h"

namespace canting::imaging {

enum class ProcessStepKind {
  Wax,      // nglowong / nembok: cover these areas before the first bath, or between baths before any kerok
  Dye,      // a dye bath: every bare area takes it
  Kerok,    // ngerok / mbirah: scrape the wax off these areas so the next bath reaches them
  Mbironi,  // re-wax these areas after a kerok so they keep their colour
  Lorod,    // nglorod: boil all the wax off
};

struct ProcessStep {
  ProcessStepKind kind = ProcessStepKind::Wax;
  std::vector<int> colours;  // the design colours (indices) whose areas the step acts on
  int bath = -1;             // Dye: index into DyeProcess::baths
};

struct ProcessLimits {
  int maxBaths = 5;      // more baths than this is not a cloth anyone dyes by hand
  int maxKerok = 2;      // each kerok is a day of scraping; classic sogan needs one
  double matchDeltaE = 5;  // an area reached by an existing mix of baths within this CIEDE2000 takes no bath of its own
};

struct DyeProcess {
  enum class Block { None, TooManyBaths, TooManyKerok };

  bool dyeable = false;
  bool succession = false;           // wax and dye only: no kerok
  Lab cloth;                          // the undyed cloth the plan starts from
  std::vector<Lab> baths;             // the colour each bath gives on bare cloth, in dyeing order
  std::vector<std::vector<int>> bathsOf;  // per design colour: the baths its area takes, in order
  std::vector<Lab> predicted;         // per design colour: cloth plus its baths
  std::vector<ProcessStep> steps;     // the whole process, first wax to lorod
  int kerokSteps = 0;
  // Colours whose area alone takes a bath that needs a kerok first: they can
  // be painted instead (colet) inside their wax outline.
  std::vector<int> coletInstead;
  Block block = Block::None;
  int blocking = -1;                  // the colour that cannot be reached, when not dyeable
};

// The plan with the fewest baths and then the fewest keroks; among equals the
// indigo (blue) bath comes first, as medel comes before nyoga. An empty set of
// colours is trivially dyeable.
DyeProcess planDyeProcess(const std::vector<Lab>& colours, const ProcessLimits& limits = {});

}  // namespace canting::imaging
