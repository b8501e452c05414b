// `driftless plan` and `driftless apply` (SPEC §1): one cycle with the daemon's
// code; plan writes nothing anywhere, apply takes the lease and records.
#include <memory>
#include <optional>
#include <string>

#include "controller/cli/commands.h"
#include "controller/cycle.h"
#include "controller/memory.h"
#include "controller/oneshot.h"
#include "reconcile/plan_render.h"

namespace driftless::cli {
namespace {

struct CycleCommandOptions {
  std::string config;
  std::string env;
  std::string revision;
  std::string output = "text";
  bool allowMassPrune = false;
};

int runPlan(const CycleCommandOptions& o, Context& ctx) {
  auto config = loadConfigOrReport(o.config, ctx);
  if (!config) return 1;
  controller::keepFreedPages();  // one read-only cycle: CPU before RSS (memory.h)
  return controller::runOneShot(
      "plan", *config, {o.env}, /*logEvents=*/false, ctx.err,
      [&](controller::Runtime& rt) -> Awaitable<int> {
        controller::CycleRequest request;
        request.apply = false;
        request.trigger = controller::Trigger::Plan;
        if (!o.revision.empty()) request.revision = o.revision;
        auto report = co_await controller::runCycle(rt, *rt.environment(o.env), request);
        if (report.outcome.result == controller::CycleResult::Failed && !report.plan) {
          ctx.err << "driftless plan: " << o.env << ": " << report.outcome.error << "\n";
          co_return 1;
        }
        if (o.output == "json") {
          Value v = reconcile::renderJson(*report.plan);
          ctx.out << v.toPrettyJson() << "\n";
        } else {
          ctx.out << reconcile::renderText(*report.plan);
        }
        if (report.outcome.result == controller::CycleResult::Failed) {
          ctx.err << "driftless plan: " << o.env << ": " << report.outcome.error << "\n";
          co_return 1;
        }
        int code = report.plan->hasChangesOrDrift() ? 2 : 0;
        controller::keepUntilExit(std::make_shared<controller::CycleReport>(std::move(report)));
        co_return code;
      });
}

int runApply(const CycleCommandOptions& o, Context& ctx) {
  auto config = loadConfigOrReport(o.config, ctx);
  if (!config) return 1;
  return controller::runOneShot(
      "apply", *config, {o.env}, /*logEvents=*/true, ctx.err,
      [&](controller::Runtime& rt) -> Awaitable<int> {
        auto& env = *rt.environment(o.env);
        controller::CycleRequest request;
        request.apply = true;
        request.trigger = controller::Trigger::Apply;
        request.allowMassPrune = o.allowMassPrune;
        if (!o.revision.empty()) request.revision = o.revision;
        auto report = co_await controller::runCycle(rt, env, request);
        co_await controller::releaseLease(rt, env);
        if (report.plan && !report.noop) ctx.out << reconcile::renderText(*report.plan);
        if (report.outcome.result != controller::CycleResult::Succeeded) {
          ctx.err << "driftless apply: " << o.env << ": " << toString(report.outcome.result) << ": "
                  << report.outcome.error << "\n";
          co_return 1;
        }
        const auto& c = report.counts;
        ctx.out << o.env << ": converged at " << report.commit.substr(0, 12) << " (" << c.created
                << " created, " << c.updated << " updated, " << c.replaced << " replaced, "
                << c.deleted << " deleted; " << report.managed << " managed)\n";
        controller::keepUntilExit(std::make_shared<controller::CycleReport>(std::move(report)));
        co_return 0;
      });
}

void addCycleOptions(CLI::App* cmd, CycleCommandOptions& o) {
  cmd->add_option("--config", o.config, "the controller config (YAML)")->required();
  cmd->add_option("--env", o.env, "the environment")->required();
  cmd->add_option("--revision", o.revision,
                  "a branch, tag or commit to use instead of the environment's branch head");
}

}  // namespace

Runner addPlanCommand(CLI::App& app) {
  auto o = std::make_shared<CycleCommandOptions>();
  CLI::App* cmd =
      app.add_subcommand("plan",
                         "One cycle without applying: fetch, load, observe, diff; prints the plan "
                         "(exit 0 no changes, 2 changes or drift, 1 error)");
  addCycleOptions(cmd, *o);
  cmd->add_option("-o,--output", o->output, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  return [o](Context& ctx) { return runPlan(*o, ctx); };
}

Runner addApplyCommand(CLI::App& app) {
  auto o = std::make_shared<CycleCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "apply", "One full cycle, applied and recorded like a daemon cycle (exit 0 converged)");
  addCycleOptions(cmd, *o);
  cmd->add_flag("--allow-mass-prune", o->allowMassPrune,
                "allow a plan that prunes more than maxPruneFraction of the managed resources");
  return [o](Context& ctx) { return runApply(*o, ctx); };
}

}  // namespace driftless::cli
