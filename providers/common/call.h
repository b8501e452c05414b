#pragma once
// One AWS call as a provider makes it: the error, if any, is classified
// (common::classify) with the IAM action "<service>:<action>", so every
// provider reports the same kinds for the same codes.
#include <string_view>

#include "providers/aws/client.h"

namespace driftless::common {

Awaitable<Result<aws::Xml>> query(aws::Client& client, std::string_view service,
                                  std::string_view action, aws::Params params);
Awaitable<Result<Value>> json(aws::Client& client, std::string_view service,
                              std::string_view action, Value body);

}  // namespace driftless::common
