#pragma once
#include <cstddef>

// The compiled CloudFormation database: zlib-compressed JSON written by
// scripts/gen-cfnspec at build time from the pinned @aws-cdk/aws-service-spec
// (see cfnspec.h for the format). Read only through cfnspec.h.
namespace driftless::cfnspec::data {
extern const std::size_t kSchemaSize;
extern const std::size_t kSchemaPackedSize;
extern const char kSchemaPacked[];
extern const std::size_t kDocsSize;
extern const std::size_t kDocsPackedSize;
extern const char kDocsPacked[];
}  // namespace driftless::cfnspec::data
