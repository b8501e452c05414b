#pragma once
#include <cstddef>

// The compiled CloudFormation database, written by scripts/gen-cfnspec at build
// time from the pinned @aws-cdk/aws-service-spec (see cfnspec.h for the format):
// the schema as plain JSON text with its index, so a process parses only the
// types and structures it asks for and decompresses nothing; the documentation
// zlib-compressed. Read only through cfnspec.h.
namespace driftless::cfnspec::data {
struct Span {
  std::size_t offset, length;  // of a JSON value in kSchemaText
};
extern const char kSchemaVersion[];
extern const char kSchemaSha256[];
extern const char kSchemaText[];
extern const std::size_t kTypeCount;
extern const char* const kTypeNames[];  // sorted
extern const Span kTypeSpans[];         // beside kTypeNames
extern const std::size_t kDefCount;
extern const Span kDefSpans[];  // by index
extern const std::size_t kDocsSize;
extern const std::size_t kDocsPackedSize;
extern const char kDocsPacked[];
}  // namespace driftless::cfnspec::data
