#include "providers/kms/alias.h"

#include "providers/aws/client.h"
#include "providers/common/errors.h"
#include "providers/common/json_provider.h"
#include "providers/common/json_service.h"
#include "providers/common/provider_base.h"
#include "providers/kms/schema.h"

namespace driftless::kms {

namespace {

class AliasProvider final : public common::JsonProvider<common::ProviderBase> {
 public:
  explicit AliasProvider(ProviderContext ctx)
      : JsonProvider("kms", std::move(ctx), aliasTypeInfo()) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    Value body = Value::object();
    body["KeyId"] = Value(this->name(desired));
    auto key = co_await call("DescribeKey", body);
    if (!key) co_return common::absentOr(key.error());
    Observed o;
    o.exists = true;
    o.physicalId = this->name(desired);
    o.properties["AliasName"] = Value(o.physicalId);
    const Value* target = desired.properties.find("TargetKeyId");
    bool asArn = target && target->isString() && target->asString().starts_with("arn:");
    if (const Value* v = key->findPath(asArn ? "KeyMetadata.Arn" : "KeyMetadata.KeyId"))
      o.properties["TargetKeyId"] = *v;
    co_return o;
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    auto r = co_await point("CreateAlias", desired);
    if (!r) co_return fail(r.error());
    co_return co_await observe(desired);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed&,
                                     const Delta&) override {
    auto r = co_await point("UpdateAlias", desired);
    if (!r) co_return fail(r.error());
    co_return co_await observe(desired);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    co_return co_await removeNamed("DeleteAlias", "AliasName", desired, live);
  }

 private:
  // CreateAlias / UpdateAlias: the alias to the manifest's key.
  Awaitable<Result<Value>> point(std::string_view op, const Desired& d) {
    Value body = Value::object();
    body["AliasName"] = Value(this->name(d));
    body["TargetKeyId"] = Value(d.properties.find("TargetKeyId")->scalarText());
    co_return co_await call(op, body);
  }
};

}  // namespace

const common::MakeProvider makeAliasProvider = common::make<AliasProvider>;

}  // namespace driftless::kms
