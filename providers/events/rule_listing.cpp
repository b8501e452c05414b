#include "providers/events/rule_listing.h"

namespace driftless::events {

namespace {

constexpr std::size_t kRulesPerPage = 100;  // ListRules' Limit at most

}  // namespace

common::BulkSource ruleListing(const ProviderContext& ctx, const std::string& bus,
                               const std::string& prefix) {
  Value request = Value::object();
  request["Limit"] = Value(static_cast<std::int64_t>(kRulesPerPage));
  if (!bus.empty()) request["EventBusName"] = Value(bus);
  if (!prefix.empty()) request["NamePrefix"] = Value(prefix);
  return common::jsonListingOf(ctx, "AWS::Events::Rule", "events:rules#" + bus + "#" + prefix,
                               kRulesPerPage, "Name",
                               {.service = "events",
                                .operation = "ListRules",
                                .request = std::move(request),
                                .tokenIn = "NextToken",
                                .list = "Rules",
                                .tokenOut = "NextToken"});
}

}  // namespace driftless::events
