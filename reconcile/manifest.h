#pragma once
// The desired state as loaded from one commit's manifests: the data every
// later step (observe, plan, execute) works on. Types only; loading is loader.h.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "providers/resource_id.h"
#include "providers/type_info.h"
#include "providers/value.h"

namespace driftless::reconcile {

// One file of a source snapshot. `path` is relative to the source path and
// uses '/' ("orders.yaml", "team/orders.yml", "parameters/dev.yaml").
struct SourceFile {
  std::string path;
  std::string content;
};

// One located problem in the manifests. line and column are 1-based (yaml-cpp's
// Mark is 0-based; the loader converts); 0 means "the file as a whole".
struct Diagnostic {
  std::string file;  // SourceFile::path
  int line = 0;
  int column = 0;
  std::string message;  // one line, never contains a NoEcho value

  // "file:line:col: message" ("file: message" when line is 0, "message" when
  // file is empty: a problem with the source as a whole).
  std::string str() const;
  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// Values a template reads from AWS when it is loaded for a cycle: parameters of
// the SSM types (AWS::SSM::Parameter::Value<...>, looked up in Parameter Store)
// and Fn::GetAZs. The loader takes them from here and notes in `missing*` what
// it needed and did not find; the cycle looks those up (controller/lookups.h)
// and loads again. Without a LiveLookups (offline validation) such values are
// not type-checked and a warning says so.
struct LiveLookups {
  std::map<std::string, std::string> ssm;                 // name -> value (StringList: "a,b")
  std::map<std::string, std::vector<std::string>> zones;  // region -> availability zones
  std::map<std::string, std::string> failed;              // "ssm:<name>" / "zones:<region>" -> why
  std::set<std::string> missingSsm;
  std::set<std::string> missingZones;
  bool needed() const { return !missingSsm.empty() || !missingZones.empty(); }
};

// What the pseudo parameters resolve to, and which parameters/<env>.yaml applies.
struct LoadContext {
  std::string environment;        // Driftless::Environment; "" = no parameters/<env>.yaml
  std::string region;             // AWS::Region
  std::string accountId;          // AWS::AccountId
  std::string partition = "aws";  // AWS::Partition
  std::string commit;             // the snapshot's commit id: the cache key ("" = no caching)
  // `environment` is a stand-in (offline `driftless validate` without --env): a
  // parameter without a value is then not an error, and what uses it is not type-checked.
  bool placeholderEnvironment = false;
  // Looked-up values (SSM parameter types, Fn::GetAZs); null offline.
  LiveLookups* lookups = nullptr;
};

// The environment offline validation assumes when none is given.
inline constexpr const char* kPlaceholderEnvironment = "dev";

// An intrinsic that could not be resolved at load time because it needs a
// value that exists only once a dependency is live (an Arn, a QueueUrl) stays
// in `properties` in its canonical long form, as an object with one key:
//   {"Ref": "Logical"}                       resource Ref (refAttribute or physical id)
//   {"Fn::GetAtt": ["Logical", "Attr"]}
//   {"Fn::Join": ["delim", [parts...]]}      parts may hold the forms above
//                                            (a !Sub with unknown parts becomes a Join with "")
//   {"Fn::Select": [index, [list...]]}
//   {"Fn::Split": ["delim", string]}        string holds one of the forms above
//   {"Fn::Base64": string}                  idem
// Logical ids refer to the resource's own stack, or are "stack/Logical" for a
// value imported from another stack (Fn::ImportValue). See intrinsics.h to find and
// resolve them; the plan shows them as "(known after apply)".
struct DesiredResource {
  ResourceId id;  // stack = file name without extension
  std::string type;
  // The registry's TypeInfo for `type`; never null in a loaded DesiredState.
  // Points into the Registry given to load(), which must outlive this.
  const TypeInfo* info = nullptr;
  // The manifest's Properties, intrinsics resolved as far as possible: only the
  // properties written (the managed ones). Always an Object.
  Properties properties = Value::object();
  // The physical name (value of info->physicalNameProperty) when known at load
  // time; "" when AWS assigns the id or the name is known after apply.
  std::string physicalId;
  // References (Ref/GetAtt/Sub to resources) and DependsOn, sorted, unique;
  // in the same stack, or in another one for an imported value.
  std::vector<ResourceId> dependencies;
  std::string deletionPolicy = "Delete";       // Delete | Retain (RetainExceptOnCreate is Retain)
  std::string updateReplacePolicy = "Delete";  // Delete | Retain | RetainExceptOnCreate
  // The template gave no physical name: the loader generated one (generated_names.h),
  // stable for this environment, stack and logical id.
  bool generatedName = false;
  bool adopt = false;         // Metadata.driftless.adopt
  bool allowReplace = false;  // Metadata.driftless.allowReplace
  // Dotted property paths whose value is secret: those of PropertySpec::secret
  // and those that took a NoEcho parameter's value. Never printed or stored clear.
  std::vector<std::string> secretPaths;
  // Where the resource is declared (its logical id key), for messages.
  std::string file;
  int line = 0;
};

// One entry of a template's Outputs whose Condition (if any) is true.
struct DesiredOutput {
  std::string stack;
  std::string name;
  // Resolved as far as load time allows; resource references are qualified
  // ("stack/Logical") so the value resolves from any stack.
  Value value;
  std::string exportName;  // "" = not exported
  std::string description;
  bool secret = false;  // took a NoEcho parameter's value: shown masked
  std::string file;
  int line = 0;
};

struct DesiredState {
  std::string commit;
  std::string environment;
  // Sorted by id (load() sorts; call sort() after building one by hand).
  std::vector<DesiredResource> resources;
  // Sorted by (stack, name).
  std::vector<DesiredOutput> outputs;
  // Accepted but ignored template features (CreationPolicy, UpdatePolicy), located.
  std::vector<Diagnostic> warnings;

  void sort();
  // Binary search; requires sorted resources.
  const DesiredResource* find(const ResourceId& id) const;
};

}  // namespace driftless::reconcile
