#include "controller/load_commit.h"

#include "gitsource/verify.h"

namespace driftless::controller {

Result<FetchedHead> fetchHead(gitsource::Repository& repo, const std::string& branch, bool reuse) {
  auto f = repo.fetch({branch}, reuse);
  if (!f)
    return fail(f.error().kind, "fetching branch " + branch + " of " + repo.displayUrl() + ": " +
                                    f.error().message);
  auto head = f->heads.find(branch);
  if (head == f->heads.end())
    return fail(ErrorKind::NotFound, "branch " + branch + " not found in " + repo.displayUrl());
  return FetchedHead{head->second, f->changed, f->notices};
}

reconcile::LoadContext loadContextFor(const config::EnvironmentConfig& env,
                                      const ProviderContext& context) {
  reconcile::LoadContext lc;
  lc.environment = env.name;
  lc.region = env.region;
  lc.accountId = context.accountId;
  lc.partition = context.partition;
  return lc;
}

std::string CommitProblems::summary(const std::string& commit) const {
  std::string first = lines.empty() ? "manifests are invalid" : lines.front();
  if (lines.size() > 1) first += " (and " + std::to_string(lines.size() - 1) + " more)";
  return "commit " + commit.substr(0, 7) + " refused: " + first;
}

LoadedCommit loadCommit(const gitsource::Repository& repo, const std::string& commit,
                        const config::EnvironmentConfig& env, reconcile::LoadContext context,
                        const Registry& registry) {
  using Stage = CommitProblems::Stage;
  auto refuse = [](Stage stage, const Error& e) {
    return std::unexpected(CommitProblems{stage, e.kind, {e.message}});
  };
  // Signed commits: an unsigned or wrongly signed one is refused like a broken one.
  if (auto signer = gitsource::verifyCommit(repo, commit, env.verify); !signer)
    return refuse(Stage::Signature, Error::make(ErrorKind::Invalid, signer.error().message));
  std::string path = env.path == "." ? "" : env.path;
  auto snap = repo.snapshot(commit, path, env.name);
  if (!snap) return refuse(Stage::Snapshot, snap.error());
  std::vector<reconcile::SourceFile> files;
  files.reserve(snap->files.size());
  for (const auto& f : snap->files)
    files.push_back({f.path, f.content});
  context.commit = commit;
  auto desired = reconcile::load(files, context, registry);
  if (desired) return std::move(*desired);
  CommitProblems problems;
  std::string prefix = path.empty() ? "" : path + "/";
  for (auto d : desired.error()) {
    if (!d.file.empty()) d.file = prefix + d.file;
    problems.lines.push_back(d.str());
  }
  return std::unexpected(std::move(problems));
}

}  // namespace driftless::controller
