#pragma once
// Round trips of the wiring types (issue 17) through what a user runs: a
// manifest pushed to the environment's branch, `driftless apply` and
// `driftless plan -o json` of the built binary against the shared moto, and
// out-of-band changes made with boto3.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/e2e/harness.h"

namespace driftless::wiring {

class Stack {
 public:
  Stack()
      : s_(e2e::ConfigOptions{
            .environments = {{"dev", true, true}}, .s3State = false, .http = false}) {}

  const std::string& prefix() const { return s_.prefix(); }
  e2e::Scenario& scenario() { return s_; }

  // Pushes `yaml` as manifests/app.yaml of env/dev (resource ids are app/<LogicalId>).
  void push(const std::string& yaml) { s_.push("dev", {{"app.yaml", yaml}}); }

  // `driftless apply`; its output, with a test failure when it does not exit 0.
  std::string apply() {
    int rc = -1;
    std::string out = s_.cli({"apply", "--config", s_.config(), "--env", "dev"}, &rc);
    EXPECT_EQ(rc, 0) << out;
    return out;
  }

  // `driftless plan -o json`, parsed; *rc is its exit code (0: nothing to do, 2: changes).
  Value plan(int* rc = nullptr) {
    int code = -1;
    std::string out =
        s_.cli({"plan", "--config", s_.config(), "--env", "dev", "-o", "json"}, &code);
    if (rc) *rc = code;
    auto start = out.find('{');
    auto v = Value::fromJson(start == std::string::npos ? out : out.substr(start));
    EXPECT_TRUE(v.has_value()) << out;
    return v ? *v : Value::object();
  }

  // Plans and expects nothing to do.
  void expectClean() {
    int rc = -1;
    Value p = plan(&rc);
    EXPECT_EQ(rc, 0) << p.toPrettyJson();
  }

  // Plans and expects changes (exit code 2) with `act` ("update", "replace", ...) of
  // `why` ("drift", "change"; "" = either) for app/<logicalId>, and when given
  // exactly the changed `changed` paths. Returns the plan.
  Value expectPlanned(const std::string& logicalId, const std::string& act,
                      const std::string& why = "", const std::vector<std::string>& changed = {}) {
    int rc = -1;
    Value p = plan(&rc);
    EXPECT_EQ(rc, 2) << p.toPrettyJson();
    EXPECT_EQ(action(p, logicalId), act) << logicalId;
    if (!why.empty()) {
      EXPECT_EQ(cause(p, logicalId), why) << logicalId;
    }
    if (!changed.empty()) {
      EXPECT_EQ(paths(p, logicalId), changed) << logicalId;
    }
    return p;
  }

  // The action planned for app/<logicalId>: "create", "update", "replace", "noop", ...
  static std::string action(const Value& plan, const std::string& logicalId) {
    return field(plan, logicalId, "action");
  }
  static std::string cause(const Value& plan, const std::string& logicalId) {
    return field(plan, logicalId, "cause");
  }
  static std::vector<std::string> paths(const Value& plan, const std::string& logicalId) {
    std::vector<std::string> out;
    if (const Value* a = find(plan, logicalId))
      if (const Value* cs = a->find("changes"); cs && cs->isArray())
        for (const auto& c : cs->asArray())
          out.push_back(c.find("path") ? c.find("path")->scalarText() : "");
    return out;
  }

  // A boto3 snippet's output (stripped): `c` is a client of `service`.
  std::string boto(const std::string& service, const std::string& code) {
    return s_.python("import json\nc = boto3.client('" + service +
                     "', endpoint_url=ep, region_name=region)\n" + code);
  }

 private:
  static const Value* find(const Value& plan, const std::string& logicalId) {
    if (const Value* as = plan.find("actions"); as && as->isArray())
      for (const auto& a : as->asArray())
        if (const Value* id = a.find("id"); id && id->scalarText() == "app/" + logicalId) return &a;
    return nullptr;
  }
  static std::string field(const Value& plan, const std::string& logicalId, const char* name) {
    const Value* a = find(plan, logicalId);
    const Value* f = a ? a->find(name) : nullptr;
    return f ? f->scalarText() : "(no action for " + logicalId + ")";
  }

  e2e::Scenario s_;
};

}  // namespace driftless::wiring
