#pragma once
// AddressSanitizer reserves terabytes of shadow address space, so tests that
// cap RLIMIT_AS skip the cap (and say so) in the sanitizer build.

namespace canting::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

}  // namespace canting::test
