// Values a template reads from AWS at cycle time: parameters of the types
// AWS::SSM::Parameter::Value<...> (their value names a Parameter Store entry)
// and Fn::GetAZs. See LiveLookups in manifest.h for the two-pass load.
#include "reconcile/loader_internal.h"

namespace driftless::reconcile::detail {

namespace {

// The parameter type the looked-up value has: Value<List<String>> -> a list.
std::string innerType(const std::string& type) {
  constexpr std::string_view prefix = "AWS::SSM::Parameter::Value<";
  std::string inner = type.substr(prefix.size(), type.size() - prefix.size() - 1);
  bool list = inner == "CommaDelimitedList" || inner.starts_with("List<");
  return list ? "CommaDelimitedList" : "String";
}

}  // namespace

bool Loader::ssmParameter(Stack& /*stack*/, Parameter& p, const std::string& valueFile,
                          const YamlNode& valueNode) {
  if (!valueNode.isScalar() || valueNode.text.empty()) {
    error(valueFile, valueNode,
          "parameter '" + p.name + "' must name an SSM parameter (" + p.type + ")");
    return false;
  }
  const std::string& name = valueNode.text;
  LiveLookups* lookups = ctx_.lookups;
  if (!lookups) {
    warnings_.push_back({valueFile, valueNode.line, valueNode.column,
                         "parameter '" + p.name + "' is read from SSM parameter " + quote(name) +
                             " when a cycle loads the template; offline validation does not "
                             "check what uses it"});
    return false;
  }
  if (auto f = lookups->failed.find("ssm:" + name); f != lookups->failed.end()) {
    error(valueFile, valueNode,
          "parameter '" + p.name + "': SSM parameter " + quote(name) + " " + f->second);
    return false;
  }
  auto found = lookups->ssm.find(name);
  if (found == lookups->ssm.end()) {
    lookups->missingSsm.insert(name);  // looked up, then loaded again
    return false;
  }
  YamlNode text{YamlNode::Kind::Scalar, "", found->second};
  text.quoted = true;
  text.line = valueNode.line;
  text.column = valueNode.column;
  auto value = parameterValue(valueFile, p.name, innerType(p.type), text);
  if (!value) return false;
  p.value = std::move(*value);
  return true;
}

Value Loader::availabilityZones(Stack& stack, Resource& res, const YamlNode& arg,
                                const YamlNode& at, const std::string& path) {
  std::size_t before = diagnostics_.size();
  Value region = eval(stack, res, arg, path);
  if (diagnostics_.size() != before) return Value();
  if (region.isNull()) region = Value(std::string());  // !GetAZs '' or no argument
  if (!region.isString() || hasUnresolved(region))
    return bad(stack, res, at, "Fn::GetAZs needs a region name (or \"\" for the environment's)");
  std::string name = region.asString().empty() ? ctx_.region : region.asString();
  LiveLookups* lookups = ctx_.lookups;
  std::vector<std::string> zones;
  if (lookups) {
    if (auto f = lookups->failed.find("zones:" + name); f != lookups->failed.end())
      return bad(stack, res, at, "Fn::GetAZs " + quote(name) + ": " + f->second);
    if (auto z = lookups->zones.find(name); z != lookups->zones.end())
      zones = z->second;
    else
      lookups->missingZones.insert(name);  // looked up, then loaded again
  }
  if (zones.empty()) {  // offline, or before the lookup: three zones stand in
    for (const char* suffix : {"a", "b", "c"})
      zones.push_back(name + suffix);
    if (!lookups)
      warnings_.push_back({stack.file->path, at.line, at.column,
                           res.logicalId +
                               ": Fn::GetAZs is looked up when a cycle loads the "
                               "template; offline validation assumes " +
                               joinNames(zones)});
  }
  Value out = Value::array();
  for (auto& z : zones)
    out.push(Value(std::move(z)));
  return out;
}

}  // namespace driftless::reconcile::detail
