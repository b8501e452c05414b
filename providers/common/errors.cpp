#include "providers/common/errors.h"

#include <algorithm>
#include <map>
#include <string>

#include "providers/aws/errors.h"
#include "providers/builtin/builtin.h"

namespace driftless::common {

namespace {

constexpr std::string_view kAccessDeniedCodes[] = {
    "AccessDenied",       "AccessDeniedException",       "UnauthorizedOperation",
    "AuthorizationError", "AuthorizationErrorException", "UnrecognizedClientException",
};

bool in(std::string_view code, const auto& list) {
  return std::find(std::begin(list), std::end(list), code) != std::end(list);
}

// service ("sqs") -> the error codes its registered types declare.
const std::map<std::string, ErrorCodes, std::less<>>& serviceCodes() {
  static const auto table = [] {
    std::map<std::string, ErrorCodes, std::less<>> out;
    const Registry& registry = builtinRegistry();
    for (const auto& type : registry.types()) {
      const TypeInfo* info = registry.info(type);
      ErrorCodes& codes = out[info->service];
      for (auto [from, to] : {std::pair{&info->errors.notFound, &codes.notFound},
                              std::pair{&info->errors.conflict, &codes.conflict},
                              std::pair{&info->errors.throttling, &codes.throttling}})
        for (const auto& c : *from)
          if (!in(c, *to)) to->push_back(c);
    }
    return out;
  }();
  return table;
}

const ErrorCodes& codesOf(std::string_view action) {
  static const ErrorCodes kNone;
  const auto& table = serviceCodes();
  auto it = table.find(action.substr(0, action.find(':')));
  return it == table.end() ? kNone : it->second;
}

}  // namespace

bool hasCode(const Error& e, std::initializer_list<std::string_view> codes) {
  return in(e.code, codes);
}

bool isNotFound(const Error& e) {
  if (e.kind == ErrorKind::NotFound) return true;
  for (const auto& [service, codes] : serviceCodes())
    if (in(e.code, codes.notFound)) return true;
  return false;
}

Error classify(Error e, std::string_view action, const ErrorCodes& codes) {
  if (e.httpStatus != 0 && e.kind != ErrorKind::Waiting)
    e.kind = aws::errorKindFor(e.code, e.httpStatus);
  if (in(e.code, codes.notFound)) {
    e.kind = ErrorKind::NotFound;
  } else if (in(e.code, codes.conflict)) {
    e.kind = ErrorKind::Conflict;
  } else if (in(e.code, codes.throttling)) {
    e.kind = ErrorKind::Throttled;
  } else if (in(e.code, kAccessDeniedCodes) ||
             (e.httpStatus == 403 && e.kind == ErrorKind::Invalid)) {
    e.kind = ErrorKind::Invalid;
    std::string prefix = "access denied for " + std::string(action);
    if (!e.message.starts_with(prefix))
      e.message = prefix + (e.message.empty() ? "" : ": " + e.message);
  }
  return e;
}

Error classify(Error e, std::string_view action) {
  return classify(std::move(e), action, codesOf(action));
}

Error withContext(Error e, std::string_view action, std::string_view resource) {
  e = classify(std::move(e), action);
  e.message = std::string(resource) + ": " + e.message;
  return e;
}

}  // namespace driftless::common
