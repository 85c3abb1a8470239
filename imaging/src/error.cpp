#include "canting/imaging/error.h"

namespace canting::imaging {

namespace {
// One table so that code, key and the list of all codes cannot drift apart.
constexpr base::CodeKey<ErrorCode> kKeys[] = {
    {ErrorCode::FileNotFound, "error.file_not_found"},
    {ErrorCode::IsDirectory, "error.is_directory"},
    {ErrorCode::PermissionDenied, "error.permission_denied"},
    {ErrorCode::ReadFailed, "error.read_failed"},
    {ErrorCode::EmptyFile, "error.empty_file"},
    {ErrorCode::FileTooLarge, "error.file_too_large"},
    {ErrorCode::NotAnImage, "error.not_an_image"},
    {ErrorCode::UnsupportedFormat, "error.unsupported_format"},
    {ErrorCode::Truncated, "error.truncated"},
    {ErrorCode::CorruptImage, "error.corrupt_image"},
    {ErrorCode::ZeroSize, "error.zero_size"},
    {ErrorCode::TooManyPixels, "error.too_many_pixels"},
    {ErrorCode::WriteFailed, "error.write_failed"},
    {ErrorCode::DiskFull, "error.disk_full"},
    {ErrorCode::DirectoryMissing, "error.directory_missing"},
    {ErrorCode::UnsupportedOutputFormat, "error.unsupported_output_format"},
    {ErrorCode::InvalidArgument, "error.invalid_argument"},
    {ErrorCode::InvalidColor, "error.invalid_color"},
    {ErrorCode::OutOfMemory, "error.out_of_memory"},
    {ErrorCode::MalformedFile, "error.malformed_file"},
    {ErrorCode::Cancelled, "error.cancelled"},
};
}  // namespace

const base::ErrorDomain& errorDomain(ErrorCode) {
  static const base::TableDomain<ErrorCode> domain("imaging", kKeys);
  return domain;
}

const std::vector<ErrorCode>& allErrorCodes() {
  static const std::vector<ErrorCode> codes = [] {
    std::vector<ErrorCode> v;
    for (const auto& ck : kKeys) v.push_back(ck.code);
    return v;
  }();
  return codes;
}

}  // namespace canting::imaging
