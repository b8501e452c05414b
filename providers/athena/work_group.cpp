#include "providers/athena/work_group.h"

#include "providers/athena/schema.h"
#include "providers/aws/client.h"
#include "providers/common/attributes.h"
#include "providers/common/described.h"
#include "providers/common/errors.h"
#include "providers/common/json_provider.h"
#include "providers/common/json_service.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/compare.h"

namespace driftless::athena {

namespace {

const common::JsonTagApi kTags{.service = "athena", .idField = "ResourceARN"};

// The configuration in the API's shape: integers as JSON numbers.
Value apiConfiguration(const Value& config) {
  Value out = config;
  if (Value* cutoff = out.find("BytesScannedCutoffPerQuery"))
    if (auto n = common::asJsonInt(*cutoff)) *cutoff = *n;
  for (const char* flag :
       {"EnforceWorkGroupConfiguration", "PublishCloudWatchMetricsEnabled", "RequesterPaysEnabled"})
    if (Value* b = out.find(flag))
      if (auto v = common::asJsonBool(*b)) *b = *v;
  return out;
}

// UpdateWorkGroup's ConfigurationUpdates: the same fields, the result
// configuration under ResultConfigurationUpdates.
Value configurationUpdates(const Value& config) {
  Value out = apiConfiguration(config);
  if (const Value* result = config.find("ResultConfiguration")) {
    out["ResultConfigurationUpdates"] = *result;
    out.erase("ResultConfiguration");
  }
  return out;
}

// GetWorkGroup of a missing workgroup: AWS answers InvalidRequestException
// ("... is not found"), moto an empty answer.
bool isAbsent(const Error& e) {
  return common::isNotFound(e) || (common::hasCode(e, {"InvalidRequestException"}) &&
                                   e.message.find("not found") != std::string::npos);
}

class WorkGroupProvider final : public common::JsonProvider<common::DescribedProvider> {
 public:
  explicit WorkGroupProvider(ProviderContext ctx)
      : JsonProvider("athena", std::move(ctx), workGroupTypeInfo(), kNotObserved) {}

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    Value body = Value::object();
    body["Name"] = Value(name(desired));
    if (const Value* d = desired.properties.find("Description")) body["Description"] = *d;
    if (const Value* c = desired.properties.find("WorkGroupConfiguration"))
      body["Configuration"] = apiConfiguration(*c);
    body["Tags"] = common::creationTags(kTags, ctx_, desired);
    auto r = co_await call("CreateWorkGroup", body);
    if (!r) co_return fail(r.error());
    auto live = co_await describe(desired);
    if (!live || !live->exists) co_return live;
    Delta rest = diff(desired, *live);  // State: CreateWorkGroup does not take it
    if (rest.empty()) co_return live;
    co_return co_await update(desired, *live, rest);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    Value body = Value::object();
    for (const char* p : {"Description", "State"})
      if (const Value* v = desired.properties.find(p); v && delta.differentAt(p)) body[p] = *v;
    if (const Value* c = desired.properties.find("WorkGroupConfiguration");
        c && delta.differentAt("WorkGroupConfiguration"))
      body["ConfigurationUpdates"] = configurationUpdates(*c);
    if (body.size() > 0) {
      body["WorkGroup"] = Value(name(desired));
      auto r = co_await call("UpdateWorkGroup", body);
      if (!r) co_return fail(r.error());
    }
    auto t = co_await common::updateTags(ctx_, kTags, arn(desired), desired, live, delta);
    if (!t) co_return fail(t.error());
    co_return co_await describe(desired);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed&) override {
    Value body = Value::object();
    body["WorkGroup"] = Value(name(desired));
    if (common::boolLike(desired.properties.find("RecursiveDeleteOption")).value_or(false))
      body["RecursiveDeleteOption"] = Value(true);
    auto r = co_await call("DeleteWorkGroup", body);
    if (!r && !isAbsent(r.error())) co_return fail(r.error());
    co_return Result<void>{};
  }

 private:
  std::string arn(const Desired& d) const {
    return "arn:" + ctx_.partition + ":athena:" + ctx_.region + ":" + ctx_.accountId +
           ":workgroup/" + name(d);
  }

  Awaitable<Result<Observed>> describe(const Desired& desired) override {
    Value request = Value::object();
    request["WorkGroup"] = Value(name(desired));
    auto r = co_await call("GetWorkGroup", request);
    if (!r) {
      if (isAbsent(r.error())) co_return Observed{};
      co_return fail(r.error());
    }
    const Value* wg = r->find("WorkGroup");
    if (!wg || !wg->isObject()) co_return Observed{};
    const std::string resourceArn = arn(desired);
    auto tags = co_await common::listTags(*ctx_.aws, kTags, resourceArn);
    if (!tags) co_return common::absentOr(tags.error());
    Observed o = common::found(name(desired), "Name");
    for (const char* p : {"Description", "State"})
      if (const Value* v = wg->find(p); v && !v->isNull()) o.properties[p] = *v;
    if (const Value* c = wg->find("Configuration"); c && c->isObject())
      o.properties["WorkGroupConfiguration"] = *c;
    common::setLiveTags(o, std::move(*tags));
    const Value* created = wg->find("CreationTime");
    o.attributes["CreationTime"] = Value(created ? created->scalarText() : "");
    const Value* effective = wg->findPath("Configuration.EngineVersion.EffectiveEngineVersion");
    o.attributes["WorkGroupConfiguration.EngineVersion.EffectiveEngineVersion"] =
        Value(effective ? effective->scalarText() : "");
    co_return o;
  }
};

}  // namespace

const common::MakeProvider makeWorkGroupProvider = common::make<WorkGroupProvider>;

}  // namespace driftless::athena
