#pragma once
// The start of every type's schema (providers/<service>/schema.cpp): who it is,
// what `!Ref` and `!GetAtt` give, and the IAM actions its provider calls.
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::common {

// A type's schema as data, what each providers/<service>/schema.cpp declares:
//   return common::typeInfo({.type = "AWS::Kinesis::Stream", .name = "Name",
//                            .attributes = {"Arn"}, .manage = {"Name", ...},
//                            .iam = common::actions("kinesis", {...}),
//                            .validate = validateStream});
// The service (TypeInfo::service) is set by the registry line (common::add).
struct TypeSpec {
  std::string type;                     // "AWS::Kinesis::Stream"
  std::string name;                     // the physical-name property; "": AWS assigns the id
  std::string ref;                      // what `!Ref` returns; "": the physical id
  std::vector<std::string> attributes;  // valid `!GetAtt X.<name>` names
  std::vector<std::string> manage;      // managed property paths (common::manage)
  bool taggable = true;                 // false: ownership is the state entry alone
  std::string tagsInBulk;               // the Tagging API type (common::tagsReadInBulk)
  std::vector<std::string> iam;         // the IAM actions its provider calls
  std::function<std::vector<std::string>(const Properties&)> validate;
};
TypeInfo typeInfo(TypeSpec spec);

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
