#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// AWS's CloudFormation database (@aws-cdk/aws-service-spec, pinned in
// package-lock.json), compiled into the binary by scripts/gen-cfnspec: every
// CloudFormation resource type with its properties (value type, required,
// replacement), GetAtt attributes, tag property and primary identifier, and
// the documentation of each. Parsed on first use; immutable afterwards.
namespace driftless::cfnspec {

// A property's value type.
struct ValueType {
  enum class Kind { Primitive, Struct, List, Map, Union };
  Kind kind = Kind::Primitive;
  std::string primitive;             // Primitive: "string", "integer", "number",
                                     // "boolean", "json", "tag", "date-time", ...
  int def = -1;                      // Struct: index into Database::defs
  std::vector<ValueType> elements;   // List/Map: one; Union: the alternatives
  std::vector<std::string> allowed;  // Primitive "string": allowed values if listed
};

struct Property {
  std::string name;
  ValueType type;
  bool required = false;
  bool replaces = false;    // a change replaces the resource
  bool mayReplace = false;  // a change may replace it (depends on the values)
  bool deprecated = false;
};

// A named structure (a property type such as Bucket.LoggingConfiguration).
struct Struct {
  std::string name;
  std::vector<Property> properties;  // sorted by name
  const Property* property(std::string_view name) const;
};

struct ResourceType {
  std::string name;                     // "AWS::S3::Bucket"
  std::vector<Property> properties;     // sorted by name
  std::vector<std::string> attributes;  // GetAtt names, sorted
  std::string tagProperty;              // "Tags", or empty when not taggable
  std::vector<std::string> primaryIdentifier;
  const Property* property(std::string_view name) const;
  bool hasAttribute(std::string_view name) const;
  std::vector<std::string> propertyNames() const;
};

// Read from the compiled text and its index (both generated at build time):
// every process names a few dozen of the ~1,400 types (the providers' schemas, a
// template's types), so a type and the structures it uses are parsed when first
// asked for, not all at start-up (parsing the whole table took 50 ms of CPU and
// 12 MiB in every process; inflating it and indexing it at start-up, 10-15 ms).
// Thread-safe; what it returns lives as long as the process.
class Database {
 public:
  const std::string& version() const { return version_; }  // the package version
  const std::string& sha256() const { return sha256_; }    // of its db.json.gz
  const ResourceType* type(std::string_view name) const;
  const std::vector<std::string>& typeNames() const { return names_; }  // sorted
  const std::vector<ResourceType>& types() const;  // every type (parses them all)
  const Struct& def(int index) const;
  std::size_t defCount() const { return defsBuilt_.size(); }
  // The property a dotted path names ("LoggingConfiguration.DestinationBucketName";
  // list indexes and map keys are skipped), or nullptr.
  const Property* property(const ResourceType& t, std::string_view path) const;
  // Names valid at a dotted path: the type's properties for "", a struct's fields.
  std::vector<std::string> namesAt(const ResourceType& t, std::string_view parentPath) const;
  // "String", "Integer", "List of String", "Map of String", "LoggingConfiguration", ...
  std::string describe(const ValueType& v) const;

 private:
  friend const Database& database();
  std::string version_, sha256_;
  std::vector<std::string> names_;  // the types' names, sorted (data::kTypeNames)
  mutable std::mutex mu_;
  mutable std::vector<std::unique_ptr<ResourceType>> typesBuilt_;  // beside names_
  mutable std::vector<std::unique_ptr<Struct>> defsBuilt_;
  mutable std::once_flag allOnce_;
  mutable std::vector<ResourceType> all_;
};

// The compiled database (parsed once, thread-safe).
const Database& database();

// Documentation of a type (path "") or of a property/attribute at a dotted path;
// nullopt when the database has none. Loads the documentation blob on first use.
std::optional<std::string> documentation(std::string_view type, std::string_view path);
std::optional<std::string> attributeDocumentation(std::string_view type, std::string_view attr);

// The candidate closest to `word` by edit distance (case-insensitive), when it is
// close enough to be a likely misspelling; nullopt otherwise.
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);

}  // namespace driftless::cfnspec
