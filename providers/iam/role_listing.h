#pragma once
// IAM roles in bulk (issue 20): GetAccountAuthorizationDetails filtered to
// Role (up to 1,000 roles a page) returns each role with its trust policy,
// path, permissions boundary, tags, inline policies (with their documents)
// and attached managed policies: everything the role type reads with GetRole,
// ListRolePolicies, GetRolePolicy and ListAttachedRolePolicies, except
// Description and MaxSessionDuration (AWS's RoleDetail lacks them). So a
// listed role is used only when the manifest manages neither; any other is
// read on its own, as are all when the cost model (common/bulk_read.h)
// prefers one read each.
#include "providers/common/bulk_read.h"

namespace driftless::iam {

// The account's roles as a bulk source of AWS::IAM::Role (scope
// "iam:roles"); each item {RoleName, Path, Arn, RoleId,
// AssumeRolePolicyDocument, PermissionsBoundary, Tags: [{Key, Value}],
// RolePolicyList: [{PolicyName, PolicyDocument}], AttachedManagedPolicies: [arn]},
// documents as IAM returns them (URL-encoded text).
common::BulkSource roleListing(const ProviderContext& ctx);

// Whether a listed role is enough to observe `desired` (see above).
bool listedRoleIsEnough(const Properties& desired);

}  // namespace driftless::iam
