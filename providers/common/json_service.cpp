#include "providers/common/json_service.h"

#include <random>

#include "providers/aws/client.h"
#include "providers/common/errors.h"
#include "providers/compare.h"

namespace driftless::common {

Awaitable<Result<Value>> jsonCall(aws::Client& client, std::string_view service,
                                  std::string_view operation, const Value& body) {
  auto r = co_await client.json(service, operation, body);
  if (!r) co_return fail(classify(r.error(), std::string(service) + ":" + std::string(operation)));
  co_return r;
}

Awaitable<Result<void>> jsonDelete(aws::Client& client, std::string_view service,
                                   std::string_view operation, std::string_view field,
                                   const std::string& name) {
  Value body = Value::object();
  body[field] = Value(name);
  auto r = co_await jsonCall(client, service, operation, body);
  co_return deleted(r);
}

JsonTagApi lowerCamelTags(std::string service, bool asMap) {
  return {.service = std::move(service),
          .idField = "resourceArn",
          .keyField = "key",
          .valueField = "value",
          .tagsAsMap = asMap,
          .tagsField = "tags",
          .keysField = "tagKeys"};
}

Value creationTags(const JsonTagApi& api, const ProviderContext& ctx, const Desired& desired) {
  return serviceTagList(api,
                        createTags(desired.properties.find("Tags"), ctx.ownershipTags(desired.id)));
}

Value serviceTagList(const JsonTagApi& api, const Value::Object& tags) {
  if (api.tagsAsMap) return Value(tags);
  Value out = Value::array();
  for (const auto& [k, v] : tags) {
    Value t = Value::object();
    t[api.keyField] = Value(k);
    t[api.valueField] = Value(v.scalarText());
    out.push(std::move(t));
  }
  return out;
}

Value manifestTags(const JsonTagApi& api, const Value* serviceTags) {
  Value::Object map;
  if (serviceTags && serviceTags->isArray())
    for (const auto& t : serviceTags->asArray()) {
      const Value* k = t.find(api.keyField);
      const Value* v = t.find(api.valueField);
      if (k) map.insert_or_assign(k->scalarText(), Value(v ? v->scalarText() : ""));
    }
  return tagList(map);
}

Awaitable<Result<void>> sendTagChange(const JsonTagApi& api, const Value& target,
                                      const TagChange& change, const JsonSend& send) {
  if (!change.set.empty()) {
    Value body = target;
    body[api.tagsField] = serviceTagList(api, change.set);
    auto r = co_await send(api.tagOperation, body);
    if (!r) co_return fail(r.error());
  }
  if (!change.remove.empty()) {
    Value body = target;
    Value keys = Value::array();
    for (const auto& k : change.remove)
      keys.push(Value(k));
    body[api.keysField] = std::move(keys);
    auto r = co_await send(api.untagOperation, body);
    if (!r) co_return fail(r.error());
  }
  co_return Result<void>{};
}

Awaitable<Result<void>> applyTagChange(aws::Client& client, const JsonTagApi& api,
                                       const std::string& id, const TagChange& change) {
  Value target = Value::object();
  target[api.idField] = Value(id);
  const JsonSend send = [&client, &api](std::string_view op, const Value& body) {
    return jsonCall(client, api.service, op, body);
  };
  co_return co_await sendTagChange(api, target, change, send);
}

Awaitable<Result<void>> updateTags(const ProviderContext& ctx, const JsonTagApi& api,
                                   const std::string& id, const Desired& desired,
                                   const Observed& live, const Delta& delta) {
  TagChange change = tagUpdate(ctx, desired, live, delta);
  co_return co_await applyTagChange(*ctx.aws, api, id, change);
}

namespace {

// The coroutine owns copies of `service` and `resource`: a JsonSend's lambda
// may be gone before the call it returns is awaited.
Awaitable<Result<Value>> callWithContext(aws::Client& client, std::string service,
                                         std::string resource, std::string_view op,
                                         const Value& body) {
  auto r = co_await client.json(service, op, body);
  if (!r) co_return fail(withContext(r.error(), service + ":" + std::string(op), resource));
  co_return std::move(*r);
}

}  // namespace

JsonSend contextSend(aws::Client& client, std::string service, std::string resource) {
  return [&client, service = std::move(service), resource = std::move(resource)](
             std::string_view op, const Value& body) {
    return callWithContext(client, service, resource, op, body);
  };
}

Awaitable<Result<void>> updateTags(const ProviderContext& ctx, const JsonTagApi& api,
                                   const Value& target, const JsonSend& send,
                                   const Desired& desired, const Observed& live,
                                   const Delta& delta) {
  TagChange change = tagUpdate(ctx, desired, live, delta);
  co_return co_await sendTagChange(api, target, change, send);
}

std::string requestToken() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i)
    out += kHex[rng() % 16];
  return out;
}

Result<Observed> absentOr(const Error& e) {
  if (isNotFound(e)) return Observed{};
  return fail(e);
}

Awaitable<Result<Value>> listTags(aws::Client& client, const JsonTagApi& api,
                                  const std::string& id) {
  Value request = Value::object();
  request[api.idField] = Value(id);
  auto r = co_await jsonCall(client, api.service, api.listOperation, request);
  if (!r) co_return fail(r.error());
  co_return manifestTags(api, r->find(api.tagsField));
}

Delta diffIgnoring(const TypeInfo& info, const Desired& desired, const Observed& live,
                   std::span<const std::string_view> ignored) {
  Properties compared = desired.properties;
  for (auto p : ignored)
    compared.erase(p);
  return compareProperties(info, compared, live.properties);
}

}  // namespace driftless::common
