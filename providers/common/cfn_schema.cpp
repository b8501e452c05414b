#include "providers/common/cfn_schema.h"

#include <stdexcept>
#include <string>

#include "providers/cfnspec/cfnspec.h"

namespace driftless::common {
namespace {

using cfnspec::ValueType;
using Kind = PropertySpec::Kind;

// The fields asked for below one name: empty = all of the database's.
struct Wanted {
  std::string name;
  std::vector<Wanted> fields;
};

void insert(std::vector<Wanted>& into, std::string_view path) {
  auto dot = path.find('.');
  std::string_view head = path.substr(0, dot);
  Wanted* node = nullptr;
  for (auto& w : into)
    if (w.name == head) node = &w;
  if (!node) node = &into.emplace_back(Wanted{std::string(head), {}});
  if (dot != std::string_view::npos) insert(node->fields, path.substr(dot + 1));
}

class Shaper {
 public:
  Shaper(const cfnspec::Database& db, const cfnspec::ResourceType& type) : db_(db), type_(type) {}

  PropertySpec property(const cfnspec::Property& p, const Wanted& w, const std::string& path) {
    // The type's tag list is Tags whatever its elements are called (Step Functions'
    // TagsEntry is a {Key, Value} structure rather than the database's tag).
    bool tagList = path == type_.tagProperty && p.type.kind == ValueType::Kind::List;
    PropertySpec s = tagList ? PropertySpec::tags("") : shape(p.type, w, path);
    s.name = p.name;
    s.required = p.required;
    s.immutable = p.replaces;
    return s;
  }

 private:
  static bool isPrimitive(const ValueType& t, std::string_view name) {
    return t.kind == ValueType::Kind::Primitive && t.primitive == name;
  }

  // A union driftless takes one way: JSON or a string holding it (policy
  // documents) is Json; a structure or JSON (DynamoDB's KeySchema) the structure.
  const ValueType* unionAs(const ValueType& t) const {
    const ValueType* structured = nullptr;
    bool json = false, other = false;
    for (const auto& e : t.elements) {
      if (isPrimitive(e, "json"))
        json = true;
      else if (e.kind != ValueType::Kind::Primitive)
        structured = &e;
      else if (!isPrimitive(e, "string") || !e.allowed.empty())
        other = true;
    }
    if (!json || other) return nullptr;
    static const ValueType kJson{ValueType::Kind::Primitive, "json", -1, {}, {}};
    return structured ? structured : &kJson;
  }

  [[noreturn]] void fail(const std::string& path, const std::string& why) const {
    throw std::logic_error(type_.name + " " + path + ": " + why);
  }

  PropertySpec shape(const ValueType& t, const Wanted& w, const std::string& path) {
    switch (t.kind) {
      case ValueType::Kind::Primitive:
        if (!w.fields.empty()) fail(path, "fields named below a " + t.primitive);
        return primitive(t, path);
      case ValueType::Kind::Struct:
        return object(db_.def(t.def), w, path);
      case ValueType::Kind::List:
        if (isPrimitive(t.elements.at(0), "tag")) return PropertySpec::tags("");
        return PropertySpec::list("", shape(t.elements.at(0), w, path));
      case ValueType::Kind::Map:
        return PropertySpec::map("", shape(t.elements.at(0), w, path));
      case ValueType::Kind::Union:
        if (const ValueType* as = unionAs(t)) return shape(*as, w, path);
        break;
    }
    fail(path, "a union of types (" + db_.describe(t) + "): declare it by hand");
  }

  PropertySpec primitive(const ValueType& t, const std::string& path) const {
    const std::string& p = t.primitive;
    if (p == "string" || p == "date-time") return PropertySpec::string("").oneOf(t.allowed);
    if (p == "integer") return PropertySpec::integer("");
    if (p == "number") return PropertySpec::number("");
    if (p == "boolean") return PropertySpec::boolean("");
    if (p == "json") return PropertySpec::json("");
    fail(path, "a " + p + ": declare it by hand");
  }

  PropertySpec object(const cfnspec::Struct& s, const Wanted& w, const std::string& path) {
    std::vector<PropertySpec> fields;
    if (w.fields.empty()) {
      for (const auto& f : s.properties)
        fields.push_back(property(f, Wanted{f.name, {}}, path + "." + f.name));
    }
    for (const auto& wf : w.fields) {
      const cfnspec::Property* f = s.property(wf.name);
      if (!f) fail(path + "." + wf.name, "not a field of " + s.name + " in the database");
      fields.push_back(property(*f, wf, path + "." + wf.name));
    }
    return PropertySpec::object("", std::move(fields));
  }

  const cfnspec::Database& db_;
  const cfnspec::ResourceType& type_;
};

}  // namespace

std::vector<PropertySpec> fromDatabase(std::string_view type,
                                       const std::vector<std::string_view>& paths) {
  const cfnspec::Database& db = cfnspec::database();
  const cfnspec::ResourceType* t = db.type(type);
  if (!t) throw std::logic_error(std::string(type) + ": not in the CloudFormation database");
  std::vector<Wanted> wanted;
  for (auto p : paths)
    insert(wanted, p);
  Shaper shaper(db, *t);
  std::vector<PropertySpec> out;
  out.reserve(wanted.size());
  for (const auto& w : wanted) {
    const cfnspec::Property* p = t->property(w.name);
    if (!p) throw std::logic_error(std::string(type) + " " + w.name + ": not in the database");
    out.push_back(shaper.property(*p, w, w.name));
  }
  return out;
}

void manage(TypeInfo& t, const std::vector<std::string_view>& paths) {
  t.properties = fromDatabase(t.type, paths);
}

PropertySpec& at(std::vector<PropertySpec>& props, std::string_view path) {
  std::vector<PropertySpec>* fields = &props;
  PropertySpec* cur = nullptr;
  std::string_view rest = path;
  while (true) {
    auto dot = rest.find('.');
    std::string_view name = rest.substr(0, dot);
    cur = nullptr;
    for (auto& f : *fields)
      if (f.name == name) cur = &f;
    if (!cur) throw std::logic_error("no property " + std::string(path) + " to override");
    if (dot == std::string_view::npos) return *cur;
    rest = rest.substr(dot + 1);
    while ((cur->kind == Kind::List || cur->kind == Kind::Map) && !cur->element.empty())
      cur = &cur->element[0];
    fields = &cur->fields;
  }
}

}  // namespace driftless::common
