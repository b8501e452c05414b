#include "providers/sqs/schema.h"
#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::sqs {

using P = PropertySpec;

constexpr std::string_view kQueueType = "AWS::SQS::Queue";

std::vector<std::string> validateQueue(const Properties& props) {
  std::vector<std::string> out;
  bool fifo = common::checkFifoName(props, "QueueName", 80, "FifoQueue", out);
  if (!fifo) {
    for (const char* p : {"ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"})
      if (props.find(p)) out.push_back(std::string(p) + ": only allowed when FifoQueue is true");
  }
  common::checkRange(props, "DelaySeconds", 0, 900, out);
  common::checkRange(props, "MaximumMessageSize", 1024, 1048576, out);
  common::checkRange(props, "MessageRetentionPeriod", 60, 1209600, out);
  common::checkRange(props, "ReceiveMessageWaitTimeSeconds", 0, 20, out);
  common::checkRange(props, "VisibilityTimeout", 0, 43200, out);
  common::checkRange(props, "KmsDataKeyReusePeriodSeconds", 60, 86400, out);
  if (props.find("RedrivePolicy")) {
    if (auto doc = common::jsonDocument(props.find("RedrivePolicy"))) {
      if (!doc->isObject()) {
        out.push_back(
            "RedrivePolicy: must be an object with deadLetterTargetArn and maxReceiveCount");
      } else {
        if (!doc->find("deadLetterTargetArn"))
          out.push_back("RedrivePolicy: deadLetterTargetArn is required");
        if (!doc->find("maxReceiveCount")) {
          out.push_back("RedrivePolicy: maxReceiveCount is required");
        } else {
          common::checkRange(*doc, "maxReceiveCount", 1, 1000, out, "RedrivePolicy.");
        }
      }
    }
  }
  if (auto doc = common::jsonDocument(props.find("RedriveAllowPolicy")); doc && doc->isObject()) {
    auto perm = common::stringLike(doc->find("redrivePermission"));
    if (perm && *perm != "allowAll" && *perm != "denyAll" && *perm != "byQueue")
      out.push_back("RedriveAllowPolicy.redrivePermission: must be allowAll, denyAll or byQueue");
    if (perm && *perm == "byQueue" && !doc->find("sourceQueueArns"))
      out.push_back(
          "RedriveAllowPolicy: sourceQueueArns is required with redrivePermission byQueue");
  }
  if (props.find("KmsMasterKeyId") &&
      common::boolLike(props.find("SqsManagedSseEnabled")).value_or(false))
    out.push_back("SqsManagedSseEnabled: cannot be true together with KmsMasterKeyId");
  return out;
}

TypeInfo queueTypeInfo() {
  return common::declared(kQueueType, validateQueue);
}

}  // namespace driftless::sqs
