#pragma once
// Validation against AWS's CloudFormation database (providers/cfnspec): types
// driftless has no provider for, and properties a provider does not declare.
// The loader calls these from its schema checks; the messages are complete
// (without the "LogicalId: " prefix the loader adds).
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "providers/value.h"

namespace driftless::reconcile {

struct SchemaProblem {
  enum class At { Type, Key, Value };
  At at = At::Value;
  std::string path;  // dotted property path ("" for the type)
  std::string message;
};

// True when `type` is a CloudFormation resource type of the database.
bool isCloudFormationType(std::string_view type);

// "unknown resource type 'AWS::S3::Buckt' (did you mean 'AWS::S3::Bucket'?)": for a
// type neither the registry (`managed`) nor the database knows.
std::string unknownTypeMessage(std::string_view type, const std::vector<std::string>& managed);

// The properties of a resource of a CloudFormation type driftless has no provider
// for, checked against the database (names with "did you mean", value types,
// required), then the one "TYPE is a CloudFormation type driftless does not manage
// yet" problem. Paths in `skip` (intrinsics that failed) are not checked again.
std::vector<SchemaProblem> checkUnmanagedType(std::string_view type, const Value& properties,
                                              const std::set<std::string>& skip);

// The message for a property path a provider does not declare: "property 'X' of
// TYPE is not supported yet (reason)" when the database lists it, else "unknown
// property 'X' of TYPE" with a "did you mean" among `declared` (the provider's
// names at that level) and the database's.
std::string undeclaredPropertyMessage(std::string_view type, const std::string& path,
                                      const std::vector<std::string>& declared);

// For `!GetAtt Logical.attr` on a resource of a type without a provider: the
// problem when the database's type has no such attribute, else nullopt.
std::optional<std::string> unmanagedAttributeProblem(std::string_view type,
                                                     const std::string& logical,
                                                     const std::string& attr);

}  // namespace driftless::reconcile
