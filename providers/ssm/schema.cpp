#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "providers/ssm/schema.h"

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"

namespace driftless::ssm {

using P = PropertySpec;

std::string parameterNameProblem(std::string_view name) {
  if (name.empty() || name.size() > 2048) return "must be 1-2048 characters";
  for (unsigned char c : name)
    if (!std::isalnum(c) &&
        std::string_view("_.-/").find(static_cast<char>(c)) == std::string_view::npos)
      return "may only contain letters, digits and _.-/";
  std::string_view first = name;
  if (first.front() == '/') first.remove_prefix(1);
  std::string lower;
  for (char c : first.substr(0, 3))
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "aws" || lower == "ssm") return "must not start with \"aws\" or \"ssm\"";
  if (name.find('/') != std::string_view::npos) {
    if (name.front() != '/') return "a hierarchical name must start with \"/\"";
    if (name.back() == '/') return "must not end with \"/\"";
    if (std::count(name.begin(), name.end(), '/') > 15) return "at most 15 levels of hierarchy";
  }
  return "";
}

static std::vector<std::string> validateParameter(const Properties& p) {
  std::vector<std::string> problems;
  if (const Value* n = p.find("Name"); n && n->isString()) {
    if (auto why = parameterNameProblem(n->asString()); !why.empty())
      problems.push_back("Name: " + why);
  }
  const Value* tier = p.find("Tier");
  bool advanced = tier && tier->isString() && tier->asString() != "Standard";
  if (const Value* v = p.find("Value"); v && v->isString()) {
    // Sizes only: the value itself may be a secret.
    std::size_t limit = advanced ? 8192 : 4096;
    if (v->asString().empty()) problems.push_back("Value: must not be empty");
    if (v->asString().size() > limit)
      problems.push_back("Value: longer than " + std::to_string(limit) + " bytes for this Tier");
  }
  if (const Value* d = p.find("Description"); d && d->isString() && d->asString().size() > 1024)
    problems.push_back("Description: at most 1024 characters");
  if (const Value* a = p.find("AllowedPattern"); a && a->isString() && a->asString().size() > 1024)
    problems.push_back("AllowedPattern: at most 1024 characters");
  if (const Value* pol = p.find("Policies")) {
    std::optional<Value> doc = *pol;
    if (pol->isString()) {
      auto parsed = Value::fromJson(pol->asString());
      doc = parsed ? std::optional<Value>(*parsed) : std::nullopt;
    }
    if (!doc || !doc->isArray())
      problems.push_back("Policies: must be a JSON list of parameter policies");
    else if (doc->size() > 0 && !advanced)
      problems.push_back("Policies: need Tier Advanced (or Intelligent-Tiering)");
  }
  return problems;
}

TypeInfo parameterTypeInfo() {
  TypeInfo t = common::declared("AWS::SSM::Parameter", validateParameter);
  t.conditionalSecrets = [](const Properties& p) {
    // Anything but a known String/StringList (a SecureString, a Type known only
    // after apply) keeps the value secret.
    const Value* type = p.find("Type");
    bool plain = type && type->isString() &&
                 (type->asString() == "String" || type->asString() == "StringList");
    return plain ? std::vector<std::string>{} : std::vector<std::string>{"Value"};
  };
  return t;
}

}  // namespace driftless::ssm
