#pragma once
// The lifecycle every taggable EC2 resource with an AWS-assigned id shares
// (VPC, subnet, internet gateway, route table, security group):
// - identity: the id AWS assigns, recorded in state;
// - creation carries the ownership tags in TagSpecifications (no untagged window);
// - crash safety: with no id in state, observe() and create() first look for a
//   live resource carrying this resource's four ownership tags (one Describe*
//   filtered by tag:driftless:controller/environment/stack/logical-id) and
//   adopt it, so a crash between Create* and the state write never creates a
//   second one (and a twin a retried Create* left is deleted then);
// - observe in bulk: in a full observation, the first observe of a type reads
//   every id of that type in state with one Describe* (200 ids a call) and the
//   others find their items there (common/observe_batch.h);
// - delete answered with DependencyViolation (a dependent still being deleted)
//   is a Waiting error (ErrorCodes::waiting in register.cpp), retried later.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "providers/aws/client.h"
#include "providers/common/provider_base.h"

namespace driftless::ec2 {

struct Kind {
  std::string_view noun;            // "vpc": in messages
  std::string_view describeAction;  // "DescribeVpcs"
  const char* setName;              // "vpcSet"
  const char* idField;              // "vpcId"
  std::string_view idFilter;        // "vpc-id"
  std::string_view resourceType;    // "vpc" (TagSpecification.ResourceType)
  std::string_view deleteAction;    // "DeleteVpc"
  std::string_view deleteIdParam;   // "VpcId"
  // When set, a Describe by id sends the id as this parameter ("NetworkAclId.1")
  // instead of the `idFilter` filter, and a not-found answer is absence (the
  // emulator lacks some id filters).
  std::string_view idParam = {};
  // When set, each item of `setName` holds the resources in this set of its
  // own (DescribeInstances: reservationSet, then instancesSet).
  const char* innerSet = nullptr;
  // Every VPC has a default one of this kind (security groups, network ACLs):
  // in a full observation, one Describe* filtered by the vpc-id of every VPC
  // in state answers both the VPCs' defaults and the resources of the kind in
  // them (inVpcs); ids not found there are read by id.
  bool inVpc = false;
};

// The kinds the join types read their parents by (tagged_types.cpp), and
// those the VPCs' defaults are read as (security_group.cpp, network_acl.cpp).
extern const Kind kInternetGateway;
extern const Kind kRouteTable;
extern const Kind kSecurityGroup;
extern const Kind kNetworkAcl;

// The items of one bulk read, by id, with the answers that keep them alive.
struct Described {
  std::vector<aws::Xml> answers;
  std::unordered_map<std::string, pugi::xml_node> byId;
};

// Every resource of the `inVpc` kind in the VPCs the observation's state
// records (at most 200 VPCs): one Describe* filtered by vpc-id, made once per
// observation whichever of the VPC type and the kind's own type asks first.
// Null with no full observation, no VPC in state, or when the read failed.
Awaitable<std::shared_ptr<const Described>> inVpcs(const ProviderContext& ctx, const Kind& kind);

// A Describe item from an observation's bulk read (common/observe_batch.h),
// with what keeps its answer alive.
struct BulkItem {
  std::shared_ptr<const void> answer;
  pugi::xml_node item;  // null: AWS has no resource of that id
};
// `id`'s item from the observation's one bulk read of the tagged `type`
// (described as `kind`: one Describe* per 200 ids of that type in state),
// made now when no observe has made it yet. nullopt when the observation
// expects no such id (a targeted cycle, a create) or the bulk read failed:
// the caller then reads on its own.
Awaitable<std::optional<BulkItem>> bulkItem(const ProviderContext& ctx, const std::string& type,
                                            const Kind& kind, const std::string& id);

class TaggedProvider : public common::ProviderBase {
 public:
  TaggedProvider(ProviderContext ctx, TypeInfo info, Kind kind)
      : ProviderBase(std::move(ctx), std::move(info)), kind_(kind) {}

  DRIFTLESS_PROVIDER_OPERATIONS;

 protected:
  // The Describe item -> properties and attributes (tags and owner are set by the base).
  virtual void read(pugi::xml_node item, Observed& o) const = 0;
  // A Describe item that is as good as absent (a NAT gateway deleted or failed).
  virtual bool gone(pugi::xml_node) const { return false; }
  // Reads beyond the Describe, only for what `desired` manages.
  virtual Awaitable<Result<void>> readMore(const Desired&, Observed&) { co_return Result<void>{}; }
  // The Create* call; `params` already holds the TagSpecification. Returns the id.
  virtual Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                        aws::Params params) = 0;
  // Properties set by calls of their own: after create (`delta` null: whatever
  // the manifest sets) and on update (only what `delta` touches).
  virtual Awaitable<Result<void>> apply(const Desired&, const std::string&, const Observed*,
                                        const Delta*) {
    co_return Result<void>{};
  }

  Awaitable<Result<aws::Xml>> ec2(std::string_view action, aws::Params params,
                                  std::string_view resource) const;
  // One Create* call; the new id is the `idField` of its answer's `parent`
  // element (the answer itself when `parent` is null).
  Awaitable<Result<std::string>> createCall(std::string_view action, aws::Params params,
                                            const Desired& desired, const char* parent,
                                            const char* idField) const;
  // Deletes every live resource carrying this resource's ownership tags but
  // `keep`: the twins a Create* without a ClientToken leaves when its answer was
  // lost and the client retried it (none of them ever reached state).
  Awaitable<Result<void>> removeTwins(const Desired& desired, const std::string& keep);
  // The resource as live now: by id, or by the ownership tags when `id` is
  // empty. Two or more carrying the tags (a twin) are absent unless `adopting`
  // (create takes the first, then removeTwins).
  Awaitable<Result<Observed>> describe(const Desired& desired, const std::string& id,
                                       bool adopting = false);
  // `item` (a Describe answer's element) as observed, with readMore's reads.
  Awaitable<Result<Observed>> observedFrom(const Desired& desired, pugi::xml_node item);
  std::string label(const std::string& id) const { return std::string(kind_.noun) + " " + id; }
  // The resources a Describe* answered (through `innerSet` when set).
  std::vector<pugi::xml_node> described(pugi::xml_node result) const;

  Kind kind_;
};

}  // namespace driftless::ec2
