#include "providers/kinesis/stream.h"

#include <algorithm>
#include <chrono>

#include "providers/aws/client.h"
#include "providers/common/described.h"
#include "providers/common/errors.h"
#include "providers/common/field_text.h"
#include "providers/common/json_provider.h"
#include "providers/common/json_service.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/common/wait.h"
#include "providers/compare.h"
#include "providers/kinesis/schema.h"

namespace driftless::kinesis {

namespace {

// Live metrics in the manifest's order when they are the same set (Kinesis
// answers in its own order), else as live.
Value orderedMetrics(const Value* desired, std::vector<std::string> live) {
  std::vector<std::string> wanted = common::stringsLike(desired);
  auto a = wanted, b = live;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  Value out = Value::array();
  for (const auto& m : a == b ? wanted : live)
    out.push(Value(m));
  return out;
}

const common::JsonTagApi kTags{.service = "kinesis",
                               .idField = "StreamName",
                               .tagOperation = "AddTagsToStream",
                               .untagOperation = "RemoveTagsFromStream",
                               .tagsAsMap = true,
                               .listOperation = "ListTagsForStream"};

class StreamProvider final : public common::JsonProvider<common::DescribedProvider> {
 public:
  explicit StreamProvider(ProviderContext ctx)
      : JsonProvider("kinesis", std::move(ctx), streamTypeInfo()) {}

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const std::string name = this->name(desired);
    Value body = streamRequest(name);
    if (auto n = common::intLike(desired.properties.find("ShardCount")))
      body["ShardCount"] = Value(*n);
    if (const Value* mode = desired.properties.find("StreamModeDetails"))
      body["StreamModeDetails"] = *mode;
    for (auto field : {"MaxRecordSizeInKiB", "WarmThroughputMiBps"})
      if (auto n = common::intLike(desired.properties.find(field))) body[field] = Value(*n);
    body["Tags"] = common::creationTags(kTags, ctx_, desired);
    auto r = co_await call("CreateStream", body);
    // A name whose stream is still DELETING: a short, known wait.
    if (!r)
      co_return fail(
          common::stillDeleting(r.error(), {"ResourceInUseException"}, "stream " + name));
    auto active = co_await waitActive(name);
    if (!active) co_return fail(active.error());
    auto live = co_await describe(desired);
    if (!live) co_return live;
    // Everything CreateStream does not take is an update of the new stream, and
    // so are ownership tags it did not apply (moto 5.2.1 ignores its Tags).
    Delta rest = diff(desired, *live);
    if (rest.empty() && live->owner) co_return live;
    co_return co_await update(desired, *live, rest);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    const std::string name = this->name(desired);
    auto settings = co_await updateSettings(desired, live, delta);
    if (!settings) co_return fail(settings.error());
    auto metrics = co_await updateMetrics(desired, live, delta);
    if (!metrics) co_return fail(metrics.error());
    co_return co_await retagged(kTags, name, desired, live, delta);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    Value body = streamRequest(this->name(desired, live));
    auto r = co_await call("DeleteStream", body);
    co_return common::deleted(r);
  }

 private:
  static Value streamRequest(const std::string& name) {
    Value body = Value::object();
    body["StreamName"] = Value(name);
    return body;
  }

  // One change that makes the stream UPDATING, then the wait until it is ACTIVE.
  Awaitable<Result<void>> change(std::string_view op, const Value& body, const std::string& name) {
    auto r = co_await call(op, body);
    if (!r) co_return fail(r.error());
    co_return co_await waitActive(name);
  }

  // Mode, shard count, retention and encryption: one call each, in that order
  // (a mode change decides whether a shard count applies).
  Awaitable<Result<void>> updateSettings(const Desired& d, const Observed& live,
                                         const Delta& delta) {
    const std::string name = this->name(d);
    if (const Value* mode = d.properties.find("StreamModeDetails");
        mode && delta.differentAt("StreamModeDetails")) {
      Value body = Value::object();
      body["StreamARN"] = live.attributes.find("Arn") ? *live.attributes.find("Arn") : Value("");
      body["StreamModeDetails"] = *mode;
      auto r = co_await change("UpdateStreamMode", body, name);
      if (!r) co_return r;
    }
    if (auto n = common::intLike(d.properties.find("ShardCount"));
        n && delta.differentAt("ShardCount")) {
      Value body = streamRequest(name);
      body["TargetShardCount"] = Value(*n);
      body["ScalingType"] = Value("UNIFORM_SCALING");
      auto r = co_await change("UpdateShardCount", body, name);
      if (!r) co_return r;
    }
    auto hours = common::intLike(d.properties.find("RetentionPeriodHours"));
    if (hours && delta.differentAt("RetentionPeriodHours")) {
      auto current = common::intLike(live.properties.find("RetentionPeriodHours")).value_or(24);
      Value body = streamRequest(name);
      body["RetentionPeriodHours"] = Value(*hours);
      auto r = co_await change(
          *hours > current ? "IncreaseStreamRetentionPeriod" : "DecreaseStreamRetentionPeriod",
          body, name);
      if (!r) co_return r;
    }
    if (const Value* enc = d.properties.find("StreamEncryption");
        enc && delta.differentAt("StreamEncryption")) {
      Value body = streamRequest(name);
      body["EncryptionType"] = Value(enc->find("EncryptionType")->scalarText());
      body["KeyId"] = Value(enc->find("KeyId")->scalarText());
      auto r = co_await change("StartStreamEncryption", body, name);
      if (!r) co_return r;
    }
    co_return co_await updateLimits(d, live, delta);
  }

  // The largest record and the warm throughput of an on-demand stream: one
  // call each, by the stream's ARN.
  Awaitable<Result<void>> updateLimits(const Desired& d, const Observed& live, const Delta& delta) {
    struct Limit {
      std::string_view property, operation;
    };
    const std::string name = this->name(d);
    for (const Limit& l : {Limit{"MaxRecordSizeInKiB", "UpdateMaxRecordSize"},
                           Limit{"WarmThroughputMiBps", "UpdateStreamWarmThroughput"}}) {
      auto n = common::intLike(d.properties.find(l.property));
      if (!n || !delta.differentAt(l.property)) continue;
      Value body = Value::object();
      body["StreamARN"] = live.attributes.find("Arn") ? *live.attributes.find("Arn") : Value("");
      body[l.property] = Value(*n);
      auto r = co_await change(l.operation, body, name);
      if (!r) co_return r;
    }
    co_return Result<void>{};
  }

  // Shard-level metrics as a set: enable the missing ones, disable the extra ones.
  Awaitable<Result<void>> updateMetrics(const Desired& d, const Observed& live,
                                        const Delta& delta) {
    const Value* wanted = d.properties.find("DesiredShardLevelMetrics");
    if (!wanted || !delta.differentAt("DesiredShardLevelMetrics")) co_return Result<void>{};
    auto want = common::stringsLike(wanted),
         have = common::stringsLike(live.properties.find("DesiredShardLevelMetrics"));
    Value enable = Value::array(), disable = Value::array();
    for (const auto& m : want)
      if (std::find(have.begin(), have.end(), m) == have.end()) enable.push(Value(m));
    for (const auto& m : have)
      if (std::find(want.begin(), want.end(), m) == want.end()) disable.push(Value(m));
    const std::string name = this->name(d);
    if (enable.size() > 0) {
      Value body = streamRequest(name);
      body["ShardLevelMetrics"] = enable;
      auto r = co_await call("EnableEnhancedMonitoring", body);
      if (!r) co_return fail(r.error());
    }
    if (disable.size() > 0) {
      Value body = streamRequest(name);
      body["ShardLevelMetrics"] = disable;
      auto r = co_await call("DisableEnhancedMonitoring", body);
      if (!r) co_return fail(r.error());
    }
    co_return Result<void>{};
  }

  Awaitable<Result<bool>> isActive(std::string name) {
    Value body = streamRequest(name);
    auto r = co_await call("DescribeStreamSummary", body);
    if (!r) co_return fail(r.error());
    const Value* status = r->findPath("StreamDescriptionSummary.StreamStatus");
    co_return status && status->scalarText() == "ACTIVE";
  }

  Awaitable<Result<void>> waitActive(const std::string& name) {
    // A named std::function, not a lambda temporary in the co_await (GCC 12).
    std::function<Awaitable<Result<bool>>()> ready = [this, name] { return isActive(name); };
    std::string what = "stream " + name + " to become ACTIVE";
    auto r = co_await common::waitUntil(std::move(ready), std::move(what));
    co_return r;
  }

  Awaitable<Result<Observed>> describe(const Desired& desired) override {
    const std::string name = this->name(desired);
    Value request = streamRequest(name);
    auto summary = co_await call("DescribeStreamSummary", request);
    if (!summary) co_return common::absentOr(summary.error());
    const Value* s = summary->find("StreamDescriptionSummary");
    auto text = [&](std::string_view f) { return common::fieldText(s, f); };
    if (text("StreamStatus") == "DELETING") co_return Observed{};
    auto tags = co_await common::listTags(*ctx_.aws, kTags, name);
    if (!tags) co_return common::absentOr(tags.error());
    Observed o = common::found(name, "Name");
    o.status = text("StreamStatus") == "ACTIVE" ? "" : text("StreamStatus");
    if (s && s->find("OpenShardCount")) o.properties["ShardCount"] = *s->find("OpenShardCount");
    if (s && s->find("RetentionPeriodHours"))
      o.properties["RetentionPeriodHours"] = *s->find("RetentionPeriodHours");
    if (s && s->find("StreamModeDetails"))
      o.properties["StreamModeDetails"] = *s->find("StreamModeDetails");
    if (s && s->find("MaxRecordSizeInKiB"))
      o.properties["MaxRecordSizeInKiB"] = *s->find("MaxRecordSizeInKiB");
    // The target, which the stream scales towards (CurrentMiBps follows it).
    if (const Value* warm = s ? s->findPath("WarmThroughput.TargetMiBps") : nullptr)
      o.properties["WarmThroughputMiBps"] = *warm;
    if (text("EncryptionType") == "KMS") {
      Value enc = Value::object();
      enc["EncryptionType"] = Value("KMS");
      enc["KeyId"] = Value(text("KeyId"));
      o.properties["StreamEncryption"] = enc;
    }
    const Value* monitoring = s ? s->find("EnhancedMonitoring") : nullptr;
    const Value* metrics = monitoring && monitoring->isArray() && monitoring->size() > 0
                               ? monitoring->asArray()[0].find("ShardLevelMetrics")
                               : nullptr;
    o.properties["DesiredShardLevelMetrics"] = orderedMetrics(
        desired.properties.find("DesiredShardLevelMetrics"), common::stringsLike(metrics));
    common::setLiveTags(o, std::move(*tags));
    o.attributes["Arn"] = Value(text("StreamARN"));
    co_return o;
  }
};

}  // namespace

const common::MakeProvider makeStreamProvider = common::make<StreamProvider>;

}  // namespace driftless::kinesis
