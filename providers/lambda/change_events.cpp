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

}  // namespace driftless::lambda
