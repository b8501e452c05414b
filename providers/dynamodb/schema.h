#pragma once
// AWS::DynamoDB::Table as data.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::dynamodb {

TypeInfo tableTypeInfo();
// Table name 3-255 of [a-zA-Z0-9_.-]; key schemas (table and GSIs) use only
// defined attributes and every defined attribute is a key; billing mode vs
// provisioned throughput; GSI names.
std::vector<std::string> validateTable(const Properties& props);

}  // namespace driftless::dynamodb
