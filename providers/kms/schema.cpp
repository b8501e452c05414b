#include "providers/kms/schema.h"

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::kms {

std::vector<std::string> validateKey(const Properties& props) {
  std::vector<std::string> out;
  common::checkRange(props, "PendingWindowInDays", 7, 30, out);
  common::checkRange(props, "RotationPeriodInDays", 90, 2560, out);
  bool rotation = common::boolLike(props.find("EnableKeyRotation")).value_or(false);
  if (props.find("RotationPeriodInDays") && !rotation)
    out.push_back("RotationPeriodInDays: only allowed with EnableKeyRotation: true");
  auto spec = common::stringLike(props.find("KeySpec"));
  auto usage = common::stringLike(props.find("KeyUsage"));
  if (rotation &&
      ((spec && *spec != "SYMMETRIC_DEFAULT") || (usage && *usage != "ENCRYPT_DECRYPT")))
    out.push_back("EnableKeyRotation: only symmetric encryption keys rotate automatically");
  return out;
}

TypeInfo keyTypeInfo() {
  return common::declared(kKeyType, validateKey);
}

std::vector<std::string> validateAlias(const Properties& props) {
  std::vector<std::string> out;
  auto name = common::stringLike(props.find("AliasName"));
  if (!name) return out;
  const std::string q = "AliasName: \"" + *name + "\" ";
  std::string_view rest = *name;
  if (!rest.starts_with("alias/")) {
    out.push_back(q + "must begin with alias/");
    return out;
  }
  rest.remove_prefix(6);
  if (rest.empty() || rest.size() > 250 || !common::onlyChars(rest, "/_-"))
    out.push_back(q + "must be alias/ then 1 to 250 letters, digits, '/', '_' or '-'");
  if (rest.starts_with("aws/")) out.push_back(q + "is reserved: alias/aws/ names AWS managed keys");
  return out;
}

TypeInfo aliasTypeInfo() {
  return common::declared(kAliasType, validateAlias);
}

}  // namespace driftless::kms
