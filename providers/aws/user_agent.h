#pragma once
// The User-Agent of every AWS call: "driftless/<version>". CloudTrail records it,
// so the change-event consumer recognises (and ignores) driftless's own writes.
#include <string>
#include <string_view>

namespace driftless::aws {

inline constexpr std::string_view kUserAgentProduct = "driftless/";
const std::string& userAgent();  // kUserAgentProduct + the version (client.cpp)

}  // namespace driftless::aws
