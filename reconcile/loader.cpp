#include "reconcile/loader.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <unordered_map>

#include "reconcile/cfnspec_check.h"
#include "reconcile/intrinsics.h"
#include "reconcile/yaml_tree.h"

namespace driftless::reconcile {

// ---- Diagnostic / DesiredState ----------------------------------------------

std::string Diagnostic::str() const {
  if (file.empty()) return message;
  if (line <= 0) return file + ": " + message;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

void DesiredState::sort() {
  std::sort(resources.begin(), resources.end(),
            [](const DesiredResource& a, const DesiredResource& b) { return a.id < b.id; });
}

const DesiredResource* DesiredState::find(const ResourceId& id) const {
  auto it =
      std::lower_bound(resources.begin(), resources.end(), id,
                       [](const DesiredResource& r, const ResourceId& k) { return r.id < k; });
  return it != resources.end() && it->id == id ? &*it : nullptr;
}

// ---- ManifestCache ------------------------------------------------------------

std::shared_ptr<const ParsedFile> ManifestCache::get(const std::string& path,
                                                     const std::string& content) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(Key{path, std::hash<std::string>{}(content)});
  if (it == entries_.end() || it->second.content != content) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  return it->second.parsed;
}

void ManifestCache::put(const std::string& path, const std::string& content,
                        std::shared_ptr<const ParsedFile> parsed) {
  std::lock_guard lock(mutex_);
  Key key{path, std::hash<std::string>{}(content)};
  if (auto it = entries_.find(key); it != entries_.end()) {
    bytes_ -= it->second.content.size();
    it->second.content = content;
    it->second.parsed = std::move(parsed);
    bytes_ += content.size();
    lru_.splice(lru_.begin(), lru_, it->second.lru);
  } else {
    lru_.push_front(key);
    entries_.emplace(std::move(key), Entry{content, std::move(parsed), lru_.begin()});
    bytes_ += content.size();
  }
  evictLocked();
}

void ManifestCache::evictLocked() {
  // The newest entry stays even when it alone is over the bound.
  while (bytes_ > maxBytes_ && lru_.size() > 1) {
    auto it = entries_.find(lru_.back());
    bytes_ -= it->second.content.size();
    entries_.erase(it);
    lru_.pop_back();
  }
}

std::size_t ManifestCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}
std::size_t ManifestCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}
std::size_t ManifestCache::hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}
std::size_t ManifestCache::misses() const {
  std::lock_guard lock(mutex_);
  return misses_;
}

namespace {

// ---- helpers ------------------------------------------------------------------

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool isYamlPath(std::string_view p) {
  return endsWith(p, ".yaml") || endsWith(p, ".yml");
}

std::string stemOf(std::string_view path) {
  auto slash = path.rfind('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  auto dot = base.rfind('.');
  return std::string(dot == std::string_view::npos ? base : base.substr(0, dot));
}

std::string joinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names)
    out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

std::string quote(const std::string& s) {
  return "\"" + s + "\"";
}

// How a value is named in a type error: "a list", "a map", "\"abc\"", "5".
std::string describe(const Value& v) {
  switch (v.type()) {
    case Value::Type::Null:
      return "nothing";
    case Value::Type::Array:
      return "a list";
    case Value::Type::Object:
      return "a map";
    case Value::Type::String:
      return quote(v.asString());
    default:
      return v.scalarText();
  }
}

std::string joinPath(const std::string& base, std::string_view name) {
  return base.empty() ? std::string(name) : base + "." + std::string(name);
}

bool isAlnum(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

struct Mark {
  int line = 0;
  int column = 0;
};

// ---- per-template model -------------------------------------------------------

struct Parameter {
  std::string name;
  std::string type;
  Value value;
  bool noEcho = false;
  bool valid = false;
  Mark key;
};

struct Resource {
  std::string logicalId;
  Mark key;
  const YamlNode* node = nullptr;
  const TypeInfo* info = nullptr;
  bool valid = true;
  Mark propertiesKey;
  // Positions of property keys and values by dotted path ("RedrivePolicy.maxReceiveCount").
  std::unordered_map<std::string, Mark> keyMarks;
  std::unordered_map<std::string, Mark> valueMarks;
  // Original text of plain scalars that YAML typed as numbers/bools, by path:
  // a String property keeps "1.10" as written rather than 1.1.
  std::unordered_map<std::string, std::string> plainText;
  std::set<std::string> dependsOn;
  // Paths whose intrinsic failed (already reported): not type-checked again.
  std::set<std::string> failedPaths;
  DesiredResource out;
};

struct Stack {
  std::string name;
  const ParsedFile* file = nullptr;
  std::map<std::string, Parameter> parameters;
  std::map<std::string, Resource> resources;
};

struct Override {
  const YamlNode* node = nullptr;
  Mark key;
  bool used = false;
};

class Loader {
 public:
  Loader(const LoadContext& ctx, const Registry& registry) : ctx_(ctx), registry_(registry) {}

  LoadResult run(const std::vector<SourceFile>& files, ManifestCache* cache);

 private:
  void error(const std::string& file, Mark at, std::string message) {
    diagnostics_.push_back({file, at.line, at.column, std::move(message)});
  }
  void error(const std::string& file, const YamlNode& at, std::string message) {
    error(file, Mark{at.line, at.column}, std::move(message));
  }

  std::shared_ptr<const ParsedFile> parse(const SourceFile& f, ManifestCache* cache);
  void loadOverrides(const ParsedFile& file);
  void loadTemplate(const ParsedFile& file);
  void loadParameters(Stack& stack, const YamlNode& params);
  std::optional<Value> parameterValue(const std::string& file, const std::string& name,
                                      const std::string& type, const YamlNode& node);
  void loadResource(Stack& stack, Resource& res);

  // Intrinsic evaluation of one resource's property tree.
  Value eval(Stack& stack, Resource& res, const YamlNode& n, const std::string& path);
  Value evalIntrinsic(Stack& stack, Resource& res, const std::string& name, const YamlNode& arg,
                      const YamlNode& at, const std::string& path);
  Value ref(Stack& stack, Resource& res, const std::string& name, const YamlNode& at,
            const std::string& path, const char* what);
  Value getAtt(Stack& stack, Resource& res, const std::string& logical, const std::string& attr,
               const YamlNode& at);
  Value sub(Stack& stack, Resource& res, const YamlNode& arg, const YamlNode& at,
            const std::string& path);

  void checkSchema(Stack& stack, Resource& res);
  void checkSpec(Stack& stack, Resource& res, const PropertySpec& spec, Value& v,
                 const std::string& path);
  Mark valueMark(const Resource& res, const std::string& path) const;
  Mark keyMark(const Resource& res, const std::string& path) const;

  void resolveStaticRefs();
  void checkPhysicalNames();
  void checkCycles(Stack& stack);

  const LoadContext& ctx_;
  const Registry& registry_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<std::shared_ptr<const ParsedFile>> parsed_;
  std::map<std::string, Stack> stacks_;
  std::string overridesFile_;
  std::map<std::string, Override> overrides_;
};

std::shared_ptr<const ParsedFile> Loader::parse(const SourceFile& f, ManifestCache* cache) {
  if (cache) {
    if (auto hit = cache->get(f.path, f.content)) return hit;
  }
  auto parsed = std::make_shared<const ParsedFile>(parseYaml(f.path, f.content));
  if (cache) cache->put(f.path, f.content, parsed);
  return parsed;
}

LoadResult Loader::run(const std::vector<SourceFile>& files, ManifestCache* cache) {
  std::vector<const SourceFile*> templates;
  const SourceFile* overrides = nullptr;
  for (const auto& f : files) {
    if (!isYamlPath(f.path)) continue;
    if (f.path.starts_with("parameters/")) {
      if (!ctx_.environment.empty() && (f.path == "parameters/" + ctx_.environment + ".yaml" ||
                                        f.path == "parameters/" + ctx_.environment + ".yml"))
        overrides = &f;
      continue;
    }
    templates.push_back(&f);
  }
  std::sort(templates.begin(), templates.end(),
            [](const SourceFile* a, const SourceFile* b) { return a->path < b->path; });

  if (overrides) {
    auto p = parse(*overrides, cache);
    parsed_.push_back(p);
    for (const auto& d : p->diagnostics)
      diagnostics_.push_back(d);
    if (p->parsed) loadOverrides(*p);
  }
  std::map<std::string, std::string> stackFiles;
  for (const SourceFile* f : templates) {
    auto p = parse(*f, cache);
    parsed_.push_back(p);
    for (const auto& d : p->diagnostics)
      diagnostics_.push_back(d);
    std::string stack = stemOf(f->path);
    auto [it, fresh] = stackFiles.emplace(stack, f->path);
    if (!fresh) {
      error(f->path, Mark{}, "stack '" + stack + "' is already defined by " + it->second);
      continue;
    }
    if (p->parsed && p->diagnostics.empty()) loadTemplate(*p);
  }
  for (const auto& [name, o] : overrides_) {
    if (!o.used)
      error(overridesFile_, o.key, "parameter '" + name + "' is not declared by any template");
  }
  resolveStaticRefs();
  checkPhysicalNames();
  for (auto& [name, stack] : stacks_)
    checkCycles(stack);

  if (!diagnostics_.empty()) {
    std::sort(diagnostics_.begin(), diagnostics_.end(),
              [](const Diagnostic& a, const Diagnostic& b) {
                return std::tie(a.file, a.line, a.column, a.message) <
                       std::tie(b.file, b.line, b.column, b.message);
              });
    diagnostics_.erase(std::unique(diagnostics_.begin(), diagnostics_.end()), diagnostics_.end());
    return std::unexpected(std::move(diagnostics_));
  }
  DesiredState state;
  state.commit = ctx_.commit;
  state.environment = ctx_.environment;
  for (auto& [sname, stack] : stacks_) {
    for (auto& [lid, res] : stack.resources)
      state.resources.push_back(std::move(res.out));
  }
  state.sort();
  return state;
}

void Loader::loadOverrides(const ParsedFile& file) {
  overridesFile_ = file.path;
  const YamlNode& root = file.root;
  if (root.kind == YamlNode::Kind::Null) return;
  if (!root.isMap()) {
    error(file.path, root, "a parameters file must be a mapping of parameter name to value");
    return;
  }
  for (std::size_t i = 0; i < root.keys.size(); ++i)
    overrides_[root.keys[i].text] =
        Override{&root.items[i], {root.keys[i].line, root.keys[i].column}};
}

void Loader::loadTemplate(const ParsedFile& file) {
  const YamlNode& root = file.root;
  if (!root.isMap()) {
    error(file.path, Mark{std::max(root.line, 1), std::max(root.column, 1)},
          "a template must be a mapping with a Resources section");
    return;
  }
  static const std::vector<std::string> kTopLevel = {"AWSTemplateFormatVersion", "Description",
                                                     "Metadata", "Parameters", "Resources"};
  for (const auto& k : root.keys) {
    if (std::find(kTopLevel.begin(), kTopLevel.end(), k.text) == kTopLevel.end())
      error(file.path, Mark{k.line, k.column},
            "unknown top-level key '" + k.text + "' (expected " + joinNames(kTopLevel) + ")");
  }
  Stack& stack = stacks_[stemOf(file.path)];
  stack.name = stemOf(file.path);
  stack.file = &file;
  if (const YamlNode* params = root.get("Parameters")) loadParameters(stack, *params);

  const YamlNode* resources = root.get("Resources");
  if (!resources) {
    error(file.path, Mark{1, 1}, "a template must have a Resources section");
    return;
  }
  if (!resources->isMap()) {
    error(file.path, *resources, "Resources must be a mapping of logical id to resource");
    return;
  }
  for (std::size_t i = 0; i < resources->keys.size(); ++i) {
    const YamlKey& k = resources->keys[i];
    Resource res;
    res.logicalId = k.text;
    res.key = {k.line, k.column};
    res.node = &resources->items[i];
    if (!isAlnum(k.text)) {
      error(file.path, res.key, k.text + ": a logical id must be alphanumeric (A-Z, a-z, 0-9)");
      continue;
    }
    if (stack.parameters.count(k.text)) {
      error(file.path, res.key, k.text + ": name is used by both a parameter and a resource");
      continue;
    }
    stack.resources.emplace(k.text, std::move(res));
  }
  // Types first: references check the target's type (GetAtt attribute names).
  for (auto& [lid, res] : stack.resources) {
    const YamlNode& n = *res.node;
    if (!n.isMap()) {
      error(file.path, res.key, lid + ": a resource must be a mapping with Type and Properties");
      res.valid = false;
      continue;
    }
    const YamlNode* type = n.get("Type");
    if (!type) {
      error(file.path, res.key, lid + ": missing Type");
      res.valid = false;
      continue;
    }
    if (!type->isScalar()) {
      error(file.path, *type, lid + ": Type must be a string");
      res.valid = false;
      continue;
    }
    res.info = registry_.info(type->text);
    if (!res.info) {
      // A CloudFormation type without a provider is reported after its properties.
      if (!isCloudFormationType(type->text))
        error(file.path, *type, lid + ": " + unknownTypeMessage(type->text, registry_.types()));
      res.valid = false;
    }
  }
  for (auto& [lid, res] : stack.resources) {
    if (res.node->isMap()) loadResource(stack, res);
  }
}

void Loader::loadParameters(Stack& stack, const YamlNode& params) {
  const std::string& file = stack.file->path;
  if (!params.isMap()) {
    error(file, params, "Parameters must be a mapping of name to declaration");
    return;
  }
  static const std::vector<std::string> kKeys = {
      "Type",     "Default", "AllowedValues", "MinValue",
      "MaxValue", "NoEcho",  "Description",   "ConstraintDescription"};
  static const std::vector<std::string> kTypes = {"String", "Number", "CommaDelimitedList",
                                                  "List<String>"};
  for (std::size_t i = 0; i < params.keys.size(); ++i) {
    const YamlKey& k = params.keys[i];
    const YamlNode& decl = params.items[i];
    Parameter p;
    p.name = k.text;
    p.key = {k.line, k.column};
    auto it = overrides_.find(p.name);
    Override* override = it == overrides_.end() ? nullptr : &it->second;
    if (override) override->used = true;
    if (!isAlnum(p.name)) {
      error(file, p.key, "parameter '" + p.name + "': a name must be alphanumeric");
      stack.parameters.emplace(p.name, std::move(p));
      continue;
    }
    if (!decl.isMap()) {
      error(file, p.key, "parameter '" + p.name + "' must be a mapping with a Type");
      stack.parameters.emplace(p.name, std::move(p));
      continue;
    }
    bool ok = true;
    for (const auto& dk : decl.keys) {
      if (std::find(kKeys.begin(), kKeys.end(), dk.text) == kKeys.end()) {
        error(file, Mark{dk.line, dk.column},
              "parameter '" + p.name + "': unknown key '" + dk.text + "' (expected " +
                  joinNames(kKeys) + ")");
        ok = false;
      }
    }
    const YamlNode* type = decl.get("Type");
    if (!type) {
      error(file, p.key, "parameter '" + p.name + "' needs a Type");
      stack.parameters.emplace(p.name, std::move(p));
      continue;
    }
    if (!type->isScalar() || std::find(kTypes.begin(), kTypes.end(), type->text) == kTypes.end()) {
      error(file, *type,
            "parameter '" + p.name + "' has unsupported Type '" + type->text + "' (expected " +
                joinNames(kTypes) + ")");
      stack.parameters.emplace(p.name, std::move(p));
      continue;
    }
    p.type = type->text;
    if (const YamlNode* ne = decl.get("NoEcho")) {
      Value v = scalarValue(*ne);
      p.noEcho = (v.isBool() && v.asBool()) || (v.isString() && v.asString() == "true");
    }
    // The value: the environment's parameters file wins over Default.
    const YamlNode* valueNode = override ? override->node : decl.get("Default");
    const std::string& valueFile = override ? overridesFile_ : file;
    if (!valueNode && ctx_.environment.empty()) {
      // Offline validation of a folder without an environment: a parameter
      // meant to be set per environment is not an error; what refers to it is
      // simply not type-checked.
      stack.parameters.emplace(p.name, std::move(p));
      continue;
    }
    if (!valueNode) {
      std::string where = ctx_.environment.empty() ? std::string("no Default")
                                                   : "no Default and no value in parameters/" +
                                                         ctx_.environment + ".yaml";
      error(file, p.key, "parameter '" + p.name + "' has " + where);
      stack.parameters.emplace(p.name, std::move(p));
      continue;
    }
    auto value = parameterValue(valueFile, p.name, p.type, *valueNode);
    if (!value) ok = false;
    if (value) {
      auto shown = [&](const Value& v) { return p.noEcho ? std::string("(secret)") : describe(v); };
      if (const YamlNode* allowed = decl.get("AllowedValues")) {
        if (!allowed->isSequence()) {
          error(file, *allowed, "parameter '" + p.name + "': AllowedValues must be a list");
          ok = false;
        } else {
          std::vector<std::string> names;
          for (const auto& a : allowed->items)
            names.push_back(a.text);
          std::vector<Value> values =
              value->isArray() ? value->asArray() : std::vector<Value>{*value};
          for (const auto& v : values) {
            if (std::find(names.begin(), names.end(), v.scalarText()) == names.end()) {
              error(valueFile, *valueNode,
                    "parameter '" + p.name + "' value " + shown(v) + " is not one of " +
                        joinNames(names));
              ok = false;
            }
          }
        }
      }
      for (const char* bound : {"MinValue", "MaxValue"}) {
        const YamlNode* b = decl.get(bound);
        if (!b) continue;
        Value bv = scalarValue(*b);
        if (!bv.isNumber() || p.type != "Number") {
          error(file, *b,
                "parameter '" + p.name + "': " + bound + " needs a Number parameter and a number");
          ok = false;
          continue;
        }
        if (!value->isNumber()) continue;
        bool isMin = std::string_view(bound) == "MinValue";
        if (isMin ? value->asDouble() < bv.asDouble() : value->asDouble() > bv.asDouble()) {
          error(valueFile, *valueNode,
                "parameter '" + p.name + "' value " + shown(*value) + " is " +
                    (isMin ? "less than MinValue " : "greater than MaxValue ") + bv.scalarText());
          ok = false;
        }
      }
      p.value = std::move(*value);
    }
    p.valid = ok;
    stack.parameters.emplace(p.name, std::move(p));
  }
}

std::optional<Value> Loader::parameterValue(const std::string& file, const std::string& name,
                                            const std::string& type, const YamlNode& node) {
  if (type == "String") {
    if (!node.isScalar()) {
      error(file, node, "parameter '" + name + "' must be a string");
      return std::nullopt;
    }
    return Value(node.text);
  }
  if (type == "Number") {
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
  // CommaDelimitedList, List<String>: "a,b" or a YAML list.
  Value out = Value::array();
  if (node.isSequence()) {
    for (const auto& e : node.items) {
      if (!e.isScalar()) {
        error(file, e, "parameter '" + name + "' must be a list of strings");
        return std::nullopt;
      }
      out.push(Value(e.text));
    }
    return out;
  }
  if (!node.isScalar()) {
    error(file, node, "parameter '" + name + "' must be a comma-separated string or a list");
    return std::nullopt;
  }
  std::string_view s = node.text;
  while (true) {
    auto comma = s.find(',');
    std::string_view part = s.substr(0, comma);
    while (!part.empty() && part.front() == ' ')
      part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ')
      part.remove_suffix(1);
    out.push(Value(part));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

void Loader::loadResource(Stack& stack, Resource& res) {
  const std::string& file = stack.file->path;
  const YamlNode& n = *res.node;
  const std::string& lid = res.logicalId;
  static const std::vector<std::string> kKeys = {"Type", "Properties", "DependsOn",
                                                 "DeletionPolicy", "Metadata"};
  for (const auto& k : n.keys) {
    if (std::find(kKeys.begin(), kKeys.end(), k.text) == kKeys.end()) {
      error(file, Mark{k.line, k.column},
            lid + ": unknown key '" + k.text + "' (expected " + joinNames(kKeys) + ")");
      res.valid = false;
    }
  }
  DesiredResource& out = res.out;
  out.id = {stack.name, lid};
  out.info = res.info;
  out.type = res.info ? res.info->type : std::string();
  out.file = file;
  out.line = res.key.line;

  if (const YamlNode* dp = n.get("DeletionPolicy")) {
    if (!dp->isScalar() || (dp->text != "Delete" && dp->text != "Retain")) {
      error(file, *dp, lid + ": DeletionPolicy must be Delete or Retain, got " + quote(dp->text));
      res.valid = false;
    } else {
      out.deletionPolicy = dp->text;
    }
  }
  if (const YamlNode* md = n.get("Metadata")) {
    if (!md->isMap()) {
      error(file, *md, lid + ": Metadata must be a mapping");
    } else if (const YamlNode* dl = md->get("driftless")) {
      if (!dl->isMap()) {
        error(file, *dl, lid + ": Metadata.driftless must be a mapping");
      } else {
        for (std::size_t i = 0; i < dl->keys.size(); ++i) {
          const YamlKey& k = dl->keys[i];
          bool* target = k.text == "adopt"          ? &out.adopt
                         : k.text == "allowReplace" ? &out.allowReplace
                                                    : nullptr;
          if (!target) {
            error(file, Mark{k.line, k.column},
                  lid + ": unknown key 'Metadata.driftless." + k.text +
                      "' (expected adopt, allowReplace)");
            continue;
          }
          Value v = scalarValue(dl->items[i]);
          if (!v.isBool()) {
            error(file, dl->items[i],
                  lid + ": Metadata.driftless." + k.text + " must be true or false");
            continue;
          }
          *target = v.asBool();
        }
      }
    }
  }
  if (const YamlNode* dep = n.get("DependsOn")) {
    std::vector<const YamlNode*> names;
    if (dep->isScalar())
      names.push_back(dep);
    else if (dep->isSequence())
      for (const auto& e : dep->items)
        names.push_back(&e);
    else
      error(file, *dep, lid + ": DependsOn must be a logical id or a list of them");
    for (const YamlNode* d : names) {
      if (!d->isScalar() || !stack.resources.count(d->text)) {
        error(file, *d, lid + ": DependsOn refers to unknown resource '" + d->text + "'");
        continue;
      }
      if (d->text == lid) {
        error(file, *d, lid + ": a resource cannot depend on itself");
        continue;
      }
      res.dependsOn.insert(d->text);
    }
  }
  const YamlNode* props = n.get("Properties");
  if (props) {
    const YamlKey* pk = n.keyOf("Properties");
    res.propertiesKey = {pk->line, pk->column};
    if (props->isMap()) {
      out.properties = eval(stack, res, *props, "");
    } else if (props->kind != YamlNode::Kind::Null) {
      error(file, *props, lid + ": Properties must be a mapping");
      res.valid = false;
    }
  } else {
    res.propertiesKey = res.key;
  }
  if (!out.properties.isObject()) out.properties = Value::object();
  for (const auto& d : res.dependsOn)
    out.dependencies.push_back({stack.name, d});
  std::sort(out.dependencies.begin(), out.dependencies.end());
  out.dependencies.erase(std::unique(out.dependencies.begin(), out.dependencies.end()),
                         out.dependencies.end());
  if (res.info) {
    checkSchema(stack, res);
  } else if (const YamlNode* t = n.get("Type"); t && t->isScalar()) {
    for (const auto& p : checkUnmanagedType(t->text, out.properties, res.failedPaths))
      error(file,
            p.at == SchemaProblem::At::Type  ? Mark{t->line, t->column}
            : p.at == SchemaProblem::At::Key ? keyMark(res, p.path)
                                             : valueMark(res, p.path),
            lid + ": " + p.message);
  }
  std::sort(out.secretPaths.begin(), out.secretPaths.end());
  out.secretPaths.erase(std::unique(out.secretPaths.begin(), out.secretPaths.end()),
                        out.secretPaths.end());
}

// ---- intrinsics ---------------------------------------------------------------

const std::vector<std::string> kUnsupported = {
    "Base64", "Cidr", "FindInMap", "GetAZs",    "If",        "ImportValue", "Split",       "Equals",
    "Not",    "And",  "Or",        "Condition", "Transform", "Length",      "ToJsonString"};

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
      for (std::size_t i = 0; i < n.items.size(); ++i)
        out.push(eval(stack, res, n.items[i], joinPath(path, std::to_string(i))));
      return out;
    }
    case YamlNode::Kind::Map: {
      if (n.keys.size() == 1 && (n.keys[0].text == "Ref" || n.keys[0].text.starts_with("Fn::"))) {
        std::string name = n.keys[0].text == "Ref" ? "Ref" : n.keys[0].text.substr(4);
        Value v = evalIntrinsic(stack, res, name, n.items[0], n, path);
        if (diagnostics_.size() != before) res.failedPaths.insert(path);
        if (!path.empty()) res.valueMarks[path] = {n.line, n.column};
        return v;
      }
      Value out = Value::object();
      for (std::size_t i = 0; i < n.keys.size(); ++i) {
        std::string child = joinPath(path, n.keys[i].text);
        res.keyMarks[child] = {n.keys[i].line, n.keys[i].column};
        out[n.keys[i].text] = eval(stack, res, n.items[i], child);
      }
      return out;
    }
  }
  return Value();
}

Value Loader::evalIntrinsic(Stack& stack, Resource& res, const std::string& name,
                            const YamlNode& arg, const YamlNode& at, const std::string& path) {
  const std::string& file = stack.file->path;
  const std::string& lid = res.logicalId;
  auto bad = [&](const std::string& message) {
    error(file, at, lid + ": " + message);
    res.valid = false;
    return Value();
  };
  // A tagged node is its own argument: strip the tag before evaluating it.
  YamlNode untagged;
  const YamlNode* a = &arg;
  if (&arg == &at && !at.tag.empty()) {
    untagged = at;
    untagged.tag.clear();
    a = &untagged;
  }
  if (name == "Ref") {
    if (!a->isScalar() || a->text.empty()) return bad("!Ref needs a name");
    return ref(stack, res, a->text, at, path, "!Ref");
  }
  if (name == "GetAtt") {
    std::string logical, attr;
    if (a->isScalar()) {
      auto dot = a->text.find('.');
      if (dot == std::string::npos)
        return bad("!GetAtt needs Resource.Attribute, got " + quote(a->text));
      logical = a->text.substr(0, dot);
      attr = a->text.substr(dot + 1);
    } else if (a->isSequence() && a->items.size() == 2 && a->items[0].isScalar() &&
               a->items[1].isScalar()) {
      logical = a->items[0].text;
      attr = a->items[1].text;
    } else {
      return bad("!GetAtt needs Resource.Attribute or [Resource, Attribute]");
    }
    return getAtt(stack, res, logical, attr, at);
  }
  if (name == "Sub") return sub(stack, res, *a, at, path);
  if (name == "Join") {
    if (!a->isSequence() || a->items.size() != 2 || !a->items[0].isScalar())
      return bad("!Join needs [delimiter, [values...]]");
    Value parts = eval(stack, res, a->items[1], path);
    if (!parts.isArray() && !hasUnresolved(parts)) return bad("!Join needs a list of values");
    Value form = Value::object();
    form["Fn::Join"] = Value(Value::Array{Value(a->items[0].text), std::move(parts)});
    return resolvePartial(
        form, [](const std::string&, const std::string&) { return std::optional<Value>(); });
  }
  if (name == "Select") {
    if (!a->isSequence() || a->items.size() != 2) return bad("!Select needs [index, [values...]]");
    Value index = scalarValue(a->items[0]);
    if (index.isString())
      index = scalarValue(YamlNode{YamlNode::Kind::Scalar, "", index.asString()});
    if (!index.isInt() || index.asInt() < 0)
      return bad("!Select index must be a non-negative integer");
    Value list = eval(stack, res, a->items[1], path);
    if (list.isArray()) {
      if (static_cast<std::size_t>(index.asInt()) >= list.size())
        return bad("!Select index " + index.scalarText() + " is out of range (list has " +
                   std::to_string(list.size()) + " values)");
      return list.asArray()[static_cast<std::size_t>(index.asInt())];
    }
    if (!hasUnresolved(list)) return bad("!Select needs a list of values");
    Value form = Value::object();
    form["Fn::Select"] = Value(Value::Array{index, std::move(list)});
    return form;
  }
  if (std::find(kUnsupported.begin(), kUnsupported.end(), name) != kUnsupported.end())
    return bad("unsupported intrinsic function " + name +
               " (supported: Ref, GetAtt, Sub, Join, Select)");
  return bad("unknown tag or intrinsic '" + (at.tag.empty() ? "Fn::" + name : at.tag) + "'");
}

Value Loader::ref(Stack& stack, Resource& res, const std::string& name, const YamlNode& at,
                  const std::string& path, const char* what) {
  if (name == "AWS::Region") return Value(ctx_.region);
  if (name == "AWS::AccountId") return Value(ctx_.accountId);
  if (name == "AWS::Partition") return Value(ctx_.partition);
  if (name == "AWS::StackName") return Value(stack.name);
  if (name == "AWS::URLSuffix") return Value("amazonaws.com");
  if (name == "Driftless::Environment") return Value(ctx_.environment);
  if (auto p = stack.parameters.find(name); p != stack.parameters.end()) {
    if (p->second.noEcho) res.out.secretPaths.push_back(path);
    if (!p->second.valid) res.failedPaths.insert(path);  // reported where declared
    return p->second.value;  // an invalid parameter was reported where declared
  }
  if (stack.resources.count(name)) {
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

// ---- schema -------------------------------------------------------------------

Mark Loader::valueMark(const Resource& res, const std::string& path) const {
  std::string p = path;
  while (!p.empty()) {
    if (auto it = res.valueMarks.find(p); it != res.valueMarks.end()) return it->second;
    auto dot = p.rfind('.');
    if (dot == std::string::npos) break;
    p.resize(dot);
  }
  return res.propertiesKey;
}

Mark Loader::keyMark(const Resource& res, const std::string& path) const {
  if (auto it = res.keyMarks.find(path); it != res.keyMarks.end()) return it->second;
  return valueMark(res, path);
}

std::optional<Value> parseNumber(const std::string& s, bool integer) {
  Value v = scalarValue(YamlNode{YamlNode::Kind::Scalar, "", s});
  if (integer ? v.isInt() : v.isNumber()) return v;
  return std::nullopt;
}

void Loader::checkSchema(Stack& stack, Resource& res) {
  const TypeInfo& info = *res.info;
  Value& props = res.out.properties;
  const std::string& file = stack.file->path;
  for (auto& [name, v] : props.asObject()) {
    const PropertySpec* spec = info.property(name);
    if (!spec) {
      std::vector<std::string> declared;
      for (const auto& p : info.properties)
        declared.push_back(p.name);
      error(file, keyMark(res, name),
            res.logicalId + ": " + undeclaredPropertyMessage(info.type, name, declared));
      res.valid = false;
      continue;
    }
    checkSpec(stack, res, *spec, v, name);
  }
  if (!info.physicalNameProperty.empty() && !props.find(info.physicalNameProperty)) {
    error(file, res.propertiesKey,
          res.logicalId + ": " + info.physicalNameProperty +
              " is required (driftless does not generate physical names)");
    res.valid = false;
  }
  for (const auto& spec : info.properties) {
    if (spec.required && spec.name != info.physicalNameProperty && !props.find(spec.name)) {
      error(file, res.propertiesKey,
            res.logicalId + ": missing required property '" + spec.name + "' of " + info.type);
      res.valid = false;
    }
  }
}

void Loader::checkSpec(Stack& stack, Resource& res, const PropertySpec& spec, Value& v,
                       const std::string& path) {
  using K = PropertySpec::Kind;
  const std::string& file = stack.file->path;
  if (spec.secret) res.out.secretPaths.push_back(path);
  if (res.failedPaths.count(path)) return;
  if (hasUnresolved(v) && (!v.isObject() || v.size() == 1) && !v.isArray()) return;
  auto typeError = [&](const char* expected) {
    error(file, valueMark(res, path),
          res.logicalId + ": property '" + path + "' must be " + expected + ", got " + describe(v));
    res.valid = false;
  };
  auto plain = [&]() -> std::optional<std::string> {
    auto it = res.plainText.find(path);
    return it == res.plainText.end() ? std::nullopt : std::optional(it->second);
  };
  switch (spec.kind) {
    case K::String:
      if (v.isNull() || v.isArray() || v.isObject()) return typeError("a string");
      if (!v.isString()) v = Value(plain().value_or(v.scalarText()));
      if (!spec.allowed.empty() &&
          std::find(spec.allowed.begin(), spec.allowed.end(), v.asString()) == spec.allowed.end()) {
        error(file, valueMark(res, path),
              res.logicalId + ": property '" + path + "' must be one of " +
                  joinNames(spec.allowed) + ", got " + describe(v));
        res.valid = false;
      }
      return;
    case K::Integer:
      if (v.isInt()) return;
      if (v.isDouble() && std::floor(v.asDouble()) == v.asDouble() && std::isfinite(v.asDouble())) {
        v = Value(static_cast<std::int64_t>(v.asDouble()));
        return;
      }
      if (v.isString()) {
        if (auto n = parseNumber(v.asString(), true)) {
          v = *n;
          return;
        }
      }
      return typeError("an integer");
    case K::Number:
      if (v.isNumber()) return;
      if (v.isString()) {
        if (auto n = parseNumber(v.asString(), false)) {
          v = *n;
          return;
        }
      }
      return typeError("a number");
    case K::Boolean:
      if (v.isBool()) return;
      if (v.isString() && (v.asString() == "true" || v.asString() == "false")) {
        v = Value(v.asString() == "true");
        return;
      }
      return typeError("true or false");
    case K::Json:
      return;
    case K::Object: {
      if (!v.isObject()) return typeError("a map");
      for (auto& [name, child] : v.asObject()) {
        std::string cp = joinPath(path, name);
        auto it = std::find_if(spec.fields.begin(), spec.fields.end(),
                               [&](const PropertySpec& f) { return f.name == name; });
        if (it == spec.fields.end()) {
          std::vector<std::string> declared;
          for (const auto& f : spec.fields)
            declared.push_back(f.name);
          error(file, keyMark(res, cp),
                res.logicalId + ": " + undeclaredPropertyMessage(res.info->type, cp, declared));
          res.valid = false;
          continue;
        }
        checkSpec(stack, res, *it, child, cp);
      }
      for (const auto& f : spec.fields) {
        if (f.required && !v.find(f.name)) {
          error(file, keyMark(res, path),
                res.logicalId + ": missing required property '" + joinPath(path, f.name) + "' of " +
                    res.info->type);
          res.valid = false;
        }
      }
      return;
    }
    case K::List: {
      if (!v.isArray()) return typeError("a list");
      if (spec.element.empty()) return;
      for (std::size_t i = 0; i < v.size(); ++i)
        checkSpec(stack, res, spec.element[0], v.asArray()[i], joinPath(path, std::to_string(i)));
      return;
    }
    case K::Map: {
      if (!v.isObject()) return typeError("a map");
      if (spec.element.empty()) return;
      for (auto& [name, child] : v.asObject())
        checkSpec(stack, res, spec.element[0], child, joinPath(path, name));
      return;
    }
    case K::Tags: {
      if (!v.isArray()) return typeError("a list of {Key, Value}");
      for (std::size_t i = 0; i < v.size(); ++i) {
        Value& t = v.asArray()[i];
        std::string tp = joinPath(path, std::to_string(i));
        const Value* key = t.find("Key");
        const Value* val = t.find("Value");
        auto scalarLike = [](const Value* x) {
          return x && !x->isArray() && (!x->isObject() || hasUnresolved(*x));
        };
        if (!t.isObject() || t.size() != 2 || !scalarLike(key) || !scalarLike(val)) {
          error(file, valueMark(res, tp),
                res.logicalId + ": property '" + tp + "' must be {Key: ..., Value: ...}");
          res.valid = false;
          continue;
        }
        if (!key->isString() && !hasUnresolved(*key)) t["Key"] = Value(key->scalarText());
        if (!val->isString() && !hasUnresolved(*val)) {
          auto it = res.plainText.find(tp + ".Value");
          t["Value"] = Value(it != res.plainText.end() ? it->second : val->scalarText());
        }
        const Value& k = *t.find("Key");
        if (k.isString() && k.asString().starts_with(kTagPrefix)) {
          error(file, valueMark(res, tp),
                res.logicalId + ": tag keys starting with 'driftless:' are reserved");
          res.valid = false;
        }
      }
      return;
    }
  }
}

// ---- cross-resource checks ----------------------------------------------------

void Loader::resolveStaticRefs() {
  // A Ref to a resource whose Ref value is its physical name, known now, is
  // replaced by that name (a BucketPolicy's Bucket: !Ref Bucket). Repeated so
  // names built from other static names resolve too.
  for (int round = 0; round < 8; ++round) {
    bool changed = false;
    for (auto& [sname, stack] : stacks_) {
      auto lookup = [&](const std::string& logical,
                        const std::string& attr) -> std::optional<Value> {
        if (!attr.empty()) return std::nullopt;
        auto it = stack.resources.find(logical);
        if (it == stack.resources.end() || !it->second.info) return std::nullopt;
        const TypeInfo& info = *it->second.info;
        if (!info.refAttribute.empty() || info.physicalNameProperty.empty()) return std::nullopt;
        const Value* name = it->second.out.properties.find(info.physicalNameProperty);
        if (!name || !name->isString() || hasUnresolved(*name)) return std::nullopt;
        return *name;
      };
      for (auto& [lid, res] : stack.resources) {
        if (!hasUnresolved(res.out.properties)) continue;
        Value next = resolvePartial(res.out.properties, lookup);
        if (!(next == res.out.properties)) {
          res.out.properties = std::move(next);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
}

void Loader::checkPhysicalNames() {
  std::map<std::pair<std::string, std::string>, const Resource*> claimed;
  for (auto& [sname, stack] : stacks_) {
    for (auto& [lid, res] : stack.resources) {
      if (!res.info) continue;
      const TypeInfo& info = *res.info;
      DesiredResource& out = res.out;
      if (!info.physicalNameProperty.empty()) {
        const Value* name = out.properties.find(info.physicalNameProperty);
        if (name && name->isString()) out.physicalId = name->asString();
      }
      if (info.validate) {
        Value resolved = Value::object();
        for (const auto& [k, v] : out.properties.asObject())
          if (!hasUnresolved(v) && !res.failedPaths.count(k)) resolved[k] = v;
        for (const auto& problem : info.validate(resolved)) {
          auto colon = problem.find(':');
          std::string prop = colon == std::string::npos ? std::string() : problem.substr(0, colon);
          Mark at = !prop.empty() && out.properties.findPath(prop) ? valueMark(res, prop)
                                                                   : res.propertiesKey;
          error(stack.file->path, at, lid + ": " + problem);
          res.valid = false;
        }
      }
      if (out.physicalId.empty()) continue;
      auto key = std::make_pair(info.type, out.physicalId);
      auto [it, fresh] = claimed.emplace(key, &res);
      if (!fresh) {
        const Resource& first = *it->second;
        error(stack.file->path, valueMark(res, info.physicalNameProperty),
              lid + ": " + info.physicalNameProperty + " " + quote(out.physicalId) +
                  " is also claimed by " + first.out.id.str() + " (" + first.out.file + ":" +
                  std::to_string(first.key.line) + ")");
        res.valid = false;
      }
    }
  }
}

void Loader::checkCycles(Stack& stack) {
  // Iterative-enough DFS: templates hold at most a few hundred resources.
  enum Color { White, Grey, Black };
  std::map<std::string, Color> color;
  std::vector<std::string> path;
  std::set<std::set<std::string>> reported;
  std::function<void(const std::string&)> visit = [&](const std::string& id) {
    color[id] = Grey;
    path.push_back(id);
    const Resource& r = stack.resources.at(id);
    for (const auto& dep : r.dependsOn) {
      if (!stack.resources.count(dep)) continue;
      Color c = color[dep];
      if (c == Grey) {
        auto start = std::find(path.begin(), path.end(), dep);
        std::vector<std::string> cycle(start, path.end());
        std::set<std::string> members(cycle.begin(), cycle.end());
        if (!reported.insert(members).second) continue;
        auto smallest = std::min_element(cycle.begin(), cycle.end());
        std::rotate(cycle.begin(), smallest, cycle.end());
        std::string text;
        for (const auto& c2 : cycle)
          text += c2 + " → ";
        text += cycle.front();
        error(stack.file->path, stack.resources.at(cycle.front()).key, "dependency cycle: " + text);
      } else if (c == White) {
        visit(dep);
      }
    }
    path.pop_back();
    color[id] = Black;
  };
  for (const auto& [id, r] : stack.resources)
    if (color[id] == White) visit(id);
}

}  // namespace

LoadResult load(const std::vector<SourceFile>& files, const LoadContext& context,
                const Registry& registry, ManifestCache* cache) {
  Loader loader(context, registry);
  return loader.run(files, cache);
}

Result<std::vector<SourceFile>> readDirectory(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return fail(ErrorKind::Invalid, dir.string() + ": not a directory");
  std::vector<SourceFile> out;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string rel = fs::relative(it->path(), dir, ec).generic_string();
    if (!isYamlPath(rel) || rel.starts_with(".")) continue;
    std::ifstream in(it->path(), std::ios::binary);
    if (!in) return fail(ErrorKind::Invalid, it->path().string() + ": cannot read");
    std::ostringstream text;
    text << in.rdbuf();
    out.push_back({rel, text.str()});
  }
  if (ec) return fail(ErrorKind::Invalid, dir.string() + ": " + ec.message());
  std::sort(out.begin(), out.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  return out;
}

std::vector<Diagnostic> validateDirectory(const std::filesystem::path& dir,
                                          const LoadContext& context, const Registry& registry) {
  auto files = readDirectory(dir);
  if (!files) return {Diagnostic{"", 0, 0, files.error().message}};
  LoadContext ctx = context;
  if (ctx.region.empty()) ctx.region = "us-east-1";
  if (ctx.accountId.empty()) ctx.accountId = "000000000000";
  auto result = load(*files, ctx, registry, nullptr);
  if (result) return {};
  return result.error();
}

}  // namespace driftless::reconcile
