#include "providers/sqs/queue_inline_policy_schema.h"

#include "providers/common/attached_policy.h"
#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::sqs {

// One queue's policy: Queue (its URL; another queue is another resource) and
// PolicyDocument. No name and no tags of its own; Ref = the physical id, the URL.
static std::vector<std::string> validateQueueInlinePolicy(const Properties& props) {
  std::vector<std::string> out;
  if (auto q = common::stringLike(props.find("Queue")); q && q->find("://") == std::string::npos)
    out.push_back("Queue: \"" + *q + "\" is not a queue URL (use !Ref of the AWS::SQS::Queue)");
  common::checkPolicyDocument(props, out);
  return out;
}

TypeInfo queueInlinePolicyTypeInfo() {
  return common::declared("AWS::SQS::QueueInlinePolicy", validateQueueInlinePolicy);
}

}  // namespace driftless::sqs
