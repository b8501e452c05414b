#pragma once
// Internal to reconcile/: the loader's per-template model and the Loader
// class, whose members are defined per concern in loader*.cpp:
//   loader.cpp             files, templates, resources: the order of a load
//   loader_parameters.cpp  Parameters and parameters/<env>.yaml
//   loader_intrinsics.cpp  Ref, GetAtt, Sub, Join, Select, ... evaluation
//   loader_conditions.cpp  Conditions, Fn::If and the condition functions, Mappings
//   loader_outputs.cpp     Outputs, exports and Fn::ImportValue between stacks
//   loader_rules.cpp       Rules and their assertions
//   loader_schema.cpp      per-resource property checks: checkSchema, the one place
//   loader_graph.cpp       cross-resource checks: static refs, names, cycles
//   loader_foreach.cpp     Fn::ForEach expansion (AWS::LanguageExtensions)
//   loader_lookups.cpp     values looked up in AWS: SSM parameter types, Fn::GetAZs
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "reconcile/intrinsics.h"
#include "reconcile/loader.h"
#include "reconcile/yaml_tree.h"

namespace driftless::reconcile::detail {

// ---- helpers ------------------------------------------------------------------

inline bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A template or parameters file: *.yaml, *.yml, *.json, *.template.
inline bool isTemplatePath(std::string_view p) {
  return endsWith(p, ".yaml") || endsWith(p, ".yml") || endsWith(p, ".json") ||
         endsWith(p, ".template");
}

inline std::string stemOf(std::string_view path) {
  auto slash = path.rfind('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  auto dot = base.rfind('.');
  return std::string(dot == std::string_view::npos ? base : base.substr(0, dot));
}

inline std::string joinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names)
    out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

inline std::string quote(const std::string& s) {
  return "\"" + s + "\"";
}

// How a value is named in a type error: "a list", "a map", "\"abc\"", "5".
inline std::string describe(const Value& v) {
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

inline std::string joinPath(const std::string& base, std::string_view name) {
  return base.empty() ? std::string(name) : base + "." + std::string(name);
}

inline bool isAlnum(const std::string& s) {
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

// AWS::NoValue: a marker the evaluator drops from the map or list holding it.
inline Value noValue() {
  Value v = Value::object();
  v["Driftless::NoValue"] = Value(true);
  return v;
}
inline bool isNoValue(const Value& v) {
  return v.isObject() && v.size() == 1 && v.find("Driftless::NoValue");
}

struct Condition {
  const YamlNode* node = nullptr;
  Mark key;
  enum class State { Pending, Evaluating, Done } state = State::Pending;
  bool value = false;
};

struct Output {
  std::string name;
  Mark key;
  const YamlNode* node = nullptr;
  bool included = true;  // its Condition is true
  enum class State { Pending, Evaluating, Done } state = State::Pending;
  bool valid = true;
  DesiredOutput out;
};

// One export of the environment: Outputs.<output>.Export.Name of `stack`.
struct Export {
  std::string stack;
  std::string output;
  Mark at;
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
  // Resources of other stacks this one takes a value from (Fn::ImportValue).
  std::set<ResourceId> imported;
  // The resource's Condition is false: not desired, and not loaded further.
  bool excluded = false;
  std::string condition;
  // An unknown property was reported: the type's cross-property rules would
  // only add misleading errors about what is missing.
  bool unknownProperties = false;
  DesiredResource out;
};

struct Stack {
  std::string name;
  const ParsedFile* file = nullptr;
  std::map<std::string, Parameter> parameters;
  std::map<std::string, Resource> resources;
  const YamlNode* mappings = nullptr;
  std::map<std::string, Condition> conditions;
  std::map<std::string, Output> outputs;
  // Stacks this one imports from, with where the first such import is.
  std::map<std::string, Mark> importsFrom;
  bool languageExtensions = false;  // Transform: AWS::LanguageExtensions
  // Sections with their Fn::ForEach loops expanded (owned; resources point into them).
  std::vector<std::unique_ptr<YamlNode>> expanded;
};

// Whether a Fn::ForEach:: key stands anywhere in `node`.
bool containsForEach(const YamlNode& node);

struct Override {
  const YamlNode* node = nullptr;
  Mark key;
  bool used = false;
};

class Loader {
 public:
  Loader(const LoadContext& ctx, const Registry& registry) : ctx_(ctx), registry_(registry) {}

  LoadResult run(const std::vector<SourceFile>& files);

 private:
  void error(const std::string& file, Mark at, std::string message) {
    diagnostics_.push_back({file, at.line, at.column, std::move(message)});
  }
  void error(const std::string& file, const YamlNode& at, std::string message) {
    error(file, Mark{at.line, at.column}, std::move(message));
  }
  void error(const std::string& file, const YamlKey& at, std::string message) {
    error(file, Mark{at.line, at.column}, std::move(message));
  }

  LoadResult finish();
  void loadTransform(Stack& stack, const YamlNode& transform);
  std::shared_ptr<const ParsedFile> parse(const SourceFile& f);
  void loadStacks();
  void releaseTree(Stack& stack);
  void loadOverrides(const ParsedFile& file);
  void loadTemplate(const ParsedFile& file);
  void loadParameters(Stack& stack, const YamlNode& params);
  std::optional<Value> parameterValue(const std::string& file, const std::string& name,
                                      const std::string& type, const YamlNode& node);
  void loadResource(Stack& stack, Resource& res);
  void loadResourceTypes(Stack& stack, const YamlNode& resources);
  void loadPolicies(Stack& stack, Resource& res);
  void loadDependsOn(Stack& stack, Resource& res);
  void loadMetadata(Stack& stack, Resource& res);
  bool checkTopLevel(const ParsedFile& file);
  void finishResource(Stack& stack, Resource& res);

  // Parameters (loader_parameters.cpp).
  bool loadParameter(Stack& stack, Parameter& p, const YamlNode& decl, Override* override);
  bool checkConstraints(Stack& stack, const Parameter& p, const YamlNode& decl,
                        const std::string& valueFile, const YamlNode& valueNode,
                        const Value& value);
  bool checkNumberBounds(Stack& stack, const Parameter& p, const YamlNode& decl,
                         const std::string& valueFile, const YamlNode& valueNode,
                         const Value& value);
  bool checkLengthAndPattern(Stack& stack, const Parameter& p, const YamlNode& decl,
                             const std::string& valueFile, const YamlNode& valueNode,
                             const Value& value);

  // Values looked up in AWS (loader_lookups.cpp).
  bool ssmParameter(Stack& stack, Parameter& p, const std::string& valueFile,
                    const YamlNode& valueNode);
  Value availabilityZones(Stack& stack, Resource& res, const YamlNode& arg, const YamlNode& at,
                          const std::string& path);

  // Conditions and Mappings (loader_conditions.cpp).
  void loadConditions(Stack& stack, const YamlNode& conditions);
  std::optional<bool> condition(Stack& stack, Resource& res, const std::string& name,
                                const YamlNode& at);
  Value conditionFunction(Stack& stack, Resource& res, const std::string& name, const YamlNode& arg,
                          const YamlNode& at, const std::string& path);
  Value fnIf(Stack& stack, Resource& res, const YamlNode& arg, const YamlNode& at,
             const std::string& path);
  Value findInMap(Stack& stack, Resource& res, const YamlNode& arg, const YamlNode& at,
                  const std::string& path);
  void applyResourceCondition(Stack& stack, Resource& res);

  // Rules (loader_rules.cpp).
  void checkRules(Stack& stack, const YamlNode& rules);
  std::optional<bool> ruleHolds(Stack& stack, Resource& own, const YamlNode& n);
  Value ruleFunction(Stack& stack, Resource& res, const std::string& name, const YamlNode& arg,
                     const YamlNode& at, const std::string& path);

  // Outputs and imports (loader_outputs.cpp).
  void declareOutputs(Stack& stack, const YamlNode& outputs);
  void collectExports();
  void evaluateOutput(Stack& stack, Output& output);
  Value importValue(Stack& stack, Resource& res, const YamlNode& arg, const YamlNode& at,
                    const std::string& path);
  void checkImportCycles();

  // More intrinsics (loader_intrinsics.cpp).
  Value select(Stack& stack, Resource& res, const YamlNode& arg, const YamlNode& at,
               const std::string& path);
  Value join(Stack& stack, Resource& res, const YamlNode& arg, const YamlNode& at,
             const std::string& path);
  Value split(Stack& stack, Resource& res, const YamlNode& arg, const YamlNode& at,
              const std::string& path);
  Value base64(Stack& stack, Resource& res, const YamlNode& arg, const YamlNode& at,
               const std::string& path);
  Value cidr(Stack& stack, Resource& res, const YamlNode& arg, const YamlNode& at,
             const std::string& path);
  Value pseudo(Stack& stack, const std::string& name, bool* found);
  // A scratch resource for evaluating what is not a resource (an output, a condition).
  Resource scratch(const std::string& label) const;
  // Fails with a located error (prefix "<logicalId>: ") and returns null.
  Value bad(Stack& stack, Resource& res, const YamlNode& at, const std::string& message);

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

  // Fn::ForEach (loader_foreach.cpp): `section`, or its copy with the loops expanded.
  const YamlNode* expandSection(Stack& stack, const YamlNode* section);
  YamlNode expandNode(Stack& stack, const YamlNode& node);
  void expandLoop(Stack& stack, const YamlKey& key, const YamlNode& loop, YamlNode& out);
  std::optional<std::vector<std::string>> loopCollection(Stack& stack, const YamlKey& key,
                                                         const YamlNode& collection);

  void checkSchema(Stack& stack, Resource& res);
  void checkSpec(Stack& stack, Resource& res, const PropertySpec& spec, Value& v,
                 const std::string& path);
  void checkObject(Stack& stack, Resource& res, const PropertySpec& spec, Value& v,
                   const std::string& path);
  void checkTags(Stack& stack, Resource& res, Value& v, const std::string& path);
  Mark valueMark(const Resource& res, const std::string& path) const;
  Mark keyMark(const Resource& res, const std::string& path) const;

  void resolveStaticRefs();
  void checkPhysicalNames();
  void checkCycles(Stack& stack);

  const LoadContext& ctx_;
  const Registry& registry_;
  std::vector<Diagnostic> diagnostics_;
  // The files this load parsed, by address (a stack knows its file's): a stack's
  // YAML tree is freed once nothing reads it any more (releaseTree).
  std::map<const ParsedFile*, std::shared_ptr<ParsedFile>> parsed_;
  std::map<std::string, Stack> stacks_;
  std::string overridesFile_;
  std::map<std::string, Override> overrides_;
  std::map<std::string, Export> exports_;
  std::vector<Diagnostic> warnings_;
  // Condition names being evaluated, innermost last, per stack: cycle detection.
  std::vector<std::string> evaluating_;
  // Inside Conditions: {Condition: Name} is the condition's value.
  bool inCondition_ = false;
  // Inside Rules: Fn::Contains, EachMemberEquals, EachMemberIn, RefAll are allowed.
  bool inRule_ = false;
};

}  // namespace driftless::reconcile::detail
