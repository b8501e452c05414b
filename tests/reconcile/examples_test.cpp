// The example manifests shipped in deploy/examples/manifests (used by the demo)
// validate against the real provider schemas, for every example environment.
#include <gtest/gtest.h>

#include "providers/builtin/builtin.h"
#include "reconcile/loader.h"
#include "tests/support/peer.h"

namespace driftless::reconcile {
namespace {

TEST(Examples, ValidateAgainstTheBuiltinTypes) {
  auto dir = driftless::testing::sourceDir() / "deploy/examples/manifests";
  for (const char* env : {"", "dev", "prod"}) {
    SCOPED_TRACE(env);
    LoadContext ctx;
    ctx.environment = env;
    std::string text;
    for (const auto& d : validateDirectory(dir, ctx, builtinRegistry()))
      text += d.str() + "\n";
    EXPECT_EQ(text, "");
  }
}

TEST(Examples, ParametersFollowTheEnvironment) {
  auto files = readDirectory(driftless::testing::sourceDir() / "deploy/examples/manifests");
  ASSERT_TRUE(files);
  LoadContext ctx{.environment = "prod", .region = "eu-west-1", .accountId = "111111111111"};
  auto state = load(*files, ctx, builtinRegistry());
  ASSERT_TRUE(state);
  const DesiredResource* q = state->find({"orders", "OrdersQueue"});
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->physicalId, "orders-prod");
  EXPECT_EQ(q->properties.find("MessageRetentionPeriod")->asInt(), 1209600);
  EXPECT_EQ(state->find({"storage", "ArchiveBucket"})->physicalId,
            "acme-orders-archive-prod-111111111111");
}

TEST(ValidateDirectory, AMissingDirectoryIsOneDiagnostic) {
  auto d = validateDirectory("/nonexistent/manifests", {}, builtinRegistry());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].str(), "/nonexistent/manifests: not a directory");
}

}  // namespace
}  // namespace driftless::reconcile
