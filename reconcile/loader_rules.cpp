// Rules: assertions over parameter values, checked before anything else uses
// them. A rule applies when its RuleCondition (if any) holds; each failed
// Assert is an error with its AssertDescription. Besides the condition
// functions, rules may use Fn::Contains, Fn::EachMemberEquals,
// Fn::EachMemberIn and Fn::RefAll; Fn::ValueOf and Fn::ValueOfAll need AWS
// lookups driftless does not make, and say so.
#include "reconcile/loader_internal.h"

namespace driftless::reconcile::detail {

namespace {

std::vector<std::string> textsOf(const Value& v) {
  std::vector<std::string> out;
  if (v.isArray())
    for (const auto& e : v.asArray())
      out.push_back(e.scalarText());
  else if (!v.isNull())
    out.push_back(v.scalarText());
  return out;
}

}  // namespace

void Loader::checkRules(Stack& stack, const YamlNode& rules) {
  const std::string& file = stack.file->path;
  if (!rules.isMap()) {
    error(file, rules, "Rules must be a mapping of rule name to rule");
    return;
  }
  for (std::size_t i = 0; i < rules.keys.size(); ++i) {
    const std::string& name = rules.keys[i].text;
    const YamlNode& rule = rules.items[i];
    Resource own = scratch("Rules." + name);
    const YamlNode* assertions = rule.isMap() ? rule.get("Assertions") : nullptr;
    if (!assertions || !assertions->isSequence()) {
      bad(stack, own, rule.isMap() ? rule : rules.items[i],
          "a rule needs Assertions: a list of {Assert, AssertDescription}");
      continue;
    }
    bool was = inCondition_;
    inRule_ = inCondition_ = true;
    std::optional<bool> applies = true;
    if (const YamlNode* c = rule.get("RuleCondition")) applies = ruleHolds(stack, own, *c);
    for (const auto& a : assertions->items) {
      if (!applies.value_or(false)) break;
      const YamlNode* assert = a.isMap() ? a.get("Assert") : nullptr;
      if (!assert) {
        bad(stack, own, a, "an assertion needs Assert");
        continue;
      }
      if (ruleHolds(stack, own, *assert).value_or(true)) continue;
      const YamlNode* d = a.get("AssertDescription");
      error(
          file, *assert,
          own.logicalId + ": " + (d && d->isScalar() ? d->text : std::string("assertion failed")));
    }
    inRule_ = false;
    inCondition_ = was;
  }
}

std::optional<bool> Loader::ruleHolds(Stack& stack, Resource& own, const YamlNode& n) {
  std::size_t before = diagnostics_.size();
  Value v = eval(stack, own, n, "");
  if (diagnostics_.size() != before || v.isNull()) return std::nullopt;  // unknown: not failed
  if (!v.isBool()) {
    bad(stack, own, n, "a rule condition or assertion must be true or false, got " + describe(v));
    return std::nullopt;
  }
  return v.asBool();
}

Value Loader::ruleFunction(Stack& stack, Resource& res, const std::string& name, const YamlNode& a,
                           const YamlNode& at, const std::string& path) {
  if (!inRule_) return bad(stack, res, at, "Fn::" + name + " is only allowed in Rules");
  if (name == "ValueOf" || name == "ValueOfAll")
    return bad(stack, res, at,
               "Fn::" + name + " is not supported (driftless does not look AWS values up)");
  if (name == "RefAll") {
    if (!a.isScalar()) return bad(stack, res, at, "Fn::RefAll needs a parameter type");
    Value out = Value::array();
    for (const auto& [pname, p] : stack.parameters)
      if (p.type == a.text)
        for (auto& t : textsOf(p.value))
          out.push(Value(std::move(t)));
    return out;
  }
  if (!a.isSequence() || a.items.size() != 2)
    return bad(stack, res, at, "Fn::" + name + " needs [list, value]");
  std::size_t before = diagnostics_.size();
  Value l = eval(stack, res, a.items[0], path);
  Value r = eval(stack, res, a.items[1], path);
  if (diagnostics_.size() != before || l.isNull() || r.isNull()) return Value();
  std::vector<std::string> list = textsOf(l), other = textsOf(r);
  auto in = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  if (name == "Contains") return Value(in(list, r.scalarText()));
  if (name == "EachMemberEquals")
    return Value(std::all_of(list.begin(), list.end(),
                             [&](const std::string& s) { return s == r.scalarText(); }));
  return Value(
      std::all_of(list.begin(), list.end(), [&](const std::string& s) { return in(other, s); }));
}

}  // namespace driftless::reconcile::detail
