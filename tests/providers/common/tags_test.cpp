#include "providers/common/tags.h"

#include <gtest/gtest.h>

namespace driftless::common {
namespace {

Value json(const char* s) {
  return *Value::fromJson(s);
}

TEST(Tags, CreateTagsAddOwnershipToTheManifestSet) {
  Value desired = json(R"([{"Key": "team", "Value": "payments"}])");
  Value owner = json(R"([{"Key": "driftless:controller", "Value": "c1"}])");
  auto all = createTags(&desired, owner);
  EXPECT_EQ(Value(all), json(R"({"driftless:controller": "c1", "team": "payments"})"));
  EXPECT_EQ(tagList(all), json(R"([{"Key": "driftless:controller", "Value": "c1"},
                                     {"Key": "team", "Value": "payments"}])"));
}

struct Case {
  const char* why;
  const char* desired;  // nullptr: Tags not managed
  const char* live;
  bool ensureOwner;
  const char* set;
  std::vector<std::string> remove;
};

TEST(Tags, ChangeIsOnlyTheDelta) {
  const char* owner = R"([{"Key": "driftless:controller", "Value": "c1"}])";
  const Case cases[] = {
      {"equal sets need nothing",
       R"([{"Key": "a", "Value": "1"}])",
       R"([{"Key": "a", "Value": "1"}, {"Key": "driftless:controller", "Value": "c1"}])",
       true,
       "{}",
       {}},
      {"a changed value is set, an extra key removed",
       R"([{"Key": "a", "Value": "2"}])",
       R"([{"Key": "a", "Value": "1"}, {"Key": "x", "Value": "y"}])",
       false,
       R"({"a": "2"})",
       {"x"}},
      {"adopt adds only the ownership tags",
       nullptr,
       R"([{"Key": "x", "Value": "y"}])",
       true,
       R"({"driftless:controller": "c1"})",
       {}},
      {"aws: tags are never removed",
       "[]",
       R"([{"Key": "aws:cloudformation:stack-name", "Value": "s"}])",
       false,
       "{}",
       {}},
  };
  Value ownership = json(owner);
  for (const auto& c : cases) {
    Value desired = c.desired ? json(c.desired) : Value();
    auto change = tagChange(c.desired ? &desired : nullptr, json(c.live),
                            c.ensureOwner ? &ownership : nullptr);
    EXPECT_EQ(Value(change.set), json(c.set)) << c.why;
    EXPECT_EQ(change.remove, c.remove) << c.why;
  }
}

// The tag planner the identity-and-compute providers used (awsutil::planTags).
const char* kOwnership =
    R"([{"Key": "driftless:controller", "Value": "c"}, {"Key": "driftless:environment", "Value": "dev"},
        {"Key": "driftless:stack", "Value": "app"}, {"Key": "driftless:logical-id", "Value": "R"}])";

TEST(Tags, PlanCallsOnlyForTheDifference) {
  struct Case {
    const char* why;
    const char* desired;  // nullptr: Tags not in the manifest
    const char* live;
    std::vector<std::string> set;
    std::vector<std::string> remove;
  };
  const Case cases[] = {
      {"in sync: nothing to do",
       R"([{"Key": "team", "Value": "a"}])",
       R"([{"Key": "team", "Value": "a"}, {"Key": "driftless:controller", "Value": "c"},
           {"Key": "driftless:environment", "Value": "dev"}, {"Key": "driftless:stack", "Value": "app"},
           {"Key": "driftless:logical-id", "Value": "R"}])",
       {},
       {}},
      {"a changed value is set, an extra tag removed",
       R"([{"Key": "team", "Value": "b"}])",
       R"([{"Key": "team", "Value": "a"}, {"Key": "extra", "Value": "x"},
           {"Key": "driftless:controller", "Value": "c"}, {"Key": "driftless:environment", "Value": "dev"},
           {"Key": "driftless:stack", "Value": "app"}, {"Key": "driftless:logical-id", "Value": "R"}])",
       {"team"},
       {"extra"}},
      {"unmanaged tags are left alone; adopt adds the ownership tags",
       nullptr,
       R"([{"Key": "extra", "Value": "x"}])",
       {"driftless:controller", "driftless:environment", "driftless:logical-id", "driftless:stack"},
       {}},
      {"tags as a map (SSM, Lambda)",
       R"({"team": "a"})",
       R"({"team": "a", "old": "1",
        "driftless:controller": "c", "driftless:environment": "dev", "driftless:stack": "app",
        "driftless:logical-id": "R"})",
       {},
       {"old"}},
  };
  for (const auto& c : cases) {
    Value desired = c.desired ? json(c.desired) : Value();
    auto plan = tagChange(c.desired ? &desired : nullptr, json(c.live), json(kOwnership));
    std::vector<std::string> set;
    for (const auto& [k, v] : plan.set)
      set.push_back(k);
    EXPECT_EQ(set, c.set) << c.why;
    EXPECT_EQ(plan.remove, c.remove) << c.why;
  }
}

}  // namespace
}  // namespace driftless::common
