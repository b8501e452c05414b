// `driftless status [--env NAME] [--outputs] [-o text|json]`: asks the daemon.
#include <iomanip>
#include <memory>

#include "controller/cli/daemon_client.h"
#include "controller/control_socket.h"

namespace driftless::cli {

Runner addStatusCommand(CLI::App& app) {
  struct Options : SocketOptions {
    std::string env;
    std::string output = "text";
    bool outputs = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "status", "Per environment: branch, last applied commit, last result, drift, next run");
  addSocketOptions(cmd, *o);
  cmd->add_option("--env", o->env, "only this environment");
  cmd->add_option("-o,--output", o->output, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--outputs", o->outputs,
                "also the templates' Outputs as last applied (secret ones masked)");
  return [o](Context& ctx) {
    auto path = socketPath("status", *o, ctx);
    if (!path) return 1;
    Value request = Value::object();
    request["command"] = "status";
    if (!o->env.empty()) request["env"] = o->env;
    if (o->outputs) request["outputs"] = true;
    auto answer = controller::controlRequest(*path, request);
    if (!answer) {
      ctx.err << "driftless status: " << answer.error().message << "\n";
      return 1;
    }
    const Value* ok = answer->find("ok");
    if (!ok || !ok->isBool() || !ok->asBool()) {
      const Value* e = answer->find("error");
      ctx.err << "driftless status: " << (e && e->isString() ? e->asString() : "refused") << "\n";
      return 1;
    }
    const Value* envs = answer->find("environments");
    if (o->output == "json") {
      ctx.out << (envs ? envs->toPrettyJson() : "[]") << "\n";
      return 0;
    }
    auto str = [](const Value& v, const char* key) {
      const Value* f = v.find(key);
      if (!f || f->isNull()) return std::string("-");
      std::string s = f->isString() ? f->asString() : f->toJson();
      return s.empty() ? std::string("-") : s;
    };
    if (const Value* r = answer->find("replica"); r && r->isObject()) {
      const Value* h = r->find("holds");
      // With --env the answer lists one environment: the total is not known here.
      ctx.out << "replica " << str(*r, "id") << " holds "
              << (h && h->isArray() ? h->asArray().size() : 0);
      if (o->env.empty())
        ctx.out << " of " << (envs && envs->isArray() ? envs->asArray().size() : 0);
      ctx.out << " environments (" << str(*r, "liveReplicas") << " live replicas)\n";
    }
    ctx.out << std::left << std::setw(12) << "ENV" << std::setw(16) << "BRANCH" << std::setw(10)
            << "APPLIED" << std::setw(11) << "RESULT" << std::setw(22) << "LAST CYCLE"
            << std::setw(7) << "DRIFT" << std::setw(22) << "NEXT RUN"
            << "SUSPENDED\n";
    if (envs && envs->isArray())
      for (const auto& e : envs->asArray()) {
        std::string applied = str(e, "lastAppliedCommit").substr(0, 7);
        ctx.out << std::left << std::setw(12) << str(e, "env") << std::setw(16) << str(e, "branch")
                << std::setw(10) << applied << std::setw(11) << str(e, "lastResult")
                << std::setw(22) << str(e, "lastCycleEnd") << std::setw(7) << str(e, "driftCount")
                << std::setw(22) << str(e, "nextRun") << str(e, "suspended") << "\n";
        std::string error = str(e, "error");
        if (error != "-") ctx.out << "  " << str(e, "env") << ": " << error << "\n";
        if (const Value* h = e.find("health"); h && h->isObject()) {
          std::string line = "health " + str(*h, "state");
          if (str(*h, "commit") != "-") line += " (commit " + str(*h, "commit").substr(0, 7) + ")";
          if (str(*h, "badCommit") != "-")
            line += "; " + str(*h, "badCommit").substr(0, 7) + " held back";
          if (str(*h, "lastGood") != "-") line += "; last good " + str(*h, "lastGood").substr(0, 7);
          ctx.out << "  " << str(e, "env") << ": " << line << "\n";
        }
        std::string spooled = str(e, "spoolDepth");
        if (spooled != "-" && spooled != "0")
          ctx.out << "  " << str(e, "env") << ": " << spooled
                  << " record(s) waiting in the spool (state store unreachable)\n";
        if (const Value* outs = e.find("outputs"); outs && outs->isArray())
          for (const auto& out : outs->asArray())
            ctx.out << "  " << str(e, "env") << " " << str(out, "stack") << "." << str(out, "name")
                    << " = " << str(out, "value")
                    << (str(out, "export") == "-" ? "" : "  (export " + str(out, "export") + ")")
                    << "\n";
      }
    return 0;
  };
}

}  // namespace driftless::cli
