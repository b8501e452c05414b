#pragma once
// The start of every type's schema (providers/<service>/schema.cpp): who it is,
// what `!Ref` and `!GetAtt` give, and the IAM actions its provider calls.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::common {

// `refAttribute` "" = Ref returns the physical id (the name). The service
// (TypeInfo::service) is set by the registry line (common::add).
TypeInfo typeInfo(std::string type, std::string physicalNameProperty, std::string refAttribute,
                  std::vector<std::string> getAttributes);

// The IAM actions "<service>:<name>" of one service: actions("sqs", {"CreateQueue"}).
std::vector<std::string> actions(std::string_view service,
                                 std::initializer_list<std::string_view> names);

// The type's tags are read in bulk by the cycle (common/tag_snapshot.h) as
// `taggingType` ("sqs", "dynamodb:table"): sets it and adds tag:GetResources.
void tagsReadInBulk(TypeInfo& t, std::string taggingType);

// A name's characters: when `property` is set, it is 1 to `maxLength` ASCII
// letters, digits or `extraChars`, else "<property>: "<name>" must be <rule>".
void checkNameChars(const Properties& props, std::string_view property, std::size_t maxLength,
                    std::string_view extraChars, std::string_view rule,
                    std::vector<std::string>& out);
// The same with the rule spelled from `extraChars`: "1 to 128 letters, digits, '.', '_' or '-'".
void checkNameChars(const Properties& props, std::string_view property, std::size_t maxLength,
                    std::string_view extraChars, std::vector<std::string>& out);

}  // namespace driftless::common
