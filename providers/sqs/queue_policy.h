#pragma once
#include <memory>
#include <optional>
#include <string>

#include "providers/common/attached_policy.h"
#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::sqs {

// AWS::SQS::QueuePolicy: the `Policy` attribute of each queue in Queues.
// Observe: one GetQueueAttributes (Policy only) per queue; create/update:
// SetQueueAttributes; delete: SetQueueAttributes with an empty Policy.
extern const common::MakeProvider makeQueuePolicyProvider;

// The Policy attribute of queues named by URL: the three calls of every SQS
// policy type (AWS::SQS::QueuePolicy, AWS::SQS::QueueInlinePolicy).
class QueuePolicyProvider : public common::AttachedPolicyProvider {
 public:
  QueuePolicyProvider(ProviderContext ctx, TypeInfo info, std::string listProperty)
      : AttachedPolicyProvider(std::move(ctx), std::move(info), std::move(listProperty)) {}

 protected:
  Awaitable<Result<std::optional<Value>>> readPolicy(const std::string& url) override;
  Awaitable<Result<void>> writePolicy(const std::string& url, const std::string& text) override;
  // An empty Policy attribute removes the policy.
  Awaitable<Result<void>> detachPolicy(const std::string& url) override;

 private:
  Awaitable<Result<Value>> call(std::string_view op, const Value& body);
};

}  // namespace driftless::sqs
