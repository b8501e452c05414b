#include "providers/logs/log_filter.h"

#include "providers/common/call.h"
#include "providers/common/errors.h"

namespace driftless::logs {

Awaitable<Result<Observed>> LogFilterProvider::observe(const Desired& desired) {
  const std::string group = text(desired, "LogGroupName");
  const std::string n = name(desired);
  co_return co_await read(group, n);
}

Awaitable<Result<Observed>> LogFilterProvider::create(const Desired& desired) {
  const std::string group = text(desired, "LogGroupName");
  const std::string n = name(desired);
  Value b = Value::object();
  b["logGroupName"] = Value(group);
  b["filterName"] = Value(n);
  toApi(desired.properties, b);
  if (auto r = co_await call(api_.put, std::move(b), n); !r) co_return fail(r.error());
  co_return co_await read(group, n);
}

Awaitable<Result<Observed>> LogFilterProvider::update(const Desired& desired, const Observed&,
                                                      const Delta&) {
  co_return co_await create(desired);
}

Awaitable<Result<void>> LogFilterProvider::remove(const Desired& desired, const Observed&) {
  const std::string n = name(desired);
  Value b = Value::object();
  b["logGroupName"] = Value(text(desired, "LogGroupName"));
  b["filterName"] = Value(n);
  auto r = co_await call(api_.remove, std::move(b), n);
  co_return common::deleted(r);
}

std::string LogFilterProvider::text(const Desired& d, std::string_view property) {
  const Value* v = d.properties.find(property);
  return v ? v->scalarText() : std::string();
}

Awaitable<Result<Value>> LogFilterProvider::call(std::string_view op, Value body,
                                                 const std::string& n) {
  auto r = co_await common::json(*ctx_.aws, "logs", op, std::move(body));
  if (!r)
    co_return fail(common::withContext(r.error(), "logs:" + std::string(op),
                                       std::string(api_.noun) + " " + n));
  co_return std::move(*r);
}

Awaitable<Result<Observed>> LogFilterProvider::read(const std::string& group,
                                                    const std::string& n) {
  Value b = Value::object();
  b["logGroupName"] = Value(group);
  b["filterNamePrefix"] = Value(n);
  auto r = co_await call(api_.describe, std::move(b), n);
  if (!r) {
    if (common::isNotFound(r.error())) co_return Observed{};  // the log group is gone
    co_return fail(r.error());
  }
  Observed o;
  const Value* filters = r->find(api_.list);
  for (const auto& f : filters && filters->isArray() ? filters->asArray() : Value::Array{}) {
    const Value* fn = f.find("filterName");
    if (!fn || fn->scalarText() != n) continue;
    o = common::found(n);
    o.properties["FilterName"] = Value(n);
    o.properties["LogGroupName"] = Value(group);
    fromApi(f, o.properties);
  }
  co_return o;
}

}  // namespace driftless::logs
