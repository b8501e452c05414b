#include "providers/sns/topic_policy_schema.h"

#include "providers/common/attached_policy.h"
#include "providers/common/schema.h"

namespace driftless::sns {

using P = PropertySpec;

// Topics: a non-empty list of topic ARNs; PolicyDocument: a JSON document.
static std::vector<std::string> validateTopicPolicy(const Properties& props) {
  std::vector<std::string> out;
  auto isArn = [](std::string_view key) { return key.starts_with("arn:"); };
  common::checkParents(props, "Topics", "topic ARN", "AWS::SNS::Topic", isArn, out);
  common::checkPolicyDocument(props, out);
  return out;
}

TypeInfo topicPolicyTypeInfo() {
  // No name and no tags of its own: identified by its topics (see
  // common/attached_policy.h); owned through them and the state entry.
  TypeInfo t = common::attachedPolicyTypeInfo("AWS::SNS::TopicPolicy");
  t.properties = {
      P::list("Topics", P::string("")).req(),
      P::json("PolicyDocument").req(),
  };
  t.iamActions = common::actions("sns", {"GetTopicAttributes", "SetTopicAttributes"});
  t.validate = validateTopicPolicy;
  return t;
}

}  // namespace driftless::sns
