#include "reconcile/cfnspec_check.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "providers/cfnspec/cfnspec.h"
#include "providers/cfnspec/coverage.h"
#include "reconcile/intrinsics.h"
#include "reconcile/loader_internal.h"

namespace driftless::reconcile {
namespace {

using cfnspec::Database;
using cfnspec::ValueType;
using Kind = cfnspec::ValueType::Kind;

std::string singleQuoted(std::string_view s) {
  return "'" + std::string(s) + "'";
}

std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  auto best = cfnspec::closest(word, candidates);
  return best ? " (did you mean " + singleQuoted(*best) + "?)" : "";
}

std::string join(const std::string& base, std::string_view name) {
  return base.empty() ? std::string(name) : base + "." + std::string(name);
}

bool numeric(const Value& v, bool integer) {
  if (v.isInt()) return true;
  if (v.isDouble()) return !integer || std::floor(v.asDouble()) == v.asDouble();
  if (!v.isString() || v.asString().empty()) return false;
  const std::string& s = v.asString();
  char* end = nullptr;
  if (integer) {
    (void)std::strtoll(s.c_str(), &end, 10);
  } else {
    (void)std::strtod(s.c_str(), &end);
  }
  return end && *end == '\0';
}

class Checker {
 public:
  Checker(const Database& db, const cfnspec::ResourceType& type, const std::set<std::string>& skip)
      : db_(db), type_(type), skip_(skip) {}

  void fields(const std::vector<cfnspec::Property>& props, const Value& v,
              const std::string& path) {
    std::vector<std::string> names;
    for (const auto& p : props)
      names.push_back(p.name);
    for (const auto& [name, child] : v.asObject()) {
      std::string cp = join(path, name);
      auto it = std::lower_bound(
          props.begin(), props.end(), name,
          [](const cfnspec::Property& p, const std::string& n) { return p.name < n; });
      if (it == props.end() || it->name != name) {
        add(SchemaProblem::At::Key, cp,
            "unknown property " + singleQuoted(cp) + " of " + type_.name + didYouMean(name, names));
        continue;
      }
      value(it->type, child, cp);
    }
    for (const auto& p : props)
      if (p.required && !v.find(p.name))
        add(SchemaProblem::At::Key, path,
            "missing required property " + singleQuoted(join(path, p.name)) + " of " + type_.name);
  }

  void value(const ValueType& t, const Value& v, const std::string& path) {
    if (skip_.count(path)) return;
    if (hasUnresolved(v) && (!v.isObject() || v.size() == 1) && !v.isArray()) return;
    if (!accepts(t, v)) {
      add(SchemaProblem::At::Value, path,
          "property " + singleQuoted(path) + " must be " + expected(t) + ", got " +
              detail::describe(v));
      return;
    }
    switch (t.kind) {
      case Kind::Struct:
        return fields(db_.def(t.def).properties, v, path);
      case Kind::List:
        for (std::size_t i = 0; i < v.size(); ++i)
          value(t.elements[0], v.asArray()[i], join(path, std::to_string(i)));
        return;
      case Kind::Map:
        for (const auto& [k, child] : v.asObject())
          value(t.elements[0], child, join(path, k));
        return;
      case Kind::Primitive:
      case Kind::Union:
        return;
    }
  }

  std::vector<SchemaProblem> problems;

 private:
  void add(SchemaProblem::At at, const std::string& path, std::string message) {
    problems.push_back({at, path, std::move(message)});
  }

  // Whether the value has the shape of `t` (fields are checked afterwards).
  bool accepts(const ValueType& t, const Value& v) const {
    switch (t.kind) {
      case Kind::Struct:
      case Kind::Map:
        return v.isObject();
      case Kind::List:
        return v.isArray();
      case Kind::Union:
        for (const auto& e : t.elements)
          if (accepts(e, v)) return true;
        return false;
      case Kind::Primitive:
        break;
    }
    const std::string& p = t.primitive;
    if (p == "json") return true;
    if (p == "tag") return v.isObject() && v.find("Key") && v.find("Value");
    if (p == "integer") return numeric(v, true);
    if (p == "number") return numeric(v, false);
    if (p == "boolean")
      return v.isBool() || (v.isString() && (v.asString() == "true" || v.asString() == "false"));
    return v.isScalar() && !v.isNull();
  }

  std::string expected(const ValueType& t) const {
    switch (t.kind) {
      case Kind::Struct:
      case Kind::Map:
        return "a map";
      case Kind::List:
        return "a list";
      case Kind::Union: {
        std::string out;
        for (const auto& e : t.elements)
          out += (out.empty() ? "" : " or ") + expected(e);
        return out;
      }
      case Kind::Primitive:
        break;
    }
    const std::string& p = t.primitive;
    if (p == "tag") return "a tag {Key, Value}";
    if (p == "integer") return "an integer";
    if (p == "number") return "a number";
    if (p == "boolean") return "true or false";
    return "a string";
  }

  const Database& db_;
  const cfnspec::ResourceType& type_;
  const std::set<std::string>& skip_;
};

}  // namespace

bool isCloudFormationType(std::string_view type) {
  return cfnspec::database().type(type) != nullptr;
}

std::string unknownTypeMessage(std::string_view type, const std::vector<std::string>& managed) {
  std::vector<std::string> names = managed;
  const auto& all = cfnspec::database().typeNames();
  names.insert(names.end(), all.begin(), all.end());
  return "unknown resource type " + singleQuoted(type) + didYouMean(type, names);
}

std::vector<SchemaProblem> checkUnmanagedType(std::string_view type, const Value& properties,
                                              const std::set<std::string>& skip) {
  const Database& db = cfnspec::database();
  const cfnspec::ResourceType* t = db.type(type);
  if (!t) return {};
  Checker c(db, *t, skip);
  if (properties.isObject()) c.fields(t->properties, properties, "");
  c.problems.push_back(
      {SchemaProblem::At::Type, "",
       std::string(type) + " is a CloudFormation type driftless does not manage yet"});
  return std::move(c.problems);
}

std::string undeclaredPropertyMessage(std::string_view type, const std::string& path,
                                      const std::vector<std::string>& declared) {
  const Database& db = cfnspec::database();
  const cfnspec::ResourceType* t = db.type(type);
  auto dot = path.rfind('.');
  std::string parent = dot == std::string::npos ? std::string() : path.substr(0, dot);
  std::string leaf = dot == std::string::npos ? path : path.substr(dot + 1);
  if (t && db.property(*t, path)) {
    std::string top = path.substr(0, path.find('.'));
    std::string reason = cfnspec::refusalReason(type, top);
    return "property " + singleQuoted(path) + " of " + std::string(type) + " is not supported yet" +
           (reason.empty() ? "" : " (" + reason + ")");
  }
  std::vector<std::string> names = declared;
  if (t)
    for (auto& n : db.namesAt(*t, parent))
      names.push_back(std::move(n));
  return "unknown property " + singleQuoted(path) + " of " + std::string(type) +
         didYouMean(leaf, names);
}

std::optional<std::string> unmanagedAttributeProblem(std::string_view type,
                                                     const std::string& logical,
                                                     const std::string& attr) {
  const cfnspec::ResourceType* t = cfnspec::database().type(type);
  if (!t || t->hasAttribute(attr)) return std::nullopt;
  return std::string(type) + " " + logical + " has no attribute " + singleQuoted(attr) +
         didYouMean(attr, t->attributes);
}

}  // namespace driftless::reconcile
