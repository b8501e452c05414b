#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::lambda {

// AWS::Lambda::EventSourceMapping (SQS, Kinesis and DynamoDB stream sources).
// Observe: GetEventSourceMapping by its id (from state) and ListTags; before the
// id is known, ListEventSourceMappings by source and function. Create:
// CreateEventSourceMapping with the ownership tags; update:
// UpdateEventSourceMapping (all written settings, only when one differs) and the
// tagging calls; delete: DeleteEventSourceMapping.
extern const common::MakeProvider makeEventSourceMappingProvider;

}  // namespace driftless::lambda
