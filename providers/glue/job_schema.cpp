#include <string>

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"
#include "providers/glue/schema.h"

namespace driftless::glue {

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
  TypeInfo t = common::declared(kJobType, validateJob);
  // CloudFormation writes Glue tags as a {key: value} map (the database: JSON).
  common::at(t.properties, "Tags") = PropertySpec::map("Tags", PropertySpec::string(""));
  return t;
}

}  // namespace driftless::glue
