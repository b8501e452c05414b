#pragma once
// AWS::KMS::Key and AWS::KMS::Alias as data: property schemas, Ref/GetAtt,
// name rules and validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::kms {

inline constexpr std::string_view kKeyType = "AWS::KMS::Key";
inline constexpr std::string_view kAliasType = "AWS::KMS::Alias";

// Properties only CreateKey takes: AWS cannot change them on an existing key,
// and CloudFormation fails such an update rather than replacing a key (which
// would schedule the old one's deletion). driftless refuses it the same way.
inline constexpr std::string_view kCreateOnly[] = {"KeySpec", "KeyUsage", "Origin", "MultiRegion"};

TypeInfo keyTypeInfo();
// PendingWindowInDays 7-30, RotationPeriodInDays 90-2560 (with EnableKeyRotation),
// rotation only for symmetric encryption keys.
std::vector<std::string> validateKey(const Properties& props);

TypeInfo aliasTypeInfo();
// AliasName: "alias/" then 1-250 of [A-Za-z0-9/_-], not under "alias/aws/" (AWS managed).
std::vector<std::string> validateAlias(const Properties& props);

}  // namespace driftless::kms
