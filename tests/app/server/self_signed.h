#pragma once
// A self-signed certificate for 127.0.0.1 and localhost (openssl, 2 days),
// for loopback HTTPS tests: the client trusts it only when given it (--ca).

#include <cstdlib>
#include <filesystem>
#include <string>

namespace canting::test {

inline bool makeSelfSignedCert(const std::filesystem::path& cert, const std::filesystem::path& key) {
  const std::string cmd = "openssl req -x509 -newkey rsa:2048 -sha256 -days 2 -nodes -keyout '" + key.string() + "' -out '" + cert.string() +
                          "' -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null";
  return std::system(cmd.c_str()) == 0;
}

}  // namespace canting::test
