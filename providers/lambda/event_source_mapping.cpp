#include "providers/lambda/event_source_mapping.h"

#include "providers/aws/client.h"
#include "providers/common/attributes.h"
#include "providers/common/errors.h"
#include "providers/common/provider_base.h"
#include "providers/common/tags.h"
#include "providers/compare.h"
#include "providers/lambda/api.h"
#include "providers/lambda/event_source_mapping_schema.h"

namespace driftless::lambda {

namespace {

constexpr std::string_view kApi = "/2015-03-31/event-source-mappings/";
constexpr std::string_view kTags = "/2017-03-31/tags/";

// Settings UpdateEventSourceMapping takes (EventSourceArn, StartingPosition and
// its timestamp are immutable: a change is a replace).
const std::vector<std::string_view> kUpdatable = {"FunctionName",
                                                  "Enabled",
                                                  "BatchSize",
                                                  "MaximumBatchingWindowInSeconds",
                                                  "FilterCriteria",
                                                  "FunctionResponseTypes",
                                                  "ScalingConfig",
                                                  "ParallelizationFactor",
                                                  "BisectBatchOnFunctionError",
                                                  "MaximumRecordAgeInSeconds",
                                                  "MaximumRetryAttempts",
                                                  "TumblingWindowInSeconds",
                                                  "DestinationConfig",
                                                  "MetricsConfig",
                                                  "KmsKeyArn",
                                                  "LoggingConfig",
                                                  "SourceAccessConfigurations",
                                                  "DocumentDBEventSourceConfig",
                                                  "ProvisionedPollerConfig"};
const std::vector<std::string_view> kCreateOnly = {"EventSourceArn",
                                                   "StartingPosition",
                                                   "StartingPositionTimestamp",
                                                   "Topics",
                                                   "Queues",
                                                   "SelfManagedEventSource",
                                                   "AmazonManagedKafkaEventSourceConfig",
                                                   "SelfManagedKafkaEventSourceConfig"};

// SelfManagedEventSource.Endpoints as CloudFormation spells its key
// (KafkaBootstrapServers) and as the API does (KAFKA_BOOTSTRAP_SERVERS).
Value renameEndpoints(const Value& v, std::string_view from, std::string_view to) {
  Value out = v;
  const Value* endpoints = v.find("Endpoints");
  if (!endpoints || !endpoints->isObject()) return out;
  Value renamed = Value::object();
  for (const auto& [k, e] : endpoints->asObject())
    renamed[k == from ? std::string(to) : k] = e;
  out["Endpoints"] = std::move(renamed);
  return out;
}

// The API's name of a manifest property (the API spells KMSKeyArn).
std::string_view apiName(std::string_view name) {
  return name == "KmsKeyArn" ? "KMSKeyArn" : name;
}

// A manifest value in the JSON the API takes: integers and booleans typed, a
// filter pattern as JSON text.
Value wire(std::string_view name, const Value& v) {
  if (name == "Enabled" || name == "BisectBatchOnFunctionError")
    return common::asJsonBool(v).value_or(v);
  if (name == "FilterCriteria") {
    Value out = Value::object();
    Value filters = Value::array();
    if (const Value* fs = v.find("Filters"); fs && fs->isArray())
      for (const auto& f : fs->asArray()) {
        Value e = Value::object();
        if (const Value* p = f.find("Pattern")) e["Pattern"] = Value(common::attributeText(*p));
        filters.push(std::move(e));
      }
    out["Filters"] = std::move(filters);
    return out;
  }
  if (name == "ScalingConfig" || name == "ProvisionedPollerConfig") {
    Value out = v;
    for (auto field : {"MaximumConcurrency", "MinimumPollers", "MaximumPollers"})
      if (const Value* m = v.find(field)) out[field] = common::asJsonInt(*m).value_or(*m);
    return out;
  }
  if (name == "SelfManagedEventSource")
    return renameEndpoints(v, "KafkaBootstrapServers", "KAFKA_BOOTSTRAP_SERVERS");
  if (v.isString() && name != "FunctionName" && name != "EventSourceArn" &&
      name != "StartingPosition" && name != "KmsKeyArn")
    if (auto n = common::asJsonInt(v)) return *n;
  return v;
}

// "orders", "orders:live", "arn:...:function:orders[:live]" → the function's
// name and its qualifier ("" when none).
std::pair<std::string, std::string> splitFunction(std::string_view f) {
  if (auto at = f.find(":function:"); at != std::string_view::npos) f.remove_prefix(at + 10);
  auto colon = f.find(':');
  if (colon == std::string_view::npos) return {std::string(f), ""};
  return {std::string(f.substr(0, colon)), std::string(f.substr(colon + 1))};
}

// The manifest's FunctionName when the live function ARN is that function. A
// qualified one (an alias) is taken as the same target as any qualified ARN of
// the function: the emulator reports a mapping on an alias with the version's
// ARN (MOTO-NOTES).
Value functionNameOf(const std::string& arn, const Value* desired) {
  std::string d = desired ? desired->scalarText() : "";
  if (d.empty()) return Value(arn);
  if (arn == d || arn.ends_with(":function:" + d)) return Value(d);
  auto [want, wantQualifier] = splitFunction(d);
  auto [have, haveQualifier] = splitFunction(arn);
  if (want == have && !wantQualifier.empty() && !haveQualifier.empty()) return Value(d);
  return Value(arn);
}

Observed fromMapping(const Value& m, const Properties& desired) {
  Observed o;
  o.exists = true;
  std::string uuid = m.find("UUID") ? m.find("UUID")->scalarText() : "";
  o.physicalId = uuid;
  Properties& p = o.properties;
  const Value* fnArn = m.find("FunctionArn");
  p["FunctionName"] =
      functionNameOf(fnArn ? fnArn->scalarText() : "", desired.find("FunctionName"));
  for (auto name : kUpdatable)
    if (name != "FunctionName" && name != "Enabled")
      if (const Value* v = m.find(apiName(name))) p[name] = *v;
  for (auto name : kCreateOnly)
    if (const Value* v = m.find(name)) p[name] = *v;
  if (const Value* self = p.find("SelfManagedEventSource"))
    p["SelfManagedEventSource"] =
        renameEndpoints(*self, "KAFKA_BOOTSTRAP_SERVERS", "KafkaBootstrapServers");
  std::string state = m.find("State") ? m.find("State")->scalarText() : "Enabled";
  p["Enabled"] = Value(state == "Enabled" || state == "Enabling" || state == "Updating");
  if (state == "Creating")
    o.status = "CREATING";
  else if (state == "Enabling" || state == "Disabling" || state == "Updating")
    o.status = "UPDATING";
  else if (state == "Deleting")
    o.status = "DELETING";
  o.attributes["Id"] = Value(uuid);
  if (const Value* a = m.find("EventSourceMappingArn")) o.attributes["EventSourceMappingArn"] = *a;
  return o;
}

class EventSourceMappingProvider final : public common::ProviderBase {
 public:
  using ProviderBase::ProviderBase;

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    std::string uuid = desired.physicalId;
    if (uuid.empty()) {
      auto found = co_await find(desired);
      if (!found) co_return fail(found.error());
      uuid = *found;
    }
    Observed none;
    if (uuid.empty()) co_return none;
    co_return co_await describe(uuid, desired.properties);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    Value body = Value::object();
    for (auto name : kUpdatable)
      if (const Value* v = desired.properties.find(name)) body[apiName(name)] = wire(name, *v);
    for (auto name : kCreateOnly)
      if (const Value* v = desired.properties.find(name)) body[apiName(name)] = wire(name, *v);
    Value tags = Value::object();
    for (auto& [k, v] :
         common::createTags(desired.properties.find("Tags"), ctx_.ownershipTags(desired.id)))
      tags[k] = v;
    body["Tags"] = std::move(tags);
    const std::string path(kApi);
    auto r = co_await call("CreateEventSourceMapping", "POST", path, body);
    if (!r) co_return fail(r.error());
    const Value* uuid = r->find("UUID");
    if (!uuid)
      co_return fail(ErrorKind::Fatal, "lambda:CreateEventSourceMapping: no UUID in the response");
    const std::string id = uuid->scalarText();
    co_return co_await describe(id, desired.properties);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    const std::string uuid = live.physicalId;
    bool settings = false;
    for (auto name : kUpdatable)
      settings = settings || delta.differentAt(name);
    if (settings) {
      Value body = Value::object();
      for (auto name : kUpdatable)
        if (const Value* v = desired.properties.find(name)) body[apiName(name)] = wire(name, *v);
      const std::string path = std::string(kApi) + uuid;
      auto r = co_await call("UpdateEventSourceMapping", "PUT", path, body);
      if (!r) co_return fail(r.error());
    }
    if (auto t = co_await retag(desired, live, delta); !t) co_return fail(t.error());
    co_return co_await describe(uuid, desired.properties);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    std::string uuid = live.exists ? live.physicalId : desired.physicalId;
    if (uuid.empty()) co_return Result<void>{};
    aws::RestRequest req;
    req.method = "DELETE";
    req.path = std::string(kApi) + uuid;
    auto r = co_await send("DeleteEventSourceMapping", std::move(req));
    co_return common::deleted(r);
  }

 private:
  Awaitable<Result<aws::HttpResponse>> send(std::string_view op, aws::RestRequest req) {
    co_return co_await api::send(*ctx_.aws, op, std::move(req));
  }
  Awaitable<Result<Value>> call(std::string_view op, std::string_view method,
                                const std::string& path, const Value& body) {
    co_return co_await api::call(*ctx_.aws, op, method, path, body);
  }

  // Before the id is known: the mapping of this source and function that carries
  // this resource's ownership tags, else the first one (reported as not ours). A
  // self-managed Kafka source has no ARN to list by: only an owned mapping of
  // the function is it.
  Awaitable<Result<std::string>> find(const Desired& desired) {
    std::string found;
    const Value* source = desired.properties.find("EventSourceArn");
    const Value* fn = desired.properties.find("FunctionName");
    if (!fn || (!source && !desired.properties.find("SelfManagedEventSource"))) co_return found;
    aws::RestRequest req;
    req.path = std::string(kApi);
    if (source) req.query.emplace_back("EventSourceArn", source->scalarText());
    req.query.emplace_back("FunctionName", fn->scalarText());
    auto r = co_await send("ListEventSourceMappings", std::move(req));
    if (!r && common::isNotFound(r.error())) co_return found;
    if (!r) co_return fail(r.error());
    auto v = Value::fromJson(r->body);
    const Value* list = v ? v->find("EventSourceMappings") : nullptr;
    if (!list || !list->isArray()) co_return found;
    for (const auto& m : list->asArray()) {
      std::string uuid = m.find("UUID") ? m.find("UUID")->scalarText() : "";
      if (found.empty() && source) found = uuid;
      const Value* arn = m.find("EventSourceMappingArn");
      if (!arn) continue;
      const std::string mappingArn = arn->scalarText();
      auto tags = co_await listTags(mappingArn);
      if (!tags) co_return fail(tags.error());
      auto owner = ownershipFromTags(*tags);
      if (owner && *owner == ctx_.ownership(desired.id)) co_return uuid;
    }
    co_return found;
  }

  Awaitable<Result<Value>> listTags(const std::string& arn) {
    Value none = Value::object();
    const std::string path = std::string(kTags) + arn;
    auto r = co_await call("ListTags", "GET", path, none);
    if (!r) co_return fail(r.error());
    Value::Object tags;
    if (const Value* t = r->find("Tags"); t && t->isObject())
      for (const auto& [k, v] : t->asObject())
        tags.insert_or_assign(k, Value(v.scalarText()));
    co_return common::tagList(tags);
  }

  Awaitable<Result<Observed>> describe(const std::string& uuid, const Properties& desired) {
    Observed none;
    Value empty = Value::object();
    const std::string path = std::string(kApi) + uuid;
    auto r = co_await call("GetEventSourceMapping", "GET", path, empty);
    if (!r && common::isNotFound(r.error())) co_return none;
    if (!r) co_return fail(r.error());
    Observed o = fromMapping(*r, desired);
    if (o.status == "DELETING") co_return none;
    const Value* arn = o.attributes.find("EventSourceMappingArn");
    const std::string mappingArn = arn ? arn->scalarText() : "";
    auto tags = co_await listTags(mappingArn);
    if (!tags) co_return fail(tags.error());
    o.owner = ownershipFromTags(*tags);
    o.properties["Tags"] = std::move(*tags);
    co_return o;
  }

  Awaitable<Result<void>> retag(const Desired& desired, const Observed& live, const Delta& delta) {
    const Value* desiredTags =
        delta.differentAt("Tags") ? desired.properties.find("Tags") : nullptr;
    Value ownership = ctx_.ownershipTags(desired.id);
    bool ensureOwner = desired.adopt || !live.owner;
    const Value* lt = live.properties.find("Tags");
    auto change = common::tagChange(desiredTags, lt ? *lt : Value::array(),
                                    ensureOwner ? &ownership : nullptr);
    const Value* arnV = live.attributes.find("EventSourceMappingArn");
    const std::string path = std::string(kTags) + (arnV ? arnV->scalarText() : "");
    if (!change.set.empty()) {
      Value body = Value::object();
      Value t = Value::object();
      for (auto& [k, v] : change.set)
        t[k] = v;
      body["Tags"] = std::move(t);
      if (auto r = co_await call("TagResource", "POST", path, body); !r) co_return fail(r.error());
    }
    if (!change.remove.empty()) {
      aws::RestRequest req;
      req.method = "DELETE";
      req.path = path;
      for (auto& k : change.remove)
        req.query.emplace_back("tagKeys", k);
      if (auto r = co_await send("UntagResource", std::move(req)); !r) co_return fail(r.error());
    }
    co_return Result<void>{};
  }
};

}  // namespace

const common::MakeProvider makeEventSourceMappingProvider =
    common::make<EventSourceMappingProvider, eventSourceMappingTypeInfo>;

}  // namespace driftless::lambda
