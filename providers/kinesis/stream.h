#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::kinesis {

// AWS::Kinesis::Stream over the Kinesis JSON protocol. Identity: the stream
// name. Observe: DescribeStreamSummary and ListTagsForStream (2 calls); a stream
// CREATING or UPDATING is reported with that status, one DELETING is absent.
// Create and every change that puts the stream in UPDATING wait (bounded) until
// it is ACTIVE again, as Kinesis accepts one change at a time. Recreating a
// name whose stream is still DELETING is a wait, not a failure.
extern const common::MakeProvider makeStreamProvider;

}  // namespace driftless::kinesis
