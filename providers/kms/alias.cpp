#include "providers/kms/alias.h"

#include "providers/aws/client.h"
#include "providers/common/errors.h"
#include "providers/common/json_provider.h"
#include "providers/common/json_service.h"
#include "providers/common/listed_or_read.h"
#include "providers/common/provider_base.h"
#include "providers/kms/alias_listing.h"
#include "providers/kms/schema.h"

namespace driftless::kms {

namespace {

class AliasProvider final : public common::JsonProvider<common::ProviderBase> {
 public:
  explicit AliasProvider(ProviderContext ctx)
      : JsonProvider("kms", std::move(ctx), aliasTypeInfo()), listing_(aliasListing(ctx_)) {}

  // In a full observation, from the one ListAliases listing when the cost
  // model chose it (alias_listing.h); otherwise DescribeKey of the alias.
  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    const std::string name = this->name(desired);
    co_return co_await common::listedOrReadBy(ctx_, listing_, *this, desired, name,
                                              &AliasProvider::listed, &AliasProvider::describe);
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
  // The alias pointing to `keyId` (its ARN `keyArn`), TargetKeyId in the
  // manifest's form (an ARN or an id); an alias of no key has none.
  Observed observed(const Desired& desired, const std::string& keyId,
                    const std::string& keyArn) const {
    Observed o;
    o.exists = true;
    o.physicalId = this->name(desired);
    o.properties["AliasName"] = Value(o.physicalId);
    const Value* target = desired.properties.find("TargetKeyId");
    const bool asArn = target && target->isString() && target->asString().starts_with("arn:");
    const std::string& shown = asArn ? keyArn : keyId;
    if (!shown.empty()) o.properties["TargetKeyId"] = Value(shown);
    return o;
  }

  Awaitable<Result<Observed>> listed(const Desired& desired, const Value& item) const {
    const Value* keyId = item.find("TargetKeyId");
    co_return observed(desired, keyId ? keyId->scalarText() : "", targetKeyArn(item));
  }

  // DescribeKey of the alias: the key it points to.
  Awaitable<Result<Observed>> describe(const Desired& desired) {
    Value body = Value::object();
    body["KeyId"] = Value(this->name(desired));
    auto key = co_await call("DescribeKey", body);
    if (!key) co_return common::absentOr(key.error());
    const Value* keyId = key->findPath("KeyMetadata.KeyId");
    const Value* arn = key->findPath("KeyMetadata.Arn");
    co_return observed(desired, keyId ? keyId->scalarText() : "", arn ? arn->scalarText() : "");
  }

  // CreateAlias / UpdateAlias: the alias to the manifest's key.
  Awaitable<Result<Value>> point(std::string_view op, const Desired& d) {
    Value body = Value::object();
    body["AliasName"] = Value(this->name(d));
    body["TargetKeyId"] = Value(d.properties.find("TargetKeyId")->scalarText());
    co_return co_await call(op, body);
  }

  const common::BulkSource listing_;
};

}  // namespace

const common::MakeProvider makeAliasProvider = common::make<AliasProvider>;

}  // namespace driftless::kms
