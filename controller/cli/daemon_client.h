#pragma once
// Shared by the commands that talk to a running daemon over its control socket
// (resync, status, suspend, resume, logs): where the socket is, and one clear
// line when no daemon answers.
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "controller/cli/commands.h"

namespace driftless::cli {

struct SocketOptions {
  std::string config;
  std::string socket;
};

void addSocketOptions(CLI::App* cmd, SocketOptions& o);
// The socket path from --socket, else from the config's controller.controlSocket.
std::optional<std::string> socketPath(const std::string& command, const SocketOptions& o,
                                      Context& ctx);

}  // namespace driftless::cli
