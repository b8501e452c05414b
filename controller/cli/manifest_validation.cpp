#include "controller/cli/manifest_validation.h"

#include "controller/load_commit.h"
#include "controller/oneshot.h"
#include "providers/builtin/builtin.h"
#include "reconcile/loader.h"

namespace driftless::cli {

int validateManifestFolder(const std::string& path, const std::string& env, Context& ctx) {
  reconcile::LoadContext lc;
  lc.environment = env.empty() ? std::string(reconcile::kPlaceholderEnvironment) : env;
  lc.placeholderEnvironment = env.empty();
  lc.region = "us-east-1";
  lc.accountId = "000000000000";
  std::string prefix = path;
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  auto print = [&](reconcile::Diagnostic d, const char* kind) {
    if (!d.file.empty()) d.file = prefix + d.file;
    ctx.err << kind << d.str() << "\n";
  };
  auto files = reconcile::readDirectory(path);
  if (!files) {
    ctx.err << files.error().message << "\n";
    return 1;
  }
  auto loaded = reconcile::load(*files, lc, builtinRegistry());
  if (!loaded) {
    for (const auto& d : loaded.error())
      print(d, "");
    return 1;
  }
  for (const auto& w : loaded->warnings)
    print(w, "warning: ");
  if (env.empty())
    ctx.out << path << ": manifests valid (offline, for a placeholder environment '"
            << reconcile::kPlaceholderEnvironment
            << "': give --env NAME to check an environment's parameters)\n";
  else
    ctx.out << path << ": manifests valid for environment " << env << "\n";
  return 0;
}

int validateEnvironmentHead(const config::ControllerConfig& config, const std::string& env,
                            Context& ctx) {
  if (!config.environments.count(env)) {
    ctx.err << "driftless validate: environment '" << env << "' is not in " << config.file.string()
            << "\n";
    return 1;
  }
  return controller::runOneShot(
      "validate", config, {env}, false, ctx.err, [&](controller::Runtime& rt) -> Awaitable<int> {
        auto& e = *rt.environment(env);
        auto repo = e.repository;
        std::string branch = e.config.branch;
        reconcile::LoadContext lc;
        lc.environment = env;
        lc.region = e.config.region;
        lc.accountId = "000000000000";
        const Registry* registry = &rt.registry();
        const config::EnvironmentConfig* cfg = &e.config;
        using Out = std::pair<std::string, std::vector<std::string>>;  // commit, problems
        auto work = [=]() -> Out {
          auto head = controller::fetchHead(*repo, branch);
          if (!head) return {"", {head.error().message}};
          std::string commit = head->commit;
          auto loaded = controller::loadCommit(*repo, commit, *cfg, lc, *registry);
          if (loaded) return {commit, {}};
          using Stage = controller::CommitProblems::Stage;
          if (loaded.error().stage == Stage::Signature)
            return {commit, {loaded.error().summary(commit)}};
          return {commit, loaded.error().lines};
        };
        Out out = co_await controller::offload(rt.blocking(), work);
        for (const auto& p : out.second)
          ctx.err << p << "\n";
        if (!out.second.empty()) co_return 1;
        ctx.out << env << " (" << branch << " at " << out.first.substr(0, 12)
                << "): manifests valid\n";
        co_return 0;
      });
}

}  // namespace driftless::cli
