#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::sns {

// AWS::SNS::TopicPolicy: the `Policy` attribute of each topic in Topics.
// Observe: one GetTopicAttributes per topic (a topic whose policy is SNS's
// default, Id "__default_policy_ID", holds none); create/update:
// SetTopicAttributes; delete: puts SNS's default policy back, as CloudFormation does.
extern const common::MakeProvider makeTopicPolicyProvider;

}  // namespace driftless::sns
