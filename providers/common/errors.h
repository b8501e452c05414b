#pragma once
// The error policy shared by the providers: which AWS codes mean "absent",
// which are a conflict, and which are the user's to fix. The AWS client already
// classifies by code and HTTP status; providers pass every error through here so
// the kinds the reconciler schedules on are the same for every service.
#include <initializer_list>
#include <string_view>

#include "providers/error.h"

namespace driftless::common {

// NoSuchBucket, QueueDoesNotExist, NotFound, ResourceNotFoundException, ... (or kind NotFound).
bool isNotFound(const Error& e);
bool hasCode(const Error& e, std::initializer_list<std::string_view> codes);

// Applies the providers' mapping: not-found codes → NotFound; BucketAlreadyExists
// and *AlreadyExists/ResourceInUse → Conflict; AccessDenied → Invalid naming the
// IAM action; throttling codes → Throttled. `action` is "s3:PutBucketVersioning".
Error classify(Error e, std::string_view action);

}  // namespace driftless::common
