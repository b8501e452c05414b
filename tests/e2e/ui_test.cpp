// The status page and its JSON API against a daemon managing moto resources,
// in a real browser (headless Chromium over the DevTools protocol).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "tests/e2e/browser.h"
#include "tests/e2e/surface.h"

namespace driftless::e2e {
namespace {

constexpr const char* kToken = "ui-test-token-4f9a";

// Two queues, one referring to the other (two waves in the graph).
std::string ordersStack(const Scenario& s, int visibility) {
  std::ostringstream y;
  y << "Resources:\n"
    << "  Dlq:\n    Type: AWS::SQS::Queue\n    Properties:\n"
    << "      QueueName: !Sub \"" << s.prefix() << "-dlq-${Driftless::Environment}\"\n"
    << "  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n"
    << "      QueueName: !Sub \"" << s.prefix() << "-orders-${Driftless::Environment}\"\n"
    << "      VisibilityTimeout: " << visibility << "\n"
    << "      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt Dlq.Arn\n"
    << "        maxReceiveCount: 5\n";
  return y.str();
}

std::filesystem::path screenshotDir() {
  if (const char* d = std::getenv("DRIFTLESS_SCREENSHOTS")) return d;
  return testing::binaryDir() / "screenshots";
}

// dev never corrects drift (selfHeal false), so an out-of-band change stays visible.
ConfigOptions uiOptions() {
  ConfigOptions o;
  o.environments = {{"dev", true, false}, {"prod", false, true}};
  return o;
}

std::string tokenConfig(const Scenario& s) {
  return editedConfig(s.config(), "ui.yaml", [](std::string& y) {
    auto at = y.find("\" }\n", y.find("  http: { listen: "));
    y.insert(at + 1, ", tokenEnv: UI_TOKEN");
  });
}

}  // namespace

TEST(StatusApi, ReadsNeedTheTokenWritesGoThroughTheControlPathAndUiFalseTurnsItOff) {
  Scenario s(uiOptions());
  s.push("dev", {{"orders.yaml", ordersStack(s, 30)}});
  s.push("prod", {{"orders.yaml", ordersStack(s, 30)}});
  auto env = s.env();
  env.emplace_back("UI_TOKEN", kToken);
  auto d = std::make_unique<Daemon>(tokenConfig(s), (s.dir.path() / "api.log").string(), env);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "prod"}, {"result", "succeeded"}})));
  int port = s.httpPort();

  EXPECT_EQ(request(port, "GET", "/api/v1/environments").status, 401);
  EXPECT_EQ(request(port, "GET", "/api/v1/environments", "wrong").status, 401);
  EXPECT_EQ(request(port, "GET", "/ui/").status, 200);  // the page itself holds no data
  auto envs = request(port, "GET", "/api/v1/environments", kToken);
  ASSERT_EQ(envs.status, 200) << envs.body;
  Value envsJson = envs.json();
  const Value* list = envsJson.find("environments");
  ASSERT_TRUE(list && list->isArray() && list->asArray().size() == 2) << envs.body;
  const Value& dev = list->asArray()[0];
  EXPECT_EQ(textOf(dev, "env"), "dev");
  EXPECT_EQ(textOf(dev, "branch"), "env/dev");
  EXPECT_EQ(textOf(dev, "lastResult"), "succeeded");
  EXPECT_EQ(textOf(dev, "commitAuthor").empty(), false) << envs.body;
  EXPECT_NE(textOf(dev, "leaseHolder").find(s.prefix()), std::string::npos) << envs.body;

  auto res = request(port, "GET", "/api/v1/environments/dev/resources", kToken);
  ASSERT_EQ(res.status, 200) << res.body;
  Value resJson = res.json();
  const Value* resources = resJson.find("resources");
  ASSERT_TRUE(resources && resources->asArray().size() == 2) << res.body;
  for (const auto& r : resources->asArray()) {
    EXPECT_EQ(textOf(r, "status"), "in sync") << res.body;
    EXPECT_EQ(textOf(r, "wave"), textOf(r, "logicalId") == "Dlq" ? "0" : "1") << res.body;
    EXPECT_EQ(r.find("properties"), nullptr);  // never served: secrets live there (hashed)
  }
  auto cycles = request(port, "GET", "/api/v1/environments/dev/cycles", kToken);
  ASSERT_EQ(cycles.status, 200) << cycles.body;
  Value cyclesJson = cycles.json();
  const Value* recorded = cyclesJson.find("cycles");
  ASSERT_TRUE(recorded && !recorded->asArray().empty()) << cycles.body;
  std::string id = textOf(recorded->asArray()[0], "cycleId");
  auto one = request(port, "GET", "/api/v1/environments/dev/cycles/" + id, kToken);
  ASSERT_EQ(one.status, 200) << one.body;
  Value oneJson = one.json();
  ASSERT_TRUE(oneJson.find("plan")) << one.body;
  EXPECT_EQ(textOf(*oneJson.find("plan"), "formatVersion"), "1") << one.body;
  EXPECT_EQ(request(port, "GET", "/api/v1/environments/nope/resources", kToken).status, 404);
  EXPECT_EQ(request(port, "GET", "/api/v1/environments/dev/drift?since=bogus", kToken).status, 400);

  // Writes: the token is required, and they take the CLI's path.
  EXPECT_EQ(request(port, "POST", "/api/v1/environments/dev/suspend").status, 401);
  auto suspended = request(port, "POST", "/api/v1/environments/dev/suspend", kToken);
  EXPECT_EQ(suspended.status, 202) << suspended.body;
  ASSERT_TRUE(d->waitFor(match("environment.suspended", {{"env", "dev"}})));
  int rc = 0;
  std::string status = s.cli({"status", "--config", s.config(), "--env", "dev", "-o", "json"}, &rc);
  EXPECT_NE(status.find("\"suspended\": true"), std::string::npos) << status;
  auto resync = request(port, "POST", "/api/v1/environments/dev/resync", kToken);
  EXPECT_EQ(resync.status, 409) << resync.body;  // suspended: the CLI's answer
  EXPECT_NE(resync.body.find("suspended"), std::string::npos) << resync.body;
  EXPECT_EQ(request(port, "POST", "/api/v1/environments/dev/resume", kToken).status, 202);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"trigger", "resume"}})));
  EXPECT_EQ(d->process().stop(10000), 0);

  // Without a token the API reads but refuses every write.
  auto open = s.start();
  ASSERT_TRUE(open->waitFor(match("controller.started")));
  EXPECT_TRUE(testing::waitForPort(port, 10000));
  EXPECT_EQ(request(port, "GET", "/api/v1/environments").status, 200);
  EXPECT_EQ(request(port, "POST", "/api/v1/environments/dev/resync").status, 403);
  EXPECT_EQ(open->process().stop(10000), 0);

  // controller.http.ui: false: no page, no API; /healthz still answers.
  auto off = editedConfig(s.config(), "off.yaml", [](std::string& y) {
    auto at = y.find("\" }\n", y.find("  http: { listen: "));
    y.insert(at + 1, ", ui: false");
  });
  auto closed = std::make_unique<Daemon>(off, (s.dir.path() / "off.log").string(), s.env());
  ASSERT_TRUE(closed->waitFor(match("controller.started")));
  EXPECT_TRUE(testing::waitForPort(port, 10000));
  EXPECT_EQ(request(port, "GET", "/api/v1/environments").status, 404);
  EXPECT_EQ(request(port, "GET", "/ui/").status, 404);
  EXPECT_EQ(request(port, "GET", "/healthz").status, 200);
}

TEST(StatusPage, ShowsEnvironmentsResourcesDriftAndLiveUpdatesInChromium) {
  Scenario s(uiOptions());
  s.push("dev", {{"orders.yaml", ordersStack(s, 30)}});
  s.push("prod", {{"orders.yaml", ordersStack(s, 30)}});
  auto env = s.env();
  env.emplace_back("UI_TOKEN", kToken);
  auto d = std::make_unique<Daemon>(tokenConfig(s), (s.dir.path() / "ui.log").string(), env);
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "dev"}, {"result", "succeeded"}})));
  ASSERT_TRUE(d->waitFor(match("cycle.finished", {{"env", "prod"}, {"result", "succeeded"}})));

  std::string error;
  auto browser = Browser::launch(s.dir.path() / "chromium", &error);
  ASSERT_TRUE(browser) << error;
  // Chromium's singleton directory is in its profile (removed with the test's), not in /tmp.
  bool singletonInProfile = false;
  for (const auto& entry : std::filesystem::directory_iterator(s.dir.path() / "chromium"))
    singletonInProfile |= entry.path().filename().string().starts_with("org.chromium.Chromium.");
  EXPECT_TRUE(singletonInProfile);
  std::string base = "http://127.0.0.1:" + std::to_string(s.httpPort());
  auto shots = screenshotDir();

  // The token form first: the API answers 401 until it is given.
  browser->navigate(base + "/ui/");
  ASSERT_TRUE(browser->waitUntil("!document.getElementById('login').hidden"));
  browser->evaluate(std::string("document.getElementById('token').value = '") + kToken +
                    "'; document.getElementById('login').requestSubmit(); true");
  ASSERT_TRUE(
      browser->waitUntil("document.querySelectorAll('#environments tr[data-env]').length == 2"));
  EXPECT_TRUE(browser->waitUntil("document.getElementById('live').textContent == 'live'"));
  EXPECT_EQ(browser->evaluate("document.querySelector('tr[data-env=dev] td.result').textContent")
                .asString(),
            "succeeded");
  EXPECT_TRUE(browser->screenshot(shots / "ui-environments.png"));

  browser->navigate(base + "/ui/#/env/dev");
  std::string orders = "tr[data-resource=\"orders/Orders\"]";
  ASSERT_TRUE(
      browser->waitUntil("document.querySelector('" + orders + "')?.dataset.status == 'in sync'"));
  EXPECT_EQ(browser->evaluate("document.querySelectorAll('#graph g[data-node]').length").toJson(),
            "2");
  EXPECT_EQ(
      browser->evaluate("document.querySelector('table[data-stack=orders]') != null").toJson(),
      "true");
  // A marker that only survives if the page is never reloaded.
  browser->evaluate("window.__sameDocument = 'yes'; true");

  // Out of band: someone changes the queue in AWS; a resync finds the drift and
  // the page shows it without being reloaded (Server-Sent Events).
  s.python(
      "c = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
      "u = c.get_queue_url(QueueName='" +
      s.prefix() +
      "-orders-dev')['QueueUrl']\n"
      "c.set_queue_attributes(QueueUrl=u, Attributes={'VisibilityTimeout': '99'})");
  int rc = 0;
  std::string out = s.cli({"resync", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  ASSERT_TRUE(d->waitFor(match("drift.detected", {{"env", "dev"}})));
  ASSERT_TRUE(
      browser->waitUntil("document.querySelector('" + orders + "')?.dataset.status == 'drifted'"));
  EXPECT_EQ(browser->evaluate("window.__sameDocument").toJson(), "\"yes\"");
  EXPECT_TRUE(
      browser->waitUntil("[...document.querySelectorAll('#live-events li')].some(li => "
                         "li.dataset.event == 'drift.detected')"));
  EXPECT_TRUE(browser->waitUntil(
      "document.querySelector('#drift li[data-drift=\"orders/Orders\"]') != null"));
  EXPECT_NE(browser->evaluate("document.querySelector('#drift').textContent").asString().find("99"),
            std::string::npos);
  EXPECT_EQ(browser
                ->evaluate("document.querySelector('#graph "
                           "g[data-node=\"orders/Orders\"]').getAttribute('class')")
                .asString(),
            "node node-drifted");

  // The newest cycle's plan, rendered like `driftless plan`, with the drift marked.
  browser->evaluate("document.querySelector('#cycles tr.cycle-row').click(); true");
  ASSERT_TRUE(browser->waitUntil("document.querySelector('#cycles pre.plan') != null"));
  std::string plan =
      browser->evaluate("document.querySelector('#cycles pre.plan').textContent").asString();
  EXPECT_NE(plan.find("~ orders/Orders"), std::string::npos) << plan;
  EXPECT_TRUE(plan.find("~ VisibilityTimeout: 99 → 30 (drift)") != std::string::npos ||
              plan.find("~ VisibilityTimeout: \"99\" → 30 (drift)") != std::string::npos)
      << plan;
  EXPECT_EQ(plan.find(kToken), std::string::npos);
  EXPECT_TRUE(browser->screenshot(shots / "ui-environment.png"));
  std::cout << "screenshots in " << shots.string() << "\n";
}

}  // namespace driftless::e2e
