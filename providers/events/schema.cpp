#include "providers/events/schema.h"

#include <set>

#include "providers/common/cfn_schema.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::events {

namespace {

// "<prop>: \"name\" must be 1 to <max> of letters, digits, '.', '-' and '_'".
void checkName(const Properties& props, std::string_view prop, std::size_t max,
               std::vector<std::string>& out, std::string_view prefix = "",
               std::string_view chars = "._-") {
  auto name = common::stringLike(props.find(prop));
  if (!name) return;
  if (name->empty() || name->size() > max || !common::onlyChars(*name, chars))
    out.push_back(std::string(prefix) + std::string(prop) + ": \"" + *name + "\" must be 1 to " +
                  std::to_string(max) + " letters, digits, '.', '-' or '_'");
}

void validateTarget(const Value& t, std::set<std::string>& ids, std::vector<std::string>& out) {
  const std::string prefix = "Targets." + t.find("Id")->scalarText() + ".";
  checkName(t, "Id", 64, out, "Targets.");
  if (!ids.insert(t.find("Id")->scalarText()).second)
    out.push_back("Targets: Id \"" + t.find("Id")->scalarText() + "\" appears more than once");
  int inputs = 0;
  for (const char* f : {"Input", "InputPath", "InputTransformer"})
    if (t.find(f)) ++inputs;
  if (inputs > 1)
    out.push_back(prefix + "Input, InputPath and InputTransformer are mutually exclusive");
  if (auto input = common::stringLike(t.find("Input")); input && !Value::fromJson(*input))
    out.push_back(prefix + "Input: must be valid JSON text");
  if (const Value* retry = t.find("RetryPolicy"); retry && retry->isObject()) {
    common::checkRange(*retry, "MaximumRetryAttempts", 0, 185, out, prefix + "RetryPolicy.");
    common::checkRange(*retry, "MaximumEventAgeInSeconds", 60, 86400, out, prefix + "RetryPolicy.");
  }
}

}  // namespace

std::vector<std::string> tagActions() {
  return {"events:ListTagsForResource", "events:TagResource", "events:UntagResource"};
}

// Name: 1-256 of [A-Za-z0-9._-] (no "/": partner buses are not created here),
// not "default" (the account's default bus always exists and is not created).
static std::vector<std::string> validateEventBus(const Properties& props) {
  std::vector<std::string> out;
  // A partner event bus is named as its source: aws.partner/<partner>/<...>.
  const bool partner =
      common::stringLike(props.find("Name")).value_or("").starts_with("aws.partner/");
  checkName(props, "Name", 256, out, "", partner ? "._-/" : "._-");
  if (common::stringLike(props.find("Name")) == "default")
    out.push_back(
        "Name: \"default\" is the account's default event bus, which always exists and "
        "cannot be created or deleted");
  // A partner event bus is named after its partner event source (EventBridge's rule).
  if (auto source = common::stringLike(props.find("EventSourceName"))) {
    if (!source->starts_with("aws.partner/"))
      out.push_back("EventSourceName: \"" + *source +
                    "\" is not a partner event source (aws.partner/...)");
    else if (auto name = common::stringLike(props.find("Name")); name && *name != *source)
      out.push_back("Name: a partner event bus is named as its event source, \"" + *source + "\"");
  }
  return out;
}

TypeInfo eventBusTypeInfo() {
  // Ref = the bus name
  TypeInfo t = common::typeInfo("AWS::Events::EventBus", "Name", "", {"Arn", "Name", "Policy"});
  common::manage(t, {"Name", "EventSourceName", "Description", "KmsKeyIdentifier",
                     "DeadLetterConfig", "LogConfig", "Policy", "Tags"});
  t.iamActions = common::actions("events", {"CreateEventBus", "DescribeEventBus", "UpdateEventBus",
                                            "DeleteEventBus", "PutPermission"});
  for (auto& a : tagActions())
    t.iamActions.push_back(a);
  t.validate = validateEventBus;
  common::tagsReadInBulk(t, "events:event-bus");
  return t;
}

// Name: 1-64 of [A-Za-z0-9._-]; EventPattern or ScheduleExpression (schedules
// only on the default bus); at most 5 targets, unique Ids of 1-64 [A-Za-z0-9._-];
// one of Input, InputPath, InputTransformer per target.
static std::vector<std::string> validateRule(const Properties& props) {
  std::vector<std::string> out;
  checkName(props, "Name", 64, out);
  if (!props.find("EventPattern") && !props.find("ScheduleExpression"))
    out.push_back("EventPattern: a rule needs an EventPattern, a ScheduleExpression or both");
  auto bus = common::stringLike(props.find("EventBusName"));
  if (props.find("ScheduleExpression") && bus && *bus != "default" &&
      !bus->ends_with("event-bus/default"))
    out.push_back("ScheduleExpression: scheduled rules are only allowed on the default event bus");
  if (auto pattern = common::jsonDocument(props.find("EventPattern"));
      pattern && !pattern->isObject())
    out.push_back("EventPattern: must be a JSON object");
  const Value* targets = props.find("Targets");
  if (targets && targets->isArray()) {
    if (targets->size() > 5) out.push_back("Targets: a rule has at most 5 targets");
    std::set<std::string> ids;
    for (const auto& t : targets->asArray())
      if (t.isObject() && t.find("Id") && t.find("Id")->isString()) validateTarget(t, ids, out);
  }
  return out;
}

TypeInfo ruleTypeInfo() {
  // Ref = the rule name on the default bus, "<bus>|<name>" on another bus
  // (CloudFormation's composite identifier); Observed::attributes["Ref"].
  TypeInfo t = common::typeInfo("AWS::Events::Rule", "Name", "Ref", {"Arn", "RuleName"});
  common::manage(
      t, {"Name", "EventBusName", "Description", "EventPattern", "ScheduleExpression", "State",
          "RoleArn", "Targets.Id", "Targets.Arn", "Targets.RoleArn", "Targets.Input",
          "Targets.InputPath", "Targets.InputTransformer", "Targets.SqsParameters",
          "Targets.KinesisParameters", "Targets.DeadLetterConfig", "Targets.RetryPolicy", "Tags"});
  t.iamActions = {"events:PutRule", "events:DescribeRule", "events:ListRules", "events:DeleteRule",
                  "events:ListTargetsByRule", "events:PutTargets", "events:RemoveTargets",
                  // RoleArn (the rule's or a target's) is passed to EventBridge
                  "iam:PassRole"};
  for (auto& a : tagActions())
    t.iamActions.push_back(a);
  t.validate = validateRule;
  common::tagsReadInBulk(t, "events:rule");
  return t;
}

}  // namespace driftless::events
