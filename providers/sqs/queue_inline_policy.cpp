#include "providers/sqs/queue_inline_policy.h"

#include "providers/common/validate.h"
#include "providers/sqs/queue_inline_policy_schema.h"
#include "providers/sqs/queue_policy.h"

namespace driftless::sqs {

namespace {

// QueuePolicy's calls on one queue, named by the Queue property.
class QueueInlinePolicyProvider final : public QueuePolicyProvider {
 public:
  explicit QueueInlinePolicyProvider(ProviderContext ctx)
      : QueuePolicyProvider(std::move(ctx), queueInlinePolicyTypeInfo(), "") {}

 protected:
  std::vector<std::string> parentKeys(const Properties& properties) const override {
    std::vector<std::string> out;
    if (auto url = common::stringLike(properties.find("Queue"))) out.push_back(*url);
    return out;
  }

  void showParent(Properties& live, const std::string& url) const override {
    if (!live.find("Queue")) live["Queue"] = Value(url);
  }
};

}  // namespace

const common::MakeProvider makeQueueInlinePolicyProvider = common::make<QueueInlinePolicyProvider>;

}  // namespace driftless::sqs
