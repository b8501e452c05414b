// `driftless state rebuild --config FILE --env NAME`.
#include <memory>

#include "controller/cli/commands.h"
#include "controller/oneshot.h"
#include "controller/rebuild.h"

namespace driftless::cli {

Runner addStateCommand(CLI::App& app) {
  struct Options {
    std::string config, env;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("state", "Maintain the state store");
  cmd->require_subcommand(1);
  CLI::App* rebuild = cmd->add_subcommand(
      "rebuild", "Rebuild a lost or corrupt state.json from the ownership tags of live resources");
  rebuild->add_option("--config", o->config, "the controller config (YAML)")->required();
  rebuild->add_option("--env", o->env, "the environment")->required();
  return [o](Context& ctx) {
    auto config = loadConfigOrReport(o->config, ctx);
    if (!config) return 1;
    return controller::runOneShot(
        "state rebuild", *config, {o->env}, true, ctx.err,
        [&](controller::Runtime& rt) -> Awaitable<int> {
          auto report = co_await controller::rebuildState(rt, *rt.environment(o->env));
          if (!report) {
            ctx.err << "driftless state rebuild: " << o->env << ": " << report.error().message
                    << "\n";
            co_return 1;
          }
          ctx.out << o->env << ": state rebuilt at " << report->commit.substr(0, 12) << ": "
                  << report->adopted << " owned resources recorded, " << report->absent
                  << " not live, " << report->foreign << " owned by someone else (left out), "
                  << report->unobserved << " could not be observed\n";
          co_return report->unobserved == 0 ? 0 : 1;
        });
  };
}

}  // namespace driftless::cli
