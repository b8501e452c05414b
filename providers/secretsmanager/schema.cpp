#include "providers/secretsmanager/schema.h"

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::secretsmanager {

namespace {

void validateGenerate(const Value& g, std::vector<std::string>& out) {
  const std::string prefix = "GenerateSecretString.";
  common::checkRange(g, "PasswordLength", 1, 4096, out, prefix);
  bool key = g.find("GenerateStringKey") != nullptr;
  bool templ = g.find("SecretStringTemplate") != nullptr;
  if (key != templ)
    out.push_back(prefix + "GenerateStringKey and SecretStringTemplate go together");
  if (auto t = common::stringLike(g.find("SecretStringTemplate"))) {
    auto doc = Value::fromJson(*t);
    if (!doc || !doc->isObject())
      out.push_back(prefix + "SecretStringTemplate: must be a JSON object");
  }
}

}  // namespace

// Name: 1-512 of [A-Za-z0-9/_+=.@-]; SecretString xor GenerateSecretString;
// GenerateStringKey iff SecretStringTemplate (a JSON object); PasswordLength
// 1-4096; RecoveryWindowInDays 7-30 and not with ForceDeleteWithoutRecovery.
static std::vector<std::string> validateSecret(const Properties& props) {
  std::vector<std::string> out;
  common::checkNameChars(props, "Name", 512, "/_+=.@-", "1 to 512 letters, digits or /_+=.@-", out);
  if (props.find("SecretString") && props.find("GenerateSecretString"))
    out.push_back("SecretString: cannot be given together with GenerateSecretString");
  if (const Value* g = props.find("GenerateSecretString"); g && g->isObject())
    validateGenerate(*g, out);
  common::checkRange(props, "RecoveryWindowInDays", 7, 30, out);
  if (props.find("RecoveryWindowInDays") &&
      common::boolLike(props.find("ForceDeleteWithoutRecovery")).value_or(false))
    out.push_back("RecoveryWindowInDays: cannot be given with ForceDeleteWithoutRecovery: true");
  return out;
}

TypeInfo secretTypeInfo() {
  TypeInfo t = common::declared("AWS::SecretsManager::Secret", validateSecret);
  // driftless extensions (DeleteSecret's parameters; CloudFormation always uses
  // the 30-day default): never compared.
  t.properties.push_back(PropertySpec::integer("RecoveryWindowInDays"));
  t.properties.push_back(PropertySpec::boolean("ForceDeleteWithoutRecovery"));
  return t;
}

}  // namespace driftless::secretsmanager
