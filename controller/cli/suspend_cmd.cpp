// `driftless suspend --env NAME` / `driftless resume --env NAME` (persisted by the daemon).
#include <memory>

#include "controller/cli/daemon_client.h"
#include "controller/control_socket.h"

namespace driftless::cli {
namespace {

Runner addToggle(CLI::App& app, const std::string& name, const std::string& help) {
  struct Options : SocketOptions {
    std::string env;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(name, help);
  addSocketOptions(cmd, *o);
  cmd->add_option("--env", o->env, "the environment")->required();
  return [o, name](Context& ctx) {
    auto path = socketPath(name, *o, ctx);
    if (!path) return 1;
    Value request = Value::object();
    request["command"] = name;
    request["env"] = o->env;
    auto answer = controller::controlRequest(*path, request);
    if (!answer) {
      ctx.err << "driftless " << name << ": " << answer.error().message << "\n";
      return 1;
    }
    const Value* ok = answer->find("ok");
    if (!ok || !ok->isBool() || !ok->asBool()) {
      const Value* e = answer->find("error");
      ctx.err << "driftless " << name << ": " << (e && e->isString() ? e->asString() : "refused")
              << "\n";
      return 1;
    }
    ctx.out << o->env << ": " << (name == "suspend" ? "suspended" : "resumed") << "\n";
    return 0;
  };
}

}  // namespace

Runner addSuspendCommand(CLI::App& app) {
  return addToggle(app, "suspend", "Pause reconciliation of one environment (persisted)");
}

Runner addResumeCommand(CLI::App& app) {
  return addToggle(app, "resume", "Restart reconciliation of a suspended environment");
}

}  // namespace driftless::cli
