// `driftless logs [--follow] [--env NAME]`: the daemon's reconcile events.
#include <iostream>
#include <memory>

#include "controller/cli/daemon_client.h"
#include "controller/control_socket.h"
#include "controller/events.h"

namespace driftless::cli {

Runner addLogsCommand(CLI::App& app) {
  struct Options : SocketOptions {
    std::string env;
    bool follow = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("logs", "Stream the daemon's reconcile events");
  addSocketOptions(cmd, *o);
  cmd->add_option("--env", o->env, "only this environment");
  cmd->add_flag("-f,--follow", o->follow, "keep streaming new events");
  return [o](Context& ctx) {
    auto path = socketPath("logs", *o, ctx);
    if (!path) return 1;
    bool json = ctx.global.logFormat == "json";
    auto print = [&](const Value& v) {
      ctx.out << (json ? v.toJson() : controller::Event::fromValue(v).toText()) << "\n";
      ctx.out.flush();
    };
    Value request = Value::object();
    request["command"] = "logs";
    if (!o->env.empty()) request["env"] = o->env;
    if (o->follow) {
      request["follow"] = true;
      bool first = true;
      auto r = controller::controlStream(*path, request, [&](const Value& line) {
        if (first) {
          first = false;
          if (line.find("following")) return true;
        }
        print(line);
        return true;
      });
      if (!r) {
        ctx.err << "driftless logs: " << r.error().message << "\n";
        return 1;
      }
      return 0;
    }
    auto answer = controller::controlRequest(*path, request);
    if (!answer) {
      ctx.err << "driftless logs: " << answer.error().message << "\n";
      return 1;
    }
    if (const Value* events = answer->find("events"); events && events->isArray())
      for (const auto& e : events->asArray())
        print(e);
    return 0;
  };
}

}  // namespace driftless::cli
