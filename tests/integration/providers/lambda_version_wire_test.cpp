// What moto cannot show (docs/manifest-reference.md, "What the emulator cannot
// do"): Lambda refuses to delete a version an alias references with a 409
// ResourceConflictException. Against a stub speaking Lambda's wire format, the
// version provider's delete leaves such a version in place (the replace goes
// on), and fails on any other conflict.
#include "tests/support/http_stub.h"
#include "tests/support/peer.h"

namespace driftless::testing {
inline MotoServer& moto() {
  return sharedMoto();
}
}  // namespace driftless::testing

#include "tests/support/provider_harness.h"

namespace driftless::testing {
namespace {

StubResponse conflict(const std::string& message) {
  StubResponse r;
  r.status = 409;
  r.headers.emplace_back("Content-Type", "application/json");
  r.headers.emplace_back("x-amzn-errortype", "ResourceConflictException");
  r.body = R"({"Type": "User", "message": ")" + message + R"("})";
  return r;
}

TEST(LambdaVersionWire, AVersionAnAliasReferencesIsLeftInPlaceOnDelete) {
  std::string message =
      "Unable to delete version because the following aliases reference it: [live]";
  HttpStub stub([&](const StubRequest&) { return conflict(message); });
  Harness h("AWS::Lambda::Version", Harness::Options{.endpoint = stub.url()});
  Desired d = h.desired("V", json(R"({"FunctionName": "orders"})"));
  Observed live;
  live.exists = true;
  live.physicalId = d.physicalId = "arn:aws:lambda:us-east-1:123456789012:function:orders:3";
  h.remove(d, live);
  auto requests = stub.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "DELETE");
  EXPECT_EQ(
      requests[0].target,
      "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aorders"
      "?Qualifier=3");

  message = "The operation cannot be performed at this time.";
  auto r = h.run(h.p().remove(d, live));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "ResourceConflictException");
}

}  // namespace
}  // namespace driftless::testing
