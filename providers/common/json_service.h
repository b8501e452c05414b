#pragma once
// Calls and tagging over the JSON protocol (EventBridge, KMS, Secrets Manager,
// ...): the services differ only in the operation names, the field naming the
// resource and the key/value field names of a tag, so each declares that as data.
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "providers/asio.h"
#include "providers/common/tags.h"
#include "providers/error.h"
#include "providers/provider.h"

namespace driftless::common {

// A random idempotency token (32 hex characters) for the requests that take
// one (ClientRequestToken, ClientToken): raw requests must send their own.
std::string requestToken();

// One JSON-protocol call, its error classified with "<service>:<operation>" as
// the IAM action (the services whose IAM prefix is their client name).
Awaitable<Result<Value>> jsonCall(aws::Client& client, std::string_view service,
                                  std::string_view operation, const Value& body);

// The JSON-protocol delete `operation` of the resource `field` names ({"Name": name}):
// done, also when the resource is already gone.
Awaitable<Result<void>> jsonDelete(aws::Client& client, std::string_view service,
                                   std::string_view operation, std::string_view field,
                                   const std::string& name);

struct JsonTagApi {
  std::string service;               // "events": the Client's service name
  std::string idField;               // the request field naming the resource ("ResourceARN")
  std::string keyField = "Key";      // KMS: "TagKey"
  std::string valueField = "Value";  // KMS: "TagValue"
  std::string tagOperation = "TagResource";
  std::string untagOperation = "UntagResource";
  bool tagsAsMap = false;          // Kinesis: Tags is {key: value} in requests (lists in answers)
  std::string tagsField = "Tags";  // Step Functions: "tags"
  std::string keysField = "TagKeys";                  // Step Functions: "tagKeys"
  std::string listOperation = "ListTagsForResource";  // Kinesis: "ListTagsForStream"
};

// The lowerCamelCase spelling (Step Functions, CloudWatch Logs): resourceArn,
// tags as [{key, value}] (or, `asMap`, a {key: value} map), tagKeys.
JsonTagApi lowerCamelTags(std::string service, bool asMap = false);

// {Key: Value} → the service's tag list ([{Key, Value}] or [{TagKey, TagValue}])
// or, with tagsAsMap, the map itself.
Value serviceTagList(const JsonTagApi& api, const Value::Object& tags);
// The tags a create call sends for `desired`: the manifest's and the ownership
// tags (common::createTags), in the service's shape.
Value creationTags(const JsonTagApi& api, const ProviderContext& ctx, const Desired& desired);
// The service's tag list → the manifest's [{Key, Value}], sorted by key.
Value manifestTags(const JsonTagApi& api, const Value* serviceTags);

// The resource's tags (`listOperation` of `id`) as the manifest's [{Key, Value}],
// sorted by key; the call's error (NotFound when the resource is gone) as is.
Awaitable<Result<Value>> listTags(aws::Client& client, const JsonTagApi& api,
                                  const std::string& id);

// How a service sends one JSON call (`operation`, `body`): its own error
// context, or jsonCall's.
using JsonSend = std::function<Awaitable<Result<Value>>(std::string_view, const Value&)>;

// Sends `change` (the api's tag then untag call, only what is non-empty), each
// request `target` (the fields naming the resource) with the tags or keys.
Awaitable<Result<void>> sendTagChange(const JsonTagApi& api, const Value& target,
                                      const TagChange& change, const JsonSend& send);

// Sends `change` (TagResource then UntagResource, only what is non-empty).
// Errors are classified with the operation as the IAM action ("events:TagResource").
Awaitable<Result<void>> applyTagChange(aws::Client& client, const JsonTagApi& api,
                                       const std::string& id, const TagChange& change);

// tagUpdate (tags.h) + applyTagChange: the tags update() sends for `id`.
Awaitable<Result<void>> updateTags(const ProviderContext& ctx, const JsonTagApi& api,
                                   const std::string& id, const Desired& desired,
                                   const Observed& live, const Delta& delta);

// A JsonSend of `service` whose errors are classified with "<service>:<operation>"
// and prefixed by `resource` (withContext: "log group app: ...").
JsonSend contextSend(aws::Client& client, std::string service, std::string resource);

// tagUpdate + sendTagChange with `target` naming the resource, sent by `send`.
Awaitable<Result<void>> updateTags(const ProviderContext& ctx, const JsonTagApi& api,
                                   const Value& target, const JsonSend& send,
                                   const Desired& desired, const Observed& live,
                                   const Delta& delta);

// What observe() answers for a failed read: absent when the error says the
// resource is not there, else the error.
Result<Observed> absentOr(const Error& e);

// The schema comparison of Provider::diff without `ignored`: properties that
// only steer a call (a deletion window, a one-time generator) and are never
// observed, so they never count as drift.
Delta diffIgnoring(const TypeInfo& info, const Desired& desired, const Observed& live,
                   std::span<const std::string_view> ignored);

}  // namespace driftless::common
