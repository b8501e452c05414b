// AWS::Logs::LogGroup on the CloudWatch Logs JSON API.
#include "providers/logs/log_group.h"
#include "providers/aws/client.h"
#include "providers/common/errors.h"
#include "providers/common/json_service.h"
#include "providers/common/provider_base.h"
#include "providers/common/tag_snapshot.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/common/wait.h"
#include "providers/compare.h"
#include "providers/logs/log_group_listing.h"
#include "providers/logs/schema.h"

namespace driftless::logs {

namespace {

using common::withContext;

// TagResource / UntagResource of the log group's ARN, tags a {key: value} map.
const common::JsonTagApi kTags = common::lowerCamelTags("logs", /*asMap=*/true);

// A request body of one string field: {"logGroupName": "..."}.
Value field(const char* name, const std::string& value) {
  Value b = Value::object();
  b[name] = Value(value);
  return b;
}

// Boolean settings, each in DescribeLogGroups (false when absent) and set by
// its own call.
struct Flag {
  const char* property;
  const char* api;
  const char* op;
};
constexpr Flag kFlags[] = {
    {"DeletionProtectionEnabled", "deletionProtectionEnabled", "PutLogGroupDeletionProtection"},
    {"BearerTokenAuthenticationEnabled", "bearerTokenAuthenticationEnabled",
     "PutBearerTokenAuthentication"}};

// Policy documents, each put and read with calls of its own.
struct PolicySetting {
  std::string_view property;
  std::string_view putOp;
  std::string_view getOp;
};
constexpr PolicySetting kPolicies[] = {
    {"DataProtectionPolicy", "PutDataProtectionPolicy", "GetDataProtectionPolicy"},
    {"ResourcePolicyDocument", "PutResourcePolicy", "DescribeResourcePolicies"},
    {"FieldIndexPolicies", "PutIndexPolicy", "DescribeIndexPolicies"}};

std::string documentText(const Value& doc) {
  return doc.isString() ? doc.asString() : doc.toJson();
}

Value parsedDocument(const Value* text) {
  if (text && text->isString())
    if (auto v = Value::fromJson(text->asString())) return *v;
  return Value::object();
}

// The Put request (with `doc`) or the Get request (without) of a policy; null
// when there is nothing to put (an empty FieldIndexPolicies list).
Value policyRequest(const PolicySetting& ps, const std::string& n, const std::string& arn,
                    const Value* doc) {
  Value b = Value::object();
  if (ps.property == "ResourcePolicyDocument") {
    b["resourceArn"] = Value(arn);
    if (!doc) b["policyScope"] = Value("RESOURCE");
  } else if (ps.property == "FieldIndexPolicies" && !doc) {
    b["logGroupIdentifiers"] = Value(Value::Array{Value(n)});
  } else {
    b["logGroupIdentifier"] = Value(n);
  }
  if (doc && ps.property == "FieldIndexPolicies") {
    if (!doc->isArray() || doc->size() == 0) return Value();
    b["policyDocument"] = Value(documentText(doc->asArray()[0]));
  } else if (doc) {
    b["policyDocument"] = Value(documentText(*doc));
  }
  return b;
}

// The manifest's value from a Get answer: the document; for FieldIndexPolicies
// the list of the log group's own index policies.
Value policyFromAnswer(const PolicySetting& ps, const Value& answer) {
  if (ps.property == "DataProtectionPolicy") return parsedDocument(answer.find("policyDocument"));
  const char* listName = ps.property == "FieldIndexPolicies" ? "indexPolicies" : "resourcePolicies";
  Value out = Value::array();
  if (const Value* list = answer.find(listName); list && list->isArray())
    for (const auto& e : list->asArray()) {
      const Value* source = e.find("source");
      if (source && source->scalarText() != "LOG_GROUP") continue;  // account-wide
      out.push(parsedDocument(e.find("policyDocument")));
    }
  if (ps.property == "FieldIndexPolicies") return out;
  return out.size() > 0 ? out.asArray()[0] : Value::object();
}

class LogGroupProvider final : public common::ProviderBase {
 public:
  explicit LogGroupProvider(const ProviderContext& ctx) : ProviderBase(ctx, logGroupTypeInfo()) {}

  // In a full observation, from the one DescribeLogGroups listing of the
  // prefix the observation's log groups share, when the cost model chose it
  // (log_group_listing.h).
  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    const std::string n = name(desired);
    const std::string prefix = co_await common::expectedPrefix(ctx_, info_.type);
    const common::BulkSource listing = logGroupListing(ctx_, prefix);
    auto listed = co_await common::bulkFind(ctx_, listing, n);
    if (!listed) co_return co_await read(n, desired.properties, &desired);
    if (!listed->item) co_return Observed{};  // not in the listing: absent
    co_return co_await observed(n, desired.properties, *listed->item, &desired);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const std::string n = name(desired);
    const Properties& p = desired.properties;
    Value body = Value::object();
    body["logGroupName"] = Value(n);
    if (const Value* k = p.find("KmsKeyId")) body["kmsKeyId"] = Value(k->scalarText());
    if (const Value* c = p.find("LogGroupClass")) body["logGroupClass"] = Value(c->scalarText());
    Value tags = Value::object();
    for (auto& [k, v] : common::createTags(p.find("Tags"), ctx_.ownershipTags(desired.id)))
      tags[k] = v;
    body["tags"] = std::move(tags);
    if (auto on = common::boolLike(p.find("DeletionProtectionEnabled")))
      body["deletionProtectionEnabled"] = Value(*on);
    if (auto r = co_await call("CreateLogGroup", body, n); !r) co_return fail(r.error());
    if (auto days = common::intLike(p.find("RetentionInDays"))) {
      Value b = field("logGroupName", n);
      b["retentionInDays"] = Value(*days);
      if (auto r = co_await call("PutRetentionPolicy", b, n); !r) co_return fail(r.error());
    }
    if (common::boolLike(p.find("BearerTokenAuthenticationEnabled")) == true)
      if (auto r = co_await putFlag(kFlags[1], n, p); !r) co_return fail(r.error());
    if (auto r = co_await putPolicies(n, p); !r) co_return fail(r.error());
    co_return co_await read(n, p);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    const std::string n = name(desired);
    const Properties& p = desired.properties;
    if (delta.differentAt("RetentionInDays")) {
      Value b = field("logGroupName", n);
      if (auto days = common::intLike(p.find("RetentionInDays"))) {
        b["retentionInDays"] = Value(*days);
        if (auto r = co_await call("PutRetentionPolicy", b, n); !r) co_return fail(r.error());
      } else if (auto r = co_await call("DeleteRetentionPolicy", b, n); !r) {
        co_return fail(r.error());
      }
    }
    if (delta.differentAt("KmsKeyId")) {
      Value b = field("logGroupName", n);
      if (const Value* k = p.find("KmsKeyId")) {
        b["kmsKeyId"] = Value(k->scalarText());
        if (auto r = co_await call("AssociateKmsKey", b, n); !r) co_return fail(r.error());
      } else if (auto r = co_await call("DisassociateKmsKey", b, n); !r) {
        co_return fail(r.error());
      }
    }
    for (const auto& f : kFlags)
      if (delta.differentAt(f.property))
        if (auto r = co_await putFlag(f, n, p); !r) co_return fail(r.error());
    if (auto r = co_await putPolicies(n, p, &delta); !r) co_return fail(r.error());
    const Value target = field("resourceArn", tagArn(live));
    const auto send = common::contextSend(*ctx_.aws, "logs", "log group " + n);
    if (auto r = co_await common::updateTags(ctx_, kTags, target, send, desired, live, delta); !r)
      co_return fail(r.error());
    co_return co_await read(n, p);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    const std::string n = name(desired, live);
    Value b = field("logGroupName", n);
    auto r = co_await call("DeleteLogGroup", b, n);
    co_return common::deleted(r);
  }

 private:
  // The ARN tagging APIs take: without the ":*" suffix DescribeLogGroups adds.
  static std::string tagArn(const Observed& live) {
    const Value* a = live.attributes.find("Arn");
    std::string arn = a ? a->scalarText() : "";
    if (arn.ends_with(":*")) arn.resize(arn.size() - 2);
    return arn;
  }

  Awaitable<Result<Value>> call(std::string_view op, const Value& body, const std::string& n) {
    auto r = co_await ctx_.aws->json("logs", op, body);
    if (!r) co_return fail(withContext(r.error(), "logs:" + std::string(op), "log group " + n));
    co_return std::move(*r);
  }

  Awaitable<Result<Value>> putFlag(const Flag& f, const std::string& n, const Properties& p) {
    Value b = field("logGroupIdentifier", n);
    b[f.api] = Value(common::boolLike(p.find(f.property)).value_or(false));
    co_return co_await call(f.op, b, n);
  }

  // A policy document (JSON, sent as text), put with its own call.
  Awaitable<Result<Value>> putPolicy(const PolicySetting& ps, const std::string& n,
                                     const Properties& p) {
    const Value* doc = p.find(ps.property);
    if (!doc) co_return Value::object();
    const Value body = policyRequest(ps, n, groupArn(n), doc);
    if (body.isNull()) co_return Value::object();
    co_return co_await call(ps.putOp, body, n);
  }

  // The policy documents: all of them (create), or those `delta` changes (update).
  Awaitable<Result<void>> putPolicies(const std::string& n, const Properties& p,
                                      const Delta* delta = nullptr) {
    for (const auto& ps : kPolicies)
      if (!delta || delta->differentAt(ps.property))
        if (auto r = co_await putPolicy(ps, n, p); !r) co_return fail(r.error());
    co_return Result<void>{};
  }

  // The policies read with their own calls, only when the manifest manages them.
  Awaitable<Result<void>> readPolicies(const std::string& n, const Properties& desired,
                                       Properties& out) {
    for (const auto& ps : kPolicies) {
      if (!desired.find(ps.property)) continue;
      const Value request = policyRequest(ps, n, groupArn(n), nullptr);
      auto r = co_await call(ps.getOp, request, n);
      if (!r) co_return fail(r.error());
      out[ps.property] = policyFromAnswer(ps, *r);
    }
    co_return Result<void>{};
  }

  std::string groupArn(const std::string& n) const {
    return "arn:" + ctx_.partition + ":logs:" + ctx_.region + ":" + ctx_.accountId +
           ":log-group:" + n;
  }

  // `observing`: the resource of a full observation, whose tags may come from
  // the Tagging API snapshot.
  Awaitable<Result<Observed>> read(const std::string& n, const Properties& desired,
                                   const Desired* observing = nullptr) {
    Observed o;
    Value group;
    std::string token;
    for (int page = 0; page < 100 && group.isNull(); ++page) {
      Value b = field("logGroupNamePrefix", n);
      if (!token.empty()) b["nextToken"] = Value(token);
      auto r = co_await call("DescribeLogGroups", b, n);
      if (!r) co_return fail(r.error());
      if (const Value* groups = r->find("logGroups"); groups && groups->isArray())
        for (const auto& g : groups->asArray())
          if (const Value* gn = g.find("logGroupName"); gn && gn->scalarText() == n) group = g;
      const Value* next = r->find("nextToken");
      if (!next || !next->isString() || next->asString().empty()) break;
      token = next->asString();
    }
    if (group.isNull()) co_return o;  // absent
    co_return co_await observed(n, desired, group, observing);
  }

  // The log group from its DescribeLogGroups item, with the reads beyond it.
  Awaitable<Result<Observed>> observed(const std::string& n, const Properties& desired,
                                       const Value& group, const Desired* observing) {
    Observed o;
    o.exists = true;
    o.physicalId = n;
    Properties& p = o.properties;
    p["LogGroupName"] = Value(n);
    if (const Value* d = group.find("retentionInDays")) p["RetentionInDays"] = *d;
    if (const Value* k = group.find("kmsKeyId")) p["KmsKeyId"] = *k;
    const Value* cls = group.find("logGroupClass");
    p["LogGroupClass"] = cls ? *cls : Value("STANDARD");
    for (const auto& f : kFlags) {
      const Value* v = group.find(f.api);
      p[f.property] = Value(v && v->isBool() && v->asBool());
    }
    if (auto r = co_await readPolicies(n, desired, p); !r) co_return fail(r.error());
    std::string arn;
    if (const Value* a = group.find("logGroupArn"))
      arn = a->scalarText();
    else if (const Value* a2 = group.find("arn"))
      arn = a2->scalarText();
    if (arn.ends_with(":*")) arn.resize(arn.size() - 2);
    if (arn.empty())
      arn = "arn:" + ctx_.partition + ":logs:" + ctx_.region + ":" + ctx_.accountId +
            ":log-group:" + n;
    // GetAtt Arn is the log group ARN with ":*", as CloudFormation returns it.
    o.attributes["Arn"] = Value(arn + ":*");
    std::optional<Value> agreed;
    if (observing) {
      std::string arnText = arn;
      agreed = co_await common::awaitAgreedTags(ctx_, *observing, std::move(arnText));
    }
    if (agreed) {
      common::setLiveTags(o, *agreed);
      co_return o;
    }
    Value b = field("resourceArn", arn);
    auto tags = co_await call("ListTagsForResource", b, n);
    if (!tags) co_return fail(tags.error());
    Value::Object all;
    if (const Value* t = tags->find("tags")) all = tagMap(*t, false);
    common::setLiveTags(o, common::tagList(all));
    co_return o;
  }
};

}  // namespace

const common::MakeProvider makeLogGroupProvider = common::make<LogGroupProvider>;

}  // namespace driftless::logs
