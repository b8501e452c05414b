#pragma once
// AWS::Lambda::Version and AWS::Lambda::Alias as data.

#include "providers/type_info.h"

namespace driftless::lambda {

TypeInfo versionTypeInfo();
TypeInfo aliasTypeInfo();

}  // namespace driftless::lambda
