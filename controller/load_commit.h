#pragma once
// One commit of an environment, from the repository's object database to a
// validated DesiredState: verify its signature (environments.<env>.verify),
// read the manifests of the environment's path (Repository::snapshot), load
// them. The one way the cycle, `state rebuild` and `validate --env` read a
// commit; blocking (callers offload it).
#include <expected>
#include <string>
#include <vector>

#include "controller/config.h"
#include "gitsource/repository.h"
#include "providers/provider.h"
#include "reconcile/loader.h"

namespace driftless::controller {

// The head of `branch`, fetched. `reuse`: a fetch that finished while this
// one waited for the repository's lock counts (the timer's cycles); a webhook,
// resync or signal says the remote just changed, so never reuse then.
struct FetchedHead {
  std::string commit;
  bool changed = false;  // the fetch moved the branch
  std::vector<std::string> notices;
};
Result<FetchedHead> fetchHead(gitsource::Repository& repo, const std::string& branch,
                              bool reuse = true);

// Why a commit does not load.
struct CommitProblems {
  enum class Stage { Signature, Snapshot, Manifests };
  Stage stage = Stage::Manifests;
  ErrorKind kind = ErrorKind::Invalid;  // a snapshot of an unknown commit: NotFound
  // Manifests: every located diagnostic, files relative to the repository root
  // (the environment's path prefixed). Otherwise the one reason.
  std::vector<std::string> lines;

  // "commit abc1234 refused: <first line> (and N more)".
  std::string summary(const std::string& commit) const;
};

using LoadedCommit = std::expected<reconcile::DesiredState, CommitProblems>;

// What the loader needs to know of the environment (name, region, account,
// partition), from its config and its providers' context.
reconcile::LoadContext loadContextFor(const config::EnvironmentConfig& env,
                                      const ProviderContext& context);

// `context.commit` is set to `commit`.
LoadedCommit loadCommit(const gitsource::Repository& repo, const std::string& commit,
                        const config::EnvironmentConfig& env, reconcile::LoadContext context,
                        const Registry& registry);

}  // namespace driftless::controller
