#pragma once
// A policy document written onto each of a set of parents, with no name and no
// tags of its own: AWS::SQS::QueuePolicy (the Policy attribute of each queue in
// Queues), AWS::SNS::TopicPolicy (of each topic in Topics), AWS::IAM::Policy and
// AWS::IAM::RolePolicy (an inline policy of roles, users, groups). A parent is
// named by a key ("https://.../queue", "role/orders-fn/read-queue"). The physical
// id is the keys last applied, joined with "|", so observe also reads parents
// the manifest no longer lists and update takes the policy off them. Ownership
// is the parents' and the state entry's (TypeInfo::taggable false). A service
// derives and supplies the three calls (and, for other than one list property
// of keys, how properties and keys map).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "providers/common/provider_base.h"

namespace driftless::common {

// A policy on the parents one property lists (SQS's QueuePolicy on Queues,
// SNS's TopicPolicy on Topics), as data.
struct ListedPolicy {
  std::string type;                     // "AWS::SQS::QueuePolicy"
  std::string list;                     // "Queues": the parents' keys
  std::string what;                     // "queue URL": what a key is
  std::string parentType;               // "AWS::SQS::Queue"
  bool (*isKey)(std::string_view);      // a well-formed key
  std::vector<std::string> iamActions;  // reading and writing a parent's policy
};
// Its whole schema: `list` (required) and PolicyDocument (required). Validation:
// the list names at least one parent, each a key `isKey` accepts, else
// "<list>: "x" is not a <what> (use !Ref of the <parentType>)"; checkPolicyDocument.
TypeInfo listedPolicyTypeInfo(ListedPolicy policy);
// PolicyDocument, when a string, is a JSON document.
void checkPolicyDocument(const Properties& props, std::vector<std::string>& out);

class AttachedPolicyProvider : public ProviderBase {
 public:
  // `listProperty`: the property listing the parents' keys ("Queues"), if that is the mapping.
  AttachedPolicyProvider(ProviderContext ctx, TypeInfo info, std::string listProperty)
      : ProviderBase(std::move(ctx), std::move(info)), list_(std::move(listProperty)) {}

  // observe: one read per parent (the manifest's and the last applied ones).
  // It exists when any holds the policy; the properties show the parents that
  // do (manifest order first) and the first live document that differs from
  // the manifest's (or the manifest's, when all hold it). update writes the
  // document to every listed parent (the writes are idempotent) and takes it
  // off the parents no longer listed.
  DRIFTLESS_PROVIDER_OPERATIONS;

 protected:
  // The parent's policy document; nullopt when it holds none or does not exist.
  virtual Awaitable<Result<std::optional<Value>>> readPolicy(const std::string& key) = 0;
  virtual Awaitable<Result<void>> writePolicy(const std::string& key, const std::string& text) = 0;
  // Takes the policy off; an absent parent (or policy) is success.
  virtual Awaitable<Result<void>> detachPolicy(const std::string& key) = 0;

  // The manifest's parents as keys, in order. Default: the list property's values.
  virtual std::vector<std::string> parentKeys(const Properties& properties) const;
  // Adds a parent holding the policy to the live properties. Default: appends
  // the key to the list property.
  virtual void showParent(Properties& live, const std::string& key) const;

 private:
  Awaitable<Result<Observed>> reread(const Desired& desired);
  std::vector<std::string> keysToObserve(const Desired& desired) const;

  std::string list_;
};

}  // namespace driftless::common
