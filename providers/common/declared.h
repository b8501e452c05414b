#pragma once
// The schemas the service folders declare as data: each providers/<service>/types.yaml
// names, per CloudFormation type, its physical-name property, what `!Ref` and
// `!GetAtt` give, the properties driftless manages (their shapes come from AWS's
// CloudFormation database, common::manage), whether it is tagged, and the IAM
// actions its provider calls. What is code (validation, overrides of the
// database) stays in the folder's schema.cpp:
//   TypeInfo t = common::declared("AWS::Kinesis::Stream");
//   t.validate = validateStream;
// The files are embedded at build time (common/embed_types.cmake).
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "providers/common/schema.h"

namespace driftless::common {

// The type as its folder's types.yaml declares it. Throws std::logic_error when
// no file declares it.
TypeInfo declared(std::string_view type);
// The same with its validation (TypeInfo::validate).
TypeInfo declared(std::string_view type,
                  std::function<std::vector<std::string>(const Properties&)> validate);

// Every type the files declare, sorted.
std::vector<std::string> declaredTypes();

// One embedded types.yaml (generated: declared_types.cpp).
struct DeclaredFile {
  std::string_view path;  // "providers/kinesis/types.yaml"
  std::string_view text;
};
const std::vector<DeclaredFile>& declaredFiles();

// One type of a types.yaml: its TypeSpec, then what it says of the database's
// property shapes (each a property path, "Target.RoleArn"): `values` AWS's
// allowed values where the database lists none; `required`, `optional`,
// `immutable` (a change replaces), `mutable`, `integer` (the database says
// Number), `json` (a JSON document written as a string), `secret`.
struct Declared {
  TypeSpec spec;
  std::vector<std::pair<std::string, std::vector<std::string>>> values;
  std::vector<std::string> required, optional, immutable, mutableProps, integer, json, secret;
};

// Parses `text` (one types.yaml); a key it does not know, a value of the wrong
// shape or a type declared twice throws std::logic_error "<path>:<line>: <why>".
std::vector<Declared> parseDeclared(std::string_view path, std::string_view text);

}  // namespace driftless::common
