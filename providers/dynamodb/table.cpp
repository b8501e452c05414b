#include "providers/dynamodb/table.h"
#include "providers/common/described.h"

#include "providers/aws/client.h"
#include "providers/common/attributes.h"
#include "providers/common/errors.h"
#include "providers/common/tag_snapshot.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/common/wait.h"
#include "providers/compare.h"
#include "providers/dynamodb/schema.h"
#include "providers/dynamodb/table_model.h"

namespace driftless::dynamodb {

namespace {

Value field(std::string_view k, Value v) {
  Value o = Value::object();
  o[k] = std::move(v);
  return o;
}

class TableProvider final : public common::DescribedProvider {
 public:
  TableProvider(ProviderContext ctx, common::WaitOptions wait)
      : DescribedProvider(ctx, tableTypeInfo()), wait_(wait) {}

  Properties normalise(const Properties& props) const override {
    return dynamodb::normalise(props);
  }

  // Observe may take the tags from the cycle's bulk snapshot (common/tag_snapshot.h).
  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    const std::string named = name(desired);
    co_return co_await describeAs(desired, named, /*observing=*/true);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    std::string name = this->name(desired);
    auto tags = common::createTags(desired.properties.find("Tags"), ctx_.ownershipTags(desired.id));
    auto r = co_await call("CreateTable", createTableRequest(desired.properties, tags));
    if (!r) {
      Error e = r.error();
      if (e.code == "ResourceInUseException")
        e.message = "table " + name + " already exists (dynamodb:CreateTable)";
      co_return fail(std::move(e));
    }
    auto ready = co_await waitActive(name);
    if (!ready) co_return fail(ready.error());
    // TTL and point-in-time recovery are not part of CreateTable.
    if (const Value* ttl = desired.properties.find("TimeToLiveSpecification");
        ttl && common::boolLike(ttl->find("Enabled")).value_or(false)) {
      Value none = Value::object();
      auto t = co_await updateTtl(name, *ttl, none);
      if (!t) co_return fail(t.error());
    }
    if (const Value* pitr = desired.properties.find("PointInTimeRecoverySpecification");
        pitr && common::boolLike(pitr->find("PointInTimeRecoveryEnabled")).value_or(false)) {
      auto p = co_await updatePitr(name, *pitr);
      if (!p) co_return fail(p.error());
    }
    if (const Value* ci = desired.properties.find("ContributorInsightsSpecification");
        ci && common::boolLike(ci->find("Enabled")).value_or(false)) {
      auto c = co_await updateContributorInsights(name, *ci);
      if (!c) co_return fail(c.error());
    }
    if (const Value* k = desired.properties.find("KinesisStreamSpecification")) {
      Value none = Value::object();
      auto c = co_await syncKinesis(name, *k, none);
      if (!c) co_return fail(c.error());
    }
    auto live = co_await describe(desired);
    if (!live || !live->exists) co_return live;
    // PutResourcePolicy, not CreateTable's ResourcePolicy: the same call as an update.
    if (const Value* rp = desired.properties.find("ResourcePolicy")) {
      auto put = co_await putResourcePolicy(live->attributes.find("Arn")->scalarText(), *rp);
      if (!put) co_return fail(put.error());
      live = co_await describe(desired);
      if (!live || !live->exists) co_return live;
    }
    // Tags given to CreateTable are applied by AWS; a DynamoDB emulator that
    // drops them still gets the ownership tags here.
    Value ownership = ctx_.ownershipTags(desired.id);
    const Value* lt = live->properties.find("Tags");
    Value liveTags = lt ? *lt : Value::array();
    auto change = common::tagChange(desired.properties.find("Tags"), liveTags, &ownership);
    if (change.set.empty()) co_return live;
    auto tagged = co_await tag(live->attributes.find("Arn")->scalarText(), change.set);
    if (!tagged) co_return fail(tagged.error());
    co_return co_await describe(desired);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    std::string name = this->name(desired);
    if (!live.status.empty()) {
      // Still CREATING/UPDATING (someone else's change, or ours from a crashed cycle).
      auto ready = co_await waitActive(name);
      if (!ready) co_return fail(ready.error());
    }
    // Named, not a range-for over a temporary: GCC 12 coroutines mishandle the
    // lifetime of range-for temporaries.
    std::vector<Value> steps =
        updateTableSteps(normalise(desired.properties), normalise(live.properties), delta);
    for (auto& step : steps) {
      // Each UpdateTable needs the table (and its indexes) ACTIVE first.
      auto ready = co_await waitActive(name);
      if (!ready) co_return fail(ready.error());
      step["TableName"] = Value(name);
      auto r = co_await call("UpdateTable", step);
      if (!r) co_return fail(r.error());
    }
    if (const Value* ttl = desired.properties.find("TimeToLiveSpecification");
        ttl && delta.differentAt("TimeToLiveSpecification")) {
      const Value* lt = live.properties.find("TimeToLiveSpecification");
      Value liveTtl = lt ? *lt : Value::object();
      auto t = co_await updateTtl(name, *ttl, liveTtl);
      if (!t) co_return fail(t.error());
    }
    if (const Value* pitr = desired.properties.find("PointInTimeRecoverySpecification");
        pitr && delta.differentAt("PointInTimeRecoverySpecification")) {
      auto p = co_await updatePitr(name, *pitr);
      if (!p) co_return fail(p.error());
    }
    if (const Value* ci = desired.properties.find("ContributorInsightsSpecification");
        ci && delta.differentAt("ContributorInsightsSpecification")) {
      auto c = co_await updateContributorInsights(name, *ci);
      if (!c) co_return fail(c.error());
    }
    if (const Value* k = desired.properties.find("KinesisStreamSpecification");
        k && delta.differentAt("KinesisStreamSpecification")) {
      const Value* lk = live.properties.find("KinesisStreamSpecification");
      Value liveKinesis = lk ? *lk : Value::object();
      auto c = co_await syncKinesis(name, *k, liveKinesis);
      if (!c) co_return fail(c.error());
    }
    auto change = common::tagUpdate(ctx_, desired, live, delta);
    std::string arn = live.attributes.find("Arn") ? live.attributes.find("Arn")->scalarText() : "";
    if (const Value* rp = desired.properties.find("ResourcePolicy");
        rp && delta.differentAt("ResourcePolicy")) {
      auto put = co_await putResourcePolicy(arn, *rp);
      if (!put) co_return fail(put.error());
    }
    if (!change.set.empty()) {
      auto r = co_await tag(arn, change.set);
      if (!r) co_return fail(r.error());
    }
    if (!change.remove.empty()) {
      Value keys = Value::array();
      for (auto& k : change.remove)
        keys.push(Value(k));
      Value body = field("ResourceArn", Value(arn));
      body["TagKeys"] = keys;
      auto r = co_await call("UntagResource", body);
      if (!r) co_return fail(r.error());
    }
    auto ready = co_await waitActive(name);
    if (!ready) co_return fail(ready.error());
    co_return co_await describe(desired);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed&) override {
    auto r = co_await call("DeleteTable", field("TableName", Value(name(desired))));
    if (!r) {
      if (common::isNotFound(r.error())) co_return Result<void>{};
      Error e = r.error();
      if (e.code == "ResourceInUseException") {
        // Being created, updated or deleted: ask again once it settles.
        e = common::waiting(std::move(e), std::chrono::seconds(10));
      }
      co_return fail(std::move(e));
    }
    co_return Result<void>{};
  }

 private:
  // Every tag of the table, page after page.
  Awaitable<Result<Value>> listTags(const std::string& arn) {
    Value tags = Value::array();
    std::string token;
    do {
      Value body = field("ResourceArn", Value(arn));
      if (!token.empty()) body["NextToken"] = Value(token);
      auto r = co_await call("ListTagsOfResource", body);
      if (!r) co_return std::unexpected(r.error());
      if (const Value* l = r->find("Tags"); l && l->isArray())
        for (const auto& tag : l->asArray())
          tags.push(tag);
      token = r->find("NextToken") ? r->find("NextToken")->scalarText() : "";
    } while (!token.empty());
    co_return tags;
  }

  Awaitable<Result<Value>> call(std::string_view op, Value body) {
    auto r = co_await ctx_.aws->json("dynamodb", op, body);
    if (!r) co_return fail(common::classify(r.error(), "dynamodb:" + std::string(op)));
    co_return r;
  }

  Awaitable<Result<Value>> describeTable(std::string name) {
    auto r = co_await call("DescribeTable", field("TableName", Value(name)));
    if (!r) co_return fail(r.error());
    const Value* t = r->find("Table");
    if (!t) co_return fail(ErrorKind::Fatal, "dynamodb:DescribeTable: no Table in the response");
    co_return *t;
  }

  Awaitable<Result<void>> tag(std::string arn, Value::Object tags) {
    Value body = field("ResourceArn", Value(arn));
    body["Tags"] = common::tagList(tags);
    auto r = co_await call("TagResource", body);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  Awaitable<Result<void>> updateContributorInsights(std::string name, Value spec) {
    Value body = field("TableName", Value(name));
    bool enabled = common::boolLike(spec.find("Enabled")).value_or(false);
    body["ContributorInsightsAction"] = Value(enabled ? "ENABLE" : "DISABLE");
    if (const Value* mode = spec.find("Mode"); mode && enabled)
      body["ContributorInsightsMode"] = Value(mode->scalarText());
    auto r = co_await call("UpdateContributorInsights", body);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  // {Enabled, Mode} from DescribeContributorInsights (ENABLING counts as enabled).
  Awaitable<Result<Value>> readContributorInsights(std::string name) {
    auto r = co_await call("DescribeContributorInsights", field("TableName", Value(name)));
    if (!r) co_return fail(r.error());
    const Value* status = r->find("ContributorInsightsStatus");
    std::string st = status ? status->scalarText() : "DISABLED";
    Value ci = Value::object();
    ci["Enabled"] = Value(st == "ENABLED" || st == "ENABLING");
    if (const Value* mode = r->find("ContributorInsightsMode")) ci["Mode"] = *mode;
    co_return ci;
  }

  // Kinesis streaming to the desired stream: enable it (with the precision), or
  // disable the live stream first when it is another one; the same stream with
  // another precision is one UpdateKinesisStreamingDestination.
  Awaitable<Result<void>> syncKinesis(std::string name, Value want, Value have) {
    std::string stream = want.find("StreamArn") ? want.find("StreamArn")->scalarText() : "";
    std::string current = have.find("StreamArn") ? have.find("StreamArn")->scalarText() : "";
    const Value* precision = want.find("ApproximateCreationDateTimePrecision");
    Value body = field("TableName", Value(name));
    if (!current.empty() && current != stream) {
      Value off = body;
      off["StreamArn"] = Value(current);
      auto r = co_await call("DisableKinesisStreamingDestination", off);
      if (!r) co_return fail(r.error());
    }
    body["StreamArn"] = Value(stream);
    std::string op = current == stream ? "UpdateKinesisStreamingDestination"
                                       : "EnableKinesisStreamingDestination";
    if (precision)
      body[current == stream ? "UpdateKinesisStreamingConfiguration"
                             : "EnableKinesisStreamingConfiguration"]
          ["ApproximateCreationDateTimePrecision"] = Value(precision->scalarText());
    auto r = co_await call(op, body);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  // The destination being enabled or active, as {StreamArn, ApproximateCreationDateTimePrecision}.
  Awaitable<Result<std::optional<Value>>> readKinesis(std::string name) {
    auto r = co_await call("DescribeKinesisStreamingDestination", field("TableName", Value(name)));
    if (!r) co_return fail(r.error());
    const Value* list = r->find("KinesisDataStreamDestinations");
    if (!list || !list->isArray()) co_return std::optional<Value>{};
    for (const auto& d : list->asArray()) {
      std::string status =
          d.find("DestinationStatus") ? d.find("DestinationStatus")->scalarText() : "";
      if (status != "ENABLING" && status != "ACTIVE" && status != "UPDATING") continue;
      Value k = Value::object();
      if (const Value* a = d.find("StreamArn")) k["StreamArn"] = *a;
      if (const Value* p = d.find("ApproximateCreationDateTimePrecision"))
        k["ApproximateCreationDateTimePrecision"] = *p;
      co_return std::optional<Value>(std::move(k));
    }
    co_return std::optional<Value>{};
  }

  Awaitable<Result<void>> putResourcePolicy(std::string arn, Value resourcePolicy) {
    Value body = field("ResourceArn", Value(arn));
    const Value* doc = resourcePolicy.find("PolicyDocument");
    body["Policy"] = Value(doc ? common::attributeText(*doc) : std::string("{}"));
    auto r = co_await call("PutResourcePolicy", body);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  // {PolicyDocument} as the manifest writes it; nullopt when the table has none.
  Awaitable<Result<std::optional<Value>>> readResourcePolicy(std::string arn) {
    auto r = co_await call("GetResourcePolicy", field("ResourceArn", Value(arn)));
    if (!r) {
      if (r.error().code == "PolicyNotFoundException") co_return std::optional<Value>{};
      co_return fail(r.error());
    }
    const Value* policy = r->find("Policy");
    if (!policy) co_return std::optional<Value>{};
    co_return std::optional<Value>(
        field("PolicyDocument", common::parseJsonAttribute(policy->scalarText())));
  }

  Awaitable<Result<bool>> isActive(std::string name) {
    auto t = co_await describeTable(name);
    if (!t) co_return fail(t.error());
    co_return statusOf(*t).empty();
  }

  Awaitable<Result<void>> waitActive(const std::string& name) {
    // A named std::function around a plain (non-coroutine) lambda: GCC 12
    // double-destroys lambda temporaries captured in a co_await expression.
    std::function<Awaitable<Result<bool>>()> ready = [this, name] { return isActive(name); };
    std::string what = "table " + name + " to become ACTIVE";
    auto r = co_await common::waitUntil(std::move(ready), std::move(what), wait_);
    co_return r;
  }

  Awaitable<Result<void>> updateTtl(std::string name, Value ttl, Value live) {
    bool enabled = common::boolLike(ttl.find("Enabled")).value_or(false);
    Value spec = Value::object();
    spec["Enabled"] = Value(enabled);
    // Disabling names the attribute TTL is enabled on now.
    const Value* attr = ttl.find("AttributeName");
    if (!attr) attr = live.find("AttributeName");
    if (!enabled && !attr) co_return Result<void>{};  // already disabled
    spec["AttributeName"] = attr ? *attr : Value("");
    Value body = field("TableName", Value(name));
    body["TimeToLiveSpecification"] = spec;
    auto r = co_await call("UpdateTimeToLive", body);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  Awaitable<Result<void>> updatePitr(std::string name, Value pitr) {
    Value spec = Value::object();
    spec["PointInTimeRecoveryEnabled"] =
        Value(common::boolLike(pitr.find("PointInTimeRecoveryEnabled")).value_or(false));
    if (const Value* d = pitr.find("RecoveryPeriodInDays"))
      if (auto n = common::asJsonInt(*d)) spec["RecoveryPeriodInDays"] = *n;
    Value body = field("TableName", Value(name));
    body["PointInTimeRecoverySpecification"] = spec;
    auto r = co_await call("UpdateContinuousBackups", body);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  Awaitable<Result<Observed>> describe(const Desired& desired) override {
    const std::string named = name(desired);
    co_return co_await describeAs(desired, named, /*observing=*/false);
  }

  // DescribeTable, ListTagsOfResource (saved when `observing` and the cycle's
  // bulk snapshot agrees on the tags) and what else the manifest manages.
  Awaitable<Result<Observed>> describeAs(const Desired& desired, std::string name, bool observing) {
    auto t = co_await describeTable(name);
    if (!t) {
      if (common::isNotFound(t.error())) co_return Observed{};
      co_return fail(t.error());
    }
    Observed o = common::found(name);
    o.properties = fromDescription(*t);
    o.status = statusOf(*t);
    std::string arn = t->find("TableArn") ? t->find("TableArn")->scalarText() : "";
    o.attributes["Arn"] = Value(arn);
    if (const Value* s = t->find("LatestStreamArn")) o.attributes["StreamArn"] = *s;

    std::optional<Value> tags;
    if (observing) tags = co_await common::awaitAgreedTags(ctx_, desired, arn);
    if (!tags) {
      auto listed = co_await listTags(arn);
      if (!listed) {
        if (common::isNotFound(listed.error())) co_return Observed{};
        co_return fail(listed.error());
      }
      tags = std::move(*listed);
    }
    common::setLiveTags(o, std::move(*tags));

    if (desired.properties.find("TimeToLiveSpecification")) {
      auto r = co_await call("DescribeTimeToLive", field("TableName", Value(name)));
      if (!r) co_return fail(r.error());
      const Value* d = r->find("TimeToLiveDescription");
      std::string status =
          d && d->find("TimeToLiveStatus") ? d->find("TimeToLiveStatus")->scalarText() : "DISABLED";
      Value ttl = Value::object();
      ttl["Enabled"] = Value(status == "ENABLED" || status == "ENABLING");
      if (const Value* a = d ? d->find("AttributeName") : nullptr) ttl["AttributeName"] = *a;
      o.properties["TimeToLiveSpecification"] = ttl;
    }
    if (desired.properties.find("PointInTimeRecoverySpecification")) {
      auto r = co_await call("DescribeContinuousBackups", field("TableName", Value(name)));
      if (!r) co_return fail(r.error());
      const Value* d = r->findPath("ContinuousBackupsDescription.PointInTimeRecoveryDescription");
      Value pitr = Value::object();
      const Value* status = d ? d->find("PointInTimeRecoveryStatus") : nullptr;
      pitr["PointInTimeRecoveryEnabled"] = Value(status && status->scalarText() == "ENABLED");
      if (const Value* days = d ? d->find("RecoveryPeriodInDays") : nullptr)
        pitr["RecoveryPeriodInDays"] = *days;
      o.properties["PointInTimeRecoverySpecification"] = pitr;
    }
    if (desired.properties.find("ContributorInsightsSpecification")) {
      auto ci = co_await readContributorInsights(name);
      if (!ci) co_return fail(ci.error());
      o.properties["ContributorInsightsSpecification"] = std::move(*ci);
    }
    if (desired.properties.find("KinesisStreamSpecification")) {
      auto k = co_await readKinesis(name);
      if (!k) co_return fail(k.error());
      if (*k) o.properties["KinesisStreamSpecification"] = std::move(**k);
    }
    if (desired.properties.find("ResourcePolicy")) {
      auto rp = co_await readResourcePolicy(arn);
      if (!rp) co_return fail(rp.error());
      if (*rp) o.properties["ResourcePolicy"] = std::move(**rp);
    }
    co_return o;
  }

  common::WaitOptions wait_;
};

}  // namespace

std::unique_ptr<Provider> makeTableProvider(const ProviderContext& ctx, common::WaitOptions wait) {
  return std::make_unique<TableProvider>(ctx, wait);
}

}  // namespace driftless::dynamodb
