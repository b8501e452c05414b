#include "providers/kms/alias_listing.h"

namespace driftless::kms {

namespace {

constexpr std::size_t kAliasesPerPage = 100;  // ListAliases' Limit at most

}  // namespace

common::BulkSource aliasListing(const ProviderContext& ctx) {
  Value request = Value::object();
  request["Limit"] = Value(static_cast<std::int64_t>(kAliasesPerPage));
  return common::jsonListingOf(ctx, "AWS::KMS::Alias", "kms:aliases", kAliasesPerPage, "AliasName",
                               {.service = "kms",
                                .operation = "ListAliases",
                                .request = std::move(request),
                                .tokenIn = "Marker",
                                .list = "Aliases",
                                .tokenOut = "NextMarker"});
}

std::string targetKeyArn(const Value& listed) {
  const Value* arn = listed.find("AliasArn");
  const Value* key = listed.find("TargetKeyId");
  if (!arn || !key) return "";
  const std::string aliasArn = arn->scalarText();
  const std::size_t at = aliasArn.find(":alias/");
  if (at == std::string::npos) return "";
  return aliasArn.substr(0, at) + ":key/" + key->scalarText();
}

}  // namespace driftless::kms
