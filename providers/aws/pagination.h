#pragma once
// Walking paginated AWS list calls. Each helper calls `onPage` for every page
// in order and stops early when it returns false; the request is re-sent with
// the service's continuation token until the service stops returning one.
// A failed page ends the walk with that page's Error.
#include <functional>
#include <string>

#include "providers/aws/client.h"

namespace driftless::aws {

// JSON protocols (SQS, DynamoDB, Logs, SSM): the output's `outputToken`
// ("NextToken", "nextToken", "LastEvaluatedTableName", ...) is sent back as
// the request's `inputToken` (defaults to the same name).
Awaitable<Result<int>> forEachJsonPage(Client& client, std::string service, std::string operation,
                                       Value request, std::string outputToken,
                                       std::function<bool(const Value& page)> onPage,
                                       std::string inputToken = "");

// Query protocol (IAM's IsTruncated + Marker, SNS's NextToken): while the
// result's `<IsTruncated>` is true (IAM) or a `<NextToken>`/`<Marker>` is present,
// the next request carries it as `inputToken` ("Marker" or "NextToken").
Awaitable<Result<int>> forEachQueryPage(Client& client, std::string service, std::string action,
                                        Params params, std::string inputToken,
                                        std::function<bool(const Xml& page)> onPage);

}  // namespace driftless::aws
