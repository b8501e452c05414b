#include "tests/e2e/harness.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

namespace driftless::e2e {

namespace {

std::vector<Value> parseLog(const std::string& text) {
  std::vector<Value> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() != '{') continue;
    auto v = Value::fromJson(line);
    if (v && v->isObject() && v->find("event")) out.push_back(std::move(*v));
  }
  return out;
}

std::string strip(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
    s.pop_back();
  return s;
}

}  // namespace

Daemon::Daemon(const std::string& config, const std::string& logFile, testing::EnvVars env)
    : process_(std::make_unique<testing::Process>(
          std::vector<std::string>{DRIFTLESS_BINARY, "--log-format", "json", "run", "--config",
                                   config},
          std::move(env), logFile)) {}

std::vector<Value> Daemon::events() const {
  return parseLog(process_->log());
}

std::optional<Value> Daemon::waitFor(const std::function<bool(const Value&)>& pred, int timeoutMs) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  for (;;) {
    auto all = events();
    consumed_.resize(all.size(), false);
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (consumed_[i] || !pred(all[i])) continue;
      consumed_[i] = true;
      return all[i];
    }
    if (!process_->running()) {
      ADD_FAILURE() << "the daemon exited; its log:\n" << process_->log();
      return std::nullopt;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << "no matching event within " << timeoutMs << " ms; the log:\n"
                    << process_->log();
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling the log file
  }
}

bool Daemon::noneWithin(const std::function<bool(const Value&)>& pred, int forMs) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(forMs);
  std::size_t from = events().size();
  for (;;) {
    auto all = events();
    for (std::size_t i = from; i < all.size(); ++i)
      if (pred(all[i])) return false;
    if (!process_->running()) {
      ADD_FAILURE() << "the daemon exited; its log:\n" << process_->log();
      return false;
    }
    if (std::chrono::steady_clock::now() > deadline) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling the log file
  }
}

std::string eventField(const Value& event, const char* key) {
  const Value* f = event.find(key);
  if (!f) return "";
  return f->isString() ? f->asString() : f->toJson();
}

std::function<bool(const Value&)> match(const std::string& event,
                                        std::vector<std::pair<std::string, std::string>> fields) {
  return [event, fields](const Value& v) {
    const Value* e = v.find("event");
    if (!e || !e->isString() || e->asString() != event) return false;
    for (const auto& [k, want] : fields) {
      const Value* f = v.find(k);
      if (!f) return false;
      std::string got = f->isString() ? f->asString() : f->toJson();
      if (got != want) return false;
    }
    return true;
  };
}

Scenario::Scenario(ConfigOptions options) : options_(std::move(options)) {
  static std::atomic<int> counter{0};
  prefix_ = "e2e" + std::to_string(::getpid() % 100000) + "x" + std::to_string(++counter);
  testing::sharedMoto();
  std::string error;
  auto root = dir.path() / "git";
  std::filesystem::create_directories(root);
  remote_ = std::make_unique<testing::GitRemote>(root, "infra.git");
  git_ = testing::GitDaemon::start(root, &error);
  if (!git_) {
    ADD_FAILURE() << "cannot start git daemon: " << error;
    return;
  }
  httpPort_ = testing::freePort();
  config_ = writeConfig(options_, "driftless.yaml");
  if (options_.s3State) {
    python("boto3.client('s3', endpoint_url=ep, region_name=region).create_bucket(Bucket='" +
           bucket() + "')");
  }
}

Scenario::~Scenario() = default;

std::string Scenario::writeConfig(const ConfigOptions& o, const std::string& name) const {
  auto& moto = testing::sharedMoto();
  std::ostringstream y;
  y << "controller:\n"
    << "  id: " << prefix_ << "\n"
    << "  dataDir: " << (dir.path() / o.dataDirName).string() << "\n"
    << "  controlSocket: " << (dir.path() / o.socketName).string() << "\n";
  if (o.http)
    y << "  http: { listen: \"127.0.0.1:" << (name == "driftless.yaml" ? httpPort_ : 0) << "\" }\n";
  if (!o.eventsQueueUrl.empty())
    y << "  events: { queueUrl: \"" << o.eventsQueueUrl << "\", region: us-east-1, endpointUrl: \""
      << moto.endpoint() << "\" }\n";
  y << "  webhookSecretEnv: E2E_WEBHOOK_SECRET\n"
    << "source:\n"
    << "  url: " << (git_ ? git_->url("infra.git") : std::string("missing")) << "\n"
    << "  path: manifests\n"
    << "environments:\n";
  for (const auto& e : o.environments) {
    y << "  " << e.name << ":\n"
      << "    branch: env/" << e.name << "\n"
      << "    interval: " << e.interval << "\n"
      << "    retryInterval: " << e.retryInterval << "\n"
      << (e.fullScanInterval.empty() ? "" : "    fullScanInterval: " + e.fullScanInterval + "\n")
      << "    region: us-east-1\n"
      << "    endpointUrl: " << (o.endpointUrl.empty() ? moto.endpoint() : o.endpointUrl) << "\n"
      << "    prune: " << (e.prune ? "true" : "false") << "\n"
      << "    selfHeal: " << (e.selfHeal ? "true" : "false") << "\n"
      << "    maxPruneFraction: 1\n";
  }
  if (o.s3State)
    y << "state:\n  backend: s3\n  bucket: " << bucket() << "\n  prefix: driftless/\n"
      << "  region: us-east-1\n  endpointUrl: "
      << (o.stateEndpointUrl.empty() ? moto.endpoint() : o.stateEndpointUrl) << "\n";
  else
    y << "state:\n  backend: local\n";
  auto path = dir.path() / name;
  std::ofstream(path) << y.str();
  return path.string();
}

std::string Scenario::push(const std::string& env, std::map<std::string, std::string> files,
                           std::vector<std::string> remove) {
  testing::GitChange change;
  for (auto& [path, content] : files)
    change.write["manifests/" + path] = content;
  for (auto& path : remove)
    change.remove.push_back("manifests/" + path);
  return remote_->commit("env/" + env, change);
}

std::string Scenario::queues(const std::vector<std::string>& logicalIds, int visibility,
                             bool retain) const {
  std::ostringstream y;
  y << "Resources:\n";
  for (const auto& id : logicalIds) {
    y << "  " << id << ":\n    Type: AWS::SQS::Queue\n";
    if (retain) y << "    DeletionPolicy: Retain\n";
    y << "    Properties:\n"
      << "      QueueName: !Sub \"" << prefix_ << "-" << id << "-${Driftless::Environment}\"\n"
      << "      VisibilityTimeout: " << visibility << "\n";
  }
  return y.str();
}

testing::EnvVars Scenario::env() const {
  auto vars = testing::sharedMoto().clientEnv();
  vars.emplace_back("E2E_WEBHOOK_SECRET", kWebhookSecret);
  vars.emplace_back("DRIFTLESS_STATE_KEY", "e2e-state-key-0123456789abcdef");
  return vars;
}

std::unique_ptr<Daemon> Scenario::start(const std::string& config, const std::string& name) {
  return std::make_unique<Daemon>(config.empty() ? config_ : config,
                                  (dir.path() / (name + ".log")).string(), env());
}

std::string Scenario::cli(std::vector<std::string> args, int* exitCode) const {
  args.insert(args.begin(), DRIFTLESS_BINARY);
  return testing::runCommand(args, exitCode, env());
}

std::string Scenario::python(const std::string& code) const {
  int rc = 0;
  std::string out = testing::sharedMoto().python(code, &rc);
  EXPECT_EQ(rc, 0) << code << "\n" << out;
  return strip(out);
}

std::string Scenario::queueAttribute(const std::string& queue, const std::string& attribute) const {
  return python(
      "c = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
      "u = c.get_queue_url(QueueName='" +
      queue +
      "')['QueueUrl']\n"
      "print(c.get_queue_attributes(QueueUrl=u, AttributeNames=['" +
      attribute + "'])['Attributes']['" + attribute + "'])");
}

int Scenario::countQueues(const std::string& namePrefix) const {
  return std::stoi(
      python("c = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
             "print(len(c.list_queues(QueueNamePrefix='" +
             namePrefix + "').get('QueueUrls', [])))"));
}

}  // namespace driftless::e2e
