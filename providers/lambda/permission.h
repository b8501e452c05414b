#pragma once
#include <memory>
#include <string>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::lambda {

// AWS::Lambda::Permission: one statement of the function's resource policy.
// Observe: one GetPolicy, the statement found by its id; create: AddPermission;
// delete: RemovePermission. Every property replaces (remove, then add).
extern const common::MakeProvider makePermissionProvider;

// The statement id of the resource `id`: "<stack>-<LogicalId>" with characters
// Lambda refuses turned into '-', at most 100 characters.
std::string statementId(const ResourceId& id);

}  // namespace driftless::lambda
