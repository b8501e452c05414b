#include "providers/lambda/permission_schema.h"

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::lambda {

// Action lambda:<Operation>, FunctionUrlAuthType only with lambda:InvokeFunctionUrl,
// SourceAccount 12 digits, PrincipalOrgID o-....
static std::vector<std::string> validatePermission(const Properties& props) {
  std::vector<std::string> out;
  auto action = common::stringLike(props.find("Action"));
  if (action && !action->starts_with("lambda:"))
    out.push_back("Action: \"" + *action + "\" must be a Lambda action (lambda:InvokeFunction)");
  if (props.find("FunctionUrlAuthType") && action && *action != "lambda:InvokeFunctionUrl")
    out.push_back("FunctionUrlAuthType: only allowed with Action lambda:InvokeFunctionUrl");
  if (props.find("InvokedViaFunctionUrl") && action && *action != "lambda:InvokeFunction")
    out.push_back("InvokedViaFunctionUrl: only allowed with Action lambda:InvokeFunction");
  if (auto account = common::stringLike(props.find("SourceAccount"));
      account &&
      (account->size() != 12 || account->find_first_not_of("0123456789") != std::string::npos))
    out.push_back("SourceAccount: \"" + *account + "\" is not a 12-digit account id");
  if (auto org = common::stringLike(props.find("PrincipalOrgID"));
      org && (!org->starts_with("o-") || org->size() < 12))
    out.push_back("PrincipalOrgID: \"" + *org + "\" is not an organization id (o-...)");
  return out;
}

TypeInfo permissionTypeInfo() {
  return common::declared("AWS::Lambda::Permission", validatePermission);
}

}  // namespace driftless::lambda
