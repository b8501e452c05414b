#include "controller/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/peer.h"

namespace driftless::config {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

fs::path configDir() {
  return testing::sourceDir() / "tests/controller/configs";
}

std::vector<std::string> readExpected(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line.starts_with("#")) continue;
    lines.push_back(line);
  }
  return lines;
}

// Diagnostics as a user sees them, with the corpus folder left out of file names.
std::vector<std::string> formatted(const std::vector<Diagnostic>& diagnostics,
                                   const fs::path& dir) {
  std::vector<std::string> lines;
  const std::string prefix = dir.string() + "/";
  for (const auto& d : diagnostics) {
    std::string line = d.format();
    if (line.starts_with(prefix)) line.erase(0, prefix.size());
    lines.push_back(line);
  }
  return lines;
}

// Every file in configs/bad/ is a broken config with its expected messages in the
// sidecar <name>.expected (one line per error, in file order).
TEST(ConfigCorpus, EveryBadConfigReportsExactlyItsExpectedErrors) {
  const fs::path dir = configDir() / "bad";
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    SCOPED_TRACE(entry.path().filename().string());
    const fs::path expectedFile = fs::path(entry.path()).replace_extension(".expected");
    ASSERT_TRUE(fs::exists(expectedFile)) << "missing " << expectedFile;
    auto result = loadConfig(entry.path());
    ASSERT_FALSE(result.has_value()) << "a bad config loaded";
    EXPECT_EQ(formatted(result.error(), dir), readExpected(expectedFile));
    ++checked;
  }
  EXPECT_GE(checked, 15);
}

TEST(ConfigCorpus, EveryGoodConfigLoads) {
  int checked = 0;
  for (const fs::path& dir : {configDir() / "good", testing::sourceDir() / "deploy/examples"}) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() != ".yaml") continue;
      SCOPED_TRACE(entry.path().string());
      auto result = loadConfig(entry.path());
      ASSERT_TRUE(result.has_value()) << formatted(result.error(), dir).front();
      ++checked;
    }
  }
  EXPECT_GE(checked, 4);
}

TEST(Config, SpecExampleLoadsToTheWrittenValues) {
  auto result = loadConfig(testing::sourceDir() / "deploy/examples/single-source.yaml");
  ASSERT_TRUE(result.has_value());
  const ControllerConfig& c = *result;
  EXPECT_EQ(c.controller.id, "platform-prod");
  EXPECT_EQ(c.controller.dataDir, "/var/lib/driftless");
  EXPECT_EQ(c.controller.controlSocket, "/run/driftless/control.sock");
  ASSERT_TRUE(c.controller.http.has_value());
  EXPECT_EQ(c.controller.http->host, "127.0.0.1");
  EXPECT_EQ(c.controller.http->port, 9464);
  EXPECT_EQ(c.controller.webhookSecretEnv, "DRIFTLESS_WEBHOOK_SECRET");
  EXPECT_EQ(c.controller.maxInFlightRequests, 64);

  ASSERT_EQ(c.sources.size(), 1u);
  const SourceConfig& s = c.sources.at("default");
  EXPECT_EQ(s.url, "https://git.example.com/acme/infra.git");
  EXPECT_EQ(s.path, "manifests");
  EXPECT_EQ(s.auth.tokenEnv, "GIT_TOKEN");

  ASSERT_EQ(c.environments.size(), 2u);
  const EnvironmentConfig& dev = c.environments.at("dev");
  EXPECT_EQ(dev.source, "default");
  EXPECT_EQ(dev.path, "manifests");
  EXPECT_EQ(dev.branch, "env/dev");
  EXPECT_EQ(dev.interval, 30s);
  EXPECT_EQ(dev.retryInterval, 15s);
  EXPECT_EQ(dev.region, "eu-west-1");
  EXPECT_EQ(dev.assumeRoleArn, "arn:aws:iam::111111111111:role/driftless");
  EXPECT_TRUE(dev.prune);
  EXPECT_TRUE(dev.selfHeal);
  EXPECT_DOUBLE_EQ(dev.maxPruneFraction, 0.5);
  const EnvironmentConfig& prod = c.environments.at("prod");
  EXPECT_EQ(prod.interval, 5min);
  EXPECT_EQ(prod.retryInterval, 150s) << "default retryInterval is interval / 2";
  EXPECT_FALSE(prod.prune);
  EXPECT_FALSE(prod.selfHeal);

  EXPECT_EQ(c.state.backend, StateBackend::S3);
  EXPECT_EQ(c.state.bucket, "acme-driftless-history");
  EXPECT_EQ(c.state.prefix, "driftless/");
  EXPECT_EQ(c.state.region, "eu-west-1");
  EXPECT_EQ(c.state.retention, std::chrono::hours(24 * 90));
}

TEST(Config, MinimalConfigGetsTheDocumentedDefaults) {
  auto result = loadConfig(configDir() / "good/minimal.yaml");
  ASSERT_TRUE(result.has_value());
  const ControllerConfig& c = *result;
  EXPECT_EQ(c.controller.dataDir, "/var/lib/driftless");
  EXPECT_EQ(c.controller.controlSocket, "/var/lib/driftless/control.sock");
  EXPECT_FALSE(c.controller.http.has_value());
  EXPECT_EQ(c.controller.webhookSecretEnv, "");
  EXPECT_EQ(c.controller.maxInFlightRequests, 64);
  const EnvironmentConfig& dev = c.environments.at("dev");
  EXPECT_EQ(dev.path, ".");
  EXPECT_EQ(dev.interval, 5min);
  EXPECT_EQ(dev.retryInterval, 150s);
  EXPECT_FALSE(dev.prune);
  EXPECT_TRUE(dev.selfHeal);
  EXPECT_DOUBLE_EQ(dev.maxPruneFraction, 0.5);
  EXPECT_EQ(c.state.backend, StateBackend::Local);
  EXPECT_EQ(c.state.prefix, "");
  EXPECT_EQ(c.state.retention, std::chrono::hours(24 * 90));
  EXPECT_FALSE(c.controller.events.has_value()) << "no events: today's behaviour";
  EXPECT_EQ(dev.fullScanInterval, dev.interval) << "every cycle is a full scan by default";
  EXPECT_EQ(dev.unmanagedScanInterval, 1h);
}

TEST(Config, ChangeEventsAndFullScansLoad) {
  auto result = parseConfig(
      "controller:\n  id: p\n  events:\n"
      "    queueUrl: https://sqs.eu-west-1.amazonaws.com/111111111111/driftless-events\n"
      "    region: eu-west-1\n    endpointUrl: http://127.0.0.1:4566\n"
      "    ignoreOwnPrincipal: true\n"
      "source: { url: https://git.example.com/a.git }\n"
      "environments:\n  dev:\n    branch: env/dev\n    region: eu-west-1\n"
      "    interval: 1m\n    fullScanInterval: 1h\n    unmanagedScanInterval: 6h\n",
      "events.yaml");
  ASSERT_TRUE(result.has_value()) << result.error().front().format();
  ASSERT_TRUE(result->controller.events.has_value());
  const EventsConfig& e = *result->controller.events;
  EXPECT_EQ(e.queueUrl, "https://sqs.eu-west-1.amazonaws.com/111111111111/driftless-events");
  EXPECT_EQ(e.region, "eu-west-1");
  EXPECT_EQ(e.endpointUrl, "http://127.0.0.1:4566");
  EXPECT_TRUE(e.ignoreOwnPrincipal);
  const EnvironmentConfig& dev = result->environments.at("dev");
  EXPECT_EQ(dev.interval, 1min);
  EXPECT_EQ(dev.fullScanInterval, 1h);
  EXPECT_EQ(dev.unmanagedScanInterval, 6h);
}

TEST(Config, ApiBudgetOverridesPerService) {
  auto result = parseConfig(
      "controller:\n  id: p\n  apiBudget: { lambda: 10, sqs: 250, tagging: 2.5 }\n"
      "source: { url: https://git.example.com/a.git }\n"
      "environments:\n  dev: { branch: env/dev, region: eu-west-1 }\n",
      "budget.yaml");
  ASSERT_TRUE(result.has_value()) << result.error().front().format();
  const std::map<std::string, double> expected{{"lambda", 10}, {"sqs", 250}, {"tagging", 2.5}};
  EXPECT_EQ(result->controller.apiBudget, expected);

  auto minimal = loadConfig(configDir() / "good/minimal.yaml");
  ASSERT_TRUE(minimal.has_value());
  EXPECT_TRUE(minimal->controller.apiBudget.empty()) << "AWS's documented rates by default";
}

TEST(Config, MultiSourceEnvironmentsPickTheirSourceAndPath) {
  auto result = loadConfig(testing::sourceDir() / "deploy/examples/multi-source.yaml");
  ASSERT_TRUE(result.has_value());
  const ControllerConfig& c = *result;
  ASSERT_EQ(c.sources.size(), 2u);
  EXPECT_EQ(c.sources.at("platform").auth.sshKeyFile, "/etc/driftless/deploy-key");
  EXPECT_EQ(c.sources.at("platform").auth.knownHostsFile, "/etc/driftless/known_hosts");
  EXPECT_EQ(c.sources.at("platform").auth.sshPassphraseEnv, "DEPLOY_KEY_PASSPHRASE");
  EXPECT_EQ(c.environments.at("platform-dev").path, "envs/dev");
  EXPECT_EQ(c.environments.at("platform-prod").path, "envs/prod");
  EXPECT_EQ(c.environments.at("payments-dev").source, "payments");
  EXPECT_EQ(c.environments.at("payments-dev").path, "deploy");
  EXPECT_EQ(c.sourceOf(c.environments.at("payments-dev")).auth.tokenEnv, "PAYMENTS_GIT_TOKEN");
}

TEST(Config, RelativePathsResolveAgainstTheConfigFolder) {
  testing::TempDir dir;
  const fs::path file = dir.path() / "sub/driftless.yaml";
  fs::create_directories(file.parent_path());
  std::ofstream(file) << "controller: { id: c1, dataDir: data, http: { listen: '[::1]:0' } }\n"
                         "source: { url: ../repo, path: manifests/ }\n"
                         "environments: { dev: { branch: main, region: us-east-1 } }\n";
  auto result = loadConfig(file);
  ASSERT_TRUE(result.has_value()) << result.error().front().format();
  const fs::path base = fs::absolute(dir.path()).lexically_normal();
  EXPECT_EQ(result->controller.dataDir, base / "sub/data");
  EXPECT_EQ(result->controller.controlSocket, base / "sub/data/control.sock");
  EXPECT_EQ(result->sources.at("default").url, (base / "repo").string());
  EXPECT_EQ(result->sources.at("default").path, "manifests");
  EXPECT_EQ(result->controller.http->host, "::1");
  EXPECT_EQ(result->controller.http->port, 0);
}

TEST(Config, MissingFileIsOneFileLevelError) {
  auto result = loadConfig("/nonexistent/driftless.yaml");
  ASSERT_FALSE(result.has_value());
  ASSERT_EQ(result.error().size(), 1u);
  EXPECT_EQ(result.error()[0].format(), "/nonexistent/driftless.yaml: no such file");
  EXPECT_THROW(loadConfigOrThrow("/nonexistent/driftless.yaml"), ConfigError);
}

TEST(Config, ErrorsNeverEchoASecretWrittenInTheConfig) {
  auto result = loadConfig(configDir() / "bad/url_credentials.yaml");
  ASSERT_FALSE(result.has_value());
  for (const auto& d : result.error())
    EXPECT_EQ(d.format().find("s3cr3t"), std::string::npos);
  result = loadConfig(configDir() / "bad/auth.yaml");
  ASSERT_FALSE(result.has_value());
  for (const auto& d : result.error()) {
    EXPECT_EQ(d.format().find("whsec_"), std::string::npos) << d.format();
    EXPECT_EQ(d.format().find("ghp_"), std::string::npos) << d.format();
  }
}

struct DurationCase {
  const char* text;
  long long ms;  // -1: an error containing `error`
  const char* error;
};

TEST(Duration, ParsesUnitsAndRejectsWhatAUserMightMistype) {
  const DurationCase cases[] = {
      {"250ms", 250, ""},
      {"30s", 30'000, ""},
      {"5m", 300'000, ""},
      {"1h", 3'600'000, ""},
      {"90d", 90LL * 86'400'000, ""},
      {"1h30m", 5'400'000, ""},
      {"0s", 0, ""},  // callers that need > 0 check it
      {"30", -1, "missing unit"},
      {"5 min", -1, "no spaces"},
      {"-1s", -1, "cannot have a sign"},
      {"10sec", -1, "unknown unit \"sec\""},
      {"", -1, "empty duration"},
      {"s", -1, "bad duration"},
      {"1.5h", -1, "bad duration"},
      {"99999999999999999999s", -1, "too large"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto d = parseDuration(c.text);
    if (c.ms >= 0) {
      ASSERT_TRUE(d.has_value()) << d.error();
      EXPECT_EQ(d->count(), c.ms);
    } else {
      ASSERT_FALSE(d.has_value());
      EXPECT_NE(d.error().find(c.error), std::string::npos) << d.error();
    }
  }
}

TEST(Duration, FormatsShortestExact) {
  EXPECT_EQ(formatDuration(250ms), "250ms");
  EXPECT_EQ(formatDuration(90s), "1m30s");
  EXPECT_EQ(formatDuration(0ms), "0s");
  EXPECT_EQ(formatDuration(std::chrono::hours(24 * 90)), "90d");
  EXPECT_EQ(formatDuration(1500ms), "1s500ms");
}

}  // namespace
}  // namespace driftless::config
