#include "providers/aws/errors.h"

#include <array>

#include <pugixml.hpp>

namespace driftless::aws {
namespace {

constexpr std::array<std::string_view, 13> kThrottling = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
};

constexpr std::array<std::string_view, 9> kTransient = {
    "RequestTimeout",
    "RequestTimeoutException",
    "InternalError",
    "InternalFailure",
    "InternalServerError",
    "ServiceUnavailable",
    "ServiceUnavailableException",
    "ConnectionError",
    "RequestTimeTooSkewed",
};

// The generic table: the codes of every service, and those of the calls the
// controller and the state store make themselves (S3 objects, the SQS event
// queue, IAM entities, SSM parameters). A provider's service adds its own
// codes as data in its folder (ErrorCodes, applied by providers/common/errors.h).
constexpr std::array<std::string_view, 8> kNotFound = {
    "NoSuchBucket",
    "NoSuchKey",
    "QueueDoesNotExist",
    "AWS.SimpleQueueService.NonExistentQueue",
    "NotFound",
    "NoSuchEntity",
    "ResourceNotFoundException",
    "ParameterNotFound",
};

constexpr std::array<std::string_view, 6> kConflict = {
    "PreconditionFailed",     "ConditionalRequestConflict", "ConditionalCheckFailedException",
    "ResourceInUseException", "ResourceConflictException",  "ConflictException",
};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view code) {
  for (auto c : list)
    if (c == code) return true;
  return false;
}

std::string_view trimView(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

// The first element named `name` anywhere below `node` (error bodies nest it
// at different depths: <ErrorResponse><Error><Code>, <Error><Code>, <Response><Errors>...).
pugi::xml_node findDeep(pugi::xml_node node, const char* name) {
  return node.find_node([name](pugi::xml_node n) {
    return n.type() == pugi::node_element && std::string_view(n.name()) == name;
  });
}

std::string codeForStatus(int status) {
  switch (status) {
    case 400:
      return "BadRequest";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "NotFound";
    case 405:
      return "MethodNotAllowed";
    case 409:
      return "Conflict";
    case 412:
      return "PreconditionFailed";
    case 429:
      return "TooManyRequests";
    case 500:
      return "InternalError";
    case 503:
      return "ServiceUnavailable";
    default:
      return "Http" + std::to_string(status);
  }
}

}  // namespace

bool isThrottlingCode(std::string_view code) {
  return in(kThrottling, code);
}
bool isTransientCode(std::string_view code) {
  return in(kTransient, code);
}

ErrorKind errorKindFor(std::string_view code, int httpStatus) {
  if (httpStatus == 429 || isThrottlingCode(code)) return ErrorKind::Throttled;
  if (httpStatus == 0 || httpStatus >= 500 || isTransientCode(code)) return ErrorKind::Transient;
  if (in(kNotFound, code) || httpStatus == 404) return ErrorKind::NotFound;
  if (in(kConflict, code) || httpStatus == 409 || httpStatus == 412) return ErrorKind::Conflict;
  return ErrorKind::Invalid;
}

std::string_view sanitizeErrorCode(std::string_view code) {
  code = trimView(code);
  if (auto colon = code.find(':'); colon != std::string_view::npos) code = code.substr(0, colon);
  if (auto hash = code.rfind('#'); hash != std::string_view::npos) code = code.substr(hash + 1);
  return trimView(code);
}

std::string requestIdOf(const HttpResponse& response) {
  for (auto name : {"x-amzn-requestid", "x-amz-request-id", "x-amzn-request-id"})
    if (auto v = response.header(name); v && !v->empty()) return std::string(*v);
  return "";
}

Error parseErrorResponse(std::string_view service, std::string_view operation,
                         const HttpResponse& response) {
  Error e;
  e.httpStatus = response.status;
  e.requestId = requestIdOf(response);
  std::string code;
  std::string message;
  std::string_view body = trimView(response.body);
  if (!body.empty() && body.front() == '<') {
    pugi::xml_document doc;
    if (doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8)) {
      code = findDeep(doc, "Code").text().as_string();
      message = findDeep(doc, "Message").text().as_string();
      std::string rid = findDeep(doc, "RequestId").text().as_string();
      if (rid.empty()) rid = findDeep(doc, "RequestID").text().as_string();
      if (e.requestId.empty()) e.requestId = rid;
    }
  } else if (!body.empty() && body.front() == '{') {
    if (auto v = Value::fromJson(body); v && v->isObject()) {
      for (auto key : {"__type", "code", "Code", "Type"})
        if (auto* f = v->find(key); f && f->isString() && !f->asString().empty()) {
          code = f->asString();
          break;
        }
      for (auto key : {"message", "Message", "errorMessage"})
        if (auto* f = v->find(key); f && f->isString()) {
          message = f->asString();
          break;
        }
    }
  }
  // rest-json services name the error in a header; it wins over a body "Type"
  if (auto h = response.header("x-amzn-errortype"); h && !h->empty()) code = std::string(*h);
  code = std::string(sanitizeErrorCode(code));
  if (code.empty()) code = codeForStatus(response.status);
  e.code = code;
  e.kind = errorKindFor(code, response.status);
  if (message.empty()) message = "HTTP " + std::to_string(response.status);
  e.message = std::string(service) + ":" + std::string(operation) + ": " + message;
  return e;
}

}  // namespace driftless::aws
