#pragma once
// Errors as values. No level throws across its public API: every function
// that can fail on outside data returns Result<T>. An Error names *what* went
// wrong (a stable code the UI translates) and carries the values the message
// needs; `detail` is an English line for logs and bug reports only.
//
// Codes belong to domains (imaging's files and images, the records' logins
// and rights, ...). A Code holds any domain's enum, like std::error_code: each
// domain enum E declares, in its own namespace, `const ErrorDomain&
// errorDomain(E)`, and then converts to a Code implicitly and compares equal
// to it, so `err.code == imaging::ErrorCode::FileNotFound` reads as before.

#include <concepts>
#include <iosfwd>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace canting::base {

class Code;

// What a domain tells about its codes: the translation keys ("error.*") and
// the list of them all, which the translation test walks.
class ErrorDomain {
 public:
  virtual ~ErrorDomain() = default;
  virtual const char* name() const = 0;          // "imaging", "records": for logs
  virtual const char* key(int value) const = 0;  // "error.unknown" for a value it does not know
  virtual std::vector<Code> allCodes() const = 0;  // in declaration order
};

template <class E>
concept ErrorEnum = std::is_enum_v<E> && requires(E e) {
  { errorDomain(e) } -> std::same_as<const ErrorDomain&>;
};

class Code {
 public:
  template <ErrorEnum E>
  Code(E e) : m_domain(&errorDomain(e)), m_value(static_cast<int>(e)) {}  // NOLINT: implicit on purpose

  const ErrorDomain& domain() const { return *m_domain; }
  int value() const { return m_value; }
  const char* key() const { return m_domain->key(m_value); }

  // Same domain and same value: the same enum value of two domains differs.
  friend bool operator==(const Code& a, const Code& b) { return a.m_domain == b.m_domain && a.m_value == b.m_value; }

 private:
  const ErrorDomain* m_domain;
  int m_value;
};

// "imaging/error.file_not_found": what a failed test check shows.
std::ostream& operator<<(std::ostream& os, const Code& code);

// A domain made of one table of codes and keys, so that code, key and the
// list of all codes cannot drift apart. Keep it in a function-local static:
// a Code compares domains by address.
template <class E>
struct CodeKey {
  E code;
  const char* key;
};

template <ErrorEnum E>
class TableDomain final : public ErrorDomain {
 public:
  constexpr TableDomain(const char* name, std::span<const CodeKey<E>> table) : m_name(name), m_table(table) {}
  const char* name() const override { return m_name; }
  const char* key(int value) const override {
    for (const auto& ck : m_table)
      if (static_cast<int>(ck.code) == value) return ck.key;
    return "error.unknown";
  }
  std::vector<Code> allCodes() const override {
    std::vector<Code> codes;
    for (const auto& ck : m_table) codes.emplace_back(ck.code);
    return codes;
  }

 private:
  const char* m_name;
  std::span<const CodeKey<E>> m_table;
};

// Stable translation key of any domain's code, e.g. "error.file_not_found".
inline const char* errorKey(const Code& code) { return code.key(); }

struct Error {
  Code code;
  // Named values for the message template, e.g. {"path", "/tmp/a.png"}.
  // A value written "@key" is itself a translation key (e.g. a reason).
  std::vector<std::pair<std::string, std::string>> args;
  std::string detail;

  std::string arg(const std::string& name) const;
};

Error makeError(Code code, std::vector<std::pair<std::string, std::string>> args = {}, std::string detail = {});

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

}  // namespace canting::base
