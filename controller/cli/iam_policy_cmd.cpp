// `driftless iam-policy [--config FILE] [--state-bucket NAME] [--state-prefix P]
// [--events-queue NAME] [--notification-topic ARN ...]`: prints the controller's
// least-privilege IAM policy, made from what the registered types declare
// (controller/iam_policy.h). Values not given and not in the config stay
// REPLACE-WITH-... placeholders.
#include <memory>

#include "controller/cli/commands.h"
#include "controller/iam_policy.h"
#include "providers/builtin/builtin.h"

namespace driftless::cli {
namespace {

struct IamPolicyOptions {
  std::string config, stateBucket, statePrefix, eventsQueue;
  std::vector<std::string> notificationTopics;
  bool prefixGiven = false;
};

// What the controller config names: its S3 state store, change-events queue
// (the last segment of its URL) and SNS notification topics.
void fromConfig(const config::ControllerConfig& c, iampolicy::Options& o) {
  if (c.state.backend == config::StateBackend::S3) {
    o.stateBucket = c.state.bucket;
    o.statePrefix = c.state.prefix;
  }
  if (c.controller.events) {
    const std::string& url = c.controller.events->queueUrl;
    o.eventsQueue = url.substr(url.rfind('/') + 1);
  }
  for (const auto& n : c.notifications)
    if (!n.snsTopicArn.empty()) o.notificationTopics.push_back(n.snsTopicArn);
}

int runIamPolicy(const IamPolicyOptions& given, Context& ctx) {
  iampolicy::Options o;
  if (!given.config.empty()) {
    auto config = loadConfigOrReport(given.config, ctx);
    if (!config) return 1;
    fromConfig(*config, o);
  }
  if (!given.stateBucket.empty()) o.stateBucket = given.stateBucket;
  if (given.prefixGiven) {
    o.statePrefix = given.statePrefix;
    if (!o.statePrefix.empty() && !o.statePrefix.ends_with('/')) o.statePrefix += '/';
  }
  if (!given.eventsQueue.empty()) o.eventsQueue = given.eventsQueue;
  if (!given.notificationTopics.empty()) o.notificationTopics = given.notificationTopics;
  ctx.out << iampolicy::render(iampolicy::statements(builtinRegistry(), o));
  return 0;
}

}  // namespace

Runner addIamPolicyCommand(CLI::App& app) {
  auto o = std::make_shared<IamPolicyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "iam-policy",
      "Print the controller's least-privilege IAM policy (JSON), made from what the "
      "managed types and the controller call");
  cmd->add_option("--config", o->config,
                  "take the state bucket and prefix, events queue and SNS topics from this "
                  "controller config");
  cmd->add_option("--state-bucket", o->stateBucket, "the S3 state store's bucket");
  cmd->add_option("--state-prefix", o->statePrefix, "the state store's key prefix (state.prefix)")
      ->each([o](const std::string&) { o->prefixGiven = true; });
  cmd->add_option("--events-queue", o->eventsQueue, "the change-events SQS queue's name");
  cmd->add_option("--notification-topic", o->notificationTopics,
                  "an SNS notification topic's ARN (repeatable)");
  return [o](Context& ctx) { return runIamPolicy(*o, ctx); };
}

}  // namespace driftless::cli
