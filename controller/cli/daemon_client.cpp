#include "controller/cli/daemon_client.h"

namespace driftless::cli {

void addSocketOptions(CLI::App* cmd, SocketOptions& o) {
  cmd->add_option("--config", o.config, "the controller config (finds its control socket)");
  cmd->add_option("--socket", o.socket, "the daemon's control socket path");
}

std::optional<std::string> socketPath(const std::string& command, const SocketOptions& o,
                                      Context& ctx) {
  if (!o.socket.empty()) return o.socket;
  if (o.config.empty()) {
    ctx.err << "driftless " << command << ": give --config FILE or --socket PATH (see --help)\n";
    return std::nullopt;
  }
  auto config = loadConfigOrReport(o.config, ctx);
  if (!config) return std::nullopt;
  return config->controller.controlSocket.string();
}

}  // namespace driftless::cli
