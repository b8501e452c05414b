#pragma once
// The operator's surface on the daemon's HTTP listener: the JSON API under
// /api/v1/ and the status page under /ui/ (static assets compiled into the
// binary, controller/ui/). Live updates are Server-Sent Events from the same
// EventBus as `driftless logs`. Nothing here writes AWS; the only write
// actions (resync, suspend, resume) go through the control-socket command path
// and need the bearer token of controller.http.tokenEnv. Nothing shown holds a
// secret in clear: plans and drift records are masked when written, and
// resource properties are not served at all.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "controller/http_server.h"
#include "controller/runtime.h"

namespace driftless::controller {

// What the page shows per resource, derived from the event stream: the
// statuses the last finished cycle reported (in sync, drifted, conflict,
// failed, unobserved), or "pending" before this process finished a cycle.
class ResourceStatusBook {
 public:
  void onEvent(const Event& e);
  // The status of `id` ("stack/LogicalId") in `env`.
  std::string statusOf(const std::string& env, const std::string& id) const;
  // Resources the last cycle reported that are not in state (conflicts, failed creates).
  std::map<std::string, std::pair<std::string, std::string>> extra(const std::string& env) const;

 private:
  struct Entry {
    std::string status;
    std::string type;
    std::string physicalId;
  };
  mutable std::mutex mu_;
  std::map<std::string, std::map<std::string, Entry>> current_;  // env -> id -> entry
  std::map<std::string, std::map<std::string, Entry>> pending_;  // of the running cycle
  std::map<std::string, bool> finishedOnce_;
};

// Hooks into the daemon: the control-socket command handler ("status",
// "resync", "suspend", "resume"), and per environment extra status fields
// (health) merged into the environment rows.
using ControlCall = std::function<Awaitable<Value>(const Value&)>;

class UiServer {
 public:
  UiServer(Runtime& runtime, ControlCall control);
  ~UiServer();

  // True for /ui, /ui/..., /api/...
  static bool handles(const HttpRequest& request);
  Awaitable<HttpReply> handle(const HttpRequest& request);

 private:
  Awaitable<HttpReply> api(const HttpRequest& request, const std::string& path);
  Awaitable<HttpReply> environments(const std::string& only);
  Awaitable<HttpReply> resources(const std::string& env);
  Awaitable<HttpReply> cycles(const std::string& env, const HttpRequest& request);
  Awaitable<HttpReply> cycle(const std::string& env, const std::string& id);
  Awaitable<HttpReply> drift(const std::string& env, const HttpRequest& request);
  Awaitable<HttpReply> action(const std::string& env, const std::string& verb);
  HttpReply events(const HttpRequest& request);
  HttpReply asset(const std::string& path) const;
  // nullopt when allowed; else the 401/403 reply.
  std::optional<HttpReply> refuse(const HttpRequest& request, bool write) const;
  Value commitInfo(const EnvironmentRuntime& env, const std::string& commit);

  Runtime& runtime_;
  ControlCall control_;
  std::shared_ptr<ResourceStatusBook> book_;
  int token_ = 0;
  std::map<std::string, Value> commits_;  // commit -> {subject, author}
};

}  // namespace driftless::controller
