#include "controller/webhook.h"

#include <gtest/gtest.h>

namespace driftless::controller {
namespace {

// GitHub's documented example (docs "Validating webhook deliveries").
constexpr const char* kSecret = "It's a Secret to Everybody";
constexpr const char* kBody = "Hello, World!";
constexpr const char* kSignature =
    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

TEST(Webhook, SignatureMatchesGithubsExample) {
  EXPECT_EQ(webhookSignature(kSecret, kBody), kSignature);
}

TEST(Webhook, VerifyAcceptsOnlyTheExactSignature) {
  struct Case {
    const char* why;
    std::string secret;
    std::string header;
    bool ok;
  };
  std::string flipped = kSignature;
  flipped.back() = flipped.back() == '7' ? '8' : '7';
  const Case cases[] = {
      {"the right signature", kSecret, kSignature, true},
      {"one hex digit differs", kSecret, flipped, false},
      {"another secret", "wrong", kSignature, false},
      {"no header", kSecret, "", false},
      {"sha1 header form", kSecret, "sha1=0123", false},
      {"truncated", kSecret, std::string(kSignature).substr(0, 40), false},
      {"empty secret never verifies", "", webhookSignature("", kBody), false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(verifyWebhookSignature(c.secret, kBody, c.header), c.ok) << c.why;
}

TEST(Webhook, PushedBranchReadsTheRef) {
  EXPECT_EQ(pushedBranch(R"({"ref":"refs/heads/env/dev","after":"abc"})"), "env/dev");
  EXPECT_EQ(pushedBranch(R"({"ref":"refs/tags/v1"})"), std::nullopt);
  EXPECT_EQ(pushedBranch(R"({"zen":"ping event"})"), std::nullopt);
  EXPECT_EQ(pushedBranch("not json"), std::nullopt);
}

}  // namespace
}  // namespace driftless::controller
