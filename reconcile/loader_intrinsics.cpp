// Intrinsic functions evaluated at load time; what needs a live value stays in
// its canonical form (manifest.h).
#include <cstdio>

#include "reconcile/cfnspec_check.h"
#include "reconcile/generated_names.h"
#include "reconcile/loader_internal.h"

namespace driftless::reconcile::detail {

namespace {

// A tagged node is its own argument: the same node without its tag.
YamlNode untag(const YamlNode& n) {
  YamlNode out = n;
  out.tag.clear();
  return out;
}

// Fn::Cidr of an IPv4 block: `count` subnets of 2^bits addresses from its start.
std::optional<std::vector<std::string>> cidrSubnets(const std::string& block, std::int64_t count,
                                                    std::int64_t bits) {
  unsigned a = 0, b = 0, c = 0, d = 0, prefix = 0;
  char tail = 0;
  if (std::sscanf(block.c_str(), "%u.%u.%u.%u/%u%c", &a, &b, &c, &d, &prefix, &tail) != 5 ||
      a > 255 || b > 255 || c > 255 || d > 255 || prefix > 32)
    return std::nullopt;
  if (bits < 1 || bits > 32 - static_cast<std::int64_t>(prefix) || count < 1 || count > 256)
    return std::nullopt;
  std::uint64_t base = (std::uint64_t{a} << 24) | (b << 16) | (c << 8) | d;
  std::uint64_t size = std::uint64_t{1} << bits;
  std::uint64_t blockSize = std::uint64_t{1} << (32 - prefix);
  base &= ~(blockSize - 1);
  if (static_cast<std::uint64_t>(count) * size > blockSize) return std::nullopt;
  std::vector<std::string> out;
  for (std::int64_t i = 0; i < count; ++i) {
    std::uint64_t n = base + static_cast<std::uint64_t>(i) * size;
    out.push_back(std::to_string((n >> 24) & 255) + "." + std::to_string((n >> 16) & 255) + "." +
                  std::to_string((n >> 8) & 255) + "." + std::to_string(n & 255) + "/" +
                  std::to_string(32 - bits));
  }
  return out;
}

std::optional<std::int64_t> integerOf(const Value& v) {
  Value n = v.isString() ? scalarValue(YamlNode{YamlNode::Kind::Scalar, "", v.asString()}) : v;
  if (!n.isInt()) return std::nullopt;
  return n.asInt();
}

}  // namespace

Value Loader::bad(Stack& stack, Resource& res, const YamlNode& at, const std::string& message) {
  error(stack.file->path, at, res.logicalId + ": " + message);
  res.valid = false;
  return Value();
}

Resource Loader::scratch(const std::string& label) const {
  Resource r;
  r.logicalId = label;
  return r;
}

Value Loader::eval(Stack& stack, Resource& res, const YamlNode& n, const std::string& path) {
  if (!path.empty()) res.valueMarks[path] = {n.line, n.column};
  const std::size_t before = diagnostics_.size();
  if (!n.tag.empty()) {
    Value v = evalIntrinsic(stack, res, n.tag.substr(1), n, n, path);
    if (diagnostics_.size() != before) res.failedPaths.insert(path);
    if (!path.empty()) res.valueMarks[path] = {n.line, n.column};  // not the argument's
    return v;
  }
  switch (n.kind) {
    case YamlNode::Kind::Null:
      return Value();
    case YamlNode::Kind::Scalar: {
      Value v = scalarValue(n);
      if (!n.quoted && !v.isString() && !v.isNull()) res.plainText[path] = n.text;
      return v;
    }
    case YamlNode::Kind::Sequence: {
      Value out = Value::array();
      for (std::size_t i = 0; i < n.items.size(); ++i) {
        Value e = eval(stack, res, n.items[i], joinPath(path, std::to_string(out.size())));
        if (!isNoValue(e)) out.push(std::move(e));
      }
      return out;
    }
    case YamlNode::Kind::Map: {
      const std::string& key = n.keys.size() == 1 ? n.keys[0].text : std::string();
      if (key == "Ref" || key.starts_with("Fn::") || (inCondition_ && key == "Condition")) {
        std::string name = key.starts_with("Fn::") ? key.substr(4) : key;
        Value v = evalIntrinsic(stack, res, name, n.items[0], n, path);
        if (diagnostics_.size() != before) res.failedPaths.insert(path);
        if (!path.empty()) res.valueMarks[path] = {n.line, n.column};
        return v;
      }
      Value out = Value::object();
      for (std::size_t i = 0; i < n.keys.size(); ++i) {
        std::string child = joinPath(path, n.keys[i].text);
        res.keyMarks[child] = {n.keys[i].line, n.keys[i].column};
        Value e = eval(stack, res, n.items[i], child);
        if (!isNoValue(e)) out[n.keys[i].text] = std::move(e);
      }
      return out;
    }
  }
  return Value();
}

Value Loader::evalIntrinsic(Stack& stack, Resource& res, const std::string& name,
                            const YamlNode& arg, const YamlNode& at, const std::string& path) {
  YamlNode untagged;
  const YamlNode* a = &arg;
  if (&arg == &at && !at.tag.empty()) {
    untagged = untag(at);
    a = &untagged;
  }
  if (name == "Ref") {
    if (!a->isScalar() || a->text.empty()) return bad(stack, res, at, "!Ref needs a name");
    return ref(stack, res, a->text, at, path, "!Ref");
  }
  if (name == "GetAtt") {
    std::string logical, attr;
    if (a->isScalar() && a->text.find('.') != std::string::npos) {
      auto dot = a->text.find('.');
      logical = a->text.substr(0, dot);
      attr = a->text.substr(dot + 1);
    } else if (a->isSequence() && a->items.size() == 2 && a->items[0].isScalar() &&
               a->items[1].isScalar()) {
      logical = a->items[0].text;
      attr = a->items[1].text;
    } else if (a->isScalar()) {
      return bad(stack, res, at, "!GetAtt needs Resource.Attribute, got " + quote(a->text));
    } else {
      return bad(stack, res, at, "!GetAtt needs Resource.Attribute or [Resource, Attribute]");
    }
    return getAtt(stack, res, logical, attr, at);
  }
  if (name == "Sub") return sub(stack, res, *a, at, path);
  if (name == "Join") return join(stack, res, *a, at, path);
  if (name == "Select") return select(stack, res, *a, at, path);
  if (name == "Split") return split(stack, res, *a, at, path);
  if (name == "Base64") return base64(stack, res, *a, at, path);
  if (name == "Cidr") return cidr(stack, res, *a, at, path);
  if (name == "If") return fnIf(stack, res, *a, at, path);
  if (name == "FindInMap") return findInMap(stack, res, *a, at, path);
  if (name == "ImportValue") return importValue(stack, res, *a, at, path);
  if (name == "Equals" || name == "And" || name == "Or" || name == "Not" || name == "Condition")
    return conditionFunction(stack, res, name, *a, at, path);
  if (name == "Contains" || name == "EachMemberEquals" || name == "EachMemberIn" ||
      name == "RefAll" || name == "ValueOf" || name == "ValueOfAll")
    return ruleFunction(stack, res, name, *a, at, path);
  if (name == "Length" || name == "ToJsonString") {
    if (!stack.languageExtensions)
      return bad(stack, res, at,
                 "Fn::" + name + " needs Transform: AWS::LanguageExtensions in the template");
    std::size_t before = diagnostics_.size();
    Value v = eval(stack, res, *a, path);
    if (diagnostics_.size() != before || v.isNull()) return Value();
    if (hasUnresolved(v))
      return bad(stack, res, at, "Fn::" + name + " needs a value known before apply");
    if (name == "ToJsonString") return Value(v.toJson());
    if (!v.isArray()) return bad(stack, res, at, "Fn::Length needs a list");
    return Value(static_cast<std::int64_t>(v.size()));
  }
  if (name == "GetAZs") return availabilityZones(stack, res, *a, at, path);
  return bad(stack, res, at,
             "unknown tag or intrinsic '" + (at.tag.empty() ? "Fn::" + name : at.tag) + "'");
}

Value Loader::join(Stack& stack, Resource& res, const YamlNode& a, const YamlNode& at,
                   const std::string& path) {
  if (!a.isSequence() || a.items.size() != 2 || !a.items[0].isScalar())
    return bad(stack, res, at, "!Join needs [delimiter, [values...]]");
  std::size_t before = diagnostics_.size();
  Value parts = eval(stack, res, a.items[1], path);
  if (diagnostics_.size() != before || parts.isNull()) return Value();  // reported inside
  if (!parts.isArray() && !hasUnresolved(parts))
    return bad(stack, res, at, "!Join needs a list of values");
  Value form = Value::object();
  form["Fn::Join"] = Value(Value::Array{Value(a.items[0].text), std::move(parts)});
  return resolvePartial(
      form, [](const std::string&, const std::string&) { return std::optional<Value>(); });
}

Value Loader::select(Stack& stack, Resource& res, const YamlNode& a, const YamlNode& at,
                     const std::string& path) {
  if (!a.isSequence() || a.items.size() != 2)
    return bad(stack, res, at, "!Select needs [index, [values...]]");
  std::size_t before = diagnostics_.size();
  Value index = eval(stack, res, a.items[0], path);
  if (diagnostics_.size() != before || index.isNull()) return Value();
  auto i = integerOf(index);
  if (!i || *i < 0) return bad(stack, res, at, "!Select index must be a non-negative integer");
  Value list = eval(stack, res, a.items[1], path);
  if (diagnostics_.size() != before || list.isNull()) return Value();
  if (list.isArray()) {
    if (static_cast<std::size_t>(*i) >= list.size())
      return bad(stack, res, at,
                 "!Select index " + std::to_string(*i) + " is out of range (list has " +
                     std::to_string(list.size()) + " values)");
    return list.asArray()[static_cast<std::size_t>(*i)];
  }
  if (!hasUnresolved(list)) return bad(stack, res, at, "!Select needs a list of values");
  Value form = Value::object();
  form["Fn::Select"] = Value(Value::Array{Value(*i), std::move(list)});
  return form;
}

Value Loader::split(Stack& stack, Resource& res, const YamlNode& a, const YamlNode& at,
                    const std::string& path) {
  if (!a.isSequence() || a.items.size() != 2 || !a.items[0].isScalar())
    return bad(stack, res, at, "!Split needs [delimiter, string]");
  std::size_t before = diagnostics_.size();
  Value text = eval(stack, res, a.items[1], path);
  if (diagnostics_.size() != before || text.isNull()) return Value();
  if (text.isString()) return splitText(a.items[0].text, text.asString());
  if (!hasUnresolved(text)) return bad(stack, res, at, "!Split needs a string to split");
  Value form = Value::object();
  form["Fn::Split"] = Value(Value::Array{Value(a.items[0].text), std::move(text)});
  return form;
}

Value Loader::base64(Stack& stack, Resource& res, const YamlNode& a, const YamlNode& at,
                     const std::string& path) {
  std::size_t before = diagnostics_.size();
  Value text = eval(stack, res, a, path);
  if (diagnostics_.size() != before || text.isNull()) return Value();
  if (text.isString()) return Value(base64Encode(text.asString()));
  if (!hasUnresolved(text)) return bad(stack, res, at, "!Base64 needs a string");
  Value form = Value::object();
  form["Fn::Base64"] = std::move(text);
  return form;
}

Value Loader::cidr(Stack& stack, Resource& res, const YamlNode& a, const YamlNode& at,
                   const std::string& path) {
  if (!a.isSequence() || a.items.size() != 3)
    return bad(stack, res, at, "!Cidr needs [ipBlock, count, cidrBits]");
  std::size_t before = diagnostics_.size();
  Value block = eval(stack, res, a.items[0], path);
  auto count = integerOf(eval(stack, res, a.items[1], path));
  auto bits = integerOf(eval(stack, res, a.items[2], path));
  if (diagnostics_.size() != before) return Value();
  if (!block.isString() || !count || !bits)
    return bad(stack, res, at, "!Cidr needs an IPv4 block and two integers known before apply");
  auto subnets = cidrSubnets(block.asString(), *count, *bits);
  if (!subnets)
    return bad(stack, res, at,
               "!Cidr cannot cut " + std::to_string(*count) + " blocks of " +
                   std::to_string(*bits) + " host bits from " + quote(block.asString()));
  Value out = Value::array();
  for (auto& s : *subnets)
    out.push(Value(std::move(s)));
  return out;
}

Value Loader::pseudo(Stack& stack, const std::string& name, bool* found) {
  *found = true;
  if (name == "AWS::Region") return Value(ctx_.region);
  if (name == "AWS::AccountId") return Value(ctx_.accountId);
  if (name == "AWS::Partition") return Value(ctx_.partition);
  if (name == "AWS::StackName") return Value(stack.name);
  if (name == "AWS::StackId") return Value(syntheticStackId(ctx_, stack.name));
  if (name == "AWS::URLSuffix")
    return Value(ctx_.partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com");
  if (name == "AWS::NotificationARNs") return Value::array();
  if (name == "AWS::NoValue") return noValue();
  if (name == "Driftless::Environment") return Value(ctx_.environment);
  *found = false;
  return Value();
}

Value Loader::ref(Stack& stack, Resource& res, const std::string& name, const YamlNode& at,
                  const std::string& path, const char* what) {
  bool isPseudo = false;
  if (Value v = pseudo(stack, name, &isPseudo); isPseudo) return v;
  if (auto p = stack.parameters.find(name); p != stack.parameters.end()) {
    if (p->second.noEcho) res.out.secretPaths.push_back(path);
    if (!p->second.valid) res.failedPaths.insert(path);  // reported where declared
    return p->second.value;  // an invalid parameter was reported where declared
  }
  if (auto target = stack.resources.find(name); target != stack.resources.end()) {
    if (target->second.excluded)
      return bad(stack, res, at,
                 std::string(what) + " refers to resource '" + name +
                     "', which is not created (its condition '" + target->second.condition +
                     "' is false)");
    if (name == res.logicalId) {
      error(stack.file->path, at, res.logicalId + ": " + what + " refers to the resource itself");
      res.valid = false;
      return Value();
    }
    res.dependsOn.insert(name);
    Value form = Value::object();
    form["Ref"] = Value(name);
    return form;
  }
  error(stack.file->path, at,
        res.logicalId + ": " + what + " refers to unknown resource or parameter '" + name + "'");
  res.valid = false;
  return Value();
}

Value Loader::getAtt(Stack& stack, Resource& res, const std::string& logical,
                     const std::string& attr, const YamlNode& at) {
  auto it = stack.resources.find(logical);
  if (it == stack.resources.end()) {
    error(stack.file->path, at,
          res.logicalId + ": !GetAtt refers to unknown resource '" + logical + "'");
    res.valid = false;
    return Value();
  }
  if (logical == res.logicalId) {
    error(stack.file->path, at, res.logicalId + ": !GetAtt refers to the resource itself");
    res.valid = false;
    return Value();
  }
  if (it->second.excluded)
    return bad(stack, res, at,
               "!GetAtt refers to resource '" + logical +
                   "', which is not created (its condition '" + it->second.condition +
                   "' is false)");
  const TypeInfo* info = it->second.info;
  const YamlNode* targetType = it->second.node->isMap() ? it->second.node->get("Type") : nullptr;
  if (!info && targetType && targetType->isScalar()) {
    if (auto problem = unmanagedAttributeProblem(targetType->text, logical, attr)) {
      error(stack.file->path, at, res.logicalId + ": " + *problem);
      res.valid = false;
      return Value();
    }
  }
  if (info && std::find(info->getAttributes.begin(), info->getAttributes.end(), attr) ==
                  info->getAttributes.end()) {
    error(stack.file->path, at,
          res.logicalId + ": " + info->type + " " + logical + " has no attribute '" + attr +
              "' (has " + joinNames(info->getAttributes) + ")");
    res.valid = false;
    return Value();
  }
  res.dependsOn.insert(logical);
  Value form = Value::object();
  form["Fn::GetAtt"] = Value(Value::Array{Value(logical), Value(attr)});
  return form;
}

Value Loader::sub(Stack& stack, Resource& res, const YamlNode& arg, const YamlNode& at,
                  const std::string& path) {
  const std::string& lid = res.logicalId;
  const YamlNode* text = &arg;
  std::map<std::string, Value> vars;
  if (arg.isSequence()) {
    if (arg.items.size() != 2 || !arg.items[0].isScalar() || !arg.items[1].isMap()) {
      error(stack.file->path, at, lid + ": !Sub needs a string or [string, {Var: value}]");
      res.valid = false;
      return Value();
    }
    text = &arg.items[0];
    const YamlNode& m = arg.items[1];
    for (std::size_t i = 0; i < m.keys.size(); ++i)
      vars[m.keys[i].text] = eval(stack, res, m.items[i], path);
  } else if (!arg.isScalar()) {
    error(stack.file->path, at, lid + ": !Sub needs a string or [string, {Var: value}]");
    res.valid = false;
    return Value();
  }
  const std::string& s = text->text;
  Value parts = Value::array();
  std::string literal;
  bool ok = true;
  std::size_t i = 0;
  while (i < s.size()) {
    auto open = s.find("${", i);
    if (open == std::string::npos) {
      literal += s.substr(i);
      break;
    }
    literal += s.substr(i, open - i);
    auto close = s.find('}', open);
    if (close == std::string::npos) {
      error(stack.file->path, at, lid + ": !Sub has an unterminated ${ in " + quote(s));
      res.valid = false;
      return Value();
    }
    std::string name = s.substr(open + 2, close - open - 2);
    i = close + 1;
    if (!name.empty() && name[0] == '!') {  // ${!Literal} is the text ${Literal}
      literal += "${" + name.substr(1) + "}";
      continue;
    }
    while (!name.empty() && name.front() == ' ')
      name.erase(name.begin());
    while (!name.empty() && name.back() == ' ')
      name.pop_back();
    Value v;
    if (auto var = vars.find(name); var != vars.end()) {
      v = var->second;
    } else if (name.find('.') != std::string::npos && !name.starts_with("AWS::") &&
               !name.starts_with("Driftless::")) {
      auto dot = name.find('.');
      v = getAtt(stack, res, name.substr(0, dot), name.substr(dot + 1), at);
      if (v.isNull()) ok = false;
    } else {
      v = ref(stack, res, name, at, path, "!Sub");
      if (v.isNull()) ok = false;
    }
    if (hasUnresolved(v)) {
      if (!literal.empty()) parts.push(Value(literal));
      literal.clear();
      parts.push(std::move(v));
    } else if (v.isArray()) {
      std::string joined;
      for (const auto& e : v.asArray())
        joined += (joined.empty() ? "" : ",") + e.scalarText();
      literal += joined;
    } else {
      literal += v.scalarText();
    }
  }
  if (!ok) return Value();
  if (parts.size() == 0) return Value(literal);
  if (!literal.empty()) parts.push(Value(literal));
  Value form = Value::object();
  form["Fn::Join"] = Value(Value::Array{Value(""), std::move(parts)});
  return form;
}

}  // namespace driftless::reconcile::detail
