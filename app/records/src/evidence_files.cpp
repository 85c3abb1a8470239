// Evidence files in managed storage: written once under their content hash,
// with names from other machines reduced to a safe last component.

#include "canting/imaging/file_io.h"
#include "store_internal.h"

namespace canting::records::detail {

namespace fs = std::filesystem;
using imaging::ErrorCode;
using imaging::makeError;

Status storeBlob(const fs::path& path, const std::vector<unsigned char>& bytes) {
  std::error_code ec;
  // Content-addressed: a file of that name and size already holds these bytes.
  if (fs::exists(path, ec) && fs::file_size(path, ec) == bytes.size()) return imaging::Ok{};
  fs::create_directories(path.parent_path(), ec);
  if (ec) return makeError(ErrorCode::WriteFailed, {{"path", path.string()}});
  return imaging::writeFileAtomic(path, bytes);
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
