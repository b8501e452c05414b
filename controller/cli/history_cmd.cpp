// `driftless history` and `driftless drift`: read the state store (S3 or local).
#include <memory>

#include "controller/cli/commands.h"
#include "controller/oneshot.h"
#include "state/report.h"

namespace driftless::cli {

Runner addHistoryCommand(CLI::App& app) {
  struct Options {
    std::string config, env, output = "text";
    std::size_t limit = 20;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("history", "Past cycles from the state store, newest first");
  cmd->add_option("--config", o->config, "the controller config (YAML)")->required();
  cmd->add_option("--env", o->env, "the environment")->required();
  cmd->add_option("--limit", o->limit, "at most this many cycles (default 20, 0 = all)");
  cmd->add_option("-o,--output", o->output, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  return [o](Context& ctx) {
    auto config = loadConfigOrReport(o->config, ctx);
    if (!config) return 1;
    return controller::runOneShot(
        "history", *config, {o->env}, false, ctx.err,
        [&](controller::Runtime& rt) -> Awaitable<int> {
          auto cycles = co_await rt.store().listHistory(o->env, o->limit);
          if (!cycles) {
            ctx.err << "driftless history: " << cycles.error().message << "\n";
            co_return 1;
          }
          if (o->output == "json")
            ctx.out << state::historyToValue(o->env, *cycles).toPrettyJson() << "\n";
          else
            ctx.out << state::formatHistoryText(o->env, *cycles);
          co_return 0;
        });
  };
}

Runner addDriftCommand(CLI::App& app) {
  struct Options {
    std::string config, env, since, output = "text";
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("drift", "Recorded drift events");
  cmd->add_option("--config", o->config, "the controller config (YAML)")->required();
  cmd->add_option("--env", o->env, "the environment")->required();
  cmd->add_option("--since", o->since, "a date (2026-11-22), a time, or a duration back (24h)");
  cmd->add_option("-o,--output", o->output, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  return [o](Context& ctx) {
    auto config = loadConfigOrReport(o->config, ctx);
    if (!config) return 1;
    std::optional<state::TimePoint> since;
    if (!o->since.empty()) {
      auto parsed = state::parseSince(o->since, state::Clock::now());
      if (!parsed) {
        ctx.err << "driftless drift: --since: " << parsed.error().message << "\n";
        return 1;
      }
      since = *parsed;
    }
    return controller::runOneShot(
        "drift", *config, {o->env}, false, ctx.err, [&](controller::Runtime& rt) -> Awaitable<int> {
          auto records = co_await rt.store().listDrift(o->env, since);
          if (!records) {
            ctx.err << "driftless drift: " << records.error().message << "\n";
            co_return 1;
          }
          if (o->output == "json")
            ctx.out << state::driftToReportValue(o->env, *records).toPrettyJson() << "\n";
          else
            ctx.out << state::formatDriftText(o->env, *records);
          co_return 0;
        });
  };
}

}  // namespace driftless::cli
