#include "providers/events/schema.h"

#include <set>

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
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
  return common::declared("AWS::Events::EventBus", validateEventBus);
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
  return common::declared("AWS::Events::Rule", validateRule);
}

}  // namespace driftless::events
