#pragma once
// EventBridge tags any of its resources by ARN with the same calls.
#include <string>

#include "providers/asio.h"
#include "providers/common/json_service.h"

namespace driftless::events {

inline const common::JsonTagApi kTagApi{.service = "events", .idField = "ResourceARN"};

// ListTagsForResource of `arn` as the manifest's [{Key, Value}]; an error of
// kind NotFound when the resource is gone (deleted since it was described).
Awaitable<Result<Value>> listTags(aws::Client& client, const std::string& arn);

}  // namespace driftless::events
