#pragma once
// AWS::ECR::Repository as data: property schema, Ref/GetAtt, name rules and validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::ecr {

inline constexpr std::string_view kRepositoryType = "AWS::ECR::Repository";

// Properties that only steer a call and are never observed (the delete's).
inline constexpr std::string_view kNotObserved[] = {"EmptyOnDelete"};

TypeInfo repositoryTypeInfo();
// RepositoryName: 2-256 lowercase letters, digits and . _ - / (segments start
// and end with a letter or digit); KMS encryption needs no key (AWS's default)
// but AES256 takes none; LifecyclePolicyText and RepositoryPolicyText are JSON.
std::vector<std::string> validateRepository(const Properties& props);

}  // namespace driftless::ecr
