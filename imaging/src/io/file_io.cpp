#include "canting/imaging/file_io.h"

#include <chrono>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

namespace canting::imaging {

namespace fs = std::filesystem;

namespace {

Error readError(int err, const fs::path& path) {
  const std::vector<std::pair<std::string, std::string>> args{{"path", path.string()}};
  switch (err) {
    case ENOENT: case ENOTDIR: return makeError(ErrorCode::FileNotFound, args, std::strerror(err));
    case EACCES: case EPERM: return makeError(ErrorCode::PermissionDenied, args, std::strerror(err));
    case EISDIR: return makeError(ErrorCode::IsDirectory, args, std::strerror(err));
    default: return makeError(ErrorCode::ReadFailed, args, std::strerror(err));
  }
}

Error writeError(int err, const fs::path& path) {
  const std::vector<std::pair<std::string, std::string>> args{{"path", path.string()}};
  switch (err) {
    case ENOSPC: case EDQUOT: case EFBIG: return makeError(ErrorCode::DiskFull, args, std::strerror(err));
    case EACCES: case EPERM: case EROFS: return makeError(ErrorCode::PermissionDenied, args, std::strerror(err));
    case ENOENT: case ENOTDIR: return makeError(ErrorCode::DirectoryMissing, args, std::strerror(err));
    case EISDIR: return makeError(ErrorCode::IsDirectory, args, std::strerror(err));
    default: return makeError(ErrorCode::WriteFailed, args, std::strerror(err));
  }
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Result<std::vector<std::uint8_t>> readFile(const fs::path& path, std::uint64_t maxBytes) {
  Fd f;
  f.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (f.fd < 0) return readError(errno, path);
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return readError(errno, path);
  if (S_ISDIR(st.st_mode)) return readError(EISDIR, path);
  if (!S_ISREG(st.st_mode))
    return makeError(ErrorCode::ReadFailed, {{"path", path.string()}}, "not a regular file");
  if (std::uint64_t(st.st_size) > maxBytes)
    return makeError(ErrorCode::FileTooLarge,
                     {{"path", path.string()}, {"megabytes", std::to_string(st.st_size >> 20)},
                      {"limit", std::to_string(maxBytes >> 20)}});
  std::vector<std::uint8_t> buf;
  try {
    buf.resize(std::size_t(st.st_size));
  } catch (const std::bad_alloc&) {
    return makeError(ErrorCode::OutOfMemory, {{"path", path.string()}});
  }
  std::size_t got = 0;
  while (got < buf.size()) {
    const ssize_t n = ::read(f.fd, buf.data() + got, buf.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return readError(errno, path);
    }
    if (n == 0) break;  // the file shrank under us; what we have is what there is
    got += std::size_t(n);
  }
  buf.resize(got);
  return buf;
}

void sweepStaleTemporaries(const fs::path& target, long olderThanSeconds) {
  std::error_code ec;
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string name = target.filename().string();
  if (name.empty()) return;
  const std::string a = "." + name + ".tmp-", b = "." + name + ".part-";
  const auto now = fs::file_time_type::clock::now();
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string f = it->path().filename().string();
    if (f.rfind(a, 0) != 0 && f.rfind(b, 0) != 0) continue;
    const auto t = fs::last_write_time(it->path(), ec);
    if (ec) continue;
    if (now - t > std::chrono::seconds(olderThanSeconds)) fs::remove(it->path(), ec);
  }
}

Status writeFileAtomic(const fs::path& path, std::span<const std::uint8_t> bytes) {
  if (path.empty() || path.filename().empty())
    return makeError(ErrorCode::InvalidArgument, {{"path", path.string()}}, "empty file name");
  std::error_code ec;
  if (fs::is_directory(path, ec)) return writeError(EISDIR, path);
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  sweepStaleTemporaries(path);
  std::string tmpl = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  Fd f;
  f.fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
  if (f.fd < 0) return writeError(errno, path);
  const fs::path tmp = tmpl;
  auto fail = [&](int err) -> Status {
    ::close(f.fd);
    f.fd = -1;
    ::unlink(tmp.c_str());
    return writeError(err, path);
  };
  // A size limit (RLIMIT_FSIZE) would otherwise kill us with SIGXFSZ before
  // write() can report EFBIG; a clean error is what the user needs.
  std::signal(SIGXFSZ, SIG_IGN);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(f.fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(errno);
    }
    done += std::size_t(n);
  }
  if (::fsync(f.fd) != 0) return fail(errno);
  // Keep the old file's permissions when replacing it.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) ::fchmod(f.fd, st.st_mode & 07777);
  else ::fchmod(f.fd, 0644);
  if (::close(f.fd) != 0) {
    f.fd = -1;
    const int err = errno;
    ::unlink(tmp.c_str());
    return writeError(err, path);
  }
  f.fd = -1;
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return writeError(err, path);
  }
  Fd d;
  d.fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (d.fd >= 0) ::fsync(d.fd);  // make the rename itself durable
  return Ok{};
}

Status writeFileAtomic(const fs::path& path, std::string_view text) {
  return writeFileAtomic(path, std::span<const std::uint8_t>(
                                   reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

}  // namespace canting::imaging
