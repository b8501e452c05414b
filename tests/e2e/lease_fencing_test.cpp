// Lease fencing at the daemon level (reliability issue, D): a cycle longer than
// the lease's time-to-live keeps its lease by renewing it while it runs, so a
// second replica stays a standby; and a lease taken by someone else while a
// cycle runs cancels that cycle's remaining actions. AWS answers through a
// proxy after 1 s, so a cycle of 40 queues outlasts the 10 s lease.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/e2e/harness.h"
#include "tests/support/fault_proxy.h"

namespace driftless::e2e {
namespace {

std::vector<std::string> queueIds(int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i)
    ids.push_back("f" + std::to_string(i));
  return ids;
}

// The long cycle's setup: one environment, 3 s interval (a 10 s lease).
struct SlowAws {
  testing::FaultProxy proxy{testing::sharedMoto().endpoint()};
  ConfigOptions options() {
    proxy.setLatency(std::chrono::milliseconds(1000));
    return ConfigOptions{.environments = {{"dev", true, true, "3s", "1h"}},
                         .http = false,
                         .endpointUrl = proxy.url()};
  }
};

TEST(LeaseFencing, ACycleLongerThanTheLeaseRenewsItAndAStandbyWaits) {
  SlowAws aws;
  ConfigOptions options = aws.options();
  Scenario s(options);
  s.push("dev", {{"q.yaml", s.queues(queueIds(40))}});
  auto first = s.start("", "first");
  auto started = first->waitFor(match("resource.created", {{"env", "dev"}}), 120000);
  ASSERT_TRUE(started) << first->log();
  // A second replica of the same controller, once the first cycle has run
  // longer than a lease period: the lease was renewed, so it only waits.
  options.dataDirName = "data2";
  options.socketName = "control2.sock";
  auto second = s.start(s.writeConfig(options, "second.yaml"), "second");
  auto done = first->waitFor(match("cycle.finished", {{"env", "dev"}}), 180000);
  ASSERT_TRUE(done) << first->log();
  EXPECT_EQ(eventField(*done, "result"), "succeeded") << first->log();
  EXPECT_GT(std::stoll(eventField(*done, "durationMs")), 10000) << "longer than the 10 s lease";
  auto events = first->events();
  EXPECT_EQ(std::count_if(events.begin(), events.end(), match("lease.lost")), 0) << first->log();
  auto others = second->events();
  EXPECT_EQ(std::count_if(others.begin(), others.end(), match("cycle.started", {{"env", "dev"}})),
            0)
      << "the standby ran a cycle while the lease was renewed:\n"
      << second->log();
  EXPECT_EQ(s.countQueues(s.prefix() + "-f"), 40);
  EXPECT_EQ(second->process().stop(10000), 0);
  EXPECT_EQ(first->process().stop(10000), 0);
}

TEST(LeaseFencing, ALeaseTakenDuringACycleCancelsItsRemainingActions) {
  SlowAws aws;
  Scenario s(aws.options());
  s.push("dev", {{"q.yaml", s.queues(queueIds(40))}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("resource.created", {{"env", "dev"}}), 120000)) << d->log();
  // Another controller takes the lease (as one would from a controller that
  // stalled past its lease): this one's next renewal finds it gone.
  s.python(
      "import json, time\nc = boto3.client('s3', endpoint_url=ep, region_name=region)\n"
      "c.put_object(Bucket='" +
      s.bucket() +
      "', Key='driftless/dev/lock', Body=json.dumps({'holder': 'intruder@elsewhere:1', "
      "'expiresMs': int(time.time() * 1000) + 3600000, 'renewIntervalMs': 1200000}))");
  auto lost = d->waitFor(match("lease.lost", {{"env", "dev"}}), 30000);
  ASSERT_TRUE(lost) << d->log();
  auto done = d->waitFor(match("cycle.finished", {{"env", "dev"}}), 120000);
  ASSERT_TRUE(done) << d->log();
  EXPECT_NE(eventField(*done, "result"), "succeeded");
  EXPECT_NE(eventField(*done, "error").find("lease"), std::string::npos)
      << eventField(*done, "error");
  EXPECT_LT(s.countQueues(s.prefix() + "-f"), 40) << "the remaining creations were cancelled";
  std::string holder = s.python(
      "import json\nc = boto3.client('s3', endpoint_url=ep, region_name=region)\n"
      "print(json.loads(c.get_object(Bucket='" +
      s.bucket() + "', Key='driftless/dev/lock')['Body'].read())['holder'])");
  EXPECT_EQ(holder, "intruder@elsewhere:1") << "the lease is left to its new holder";
  EXPECT_EQ(d->process().stop(10000), 0);
}

}  // namespace
}  // namespace driftless::e2e
