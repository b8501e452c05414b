#pragma once
// AWS::Lambda::LayerVersion as data: property schema, Ref/GetAtt, validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::lambda {

inline constexpr std::string_view kLayerVersionType = "AWS::Lambda::LayerVersion";

TypeInfo layerVersionTypeInfo();
// LayerName required (driftless does not generate it), 1-140 of [A-Za-z0-9_-];
// Content with S3Bucket and S3Key; at most 15 runtimes, 2 architectures.
std::vector<std::string> validateLayerVersion(const Properties& props);

}  // namespace driftless::lambda
