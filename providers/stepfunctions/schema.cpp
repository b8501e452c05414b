#include "providers/stepfunctions/schema.h"

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::stepfunctions {

std::optional<Value> effectiveDefinition(const Properties& props) {
  std::string text;
  if (const Value* d = props.find("Definition"); d && d->isObject())
    text = d->toJson();
  else if (auto s = common::stringLike(props.find("DefinitionString")))
    text = *s;
  else
    return std::nullopt;
  if (const Value* subs = props.find("DefinitionSubstitutions"); subs && subs->isObject())
    for (const auto& [key, value] : subs->asObject()) {
      const std::string token = "${" + key + "}";
      const std::string with = value.scalarText();
      for (auto at = text.find(token); at != std::string::npos;
           at = text.find(token, at + with.size()))
        text.replace(at, token.size(), with);
    }
  auto doc = Value::fromJson(text);
  if (!doc || !doc->isObject()) return std::nullopt;
  return *doc;
}

// StateMachineName: 1-80 of [A-Za-z0-9_-]; exactly one of Definition and
// DefinitionString; DefinitionSubstitutions only with one of them; the
// substituted definition must be a JSON object.
static std::vector<std::string> validateStateMachine(const Properties& props) {
  std::vector<std::string> out;
  common::checkNameChars(props, "StateMachineName", 80, "_-", out);
  bool object = props.find("Definition") != nullptr, text = props.find("DefinitionString");
  bool s3 = props.find("DefinitionS3Location") != nullptr;
  if (int(object) + int(text) + int(s3) != 1)
    out.push_back(
        "Definition: give exactly one of Definition, DefinitionString and DefinitionS3Location");
  bool resolved = (object && props.find("Definition")->isObject()) ||
                  (text && props.find("DefinitionString")->isString());
  if (resolved && !effectiveDefinition(props))
    out.push_back(std::string(object ? "Definition" : "DefinitionString") +
                  ": is not a JSON object once DefinitionSubstitutions are applied");
  return out;
}

TypeInfo stateMachineTypeInfo() {
  TypeInfo t = common::declared("AWS::StepFunctions::StateMachine", validateStateMachine);
  // A map of strings, integers or booleans (a union the database gives and the kit does
  // not take): kept as given, each value JSON.
  t.properties.push_back(PropertySpec::map("DefinitionSubstitutions", PropertySpec::json("")));
  return t;
}

}  // namespace driftless::stepfunctions
