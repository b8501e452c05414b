#include "providers/sns/topic_policy_schema.h"

#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::sns {

using P = PropertySpec;

// Topics: a non-empty list of topic ARNs; PolicyDocument: a JSON document.
static std::vector<std::string> validateTopicPolicy(const Properties& props) {
  std::vector<std::string> out;
  if (const Value* t = props.find("Topics"); t && t->isArray()) {
    if (t->size() == 0) out.push_back("Topics: must list at least one topic ARN");
    for (const auto& e : t->asArray())
      if (e.isString() && !e.asString().starts_with("arn:"))
        out.push_back("Topics: \"" + e.asString() +
                      "\" is not a topic ARN (use !Ref of the AWS::SNS::Topic)");
  }
  if (const Value* doc = props.find("PolicyDocument"); doc && doc->isString()) {
    if (!common::jsonDocument(doc))
      out.push_back("PolicyDocument: is a string but not a JSON document");
  }
  return out;
}

TypeInfo topicPolicyTypeInfo() {
  // No name and no tags of its own: identified by its topics (see
  // common/attached_policy.h); owned through them and the state entry.
  TypeInfo t = common::typeInfo("AWS::SNS::TopicPolicy", "", "Id", {"Id"});
  t.taggable = false;
  t.properties = {
      P::list("Topics", P::string("")).req(),
      P::json("PolicyDocument").req(),
  };
  t.iamActions = common::actions("sns", {"GetTopicAttributes", "SetTopicAttributes"});
  t.validate = validateTopicPolicy;
  return t;
}

}  // namespace driftless::sns
