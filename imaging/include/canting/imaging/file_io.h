#pragma once
// Whole-file reads with clear errors, and atomic writes: the bytes go to a
// temporary file in the same directory, are flushed to disk, and replace the
// target by rename, so a crash or a full disk leaves the old file intact.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

#include "canting/imaging/error.h"

namespace canting::imaging {

Result<std::vector<std::uint8_t>> readFile(const std::filesystem::path& path,
                                           std::uint64_t maxBytes = 1ull << 31);
Status writeFileAtomic(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);
// A save killed half-way (a crash, a power cut) leaves its hidden temporary
// (".name.tmp-XXXXXX" or ".name.part-N") beside the target. Every save calls
// this first: temporaries of the same target older than `olderThanSeconds`
// are removed; younger ones may belong to a save still running.
void sweepStaleTemporaries(const std::filesystem::path& target, long olderThanSeconds = 3600);
Status writeFileAtomic(const std::filesystem::path& path, std::string_view text);

}  // namespace canting::imaging
