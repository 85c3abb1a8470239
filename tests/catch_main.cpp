// Kept alone and compiled at -O0: Catch2's main is slow to build and never changes.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
