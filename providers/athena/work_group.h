#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::athena {

// AWS::Athena::WorkGroup over the Athena JSON protocol. Identity: the name.
// Observe: GetWorkGroup and ListTagsForResource (2 calls). A change is one
// UpdateWorkGroup (the configuration as ConfigurationUpdates). Delete with
// RecursiveDeleteOption also deletes the workgroup's saved queries.
extern const common::MakeProvider makeWorkGroupProvider;

}  // namespace driftless::athena
