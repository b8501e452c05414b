#pragma once
// Building blocks for plan/executor tests: desired state from YAML (through
// the real loader), live and last-applied state by hand.
#include <gtest/gtest.h>

#include "providers/compare.h"
#include "reconcile/loader.h"
#include "reconcile/plan.h"
#include "tests/reconcile/test_types.h"

namespace driftless::reconcile::test {

inline constexpr const char* kController = "ctl";
inline constexpr const char* kEnv = "dev";

inline DesiredState desiredFrom(const std::string& yaml, const std::string& stack = "orders") {
  LoadContext ctx;
  ctx.environment = kEnv;
  ctx.region = "eu-west-1";
  ctx.accountId = "111111111111";
  ctx.commit = "abc1234";
  auto r = load({{stack + ".yaml", yaml}}, ctx, testRegistry());
  if (!r) {
    std::string text;
    for (const auto& d : r.error())
      text += d.str() + "\n";
    ADD_FAILURE() << text;
    return {};
  }
  return *r;
}

inline Value json(const char* text) {
  auto v = Value::fromJson(text);
  if (!v) ADD_FAILURE() << "bad JSON in test: " << text;
  return v ? *v : Value();
}

// `userTags` plus the four ownership tags of `id`.
inline Value ownedTags(const ResourceId& id, const Value& userTags) {
  std::string text = userTags.toJson();
  text.pop_back();  // "]"
  if (text.size() > 1) text += ",";
  text += R"({"Key":"driftless:controller","Value":")" + std::string(kController) + R"("},)";
  text += R"({"Key":"driftless:environment","Value":")" + std::string(kEnv) + R"("},)";
  text += R"({"Key":"driftless:stack","Value":")" + id.stack + R"("},)";
  text += R"({"Key":"driftless:logical-id","Value":")" + id.logicalId + R"("}])";
  return json(text.c_str());
}

// A live resource owned by this controller.
inline Observed owned(const ResourceId& id, const std::string& physicalId, Value props,
                      Value attributes = Value::object()) {
  Observed o;
  o.exists = true;
  o.physicalId = physicalId;
  o.properties = std::move(props);
  o.attributes = std::move(attributes);
  o.owner = Ownership{kController, kEnv, id.stack, id.logicalId};
  return o;
}

inline Observed absent() {
  return Observed{};
}

inline void setLive(LiveState& live, const ResourceId& id, const std::string& type,
                    std::optional<Observed> observed, std::optional<Error> error = std::nullopt) {
  LiveResource lr;
  lr.id = id;
  lr.type = type;
  lr.info = testRegistry().info(type);
  lr.observed = std::move(observed);
  lr.error = std::move(error);
  live.resources[id] = std::move(lr);
}

inline void setApplied(state::EnvironmentState& st, const ResourceId& id, const std::string& type,
                       const std::string& physicalId, Value props,
                       std::vector<std::string> deps = {}, std::string policy = "Delete") {
  state::AppliedResource r;
  r.type = type;
  r.physicalId = physicalId;
  r.properties = std::move(props);
  r.dependencies = std::move(deps);
  r.deletionPolicy = std::move(policy);
  st.stacks[id.stack].resources[id.logicalId] = std::move(r);
}

inline PlanOptions options() {
  PlanOptions o;
  o.controllerId = kController;
  o.environment = kEnv;
  return o;
}

}  // namespace driftless::reconcile::test
