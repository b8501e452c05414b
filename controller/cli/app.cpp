#include "controller/cli/app.h"

#include <iostream>

#include <CLI/CLI.hpp>

namespace driftless::cli {

int run(int argc, char** argv) {
  CLI::App app{"driftless: GitOps reconciliation controller for AWS"};
  app.set_version_flag("--version", std::string("driftless ") + DRIFTLESS_VERSION);
  app.require_subcommand(1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}

}  // namespace driftless::cli
