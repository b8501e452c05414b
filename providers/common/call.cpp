#include "providers/common/call.h"

#include <string>

#include "providers/common/errors.h"

namespace driftless::common {

namespace {
std::string actionOf(std::string_view service, std::string_view action) {
  return std::string(service) + ":" + std::string(action);
}
}  // namespace

Awaitable<Result<aws::Xml>> query(aws::Client& client, std::string_view service,
                                  std::string_view action, aws::Params params) {
  auto r = co_await client.query(service, action, std::move(params));
  if (!r) co_return fail(classify(r.error(), actionOf(service, action)));
  co_return r;
}

Awaitable<Result<Value>> json(aws::Client& client, std::string_view service,
                              std::string_view action, Value body) {
  auto r = co_await client.json(service, action, std::move(body));
  if (!r) co_return fail(classify(r.error(), actionOf(service, action)));
  co_return r;
}

}  // namespace driftless::common
