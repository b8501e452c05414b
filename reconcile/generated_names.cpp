#include "reconcile/generated_names.h"

#include <cctype>
#include <cstdint>
#include <set>
#include <string_view>

namespace driftless::reconcile {

namespace {

// FNV-1a, 64 bits: stable across platforms and releases (std::hash is not).
std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

struct NameRules {
  std::size_t maxLength = 64;
  bool lowercase = false;
  std::string_view extra = "-_";  // allowed besides letters and digits
  std::string_view fifoFlag;      // property that makes ".fifo" part of the name
};

NameRules rulesFor(std::string_view type) {
  if (type == "AWS::S3::Bucket") return {63, true, "-", ""};
  if (type == "AWS::SQS::Queue") return {80, false, "-_", "FifoQueue"};
  if (type == "AWS::SNS::Topic") return {256, false, "-_", "FifoTopic"};
  if (type == "AWS::DynamoDB::Table") return {255, false, "-_.", ""};
  if (type == "AWS::Logs::LogGroup") return {512, false, "-_./#", ""};
  if (type == "AWS::SSM::Parameter") return {1011, false, "-_.", ""};
  if (type == "AWS::IAM::ManagedPolicy") return {128, false, "-_+=,.@", ""};
  if (type == "AWS::Events::Rule") return {64, false, "-_.", ""};
  if (type == "AWS::SecretsManager::Secret") return {512, false, "-_/+=.@", ""};
  if (type == "AWS::Kinesis::Stream") return {128, false, "-_.", ""};
  if (type == "AWS::CloudWatch::Alarm") return {255, false, "-_.", ""};
  if (type == "AWS::StepFunctions::StateMachine") return {80, false, "-_", ""};
  if (type == "AWS::Scheduler::Schedule") return {64, false, "-_.", ""};
  if (type == "AWS::ECR::Repository") return {256, true, "-", ""};
  if (type == "AWS::Glue::Job" || type == "AWS::Glue::Crawler") return {255, false, "-_.", ""};
  return {};  // Lambda functions, IAM roles: 64 of letters, digits, - and _
}

std::string suffixOf(const LoadContext& ctx, const std::string& stack, const std::string& logicalId,
                     std::size_t length, bool lowercase) {
  std::string key =
      ctx.accountId + "\n" + ctx.region + "\n" + ctx.environment + "\n" + stack + "\n" + logicalId;
  std::uint64_t h = fnv1a(key);
  std::uint64_t h2 = fnv1a(key, h);
  static constexpr std::string_view kDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string out;
  for (std::size_t i = 0; i < length; ++i) {
    std::uint64_t& src = i < 12 ? h : h2;
    char c = kDigits[src % 36];
    src /= 36;
    out += lowercase ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c;
  }
  return out;
}

}  // namespace

bool generatesNames(const TypeInfo& info) {
  static const std::set<std::string, std::less<>> kTypes = {"AWS::S3::Bucket",
                                                            "AWS::SQS::Queue",
                                                            "AWS::SNS::Topic",
                                                            "AWS::DynamoDB::Table",
                                                            "AWS::Logs::LogGroup",
                                                            "AWS::SSM::Parameter",
                                                            "AWS::IAM::ManagedPolicy",
                                                            "AWS::IAM::Role",
                                                            "AWS::Lambda::Function",
                                                            "AWS::Events::Rule",
                                                            "AWS::SecretsManager::Secret",
                                                            "AWS::Glue::Job",
                                                            "AWS::Glue::Crawler"};
  return !info.physicalNameProperty.empty() && kTypes.count(info.type) > 0;
}

std::string generatePhysicalName(const TypeInfo& info, const Properties& properties,
                                 const LoadContext& context, const std::string& stack,
                                 const std::string& logicalId) {
  NameRules rules = rulesFor(info.type);
  std::string fifo;
  if (!rules.fifoFlag.empty()) {
    const Value* flag = properties.find(rules.fifoFlag);
    if (flag &&
        ((flag->isBool() && flag->asBool()) || (flag->isString() && flag->asString() == "true")))
      fifo = ".fifo";
  }
  constexpr std::size_t kSuffix = 12;
  std::string base;
  for (char c : stack + "-" + logicalId) {
    auto u = static_cast<unsigned char>(c);
    bool ok = std::isalnum(u) || rules.extra.find(c) != std::string_view::npos;
    char k = ok ? c : '-';
    base += rules.lowercase ? static_cast<char>(std::tolower(static_cast<unsigned char>(k))) : k;
  }
  std::size_t room = rules.maxLength - kSuffix - 1 - fifo.size();
  if (base.size() > room) base.resize(room);
  return base + "-" + suffixOf(context, stack, logicalId, kSuffix, rules.lowercase) + fifo;
}

std::string syntheticStackId(const LoadContext& context, const std::string& stack) {
  std::string key =
      context.accountId + "\n" + context.region + "\n" + context.environment + "\n" + stack;
  std::uint64_t a = fnv1a(key);
  std::uint64_t b = fnv1a(key, a);
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string hex;
  for (std::uint64_t v : {a, b})
    for (int i = 60; i >= 0; i -= 4)
      hex += kHex[(v >> i) & 15];
  std::string uuid = hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
                     hex.substr(16, 4) + "-" + hex.substr(20, 12);
  return "arn:" + context.partition + ":cloudformation:" + context.region + ":" +
         context.accountId + ":stack/" + stack + "/" + uuid;
}

}  // namespace driftless::reconcile
