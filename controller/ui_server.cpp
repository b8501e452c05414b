#include "controller/ui_server.h"

#include <git2.h>
#include <openssl/crypto.h>

#include <cstdlib>
#include <deque>
#include <set>

#include "controller/ui_assets.h"
#include "state/report.h"

namespace driftless::controller {

namespace {

HttpReply json(const Value& v, int status = 200) {
  HttpReply r;
  r.status = status;
  r.contentType = "application/json";
  r.body = v.toJson() + "\n";
  return r;
}

HttpReply problem(int status, const std::string& message) {
  Value v = Value::object();
  v["error"] = message;
  return json(v, status);
}

std::string queryParam(const std::string& query, const std::string& name) {
  std::size_t pos = 0;
  while (pos <= query.size()) {
    auto amp = query.find('&', pos);
    std::string part = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    auto eq = part.find('=');
    if (part.substr(0, eq) == name) return eq == std::string::npos ? "" : part.substr(eq + 1);
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  return "";
}

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (pos < path.size()) {
    auto slash = path.find('/', pos);
    if (slash == std::string::npos) slash = path.size();
    if (slash > pos) parts.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return parts;
}

bool sameSecret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// Dependency depth within the last applied state: the wave a resource was
// created in (0: refers to nothing that is managed).
int depthOf(const std::string& id, const std::map<std::string, std::vector<std::string>>& deps,
            std::map<std::string, int>& memo, std::set<std::string>& visiting) {
  if (auto it = memo.find(id); it != memo.end()) return it->second;
  if (!visiting.insert(id).second) return 0;  // a cycle: state never holds one, but be safe
  int depth = 0;
  if (auto it = deps.find(id); it != deps.end())
    for (const auto& d : it->second)
      if (deps.contains(d)) depth = std::max(depth, depthOf(d, deps, memo, visiting) + 1);
  visiting.erase(id);
  memo[id] = depth;
  return depth;
}

}  // namespace

// --- ResourceStatusBook -------------------------------------------------------

void ResourceStatusBook::onEvent(const Event& e) {
  if (e.env.empty()) return;
  std::lock_guard lock(mu_);
  if (e.name == "cycle.started") {
    pending_[e.env].clear();
    return;
  }
  if (e.name == "cycle.finished") {
    // A cycle that never got to a plan (fetch or load failed) tells nothing new.
    if (!e.fields.find("resources")) return;
    current_[e.env] = std::move(pending_[e.env]);
    pending_.erase(e.env);
    finishedOnce_[e.env] = true;
    return;
  }
  if (e.id.empty()) return;
  std::string status;
  if (e.name == "drift.detected") {
    const Value* corrected = e.fields.find("corrected");
    status = corrected && corrected->isBool() && corrected->asBool() ? "in sync" : "drifted";
  } else if (e.name == "resource.conflict") {
    status = "conflict";
  } else if (e.name == "resource.failed") {
    status = "failed";
  } else if (e.name == "resource.unobserved") {
    status = "unobserved";
  } else if (e.name.starts_with("resource.")) {
    status = "in sync";
  } else {
    return;
  }
  auto& entry = pending_[e.env][e.id];
  // A drifted resource stays drifted if a later event of the cycle says less.
  if (entry.status.empty() || entry.status == "in sync") entry.status = status;
  entry.type = e.type;
  entry.physicalId = e.physicalId;
}

std::string ResourceStatusBook::statusOf(const std::string& env, const std::string& id) const {
  std::lock_guard lock(mu_);
  auto f = finishedOnce_.find(env);
  if (f == finishedOnce_.end()) return "pending";
  auto c = current_.find(env);
  if (c == current_.end()) return "in sync";
  auto it = c->second.find(id);
  return it == c->second.end() ? "in sync" : it->second.status;
}

std::map<std::string, std::pair<std::string, std::string>> ResourceStatusBook::extra(
    const std::string& env) const {
  std::lock_guard lock(mu_);
  std::map<std::string, std::pair<std::string, std::string>> out;
  if (auto c = current_.find(env); c != current_.end())
    for (const auto& [id, entry] : c->second)
      out[id] = {entry.type, entry.physicalId};
  return out;
}

// --- UiServer -----------------------------------------------------------------

UiServer::UiServer(Runtime& runtime, ControlCall control)
    : runtime_(runtime),
      control_(std::move(control)),
      book_(std::make_shared<ResourceStatusBook>()) {
  git_libgit2_init();
  std::weak_ptr<ResourceStatusBook> weak = book_;
  token_ = runtime_.events().subscribe([weak](const Event& e) {
    if (auto book = weak.lock()) book->onEvent(e);
  });
}

UiServer::~UiServer() {
  runtime_.events().unsubscribe(token_);
  git_libgit2_shutdown();
}

bool UiServer::handles(const HttpRequest& request) {
  const auto& t = request.target;
  return t == "/" || t == "/ui" || t.starts_with("/ui/") || t.starts_with("/api/");
}

std::optional<HttpReply> UiServer::refuse(const HttpRequest& request, bool write) const {
  const auto& http = *runtime_.config().controller.http;
  if (http.tokenEnv.empty()) {
    if (!write) return std::nullopt;
    return problem(403, "write actions need a bearer token: set controller.http.tokenEnv");
  }
  const char* token = std::getenv(http.tokenEnv.c_str());
  if (!token || !*token)
    return problem(401, "the token variable " + http.tokenEnv + " is not set; the API is closed");
  if (!sameSecret(request.header("authorization"), std::string("Bearer ") + token)) {
    HttpReply r = problem(401, "a bearer token is required (Authorization: Bearer ...)");
    r.headers["WWW-Authenticate"] = "Bearer realm=\"driftless\"";
    return r;
  }
  return std::nullopt;
}

Awaitable<HttpReply> UiServer::handle(const HttpRequest& request) {
  const auto& t = request.target;
  if (t == "/" || t == "/ui") {
    HttpReply r;
    r.status = 302;
    r.headers["Location"] = "/ui/";
    co_return r;
  }
  if (t.starts_with("/ui/")) co_return asset(t.substr(4));
  if (!t.starts_with("/api/v1/")) co_return problem(404, "unknown API version (use /api/v1/)");
  std::string path = t.substr(8);
  co_return co_await api(request, path);
}

HttpReply UiServer::asset(const std::string& path) const {
  std::string name = path.empty() ? "index.html" : path;
  // The page's own routes (#/env/dev) are client-side; any unknown path gets the page.
  for (std::size_t i = 0; i < kUiAssetCount; ++i)
    if (name == kUiAssets[i].name) {
      HttpReply r;
      r.contentType = kUiAssets[i].contentType;
      r.body = kUiAssets[i].body;
      r.headers["Cache-Control"] = "no-cache";
      r.headers["X-Content-Type-Options"] = "nosniff";
      r.headers["Content-Security-Policy"] =
          "default-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'";
      return r;
    }
  HttpReply r;
  r.status = 404;
  r.body = "not found\n";
  return r;
}

Awaitable<HttpReply> UiServer::api(const HttpRequest& request, const std::string& path) {
  auto parts = split(path);
  bool write = request.method == "POST";
  if (auto refused = refuse(request, write)) co_return *refused;
  if (parts.size() == 1 && parts[0] == "events") co_return events(request);
  if (parts.empty() || parts[0] != "environments")
    co_return problem(404, "unknown path /api/v1/" + path);
  if (parts.size() == 1) co_return co_await environments("");
  const std::string& env = parts[1];
  if (!runtime_.environment(env)) co_return problem(404, "unknown environment '" + env + "'");
  if (write) {
    if (parts.size() == 3 &&
        (parts[2] == "resync" || parts[2] == "suspend" || parts[2] == "resume"))
      co_return co_await action(env, parts[2]);
    co_return problem(405, "POST only to .../resync, .../suspend, .../resume");
  }
  if (parts.size() == 2) co_return co_await environments(env);
  if (parts.size() == 3 && parts[2] == "resources") co_return co_await resources(env);
  if (parts.size() == 3 && parts[2] == "cycles") co_return co_await cycles(env, request);
  if (parts.size() == 4 && parts[2] == "cycles") co_return co_await cycle(env, parts[3]);
  if (parts.size() == 3 && parts[2] == "drift") co_return co_await drift(env, request);
  co_return problem(404, "unknown path /api/v1/" + path);
}

Value UiServer::commitInfo(const EnvironmentRuntime& env, const std::string& commit) {
  if (commit.empty() || !env.repository) return Value::object();
  if (auto it = commits_.find(commit); it != commits_.end()) return it->second;
  Value info = Value::object();
  git_repository* repo = nullptr;
  std::string dir = env.repository->cacheDir().string();
  git_oid oid;
  if (git_repository_open_bare(&repo, dir.c_str()) == 0 &&
      git_oid_fromstr(&oid, commit.c_str()) == 0) {
    git_commit* c = nullptr;
    if (git_commit_lookup(&c, repo, &oid) == 0) {
      const char* summary = git_commit_summary(c);
      const git_signature* author = git_commit_author(c);
      info["subject"] = summary ? summary : "";
      info["author"] = author && author->name ? author->name : "";
      git_commit_free(c);
      commits_[commit] = info;
    }
  }
  git_repository_free(repo);
  return info;
}

Awaitable<HttpReply> UiServer::environments(const std::string& only) {
  Value request = Value::object();
  request["command"] = "status";
  if (!only.empty()) request["env"] = only;
  Value answer = co_await control_(request);
  const Value* rows = answer.find("environments");
  if (!rows || !rows->isArray()) co_return problem(500, "status unavailable");
  Value out = Value::array();
  for (Value row : rows->asArray()) {
    std::string name = row.find("env") ? row.find("env")->asString() : "";
    auto* env = runtime_.environment(name);
    if (!env) continue;
    const Value* applied = row.find("lastAppliedCommit");
    std::string commit = applied && applied->isString() ? applied->asString() : "";
    // libgit2 reads one commit object of the local cache: no network, no tree walk.
    Value info = commitInfo(*env, commit);
    row["commitSubject"] = info.find("subject") ? *info.find("subject") : Value("");
    row["commitAuthor"] = info.find("author") ? *info.find("author") : Value("");
    auto holder = co_await runtime_.store().leaseHolder(name);
    row["leaseHolder"] = holder && *holder ? (*holder)->holder : std::string();
    out.push(std::move(row));
  }
  if (!only.empty())
    co_return out.asArray().empty() ? problem(404, "no status") : json(out.asArray()[0]);
  Value v = Value::object();
  v["environments"] = std::move(out);
  co_return json(v);
}

Awaitable<HttpReply> UiServer::resources(const std::string& env) {
  auto state = co_await runtime_.store().readState(env);
  if (!state) co_return problem(502, state.error().message);
  std::map<std::string, std::vector<std::string>> deps;
  if (*state)
    for (const auto& [stack, s] : (*state)->stacks)
      for (const auto& [logical, r] : s.resources)
        deps[stack + "/" + logical] = r.dependencies;
  std::map<std::string, int> memo;
  std::set<std::string> visiting;
  Value list = Value::array();
  if (*state)
    for (const auto& [stack, s] : (*state)->stacks)
      for (const auto& [logical, r] : s.resources) {
        std::string id = stack + "/" + logical;
        Value v = Value::object();
        v["id"] = id;
        v["stack"] = stack;
        v["logicalId"] = logical;
        v["type"] = r.type;
        v["physicalId"] = r.physicalId;
        v["status"] = book_->statusOf(env, id);
        v["lastChange"] = r.commit;
        v["wave"] = static_cast<std::int64_t>(depthOf(id, deps, memo, visiting));
        v["dependencies"] = Value::array();
        for (const auto& d : r.dependencies)
          v["dependencies"].push(d);
        list.push(std::move(v));
      }
  for (const auto& [id, what] : book_->extra(env)) {
    if (deps.contains(id)) continue;
    auto slash = id.find('/');
    Value v = Value::object();
    v["id"] = id;
    v["stack"] = id.substr(0, slash);
    v["logicalId"] = slash == std::string::npos ? id : id.substr(slash + 1);
    v["type"] = what.first;
    v["physicalId"] = what.second;
    v["status"] = book_->statusOf(env, id);
    v["lastChange"] = "";
    v["wave"] = static_cast<std::int64_t>(0);
    v["dependencies"] = Value::array();
    list.push(std::move(v));
  }
  Value out = Value::object();
  out["env"] = env;
  out["commit"] = *state ? (*state)->commit : std::string();
  out["resources"] = std::move(list);
  co_return json(out);
}

Awaitable<HttpReply> UiServer::cycles(const std::string& env, const HttpRequest& request) {
  std::size_t limit = 20;
  if (auto l = queryParam(request.query, "limit"); !l.empty()) {
    try {
      limit = std::min<std::size_t>(std::stoul(l), 500);
    } catch (const std::exception&) {
      co_return problem(400, "limit: expected a number, got '" + l + "'");
    }
  }
  auto list = co_await runtime_.store().listHistory(env, limit);
  if (!list) co_return problem(502, list.error().message);
  co_return json(state::historyToValue(env, *list));
}

Awaitable<HttpReply> UiServer::cycle(const std::string& env, const std::string& id) {
  if (!state::isCycleId(id)) co_return problem(400, "not a cycle id: '" + id + "'");
  auto record = co_await runtime_.store().readHistory(env, id);
  if (!record)
    co_return problem(record.error().kind == ErrorKind::NotFound ? 404 : 502,
                      record.error().message);
  Value out = Value::object();
  out["metadata"] = state::metadataToValue(record->metadata);
  out["plan"] = record->plan;
  out["executionLog"] = Value::array();
  for (const auto& line : record->executionLog)
    out["executionLog"].push(line);
  co_return json(out);
}

Awaitable<HttpReply> UiServer::drift(const std::string& env, const HttpRequest& request) {
  std::string sinceText = queryParam(request.query, "since");
  if (sinceText.empty()) sinceText = "168h";
  auto since = state::parseSince(sinceText, state::Clock::now());
  if (!since) co_return problem(400, "since: " + since.error().message);
  std::optional<state::TimePoint> from = *since;
  auto records = co_await runtime_.store().listDrift(env, from);
  if (!records) co_return problem(502, records.error().message);
  co_return json(state::driftToReportValue(env, *records));
}

Awaitable<HttpReply> UiServer::action(const std::string& env, const std::string& verb) {
  Value request = Value::object();
  request["command"] = verb;
  request["env"] = env;
  Value answer = co_await control_(request);
  const Value* ok = answer.find("ok");
  bool accepted = ok && ok->isBool() && ok->asBool();
  co_return json(answer, accepted ? 202 : 409);
}

HttpReply UiServer::events(const HttpRequest& request) {
  std::string only = queryParam(request.query, "env");
  HttpReply r;
  r.contentType = "text/event-stream";
  r.body = "retry: 2000\n\n";
  auto* rt = &runtime_;
  r.stream = [rt, only](StreamWrite write) -> Awaitable<void> {
    struct Queue {
      explicit Queue(asio::io_context& io) : wake(io) {}
      asio::steady_timer wake;
      std::deque<std::string> items;
    };
    auto q = std::make_shared<Queue>(rt->io());
    std::weak_ptr<Queue> weak = q;
    auto& io = rt->io();
    int token = rt->events().subscribe([weak, only, &io](const Event& e) {
      if (!only.empty() && !e.env.empty() && e.env != only) return;
      std::string item = "event: " + e.name + "\ndata: " + e.toJson() + "\n\n";
      asio::post(io, [weak, item]() {
        if (auto queue = weak.lock()) {
          queue->items.push_back(item);
          if (queue->items.size() > 1000) queue->items.pop_front();
          queue->wake.cancel();
        }
      });
    });
    for (;;) {
      if (q->items.empty()) {
        q->wake.expires_after(std::chrono::seconds(15));
        boost::system::error_code ec;
        co_await q->wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (q->items.empty()) {
          std::string ping = ": keep-alive\n\n";
          if (!co_await write(ping)) break;
          continue;
        }
      }
      std::string next = std::move(q->items.front());
      q->items.pop_front();
      if (!co_await write(next)) break;
    }
    rt->events().unsubscribe(token);
  };
  return r;
}

}  // namespace driftless::controller
