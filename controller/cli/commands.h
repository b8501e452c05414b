#pragma once
// The subcommands of `driftless`. Each lives in its own file, controller/cli/<name>_cmd.cpp,
// and exposes ONE function declared here:
//
//   Runner add<Name>Command(CLI::App& app);
//
// It adds its subcommand to `app` (app.add_subcommand, with a --help like every
// subcommand), binds its options to state the returned Runner owns (capture a
// shared_ptr), and returns the Runner. app.cpp calls every add*Command in the order
// of kCommands (which is the order --help lists them), parses the command line,
// sets up logging from the global options, then calls the Runner of the subcommand
// that was given and exits with what it returns.
//
// To add a subcommand: write controller/cli/<name>_cmd.cpp (globbed into dl_controller,
// no CMake edit), declare its add function below, append it to kCommands in app.cpp.
//
// Runners write command output to ctx.out and errors (one line each, naming what and
// where) to ctx.err; exit codes are the ones of SPEC §1 (0 ok, 1 error, ...).
// Exceptions a Runner lets escape are printed as one line and exit 1.
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

#include "controller/config.h"

namespace driftless::cli {

// Options every subcommand accepts (before or after the subcommand name).
struct GlobalOptions {
  std::string logFormat = "text";  // text | json
  std::string logLevel = "info";   // trace | debug | info | warn | error | off
};

struct Context {
  const GlobalOptions& global;
  std::ostream& out;
  std::ostream& err;
};

using Runner = std::function<int(Context&)>;

// Loads a controller config for a command; on failure prints every diagnostic to
// ctx.err (one line each, file:line:col: key.path: message) and returns nullopt.
std::optional<config::ControllerConfig> loadConfigOrReport(const std::filesystem::path& file,
                                                           Context& ctx);

// validate_cmd.cpp: `driftless validate --config FILE`.
Runner addValidateCommand(CLI::App& app);

// The controller's commands (controller/cli/<name>_cmd.cpp).
Runner addRunCommand(CLI::App& app);        // run_cmd.cpp
Runner addPlanCommand(CLI::App& app);       // plan_cmd.cpp
Runner addApplyCommand(CLI::App& app);      // plan_cmd.cpp
Runner addResyncCommand(CLI::App& app);     // resync_cmd.cpp
Runner addStatusCommand(CLI::App& app);     // status_cmd.cpp
Runner addSuspendCommand(CLI::App& app);    // suspend_cmd.cpp
Runner addResumeCommand(CLI::App& app);     // suspend_cmd.cpp
Runner addLogsCommand(CLI::App& app);       // logs_cmd.cpp
Runner addHistoryCommand(CLI::App& app);    // history_cmd.cpp
Runner addDriftCommand(CLI::App& app);      // history_cmd.cpp
Runner addStateCommand(CLI::App& app);      // state_cmd.cpp
Runner addUnmanagedCommand(CLI::App& app);  // unmanaged_cmd.cpp
Runner addImportCommand(CLI::App& app);     // import_cmd.cpp
Runner addExplainCommand(CLI::App& app);    // explain_cmd.cpp
Runner addIamPolicyCommand(CLI::App& app);  // iam_policy_cmd.cpp

}  // namespace driftless::cli
