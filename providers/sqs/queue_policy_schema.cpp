#include "providers/sqs/queue_policy_schema.h"

#include "providers/common/attached_policy.h"
#include "providers/common/schema.h"

namespace driftless::sqs {

using P = PropertySpec;

// Queues: a non-empty list of queue URLs; PolicyDocument: a JSON document.
static std::vector<std::string> validateQueuePolicy(const Properties& props) {
  std::vector<std::string> out;
  auto isUrl = [](std::string_view key) { return key.find("://") != std::string_view::npos; };
  common::checkParents(props, "Queues", "queue URL", "AWS::SQS::Queue", isUrl, out);
  common::checkPolicyDocument(props, out);
  return out;
}

TypeInfo queuePolicyTypeInfo() {
  // No name and no tags of its own: identified by its queues (see
  // common/attached_policy.h); owned through them and the state entry.
  TypeInfo t = common::attachedPolicyTypeInfo("AWS::SQS::QueuePolicy");
  t.properties = {
      P::list("Queues", P::string("")).req(),
      P::json("PolicyDocument").req(),
  };
  t.iamActions = common::actions("sqs", {"GetQueueAttributes", "SetQueueAttributes"});
  t.validate = validateQueuePolicy;
  return t;
}

}  // namespace driftless::sqs
