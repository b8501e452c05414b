// The daemon keeps the state it wrote (or read) between cycles and does not read
// and parse state.json again while the stored object is still that version
// (docs/performance.md, "The state the daemon keeps"); any other writer is seen by
// the next cycle. The S3 backend's requests are counted at a proxy in front of
// moto; both backends say `stateKept` in their cycle.finished event.
#include <gtest/gtest.h>

#include <csignal>

#include "tests/e2e/harness.h"
#include "tests/support/fault_proxy.h"

namespace driftless::e2e {
namespace {

// Python that rewrites the state.json text in `text` as another writer would: a
// new commit, with a checksum that verifies (records.cpp: sha256 of the compact,
// key-sorted document without "checksum").
const char* kRewrite =
    "import json, hashlib\n"
    "def rewrite(text):\n"
    "    doc = json.loads(text)\n"
    "    doc.pop('checksum', None)\n"
    "    doc['commit'] = '0' * 40\n"
    "    compact = json.dumps(doc, sort_keys=True, separators=(',', ':'), ensure_ascii=False)\n"
    "    doc['checksum'] = 'sha256:' + hashlib.sha256(compact.encode()).hexdigest()\n"
    "    return json.dumps(doc, indent=2) + '\\n'\n";

// GETs of dev/state.json the proxy answered with `status`.
std::size_t stateGets(const testing::FaultProxy& proxy, int status) {
  std::size_t n = 0;
  for (const auto& r : proxy.requests())
    if (r.method == "GET" && r.path.ends_with("/driftless/dev/state.json") && r.status == status)
      ++n;
  return n;
}

std::optional<Value> sighupCycle(Daemon& d) {
  d.process().signal(SIGHUP);
  return d.waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "signal"}}));
}

// The cycle after `edit` rewrote state.json behind the daemon's back read the new
// content: its commit is not the branch's, so the cycle records the branch's
// commit, and that write is refused (fencing: someone else wrote under the lease).
void expectAnotherWriterSeen(Daemon& d, const std::optional<Value>& cycle) {
  ASSERT_TRUE(cycle) << d.log();
  EXPECT_EQ(eventField(*cycle, "stateKept"), "");
  EXPECT_EQ(eventField(*cycle, "result"), "failed") << d.log();
  EXPECT_NE(eventField(*cycle, "error").find("written by another controller"), std::string::npos)
      << eventField(*cycle, "error");
}

TEST(StateKept, S3NoOpCyclesMakeNoFullGetOfStateJsonAndAnotherWriterIsSeen) {
  testing::FaultProxy proxy(testing::sharedMoto().endpoint());
  Scenario s(ConfigOptions{
      .environments = {{"dev", true, true}}, .http = false, .stateEndpointUrl = proxy.url()});
  s.push("dev", {{"orders.yaml", s.queues({"orders", "invoices"})}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})))
      << d->log();

  for (int cycle = 0; cycle < 2; ++cycle) {
    proxy.resetCounts();
    auto noop = sighupCycle(*d);
    ASSERT_TRUE(noop) << d->log();
    EXPECT_EQ(eventField(*noop, "result"), "succeeded") << d->log();
    EXPECT_EQ(eventField(*noop, "stateKept"), "true") << d->log();
    EXPECT_EQ(stateGets(proxy, 200), 0u) << "a no-op cycle transferred state.json";
    EXPECT_EQ(stateGets(proxy, 304), 1u) << "one conditional GET (If-None-Match)";
  }

  s.python(std::string(kRewrite) +
           "c = boto3.client('s3', endpoint_url=ep, region_name=region)\n"
           "key = 'driftless/dev/state.json'\n"
           "text = c.get_object(Bucket='" +
           s.bucket() +
           "', Key=key)['Body'].read().decode()\n"
           "c.put_object(Bucket='" +
           s.bucket() + "', Key=key, Body=rewrite(text).encode())\n");
  proxy.resetCounts();
  auto after = sighupCycle(*d);
  expectAnotherWriterSeen(*d, after);
  EXPECT_EQ(stateGets(proxy, 200), 1u) << "the changed state.json is read whole";
  EXPECT_EQ(d->process().stop(10000), 0);
}

TEST(StateKept, LocalNoOpCyclesUseTheKeptStateAndAnotherWriterIsSeen) {
  Scenario s(ConfigOptions{.environments = {{"dev", true, true}}, .s3State = false, .http = false});
  s.push("dev", {{"orders.yaml", s.queues({"orders", "invoices"})}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})))
      << d->log();
  for (int cycle = 0; cycle < 2; ++cycle) {
    auto noop = sighupCycle(*d);
    ASSERT_TRUE(noop) << d->log();
    EXPECT_EQ(eventField(*noop, "result"), "succeeded") << d->log();
    EXPECT_EQ(eventField(*noop, "stateKept"), "true") << d->log();
  }

  std::string path = (s.dir.path() / "data" / "state" / "dev" / "state.json").string();
  s.python(std::string(kRewrite) + "p = '" + path +
           "'\n"
           "text = open(p).read()\n"
           "open(p, 'w').write(rewrite(text))\n");
  expectAnotherWriterSeen(*d, sighupCycle(*d));
  EXPECT_EQ(d->process().stop(10000), 0);
}

}  // namespace
}  // namespace driftless::e2e
