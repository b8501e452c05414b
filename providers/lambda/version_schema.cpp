#include "providers/lambda/version_schema.h"

#include "providers/common/validate.h"

namespace driftless::lambda {

using P = PropertySpec;

std::vector<std::string> validateAlias(const Properties& props) {
  std::vector<std::string> out;
  if (auto name = common::stringLike(props.find("Name"))) {
    if (name->empty() || name->size() > 128 || !common::onlyChars(*name, "-_"))
      out.push_back("Name: \"" + *name + "\" must be 1 to 128 of letters, digits, - and _");
    else if (name->find_first_not_of("0123456789") == std::string::npos)
      out.push_back("Name: \"" + *name + "\" must not be only digits (that is a version)");
  }
  if (const Value* w = props.findPath("RoutingConfig.AdditionalVersionWeights");
      w && w->isArray()) {
    if (w->size() > 1) out.push_back("RoutingConfig: at most one additional version");
    for (const auto& e : w->asArray())
      if (const Value* f = e.find("FunctionWeight");
          f && f->isNumber() && (f->asDouble() < 0 || f->asDouble() > 1))
        out.push_back("RoutingConfig.AdditionalVersionWeights: FunctionWeight must be 0 to 1");
  }
  return out;
}

// A published version: AWS assigns its number; identified by its ARN (kept in
// state); not taggable (owned through the state entry). Nothing about a
// version can change: every property replaces.
TypeInfo versionTypeInfo() {
  TypeInfo t;
  t.type = std::string(kVersionType);
  t.service = "lambda";
  t.physicalNameProperty = "";
  t.refAttribute = "FunctionArn";  // the version's ARN
  t.getAttributes = {"FunctionArn", "Version"};
  t.taggable = false;
  t.properties = {
      P::string("FunctionName").req().immut(),
      P::string("Description").immut(),
      P::string("CodeSha256").immut(),
      P::object("ProvisionedConcurrencyConfig",
                {P::integer("ProvisionedConcurrentExecutions").req()})
          .immut(),
      P::object("RuntimePolicy",
                {P::string("UpdateRuntimeOn").req().oneOf({"Auto", "FunctionUpdate", "Manual"}),
                 P::string("RuntimeVersionArn")})
          .immut(),
      // Lambda Managed Instances: the version's execution environments.
      P::object("FunctionScalingConfig",
                {P::integer("MinExecutionEnvironments"), P::integer("MaxExecutionEnvironments")})
          .immut(),
  };
  t.iamActions = {"lambda:PublishVersion",
                  "lambda:GetFunctionConfiguration",
                  "lambda:DeleteFunction",
                  "lambda:PutProvisionedConcurrencyConfig",
                  "lambda:GetProvisionedConcurrencyConfig",
                  "lambda:PutRuntimeManagementConfig",
                  "lambda:GetRuntimeManagementConfig",
                  "lambda:PutFunctionScalingConfig",
                  "lambda:GetFunctionScalingConfig"};
  return t;
}

// An alias: identified by its function and Name (its ARN is the physical id);
// not taggable (owned through the state entry).
TypeInfo aliasTypeInfo() {
  TypeInfo t;
  t.type = std::string(kAliasType);
  t.service = "lambda";
  t.physicalNameProperty = "";
  t.refAttribute = "AliasArn";
  t.getAttributes = {"AliasArn"};
  t.taggable = false;
  t.properties = {
      P::string("FunctionName").req().immut(),
      P::string("Name").req().immut(),
      P::string("FunctionVersion").req(),
      P::string("Description"),
      P::object("RoutingConfig", {P::list("AdditionalVersionWeights",
                                          P::object("", {P::string("FunctionVersion").req(),
                                                         P::number("FunctionWeight").req()}))}),
      P::object("ProvisionedConcurrencyConfig",
                {P::integer("ProvisionedConcurrentExecutions").req()}),
  };
  t.iamActions = {"lambda:GetAlias",
                  "lambda:CreateAlias",
                  "lambda:UpdateAlias",
                  "lambda:DeleteAlias",
                  "lambda:PutProvisionedConcurrencyConfig",
                  "lambda:GetProvisionedConcurrencyConfig"};
  t.validate = validateAlias;
  return t;
}

}  // namespace driftless::lambda
