#pragma once

namespace driftless::cli {

// Parses the command line and runs the subcommand; returns the process exit code.
int run(int argc, char** argv);

}  // namespace driftless::cli
