// AWS::SSM::Parameter on the SSM JSON API. SecureString values are read with
// decryption only to compare them; they leave this file masked, except inside
// Observed::properties, which callers hash before storing.
#include "providers/ssm/parameter.h"
#include "providers/aws/client.h"
#include "providers/common/attributes.h"
#include "providers/common/errors.h"
#include "providers/common/json_service.h"
#include "providers/common/provider_base.h"
#include "providers/common/tag_snapshot.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/common/wait.h"
#include "providers/compare.h"
#include "providers/redact.h"
#include "providers/ssm/parameter_listing.h"
#include "providers/ssm/schema.h"

namespace driftless::ssm {

namespace {

using common::withContext;
using redact::kMask;

// AddTagsToResource / RemoveTagsFromResource of a parameter (tagTarget).
const common::JsonTagApi kTags{.service = "ssm",
                               .tagOperation = "AddTagsToResource",
                               .untagOperation = "RemoveTagsFromResource"};

bool isSecure(const Properties& p) {
  const Value* t = p.find("Type");
  return t && t->isString() && t->asString() == "SecureString";
}

class ParameterProvider final : public common::ProviderBase {
 public:
  explicit ParameterProvider(const ProviderContext& ctx)
      : ProviderBase(ctx, parameterTypeInfo()),
        values_(parameterValues(ctx_)),
        metadata_(parameterMetadata(ctx_)) {}

  // Tags compared as a set ignoring ownership tags; a changed value is reported
  // without the value itself: both sides masked.
  Delta diff(const Desired& desired, const Observed& live) const override {
    Properties managed = desired.properties;
    managed.erase("Tags");
    // Intelligent-Tiering lets SSM pick the tier: whichever it chose is not drift.
    if (const Value* t = managed.find("Tier"); t && t->scalarText() == "Intelligent-Tiering")
      managed.erase("Tier");
    Delta d = compareProperties(info_, managed, live.properties);
    for (auto& c : d.changes)
      if (c.path == "Value") {
        if (c.desired) c.desired = Value(kMask);
        if (c.live) c.live = Value(kMask);
      }
    if (const Value* t = desired.properties.find("Tags")) {
      const Value* lt = live.properties.find("Tags");
      Value::Object want = tagMap(*t);
      Value::Object have = lt ? tagMap(*lt) : Value::Object{};
      if (want != have)
        d.changes.push_back({"Tags", *t, lt ? std::optional<Value>(Value(have)) : std::nullopt});
    }
    return d;
  }

  // In a full observation, from GetParameters of 10 names a call (and
  // DescribeParameters of 50 for the metadata) when the cost model chose it
  // (parameter_listing.h); a value to decrypt is read on its own.
  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    const std::string n = name(desired);
    if (decrypts(desired.properties)) co_return co_await read(n, desired.properties, &desired);
    auto listed = co_await common::bulkFind(ctx_, values_, n);
    if (!listed) co_return co_await read(n, desired.properties, &desired);
    if (!listed->item) co_return Observed{};  // in InvalidParameters: absent
    co_return co_await observed(n, desired.properties, *listed->item, &desired);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const std::string n = name(desired);
    Value b = putBody(n, desired.properties);
    b["Overwrite"] = Value(false);
    b["Tags"] = common::tagList(
        common::createTags(desired.properties.find("Tags"), ctx_.ownershipTags(desired.id)));
    if (auto r = co_await call("PutParameter", b, n); !r) co_return fail(r.error());
    co_return co_await read(n, desired.properties);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    const std::string n = name(desired);
    const Properties& p = desired.properties;
    bool put = false;
    for (const char* k :
         {"Type", "Value", "Description", "AllowedPattern", "Tier", "DataType", "Policies"})
      if (delta.differentAt(k)) put = true;
    if (put) {
      Value b = putBody(n, p);
      b["Overwrite"] = Value(true);
      if (auto r = co_await call("PutParameter", b, n); !r) co_return fail(r.error());
    }
    const Value target = tagTarget(n);
    const auto send = common::contextSend(*ctx_.aws, "ssm", "parameter " + n);
    if (auto r = co_await common::updateTags(ctx_, kTags, target, send, desired, live, delta); !r)
      co_return fail(r.error());
    co_return co_await read(n, p);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    std::string n = name(desired, live);
    Value b = Value::object();
    b["Name"] = Value(n);
    auto r = co_await call("DeleteParameter", b, n);
    co_return common::deleted(r);
  }

 private:
  // DescribeParameters' [{PolicyText, PolicyType, PolicyStatus}] as the
  // manifest's list of policy documents (PolicyText is a JSON string).
  static Value policyList(const Value& policies) {
    Value out = Value::array();
    if (!policies.isArray()) return out;
    for (const auto& p : policies.asArray())
      if (const Value* text = p.find("PolicyText"))
        out.push(text->isString() ? common::parseJsonAttribute(text->asString()) : *text);
    return out;
  }

  static Value tagTarget(const std::string& n) {
    Value b = Value::object();
    b["ResourceType"] = Value("Parameter");
    b["ResourceId"] = Value(n);
    return b;
  }

  static Value putBody(const std::string& n, const Properties& p) {
    Value b = Value::object();
    b["Name"] = Value(n);
    for (const char* k : {"Type", "Value", "Description", "AllowedPattern", "Tier", "DataType"})
      if (const Value* v = p.find(k)) b[k] = Value(v->scalarText());
    // Policies: a JSON list, sent as its text.
    if (const Value* v = p.find("Policies")) b["Policies"] = Value(common::attributeText(*v));
    return b;
  }

  // Errors never carry the value: SSM messages may quote the request (a
  // ValidationException about Value), so any message mentioning it is replaced.
  Awaitable<Result<Value>> call(std::string_view op, const Value& body, const std::string& n) {
    auto r = co_await ctx_.aws->json("ssm", op, body);
    if (!r) {
      Error e = r.error();
      if (const Value* v = body.find("Value"); v && v->isString() && !v->asString().empty() &&
                                               e.message.find(v->asString()) != std::string::npos)
        e.message = "ssm:" + std::string(op) + ": the request was rejected (" + e.code +
                    "; message withheld: it quoted the parameter value)";
      co_return fail(withContext(std::move(e), "ssm:" + std::string(op), "parameter " + n));
    }
    co_return std::move(*r);
  }

  // Decrypt only when the manifest manages a SecureString's value: to compare it.
  static bool decrypts(const Properties& desired) {
    return isSecure(desired) && desired.find("Value") != nullptr;
  }

  static bool managesMetadata(const Properties& desired) {
    return desired.find("Description") || desired.find("AllowedPattern") || desired.find("Tier") ||
           desired.find("Policies");
  }

  // `observing`: the resource of a full observation, whose tags may come from
  // the Tagging API snapshot.
  Awaitable<Result<Observed>> read(const std::string& n, const Properties& desired,
                                   const Desired* observing = nullptr) {
    Value b = Value::object();
    b["Name"] = Value(n);
    b["WithDecryption"] = Value(decrypts(desired));
    auto r = co_await call("GetParameter", b, n);
    if (!r) {
      if (r.error().kind == ErrorKind::NotFound) co_return Observed{};
      co_return fail(r.error());
    }
    const Value* param = r->find("Parameter");
    if (!param) co_return Observed{};
    co_return co_await observed(n, desired, *param, observing);
  }

  // The parameter from its GetParameter(s) item, with its metadata and tags.
  Awaitable<Result<Observed>> observed(const std::string& n, const Properties& desired,
                                       const Value& parameter, const Desired* observing) {
    Observed o;
    const Value* param = &parameter;
    o.exists = true;
    o.physicalId = n;
    Properties& p = o.properties;
    p["Name"] = Value(n);
    if (const Value* t = param->find("Type")) p["Type"] = *t;
    if (const Value* v = param->find("Value")) p["Value"] = *v;
    if (const Value* dt = param->find("DataType")) p["DataType"] = *dt;
    o.attributes["Type"] = p["Type"];
    // GetAtt Value of a SecureString is never handed out in clear.
    o.attributes["Value"] = isSecure(p) ? Value(kMask) : p["Value"];
    if (managesMetadata(desired)) {
      std::optional<common::BulkFound> listed;
      if (observing) listed = co_await common::bulkFind(ctx_, metadata_, n);
      if (listed && listed->item) {
        readMetadata(*listed->item, p);
      } else if (!listed) {
        auto d = co_await describe(n);
        if (!d) co_return fail(d.error());
        if (const Value* list = d->find("Parameters"); list && list->isArray())
          for (const auto& meta : list->asArray())
            if (const Value* mn = meta.find("Name"); mn && mn->scalarText() == n)
              readMetadata(meta, p);
      }
      if (!p.find("Tier")) p["Tier"] = Value("Standard");
    }
    const Value* arn = param->find("ARN");
    std::optional<Value> agreed;
    if (observing && arn) {
      std::string arnText = arn->scalarText();
      agreed = co_await common::awaitAgreedTags(ctx_, *observing, std::move(arnText));
    }
    if (agreed) {
      common::setLiveTags(o, Value(tagMap(*agreed, false)));
      co_return o;
    }
    auto tags = co_await call("ListTagsForResource", tagTarget(n), n);
    if (!tags) co_return fail(tags.error());
    Value::Object all;
    if (const Value* t = tags->find("TagList")) all = tagMap(*t, false);
    common::setLiveTags(o, Value(all));  // a {key: value} map, as CloudFormation writes SSM tags
    co_return o;
  }

  // DescribeParameters filtered by this one name.
  Awaitable<Result<Value>> describe(const std::string& n) {
    Value f = Value::object();
    f["Key"] = Value("Name");
    f["Option"] = Value("Equals");
    Value vals = Value::array();
    vals.push(Value(n));
    f["Values"] = std::move(vals);
    Value filters = Value::array();
    filters.push(std::move(f));
    Value db = Value::object();
    db["ParameterFilters"] = std::move(filters);
    co_return co_await call("DescribeParameters", db, n);
  }

  // Description, AllowedPattern, Tier and Policies from a DescribeParameters item.
  static void readMetadata(const Value& meta, Properties& p) {
    for (const char* k : {"Description", "AllowedPattern", "Tier"})
      if (const Value* v = meta.find(k)) p[k] = *v;
    if (const Value* policies = meta.find("Policies")) p["Policies"] = policyList(*policies);
  }

  const common::BulkSource values_;
  const common::BulkSource metadata_;
};

}  // namespace

const common::MakeProvider makeParameterProvider = common::make<ParameterProvider>;

}  // namespace driftless::ssm
