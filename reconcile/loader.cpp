#include "reconcile/loader.h"

#include <fstream>
#include <sstream>

#include "reconcile/cfnspec_check.h"
#include "reconcile/generated_names.h"
#include "reconcile/loader_internal.h"

namespace driftless::reconcile {

namespace detail {

namespace {

bool isParametersFileOf(const std::string& path, const std::string& environment) {
  if (environment.empty()) return false;
  for (const char* ext : {".yaml", ".yml", ".json"})
    if (path == "parameters/" + environment + ext) return true;
  return false;
}

}  // namespace

std::shared_ptr<const ParsedFile> Loader::parse(const SourceFile& f) {
  auto parsed = std::make_shared<ParsedFile>(parseYaml(f.path, f.content));
  parsed_.emplace(parsed.get(), parsed);
  return parsed;
}

// Frees the YAML tree of `stack`'s file (its path and diagnostics stay): the
// nodes the stack points to are not read after this.
void Loader::releaseTree(Stack& stack) {
  stack.expanded.clear();
  if (auto it = parsed_.find(stack.file); it != parsed_.end()) it->second->root = YamlNode{};
}

// Every stack's resources, then every stack's outputs. A stack with no output
// is read no more once its resources are loaded (another stack reaches it only
// through its exports), so its tree goes then: at 10,000 resources the trees
// of every template were 29 MiB at the load's peak.
void Loader::loadStacks() {
  for (auto& [name, stack] : stacks_) {
    for (auto& [lid, res] : stack.resources)
      if (res.node->isMap() && !res.excluded) loadResource(stack, res);
    bool outputs = std::any_of(stack.outputs.begin(), stack.outputs.end(),
                               [](const auto& o) { return o.second.included; });
    if (!outputs) releaseTree(stack);
  }
  for (auto& [name, stack] : stacks_)
    for (auto& [oname, output] : stack.outputs)
      if (output.included) evaluateOutput(stack, output);
}

LoadResult Loader::run(const std::vector<SourceFile>& files) {
  std::vector<const SourceFile*> templates;
  const SourceFile* overrides = nullptr;
  for (const auto& f : files) {
    if (!isTemplatePath(f.path)) continue;
    if (f.path.starts_with("parameters/")) {
      if (isParametersFileOf(f.path, ctx_.environment)) overrides = &f;
      continue;
    }
    templates.push_back(&f);
  }
  std::sort(templates.begin(), templates.end(),
            [](const SourceFile* a, const SourceFile* b) { return a->path < b->path; });
  if (templates.empty())
    error("", Mark{},
          "no templates: a manifest folder needs at least one *.yaml, *.yml, *.json or "
          "*.template file outside parameters/ (an empty desired state would prune everything)");

  if (overrides) {
    auto p = parse(*overrides);
    for (const auto& d : p->diagnostics)
      diagnostics_.push_back(d);
    if (p->parsed) loadOverrides(*p);
  }
  std::map<std::string, std::string> stackFiles;
  for (const SourceFile* f : templates) {
    auto p = parse(*f);
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
  // Exports before resources: an import may name an export of any stack.
  collectExports();
  loadStacks();
  resolveStaticRefs();
  checkPhysicalNames();
  for (auto& [name, stack] : stacks_)
    checkCycles(stack);
  checkImportCycles();
  // Nothing reads the YAML trees from here on: they go before the desired state
  // is built, instead of with the loader after it.
  for (auto& [name, stack] : stacks_)
    releaseTree(stack);
  parsed_.clear();
  return finish();
}

LoadResult Loader::finish() {
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
  std::size_t resources = 0;
  for (const auto& [sname, stack] : stacks_)
    resources += stack.resources.size();
  state.resources.reserve(resources);
  for (auto& [sname, stack] : stacks_) {
    for (auto& [lid, res] : stack.resources)
      if (!res.excluded) state.resources.push_back(std::move(res.out));
    // The loader's working data of each resource (positions, plain texts, paths)
    // goes as the desired state grows, not all of it after.
    stack.resources.clear();
    for (auto& [oname, output] : stack.outputs)
      if (output.included && output.valid) state.outputs.push_back(std::move(output.out));
  }
  state.sort();
  state.warnings = std::move(warnings_);
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

bool Loader::checkTopLevel(const ParsedFile& file) {
  const YamlNode& root = file.root;
  if (!root.isMap()) {
    error(file.path, Mark{std::max(root.line, 1), std::max(root.column, 1)},
          "a template must be a mapping with a Resources section");
    return false;
  }
  static const std::vector<std::string> kTopLevel = {"AWSTemplateFormatVersion",
                                                     "Description",
                                                     "Metadata",
                                                     "Parameters",
                                                     "Rules",
                                                     "Mappings",
                                                     "Conditions",
                                                     "Transform",
                                                     "Resources",
                                                     "Outputs"};
  for (const auto& k : root.keys) {
    if (std::find(kTopLevel.begin(), kTopLevel.end(), k.text) == kTopLevel.end())
      error(file.path, Mark{k.line, k.column},
            "unknown top-level key '" + k.text + "' (expected " + joinNames(kTopLevel) + ")");
  }
  return true;
}

void Loader::loadTemplate(const ParsedFile& file) {
  if (!checkTopLevel(file)) return;
  const YamlNode& root = file.root;
  Stack& stack = stacks_[stemOf(file.path)];
  stack.name = stemOf(file.path);
  stack.file = &file;
  if (const YamlNode* t = root.get("Transform")) loadTransform(stack, *t);
  if (const YamlNode* params = root.get("Parameters")) loadParameters(stack, *params);
  if (const YamlNode* rules = root.get("Rules")) checkRules(stack, *rules);
  if (const YamlNode* m = root.get("Mappings")) {
    if (m->isMap())
      stack.mappings = m;
    else
      error(file.path, *m, "Mappings must be a mapping of map name to {key: {key: value}}");
  }
  const YamlNode* resources = expandSection(stack, root.get("Resources"));
  if (!resources) {
    error(file.path, Mark{1, 1}, "a template must have a Resources section");
    return;
  }
  if (!resources->isMap()) {
    error(file.path, *resources, "Resources must be a mapping of logical id to resource");
    return;
  }
  loadResourceTypes(stack, *resources);
  if (const YamlNode* c = expandSection(stack, root.get("Conditions"))) loadConditions(stack, *c);
  for (auto& [lid, res] : stack.resources)
    if (res.node->isMap()) applyResourceCondition(stack, res);
  if (const YamlNode* o = expandSection(stack, root.get("Outputs"))) declareOutputs(stack, *o);
}

void Loader::loadTransform(Stack& stack, const YamlNode& t) {
  std::vector<const YamlNode*> names;
  if (t.isSequence())
    for (const auto& e : t.items)
      names.push_back(&e);
  else
    names.push_back(&t);
  for (const YamlNode* n : names) {
    if (n->isScalar() && n->text == "AWS::LanguageExtensions") {
      stack.languageExtensions = true;
      continue;
    }
    std::string what = n->isScalar() ? "'" + n->text + "'" : std::string("a macro");
    error(stack.file->path, *n,
          "Transform " + what +
              " is not supported (driftless runs templates itself; only "
              "AWS::LanguageExtensions is accepted)");
  }
}

void Loader::loadResourceTypes(Stack& stack, const YamlNode& resources) {
  const std::string& file = stack.file->path;
  for (std::size_t i = 0; i < resources.keys.size(); ++i) {
    const YamlKey& k = resources.keys[i];
    Resource res;
    res.logicalId = k.text;
    res.key = {k.line, k.column};
    res.node = &resources.items[i];
    if (!isAlnum(k.text)) {
      error(file, res.key, k.text + ": a logical id must be alphanumeric (A-Z, a-z, 0-9)");
      continue;
    }
    if (stack.parameters.count(k.text)) {
      error(file, res.key, k.text + ": name is used by both a parameter and a resource");
      continue;
    }
    stack.resources.emplace(k.text, std::move(res));
  }
  // Types first: references check the target's type (GetAtt attribute names).
  for (auto& [lid, res] : stack.resources) {
    const YamlNode& n = *res.node;
    const YamlNode* type = n.isMap() ? n.get("Type") : nullptr;
    if (!n.isMap())
      error(file, res.key, lid + ": a resource must be a mapping with Type and Properties");
    else if (!type)
      error(file, res.key, lid + ": missing Type");
    else if (!type->isScalar())
      error(file, *type, lid + ": Type must be a string");
    else if (!(res.info = registry_.info(type->text)) && !isCloudFormationType(type->text))
      // A CloudFormation type without a provider is reported after its properties.
      error(file, *type, lid + ": " + unknownTypeMessage(type->text, registry_.types()));
    if (!res.info) res.valid = false;
  }
}

void Loader::loadResource(Stack& stack, Resource& res) {
  const std::string& file = stack.file->path;
  const YamlNode& n = *res.node;
  const std::string& lid = res.logicalId;
  static const std::vector<std::string> kKeys = {
      "Type",     "Properties", "DependsOn",      "DeletionPolicy", "UpdateReplacePolicy",
      "Metadata", "Condition",  "CreationPolicy", "UpdatePolicy"};
  for (const auto& k : n.keys) {
    if (std::find(kKeys.begin(), kKeys.end(), k.text) == kKeys.end()) {
      error(file, Mark{k.line, k.column},
            lid + ": unknown key '" + k.text + "' (expected " + joinNames(kKeys) + ")");
      res.valid = false;
    }
    if (k.text == "CreationPolicy" || k.text == "UpdatePolicy")
      warnings_.push_back({file, k.line, k.column,
                           lid + ": " + k.text +
                               " is accepted and ignored (driftless does not wait for signals "
                               "or run rolling updates)"});
  }
  DesiredResource& out = res.out;
  out.id = {stack.name, lid};
  out.info = res.info;
  out.type = res.info ? res.info->type : std::string();
  out.file = file;
  out.line = res.key.line;
  loadPolicies(stack, res);
  loadMetadata(stack, res);
  loadDependsOn(stack, res);
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
  finishResource(stack, res);
}

void Loader::finishResource(Stack& stack, Resource& res) {
  DesiredResource& out = res.out;
  if (!out.properties.isObject()) out.properties = Value::object();
  if (res.info && generatesNames(*res.info) &&
      !out.properties.find(res.info->physicalNameProperty)) {
    out.properties[res.info->physicalNameProperty] =
        Value(generatePhysicalName(*res.info, out.properties, ctx_, stack.name, res.logicalId));
    out.generatedName = true;
  }
  for (const auto& d : res.dependsOn)
    out.dependencies.push_back({stack.name, d});
  for (const auto& d : res.imported)
    out.dependencies.push_back(d);
  std::sort(out.dependencies.begin(), out.dependencies.end());
  out.dependencies.erase(std::unique(out.dependencies.begin(), out.dependencies.end()),
                         out.dependencies.end());
  if (res.info) {
    checkSchema(stack, res);
  } else if (const YamlNode* t = res.node->isMap() ? res.node->get("Type") : nullptr;
             t && t->isScalar()) {
    for (const auto& p : checkUnmanagedType(t->text, out.properties, res.failedPaths))
      error(stack.file->path,
            p.at == SchemaProblem::At::Type  ? Mark{t->line, t->column}
            : p.at == SchemaProblem::At::Key ? keyMark(res, p.path)
                                             : valueMark(res, p.path),
            res.logicalId + ": " + p.message);
  }
  std::sort(out.secretPaths.begin(), out.secretPaths.end());
  out.secretPaths.erase(std::unique(out.secretPaths.begin(), out.secretPaths.end()),
                        out.secretPaths.end());
}

void Loader::loadPolicies(Stack& stack, Resource& res) {
  const std::string& file = stack.file->path;
  const std::string& lid = res.logicalId;
  for (const char* key : {"DeletionPolicy", "UpdateReplacePolicy"}) {
    const YamlNode* dp = res.node->get(key);
    if (!dp) continue;
    std::string v = dp->isScalar() ? dp->text : std::string();
    if (v == "Snapshot") {
      error(file, *dp,
            lid + ": " + key + " Snapshot is not supported by " +
                (res.info ? res.info->type : std::string("this type")) +
                " (use Delete, Retain or RetainExceptOnCreate)");
      res.valid = false;
      continue;
    }
    if (v != "Delete" && v != "Retain" && v != "RetainExceptOnCreate") {
      error(file, *dp,
            lid + ": " + key + " must be Delete, Retain or RetainExceptOnCreate, got " +
                (dp->isScalar() ? quote(dp->text)
                                : std::string("a ") + (dp->isMap() ? "map" : "list")));
      res.valid = false;
      continue;
    }
    // driftless never rolls a creation back: RetainExceptOnCreate retains.
    if (std::string_view(key) == "DeletionPolicy")
      res.out.deletionPolicy = v == "Delete" ? "Delete" : "Retain";
    else
      res.out.updateReplacePolicy = v;
  }
}

void Loader::loadMetadata(Stack& stack, Resource& res) {
  const std::string& file = stack.file->path;
  const std::string& lid = res.logicalId;
  const YamlNode* md = res.node->get("Metadata");
  if (!md) return;
  if (!md->isMap()) {
    error(file, *md, lid + ": Metadata must be a mapping");
    return;
  }
  const YamlNode* dl = md->get("driftless");
  if (!dl) return;
  if (!dl->isMap()) {
    error(file, *dl, lid + ": Metadata.driftless must be a mapping");
    return;
  }
  for (std::size_t i = 0; i < dl->keys.size(); ++i) {
    const YamlKey& k = dl->keys[i];
    bool* target = k.text == "adopt"          ? &res.out.adopt
                   : k.text == "allowReplace" ? &res.out.allowReplace
                                              : nullptr;
    if (!target) {
      error(
          file, Mark{k.line, k.column},
          lid + ": unknown key 'Metadata.driftless." + k.text + "' (expected adopt, allowReplace)");
      continue;
    }
    Value v = scalarValue(dl->items[i]);
    if (!v.isBool()) {
      error(file, dl->items[i], lid + ": Metadata.driftless." + k.text + " must be true or false");
      continue;
    }
    *target = v.asBool();
  }
  if (res.out.allowReplace && res.out.updateReplacePolicy != "Delete")
    error(file, *md->keyOf("driftless"),
          lid + ": UpdateReplacePolicy " + res.out.updateReplacePolicy +
              " cannot be kept with allowReplace: driftless replaces by deleting first");
}

void Loader::loadDependsOn(Stack& stack, Resource& res) {
  const std::string& file = stack.file->path;
  const std::string& lid = res.logicalId;
  const YamlNode* dep = res.node->get("DependsOn");
  if (!dep) return;
  std::vector<const YamlNode*> names;
  if (dep->isScalar())
    names.push_back(dep);
  else if (dep->isSequence())
    for (const auto& e : dep->items)
      names.push_back(&e);
  else
    error(file, *dep, lid + ": DependsOn must be a logical id or a list of them");
  for (const YamlNode* d : names) {
    auto it = d->isScalar() ? stack.resources.find(d->text) : stack.resources.end();
    if (it == stack.resources.end()) {
      error(file, *d, lid + ": DependsOn refers to unknown resource '" + d->text + "'");
      continue;
    }
    if (d->text == lid) {
      error(file, *d, lid + ": a resource cannot depend on itself");
      continue;
    }
    if (it->second.excluded) continue;  // CloudFormation ignores it too
    res.dependsOn.insert(d->text);
  }
}

}  // namespace detail

LoadResult load(const std::vector<SourceFile>& files, const LoadContext& context,
                const Registry& registry) {
  detail::Loader loader(context, registry);
  return loader.run(files);
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
    if (!detail::isTemplatePath(rel) || rel.starts_with(".")) continue;
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
  if (ctx.environment.empty()) {
    ctx.environment = kPlaceholderEnvironment;
    ctx.placeholderEnvironment = true;
  }
  if (ctx.region.empty()) ctx.region = "us-east-1";
  if (ctx.accountId.empty()) ctx.accountId = "000000000000";
  auto result = load(*files, ctx, registry);
  if (result) return {};
  return result.error();
}

}  // namespace driftless::reconcile
