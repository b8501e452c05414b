#pragma once
// Manifest loading and validation (SPEC §3): every *.yaml/*.yml under the
// source path except parameters/ is a CloudFormation-shaped template whose file
// name (without extension) is its stack name.
#include <cstddef>
#include <expected>
#include <filesystem>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "providers/registry.h"
#include "reconcile/manifest.h"

namespace driftless::reconcile {

struct ParsedFile;  // a file parsed into YAML and checked on its own (opaque)

// Parsed files by (commit, path). A file's parse does not depend on the
// environment, so one cache serves every environment of a repository. Safe to
// share between threads; bounded (least recently used entries are dropped).
class ManifestCache {
 public:
  explicit ManifestCache(std::size_t maxEntries = 20000) : maxEntries_(maxEntries) {}
  std::shared_ptr<const ParsedFile> get(const std::string& commit, const std::string& path);
  void put(const std::string& commit, const std::string& path,
           std::shared_ptr<const ParsedFile> parsed);
  std::size_t size() const;
  std::size_t hits() const;    // for tests and metrics
  std::size_t misses() const;  // idem

 private:
  using Key = std::pair<std::string, std::string>;
  mutable std::mutex mutex_;
  std::size_t maxEntries_;
  std::list<Key> lru_;  // front = most recent
  std::map<Key, std::pair<std::shared_ptr<const ParsedFile>, std::list<Key>::iterator>> entries_;
  std::size_t hits_ = 0;
  std::size_t misses_ = 0;
};

using LoadResult = std::expected<DesiredState, std::vector<Diagnostic>>;

// Loads and validates a whole snapshot. Returns the desired state, or EVERY
// problem found (sorted by file, line, column), each located. Pure apart from
// the cache; never throws; never calls AWS. Checks: YAML syntax, unknown
// top-level/resource keys, unknown resource type, unknown and missing required
// properties, value types (TypeInfo::properties), TypeInfo::validate (physical
// names, FIFO rules), missing physical names, unknown resource / parameter /
// attribute references, dependency cycles ("cycle: a → b → a"), two resources
// claiming one physical name, parameter values outside AllowedValues /
// MinValue / MaxValue, unknown parameters in parameters/<env>.yaml.
// An empty snapshot (no template) is valid and yields no resources.
LoadResult load(const std::vector<SourceFile>& files, const LoadContext& context,
                const Registry& registry, ManifestCache* cache = nullptr);

// Reads every regular file ending .yaml/.yml under `dir` (recursively) as
// SourceFiles with paths relative to `dir`. Errors: `dir` missing or unreadable.
Result<std::vector<SourceFile>> readDirectory(const std::filesystem::path& dir);

// `driftless validate PATH`: readDirectory + load. Returns the diagnostics
// (empty = valid); an unreadable directory is one diagnostic for `dir` itself.
// `environment` selects parameters/<env>.yaml ("" = defaults only; then a
// parameter without Default is not an error, and what uses it is not
// type-checked); the pseudo
// parameters get placeholder values (region "us-east-1", account "000000000000")
// unless given in `context`.
std::vector<Diagnostic> validateDirectory(const std::filesystem::path& dir,
                                          const LoadContext& context, const Registry& registry);

}  // namespace driftless::reconcile
