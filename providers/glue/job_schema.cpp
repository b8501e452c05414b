#include <string>

#include "providers/common/validate.h"
#include "providers/glue/schema.h"

namespace driftless::glue {

using P = PropertySpec;

std::vector<std::string> validateJob(const Properties& props) {
  std::vector<std::string> out;
  if (auto name = common::stringLike(props.find("Name"));
      name && (name->empty() || name->size() > 255))
    out.push_back("Name: must be 1 to 255 characters");
  const bool workers = props.find("WorkerType") || props.find("NumberOfWorkers");
  if (workers && props.find("MaxCapacity"))
    out.push_back("MaxCapacity: give either MaxCapacity or WorkerType with NumberOfWorkers");
  if (props.find("WorkerType") && !props.find("NumberOfWorkers"))
    out.push_back("NumberOfWorkers: required with WorkerType");
  if (props.find("NumberOfWorkers") && !props.find("WorkerType"))
    out.push_back("WorkerType: required with NumberOfWorkers");
  common::checkIntegerRange(props, "MaxRetries", 0, 10, "", out);
  common::checkIntegerRange(props, "Timeout", 1, 10080, " minutes", out);
  common::checkIntegerRange(props, "NumberOfWorkers", 1, 299, "", out);
  if (auto cmd = common::stringLike(props.findPath("Command.Name"));
      cmd && *cmd != "glueetl" && *cmd != "pythonshell" && *cmd != "gluestreaming" &&
      *cmd != "glueray")
    out.push_back("Command.Name: \"" + *cmd +
                  "\" must be glueetl, gluestreaming, pythonshell or glueray");
  return out;
}

TypeInfo jobTypeInfo() {
  TypeInfo t;
  t.type = std::string(kJobType);
  t.service = "glue";
  t.physicalNameProperty = "Name";
  t.refAttribute = "";  // Ref = the job name
  t.getAttributes = {};
  t.properties = {
      P::string("Name").immut(),
      P::string("Role").req(),
      P::object("Command", {P::string("Name"), P::string("ScriptLocation"),
                            P::string("PythonVersion"), P::string("Runtime")})
          .req(),
      P::json("DefaultArguments"),
      P::json("NonOverridableArguments"),
      P::string("Description"),
      P::string("GlueVersion"),
      P::integer("MaxRetries"),
      P::integer("Timeout"),
      P::string("WorkerType"),
      P::integer("NumberOfWorkers"),
      P::number("MaxCapacity"),
      P::number("AllocatedCapacity"),
      P::object("Connections", {P::list("Connections", P::string(""))}),
      P::object("ExecutionProperty", {P::integer("MaxConcurrentRuns")}),
      P::object("NotificationProperty", {P::integer("NotifyDelayAfter")}),
      P::string("ExecutionClass").oneOf({"FLEX", "STANDARD"}),
      P::string("LogUri"),
      P::string("SecurityConfiguration"),
      P::string("JobMode").oneOf({"SCRIPT", "VISUAL", "NOTEBOOK"}),
      P::boolean("JobRunQueuingEnabled"),
      P::string("MaintenanceWindow"),
      // CloudFormation writes Glue tags as a {key: value} map.
      P::map("Tags", P::string("")),
  };
  t.iamActions = {"glue:CreateJob", "glue:GetJob",      "glue:UpdateJob",     "glue:DeleteJob",
                  "glue:GetTags",   "glue:TagResource", "glue:UntagResource", "iam:PassRole"};
  t.validate = validateJob;
  return t;
}

}  // namespace driftless::glue
