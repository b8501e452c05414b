#pragma once
// A resource policy written onto each of a list of parents (AWS::SQS::QueuePolicy
// on Queues, AWS::SNS::TopicPolicy on Topics): the type has no name and no tags of
// its own. Its physical id is the parents it was last applied to, joined with
// ",", so observe also reads the parents the manifest no longer lists and update
// takes the policy off them. Ownership is the parents' and the state entry's
// (TypeInfo::taggable false). A service derives and supplies three calls.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "providers/provider.h"

namespace driftless::common {

class AttachedPolicyProvider : public Provider {
 public:
  AttachedPolicyProvider(TypeInfo info, std::string listProperty)
      : info_(std::move(info)), list_(std::move(listProperty)) {}

  const TypeInfo& info() const override { return info_; }

  // One read per parent (the manifest's and the last applied ones). It exists
  // when any parent holds a policy; the list property shows those that do
  // (manifest order first); PolicyDocument the first live document that differs
  // from the manifest's (or the manifest's, when all hold it).
  Awaitable<Result<Observed>> observe(const Desired& desired) override;
  Awaitable<Result<Observed>> create(const Desired& desired) override;
  // Writes the document to every listed parent when it differs, else only to
  // those missing it; takes it off the parents no longer listed.
  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override;
  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override;

 protected:
  // The parent's policy document; nullopt when it holds none or does not exist.
  virtual Awaitable<Result<std::optional<Value>>> readPolicy(const std::string& parent) = 0;
  virtual Awaitable<Result<void>> writePolicy(const std::string& parent,
                                              const std::string& text) = 0;
  // Takes the policy off; an absent parent is success.
  virtual Awaitable<Result<void>> detachPolicy(const std::string& parent) = 0;

 private:
  Awaitable<Result<Observed>> reread(const Desired& desired);

  TypeInfo info_;
  std::string list_;
};

}  // namespace driftless::common
