// The crash campaign of the reliability issue: applies of 61 resources (queues,
// topics, and buckets, whose tags come in a second call after CreateBucket) --
// their creation, an update of each, then deletions and creations -- SIGKILLed
// at 20 random points, each time restarted; then the environment converges
// with nothing created twice, a plan right after has nothing to do,
// and removing the manifests prunes everything (nothing leaked, nothing
// untracked). The seed is printed; DRIFTLESS_CAMPAIGN_SEED replays a run.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>

#include "tests/e2e/harness.h"
#include "tests/support/fault_proxy.h"

namespace driftless::e2e {
namespace {

constexpr int kKills = 20;

// Resources `from`..`to`-1 of one type, named <prefix><i>, with `extra` properties.
std::string manifest(const std::string& type, const std::string& nameProperty,
                     const std::string& prefix, int from, int to, const std::string& extra = "") {
  std::string out = "Resources:\n";
  for (int i = from; i < to; ++i)
    out += "  R" + std::to_string(i) + ":\n    Type: " + type + "\n    Properties: {" +
           nameProperty + ": " + prefix + std::to_string(i) + extra + "}\n";
  return out;
}

// The campaign's commits, applied one after the other: 61 creations; 60
// updates; 15 deletions and 10 creations.
std::vector<std::map<std::string, std::string>> phases(const Scenario& s) {
  const std::string p = s.prefix();
  auto queues = [&](int from, int to, const std::string& extra = "") {
    return manifest("AWS::SQS::Queue", "QueueName", p + "-kq", from, to, extra);
  };
  auto topics = [&](const std::string& extra = "") {
    return manifest("AWS::SNS::Topic", "TopicName", p + "-kt", 0, 15, extra);
  };
  auto buckets = [&](int to, const std::string& extra = "") {
    return manifest("AWS::S3::Bucket", "BucketName", p + "-kb", 0, to, extra);
  };
  const std::string tagged = ", Tags: [{Key: phase, Value: two}]";
  return {{{"q.yaml", queues(0, 30)},
           {"t.yaml", topics()},
           {"b.yaml", buckets(15)},
           {"keep.yaml", s.queues({"keep"})}},
          {{"q.yaml", queues(0, 30, ", VisibilityTimeout: 45")},
           {"t.yaml", topics(", DisplayName: two")},
           {"b.yaml", buckets(15, tagged)}},
          {{"q.yaml", queues(10, 40, ", VisibilityTimeout: 45")}, {"b.yaml", buckets(10, tagged)}}};
}

int countLive(const Scenario& s, const std::string& what) {
  return std::stoi(s.python(what));
}

struct Live {
  int queues, topics, buckets;
};

Live live(const Scenario& s) {
  const std::string p = s.prefix();
  return {s.countQueues(p + "-kq"),
          countLive(s,
                    "c = boto3.client('sns', endpoint_url=ep, region_name=region)\n"
                    "arns = [t['TopicArn'] for page in c.get_paginator('list_topics')"
                    ".paginate() for t in page['Topics']]\n"
                    "print(sum(1 for a in arns if a.split(':')[-1].startswith('" +
                        p + "-kt')))"),
          countLive(s,
                    "c = boto3.client('s3', endpoint_url=ep, region_name=region)\n"
                    "print(sum(1 for b in c.list_buckets()['Buckets'] if "
                    "b['Name'].startswith('" +
                        p + "-kb')))")};
}

unsigned campaignSeed() {
  if (const char* s = std::getenv("DRIFTLESS_CAMPAIGN_SEED")) return std::stoul(s);
  return std::random_device{}();
}

// A daemon's cycle, waited for; a cycle that did not succeed (the one after a
// kill may find a dependency half-done) is followed by a resync.
void convergeWith(Scenario& s, Daemon& d) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto done = d.waitFor(match("cycle.finished", {{"env", "dev"}}), 120000);
    ASSERT_TRUE(done) << d.log();
    if (done->find("result")->scalarText() == "succeeded") return;
    int rc = 0;
    s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  }
  FAIL() << "no succeeded cycle after 3 tries:\n" << d.log();
}

TEST(KillCampaign, SigkillAtRandomPointsOfALargeApplyConvergesWithoutDuplicatesOrLeaks) {
  // AWS answers after 100 ms, so a kill lands among requests in flight (some
  // forwarded and acted on, their answers never read) rather than after a
  // burst of creations.
  testing::FaultProxy proxy(testing::sharedMoto().endpoint());
  proxy.setLatency(std::chrono::milliseconds(100));
  Scenario s(ConfigOptions{
      .environments = {{"dev", true, true}}, .http = false, .endpointUrl = proxy.url()});
  auto commits = phases(s);
  std::size_t phase = 0;
  s.push("dev", commits[phase]);
  const unsigned seed = campaignSeed();
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> events(2, 8);
  RecordProperty("seed", std::to_string(seed));
  std::cout << "kill campaign seed " << seed << "\n";

  // A kill point: after the n-th event the daemon logs (startup, fetch, plan,
  // each action, the state write's record...), with requests in flight.
  auto isEvent = [](const Value& e) { return e.find("event") != nullptr; };
  int kills = 0;
  for (int round = 0; kills < kKills && round < 3 * kKills; ++round) {
    auto d = s.start("", "k" + std::to_string(round));
    bool finished = false;
    for (int n = events(rng); n > 0 && !finished; --n) {
      auto e = d->waitFor(isEvent, 60000);
      ASSERT_TRUE(e) << "round " << round << ": " << d->log();
      finished = e->find("event")->scalarText() == "cycle.finished";
    }
    if (finished) {  // this commit converged before the kill point: the next one
      ASSERT_EQ(d->process().stop(10000), 0);
      if (++phase == commits.size()) break;
      s.push("dev", commits[phase]);
      continue;
    }
    d->process().signal(SIGKILL);
    ASSERT_TRUE(d->process().wait(10000));
    ++kills;
  }
  std::cout << kills << " kills over " << phase << " commits\n";
  EXPECT_EQ(kills, kKills) << "the campaign ran out of work before its kills (seed " << seed << ")";
  for (++phase; phase < commits.size(); ++phase)
    s.push("dev", commits[phase]);  // the rest, applied without kills

  proxy.setLatency(std::chrono::milliseconds(0));
  auto d = s.start("", "final");
  const std::string p = s.prefix();
  convergeWith(s, *d);
  ASSERT_EQ(d->process().stop(10000), 0);
  Live after = live(s);
  EXPECT_EQ(after.queues, 30) << "seed " << seed;
  EXPECT_EQ(after.topics, 15) << "seed " << seed;
  EXPECT_EQ(after.buckets, 10) << "seed " << seed;
  EXPECT_EQ(s.queueAttribute(p + "-kq39", "VisibilityTimeout"), "45");
  int rc = 0;
  std::string out = s.cli({"plan", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << "nothing to do right after convergence (seed " << seed << "):\n" << out;

  // Everything the campaign created is tracked: removing it prunes it all.
  s.push("dev", {}, {"q.yaml", "t.yaml", "b.yaml"});
  out = s.cli({"apply", "--config", s.config(), "--env", "dev", "--allow-mass-prune"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  Live gone = live(s);
  EXPECT_EQ(gone.queues + gone.topics + gone.buckets, 0) << "leaked (seed " << seed << "):\n"
                                                         << out;
  EXPECT_EQ(s.countQueues(s.queueName("keep", "dev")), 1);
}

}  // namespace
}  // namespace driftless::e2e
