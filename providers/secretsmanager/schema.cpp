#include "providers/secretsmanager/schema.h"

#include "providers/common/validate.h"

namespace driftless::secretsmanager {

using P = PropertySpec;

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

std::vector<std::string> validateSecret(const Properties& props) {
  std::vector<std::string> out;
  if (auto name = common::stringLike(props.find("Name"))) {
    if (name->empty() || name->size() > 512 || !common::onlyChars(*name, "/_+=.@-"))
      out.push_back("Name: \"" + *name + "\" must be 1 to 512 letters, digits or /_+=.@-");
  }
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
  TypeInfo t;
  t.type = std::string(kSecretType);
  t.service = "secretsmanager";
  t.physicalNameProperty = "Name";
  t.refAttribute = "Id";  // Ref = the secret ARN
  t.getAttributes = {"Id"};
  t.properties = {
      P::string("Name").immut(),
      P::string("Description"),
      P::string("KmsKeyId"),
      // A managed external secret's partner (CreateSecret/UpdateSecret Type).
      P::string("Type"),
      P::string("SecretString").sec(),
      P::object("GenerateSecretString",
                {P::string("ExcludeCharacters"), P::boolean("ExcludeLowercase"),
                 P::boolean("ExcludeNumbers"), P::boolean("ExcludePunctuation"),
                 P::boolean("ExcludeUppercase"), P::string("GenerateStringKey"),
                 P::boolean("IncludeSpace"), P::integer("PasswordLength"),
                 P::boolean("RequireEachIncludedType"), P::string("SecretStringTemplate")}),
      P::tags(),
      // driftless extensions (DeleteSecret's parameters; CloudFormation always
      // uses the 30-day default): never compared.
      P::integer("RecoveryWindowInDays"),
      P::boolean("ForceDeleteWithoutRecovery"),
  };
  t.iamActions = {"secretsmanager:CreateSecret",     "secretsmanager:DescribeSecret",
                  "secretsmanager:GetSecretValue",   "secretsmanager:UpdateSecret",
                  "secretsmanager:PutSecretValue",   "secretsmanager:TagResource",
                  "secretsmanager:UntagResource",    "secretsmanager:DeleteSecret",
                  "secretsmanager:GetRandomPassword"};
  t.validate = validateSecret;
  return t;
}

}  // namespace driftless::secretsmanager
