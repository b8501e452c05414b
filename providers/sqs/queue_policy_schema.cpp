#include "providers/sqs/queue_policy_schema.h"

#include "providers/common/attached_policy.h"
#include "providers/common/schema.h"

namespace driftless::sqs {

// Queues: a non-empty list of queue URLs; PolicyDocument: a JSON document.
TypeInfo queuePolicyTypeInfo() {
  auto isUrl = [](std::string_view key) { return key.find("://") != std::string_view::npos; };
  return common::listedPolicyTypeInfo(
      {"AWS::SQS::QueuePolicy", "Queues", "queue URL", "AWS::SQS::Queue", isUrl,
       common::actions("sqs", {"GetQueueAttributes", "SetQueueAttributes"})});
}

}  // namespace driftless::sqs
