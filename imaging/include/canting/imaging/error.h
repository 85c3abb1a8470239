#pragma once
// Errors as values. Imaging never throws across its public API: every function
// that can fail on outside data returns Result<T>. An Error names *what* went
// wrong (a stable code the UI translates) and carries the values the message
// needs; `detail` is an English line for logs and bug reports only.

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace canting::imaging {

enum class ErrorCode {
  FileNotFound,
  IsDirectory,
  PermissionDenied,
  ReadFailed,
  EmptyFile,
  FileTooLarge,        // more bytes than the loader accepts
  NotAnImage,          // magic bytes of no format we know
  UnsupportedFormat,   // a known format, but a variant we cannot decode
  Truncated,
  CorruptImage,
  ZeroSize,
  TooManyPixels,       // header claims more than the pixel limit
  WriteFailed,
  DiskFull,
  DirectoryMissing,
  UnsupportedOutputFormat,
  InvalidArgument,
  InvalidColor,
  OutOfMemory,
  MalformedFile,       // a data file (palette, project, plan) that breaks its format
  Cancelled,           // the user stopped it; nothing was left behind
  // The training records (app/records) share this one error type.
  DatabaseDamaged,     // integrity_check failed or the file is not a database
  NotAllowed,          // the logged-in role may not do this
  LoginFailed,
  AccountLocked,
  NotFound,            // a record named by id, uuid or name does not exist
};

// Every code, in declaration order: the translation test walks this list.
const std::vector<ErrorCode>& allErrorCodes();
// Stable translation key, e.g. "error.file_not_found".
const char* errorKey(ErrorCode code);

struct Error {
  ErrorCode code;
  // Named values for the message template, e.g. {"path", "/tmp/a.png"}.
  // A value written "@key" is itself a translation key (e.g. a reason).
  std::vector<std::pair<std::string, std::string>> args;
  std::string detail;

  std::string arg(const std::string& name) const;
};

Error makeError(ErrorCode code, std::vector<std::pair<std::string, std::string>> args = {},
                std::string detail = {});

// A value or an Error. Small on purpose: C++20 has no std::expected.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_v(std::move(value)) {}
  Result(Error error) : m_v(std::move(error)) {}

  bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(m_v); }
  const T& value() const& { return std::get<0>(m_v); }
  T&& value() && { return std::get<0>(std::move(m_v)); }
  const Error& error() const { return std::get<1>(m_v); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> m_v;
};

// For operations that return nothing on success.
struct Ok {};
using Status = Result<Ok>;

}  // namespace canting::imaging
