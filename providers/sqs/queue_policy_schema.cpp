#include "providers/sqs/queue_policy_schema.h"

#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::sqs {

using P = PropertySpec;

// Queues: a non-empty list of queue URLs; PolicyDocument: a JSON document.
static std::vector<std::string> validateQueuePolicy(const Properties& props) {
  std::vector<std::string> out;
  if (const Value* q = props.find("Queues"); q && q->isArray()) {
    if (q->size() == 0) out.push_back("Queues: must list at least one queue URL");
    for (const auto& e : q->asArray())
      if (e.isString() && e.asString().find("://") == std::string::npos)
        out.push_back("Queues: \"" + e.asString() +
                      "\" is not a queue URL (use !Ref of the AWS::SQS::Queue)");
  }
  if (const Value* doc = props.find("PolicyDocument"); doc && doc->isString()) {
    if (!common::jsonDocument(doc))
      out.push_back("PolicyDocument: is a string but not a JSON document");
  }
  return out;
}

TypeInfo queuePolicyTypeInfo() {
  // No name and no tags of its own: identified by its queues (see
  // common/attached_policy.h); owned through them and the state entry.
  TypeInfo t = common::typeInfo("AWS::SQS::QueuePolicy", "", "Id", {"Id"});
  t.taggable = false;
  t.properties = {
      P::list("Queues", P::string("")).req(),
      P::json("PolicyDocument").req(),
  };
  t.iamActions = common::actions("sqs", {"GetQueueAttributes", "SetQueueAttributes"});
  t.validate = validateQueuePolicy;
  return t;
}

}  // namespace driftless::sqs
