#include "providers/secretsmanager/secret_listing.h"

namespace driftless::secretsmanager {

namespace {

constexpr std::size_t kSecretsPerPage = 100;  // ListSecrets' MaxResults at most

}  // namespace

common::BulkSource secretListing(const ProviderContext& ctx, const std::string& prefix) {
  Value request = Value::object();
  request["MaxResults"] = Value(static_cast<std::int64_t>(kSecretsPerPage));
  if (!prefix.empty()) {
    // The name filter matches by prefix (a superset: a secret is found by its
    // exact name in the listing).
    Value filter = Value::object();
    filter["Key"] = Value("name");
    filter["Values"] = Value(Value::Array{Value(prefix)});
    request["Filters"] = Value(Value::Array{std::move(filter)});
  }
  return common::jsonListingOf(ctx, "AWS::SecretsManager::Secret",
                               "secretsmanager:secrets#" + prefix, kSecretsPerPage, "Name",
                               {.service = "secretsmanager",
                                .operation = "ListSecrets",
                                .request = std::move(request),
                                .tokenIn = "NextToken",
                                .list = "SecretList",
                                .tokenOut = "NextToken"});
}

}  // namespace driftless::secretsmanager
