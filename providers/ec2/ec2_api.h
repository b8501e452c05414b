#pragma once
// EC2 query-protocol plumbing shared by the providers of this folder: one
// classified call, the list parameters EC2 takes (Filter.N, TagSpecification.N,
// Tag.N), and readers of its <xxxSet><item> responses.
#include <string>
#include <string_view>
#include <vector>

#include "providers/aws/client.h"
#include "providers/provider.h"

namespace driftless::ec2 {

// An EC2 error classified (common::withContext with "ec2:<action>", prefixed by
// `resource`), and DependencyViolation (a dependent still being deleted) made
// a Waiting error retried later.
Error classified(Error e, std::string_view action, std::string_view resource);
// One EC2 call; its error is classified().
Awaitable<Result<aws::Xml>> call(const ProviderContext& ctx, std::string_view action,
                                 aws::Params params, std::string_view resource);

// Filter.<n>.Name = name, Filter.<n>.Value.1 = value; `n` is the next free index.
void addFilter(aws::Params& params, int& n, std::string_view name, std::string_view value);
// Filter.<n>.Name = name, Filter.<n>.Value.1..k = values.
void addFilter(aws::Params& params, int& n, std::string_view name,
               const std::vector<std::string>& values);
// The four ownership-tag filters of `id` (tag:driftless:controller, ...).
void addOwnershipFilters(aws::Params& params, int& n, const ProviderContext& ctx,
                         const ResourceId& id);
// TagSpecification.1.ResourceType = resourceType, TagSpecification.1.Tag.N.Key/Value.
void addTagSpecification(aws::Params& params, std::string_view resourceType,
                         const Value::Object& tags);
// A fresh idempotency token for one create call (the client's retries of that
// call resend it, so a create that took effect before its answer was lost is not
// repeated).
std::string clientToken();
// "<stack>-<logical id>-<random>" (the stack and logical id cut to `keep`
// characters), as CloudFormation names a resource whose name it chooses.
std::string generatedName(const Desired& d, std::size_t keep = 200);

// Text of `node`'s child `name`, "" when absent.
std::string text(pugi::xml_node node, const char* name);
// The <item> children of `node`'s child `set`.
std::vector<pugi::xml_node> items(pugi::xml_node node, const char* set);
// <tagSet><item><key/><value/></item></tagSet> of `item` -> [{Key, Value}].
Value tagsOf(pugi::xml_node item);
// A boolean element's text as a Value ("true" -> true).
Value boolOf(pugi::xml_node node, const char* name);

// A list property's name in EC2's query and XML: "BlockDeviceMappings" ->
// "BlockDeviceMapping", "SecurityGroupIds" -> "SecurityGroupId".
std::string singular(const std::string& name);
// `v` (declared by `spec`) as query parameters under `prefix`: objects as
// "prefix.Field", lists as "prefix.<Singular>.N".
void flatten(const PropertySpec& spec, const Value& v, const std::string& prefix, aws::Params& out);
// A list compared as a set: the live list in the manifest's order when both
// hold the same elements.
void keepDeclaredOrder(const Desired& desired, Observed& o, const char* property);
// The elements of `a` not in `b`, in `a`'s order (what a set change adds or removes).
std::vector<std::string> minus(const std::vector<std::string>& a,
                               const std::vector<std::string>& b);

// CreateTags / DeleteTags of `resourceId` for the tag change update() needs.
Awaitable<Result<void>> updateTags(const ProviderContext& ctx, const std::string& resourceId,
                                   const Desired& desired, const Observed& live,
                                   const Delta& delta);

}  // namespace driftless::ec2
