#include "providers/lambda/change_events.h"

namespace driftless::lambda {

std::vector<ChangeEventRule> functionChangeEvents() {
  // CloudTrail names Lambda calls with their API version (UpdateFunctionCode20150331v2);
  // the undated names below match them.
  return {{"lambda.amazonaws.com",
           {"UpdateFunctionConfiguration", "UpdateFunctionCode", "DeleteFunction", "TagResource",
            "UntagResource", "PutFunctionConcurrency", "DeleteFunctionConcurrency",
            "PutFunctionEventInvokeConfig", "DeleteFunctionEventInvokeConfig"},
           {"requestParameters.functionName", "requestParameters.resource"}}};
}

std::vector<ChangeEventRule> permissionChangeEvents() {
  // A permission's id is "function|statement": the statement id names it; a
  // deleted function takes its policy with it.
  return {{"lambda.amazonaws.com",
           {"AddPermission", "RemovePermission"},
           {"requestParameters.statementId"}},
          {"lambda.amazonaws.com", {"DeleteFunction"}, {"requestParameters.functionName"}}};
}

std::vector<ChangeEventRule> eventSourceMappingChangeEvents() {
  // CloudTrail spells the UUID parameter "uUID".
  return {
      {"lambda.amazonaws.com",
       {"UpdateEventSourceMapping", "DeleteEventSourceMapping"},
       {"requestParameters.uUID", "responseElements.uUID"}},
      {"lambda.amazonaws.com", {"TagResource", "UntagResource"}, {"requestParameters.resource"}}};
}

std::vector<ChangeEventRule> versionChangeEvents() {
  // Nothing about a version changes but its deletion: by its ARN, by its
  // function and qualifier, or with its whole function.
  return {{"lambda.amazonaws.com",
           {"DeleteFunction"},
           {"requestParameters.functionName",
            "{requestParameters.functionName}:{requestParameters.qualifier}"}}};
}

std::vector<ChangeEventRule> aliasChangeEvents() {
  return {
      {"lambda.amazonaws.com",
       {"UpdateAlias", "DeleteAlias"},
       {"{requestParameters.functionName}:{requestParameters.name}", "responseElements.aliasArn"}},
      {"lambda.amazonaws.com", {"DeleteFunction"}, {"requestParameters.functionName"}}};
}

std::vector<ChangeEventRule> layerVersionChangeEvents() {
  // Every property replaces: only a deletion is drift. versionNumber is a number.
  return {{"lambda.amazonaws.com",
           {"DeleteLayerVersion"},
           {"{requestParameters.layerName}:{requestParameters.versionNumber}"}}};
}

}  // namespace driftless::lambda
