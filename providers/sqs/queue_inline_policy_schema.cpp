#include "providers/sqs/queue_inline_policy_schema.h"

#include "providers/common/attached_policy.h"
#include "providers/common/cfn_schema.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::sqs {

// One queue's policy: Queue (its URL; another queue is another resource) and
// PolicyDocument. No name and no tags of its own; Ref = the physical id, the URL.
TypeInfo queueInlinePolicyTypeInfo() {
  TypeInfo t = common::typeInfo("AWS::SQS::QueueInlinePolicy", "", "", {});
  t.taggable = false;
  common::manage(t, {"Queue", "PolicyDocument"});
  t.iamActions = common::actions("sqs", {"GetQueueAttributes", "SetQueueAttributes"});
  t.validate = [](const Properties& props) {
    std::vector<std::string> out;
    if (auto q = common::stringLike(props.find("Queue")); q && q->find("://") == std::string::npos)
      out.push_back("Queue: \"" + *q + "\" is not a queue URL (use !Ref of the AWS::SQS::Queue)");
    common::checkPolicyDocument(props, out);
    return out;
  };
  return t;
}

}  // namespace driftless::sqs
