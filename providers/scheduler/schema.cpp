#include "providers/scheduler/schema.h"

#include "providers/common/validate.h"

namespace driftless::scheduler {

using P = PropertySpec;

std::vector<std::string> validateSchedule(const Properties& props) {
  std::vector<std::string> out;
  for (const char* p : {"Name", "GroupName"})
    if (auto name = common::stringLike(props.find(p));
        name && (name->empty() || name->size() > 64 || !common::onlyChars(*name, "._-")))
      out.push_back(std::string(p) + ": \"" + *name +
                    "\" must be 1 to 64 letters, digits, '.', '_' or '-'");
  if (auto e = common::stringLike(props.find("ScheduleExpression"));
      e && !e->starts_with("at(") && !e->starts_with("rate(") && !e->starts_with("cron("))
    out.push_back("ScheduleExpression: must be at(...), rate(...) or cron(...)");
  if (const Value* w = props.find("FlexibleTimeWindow"); w && w->isObject()) {
    bool flexible = common::stringLike(w->find("Mode")) == "FLEXIBLE";
    if (flexible != (w->find("MaximumWindowInMinutes") != nullptr))
      out.push_back(
          "FlexibleTimeWindow: MaximumWindowInMinutes is required with Mode FLEXIBLE, and only "
          "then");
    common::checkRange(*w, "MaximumWindowInMinutes", 1, 1440, out, "FlexibleTimeWindow.");
  }
  if (const Value* t = props.find("Target"); t && t->isObject())
    if (auto input = common::stringLike(t->find("Input")); input && !Value::fromJson(*input))
      out.push_back("Target.Input: must be valid JSON text");
  return out;
}

TypeInfo scheduleTypeInfo() {
  TypeInfo t;
  t.type = std::string(kScheduleType);
  t.service = "scheduler";
  t.physicalNameProperty = "Name";
  t.refAttribute = "";  // Ref = the schedule name
  t.getAttributes = {"Arn"};
  t.properties = {
      P::string("Name").immut(),
      P::string("GroupName"),
      P::string("Description"),
      P::string("ScheduleExpression").req(),
      P::string("ScheduleExpressionTimezone"),
      P::object("FlexibleTimeWindow", {P::string("Mode").req().oneOf({"OFF", "FLEXIBLE"}),
                                       P::integer("MaximumWindowInMinutes")})
          .req(),
      P::string("State").oneOf({"ENABLED", "DISABLED"}),
      P::string("KmsKeyArn"),
      P::object("Target", {P::string("Arn").req(), P::string("RoleArn").req(), P::string("Input"),
                           P::object("RetryPolicy", {P::integer("MaximumEventAgeInSeconds"),
                                                     P::integer("MaximumRetryAttempts")}),
                           P::object("DeadLetterConfig", {P::string("Arn")}),
                           P::object("SqsParameters", {P::string("MessageGroupId")}),
                           P::object("KinesisParameters", {P::string("PartitionKey").req()}),
                           P::object("EventBridgeParameters",
                                     {P::string("DetailType").req(), P::string("Source").req()})})
          .req(),
  };
  // Schedules cannot be tagged (only schedule groups can): ownership is the
  // state entry.
  t.taggable = false;
  t.iamActions = {"scheduler:CreateSchedule", "scheduler:GetSchedule", "scheduler:UpdateSchedule",
                  "scheduler:DeleteSchedule",
                  // Target.RoleArn is passed to EventBridge Scheduler
                  "iam:PassRole"};
  t.validate = validateSchedule;
  return t;
}

}  // namespace driftless::scheduler
