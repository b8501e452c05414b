#pragma once
// The platform types (events, keys and secrets): each against the binary's
// shared moto server, through the provider (tests/support/provider_harness.h)
// and through manifests applied by the `driftless` binary (tests/e2e/harness.h):
// create, a no-op plan right after, drift made with boto3 detected and
// corrected, a pushed change, delete and DeletionPolicy: Retain.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "tests/e2e/harness.h"
#include "tests/support/peer.h"

namespace driftless::testing {
inline MotoServer& moto() {
  return sharedMoto();
}
}  // namespace driftless::testing

#include "tests/support/http_stub.h"
#include "tests/support/provider_harness.h"

namespace driftless::platform {

using testing::Harness;
using testing::json;
using testing::paths;
using testing::uniqueName;

// Absent before; created, with the ownership tags when the type is taggable;
// no difference right after.
inline Observed expectCreated(Harness& h, const Desired& d) {
  EXPECT_FALSE(h.observe(d).exists) << "exists before create";
  Observed live = h.create(d);
  EXPECT_TRUE(live.exists);
  Delta after = h.p().diff(d, live);
  EXPECT_TRUE(after.empty()) << ::testing::PrintToString(paths(after));
  EXPECT_EQ(live.owner.has_value(), h.p().info().taggable);
  return live;
}

// The out-of-band change shows as drift at exactly `expected` and one update
// corrects it; returns what is live after.
inline Observed expectDriftCorrected(Harness& h, const Desired& d,
                                     const std::vector<std::string>& expected) {
  Observed live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  EXPECT_EQ(paths(drift), expected);
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty()) << "drift not corrected";
  return live;
}

// boto3 `code` with a client `c` of `service` bound to the shared moto (not
// through a manifest run); its output without the last newline.
inline std::string botoOutput(const std::string& service, const std::string& code) {
  int rc = 0;
  std::string out = testing::moto().python(
      "c = boto3.client('" + service +
          "', endpoint_url=ep, aws_access_key_id=ak, aws_secret_access_key=sk, "
          "region_name='us-east-1')\n" +
          code + "\n",
      &rc);
  EXPECT_EQ(rc, 0) << out;
  out.erase(out.find_last_not_of('\n') + 1);
  return out;
}

// Deleted: absent after; deleting the absent resource again succeeds.
inline void expectRemoved(Harness& h, const Desired& d, const Observed& live) {
  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists);
  h.remove(d, live);
}

// The JSON bodies a stub received for one operation (X-Amz-Target ending ".<op>").
inline std::vector<Value> sentJson(const testing::HttpStub& stub, const std::string& op) {
  std::vector<Value> out;
  for (const auto& r : stub.requests())
    if (r.headers.count("x-amz-target") && r.headers.at("x-amz-target").ends_with("." + op))
      out.push_back(*Value::fromJson(r.body));
  return out;
}

// Against a stub: what the stub answers is no drift; after `change` (the stub
// answering otherwise, as an out-of-band change) exactly `paths` drift, and the
// update that corrects them is made.
inline void expectDriftCorrected(Harness& h, const Desired& d, const std::function<void()>& change,
                                 const std::vector<std::string>& drifted) {
  Observed live = h.observe(d);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  change();
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), drifted);
  h.update(d, live, drift);
}

inline const TypeInfo& typeInfo(std::string_view type) {
  const TypeInfo* info = builtinRegistry().info(type);
  EXPECT_NE(info, nullptr) << type;
  static const TypeInfo kNone;
  return info ? *info : kNone;
}

// One environment (dev), its manifests in Git, `apply`/`plan` through the binary.
class ManifestRun {
 public:
  // `endpointUrl`: the environment's AWS endpoint (a FaultProxy in front of
  // the shared moto, to count requests); empty = the shared moto.
  explicit ManifestRun(std::string endpointUrl = "")
      : s(e2e::ConfigOptions{.environments = {{"dev", true, true}},
                             .s3State = false,
                             .http = false,
                             .endpointUrl = std::move(endpointUrl)}) {}

  // `apply` must converge (exit 0); returns its output.
  std::string apply() {
    int rc = -1;
    std::string out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
    EXPECT_EQ(rc, 0) << out;
    return out;
  }
  // `plan`'s exit code: 0 no changes, 2 changes or drift. `out` gets its output.
  int plan(std::string* out = nullptr) {
    int rc = -1;
    std::string text = s.cli({"plan", "--config", s.config(), "--env", "dev"}, &rc);
    if (out) *out = text;
    return rc;
  }
  // A boto3 client `c` of `service` bound to the shared moto, then `code`; its output.
  std::string boto(const std::string& service, const std::string& code) {
    return s.python("c = boto3.client('" + service + "', endpoint_url=ep, region_name=region)\n" +
                    code);
  }
  std::string name(const std::string& logical) const { return s.prefix() + "-" + logical; }
  // Removes manifests/<file>, keeping one unrelated queue so the manifests
  // folder is never empty (a commit without it is refused).
  void removeStack(const std::string& file) {
    s.push("dev", {{"base.yaml", s.queues({"base"})}}, {file});
  }

  e2e::Scenario s;
};

// What every type's manifest round trip checks, in order. `manifest(version,
// retain)` is the stack's YAML; `exists()` says whether the resource is live.
struct RoundTrip {
  std::function<std::string(int version, bool retain)> manifest;
  std::function<void()> drift;           // an out-of-band change with boto3
  std::string driftPath;                 // the property the plan names for it
  std::function<void()> checkCorrected;  // asserts the drift is gone live
  std::string pushedChange;              // what apply reports for version 2: "1 updated"
  std::function<void()> checkChanged;    // asserts version 2 is live
  std::function<bool()> exists;
};

// Runs `t` in a fresh environment: v1 applied, no-op plan, drift detected and
// corrected, v2 applied with `pushedChange`, then removed with Retain (still
// live, released) and, recreated, removed again (deleted).
inline void roundTrip(ManifestRun& run, const RoundTrip& t) {
  run.s.push("dev", {{"stack.yaml", t.manifest(1, false)}});
  std::string out = run.apply();
  ASSERT_TRUE(t.exists()) << out;
  ASSERT_EQ(run.plan(&out), 0) << "a no-op plan right after create:\n" << out;

  t.drift();
  ASSERT_EQ(run.plan(&out), 2) << "drift not detected:\n" << out;
  EXPECT_NE(out.find(t.driftPath), std::string::npos) << out;
  out = run.apply();
  EXPECT_EQ(run.plan(&out), 0) << "drift not corrected:\n" << out;
  t.checkCorrected();

  run.s.push("dev", {{"stack.yaml", t.manifest(2, false)}});
  out = run.apply();
  EXPECT_NE(out.find(t.pushedChange), std::string::npos) << out;
  t.checkChanged();
  EXPECT_EQ(run.plan(&out), 0) << out;

  run.s.push("dev", {{"stack.yaml", t.manifest(2, true)}});
  out = run.apply();
  run.removeStack("stack.yaml");
  out = run.apply();
  EXPECT_TRUE(t.exists()) << "DeletionPolicy: Retain deleted it:\n" << out;
  EXPECT_EQ(run.plan(&out), 0) << "a retained resource is released:\n" << out;
}

// Deleting (DeletionPolicy Delete, the default) a stack applied from `yaml`.
inline void createThenDelete(ManifestRun& run, const std::string& yaml,
                             const std::function<bool()>& exists) {
  run.s.push("dev", {{"gone.yaml", yaml}});
  std::string out = run.apply();
  ASSERT_TRUE(exists()) << out;
  run.removeStack("gone.yaml");
  out = run.apply();
  EXPECT_FALSE(exists()) << "removed from Git but still live:\n" << out;
}

}  // namespace driftless::platform
