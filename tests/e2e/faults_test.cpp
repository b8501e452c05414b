// The controller behind the fault-injection proxy (tests/support/fault_proxy.h):
// AWS answering a share of requests with throttling, as under a real burst.
#include <gtest/gtest.h>

#include <iostream>

#include "tests/e2e/harness.h"
#include "tests/support/fault_proxy.h"

namespace driftless::e2e {
namespace {

using testing::FaultProxy;

// 30 % of every AWS request throttled (each protocol's own error shape): a
// 10-queue apply converges within a few cycles, and nothing is duplicated.
TEST(Faults, ApplyConvergesUnderThirtyPercentThrottlingWithoutDuplicates) {
  FaultProxy proxy(testing::sharedMoto().endpoint());
  ConfigOptions viaProxy{.environments = {{"dev", true, true}},
                         .s3State = false,
                         .http = false,
                         .endpointUrl = proxy.url()};
  Scenario s(viaProxy);
  std::vector<std::string> ids;
  for (int i = 0; i < 10; ++i)
    ids.push_back("t" + std::to_string(i));
  s.push("dev", {{"queues.yaml", s.queues(ids)}});
  proxy.setRandomFaults({.throttle = 0.3, .seed = 16});

  int rc = 1;
  int cycles = 0;
  std::string out;
  while (rc != 0 && cycles < 5) {
    out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
    ++cycles;
  }
  ASSERT_EQ(rc, 0) << "not converged after " << cycles << " applies:\n" << out;
  EXPECT_GT(proxy.faultsInjected(), 0u);
  EXPECT_EQ(s.countQueues(s.prefix() + "-"), 10) << "queues with the scenario's prefix";

  // Without faults, nothing is left to do: state and AWS agree on all ten.
  proxy.clearFaults();
  out = s.cli({"plan", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("No changes"), std::string::npos) << out;
  std::cerr << "converged after " << cycles << " applies, " << proxy.faultsInjected() << " of "
            << proxy.count() << " requests throttled\n";
  RecordProperty("applies", cycles);
  RecordProperty("throttled", static_cast<int>(proxy.faultsInjected()));
}

}  // namespace
}  // namespace driftless::e2e
