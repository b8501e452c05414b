#include "providers/lambda/version_schema.h"

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::lambda {

// Alias Name 1-128 of [A-Za-z0-9_-], not only digits; weights between 0 and 1.
static std::vector<std::string> validateAlias(const Properties& props) {
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
  return common::declared("AWS::Lambda::Version");
}

// An alias: identified by its function and Name (its ARN is the physical id);
// not taggable (owned through the state entry).
TypeInfo aliasTypeInfo() {
  return common::declared("AWS::Lambda::Alias", validateAlias);
}

}  // namespace driftless::lambda
