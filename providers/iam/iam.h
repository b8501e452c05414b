#pragma once
#include "providers/registry.h"

namespace driftless::iam {

// AWS::IAM::Role and AWS::IAM::ManagedPolicy.
TypeInfo roleInfo();
TypeInfo managedPolicyInfo();
std::unique_ptr<Provider> makeRoleProvider(const ProviderContext& ctx);
std::unique_ptr<Provider> makeManagedPolicyProvider(const ProviderContext& ctx);
void registerTypes(Registry& registry);

// IAM name rules shared by roles and policies: 1..max of [A-Za-z0-9_+=,.@-].
bool validIamName(std::string_view name, std::size_t max);
// An IAM path: "/" or "/segment/.../" of printable ASCII, at most 512 characters.
bool validIamPath(std::string_view path);

}  // namespace driftless::iam
