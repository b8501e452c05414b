#pragma once
// OpenSSH known_hosts checking for ssh:// sources. libgit2 1.5 does not check
// host keys itself, so the certificate callback asks this: an unknown host or a
// different key is refused (no trust on first use).
#include <string>
#include <string_view>

namespace driftless::gitsource {

// True if `knownHosts` (the text of a known_hosts file) lists `keyBlob` (the
// server's raw host key, SSH wire format) for `host` on `port`. Understands
// plain, "[host]:port", comma lists, * and ? wildcards, !negation, hashed
// (|1|salt|hash) names and @revoked; @cert-authority lines are not used.
// On false, *why says what was wrong (unknown host, different key, revoked).
bool knownHostsAccepts(std::string_view knownHosts, std::string_view host, int port,
                       std::string_view keyBlob, std::string* why);

// Standard base64 (with or without padding); empty on malformed input.
std::string base64Decode(std::string_view text);

}  // namespace driftless::gitsource
