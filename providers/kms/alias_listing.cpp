#include "providers/kms/alias_listing.h"

namespace driftless::kms {

common::BulkSource aliasListing(const ProviderContext& ctx) {
  // ListAliases: Limit at most 100, Marker in, NextMarker out.
  return common::jsonListingOf(
      ctx, "AWS::KMS::Alias", "kms:aliases", "AliasName",
      {"kms", "ListAliases", "Limit", 100, "Marker", "Aliases", "NextMarker"});
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
