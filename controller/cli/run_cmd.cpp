// `driftless run --config FILE`: the daemon.
#include <memory>
#include <string>

#include "controller/cli/commands.h"
#include "controller/daemon.h"

namespace driftless::cli {

Runner addRunCommand(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "run",
      "The controller daemon: reconciles every environment on its interval until "
      "SIGTERM/SIGINT (SIGHUP: reconcile all now)");
  cmd->add_option("--config", *file, "the controller config (YAML)")->required();
  return [file](Context& ctx) {
    auto config = loadConfigOrReport(*file, ctx);
    if (!config) return 1;
    controller::Daemon daemon(std::move(*config));
    return daemon.run(ctx.err);
  };
}

}  // namespace driftless::cli
