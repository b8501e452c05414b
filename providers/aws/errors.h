#pragma once
// Turning AWS error responses of every protocol into Error{kind, code, message,
// requestId, httpStatus}. The kind decides what happens next (retry, not found,
// conflict, give up), so it is derived from the code and status here, once.
#include <string_view>

#include "providers/aws/client.h"
#include "providers/error.h"

namespace driftless::aws {

// Throttling codes of the AWS SDKs' standard retry mode (and HTTP 429).
bool isThrottlingCode(std::string_view code);
// Transient codes: retried like 5xx.
bool isTransientCode(std::string_view code);

// The kind for an AWS error code and HTTP status (0 = no response).
ErrorKind errorKindFor(std::string_view code, int httpStatus);

// "com.amazonaws.sqs#QueueDoesNotExist" -> "QueueDoesNotExist",
// "ResourceNotFoundException:http://internal..." -> "ResourceNotFoundException".
std::string_view sanitizeErrorCode(std::string_view code);

// Parses a non-2xx response (XML <ErrorResponse>/<Error>, JSON __type/code,
// x-amzn-errortype, or no body at all) of `service`'s `operation`. Never fails:
// an unreadable body still gives an Error from the HTTP status. The message
// names the operation: "sqs:GetQueueUrl: The specified queue does not exist".
Error parseErrorResponse(std::string_view service, std::string_view operation,
                         const HttpResponse& response);

// The request id of a response (x-amzn-requestid, x-amz-request-id), empty if none.
std::string requestIdOf(const HttpResponse& response);

}  // namespace driftless::aws
