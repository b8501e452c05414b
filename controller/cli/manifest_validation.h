#pragma once
// The manifest half of `driftless validate` (the config half is validate_cmd.cpp).
#include <string>

#include "controller/cli/commands.h"

namespace driftless::cli {

// `validate PATH [--env NAME]`: every template under PATH, offline. Prints every
// diagnostic as `PATH/file:line:col: message`; returns 0 valid, 1 invalid.
int validateManifestFolder(const std::string& path, const std::string& env, Context& ctx);

// `validate --config FILE --env NAME`: that environment's manifests at its branch head
// (fetched; nothing else touches the network).
int validateEnvironmentHead(const config::ControllerConfig& config, const std::string& env,
                            Context& ctx);

}  // namespace driftless::cli
