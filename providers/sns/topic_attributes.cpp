#include "providers/sns/topic_attributes.h"

#include <algorithm>
#include <array>
#include <utility>

#include "providers/common/attributes.h"

namespace driftless::sns {

namespace {

// Properties that are topic attributes of the same name.
constexpr std::array<std::string_view, 9> kSameName = {
    "DisplayName",         "FifoTopic",        "ContentBasedDeduplication",
    "KmsMasterKeyId",      "SignatureVersion", "TracingConfig",
    "FifoThroughputScope", "ArchivePolicy",    "MaximumMessageSize"};

// DeliveryStatusLogging protocols (CloudFormation) and their attribute prefixes.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kProtocols = {
    {{"http/s", "HTTP"},
     {"sqs", "SQS"},
     {"lambda", "Lambda"},
     {"firehose", "Firehose"},
     {"application", "Application"}}};

constexpr std::array<std::string_view, 3> kFeedbackFields = {
    "SuccessFeedbackRoleArn", "SuccessFeedbackSampleRate", "FailureFeedbackRoleArn"};

// "http" is how driftless spelled CloudFormation's "http/s" before; it means the same.
std::string protocolOf(const Value& entry) {
  const Value* p = entry.find("Protocol");
  std::string protocol = p ? p->scalarText() : "";
  return protocol == "http" ? "http/s" : protocol;
}

std::size_t protocolRank(const Value& entry) {
  std::string protocol = protocolOf(entry);
  for (std::size_t i = 0; i < kProtocols.size(); ++i)
    if (kProtocols[i].first == protocol) return i;
  return kProtocols.size();
}

}  // namespace

std::vector<TopicAttribute> topicAttributes(const Properties& props) {
  std::vector<TopicAttribute> out;
  for (auto a : kSameName)
    if (const Value* v = props.find(a))
      out.push_back({std::string(a), std::string(a), common::attributeText(*v)});
  const Value* logging = props.find("DeliveryStatusLogging");
  if (!logging || !logging->isArray()) return out;
  for (const auto& entry : logging->asArray()) {
    std::size_t rank = protocolRank(entry);
    if (rank == kProtocols.size()) continue;  // validation names the protocol
    for (auto f : kFeedbackFields)
      if (const Value* v = entry.find(f))
        out.push_back({"DeliveryStatusLogging",
                       std::string(kProtocols[rank].second) + std::string(f), v->scalarText()});
  }
  return out;
}

void readTopicAttributes(const Value::Object& attributes, Properties& out) {
  for (auto n : kSameName)
    if (auto it = attributes.find(n); it != attributes.end() && !it->second.scalarText().empty())
      out[n] = it->second;
  // A standard topic reports no FifoTopic; "false" is what it is.
  if (!out.find("FifoTopic")) out["FifoTopic"] = Value("false");
  if (!out.find("DisplayName")) out["DisplayName"] = Value("");
  if (!out.find("SignatureVersion")) out["SignatureVersion"] = Value("1");
  if (!out.find("TracingConfig")) out["TracingConfig"] = Value("PassThrough");
  if (!out.find("MaximumMessageSize")) out["MaximumMessageSize"] = Value("262144");  // 256 KiB
  if (out.find("FifoTopic")->scalarText() == "true" && !out.find("FifoThroughputScope"))
    out["FifoThroughputScope"] = Value("Topic");
  Value logging = Value::array();
  for (const auto& [protocol, prefix] : kProtocols) {
    Value entry = Value::object();
    for (auto f : kFeedbackFields)
      if (auto it = attributes.find(std::string(prefix) + std::string(f));
          it != attributes.end() && !it->second.scalarText().empty())
        entry[f] = Value(it->second.scalarText());
    if (entry.size() == 0) continue;
    entry["Protocol"] = Value(std::string(protocol));
    logging.push(std::move(entry));
  }
  out["DeliveryStatusLogging"] = std::move(logging);
}

Properties normaliseTopic(const Properties& props) {
  const Value* logging = props.find("DeliveryStatusLogging");
  if (!logging || !logging->isArray()) return props;
  Properties out = props;
  auto& entries = out["DeliveryStatusLogging"].asArray();
  for (auto& e : entries)
    if (e.isObject() && e.find("Protocol")) e["Protocol"] = Value(protocolOf(e));
  std::stable_sort(entries.begin(), entries.end(), [](const Value& a, const Value& b) {
    return protocolRank(a) < protocolRank(b);
  });
  return out;
}

}  // namespace driftless::sns
