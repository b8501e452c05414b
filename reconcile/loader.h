#pragma once
// Manifest loading and validation (SPEC §3): every *.yaml/*.yml under the
// source path except parameters/ is a CloudFormation-shaped template whose file
// name (without extension) is its stack name.
#include <cstddef>
#include <expected>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "providers/registry.h"
#include "reconcile/manifest.h"

namespace driftless::reconcile {

using LoadResult = std::expected<DesiredState, std::vector<Diagnostic>>;

// Loads and validates a whole snapshot. Returns the desired state, or EVERY
// problem found (sorted by file, line, column), each located. Pure; never
// throws; never calls AWS. Checks: YAML syntax, unknown
// top-level/resource keys, unknown resource type, unknown and missing required
// properties, value types (TypeInfo::properties), TypeInfo::validate (physical
// names, FIFO rules), missing physical names, unknown resource / parameter /
// attribute references, dependency cycles ("cycle: a → b → a"), two resources
// claiming one physical name, parameter values outside AllowedValues /
// MinValue / MaxValue, unknown parameters in parameters/<env>.yaml.
// An empty snapshot (no template) is valid and yields no resources.
LoadResult load(const std::vector<SourceFile>& files, const LoadContext& context,
                const Registry& registry);

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
