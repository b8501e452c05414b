#include "providers/lambda/api.h"

#include "providers/common/errors.h"

namespace driftless::lambda::api {

Awaitable<Result<aws::HttpResponse>> send(aws::Client& client, std::string_view op,
                                          aws::RestRequest req) {
  req.operation = std::string(op);
  auto r = co_await client.rest("lambda", std::move(req));
  if (!r) co_return fail(common::classify(r.error(), "lambda:" + std::string(op)));
  co_return r;
}

Awaitable<Result<Value>> call(aws::Client& client, std::string_view op, std::string_view method,
                              const std::string& path, const Value& body) {
  aws::RestRequest req;
  req.method = std::string(method);
  req.path = path;
  if (req.method != "GET" && req.method != "DELETE") {
    req.headers.emplace_back("Content-Type", "application/json");
    req.body = body.toJson();
  }
  auto r = co_await send(client, op, std::move(req));
  if (!r) co_return fail(r.error());
  auto v = Value::fromJson(r->body.empty() ? "{}" : r->body);
  if (!v)
    co_return fail(ErrorKind::Transient, "lambda:" + std::string(op) + ": unreadable response");
  co_return std::move(*v);
}

}  // namespace driftless::lambda::api
