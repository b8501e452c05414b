#include "providers/common/declared.h"

#include <yaml.h>

#include <map>
#include <stdexcept>

#include "providers/common/cfn_schema.h"

namespace driftless::common {

namespace {

// A types.yaml as a plain tree (libyaml's events; yaml-cpp took 24 ms for all
// the files, this about 1).
struct Node {
  enum class Kind { Scalar, Sequence, Map } kind = Kind::Scalar;
  std::string text;               // Scalar
  int line = 0;                   // 1-based
  std::vector<Node> items;        // Sequence elements, or Map values
  std::vector<std::string> keys;  // Map keys, parallel to items
  std::vector<int> keyLines;
  bool IsScalar() const { return kind == Kind::Scalar; }
  bool IsSequence() const { return kind == Kind::Sequence; }
  bool IsMap() const { return kind == Kind::Map; }
};

[[noreturn]] void fail(std::string_view path, int line, const std::string& why) {
  throw std::logic_error(std::string(path) + ":" + std::to_string(line) + ": " + why);
}
[[noreturn]] void fail(std::string_view path, const Node& at, const std::string& why) {
  fail(path, at.line, why);
}

class TreeReader {
 public:
  TreeReader(std::string_view path, std::string_view text) : path_(path) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~TreeReader() { yaml_parser_delete(&parser_); }
  TreeReader(const TreeReader&) = delete;
  TreeReader& operator=(const TreeReader&) = delete;

  // The first document's root (an empty map for an empty file).
  Node root() {
    while (true) {
      Event ev(*this);
      if (ev.e.type == YAML_STREAM_END_EVENT) return Node{.kind = Node::Kind::Map, .line = 1};
      if (ev.e.type != YAML_STREAM_START_EVENT && ev.e.type != YAML_DOCUMENT_START_EVENT)
        return node(ev.e);
    }
  }

 private:
  struct Event {
    explicit Event(TreeReader& r) {
      if (!yaml_parser_parse(&r.parser_, &e))
        fail(r.path_, static_cast<int>(r.parser_.problem_mark.line) + 1,
             r.parser_.problem ? r.parser_.problem : "not YAML");
    }
    ~Event() { yaml_event_delete(&e); }
    Event(const Event&) = delete;
    Event& operator=(const Event&) = delete;
    yaml_event_t e;
  };

  Node node(const yaml_event_t& e) {
    Node n{.line = static_cast<int>(e.start_mark.line) + 1};
    if (e.type == YAML_SCALAR_EVENT) {
      n.text.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
      return n;
    }
    if (e.type != YAML_SEQUENCE_START_EVENT && e.type != YAML_MAPPING_START_EVENT)
      fail(path_, n, "anchors and aliases are not used in types.yaml");
    const bool map = e.type == YAML_MAPPING_START_EVENT;
    n.kind = map ? Node::Kind::Map : Node::Kind::Sequence;
    while (true) {
      Event ev(*this);
      if (ev.e.type == YAML_SEQUENCE_END_EVENT || ev.e.type == YAML_MAPPING_END_EVENT) return n;
      if (map) {
        Node key = node(ev.e);
        if (!key.IsScalar()) fail(path_, key, "a key must be a string");
        n.keys.push_back(std::move(key.text));
        n.keyLines.push_back(key.line);
        Event value(*this);
        n.items.push_back(node(value.e));
      } else {
        n.items.push_back(node(ev.e));
      }
    }
  }

  std::string_view path_;
  yaml_parser_t parser_;
};

std::string text(std::string_view path, const Node& n, const std::string& key) {
  if (!n.IsScalar()) fail(path, n, key + ": must be a string");
  return n.text;
}

std::vector<std::string> texts(std::string_view path, const Node& n, const std::string& key) {
  if (!n.IsSequence()) fail(path, n, key + ": must be a list of strings");
  std::vector<std::string> out;
  for (const auto& e : n.items)
    out.push_back(text(path, e, key));
  return out;
}

bool flag(std::string_view path, const Node& n, const std::string& key) {
  if (!n.IsScalar() || (n.text != "true" && n.text != "false"))
    fail(path, n, key + ": must be true or false");
  return n.text == "true";
}

std::vector<std::pair<std::string, std::vector<std::string>>> valueLists(std::string_view path,
                                                                         const Node& n) {
  if (!n.IsMap()) fail(path, n, "values: must map property paths to lists of values");
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (std::size_t i = 0; i < n.keys.size(); ++i)
    out.emplace_back(n.keys[i], texts(path, n.items[i], "values." + n.keys[i]));
  return out;
}

// The property-path lists of a type (Declared's `required` to `secret`).
std::vector<std::string>* pathList(Declared& d, const std::string& key) {
  const std::pair<const char*, std::vector<std::string> Declared::*> lists[] = {
      {"required", &Declared::required},   {"optional", &Declared::optional},
      {"immutable", &Declared::immutable}, {"mutable", &Declared::mutableProps},
      {"integer", &Declared::integer},     {"json", &Declared::json},
      {"secret", &Declared::secret}};
  for (const auto& [name, member] : lists)
    if (key == name) return &(d.*member);
  return nullptr;
}

// The TypeSpec field `key` names, from `v`; false when `key` is none of them.
bool setSpecField(TypeSpec& s, std::string_view path, const std::string& key, const Node& v) {
  const std::pair<const char*, std::string TypeSpec::*> strings[] = {
      {"name", &TypeSpec::name}, {"ref", &TypeSpec::ref}, {"tagsInBulk", &TypeSpec::tagsInBulk}};
  const std::pair<const char*, std::vector<std::string> TypeSpec::*> lists[] = {
      {"attributes", &TypeSpec::attributes},
      {"manage", &TypeSpec::manage},
      {"iam", &TypeSpec::iam}};
  for (const auto& [name, member] : strings)
    if (key == name) return (s.*member = text(path, v, key), true);
  for (const auto& [name, member] : lists)
    if (key == name) return (s.*member = texts(path, v, key), true);
  if (key != "taggable") return false;
  s.taggable = flag(path, v, key);
  return true;
}

Declared declaredOf(std::string_view path, std::string type, const Node& m) {
  if (!m.IsMap()) fail(path, m, type + ": must be a map of name, ref, attributes, ...");
  Declared d{.spec = {.type = std::move(type)}};
  TypeSpec& s = d.spec;
  for (std::size_t i = 0; i < m.keys.size(); ++i) {
    const std::string& key = m.keys[i];
    const Node& v = m.items[i];
    if (setSpecField(s, path, key, v)) continue;
    if (key == "values")
      d.values = valueLists(path, v);
    else if (auto* list = pathList(d, key))
      *list = texts(path, v, key);
    else
      fail(path, m.keyLines[i],
           "unknown key '" + key +
               "' (name, ref, attributes, manage, taggable, tagsInBulk, iam, values, required, "
               "optional, immutable, mutable, integer, json, secret)");
  }
  return d;
}

// The database's shapes as the type's file amends them.
void amend(TypeInfo& t, const Declared& d) {
  using Kind = PropertySpec::Kind;
  for (const auto& [property, values] : d.values)
    at(t.properties, property).oneOf(values);
  for (const auto& p : d.required)
    at(t.properties, p).required = true;
  for (const auto& p : d.optional)
    at(t.properties, p).required = false;
  for (const auto& p : d.immutable)
    at(t.properties, p).immutable = true;
  for (const auto& p : d.mutableProps)
    at(t.properties, p).immutable = false;
  for (const auto& p : d.integer)
    at(t.properties, p).kind = Kind::Integer;
  for (const auto& p : d.json)
    at(t.properties, p).kind = Kind::Json;
  for (const auto& p : d.secret)
    at(t.properties, p).secret = true;
}

const std::map<std::string, Declared, std::less<>>& all() {
  static const auto specs = [] {
    std::map<std::string, Declared, std::less<>> out;
    for (const auto& f : declaredFiles())
      for (auto& s : parseDeclared(f.path, f.text)) {
        auto name = s.spec.type;
        if (out.contains(name))
          throw std::logic_error(std::string(f.path) + ": " + name + " is declared twice");
        out.emplace(std::move(name), std::move(s));
      }
    return out;
  }();
  return specs;
}

}  // namespace

std::vector<Declared> parseDeclared(std::string_view path, std::string_view yaml) {
  const Node doc = TreeReader(path, yaml).root();
  if (!doc.IsMap()) fail(path, doc, "must be a map of CloudFormation types");
  std::vector<Declared> out;
  for (std::size_t i = 0; i < doc.keys.size(); ++i) {
    const std::string& type = doc.keys[i];
    for (const auto& d : out)
      if (d.spec.type == type) fail(path, doc.keyLines[i], type + " is declared twice");
    out.push_back(declaredOf(path, type, doc.items[i]));
  }
  return out;
}

TypeInfo declared(std::string_view type) {
  const auto& specs = all();
  auto it = specs.find(type);
  if (it == specs.end())
    throw std::logic_error(std::string(type) + ": no providers/*/types.yaml declares it");
  TypeInfo t = typeInfo(it->second.spec);
  amend(t, it->second);
  return t;
}

TypeInfo declared(std::string_view type,
                  std::function<std::vector<std::string>(const Properties&)> validate) {
  TypeInfo t = declared(type);
  t.validate = std::move(validate);
  return t;
}

std::vector<std::string> declaredTypes() {
  std::vector<std::string> out;
  for (const auto& [name, spec] : all())
    out.push_back(name);
  return out;
}

}  // namespace driftless::common
