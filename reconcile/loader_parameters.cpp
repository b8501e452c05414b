// Parameters: declarations, values from parameters/<env>.yaml or Default, and
// their constraints (AllowedValues, AllowedPattern, MinLength/MaxLength,
// MinValue/MaxValue), with CloudFormation's parameter types.
#include <regex>

#include "reconcile/loader_internal.h"

namespace driftless::reconcile::detail {

namespace {

const std::vector<std::string> kParameterKeys = {"Type",
                                                 "Default",
                                                 "AllowedValues",
                                                 "AllowedPattern",
                                                 "MinLength",
                                                 "MaxLength",
                                                 "MinValue",
                                                 "MaxValue",
                                                 "NoEcho",
                                                 "Description",
                                                 "ConstraintDescription"};

// What a parameter type holds: one string, one number, or a list of either.
enum class Shape { Invalid, String, Number, StringList, NumberList, Ssm };

Shape shapeOf(const std::string& type) {
  if (type == "String") return Shape::String;
  if (type == "Number") return Shape::Number;
  if (type == "List<Number>") return Shape::NumberList;
  if (type == "CommaDelimitedList" || type == "List<String>") return Shape::StringList;
  if (type == "AWS::SSM::Parameter::Name") return Shape::String;
  if (type.starts_with("AWS::SSM::Parameter::Value<") && type.ends_with(">")) return Shape::Ssm;
  // The AWS-specific types (AWS::EC2::VPC::Id, List<AWS::EC2::Subnet::Id>, ...)
  // are strings and lists of strings: driftless does not look the ids up.
  if (type.starts_with("AWS::")) return Shape::String;
  if (type.starts_with("List<AWS::") && type.ends_with(">")) return Shape::StringList;
  return Shape::Invalid;
}

// A number written as one (5) or as a numeric string ("5").
std::optional<double> numberOf(const YamlNode& node) {
  if (!node.isScalar()) return std::nullopt;
  Value v = scalarValue(YamlNode{YamlNode::Kind::Scalar, "", node.text});
  if (!v.isNumber()) return std::nullopt;
  return v.asDouble();
}

std::vector<std::string> splitList(std::string_view s) {
  std::vector<std::string> out;
  while (true) {
    auto comma = s.find(',');
    std::string_view part = s.substr(0, comma);
    while (!part.empty() && part.front() == ' ')
      part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ')
      part.remove_suffix(1);
    out.emplace_back(part);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

std::vector<Value> valuesOf(const Value& v) {
  return v.isArray() ? v.asArray() : std::vector<Value>{v};
}

}  // namespace

void Loader::loadParameters(Stack& stack, const YamlNode& params) {
  const std::string& file = stack.file->path;
  if (!params.isMap()) {
    error(file, params, "Parameters must be a mapping of name to declaration");
    return;
  }
  for (std::size_t i = 0; i < params.keys.size(); ++i) {
    const YamlKey& k = params.keys[i];
    Parameter p;
    p.name = k.text;
    p.key = {k.line, k.column};
    auto it = overrides_.find(p.name);
    Override* override = it == overrides_.end() ? nullptr : &it->second;
    if (override) override->used = true;
    p.valid = loadParameter(stack, p, params.items[i], override);
    stack.parameters.emplace(p.name, std::move(p));
  }
}

bool Loader::loadParameter(Stack& stack, Parameter& p, const YamlNode& decl, Override* override) {
  const std::string& file = stack.file->path;
  if (!isAlnum(p.name)) {
    error(file, p.key, "parameter '" + p.name + "': a name must be alphanumeric");
    return false;
  }
  if (!decl.isMap()) {
    error(file, p.key, "parameter '" + p.name + "' must be a mapping with a Type");
    return false;
  }
  bool ok = true;
  for (const auto& dk : decl.keys) {
    if (std::find(kParameterKeys.begin(), kParameterKeys.end(), dk.text) == kParameterKeys.end()) {
      error(file, Mark{dk.line, dk.column},
            "parameter '" + p.name + "': unknown key '" + dk.text + "' (expected " +
                joinNames(kParameterKeys) + ")");
      ok = false;
    }
  }
  const YamlNode* type = decl.get("Type");
  if (!type) {
    error(file, p.key, "parameter '" + p.name + "' needs a Type");
    return false;
  }
  Shape shape = type->isScalar() ? shapeOf(type->text) : Shape::Invalid;
  if (shape == Shape::Invalid) {
    error(file, *type,
          "parameter '" + p.name + "' has unsupported Type '" + type->text +
              "' (expected String, Number, List<Number>, CommaDelimitedList, an AWS-specific "
              "type such as AWS::EC2::VPC::Id, or AWS::SSM::Parameter::Value<...>)");
    return false;
  }
  p.type = type->text;
  if (const YamlNode* ne = decl.get("NoEcho")) {
    Value v = scalarValue(*ne);
    p.noEcho = (v.isBool() && v.asBool()) || (v.isString() && v.asString() == "true");
  }
  // The value: the environment's parameters file wins over Default.
  const YamlNode* valueNode = override ? override->node : decl.get("Default");
  const std::string& valueFile = override ? overridesFile_ : file;
  if (!valueNode && (ctx_.environment.empty() || ctx_.placeholderEnvironment)) {
    // Offline validation without an environment: a parameter meant to be set
    // per environment is not an error; what refers to it is not type-checked.
    return false;
  }
  if (!valueNode) {
    error(file, p.key,
          "parameter '" + p.name + "' has no Default and no value in parameters/" +
              ctx_.environment + ".yaml");
    return false;
  }
  if (shape == Shape::Ssm) return ssmParameter(stack, p, valueFile, *valueNode);
  auto value = parameterValue(valueFile, p.name, p.type, *valueNode);
  if (!value) return false;
  ok = checkConstraints(stack, p, decl, valueFile, *valueNode, *value) && ok;
  p.value = std::move(*value);
  return ok;
}

bool Loader::checkConstraints(Stack& stack, const Parameter& p, const YamlNode& decl,
                              const std::string& valueFile, const YamlNode& valueNode,
                              const Value& value) {
  const std::string& file = stack.file->path;
  bool ok = true;
  auto shown = [&](const Value& v) { return p.noEcho ? std::string("(secret)") : describe(v); };
  if (const YamlNode* allowed = decl.get("AllowedValues")) {
    if (!allowed->isSequence()) {
      error(file, *allowed, "parameter '" + p.name + "': AllowedValues must be a list");
      return false;
    }
    std::vector<std::string> names;
    for (const auto& a : allowed->items)
      names.push_back(a.text);
    for (const auto& v : valuesOf(value)) {
      if (std::find(names.begin(), names.end(), v.scalarText()) == names.end()) {
        error(
            valueFile, valueNode,
            "parameter '" + p.name + "' value " + shown(v) + " is not one of " + joinNames(names));
        ok = false;
      }
    }
  }
  ok = checkNumberBounds(stack, p, decl, valueFile, valueNode, value) && ok;
  ok = checkLengthAndPattern(stack, p, decl, valueFile, valueNode, value) && ok;
  return ok;
}

bool Loader::checkNumberBounds(Stack& stack, const Parameter& p, const YamlNode& decl,
                               const std::string& valueFile, const YamlNode& valueNode,
                               const Value& value) {
  const std::string& file = stack.file->path;
  Shape shape = shapeOf(p.type);
  bool ok = true;
  for (const char* bound : {"MinValue", "MaxValue"}) {
    const YamlNode* b = decl.get(bound);
    if (!b) continue;
    auto limit = numberOf(*b);
    if (!limit || (shape != Shape::Number && shape != Shape::NumberList)) {
      error(file, *b,
            "parameter '" + p.name + "': " + bound +
                " needs a Number or List<Number> parameter and a number");
      ok = false;
      continue;
    }
    bool isMin = std::string_view(bound) == "MinValue";
    for (const auto& v : valuesOf(value)) {
      Value n = v.isString() ? scalarValue(YamlNode{YamlNode::Kind::Scalar, "", v.asString()}) : v;
      if (!n.isNumber()) continue;
      if (isMin ? n.asDouble() < *limit : n.asDouble() > *limit) {
        error(valueFile, valueNode,
              "parameter '" + p.name + "' value " + (p.noEcho ? "(secret)" : describe(v)) + " is " +
                  (isMin ? "less than MinValue " : "greater than MaxValue ") + b->text);
        ok = false;
      }
    }
  }
  return ok;
}

bool Loader::checkLengthAndPattern(Stack& stack, const Parameter& p, const YamlNode& decl,
                                   const std::string& valueFile, const YamlNode& valueNode,
                                   const Value& value) {
  const std::string& file = stack.file->path;
  bool ok = true;
  std::string because;
  if (const YamlNode* cd = decl.get("ConstraintDescription"); cd && cd->isScalar())
    because = " (" + cd->text + ")";
  auto shown = [&](const Value& v) { return p.noEcho ? std::string("(secret)") : describe(v); };
  for (const char* bound : {"MinLength", "MaxLength"}) {
    const YamlNode* b = decl.get(bound);
    if (!b) continue;
    auto limit = numberOf(*b);
    if (!limit || *limit < 0 || std::floor(*limit) != *limit) {
      error(file, *b, "parameter '" + p.name + "': " + bound + " must be a non-negative integer");
      ok = false;
      continue;
    }
    bool isMin = std::string_view(bound) == "MinLength";
    for (const auto& v : valuesOf(value)) {
      auto length = static_cast<double>(v.scalarText().size());
      if (isMin ? length < *limit : length > *limit) {
        error(valueFile, valueNode,
              "parameter '" + p.name + "' value " + shown(v) + " is " +
                  (isMin ? "shorter than MinLength " : "longer than MaxLength ") + b->text +
                  because);
        ok = false;
      }
    }
  }
  const YamlNode* pattern = decl.get("AllowedPattern");
  if (!pattern) return ok;
  std::regex re;
  try {
    re = std::regex(pattern->text, std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    error(file, *pattern,
          "parameter '" + p.name + "': AllowedPattern " + quote(pattern->text) +
              " is not a valid regular expression");
    return false;
  }
  for (const auto& v : valuesOf(value)) {
    if (!std::regex_match(v.scalarText(), re)) {
      error(valueFile, valueNode,
            "parameter '" + p.name + "' value " + shown(v) + " does not match AllowedPattern " +
                quote(pattern->text) + because);
      ok = false;
    }
  }
  return ok;
}

std::optional<Value> Loader::parameterValue(const std::string& file, const std::string& name,
                                            const std::string& type, const YamlNode& node) {
  Shape shape = shapeOf(type);
  if (shape == Shape::String) {
    if (!node.isScalar()) {
      error(file, node, "parameter '" + name + "' must be a string");
      return std::nullopt;
    }
    return Value(node.text);
  }
  if (shape == Shape::Number) {
    Value v = node.isScalar() ? scalarValue(node) : Value();
    if (v.isString()) {
      Value parsed = scalarValue(YamlNode{YamlNode::Kind::Scalar, "", v.asString()});
      if (parsed.isNumber()) v = parsed;
    }
    if (!v.isNumber()) {
      error(file, node,
            "parameter '" + name + "' must be a number, got " +
                (node.isScalar() ? quote(node.text)
                                 : std::string("a ") + (node.isMap() ? "map" : "list")));
      return std::nullopt;
    }
    return v;
  }
  // Lists: "a,b" or a YAML list.
  std::vector<std::string> parts;
  if (node.isSequence()) {
    for (const auto& e : node.items) {
      if (!e.isScalar()) {
        error(file, e, "parameter '" + name + "' must be a list of strings");
        return std::nullopt;
      }
      parts.push_back(e.text);
    }
  } else if (node.isScalar()) {
    parts = splitList(node.text);
  } else {
    error(file, node, "parameter '" + name + "' must be a comma-separated string or a list");
    return std::nullopt;
  }
  Value out = Value::array();
  for (auto& part : parts) {
    if (shape == Shape::NumberList &&
        !numberOf(YamlNode{YamlNode::Kind::Scalar, "", part}).has_value()) {
      error(file, node, "parameter '" + name + "' must be a list of numbers, got " + quote(part));
      return std::nullopt;
    }
    out.push(Value(std::move(part)));
  }
  return out;
}

}  // namespace driftless::reconcile::detail
