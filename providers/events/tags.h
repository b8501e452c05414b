#pragma once
// EventBridge tags any of its resources by ARN with the same calls.
#include "providers/common/json_service.h"

namespace driftless::events {

inline const common::JsonTagApi kTagApi{.service = "events", .idField = "ResourceARN"};

}  // namespace driftless::events
