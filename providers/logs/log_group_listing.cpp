#include "providers/logs/log_group_listing.h"

#include "providers/aws/client.h"
#include "providers/common/errors.h"

namespace driftless::logs {

namespace {

constexpr std::size_t kGroupsPerPage = 50;  // DescribeLogGroups' limit at most

Awaitable<Result<common::ListedPage>> groupsPage(const ProviderContext& ctx,
                                                 const std::string& prefix,
                                                 const std::string& token) {
  Value body = Value::object();
  if (!prefix.empty()) body["logGroupNamePrefix"] = Value(prefix);
  body["limit"] = Value(static_cast<std::int64_t>(kGroupsPerPage));
  if (!token.empty()) body["nextToken"] = Value(token);
  auto r = co_await ctx.aws->json("logs", "DescribeLogGroups", body);
  if (!r) co_return fail(common::withContext(r.error(), "logs:DescribeLogGroups", "log groups"));
  co_return common::jsonPage(&*r, "logGroups", "nextToken", "logs:DescribeLogGroups");
}

}  // namespace

common::BulkSource logGroupListing(const ProviderContext& ctx, const std::string& prefix) {
  const ProviderContext* c = &ctx;
  return common::listingOf(
      "AWS::Logs::LogGroup", "logs:log-groups#" + prefix, kGroupsPerPage, "logGroupName",
      [c, prefix](const std::string& token) { return groupsPage(*c, prefix, token); });
}

}  // namespace driftless::logs
