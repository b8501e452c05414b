#pragma once
// The one place a provider turns an AWS error into the Error the reconciler
// schedules on. The AWS client has already classified it by the generic codes
// and the HTTP status (providers/aws/errors.cpp); here the service's own codes
// (ErrorCodes, declared as data in its folder's register.cpp) and the
// access-denied rule are applied, the same for every service.
#include <initializer_list>
#include <string_view>

#include "providers/error.h"
#include "providers/type_info.h"

namespace driftless::common {

// Kind NotFound (after classify), or a not-found code of any registered service.
bool isNotFound(const Error& e);
bool hasCode(const Error& e, std::initializer_list<std::string_view> codes);

// `action` is the IAM action of the call ("s3:PutBucketVersioning"). An HTTP
// error is kinded by the generic table, then by `codes` (not found, conflict,
// throttling); AccessDenied and its cousins (UnrecognizedClientException, any
// 403) become Invalid with a message naming the action the controller's IAM
// policy must allow. Idempotent.
Error classify(Error e, std::string_view action, const ErrorCodes& codes);
// The same with the codes of the service the action belongs to (the prefix
// before ':'), as its registered types declare them.
Error classify(Error e, std::string_view action);

// A delete's outcome: done, also when the resource was already gone.
template <typename T>
Result<void> deleted(const Result<T>& r) {
  if (!r && !isNotFound(r.error())) return fail(r.error());
  return {};
}

// The same, also done when the error is one of `alsoDone` (a resource already
// pending deletion, a service's own not-found code).
template <typename T>
Result<void> deleted(const Result<T>& r, std::initializer_list<std::string_view> alsoDone) {
  if (!r && !isNotFound(r.error()) && !hasCode(r.error(), alsoDone)) return fail(r.error());
  return {};
}

// classify, with the message prefixed by the resource: "role app: ...".
Error withContext(Error e, std::string_view action, std::string_view resource);

}  // namespace driftless::common
