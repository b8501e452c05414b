#include "providers/secretsmanager/secret_listing.h"

namespace driftless::secretsmanager {

common::BulkSource secretListing(const ProviderContext& ctx, const std::string& prefix) {
  Value filters = Value::object();
  if (!prefix.empty()) {
    // The name filter matches by prefix (a superset: a secret is found by its
    // exact name in the listing).
    Value filter = Value::object();
    filter["Key"] = Value("name");
    filter["Values"] = Value(Value::Array{Value(prefix)});
    filters["Filters"] = Value(Value::Array{std::move(filter)});
  }
  // ListSecrets: MaxResults at most 100.
  return common::jsonListingOf(
      ctx, "AWS::SecretsManager::Secret", "secretsmanager:secrets#" + prefix, "Name",
      {"secretsmanager", "ListSecrets", "MaxResults", 100, "NextToken", "SecretList", "NextToken"},
      std::move(filters));
}

}  // namespace driftless::secretsmanager
