#include "controller/notifier.h"

#include <algorithm>
#include <cstdlib>

#include "controller/credentials_setup.h"
#include "controller/webhook.h"
#include "providers/aws/client.h"
#include "providers/aws/http_client.h"

namespace driftless::controller {

struct Notifier::Target {
  config::NotificationConfig config;
  std::shared_ptr<aws::HttpTransport> transport;  // before client: destroyed after it
  std::unique_ptr<aws::Client> sns;               // sns targets only
  bool wants(const std::string& kind, const std::string& env) const {
    const auto& on = config.on;
    const auto& envs = config.environments;
    return std::find(on.begin(), on.end(), kind) != on.end() &&
           (envs.empty() || std::find(envs.begin(), envs.end(), env) != envs.end());
  }
};

namespace {

std::string field(const Value& fields, const char* key) {
  const Value* f = fields.find(key);
  if (!f || f->isNull()) return "";
  return f->isString() ? f->asString() : f->toJson();
}

bool failedResult(const std::string& r) {
  return r == "failed" || r == "partial";
}

}  // namespace

std::string Notification::summary(std::size_t maxListed) const {
  std::string head;
  if (kind == "drift.detected")
    head = std::to_string(resources.size()) + " resource(s) drifted";
  else if (kind == "conflict")
    head = std::to_string(resources.size()) + " resource(s) in conflict (not owned by driftless)";
  else if (kind == "cycle.failed")
    head = "cycle failed";
  else if (kind == "cycle.recovered")
    head = "cycle succeeded again after a failure";
  else if (kind == "prune.refused")
    head = "prune refused";
  else if (kind == "health.failed")
    head = "health check failed";
  else if (kind == "rollback.applied")
    head = "rolled back";
  else
    head = kind;
  std::string text = "[driftless] " + env + ": " + head;
  if (!commit.empty()) text += " at " + commit.substr(0, 7);
  if (!resources.empty()) {
    text += " (";
    for (std::size_t i = 0; i < resources.size() && i < maxListed; ++i)
      text += (i ? ", " : "") + resources[i];
    if (resources.size() > maxListed)
      text += ", and " + std::to_string(resources.size() - maxListed) + " more";
    text += ")";
  }
  if (!detail.empty()) text += ": " + detail;
  return text;
}

Value Notification::toPayload(const std::string& controller, const std::string& target,
                              std::size_t maxListed) const {
  Value v = Value::object();
  v["text"] = summary(maxListed);  // Slack-compatible
  v["source"] = "driftless";
  v["controller"] = controller;
  v["notification"] = target;
  v["kind"] = kind;
  v["environment"] = env;
  v["cycle"] = cycle;
  v["commit"] = commit;
  v["time"] = time;
  v["count"] = static_cast<std::int64_t>(resources.size());
  v["resources"] = Value::array();
  for (const auto& r : resources)
    v["resources"].push(r);
  v["detail"] = detail;
  return v;
}

Notifier::Notifier(asio::io_context& io, EventBus& bus, Metrics& metrics, std::string controllerId,
                   std::vector<config::NotificationConfig> targets, NotifierOptions options)
    : io_(io),
      bus_(bus),
      metrics_(metrics),
      controllerId_(std::move(controllerId)),
      options_(options),
      alive_(std::make_shared<bool>(true)) {
  auto transport = std::make_shared<aws::HttpTransport>(io_);
  for (auto& t : targets) {
    auto target = std::make_shared<Target>();
    target->config = std::move(t);
    target->transport = transport;
    if (!target->config.snsTopicArn.empty()) {
      aws::ClientConfig cc;
      cc.region = target->config.snsRegion;
      if (!target->config.snsEndpointUrl.empty()) cc.endpointUrl = target->config.snsEndpointUrl;
      cc.credentials =
          makeCredentials(*transport, cc.region, target->config.snsEndpointUrl, std::string());
      cc.maxAttempts = 1;  // the notifier's own backoff decides
      cc.requestTimeout = options_.timeout;
      target->sns = std::make_unique<aws::Client>(*transport, cc);
    }
    targets_.push_back(std::move(target));
  }
  std::weak_ptr<bool> alive = alive_;
  token_ = bus_.subscribe([this, alive](const Event& e) {
    // Publishers may be on any thread and must not wait: hand over to the loop.
    asio::post(io_, [this, alive, e]() {
      if (alive.lock()) collect(e);
    });
  });
}

Notifier::~Notifier() {
  bus_.unsubscribe(token_);
  alive_.reset();
}

std::map<std::string, std::uint64_t> Notifier::delivered() const {
  std::lock_guard lock(mu_);
  return delivered_;
}

std::map<std::string, std::uint64_t> Notifier::undelivered() const {
  std::lock_guard lock(mu_);
  return undelivered_;
}

void Notifier::add(const std::string& kind, const Event& e, const std::string& detail) {
  auto& n = pending_[e.env].byKind[kind];
  n.kind = kind;
  n.env = e.env;
  n.cycle = e.cycle;
  n.commit = e.commit;
  n.time = e.time;
  if (!e.id.empty() && std::find(n.resources.begin(), n.resources.end(), e.id) == n.resources.end())
    n.resources.push_back(e.id);
  if (!detail.empty()) n.detail = detail;
}

void Notifier::collect(const Event& e) {
  if (e.env.empty()) return;
  if (e.name == "drift.detected") {
    add("drift.detected", e);
  } else if (e.name == "resource.conflict") {
    add("conflict", e);
  } else if (e.name == "plan.computed") {
    if (auto refusal = field(e.fields, "refusal"); !refusal.empty())
      add("prune.refused", e, refusal);
  } else if (e.name == "health.failed" || e.name == "rollback.applied") {
    // Outside a cycle's burst: one event is one message.
    Notification n;
    n.kind = e.name;
    n.env = e.env;
    n.cycle = e.cycle;
    n.commit = e.commit;
    n.time = e.time;
    n.detail = field(e.fields, "detail");
    dispatch(n);
  } else if (e.name == "cycle.finished") {
    std::string result = field(e.fields, "result");
    if (failedResult(result)) {
      add("cycle.failed", e, field(e.fields, "error"));
    } else if (result == "succeeded" && failedResult(lastResult_[e.env])) {
      add("cycle.recovered", e);
    }
    if (result != "skipped" && !result.empty()) lastResult_[e.env] = result;
    flush(e.env);
  }
}

void Notifier::flush(const std::string& env) {
  auto it = pending_.find(env);
  if (it == pending_.end()) return;
  auto messages = std::move(it->second.byKind);
  pending_.erase(it);
  for (auto& [kind, n] : messages)
    dispatch(n);
}

void Notifier::dispatch(const Notification& n) {
  for (const auto& target : targets_)
    if (target->wants(n.kind, n.env)) asio::co_spawn(io_, deliver(target, n), asio::detached);
}

Awaitable<void> Notifier::deliver(std::shared_ptr<Target> target, Notification n) {
  std::weak_ptr<bool> alive = alive_;
  std::string body =
      n.toPayload(controllerId_, target->config.name, options_.maxResourcesListed).toJson();
  auto delay = options_.backoff;
  std::string lastError;
  for (int attempt = 1; attempt <= options_.attempts; ++attempt) {
    auto sent = co_await sendOnce(*target, body, n);
    if (!alive.lock()) co_return;
    if (sent) {
      std::lock_guard lock(mu_);
      ++delivered_[target->config.name];
      co_return;
    }
    lastError = sent.error().message;
    if (attempt == options_.attempts) break;
    asio::steady_timer timer(io_);
    timer.expires_after(delay);
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (!alive.lock()) co_return;
    delay = std::min(delay * 2, options_.maxBackoff);
  }
  {
    std::lock_guard lock(mu_);
    ++undelivered_[target->config.name];
  }
  metrics_.notificationUndelivered(target->config.name);
  Event e;
  e.name = "notification.undelivered";
  e.env = n.env;
  e.cycle = n.cycle;
  e.level = "warn";
  e.fields["notification"] = target->config.name;
  e.fields["kind"] = n.kind;
  e.fields["attempts"] = options_.attempts;
  e.fields["error"] = lastError;
  bus_.publish(std::move(e));
}

Awaitable<Result<void>> Notifier::sendOnce(Target& target, const std::string& body,
                                           const Notification& n) {
  const auto& cfg = target.config;
  if (target.sns) {
    std::string subject = "driftless: " + n.kind + " in " + n.env;
    if (subject.size() > 100) subject.resize(100);
    aws::Params params{{"TopicArn", cfg.snsTopicArn}, {"Subject", subject}, {"Message", body}};
    auto published = co_await target.sns->query("sns", "Publish", std::move(params));
    if (!published) co_return fail(published.error().kind, published.error().message);
    co_return Result<void>{};
  }
  const char* url = std::getenv(cfg.webhookUrlEnv.c_str());
  if (!url || !*url)
    co_return fail(ErrorKind::Invalid,
                   "the variable " + cfg.webhookUrlEnv + " (urlEnv) is not set");
  aws::HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.body = body;
  request.timeout = options_.timeout;
  request.headers.emplace_back("Content-Type", "application/json");
  request.headers.emplace_back("User-Agent", "driftless");
  request.headers.emplace_back("X-Driftless-Event", n.kind);
  if (!cfg.webhookSecretEnv.empty()) {
    const char* secret = std::getenv(cfg.webhookSecretEnv.c_str());
    if (secret && *secret)
      request.headers.emplace_back("X-Driftless-Signature-256", webhookSignature(secret, body));
  }
  auto response = co_await target.transport->send(std::move(request));
  // The URL may carry a token (Slack): errors name the target, never the URL.
  if (!response) {
    std::string why = response.error().code.empty() ? "connection failed" : response.error().code;
    co_return fail(response.error().kind, "webhook " + cfg.name + ": " + why);
  }
  if (response->status < 200 || response->status >= 300)
    co_return fail(ErrorKind::Transient,
                   "webhook " + cfg.name + ": HTTP " + std::to_string(response->status));
  co_return Result<void>{};
}

}  // namespace driftless::controller
