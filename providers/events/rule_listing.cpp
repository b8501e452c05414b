#include "providers/events/rule_listing.h"

namespace driftless::events {

common::BulkSource ruleListing(const ProviderContext& ctx, const std::string& bus,
                               const std::string& prefix) {
  Value filters = Value::object();
  if (!bus.empty()) filters["EventBusName"] = Value(bus);
  if (!prefix.empty()) filters["NamePrefix"] = Value(prefix);
  // ListRules: Limit at most 100.
  return common::jsonListingOf(
      ctx, "AWS::Events::Rule", "events:rules#" + bus + "#" + prefix, "Name",
      {"events", "ListRules", "Limit", 100, "NextToken", "Rules", "NextToken"}, std::move(filters));
}

}  // namespace driftless::events
