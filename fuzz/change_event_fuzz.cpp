// libFuzzer target for AWS change events (controller/aws_events.*): an SQS
// message body that should hold an EventBridge envelope around a CloudTrail
// record. Anyone who can send to the events queue controls it, so any input
// must give a ChangeEvent or an Error, and classifying it must neither crash
// nor match a resource the record does not name. Built with clang by scripts/fuzz.
// fuzz-sources: controller/aws_events.cpp providers/registry.cpp
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "controller/aws_events.h"

using namespace driftless;
using namespace driftless::controller;

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

const Registry& registry() {
  static const Registry r = [] {
    Registry reg;
    TypeInfo q;
    q.type = "AWS::SQS::Queue";
    q.service = "sqs";
    q.changeEvents = {{"sqs.amazonaws.com",
                       {"SetQueueAttributes", "DeleteQueue"},
                       {"requestParameters.queueUrl"}}};
    reg.add(q, nullptr);
    TypeInfo f;
    f.type = "AWS::Lambda::Function";
    f.service = "lambda";
    f.changeEvents = {{"lambda.amazonaws.com",
                       {"UpdateFunctionConfiguration"},
                       {"requestParameters.functionName", "requestParameters.names"}}};
    reg.add(f, nullptr);
    TypeInfo rp;  // identities made of several parameters (templates), one unterminated
    rp.type = "AWS::IAM::RolePolicy";
    rp.service = "iam";
    rp.changeEvents = {{"iam.amazonaws.com",
                        {"PutRolePolicy"},
                        {"role/{requestParameters.roleName}/{requestParameters.policyName}",
                         "{requestParameters.a}:{requestParameters.b", "{}{"}}};
    reg.add(rp, nullptr);
    return reg;
  }();
  return r;
}

const ResourceIndex& index() {
  static const ResourceIndex idx = [] {
    state::EnvironmentState st;
    state::AppliedResource q;
    q.type = "AWS::SQS::Queue";
    q.physicalId = "https://sqs.eu-west-1.amazonaws.com/1/orders";
    q.attributes["Arn"] = "arn:aws:sqs:eu-west-1:1:orders";
    st.stacks["s"].resources["Q"] = q;
    state::AppliedResource fn;
    fn.type = "AWS::Lambda::Function";
    fn.physicalId = "resize";
    st.stacks["s"].resources["F"] = fn;
    state::AppliedResource rolePolicy;  // a '|'-joined identity
    rolePolicy.type = "AWS::IAM::RolePolicy";
    rolePolicy.physicalId = "role/app/p|user/ci/p||arn:aws:iam::1:x";
    st.stacks["s"].resources["P"] = rolePolicy;
    ResourceIndex i;
    i.rebuild("dev", st);
    return i;
  }();
  return idx;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string body(reinterpret_cast<const char*>(data), size);
  auto event = parseChangeEvent(body);
  if (!event) {
    check(event.error().kind == ErrorKind::Invalid);
    check(event.error().message.find('\n') == std::string::npos);
    return 0;
  }
  check(!event->eventSource.empty() && !event->eventName.empty());
  check(event->cause().isObject());
  Classified c = classify(*event, registry(), index(), ClassifyOptions{});
  check((c.verdict == EventVerdict::Matched) == !c.targets.empty());
  for (const auto& t : c.targets)
    check(t.environment == "dev" && t.id.stack == "s");
  (void)normalizeIdentity(body);
  return 0;
}
