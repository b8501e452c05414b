// AWS::S3::Bucket ObjectLockEnabled (set at creation: a change is a replace) and
// ObjectLockConfiguration (issue 14): create, no-op, out-of-band change → drift
// → corrected, change → in-place update.
#include "tests/integration/providers1/harness.h"

namespace driftless::testing {
namespace {

TEST(S3BucketProvider, ObjectLockRoundTrip) {
  Harness h("AWS::S3::Bucket");
  const std::string name = uniqueName("locked");
  auto props = [&](const std::string& mode, int days) {
    return json(R"({"BucketName": ")" + name + R"(", "ObjectLockEnabled": true,
      "VersioningConfiguration": {"Status": "Enabled"},
      "ObjectLockConfiguration": {"ObjectLockEnabled": "Enabled",
        "Rule": {"DefaultRetention": {"Mode": ")" +
                mode + R"(", "Days": )" + std::to_string(days) + "}}}}");
  };
  Desired d = h.desired("B", props("GOVERNANCE", 1));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(*live.properties.find("ObjectLockEnabled"), Value(true));
  EXPECT_EQ(*live.properties.findPath("ObjectLockConfiguration.Rule.DefaultRetention.Days"),
            Value(1));
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  h.outOfBand("s3", "c.put_object_lock_configuration(Bucket='" + name +
                        "', ObjectLockConfiguration={'ObjectLockEnabled': 'Enabled', 'Rule': "
                        "{'DefaultRetention': {'Mode': 'GOVERNANCE', 'Days': 5}}})\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift),
            std::vector<std::string>{"ObjectLockConfiguration.Rule.DefaultRetention.Days"});
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, live).empty());

  Desired changed = h.desired("B", props("COMPLIANCE", 2));
  Delta delta = h.p().diff(changed, live);
  EXPECT_EQ(paths(delta),
            (std::vector<std::string>{"ObjectLockConfiguration.Rule.DefaultRetention.Days",
                                      "ObjectLockConfiguration.Rule.DefaultRetention.Mode"}));
  live = h.update(changed, live, delta);
  EXPECT_TRUE(h.p().diff(changed, h.observe(changed)).empty());

  // Object lock itself is set at creation only: turning it off is a replace.
  Desired unlocked = changed;
  unlocked.properties["ObjectLockEnabled"] = Value(false);
  Delta off = h.p().diff(unlocked, live);
  ASSERT_EQ(paths(off), std::vector<std::string>{"ObjectLockEnabled"});
  EXPECT_TRUE(h.p().info().property("ObjectLockEnabled")->immutable);

  h.remove(changed, live);
  EXPECT_FALSE(h.observe(changed).exists);
}

}  // namespace
}  // namespace driftless::testing
