// Operator-facing commands through the real binary: suspend/resume, status,
// logs --follow, the HTTP endpoints and `state rebuild`.
#include <algorithm>
#include <csignal>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "providers/asio.h"
#include "tests/e2e/harness.h"

namespace driftless::e2e {
namespace {

std::string field(const Value& v, const char* key) {
  const Value* f = v.find(key);
  if (!f) return "";
  return f->isString() ? f->asString() : f->toJson();
}

int countEvents(const Daemon& d, const std::string& event, const std::string& env,
                const std::string& trigger = "") {
  int n = 0;
  for (const auto& e : d.events())
    if (field(e, "event") == event && field(e, "env") == env &&
        (trigger.empty() || field(e, "trigger") == trigger))
      ++n;
  return n;
}

// The status of one environment from `status -o json`.
std::optional<Value> statusOf(const Scenario& s, const std::string& env) {
  int rc = 0;
  std::string out = s.cli({"status", "--config", s.config(), "-o", "json"}, &rc);
  EXPECT_EQ(rc, 0) << out;
  auto parsed = Value::fromJson(out);
  if (!parsed || !parsed->isArray()) {
    ADD_FAILURE() << "status -o json is not a JSON array:\n" << out;
    return std::nullopt;
  }
  for (const auto& e : parsed->asArray())
    if (field(e, "env") == env) return e;
  ADD_FAILURE() << "no " << env << " in status:\n" << out;
  return std::nullopt;
}

struct HttpAnswer {
  int status = 0;
  std::string body;
};

HttpAnswer get(int port, const std::string& target) {
  namespace http = boost::beast::http;
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1");
  http::write(socket, req);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res);
  return {static_cast<int>(res.result_int()), res.body()};
}

// The number after `series ` on its own line in a Prometheus text body; -1 if absent.
double metric(const std::string& body, const std::string& series) {
  std::istringstream in(body);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  return -1;
}

TEST(Operations, SuspendStopsCyclesUntilResumeAndSurvivesARestart) {
  Scenario s;
  s.push("dev", {{"orders.yaml", s.queues({"orders"})}});
  s.push("prod", {{"orders.yaml", s.queues({"orders"})}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "prod"}, {"result", "succeeded"}})));

  int rc = 0;
  std::string out = s.cli({"suspend", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("dev: suspended"), std::string::npos) << out;
  ASSERT_TRUE(d->waitFor(match("environment.suspended", {{"env", "dev"}})));
  auto dev = statusOf(s, "dev");
  ASSERT_TRUE(dev);
  EXPECT_EQ(field(*dev, "suspended"), "true") << dev->toJson();

  // A change waits in git while dev is suspended: neither SIGHUP nor resync applies it.
  s.push("dev", {{"orders.yaml", s.queues({"orders"}, 45)}});
  d->process().signal(SIGHUP);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "prod"}, {"trigger", "signal"}})));
  out = s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("suspended"), std::string::npos) << out;
  EXPECT_EQ(countEvents(*d, "cycle.finished", "dev", "signal"), 0) << d->log();
  EXPECT_EQ(countEvents(*d, "cycle.started", "dev"), 1) << d->log();  // the startup cycle only
  EXPECT_EQ(s.queueAttribute(s.queueName("orders", "dev"), "VisibilityTimeout"), "30");

  out = s.cli({"resume", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  auto resumed = d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resume"}}));
  ASSERT_TRUE(resumed);
  EXPECT_EQ(field(*resumed, "result"), "succeeded") << d->log();
  EXPECT_EQ(s.queueAttribute(s.queueName("orders", "dev"), "VisibilityTimeout"), "45");
  EXPECT_EQ(countEvents(*d, "cycle.finished", "dev", "signal"), 0) << d->log();

  // Suspended again, the suspension outlives the daemon.
  out = s.cli({"suspend", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(d->process().stop(10000), 0);
  d.reset();
  auto again = s.start("", "d2");
  ASSERT_TRUE(again->waitFor(match("cycle.finished", {{"env", "prod"}, {"trigger", "startup"}})));
  dev = statusOf(s, "dev");
  ASSERT_TRUE(dev);
  EXPECT_EQ(field(*dev, "suspended"), "true") << dev->toJson();
  EXPECT_EQ(countEvents(*again, "cycle.finished", "dev"), 0) << again->log();
  out = s.cli({"resume", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  ASSERT_TRUE(again->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resume"}})));
  EXPECT_EQ(again->process().stop(10000), 0);
}

TEST(Operations, StatusShowsEveryEnvironmentInJsonAndText) {
  Scenario s;
  std::string devCommit = s.push("dev", {{"orders.yaml", s.queues({"orders", "billing"})}});
  std::string prodCommit = s.push("prod", {{"orders.yaml", s.queues({"orders"})}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "prod"}, {"result", "succeeded"}})));

  // Drift in prod (selfHeal: false) stays and is counted.
  s.python(
      "c = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
      "u = c.get_queue_url(QueueName='" +
      s.queueName("orders", "prod") +
      "')['QueueUrl']\n"
      "c.set_queue_attributes(QueueUrl=u, Attributes={'VisibilityTimeout': '99'})");
  int rc = 0;
  s.cli({"resync", "--config", s.config(), "--env", "prod"}, &rc);
  ASSERT_EQ(rc, 0);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "prod"}, {"trigger", "resync"}})));

  struct Want {
    std::string env, branch, commit, drift;
  };
  for (const Want& w :
       {Want{"dev", "env/dev", devCommit, "0"}, Want{"prod", "env/prod", prodCommit, "1"}}) {
    auto st = statusOf(s, w.env);
    ASSERT_TRUE(st);
    EXPECT_EQ(field(*st, "branch"), w.branch) << st->toJson();
    EXPECT_EQ(field(*st, "lastAppliedCommit"), w.commit) << st->toJson();
    EXPECT_EQ(field(*st, "lastResult"), "succeeded") << st->toJson();
    EXPECT_TRUE(std::regex_search(field(*st, "lastCycleEnd"), std::regex(R"(^\d{4}-\d\d-\d\dT)")))
        << st->toJson();
    EXPECT_EQ(field(*st, "driftCount"), w.drift) << st->toJson();
    EXPECT_TRUE(std::regex_search(field(*st, "nextRun"), std::regex(R"(^\d{4}-\d\d-\d\dT)")))
        << st->toJson();
    EXPECT_EQ(field(*st, "suspended"), "false") << st->toJson();
  }

  std::string text = s.cli({"status", "--config", s.config()}, &rc);
  ASSERT_EQ(rc, 0) << text;
  EXPECT_NE(text.find("BRANCH"), std::string::npos) << text;
  for (const Want& w :
       {Want{"dev", "env/dev", devCommit, "0"}, Want{"prod", "env/prod", prodCommit, "1"}}) {
    std::regex row("(^|\\n)" + w.env + " +" + w.branch + " +" + w.commit.substr(0, 7) +
                   " +succeeded +\\S+ +" + w.drift + " +\\S+ +false\\n");
    EXPECT_TRUE(std::regex_search(text, row)) << w.env << "\n" << text;
  }
  EXPECT_EQ(d->process().stop(10000), 0);
}

std::vector<Value> jsonLines(const std::string& text) {
  std::vector<Value> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto v = Value::fromJson(line);
    if (v && v->isObject()) out.push_back(std::move(*v));
  }
  return out;
}

TEST(Operations, LogsFollowStreamsACycleOfTheChosenEnvironment) {
  Scenario s;
  s.push("dev", {{"orders.yaml", s.queues({"orders"})}});
  s.push("prod", {{"orders.yaml", s.queues({"orders"})}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "prod"}, {"result", "succeeded"}})));

  std::string logFile = (s.dir.path() / "follow.log").string();
  testing::Process follower({DRIFTLESS_BINARY, "--log-format", "json", "logs", "--follow", "--env",
                             "dev", "--config", s.config()},
                            s.env(), logFile);
  auto followed = [&] {
    std::ifstream in(logFile);
    std::stringstream ss;
    ss << in.rdbuf();
    return jsonLines(ss.str());
  };
  auto seen = [&](const std::string& event) {
    for (const auto& e : followed())
      if (field(e, "event") == event) return true;
    return false;
  };
  // Attached once a suspension of dev shows up in the stream (polled, not slept).
  int rc = 0;
  bool attached = false;
  for (int attempt = 0; attempt < 20 && !attached; ++attempt) {
    s.cli({"suspend", "--config", s.config(), "--env", "dev"}, &rc);
    ASSERT_EQ(rc, 0);
    for (int i = 0; i < 100 && !attached; ++i) {
      attached = seen("environment.suspended");
      if (!attached) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!attached) {
      ASSERT_TRUE(follower.running()) << follower.log();
      s.cli({"resume", "--config", s.config(), "--env", "dev"}, &rc);
      ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resume"}})));
    }
  }
  ASSERT_TRUE(attached) << follower.log();

  std::string commit = s.push("dev", {{"orders.yaml", s.queues({"orders"}, 45)}});
  s.cli({"resume", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resume"}})));
  s.cli({"resync", "--config", s.config(), "--env", "prod"}, &rc);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "prod"}, {"trigger", "resync"}})));

  // The daemon wrote dev's cycle.finished before the stream delivered it: poll the stream
  // for the cycle that applied `commit`, then take every event of that cycle.
  std::vector<std::string> names;
  std::string cycle;
  for (int i = 0; i < 250 && cycle.empty(); ++i) {
    for (const auto& e : followed())
      if (field(e, "event") == "cycle.finished" && field(e, "commit") == commit)
        cycle = field(e, "cycle");
    if (cycle.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(cycle.empty()) << follower.log();
  for (const auto& e : followed()) {
    if (field(e, "cycle") != cycle) continue;
    EXPECT_EQ(field(e, "env"), "dev") << e.toJson();
    names.push_back(field(e, "event"));
  }
  auto at = [&](const std::string& n) {
    return std::find(names.begin(), names.end(), n) - names.begin();
  };
  std::string all;
  for (const auto& n : names)
    all += n + " ";
  ASSERT_LT(at("cycle.started"), static_cast<long>(names.size())) << all;
  ASSERT_LT(at("resource.updated"), static_cast<long>(names.size())) << all;
  ASSERT_LT(at("cycle.finished"), static_cast<long>(names.size())) << all;
  EXPECT_LT(at("cycle.started"), at("resource.updated")) << all;
  EXPECT_LT(at("resource.updated"), at("cycle.finished")) << all;
  // Nothing of prod's resync reached the dev stream.
  for (const auto& e : followed())
    EXPECT_NE(field(e, "env"), "prod") << e.toJson();
  EXPECT_TRUE(follower.running()) << follower.log();
  follower.stop(5000);
  EXPECT_EQ(d->process().stop(10000), 0);
}

TEST(Operations, HttpHealthReadinessAndMetrics) {
  Scenario s;
  s.push("dev", {{"orders.yaml", s.queues({"orders", "billing"})}});
  s.push("prod", {{"orders.yaml", s.queues({"orders"})}});
  double startedAt =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  auto d = s.start();
  ASSERT_TRUE(testing::waitForPort(s.httpPort(), 30000, d->process().pid())) << d->log();
  EXPECT_EQ(get(s.httpPort(), "/healthz").status, 200);

  HttpAnswer ready;
  for (int i = 0; i < 1500; ++i) {  // polled for up to 30 s
    ready = get(s.httpPort(), "/readyz");
    if (ready.status == 200) break;
    EXPECT_EQ(ready.status, 503) << ready.body;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(ready.status, 200) << ready.body << d->log();
  // Ready means both environments finished a cycle.
  EXPECT_EQ(countEvents(*d, "cycle.finished", "dev"), 1) << d->log();
  EXPECT_EQ(countEvents(*d, "cycle.finished", "prod"), 1) << d->log();

  HttpAnswer m = get(s.httpPort(), "/metrics");
  ASSERT_EQ(m.status, 200);
  const std::string& b = m.body;
  EXPECT_EQ(metric(b, R"(driftless_cycles_total{env="dev",result="succeeded"})"), 1) << b;
  EXPECT_EQ(metric(b, R"(driftless_managed_resources{env="dev"})"), 2) << b;
  EXPECT_EQ(metric(b, R"(driftless_managed_resources{env="prod"})"), 1) << b;
  EXPECT_GT(metric(b, R"(driftless_aws_requests_total{service="sqs",status="200"})"), 0) << b;
  double lastSuccess = metric(b, R"(driftless_last_success_timestamp_seconds{env="dev"})");
  double now =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_GE(lastSuccess, startedAt - 1) << b;
  EXPECT_LE(lastSuccess, now + 1) << b;
  EXPECT_EQ(metric(b, R"(driftless_cycle_duration_seconds_bucket{env="dev",le="+Inf"})"), 1) << b;
  EXPECT_EQ(metric(b, R"(driftless_cycle_duration_seconds_count{env="dev"})"), 1) << b;
  EXPECT_TRUE(
      std::regex_search(b, std::regex(R"(driftless_cycle_duration_seconds_bucket\{env="dev",)"
                                      R"(le="[0-9.e+-]+"\} [01]\n)")))
      << b;

  int rc = 0;
  s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resync"}})));
  m = get(s.httpPort(), "/metrics");
  EXPECT_EQ(metric(m.body, R"(driftless_cycles_total{env="dev",result="succeeded"})"), 2) << m.body;
  EXPECT_EQ(metric(m.body, R"(driftless_cycle_duration_seconds_count{env="dev"})"), 2) << m.body;
  EXPECT_EQ(d->process().stop(10000), 0);
}

TEST(Operations, StateRebuildRestoresALostStateSoPlanHasNothingToDo) {
  Scenario s;
  s.push("dev", {{"orders.yaml", s.queues({"orders", "billing"})}});
  s.push("prod", {{"orders.yaml", s.queues({"orders"})}});
  auto d = s.start();
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "prod"}, {"result", "succeeded"}})));
  EXPECT_EQ(d->process().stop(10000), 0);
  d.reset();

  std::string s3 = "c = boto3.client('s3', endpoint_url=ep, region_name=region)\n";
  std::string exists = s3 + "print(c.list_objects_v2(Bucket='" + s.bucket() +
                       "', Prefix='driftless/dev/state.json')['KeyCount'])";
  ASSERT_EQ(s.python(exists), "1");
  s.python(s3 + "c.delete_object(Bucket='" + s.bucket() + "', Key='driftless/dev/state.json')");
  ASSERT_EQ(s.python(exists), "0");

  int rc = 0;
  std::string out = s.cli({"state", "rebuild", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("2 owned resources recorded"), std::string::npos) << out;
  EXPECT_EQ(s.python(exists), "1");

  out = s.cli({"plan", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(s.countQueues(s.queueName("orders", "dev")), 1);
  EXPECT_EQ(s.countQueues(s.queueName("billing", "dev")), 1);
}

// bench/latency_proxy.py in front of the shared moto, holding each request `delayMs`;
// get("count") and get("peak") are what it saw (requests, most held at once).
struct LatencyProxy {
  LatencyProxy(const Scenario& scenario, const std::string& py, int delayMs)
      : s(scenario),
        port(testing::freePort()),
        process({py, (testing::sourceDir() / "bench" / "latency_proxy.py").string(),
                 "--listen-port", std::to_string(port), "--upstream",
                 testing::sharedMoto().endpoint(), "--delay-ms", std::to_string(delayMs)},
                {}, (scenario.dir.path() / "proxy.log").string()) {}
  bool ready() { return testing::waitForPort(port, 30000, process.pid()); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
  std::string get(const std::string& what) const {
    return s.python("import urllib.request\nprint(urllib.request.urlopen('" + url() + "/__proxy/" +
                    what + "').read().decode())");
  }
  const Scenario& s;
  int port;
  testing::Process process;
};

// Round trips overlap: with `maxInFlightRequests` 64 (the default), a cycle observing 40
// queues has all of them on the wire at once. bench/latency_proxy.py holds each request
// 500 ms in front of moto and reports the most it held together; observing at most 16
// resources at a time (the bug this guards against) shows 16 here.
TEST(Operations, ObserveKeepsEveryResourceInFlightUpToTheRequestLimit) {
  std::string why;
  std::string py = testing::pythonWithMoto(&why);
  ASSERT_FALSE(py.empty()) << why;
  Scenario s(ConfigOptions{.environments = {{"dev", true, true}}, .s3State = false, .http = false});
  std::vector<std::string> ids;
  for (int i = 0; i < 40; ++i)
    ids.push_back("q" + std::to_string(i));
  s.push("dev", {{"queues.yaml", s.queues(ids)}});
  int rc = 0;
  std::string out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;

  LatencyProxy proxy(s, py, 500);
  ASSERT_TRUE(proxy.ready()) << proxy.process.log();
  ConfigOptions viaProxy{.environments = {{"dev", true, true}},
                         .s3State = false,
                         .http = false,
                         .endpointUrl = proxy.url()};
  std::string cfg = s.writeConfig(viaProxy, "via-proxy.yaml");
  out = s.cli({"plan", "--config", cfg, "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;  // nothing to do: the queues are as declared

  auto get = [&](const std::string& what) { return proxy.get(what); };
  // STS, one Tagging API listing of the 40 queues' tags (common/tag_snapshot.h),
  // then 40 GetQueueAttributes; at most one queue reading its own tags besides.
  const int count = std::stoi(get("count"));
  EXPECT_GE(count, 42);
  EXPECT_LE(count, 43) << "one read per queue, not two";
  EXPECT_EQ(get("peak"), "40") << "requests held together by the proxy";
}

// More queues than requests in flight: the Tagging API listing runs while the queues'
// own reads go (common/tag_snapshot.h), and a queue waiting for it holds no request.
// The no-op plan still reads each queue once (no tag read), keeps the proxy at the
// request limit, and a tag changed out of band still shows as drift: that queue's
// tags disagree with the listing's, so it reads its own.
TEST(Operations, ObserveOverlapsTheTagListingWithTheReadsAndStillSeesTagDrift) {
  std::string why;
  std::string py = testing::pythonWithMoto(&why);
  ASSERT_FALSE(py.empty()) << why;
  ConfigOptions base{.environments = {{"dev", true, true}}, .s3State = false, .http = false};
  Scenario s(base);
  std::string yaml = "Resources:\n";
  for (int i = 0; i < 80; ++i)
    yaml += "  Q" + std::to_string(i) + ":\n    Type: AWS::SQS::Queue\n    Properties:\n" +
            "      QueueName: !Sub \"" + s.prefix() + "-q" + std::to_string(i) +
            "-${Driftless::Environment}\"\n      Tags: [{Key: team, Value: core}]\n";
  s.push("dev", {{"queues.yaml", yaml}});
  int rc = 0;
  std::string out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;

  LatencyProxy proxy(s, py, 200);
  ASSERT_TRUE(proxy.ready()) << proxy.process.log();
  ConfigOptions viaProxy = base;
  viaProxy.endpointUrl = proxy.url();
  std::string cfg = s.writeConfig(viaProxy, "via-proxy.yaml");
  auto get = [&](const std::string& what) { return std::stoi(proxy.get(what)); };
  out = s.cli({"plan", "--config", cfg, "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  // STS, the listing's pages (80 queues' tags: a few), 80 GetQueueAttributes.
  const int noop = get("count");
  EXPECT_GE(noop, 82);
  EXPECT_LE(noop, 1 + 10 + 80) << "one read per queue, not two";
  EXPECT_EQ(get("peak"), 64) << "the request limit, with the listing among them";

  s.python(
      "sqs = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
      "u = sqs.get_queue_url(QueueName='" +
      s.queueName("q41", "dev") +
      "')['QueueUrl']\n"
      "sqs.tag_queue(QueueUrl=u, Tags={'team': 'mallory'})");
  out = s.cli({"plan", "--config", cfg, "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 2) << out;
  EXPECT_NE(out.find("Q41"), std::string::npos) << out;
  EXPECT_NE(out.find("mallory"), std::string::npos) << out;
  EXPECT_EQ(get("count") - noop, noop + 1) << "the drifted queue alone reads its own tags";
}

// A full scan of the commit last applied reads what state records while the
// manifests load, and takes over each read the loaded manifests ask the same
// (cycle.finished says how many: observedAhead): the no-op cycle makes no read
// twice. A new commit is read after its manifests load, as before.
TEST(Operations, AFullScanOfTheAppliedCommitReadsWhileTheManifestsLoad) {
  std::string why;
  std::string py = testing::pythonWithMoto(&why);
  ASSERT_FALSE(py.empty()) << why;
  ConfigOptions base{.environments = {{"dev", true, true}}, .s3State = false, .http = false};
  Scenario s(base);
  s.push("dev", {{"queues.yaml", s.queues({"a", "b", "c"})}});
  int rc = 0;
  auto apply = [&](const std::string& cfg) {
    return s.cli({"--log-format", "json", "apply", "--config", cfg, "--env", "dev"}, &rc);
  };
  std::string out = apply(s.config());
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(out.find("observedAhead"), std::string::npos) << "a new commit: nothing read ahead";

  LatencyProxy proxy(s, py, 0);
  ASSERT_TRUE(proxy.ready()) << proxy.process.log();
  ConfigOptions viaProxy = base;
  viaProxy.endpointUrl = proxy.url();
  out = apply(s.writeConfig(viaProxy, "via-proxy.yaml"));
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find(R"("observedAhead":3)"), std::string::npos) << out;
  // STS, one Tagging API listing, one GetQueueAttributes per queue; at most one
  // queue reading its own tags besides (as a plain observation).
  const int count = std::stoi(proxy.get("count"));
  EXPECT_GE(count, 5);
  EXPECT_LE(count, 6) << "one read per queue, not two";
}

}  // namespace
}  // namespace driftless::e2e
