#include "providers/sqs/queue_policy.h"

#include "providers/aws/client.h"
#include "providers/common/attributes.h"
#include "providers/common/call.h"
#include "providers/common/errors.h"
#include "providers/sqs/queue_policy_schema.h"

namespace driftless::sqs {

Awaitable<Result<std::optional<Value>>> QueuePolicyProvider::readPolicy(const std::string& url) {
  std::optional<Value> out;
  Value body = Value::object();
  body["QueueUrl"] = Value(url);
  Value names = Value::array();
  names.push(Value("Policy"));
  body["AttributeNames"] = std::move(names);
  auto r = co_await call("GetQueueAttributes", body);
  if (!r && !common::isNotFound(r.error())) co_return fail(r.error());
  const Value* p = r ? r->findPath("Attributes.Policy") : nullptr;
  if (p && !p->scalarText().empty()) out = common::parseJsonAttribute(p->scalarText());
  co_return out;
}

Awaitable<Result<void>> QueuePolicyProvider::writePolicy(const std::string& url,
                                                         const std::string& text) {
  Value body = Value::object();
  body["QueueUrl"] = Value(url);
  Value attrs = Value::object();
  attrs["Policy"] = Value(text);
  body["Attributes"] = std::move(attrs);
  auto r = co_await call("SetQueueAttributes", body);
  if (!r) co_return fail(r.error());
  co_return Result<void>{};
}

Awaitable<Result<void>> QueuePolicyProvider::detachPolicy(const std::string& url) {
  const std::string none;
  auto r = co_await writePolicy(url, none);
  co_return common::deleted(r);
}

Awaitable<Result<Value>> QueuePolicyProvider::call(std::string_view op, const Value& body) {
  Value request = body;
  co_return co_await common::json(*ctx_.aws, "sqs", op, std::move(request));
}

namespace {
std::unique_ptr<Provider> makeQueuePolicy(const ProviderContext& ctx) {
  return std::make_unique<QueuePolicyProvider>(ctx, queuePolicyTypeInfo(), "Queues");
}
}  // namespace

const common::MakeProvider makeQueuePolicyProvider = makeQueuePolicy;

}  // namespace driftless::sqs
