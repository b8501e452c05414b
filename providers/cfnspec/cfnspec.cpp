#include "providers/cfnspec/cfnspec.h"

#include <rapidjson/document.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>

#include "providers/cfnspec/data.h"

namespace driftless::cfnspec {
namespace {

std::string inflate(const char* packed, std::size_t packedSize, std::size_t size) {
  std::string out(size, '\0');
  uLongf outLen = static_cast<uLongf>(size);
  int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &outLen,
                      reinterpret_cast<const Bytef*>(packed), static_cast<uLong>(packedSize));
  if (rc != Z_OK || outLen != size)
    throw std::runtime_error("cfnspec: the compiled CloudFormation table is damaged");
  return out;
}

template <typename T>
const T* findByName(const std::vector<T>& v, std::string_view name) {
  auto it = std::lower_bound(v.begin(), v.end(), name,
                             [](const T& a, std::string_view n) { return a.name < n; });
  return it != v.end() && it->name == name ? &*it : nullptr;
}

ValueType parseType(const rapidjson::Value& j) {
  ValueType t;
  if (j.IsString()) {
    t.primitive = j.GetString();
  } else if (j.IsInt()) {
    t.kind = ValueType::Kind::Struct;
    t.def = j.GetInt();
  } else if (j.IsArray() && !j.Empty()) {
    std::string_view head = j[0].GetString();
    if (head == "enum") {
      t.primitive = "string";
      for (rapidjson::SizeType i = 1; i < j.Size(); ++i)
        t.allowed.emplace_back(j[i].GetString());
      return t;
    }
    t.kind = head == "array" ? ValueType::Kind::List
             : head == "map" ? ValueType::Kind::Map
                             : ValueType::Kind::Union;
    for (rapidjson::SizeType i = 1; i < j.Size(); ++i)
      t.elements.push_back(parseType(j[i]));
  }
  return t;
}

std::vector<Property> parseProperties(const rapidjson::Value& obj) {
  std::vector<Property> out;
  out.reserve(obj.MemberCount());
  for (auto m = obj.MemberBegin(); m != obj.MemberEnd(); ++m) {
    Property p;
    p.name = m->name.GetString();
    p.type = parseType(m->value[0]);
    std::string_view f = m->value[1].GetString();
    p.required = f.find('r') != std::string_view::npos;
    p.replaces = f.find('x') != std::string_view::npos;
    p.mayReplace = f.find('m') != std::string_view::npos;
    p.deprecated = f.find('d') != std::string_view::npos;
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(),
            [](const Property& a, const Property& b) { return a.name < b.name; });
  return out;
}

ResourceType parseResource(const std::string& name, const rapidjson::Value& j) {
  ResourceType t;
  t.name = name;
  t.properties = parseProperties(j["p"]);
  for (auto m = j["a"].MemberBegin(); m != j["a"].MemberEnd(); ++m)
    t.attributes.emplace_back(m->name.GetString());
  std::sort(t.attributes.begin(), t.attributes.end());
  if (j.HasMember("tag")) t.tagProperty = j["tag"].GetString();
  if (j.HasMember("id"))
    for (const auto& e : j["id"].GetArray())
      t.primaryIdentifier.emplace_back(e.GetString());
  return t;
}

rapidjson::Document parseBlob(const char* packed, std::size_t packedSize, std::size_t size,
                              std::string& text) {
  text = inflate(packed, packedSize, size);
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject())
    throw std::runtime_error("cfnspec: the compiled CloudFormation table is not valid JSON");
  return doc;
}

std::string lower(std::string_view s) {
  std::string out(s.size(), '\0');
  std::ranges::transform(s, out.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Optimal string alignment distance: Levenshtein plus adjacent transpositions,
// so "VCP" is one edit from "VPC".
std::size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] != b[j - 1];
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

bool isIndex(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

const Property* Struct::property(std::string_view n) const {
  return findByName(properties, n);
}

const Property* ResourceType::property(std::string_view n) const {
  return findByName(properties, n);
}

bool ResourceType::hasAttribute(std::string_view n) const {
  return std::binary_search(attributes.begin(), attributes.end(), n);
}

std::vector<std::string> ResourceType::propertyNames() const {
  std::vector<std::string> out;
  for (const auto& p : properties)
    out.push_back(p.name);
  return out;
}

const ResourceType* Database::type(std::string_view n) const {
  auto it = std::lower_bound(names_.begin(), names_.end(), n);
  if (it == names_.end() || *it != n) return nullptr;
  auto i = static_cast<std::size_t>(it - names_.begin());
  std::lock_guard lock(mu_);
  if (!typesBuilt_[i]) {
    const data::Span& span = data::kTypeSpans[i];
    rapidjson::Document doc;
    doc.Parse(data::kSchemaText + span.offset, span.length);
    typesBuilt_[i] = std::make_unique<ResourceType>(parseResource(*it, doc));
  }
  return typesBuilt_[i].get();
}

const Struct& Database::def(int index) const {
  auto i = static_cast<std::size_t>(index);
  std::lock_guard lock(mu_);
  if (!defsBuilt_.at(i)) {
    const data::Span& span = data::kDefSpans[i];
    rapidjson::Document doc;
    doc.Parse(data::kSchemaText + span.offset, span.length);
    defsBuilt_[i] =
        std::make_unique<Struct>(Struct{doc["n"].GetString(), parseProperties(doc["p"])});
  }
  return *defsBuilt_[i];
}

const std::vector<ResourceType>& Database::types() const {
  std::call_once(allOnce_, [this] {
    all_.reserve(names_.size());
    for (const auto& n : names_)
      all_.push_back(*type(n));
  });
  return all_;
}

const Property* Database::property(const ResourceType& t, std::string_view path) const {
  const Property* cur = nullptr;
  const ValueType* type = nullptr;
  while (!path.empty()) {
    auto dot = path.find('.');
    std::string_view part = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    if (!cur) {
      cur = t.property(part);
      if (!cur) return nullptr;
      type = &cur->type;
      continue;
    }
    // Descend through lists (an index) and maps (a key) to the element.
    while (type->kind == ValueType::Kind::List || type->kind == ValueType::Kind::Map) {
      if (type->kind == ValueType::Kind::List && !isIndex(part)) break;
      type = &type->elements[0];
      if (path.empty()) return cur;
      auto d2 = path.find('.');
      part = path.substr(0, d2);
      path = d2 == std::string_view::npos ? std::string_view() : path.substr(d2 + 1);
    }
    if (type->kind != ValueType::Kind::Struct) return nullptr;
    cur = def(type->def).property(part);
    if (!cur) return nullptr;
    type = &cur->type;
  }
  return cur;
}

std::vector<std::string> Database::namesAt(const ResourceType& t,
                                           std::string_view parentPath) const {
  if (parentPath.empty()) return t.propertyNames();
  const Property* p = property(t, parentPath);
  if (!p) return {};
  const ValueType* type = &p->type;
  while (type->kind == ValueType::Kind::List || type->kind == ValueType::Kind::Map)
    type = &type->elements[0];
  std::vector<std::string> out;
  if (type->kind == ValueType::Kind::Struct)
    for (const auto& f : def(type->def).properties)
      out.push_back(f.name);
  return out;
}

std::string Database::describe(const ValueType& v) const {
  switch (v.kind) {
    case ValueType::Kind::Struct:
      return def(v.def).name;
    case ValueType::Kind::List:
      return "List of " + describe(v.elements[0]);
    case ValueType::Kind::Map:
      return "Map of " + describe(v.elements[0]);
    case ValueType::Kind::Union: {
      std::string out;
      for (const auto& e : v.elements)
        out += (out.empty() ? "" : " or ") + describe(e);
      return out;
    }
    case ValueType::Kind::Primitive:
      break;
  }
  if (v.primitive == "json") return "JSON";
  if (v.primitive == "tag") return "Tag";
  std::string out = v.primitive;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

const Database& database() {
  // Built in place (its lock is not movable) and never destroyed. The text and
  // its index are compiled in (data.h): a type or structure is parsed from its
  // span when first asked for (type(), def()).
  static const Database& db = *[] {
    auto* built = new Database();
    Database& out = *built;
    out.version_ = data::kSchemaVersion;
    out.sha256_ = data::kSchemaSha256;
    out.names_.assign(data::kTypeNames, data::kTypeNames + data::kTypeCount);
    out.typesBuilt_.resize(data::kTypeCount);
    out.defsBuilt_.resize(data::kDefCount);
    return built;
  }();
  return db;
}

namespace {

struct DocsBlob {
  std::string text;
  rapidjson::Document doc;
};

const DocsBlob& docsBlob() {
  static const DocsBlob blob = [] {
    DocsBlob b;
    b.doc = parseBlob(data::kDocsPacked, data::kDocsPackedSize, data::kDocsSize, b.text);
    return b;
  }();
  return blob;
}

std::optional<std::string> member(const rapidjson::Value& obj, std::string_view key) {
  if (!obj.IsObject()) return std::nullopt;
  auto it = obj.FindMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size())));
  if (it == obj.MemberEnd() || !it->value.IsString()) return std::nullopt;
  std::string s = it->value.GetString();
  if (s.empty()) return std::nullopt;
  return s;
}

}  // namespace

std::optional<std::string> documentation(std::string_view type, std::string_view path) {
  const Database& db = database();
  const ResourceType* t = db.type(type);
  if (!t) return std::nullopt;
  const auto& doc = docsBlob().doc;
  const auto& types = doc["types"];
  auto entry = types.FindMember(rapidjson::Value(rapidjson::StringRef(type.data(), type.size())));
  if (entry == types.MemberEnd()) return std::nullopt;
  if (path.empty()) return member(entry->value, "d");
  auto dot = path.rfind('.');
  std::string_view leaf = dot == std::string_view::npos ? path : path.substr(dot + 1);
  if (dot == std::string_view::npos) return member(entry->value["p"], leaf);
  // A nested field: documented on the structure that holds it.
  const Property* parent = db.property(*t, path.substr(0, dot));
  if (!parent) return std::nullopt;
  const ValueType* vt = &parent->type;
  while (vt->kind == ValueType::Kind::List || vt->kind == ValueType::Kind::Map)
    vt = &vt->elements[0];
  if (vt->kind != ValueType::Kind::Struct) return std::nullopt;
  return member(doc["defs"][static_cast<rapidjson::SizeType>(vt->def)]["p"], leaf);
}

std::optional<std::string> attributeDocumentation(std::string_view type, std::string_view attr) {
  const auto& types = docsBlob().doc["types"];
  auto entry = types.FindMember(rapidjson::Value(rapidjson::StringRef(type.data(), type.size())));
  if (entry == types.MemberEnd()) return std::nullopt;
  return member(entry->value["a"], attr);
}

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
  std::string w = lower(word);
  std::optional<std::string> best;
  std::size_t bestDistance = 0;
  for (const auto& c : candidates) {
    std::size_t d = editDistance(w, lower(c));
    if (!best || d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  if (!best || bestDistance > limit) return std::nullopt;
  return best;
}

}  // namespace driftless::cfnspec
