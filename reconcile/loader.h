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

// Parsed files by (path, content). A file's parse depends on nothing else, so one
// cache serves every environment and every commit of a repository: a commit that
// changes one file re-parses that file only, and a cycle on an unchanged commit
// parses nothing. Bounded by the manifest text it keeps (the parsed trees are a
// few times that); least recently used entries go first. Safe to share between
// threads.
class ManifestCache {
 public:
  explicit ManifestCache(std::size_t maxBytes = std::size_t{32} << 20) : maxBytes_(maxBytes) {}
  std::shared_ptr<const ParsedFile> get(const std::string& path, const std::string& content);
  void put(const std::string& path, const std::string& content,
           std::shared_ptr<const ParsedFile> parsed);
  std::size_t size() const;
  std::size_t bytes() const;   // manifest text held
  std::size_t hits() const;    // for tests and metrics
  std::size_t misses() const;  // idem

 private:
  using Key = std::pair<std::string, std::size_t>;  // path, hash of the content
  struct Entry {
    std::string content;  // compared on a hit: a hash collision is a miss, never a wrong parse
    std::shared_ptr<const ParsedFile> parsed;
    std::list<Key>::iterator lru;
  };
  void evictLocked();
  mutable std::mutex mutex_;
  std::size_t maxBytes_;
  std::size_t bytes_ = 0;
  std::list<Key> lru_;  // front = most recent
  std::map<Key, Entry> entries_;
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
