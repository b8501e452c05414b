#include "reconcile/intrinsics.h"

#include <string_view>

namespace driftless::reconcile {

namespace {

enum class Form { None, Ref, GetAtt, Join, Select, Split, Base64 };

Form formOf(const Value& v) {
  if (!v.isObject() || v.size() != 1) return Form::None;
  const auto& [key, arg] = *v.asObject().begin();
  if (key == "Ref" && arg.isString()) return Form::Ref;
  if (key == "Fn::GetAtt" && arg.isArray() && arg.size() == 2) return Form::GetAtt;
  if (key == "Fn::Join" && arg.isArray() && arg.size() == 2) return Form::Join;
  if (key == "Fn::Select" && arg.isArray() && arg.size() == 2) return Form::Select;
  if (key == "Fn::Split" && arg.isArray() && arg.size() == 2) return Form::Split;
  if (key == "Fn::Base64") return Form::Base64;
  return Form::None;
}

const Value& argOf(const Value& v) {
  return v.asObject().begin()->second;
}

Value qualify(const Value& v, const std::string& stack) {
  switch (formOf(v)) {
    case Form::Ref: {
      const std::string& logical = argOf(v).asString();
      if (logical.find('/') != std::string::npos || logical.starts_with("AWS::")) return v;
      Value out = Value::object();
      out["Ref"] = Value(stack + "/" + logical);
      return out;
    }
    case Form::GetAtt: {
      const auto& a = argOf(v).asArray();
      if (!a[0].isString() || a[0].asString().find('/') != std::string::npos) return v;
      Value out = Value::object();
      out["Fn::GetAtt"] = Value(Value::Array{Value(stack + "/" + a[0].asString()), a[1]});
      return out;
    }
    default:
      break;
  }
  if (v.isArray()) {
    Value out = Value::array();
    for (const auto& e : v.asArray())
      out.push(qualify(e, stack));
    return out;
  }
  if (v.isObject()) {
    Value out = Value::object();
    for (const auto& [k, e] : v.asObject())
      out[k] = qualify(e, stack);
    return out;
  }
  return v;
}

// Resolves what `lookup` knows; `missing` collects what it does not.
Value resolve(const Value& v, const AttributeLookup& lookup,
              std::vector<std::pair<std::string, std::string>>* missing) {
  switch (formOf(v)) {
    case Form::Ref: {
      const std::string& logical = argOf(v).asString();
      if (auto known = lookup(logical, "")) return *known;
      if (missing) missing->emplace_back(logical, "");
      return v;
    }
    case Form::GetAtt: {
      const auto& a = argOf(v).asArray();
      if (!a[0].isString() || !a[1].isString()) return v;
      if (auto known = lookup(a[0].asString(), a[1].asString())) return *known;
      if (missing) missing->emplace_back(a[0].asString(), a[1].asString());
      return v;
    }
    case Form::Join: {
      const auto& a = argOf(v).asArray();
      Value parts = resolve(a[1], lookup, missing);
      if (!a[0].isString() || !parts.isArray() || hasUnresolved(parts)) {
        Value out = Value::object();
        out["Fn::Join"] = Value(Value::Array{a[0], std::move(parts)});
        return out;
      }
      std::string joined;
      bool first = true;
      for (const auto& p : parts.asArray()) {
        if (!first) joined += a[0].asString();
        first = false;
        joined += p.scalarText();
      }
      return Value(std::move(joined));
    }
    case Form::Select: {
      const auto& a = argOf(v).asArray();
      Value list = resolve(a[1], lookup, missing);
      if (a[0].isInt() && list.isArray() && !hasUnresolved(list)) {
        auto index = a[0].asInt();
        if (index >= 0 && static_cast<std::size_t>(index) < list.size())
          return list.asArray()[static_cast<std::size_t>(index)];
      }
      Value out = Value::object();
      out["Fn::Select"] = Value(Value::Array{a[0], std::move(list)});
      return out;
    }
    case Form::Split: {
      const auto& a = argOf(v).asArray();
      Value text = resolve(a[1], lookup, missing);
      if (a[0].isString() && text.isString()) return splitText(a[0].asString(), text.asString());
      Value out = Value::object();
      out["Fn::Split"] = Value(Value::Array{a[0], std::move(text)});
      return out;
    }
    case Form::Base64: {
      Value text = resolve(argOf(v), lookup, missing);
      if (text.isString()) return Value(base64Encode(text.asString()));
      Value out = Value::object();
      out["Fn::Base64"] = std::move(text);
      return out;
    }
    case Form::None:
      break;
  }
  if (v.isArray()) {
    Value out = Value::array();
    for (const auto& e : v.asArray())
      out.push(resolve(e, lookup, missing));
    return out;
  }
  if (v.isObject()) {
    Value out = Value::object();
    for (const auto& [k, e] : v.asObject())
      out[k] = resolve(e, lookup, missing);
    return out;
  }
  return v;
}

void collect(const Value& v, std::vector<std::pair<std::string, std::string>>& out) {
  switch (formOf(v)) {
    case Form::Ref:
      out.emplace_back(argOf(v).asString(), "");
      return;
    case Form::GetAtt: {
      const auto& a = argOf(v).asArray();
      if (a[0].isString() && a[1].isString()) out.emplace_back(a[0].asString(), a[1].asString());
      return;
    }
    case Form::Join:
    case Form::Select:
    case Form::Split:
      collect(argOf(v).asArray()[1], out);
      return;
    case Form::Base64:
      collect(argOf(v), out);
      return;
    case Form::None:
      break;
  }
  if (v.isArray())
    for (const auto& e : v.asArray())
      collect(e, out);
  if (v.isObject())
    for (const auto& [k, e] : v.asObject())
      collect(e, out);
}

}  // namespace

bool hasUnresolved(const Value& v) {
  if (formOf(v) != Form::None) return true;
  if (v.isArray()) {
    for (const auto& e : v.asArray())
      if (hasUnresolved(e)) return true;
  } else if (v.isObject()) {
    for (const auto& [k, e] : v.asObject())
      if (hasUnresolved(e)) return true;
  }
  return false;
}

Value resolvePartial(const Value& v, const AttributeLookup& lookup) {
  if (!hasUnresolved(v)) return v;
  return resolve(v, lookup, nullptr);
}

Result<Value> resolveAll(const Value& v, const AttributeLookup& lookup) {
  if (!hasUnresolved(v)) return v;
  std::vector<std::pair<std::string, std::string>> missing;
  Value out = resolve(v, lookup, &missing);
  if (!missing.empty() || hasUnresolved(out)) {
    std::string what = missing.empty()
                           ? std::string("a value")
                           : missing.front().first + (missing.front().second.empty()
                                                          ? std::string(" (Ref)")
                                                          : "." + missing.front().second);
    return fail(ErrorKind::Invalid, "value of " + what + " is not known");
  }
  return out;
}

ResourceId referencedId(const std::string& ownStack, const std::string& logical) {
  auto slash = logical.find('/');
  if (slash == std::string::npos) return {ownStack, logical};
  return {logical.substr(0, slash), logical.substr(slash + 1)};
}

Value qualifyReferences(const Value& v, const std::string& stack) {
  if (!hasUnresolved(v)) return v;
  return qualify(v, stack);
}

Value splitText(const std::string& delimiter, const std::string& text) {
  Value out = Value::array();
  if (delimiter.empty()) {
    out.push(Value(text));
    return out;
  }
  std::size_t start = 0;
  while (true) {
    auto at = text.find(delimiter, start);
    out.push(Value(text.substr(start, at == std::string::npos ? std::string::npos : at - start)));
    if (at == std::string::npos) break;
    start = at + delimiter.size();
  }
  return out;
}

std::string base64Encode(std::string_view in) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(in[i]) << 16) |
                 (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    for (int shift : {18, 12, 6, 0})
      out += kDigits[(n >> shift) & 63];
  }
  if (std::size_t rest = in.size() - i; rest > 0) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kDigits[(n >> 18) & 63];
    out += kDigits[(n >> 12) & 63];
    out += rest == 2 ? kDigits[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> unresolvedReferences(const Value& v) {
  std::vector<std::pair<std::string, std::string>> out;
  collect(v, out);
  return out;
}

}  // namespace driftless::reconcile
