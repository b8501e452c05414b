#pragma once
// File helpers of the local backend and the S3 spool (internal to state/).
#include <filesystem>
#include <functional>
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
// The file's content in pieces of 64 KiB, then its size; false when it does not
// exist. `reserve` is called first with the size the file has when opened.
Result<bool> readPieces(const std::filesystem::path& path,
                        const std::function<void(std::size_t)>& reserve,
                        const std::function<void(std::string_view)>& piece);
// The local backend's version of an object: md5Hex of its content (S3's ETag of
// a single PUT), read in pieces so that checking it holds no second copy of a
// 9 MiB state.json. nullopt when the file does not exist.
Result<std::optional<std::string>> md5OfFile(const std::filesystem::path& path);

}  // namespace driftless::state::detail
