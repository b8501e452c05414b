#pragma once
// Physical names for resources whose template gives none, the way
// CloudFormation makes them: <stack>-<LogicalId>-<SUFFIX>, within the type's
// length and character rules. The suffix is a hash of the account, region,
// environment, stack and logical id: the name is the same on every load (so it
// is "generated once" without a write before the create), differs between
// environments sharing an account, and `state rebuild` finds the resource by it
// and proves it ours by its ownership tags.
#include <string>

#include "providers/type_info.h"
#include "reconcile/manifest.h"

namespace driftless::reconcile {

// Whether CloudFormation generates the type's name when the template gives
// none. Not for a name that refers to another resource (a BucketPolicy's Bucket).
bool generatesNames(const TypeInfo& info);

std::string generatePhysicalName(const TypeInfo& info, const Properties& properties,
                                 const LoadContext& context, const std::string& stack,
                                 const std::string& logicalId);

// AWS::StackId: a stable synthetic ARN
// (arn:<partition>:cloudformation:<region>:<account>:stack/<stack>/<uuid>).
std::string syntheticStackId(const LoadContext& context, const std::string& stack);

}  // namespace driftless::reconcile
