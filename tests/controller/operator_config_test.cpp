// Config keys of the operator's surface: controller.http.{ui,tokenEnv},
// notifications, environments.<env>.health.
#include <gtest/gtest.h>

#include "controller/config.h"

namespace driftless::config {
namespace {

using namespace std::chrono_literals;

const char* kBase = R"(controller:
  id: ctl
  http: { listen: "127.0.0.1:9464", ui: false, tokenEnv: UI_TOKEN }
source:
  url: https://example.com/infra.git
environments:
  prod:
    branch: main
    region: eu-west-1
    health:
      alarms: [orders-5xx, orders-dlq-depth]
      bakeTime: 10m
      onFailure: rollback
  dev:
    branch: dev
    region: eu-west-1
    health: { alarmPrefix: "orders-" }
notifications:
  - name: platform-alerts
    on: [drift.detected, cycle.failed, cycle.recovered, conflict, prune.refused, health.failed, rollback.applied]
    environments: [prod]
    sns: { topicArn: "arn:aws:sns:eu-west-1:111111111111:driftless", region: eu-west-1 }
  - name: slack
    on: [cycle.failed, health.failed]
    webhook: { urlEnv: SLACK_WEBHOOK_URL, secretEnv: WEBHOOK_SIGNING_SECRET }
)";

std::string errors(const std::string& text) {
  auto r = parseConfig(text, "c.yaml");
  if (r) return "";
  std::string out;
  for (const auto& d : r.error())
    out += d.format() + "\n";
  return out;
}

TEST(OperatorConfig, LoadsTheStatusPageNotificationsAndHealthGates) {
  auto r = parseConfig(kBase, "c.yaml");
  ASSERT_TRUE(r) << errors(kBase);
  ASSERT_TRUE(r->controller.http);
  EXPECT_FALSE(r->controller.http->ui);
  EXPECT_EQ(r->controller.http->tokenEnv, "UI_TOKEN");
  const auto& prod = r->environments.at("prod");
  ASSERT_TRUE(prod.health);
  EXPECT_EQ(prod.health->alarms, (std::vector<std::string>{"orders-5xx", "orders-dlq-depth"}));
  EXPECT_EQ(prod.health->bakeTime, 10min);
  EXPECT_TRUE(prod.health->rollback);
  const auto& dev = r->environments.at("dev");
  ASSERT_TRUE(dev.health);
  EXPECT_EQ(dev.health->alarmPrefix, "orders-");
  EXPECT_FALSE(dev.health->rollback);  // default: notify
  ASSERT_EQ(r->notifications.size(), 2u);
  EXPECT_EQ(r->notifications[0].snsTopicArn, "arn:aws:sns:eu-west-1:111111111111:driftless");
  EXPECT_EQ(r->notifications[0].environments, (std::vector<std::string>{"prod"}));
  EXPECT_EQ(r->notifications[0].on.size(), 7u);
  EXPECT_EQ(r->notifications[1].webhookUrlEnv, "SLACK_WEBHOOK_URL");
  EXPECT_EQ(r->notifications[1].webhookSecretEnv, "WEBHOOK_SIGNING_SECRET");
}

TEST(OperatorConfig, DefaultsServeThePageWithoutAToken) {
  auto r = parseConfig(R"(controller: { id: ctl, http: { listen: "127.0.0.1:0" } }
source: { url: https://example.com/infra.git }
environments: { dev: { branch: dev, region: eu-west-1 } }
)",
                       "c.yaml");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->controller.http->ui);
  EXPECT_EQ(r->controller.http->tokenEnv, "");
  EXPECT_FALSE(r->environments.at("dev").health);
  EXPECT_TRUE(r->notifications.empty());
}

TEST(OperatorConfig, EachMistakeIsOneLineNamingTheKey) {
  auto replace = [](std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  };
  std::string base = kBase;
  std::string token = errors(replace(base, "tokenEnv: UI_TOKEN", "tokenEnv: \"s3cr3t-value!\""));
  EXPECT_NE(token.find("controller.http.tokenEnv: expected the NAME of an environment variable"),
            std::string::npos)
      << token;
  EXPECT_EQ(token.find("s3cr3t-value"), std::string::npos) << token;  // a token pasted by mistake
  EXPECT_NE(
      errors(replace(base, "onFailure: rollback", "onFailure: panic"))
          .find("environments.prod.health.onFailure: expected rollback or notify, got \"panic\""),
      std::string::npos);
  EXPECT_NE(errors(replace(base, "{ alarmPrefix: \"orders-\" }", "{ bakeTime: 5m }"))
                .find("environments.dev.health: give exactly one of alarms (a list of names) or "
                      "alarmPrefix"),
            std::string::npos);
  EXPECT_NE(errors(replace(base, "cycle.failed, health.failed]", "cycle.failed, deploy.done]"))
                .find("notifications[1].on: unknown event kind \"deploy.done\""),
            std::string::npos);
  EXPECT_NE(errors(replace(base, "environments: [prod]", "environments: [qa]"))
                .find("notifications[0].environments: unknown environment \"qa\""),
            std::string::npos);
  EXPECT_NE(errors(replace(base, "arn:aws:sns:eu-west-1:111111111111:driftless", "driftless"))
                .find("notifications[0].sns.topicArn: expected an SNS topic ARN"),
            std::string::npos);
  EXPECT_NE(
      errors(
          replace(base,
                  "    webhook: { urlEnv: SLACK_WEBHOOK_URL, secretEnv: WEBHOOK_SIGNING_SECRET }\n",
                  ""))
          .find("notifications[1]: give exactly one of sns or webhook"),
      std::string::npos);
}

}  // namespace
}  // namespace driftless::config
