#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>

#include "store_internal.h"

namespace canting::records::detail {

namespace fs = std::filesystem;
using imaging::ErrorCode;
using imaging::makeError;

Result<std::vector<unsigned char>> readFileCapped(const fs::path& file, std::uint64_t cap) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return makeError(ErrorCode::FileNotFound, {{"path", file.string()}});
  if (fs::is_directory(file, ec)) return makeError(ErrorCode::IsDirectory, {{"path", file.string()}});
  const auto size = fs::file_size(file, ec);
  if (ec) return makeError(ErrorCode::ReadFailed, {{"path", file.string()}});
  if (size > cap)
    return makeError(ErrorCode::FileTooLarge, {{"path", file.string()}, {"megabytes", std::to_string(size >> 20)}, {"limit", std::to_string(cap >> 20)}});
  std::ifstream in(file, std::ios::binary);
  if (!in) return makeError(ErrorCode::PermissionDenied, {{"path", file.string()}});
  std::vector<unsigned char> bytes(size);
  if (size && !in.read(reinterpret_cast<char*>(bytes.data()), std::streamsize(size)))
    return makeError(ErrorCode::ReadFailed, {{"path", file.string()}});
  return bytes;
}

Status storeBlob(const fs::path& path, const std::vector<unsigned char>& bytes) {
  std::error_code ec;
  if (fs::exists(path, ec) && fs::file_size(path, ec) == bytes.size()) return imaging::Ok{};
  fs::create_directories(path.parent_path(), ec);
  if (ec) return makeError(ErrorCode::WriteFailed, {{"path", path.string()}});
  const fs::path tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return makeError(errno == EACCES ? ErrorCode::PermissionDenied : ErrorCode::WriteFailed, {{"path", path.string()}});
  std::size_t done = 0;
  int err = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      err = errno;
      break;
    }
    done += std::size_t(n);
  }
  if (!err && ::fsync(fd) != 0) err = errno;
  ::close(fd);
  if (err || ::rename(tmp.c_str(), path.c_str()) != 0) {
    if (!err) err = errno;
    fs::remove(tmp, ec);
    return makeError(err == ENOSPC ? ErrorCode::DiskFull : ErrorCode::WriteFailed, {{"path", path.string()}});
  }
  return imaging::Ok{};
}

std::string safeFileName(const std::string& name) {
  std::string base = name;
  if (auto slash = base.find_last_of("/\\"); slash != std::string::npos) base = base.substr(slash + 1);
  std::string out;
  for (unsigned char c : base)
    if (c >= 0x20 && c != 0x7F && c != ':') out += char(c);
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  if (out.size() > 120) out.resize(120);
  return out.empty() ? "bukti" : out;
}

}  // namespace canting::records::detail
