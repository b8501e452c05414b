#include "providers/iam/role_listing.h"

#include "providers/iam/iam_query.h"

namespace driftless::iam {

namespace {

constexpr std::size_t kRolesPerPage = 1000;  // MaxItems at most

std::string textOf(pugi::xml_node n) {
  return n.text().as_string();
}

// A RoleDetailList member as the item roleListing() promises.
Value roleItem(pugi::xml_node role) {
  Value item = Value::object();
  for (const char* k : {"RoleName", "Path", "Arn", "RoleId", "AssumeRolePolicyDocument"})
    item[k] = Value(textOf(role.child(k)));
  if (auto b = role.child("PermissionsBoundary").child("PermissionsBoundaryArn"))
    item["PermissionsBoundary"] = Value(textOf(b));
  item["Tags"] = tagsFromXml(role.child("Tags"));
  Value inline_ = Value::array();
  for (auto m : role.child("RolePolicyList").children("member")) {
    Value e = Value::object();
    e["PolicyName"] = Value(textOf(m.child("PolicyName")));
    e["PolicyDocument"] = Value(textOf(m.child("PolicyDocument")));
    inline_.push(std::move(e));
  }
  item["RolePolicyList"] = std::move(inline_);
  Value attached = Value::array();
  for (auto& a : memberTexts(role.child("AttachedManagedPolicies"), "PolicyArn"))
    attached.push(Value(a));
  item["AttachedManagedPolicies"] = std::move(attached);
  return item;
}

Awaitable<Result<common::ListedPage>> rolesPage(const ProviderContext& ctx,
                                                const std::string& marker) {
  aws::Params params = kv("Filter.member.1", "Role", "MaxItems", std::to_string(kRolesPerPage));
  if (!marker.empty()) params.emplace_back("Marker", marker);
  auto r = co_await iamCall(*ctx.aws, "GetAccountAuthorizationDetails", std::move(params), "roles");
  if (!r) co_return fail(r.error());
  common::ListedPage page;
  for (auto m : r->result.child("RoleDetailList").children("member"))
    page.items.push_back(roleItem(m));
  if (std::string_view(textOf(r->result.child("IsTruncated"))) == "true")
    page.next = textOf(r->result.child("Marker"));
  co_return page;
}

}  // namespace

common::BulkSource roleListing(const ProviderContext& ctx) {
  const ProviderContext* c = &ctx;
  return common::listingOf("AWS::IAM::Role", "iam:roles", kRolesPerPage, "RoleName",
                           [c](const std::string& marker) { return rolesPage(*c, marker); });
}

bool listedRoleIsEnough(const Properties& desired) {
  return !desired.find("Description") && !desired.find("MaxSessionDuration");
}

}  // namespace driftless::iam
