#pragma once
// Customer managed policies in bulk (issue 20): GetAccountAuthorizationDetails
// filtered to LocalManagedPolicy (up to 1,000 a page) returns each policy with
// every version's document: what the managed policy type reads with GetPolicy
// and GetPolicyVersion. It has no tags and no attached entities, which are
// still read per policy (ListPolicyTags; ListEntitiesForPolicy when the
// manifest manages Roles, Users or Groups).
#include "providers/common/bulk_read.h"

namespace pugi {
class xml_node;
}

namespace driftless::iam {

// The account's customer managed policies as a bulk source of
// AWS::IAM::ManagedPolicy (scope "iam:local-policies"), items as policyItem().
common::BulkSource managedPolicyListing(const ProviderContext& ctx);

// Whether a listed policy carries what observe reports (PolicyName, PolicyId,
// the default version's document); otherwise the policy is read on its own.
bool policyUsable(const Value& item);

// A GetPolicy <Policy> or a ManagedPolicyDetail as {PolicyName, PolicyId, Arn,
// Path, Description, DefaultVersionId, AttachmentCount, IsAttachable,
// CreateDate, UpdateDate} and, from a detail's PolicyVersionList, Document:
// the default version's (as IAM returns it, URL-encoded).
Value policyItem(pugi::xml_node policy);

}  // namespace driftless::iam
