// Conditions (Fn::Equals, And, Or, Not, Condition), Fn::If, resource-level
// Condition, and Mappings with Fn::FindInMap. Conditions are evaluated once,
// on first use, from parameters, pseudo parameters and mappings only.
#include "reconcile/loader_internal.h"

namespace driftless::reconcile::detail {

void Loader::loadConditions(Stack& stack, const YamlNode& conditions) {
  if (!conditions.isMap()) {
    error(stack.file->path, conditions, "Conditions must be a mapping of name to condition");
    return;
  }
  for (std::size_t i = 0; i < conditions.keys.size(); ++i) {
    const YamlKey& k = conditions.keys[i];
    stack.conditions[k.text] = Condition{&conditions.items[i], {k.line, k.column}};
  }
  // Every condition is checked, used or not.
  for (auto& [name, c] : stack.conditions) {
    Resource probe = scratch("Conditions." + name);
    condition(stack, probe, name, *c.node);
  }
}

std::optional<bool> Loader::condition(Stack& stack, Resource& res, const std::string& name,
                                      const YamlNode& at) {
  auto it = stack.conditions.find(name);
  if (it == stack.conditions.end()) {
    bad(stack, res, at, "unknown condition '" + name + "'");
    return std::nullopt;
  }
  Condition& c = it->second;
  if (c.state == Condition::State::Done) return c.value;
  if (c.state == Condition::State::Evaluating) {
    auto start = std::find(evaluating_.begin(), evaluating_.end(), name);
    std::string text;
    for (auto i = start; i != evaluating_.end(); ++i)
      text += *i + " → ";
    error(stack.file->path, c.key, "condition cycle: " + text + name);
    return std::nullopt;
  }
  c.state = Condition::State::Evaluating;
  evaluating_.push_back(name);
  Resource own = scratch("Conditions." + name);
  bool was = inCondition_;
  inCondition_ = true;
  std::size_t before = diagnostics_.size();
  Value v = eval(stack, own, *c.node, "");
  inCondition_ = was;
  evaluating_.pop_back();
  c.state = Condition::State::Done;
  if (diagnostics_.size() != before) return std::nullopt;
  if (!v.isBool()) {
    error(stack.file->path, *c.node,
          "Conditions." + name + ": a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or " +
              "{Condition: name}, got " + describe(v));
    return std::nullopt;
  }
  c.value = v.asBool();
  return c.value;
}

Value Loader::conditionFunction(Stack& stack, Resource& res, const std::string& name,
                                const YamlNode& a, const YamlNode& at, const std::string& path) {
  if (name == "Condition") {
    if (!a.isScalar()) return bad(stack, res, at, "Condition needs a condition name");
    auto v = condition(stack, res, a.text, at);
    return v ? Value(*v) : Value();
  }
  if (!a.isSequence()) return bad(stack, res, at, "Fn::" + name + " needs a list");
  if (name == "Equals") {
    if (a.items.size() != 2) return bad(stack, res, at, "Fn::Equals needs [value, value]");
    Value l = eval(stack, res, a.items[0], path);
    Value r = eval(stack, res, a.items[1], path);
    if (hasUnresolved(l) || hasUnresolved(r))
      return bad(stack, res, at, "Fn::Equals needs values known before apply (not a resource's)");
    if (l.isScalar() && r.isScalar()) return Value(l.scalarText() == r.scalarText());
    return Value(l == r);
  }
  bool isNot = name == "Not";
  if (isNot ? a.items.size() != 1 : (a.items.size() < 2 || a.items.size() > 10))
    return bad(stack, res, at,
               "Fn::" + name + (isNot ? " needs [condition]" : " needs 2 to 10 conditions"));
  bool was = inCondition_;
  inCondition_ = true;
  std::vector<bool> values;
  for (const auto& item : a.items) {
    Value v = eval(stack, res, item, path);
    if (!v.isBool()) {
      inCondition_ = was;
      if (v.isNull()) return Value();  // reported inside
      return bad(stack, res, at, "Fn::" + name + " takes conditions, got " + describe(v));
    }
    values.push_back(v.asBool());
  }
  inCondition_ = was;
  if (isNot) return Value(!values[0]);
  bool all = std::all_of(values.begin(), values.end(), [](bool b) { return b; });
  bool any = std::any_of(values.begin(), values.end(), [](bool b) { return b; });
  return Value(name == "And" ? all : any);
}

Value Loader::fnIf(Stack& stack, Resource& res, const YamlNode& a, const YamlNode& at,
                   const std::string& path) {
  if (!a.isSequence() || a.items.size() != 3 || !a.items[0].isScalar())
    return bad(stack, res, at, "Fn::If needs [condition, value if true, value if false]");
  const std::string& name = a.items[0].text;
  if (!stack.conditions.count(name))
    return bad(stack, res, a.items[0],
               "Fn::If refers to unknown condition '" + name + "'" +
                   (stack.conditions.empty() ? std::string(" (the template has no Conditions)")
                                             : std::string()));
  auto v = condition(stack, res, name, a.items[0]);
  if (!v) return Value();
  return eval(stack, res, a.items[*v ? 1 : 2], path);
}

Value Loader::findInMap(Stack& stack, Resource& res, const YamlNode& a, const YamlNode& at,
                        const std::string& path) {
  if (!a.isSequence() || (a.items.size() != 3 && a.items.size() != 4))
    return bad(stack, res, at, "Fn::FindInMap needs [MapName, TopLevelKey, SecondLevelKey]");
  const YamlNode* fallback = nullptr;
  if (a.items.size() == 4) {
    const YamlNode& d = a.items[3];
    if (!stack.languageExtensions || !d.isMap() || !d.get("DefaultValue"))
      return bad(stack, res, a.items[3],
                 "Fn::FindInMap takes a fourth {DefaultValue: ...} only with Transform: "
                 "AWS::LanguageExtensions");
    fallback = d.get("DefaultValue");
  }
  std::string keys[3];
  for (int i = 0; i < 3; ++i) {
    Value k = eval(stack, res, a.items[static_cast<std::size_t>(i)], path);
    if (!k.isScalar() || k.isNull())
      return k.isNull() ? Value()
                        : bad(stack, res, a.items[static_cast<std::size_t>(i)],
                              "Fn::FindInMap keys must be strings known before apply");
    keys[i] = k.scalarText();
  }
  const YamlNode* map = stack.mappings ? stack.mappings->get(keys[0]) : nullptr;
  if (!map && !fallback)
    return bad(stack, res, a.items[0], "Fn::FindInMap refers to unknown mapping '" + keys[0] + "'");
  const YamlNode* top = map && map->isMap() ? map->get(keys[1]) : nullptr;
  const YamlNode* value = top && top->isMap() ? top->get(keys[2]) : nullptr;
  if (value) return eval(stack, res, *value, path);
  if (fallback) return eval(stack, res, *fallback, path);
  if (!top)
    return bad(stack, res, a.items[1],
               "Fn::FindInMap: mapping '" + keys[0] + "' has no key '" + keys[1] + "'");
  return bad(
      stack, res, a.items[2],
      "Fn::FindInMap: mapping '" + keys[0] + "' has no key '" + keys[1] + "." + keys[2] + "'");
}

void Loader::applyResourceCondition(Stack& stack, Resource& res) {
  const YamlNode* c = res.node->get("Condition");
  if (!c) return;
  if (!c->isScalar()) {
    bad(stack, res, *c, "Condition must be the name of a condition");
    return;
  }
  res.condition = c->text;
  auto v = condition(stack, res, c->text, *c);
  if (v && !*v) res.excluded = true;
}

}  // namespace driftless::reconcile::detail
