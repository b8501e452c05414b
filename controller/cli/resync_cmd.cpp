// `driftless resync [--env NAME]`: asks the daemon to reconcile now.
#include <memory>

#include "controller/cli/daemon_client.h"
#include "controller/control_socket.h"

namespace driftless::cli {

Runner addResyncCommand(CLI::App& app) {
  struct Options : SocketOptions {
    std::string env;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "resync", "Ask the running daemon to reconcile now (all environments without --env)");
  addSocketOptions(cmd, *o);
  cmd->add_option("--env", o->env, "only this environment");
  return [o](Context& ctx) {
    auto path = socketPath("resync", *o, ctx);
    if (!path) return 1;
    Value request = Value::object();
    request["command"] = "resync";
    if (!o->env.empty()) request["env"] = o->env;
    auto answer = controller::controlRequest(*path, request);
    if (!answer) {
      ctx.err << "driftless resync: " << answer.error().message << "\n";
      return 1;
    }
    const Value* ok = answer->find("ok");
    if (!ok || !ok->isBool() || !ok->asBool()) {
      const Value* e = answer->find("error");
      ctx.err << "driftless resync: " << (e && e->isString() ? e->asString() : "refused") << "\n";
      return 1;
    }
    std::string names;
    if (const Value* t = answer->find("triggered"); t && t->isArray())
      for (const auto& n : t->asArray())
        names += (names.empty() ? "" : ", ") + n.asString();
    ctx.out << "resync requested: " << (names.empty() ? "(no environment)" : names) << "\n";
    return 0;
  };
}

}  // namespace driftless::cli
