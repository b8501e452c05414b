// `driftless validate`: offline lint (SPEC §1). Today: the controller config
// (--config FILE). Manifest validation joins here: register `PATH` and `--env NAME`
// on the subcommand in addValidateCommand, and run the manifest checks in
// runValidate after the config check (with --env, on that environment's branch head).
#include <memory>
#include <string>

#include "controller/cli/commands.h"
#include "controller/cli/manifest_validation.h"

namespace driftless::cli {
namespace {

struct ValidateOptions {
  std::string config;
  std::string path;  // a manifest folder
  std::string env;
};

int runValidate(const ValidateOptions& options, Context& ctx) {
  if (!options.path.empty()) {
    int code = validateManifestFolder(options.path, options.env, ctx);
    if (options.config.empty() || code != 0) return code;
  }
  if (options.config.empty()) {
    ctx.err << "driftless validate: nothing to validate: give --config FILE (see --help)\n";
    return 1;
  }
  auto config = loadConfigOrReport(options.config, ctx);
  if (!config) return 1;
  if (!options.env.empty() && options.path.empty())
    return validateEnvironmentHead(*config, options.env, ctx);
  std::string names;
  for (const auto& [name, env] : config->environments) {
    names += (names.empty() ? "" : ", ") + name;
  }
  ctx.out << options.config << ": valid (controller " << config->controller.id << "; "
          << config->environments.size()
          << (config->environments.size() == 1 ? " environment: " : " environments: ") << names
          << ")\n";
  return 0;
}

}  // namespace

Runner addValidateCommand(CLI::App& app) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Offline lint: check a controller config (--config FILE) without touching AWS");
  cmd->add_option("--config", options->config, "the controller config (YAML) to check");
  cmd->add_option("path", options->path,
                  "a folder of manifests to check (YAML, schema, references)");
  cmd->add_option("--env", options->env,
                  "with --config: that environment's manifests at its branch head; with PATH: "
                  "use parameters/<env>.yaml");
  return [options](Context& ctx) { return runValidate(*options, ctx); };
}

}  // namespace driftless::cli
