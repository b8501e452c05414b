#pragma once
// GitHub/Gitea push webhooks: signature check and the branch that was pushed.
#include <optional>
#include <string>
#include <string_view>

namespace driftless::controller {

// "sha256=<hex>" of HMAC-SHA256(secret, body), as GitHub sends in X-Hub-Signature-256.
std::string webhookSignature(std::string_view secret, std::string_view body);

// True when `header` is exactly the signature of `body`; compared in constant time
// so a caller cannot learn the signature byte by byte. An empty secret never verifies.
bool verifyWebhookSignature(std::string_view secret, std::string_view body,
                            std::string_view header);

// The branch of a push payload ("ref": "refs/heads/env/dev" → "env/dev");
// nullopt when the body is not a push of a branch.
std::optional<std::string> pushedBranch(std::string_view body);

}  // namespace driftless::controller
