#pragma once
#include <iostream>
#include <ostream>

namespace driftless::cli {

// Parses the command line and runs the subcommand; returns the process exit code.
// Output goes to `out`, errors to `err` (tests pass string streams).
int run(int argc, char** argv, std::ostream& out = std::cout, std::ostream& err = std::cerr);

}  // namespace driftless::cli
