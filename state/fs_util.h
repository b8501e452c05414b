#pragma once
// File helpers of the local backend and the S3 spool (internal to state/).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "providers/error.h"

namespace driftless::state::detail {

std::unexpected<Error> ioError(const std::string& what, const std::filesystem::path& path, int err);
// Temp file in the same directory (named ".<name>.tmp.*", which listings
// skip), fsync, rename over `path`, fsync of the directory.
Result<void> atomicWrite(const std::filesystem::path& path, std::string_view body);
// nullopt when the file does not exist.
Result<std::optional<std::string>> readFile(const std::filesystem::path& path);

}  // namespace driftless::state::detail
