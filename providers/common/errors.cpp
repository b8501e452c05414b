#include "providers/common/errors.h"

#include <string>

namespace driftless::common {

namespace {

constexpr std::string_view kNotFoundCodes[] = {
    "NoSuchBucket",       "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
    "NotFound",           "NotFoundException", "ResourceNotFoundException",
    "NoSuchBucketPolicy", "NoSuchEntity",      "404",
};
constexpr std::string_view kConflictCodes[] = {
    "BucketAlreadyExists",    "QueueAlreadyExists",          "QueueNameExists",
    "ResourceInUseException", "TableAlreadyExistsException",
};
constexpr std::string_view kThrottleCodes[] = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
    "SlowDown",
    "RequestThrottled",
    "LimitExceededException",
};

bool in(std::string_view code, const auto& list) {
  for (auto c : list)
    if (c == code) return true;
  return false;
}

}  // namespace

bool hasCode(const Error& e, std::initializer_list<std::string_view> codes) {
  for (auto c : codes)
    if (e.code == c) return true;
  return false;
}

bool isNotFound(const Error& e) {
  return e.kind == ErrorKind::NotFound || in(e.code, kNotFoundCodes);
}

Error classify(Error e, std::string_view action) {
  if (in(e.code, kNotFoundCodes)) {
    e.kind = ErrorKind::NotFound;
  } else if (in(e.code, kConflictCodes)) {
    e.kind = ErrorKind::Conflict;
  } else if (in(e.code, kThrottleCodes) || e.httpStatus == 429) {
    e.kind = ErrorKind::Throttled;
  } else if (e.code == "AccessDenied" || e.code == "AccessDeniedException" ||
             e.code == "AuthorizationError" || e.code == "AuthorizationErrorException") {
    e.kind = ErrorKind::Invalid;
    std::string prefix = "access denied for " + std::string(action);
    if (e.message.find(action) == std::string::npos)
      e.message = prefix + (e.message.empty() ? "" : ": " + e.message);
  }
  return e;
}

}  // namespace driftless::common
