// `driftless unmanaged --config FILE --env NAME [--all] [-o text|json]`.
#include <memory>

#include "controller/cli/commands.h"
#include "controller/oneshot.h"
#include "controller/unmanaged.h"

namespace driftless::cli {

Runner addUnmanagedCommand(CLI::App& app) {
  struct Options {
    std::string config, env, output = "text";
    bool all = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "unmanaged",
      "Resources tagged as this controller's that are in no state (leaked); exit 2 if any");
  cmd->add_option("--config", o->config, "the controller config (YAML)")->required();
  cmd->add_option("--env", o->env, "the environment")->required();
  cmd->add_flag("--all", o->all,
                "also resources of the managed types that carry no ownership tags");
  cmd->add_option("-o,--output", o->output, "text or json")->check(CLI::IsMember({"text", "json"}));
  return [o](Context& ctx) {
    auto config = loadConfigOrReport(o->config, ctx);
    if (!config) return 1;
    return controller::runOneShot("unmanaged", *config, {o->env}, false, ctx.err,
                                  [&](controller::Runtime& rt) -> Awaitable<int> {
                                    auto report = co_await controller::findUnmanaged(
                                        rt, *rt.environment(o->env), o->all);
                                    if (!report) {
                                      ctx.err << "driftless unmanaged: " << o->env << ": "
                                              << report.error().describe() << "\n";
                                      co_return 1;
                                    }
                                    if (o->output == "json")
                                      ctx.out << report->toValue(o->env).toPrettyJson() << "\n";
                                    else
                                      ctx.out << report->toText(o->env);
                                    co_return report->resources.empty() ? 0 : 2;
                                  });
  };
}

}  // namespace driftless::cli
