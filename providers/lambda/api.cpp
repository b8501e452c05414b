#include "providers/lambda/api.h"

#include "providers/common/attributes.h"
#include "providers/common/errors.h"

namespace driftless::lambda::api {

Awaitable<Result<aws::HttpResponse>> send(aws::Client& client, std::string_view op,
                                          aws::RestRequest req) {
  req.operation = std::string(op);
  auto r = co_await client.rest("lambda", std::move(req));
  if (!r) co_return fail(common::classify(r.error(), "lambda:" + std::string(op)));
  co_return r;
}

namespace {

// Sends `req` and parses the JSON answer ({} when empty).
Awaitable<Result<Value>> sendJson(aws::Client& client, std::string_view op, aws::RestRequest req) {
  auto r = co_await send(client, op, std::move(req));
  if (!r) co_return fail(r.error());
  auto v = Value::fromJson(r->body.empty() ? "{}" : r->body);
  if (!v)
    co_return fail(ErrorKind::Transient, "lambda:" + std::string(op) + ": unreadable response");
  co_return std::move(*v);
}

}  // namespace

Awaitable<Result<Value>> call(aws::Client& client, std::string_view op, std::string_view method,
                              const std::string& path, const Value& body) {
  aws::RestRequest req;
  req.method = std::string(method);
  req.path = path;
  if (req.method != "GET" && req.method != "DELETE") {
    req.headers.emplace_back("Content-Type", "application/json");
    req.body = body.toJson();
  }
  co_return co_await sendJson(client, op, std::move(req));
}

namespace {

constexpr std::string_view kProvisioned = "/2019-09-30/functions/";
constexpr std::string_view kRuntime = "/2021-07-20/functions/";
constexpr std::string_view kScaling = "/2025-11-30/functions/";

Awaitable<Result<Value>> qualifiedCall(aws::Client& client, std::string_view op,
                                       std::string_view method, const std::string& path,
                                       const Qualified& q, const Value* body) {
  aws::RestRequest req;
  req.method = std::string(method);
  req.path = path;
  req.query.emplace_back("Qualifier", q.qualifier);
  if (body) {
    req.headers.emplace_back("Content-Type", "application/json");
    req.body = body->toJson();
  }
  co_return co_await sendJson(client, op, std::move(req));
}

}  // namespace

Awaitable<Result<void>> putProvisionedConcurrency(aws::Client& client, const Qualified& q,
                                                  const Value* config) {
  if (!config) co_return Result<void>{};
  Value body = Value::object();
  const Value* n = config->find("ProvisionedConcurrentExecutions");
  body["ProvisionedConcurrentExecutions"] =
      Value(static_cast<std::int64_t>(n ? std::stoll(n->scalarText()) : 0));
  const std::string path = std::string(kProvisioned) + q.function + "/provisioned-concurrency";
  auto r = co_await qualifiedCall(client, "PutProvisionedConcurrencyConfig", "PUT", path, q, &body);
  if (!r) co_return fail(r.error());
  co_return Result<void>{};
}

Awaitable<Result<Value>> readProvisionedConcurrency(aws::Client& client, const Qualified& q) {
  const std::string path = std::string(kProvisioned) + q.function + "/provisioned-concurrency";
  auto r =
      co_await qualifiedCall(client, "GetProvisionedConcurrencyConfig", "GET", path, q, nullptr);
  if (!r && (common::isNotFound(r.error()) ||
             r.error().code == "ProvisionedConcurrencyConfigNotFoundException"))
    co_return Value();
  if (!r) co_return fail(r.error());
  const Value* requested = r->find("RequestedProvisionedConcurrentExecutions");
  if (!requested) co_return Value();
  Value out = Value::object();
  out["ProvisionedConcurrentExecutions"] = *requested;
  co_return out;
}

Awaitable<Result<void>> putRuntimePolicy(aws::Client& client, const Qualified& q,
                                         const Value* policy) {
  if (!policy) co_return Result<void>{};
  const std::string path = std::string(kRuntime) + q.function + "/runtime-management-config";
  auto r = co_await qualifiedCall(client, "PutRuntimeManagementConfig", "PUT", path, q, policy);
  if (!r) co_return fail(r.error());
  co_return Result<void>{};
}

Awaitable<Result<Value>> readRuntimePolicy(aws::Client& client, const Qualified& q) {
  const std::string path = std::string(kRuntime) + q.function + "/runtime-management-config";
  auto r = co_await qualifiedCall(client, "GetRuntimeManagementConfig", "GET", path, q, nullptr);
  if (!r) co_return fail(r.error());
  Value out = Value::object();
  for (const char* k : {"UpdateRuntimeOn", "RuntimeVersionArn"})
    if (const Value* v = r->find(k); v && !v->isNull() && !v->scalarText().empty()) out[k] = *v;
  co_return out;
}

Awaitable<Result<void>> putFunctionScaling(aws::Client& client, const Qualified& q,
                                           const Value* config) {
  if (!config) co_return Result<void>{};
  Value scaling = Value::object();
  for (const char* k : {"MinExecutionEnvironments", "MaxExecutionEnvironments"})
    if (const Value* v = config->find(k)) scaling[k] = common::asJsonInt(*v).value_or(*v);
  Value body = Value::object();
  body["FunctionScalingConfig"] = std::move(scaling);
  const std::string path = std::string(kScaling) + q.function + "/function-scaling-config";
  auto r = co_await qualifiedCall(client, "PutFunctionScalingConfig", "PUT", path, q, &body);
  if (!r) co_return fail(r.error());
  co_return Result<void>{};
}

Awaitable<Result<Value>> readFunctionScaling(aws::Client& client, const Qualified& q) {
  const std::string path = std::string(kScaling) + q.function + "/function-scaling-config";
  auto r = co_await qualifiedCall(client, "GetFunctionScalingConfig", "GET", path, q, nullptr);
  if (!r && common::isNotFound(r.error())) co_return Value();
  if (!r) co_return fail(r.error());
  const Value* requested = r->find("RequestedFunctionScalingConfig");
  co_return requested && requested->isObject() ? *requested : Value();
}

}  // namespace driftless::lambda::api
