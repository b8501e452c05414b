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

// A qualified sub-resource of a version or alias (`function` unqualified,
// `qualifier` the version number or alias name).
struct Qualified {
  std::string function;
  std::string qualifier;
};

// ProvisionedConcurrencyConfig {ProvisionedConcurrentExecutions}: put when
// `config` is given (nothing otherwise).
Awaitable<Result<void>> putProvisionedConcurrency(aws::Client& client, const Qualified& q,
                                                  const Value* config);
// The requested provisioned concurrency in manifest shape; null when none.
Awaitable<Result<Value>> readProvisionedConcurrency(aws::Client& client, const Qualified& q);

// A version's RuntimePolicy {UpdateRuntimeOn, RuntimeVersionArn}
// (PutRuntimeManagementConfig/GetRuntimeManagementConfig with the qualifier).
Awaitable<Result<void>> putRuntimePolicy(aws::Client& client, const Qualified& q,
                                         const Value* policy);
Awaitable<Result<Value>> readRuntimePolicy(aws::Client& client, const Qualified& q);

// A version's FunctionScalingConfig {MinExecutionEnvironments,
// MaxExecutionEnvironments} (Lambda Managed Instances: PutFunctionScalingConfig,
// and the requested configuration GetFunctionScalingConfig answers; null when none).
Awaitable<Result<void>> putFunctionScaling(aws::Client& client, const Qualified& q,
                                           const Value* config);
Awaitable<Result<Value>> readFunctionScaling(aws::Client& client, const Qualified& q);

}  // namespace driftless::lambda::api
