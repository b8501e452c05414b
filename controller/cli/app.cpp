#include "controller/cli/app.h"

#include <exception>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "controller/cli/commands.h"
#include "controller/logging.h"

namespace driftless::cli {
namespace {

using AddCommand = Runner (*)(CLI::App&);

// Every subcommand, in the order --help lists them (see commands.h).
constexpr AddCommand kCommands[] = {
    addRunCommand,       addPlanCommand,    addApplyCommand,   addValidateCommand,
    addResyncCommand,    addStatusCommand,  addSuspendCommand, addResumeCommand,
    addLogsCommand,      addHistoryCommand, addDriftCommand,   addStateCommand,
    addUnmanagedCommand, addImportCommand,  addExplainCommand, addIamPolicyCommand,
};

// CLI11's own messages span two lines; SPEC §1 wants one line per error.
std::string oneLineFailure(const CLI::App* app, const CLI::Error& e) {
  std::string where = "driftless";
  if (app && app->get_parent()) where += " " + app->get_name();
  return where + ": " + e.what() + " (see --help)\n";
}

}  // namespace

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"driftless: GitOps reconciliation controller for AWS"};
  app.set_version_flag("--version", std::string("driftless ") + DRIFTLESS_VERSION);
  app.require_subcommand(1);
  // Global options are also accepted after the subcommand name.
  app.fallthrough();
  app.failure_message(oneLineFailure);

  GlobalOptions global;
  app.add_option("--log-format", global.logFormat, "text (default) or json: one object a line")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--log-level", global.logLevel, "trace, debug, info (default), warn, error, off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));

  std::vector<std::pair<CLI::App*, Runner>> commands;
  for (AddCommand add : kCommands) {
    const std::size_t before = app.get_subcommands({}).size();
    Runner runner = add(app);
    auto subcommands = app.get_subcommands({});
    for (std::size_t i = before; i < subcommands.size(); ++i) {
      commands.emplace_back(subcommands[i], runner);
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 calls a mistyped subcommand "a subcommand is required"; name it instead.
    if (const auto left = app.remaining();
        !left.empty() && app.get_subcommands().empty() && !left.front().starts_with("-")) {
      err << "driftless: unknown command \"" << left.front() << "\" (see --help)\n";
      return 1;
    }
    // --help and --version exit 0; every usage error exits 1 (SPEC §1).
    return app.exit(e, out, err) == 0 ? 0 : 1;
  }

  logging::Options logOptions;
  logOptions.format = *logging::parseFormat(global.logFormat);
  logOptions.level = *logging::parseLevel(global.logLevel);
  logging::setup(logOptions);

  Context ctx{global, out, err};
  for (auto& [subcommand, runner] : commands) {
    if (!subcommand->parsed()) continue;
    try {
      return runner(ctx);
    } catch (const std::exception& e) {
      err << "driftless " << subcommand->get_name() << ": " << e.what() << "\n";
      return 1;
    }
  }
  return 1;  // unreachable: require_subcommand(1)
}

std::optional<config::ControllerConfig> loadConfigOrReport(const std::filesystem::path& file,
                                                           Context& ctx) {
  auto loaded = config::loadConfig(file);
  if (loaded) return std::move(*loaded);
  for (const auto& d : loaded.error())
    ctx.err << d.format() << "\n";
  return std::nullopt;
}

}  // namespace driftless::cli
