#pragma once
// Imaging's error codes: files, images and data files. The Error and Result
// types live in canting_base (canting/base/error.h); the using declarations
// below keep imaging::Error, imaging::Result and friends working everywhere.

#include <vector>

#include "canting/base/error.h"

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
};

// Imaging's domain: its name and keys; a base::Code knows it by this.
const base::ErrorDomain& errorDomain(ErrorCode code);
// Every imaging code, in declaration order.
const std::vector<ErrorCode>& allErrorCodes();

using base::Code;
using base::Error;
using base::errorKey;
using base::makeError;
using base::Ok;
using base::Result;
using base::Status;

}  // namespace canting::imaging
