// The value checks and makers every area and importer shares: NIK, dates,
// UUIDs, SHA-256 and masking.

#include <sodium.h>

#include <algorithm>
#include <cstdio>

#include "canting/records/model.h"

namespace canting::records {

bool validNik(const std::string& nik) {
  return nik.size() == 16 && std::all_of(nik.begin(), nik.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool validDate(const std::string& s) {
  int y, m, d;
  char tail;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::string addYears(const std::string& ymd, int years) {
  int y = 0, m = 0, d = 0;
  std::sscanf(ymd.c_str(), "%4d-%2d-%2d", &y, &m, &d);
  y += years;
  // 29 February plus three years has no such day: the certificate runs to the 28th.
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  if (!validDate(buf)) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d - 1);
  return buf;
}

std::string newUuid() {
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  b[6] = (b[6] & 0x0F) | 0x40;  // version 4
  b[8] = (b[8] & 0x3F) | 0x80;  // RFC 4122 variant
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3],
                b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return out;
}

std::string sha256Hex(const void* data, std::size_t size) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, static_cast<const unsigned char*>(data), size);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

std::string maskTail(const std::string& s, int keep) {
  if (s.empty()) return s;
  const std::size_t k = std::min<std::size_t>(std::size_t(keep), s.size() / 2);
  return std::string(s.size() - k, '*') + s.substr(s.size() - k);
}

}  // namespace canting::records
