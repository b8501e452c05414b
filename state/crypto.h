#pragma once
// Digests the state module needs (internal to state/): checksums of records,
// keyed hashes of secrets, Content-MD5 of S3 writes.
#include <string>
#include <string_view>

#include "providers/error.h"

namespace driftless::state::detail {

std::string sha256Hex(std::string_view data);
std::string hmacSha256Hex(std::string_view key, std::string_view data);
std::string md5Base64(std::string_view data);      // Content-MD5 header value
std::string md5Hex(std::string_view data);         // the ETag S3 gives a single PUT
Result<std::string> randomHex(std::size_t bytes);  // from the OS CSPRNG

}  // namespace driftless::state::detail
