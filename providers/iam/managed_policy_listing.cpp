#include "providers/iam/managed_policy_listing.h"

#include "providers/iam/iam_query.h"

namespace driftless::iam {

namespace {

constexpr std::size_t kPoliciesPerPage = 1000;  // MaxItems at most

Awaitable<Result<common::ListedPage>> policiesPage(const ProviderContext& ctx,
                                                   const std::string& marker) {
  aws::Params params =
      kv("Filter.member.1", "LocalManagedPolicy", "MaxItems", std::to_string(kPoliciesPerPage));
  if (!marker.empty()) params.emplace_back("Marker", marker);
  auto r = co_await iamCall(*ctx.aws, "GetAccountAuthorizationDetails", std::move(params),
                            "managed policies");
  if (!r) co_return fail(r.error());
  common::ListedPage page;
  for (auto m : r->result.child("Policies").children("member"))
    page.items.push_back(policyItem(m));
  if (std::string_view(r->result.child("IsTruncated").text().as_string()) == "true")
    page.next = r->result.child("Marker").text().as_string();
  co_return page;
}

}  // namespace

Value policyItem(pugi::xml_node policy) {
  Value item = Value::object();
  for (const char* k : {"Arn", "Path", "DefaultVersionId", "CreateDate", "UpdateDate"})
    item[k] = Value(policy.child(k).text().as_string());
  // AWS names both in GetPolicy and in every ManagedPolicyDetail; moto 5.2.1's
  // details lack them (policyUsable() then sends the policy to its own read).
  for (const char* k : {"PolicyName", "PolicyId"})
    if (auto v = policy.child(k)) item[k] = Value(v.text().as_string());
  if (auto d = policy.child("Description")) item["Description"] = Value(d.text().as_string());
  item["AttachmentCount"] =
      Value(static_cast<std::int64_t>(policy.child("AttachmentCount").text().as_llong()));
  item["IsAttachable"] =
      Value(std::string_view(policy.child("IsAttachable").text().as_string()) == "true");
  for (auto v : policy.child("PolicyVersionList").children("member"))
    if (std::string_view(v.child("IsDefaultVersion").text().as_string()) == "true")
      item["Document"] = Value(v.child("Document").text().as_string());
  return item;
}

common::BulkSource managedPolicyListing(const ProviderContext& ctx) {
  const ProviderContext* c = &ctx;
  common::BulkSource source = common::listingOf(
      "AWS::IAM::ManagedPolicy", "iam:local-policies", kPoliciesPerPage, "PolicyName",
      [c](const std::string& marker) { return policiesPage(*c, marker); });
  // By name: PolicyName, else the ARN's last segment (policy names are unique
  // in an account, whatever their path).
  source.idOf = [](const Value& item) {
    if (const Value* n = item.find("PolicyName")) return n->scalarText();
    const Value* arn = item.find("Arn");
    const std::string a = arn ? arn->scalarText() : "";
    return a.substr(a.rfind('/') + 1);
  };
  return source;
}

bool policyUsable(const Value& item) {
  const Value* id = item.find("PolicyId");
  return id && !id->scalarText().empty() && item.find("PolicyName") && item.find("Document");
}

}  // namespace driftless::iam
