#pragma once
// One Lambda REST-JSON call, errors classified by the kit (common::classify),
// for the Lambda wiring types (permission, event source mapping, version, alias,
// layer version).
#include <string>
#include <string_view>

#include "providers/asio.h"
#include "providers/aws/client.h"
#include "providers/error.h"
#include "providers/value.h"

namespace driftless::lambda::api {

// Sends `req` as operation `op` ("GetPolicy").
Awaitable<Result<aws::HttpResponse>> send(aws::Client& client, std::string_view op,
                                          aws::RestRequest req);

// `method` `path` with `body` as JSON (none for GET and DELETE); the response
// body parsed ({} when empty). `path` must be a named value (GCC 12: no
// temporaries in co_await operands).
Awaitable<Result<Value>> call(aws::Client& client, std::string_view op, std::string_view method,
                              const std::string& path, const Value& body);

}  // namespace driftless::lambda::api
