#include "providers/s3/bucket.h"

#include <algorithm>
#include "providers/common/described.h"

#include "providers/aws/client.h"
#include "providers/common/errors.h"
#include "providers/common/tag_snapshot.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/compare.h"
#include "providers/s3/bucket_xml.h"
#include "providers/s3/s3_util.h"
#include "providers/s3/schema.h"

namespace driftless::s3 {

namespace {

// One bucket sub-configuration: the manifest property and its S3 sub-resource.
struct SubConfig {
  std::string_view property;
  std::string_view subresource;
  std::string_view getOperation;
  std::string_view putOperation;
  std::string_view absentCode;  // the Get error meaning "not configured"
  std::string (*toXml)(const Value&);
  Value (*parse)(pugi::xml_node);
};

const std::vector<SubConfig> kSubConfigs = {
    {"VersioningConfiguration", "versioning", "GetBucketVersioning", "PutBucketVersioning", "",
     versioningXml, parseVersioning},
    {"BucketEncryption", "encryption", "GetBucketEncryption", "PutBucketEncryption",
     "ServerSideEncryptionConfigurationNotFoundError", encryptionXml, parseEncryption},
    {"PublicAccessBlockConfiguration", "publicAccessBlock", "GetPublicAccessBlock",
     "PutPublicAccessBlock", "NoSuchPublicAccessBlockConfiguration", publicAccessBlockXml,
     parsePublicAccessBlock},
    {"LifecycleConfiguration", "lifecycle", "GetBucketLifecycleConfiguration",
     "PutBucketLifecycleConfiguration", "NoSuchLifecycleConfiguration", lifecycleXml,
     parseLifecycle},
    {"OwnershipControls", "ownershipControls", "GetBucketOwnershipControls",
     "PutBucketOwnershipControls", "OwnershipControlsNotFoundError", ownershipControlsXml,
     parseOwnershipControls},
    {"LoggingConfiguration", "logging", "GetBucketLogging", "PutBucketLogging", "", loggingXml,
     parseLogging},
    {"AccelerateConfiguration", "accelerate", "GetBucketAccelerateConfiguration",
     "PutBucketAccelerateConfiguration", "", accelerateXml, parseAccelerate},
    {"AbacStatus", "abac", "GetBucketAbac", "PutBucketAbac", "", abacXml, parseAbac},
    {"CorsConfiguration", "cors", "GetBucketCors", "PutBucketCors", "NoSuchCORSConfiguration",
     corsXml, parseCors},
    {"ObjectLockConfiguration", "object-lock", "GetObjectLockConfiguration",
     "PutObjectLockConfiguration", "ObjectLockConfigurationNotFoundError", objectLockXml,
     parseObjectLock},
    {"WebsiteConfiguration", "website", "GetBucketWebsite", "PutBucketWebsite",
     "NoSuchWebsiteConfiguration", websiteXml, parseWebsite},
    {"NotificationConfiguration", "notification", "GetBucketNotificationConfiguration",
     "PutBucketNotificationConfiguration", "", notificationXml, parseNotification},
    {"ReplicationConfiguration", "replication", "GetBucketReplication", "PutBucketReplication",
     "ReplicationConfigurationNotFoundError", replicationXml, parseReplication},
    // A canned ACL travels in the x-amz-acl header (see put); last, so that a
    // OwnershipControls allowing ACLs is in place first.
    {"AccessControl", "acl", "GetBucketAcl", "PutBucketAcl", "", nullptr, parseAcl},
};

// An Id-keyed list of bucket configurations: the manifest property, the S3
// sub-resource, the element each configuration is, its operations and XML.
struct IdConfig {
  std::string_view property;
  std::string_view subresource;
  const char* element;
  std::string_view listOperation;
  std::string_view putOperation;
  std::string_view deleteOperation;
  std::string (*toXml)(const Value&);
  Value (*parse)(pugi::xml_node);
};

const std::vector<IdConfig> kIdConfigs = {
    {"InventoryConfigurations", "inventory", "InventoryConfiguration",
     "ListBucketInventoryConfigurations", "PutBucketInventoryConfiguration",
     "DeleteBucketInventoryConfiguration", inventoryXml, parseInventory},
    {"MetricsConfigurations", "metrics", "MetricsConfiguration", "ListBucketMetricsConfigurations",
     "PutBucketMetricsConfiguration", "DeleteBucketMetricsConfiguration", metricsXml, parseMetrics},
    {"AnalyticsConfigurations", "analytics", "AnalyticsConfiguration",
     "ListBucketAnalyticsConfigurations", "PutBucketAnalyticsConfiguration",
     "DeleteBucketAnalyticsConfiguration", analyticsXml, parseAnalytics},
    {"IntelligentTieringConfigurations", "intelligent-tiering", "IntelligentTieringConfiguration",
     "ListBucketIntelligentTieringConfigurations", "PutBucketIntelligentTieringConfiguration",
     "DeleteBucketIntelligentTieringConfiguration", intelligentTieringXml, parseIntelligentTiering},
};

// The configurations of a list by Id (S3 lists them in its own order).
Value sortedById(const Value& list) {
  if (!list.isArray()) return list;
  Value out = list;
  std::stable_sort(out.asArray().begin(), out.asArray().end(), [](const Value& a, const Value& b) {
    return (a.find("Id") ? a.find("Id")->scalarText() : "") <
           (b.find("Id") ? b.find("Id")->scalarText() : "");
  });
  return out;
}

// IAM action names where they differ from the API operation.
std::string iamAction(std::string_view op) {
  if (op == "GetBucketEncryption") return "s3:GetEncryptionConfiguration";
  if (op == "PutBucketEncryption") return "s3:PutEncryptionConfiguration";
  if (op == "GetPublicAccessBlock") return "s3:GetBucketPublicAccessBlock";
  if (op == "PutPublicAccessBlock") return "s3:PutBucketPublicAccessBlock";
  if (op == "GetBucketLifecycleConfiguration") return "s3:GetLifecycleConfiguration";
  if (op == "PutBucketLifecycleConfiguration") return "s3:PutLifecycleConfiguration";
  if (op == "GetBucketAccelerateConfiguration") return "s3:GetAccelerateConfiguration";
  if (op == "PutBucketAccelerateConfiguration") return "s3:PutAccelerateConfiguration";
  if (op == "GetObjectLockConfiguration") return "s3:GetBucketObjectLockConfiguration";
  if (op == "PutObjectLockConfiguration") return "s3:PutBucketObjectLockConfiguration";
  if (op == "GetBucketCors") return "s3:GetBucketCORS";
  // Inventory, metrics, analytics, intelligent tiering: list = Get, delete = Put.
  for (const auto& ic : kIdConfigs) {
    if (op == ic.listOperation || op == ic.putOperation || op == ic.deleteOperation) {
      std::string noun(ic.element);  // "InventoryConfiguration"
      return std::string(op == ic.listOperation ? "s3:Get" : "s3:Put") + noun;
    }
  }
  if (op == "GetBucketNotificationConfiguration") return "s3:GetBucketNotification";
  if (op == "PutBucketNotificationConfiguration") return "s3:PutBucketNotification";
  if (op == "GetBucketReplication") return "s3:GetReplicationConfiguration";
  if (op == "PutBucketReplication") return "s3:PutReplicationConfiguration";
  if (op == "PutBucketCors") return "s3:PutBucketCORS";
  return "s3:" + std::string(op);
}

// Lifecycle dates are midnight UTC (S3 refuses anything else), written as
// "2030-01-01" or "2030-01-01T00:00:00.000Z" and returned in either form:
// compare the day. The canned ACLs that grant nothing on a bucket
// (BucketOwnerRead, BucketOwnerFullControl) leave it Private.
Properties normalise(const Properties& props) {
  Properties out = props;
  for (const auto& ic : kIdConfigs)
    if (const Value* list = props.find(ic.property)) out[ic.property] = sortedById(*list);
  if (const Value* acl = props.find("AccessControl");
      acl &&
      (acl->scalarText() == "BucketOwnerRead" || acl->scalarText() == "BucketOwnerFullControl"))
    out["AccessControl"] = Value("Private");
  const Value* lc = props.find("LifecycleConfiguration");
  if (!lc || !lc->find("Rules") || !lc->find("Rules")->isArray()) return out;
  auto day = [](Value* v) {
    if (v && v->isString() && v->asString().size() > 10) *v = Value(v->asString().substr(0, 10));
  };
  for (auto& rule : out["LifecycleConfiguration"]["Rules"].asArray()) {
    day(rule.find("ExpirationDate"));
    if (Value* ts = rule.find("Transitions"); ts && ts->isArray())
      for (auto& t : ts->asArray())
        day(t.find("TransitionDate"));
  }
  return out;
}

class BucketProvider final : public common::DescribedProvider {
 public:
  explicit BucketProvider(ProviderContext ctx) : DescribedProvider(ctx, bucketTypeInfo()) {}

  Properties normalise(const Properties& props) const override { return s3::normalise(props); }

  // Observe may take the tags from the cycle's bulk snapshot (common/tag_snapshot.h).
  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    const std::string named = name(desired);
    co_return co_await describeAs(desired, named, /*observing=*/true);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    std::string name = this->name(desired);
    auto createRequest =
        bucketRequest("PUT", name, "", "CreateBucket", createBucketXml(ctx_.region));
    if (common::boolLike(desired.properties.find("ObjectLockEnabled")).value_or(false))
      createRequest.headers.emplace_back("x-amz-bucket-object-lock-enabled", "true");
    auto created = co_await call(std::move(createRequest));
    if (!created) {
      if (created.error().code != "BucketAlreadyOwnedByYou") co_return fail(created.error());
      // Ours by account, perhaps from a create that crashed half way: carry on
      // only if the ownership tags say it is this resource's.
      auto live = co_await describe(desired);
      if (!live) co_return fail(live.error());
      if (!live->owner || !(*live->owner == ctx_.ownership(desired.id))) {
        Error e = created.error();
        e.kind = ErrorKind::Conflict;
        e.message = "bucket " + name + " already exists in this account and is not owned by " +
                    "this controller (set Metadata.driftless.adopt to take it over)";
        co_return fail(std::move(e));
      }
    }
    auto tagged = co_await putTags(
        name, common::createTags(desired.properties.find("Tags"), ctx_.ownershipTags(desired.id)));
    if (!tagged) co_return fail(tagged.error());
    for (const auto& sc : kSubConfigs) {
      const Value* v = desired.properties.find(sc.property);
      if (!v) continue;
      auto r = co_await put(name, sc, *v);
      if (!r) co_return fail(r.error());
    }
    Value none = Value::object();
    for (const auto& ic : kIdConfigs) {
      if (!desired.properties.find(ic.property)) continue;
      auto r = co_await syncIdConfigs(name, ic, desired.properties, none);
      if (!r) co_return fail(r.error());
    }
    co_return co_await describe(desired);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    std::string name = this->name(desired);
    for (const auto& sc : kSubConfigs) {
      const Value* v = desired.properties.find(sc.property);
      if (!v || !delta.differentAt(sc.property)) continue;
      auto r = co_await put(name, sc, *v);
      if (!r) co_return fail(r.error());
    }
    for (const auto& ic : kIdConfigs) {
      if (!desired.properties.find(ic.property) || !delta.differentAt(ic.property)) continue;
      auto r = co_await syncIdConfigs(name, ic, desired.properties, live.properties);
      if (!r) co_return fail(r.error());
    }
    auto change = common::tagUpdate(ctx_, desired, live, delta);
    if (!change.empty()) {
      // S3 has no add/remove tag calls: PutBucketTagging replaces the set.
      auto r = co_await putTags(name, common::applyTagChange(common::liveTags(live), change));
      if (!r) co_return fail(r.error());
    }
    co_return co_await describe(desired);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed&) override {
    std::string name = this->name(desired);
    auto r = co_await call(bucketRequest("DELETE", name, "", "DeleteBucket"));
    if (!r) {
      if (r.error().code == "NoSuchBucket") co_return Result<void>{};
      Error e = r.error();
      if (e.code == "BucketNotEmpty") {
        e.kind = ErrorKind::Conflict;
        e.message = "bucket " + name +
                    " is not empty; driftless never deletes objects: empty it, then the next "
                    "cycle deletes it";
      }
      co_return fail(std::move(e));
    }
    co_return Result<void>{};
  }

 private:
  Awaitable<Result<aws::Xml>> call(aws::RestRequest req) {
    std::string op = req.operation;
    auto r = co_await ctx_.aws->restXml("s3", std::move(req));
    if (!r) co_return fail(common::classify(r.error(), iamAction(op)));
    co_return r;
  }

  Awaitable<Result<void>> put(const std::string& name, const SubConfig& sc, const Value& v) {
    auto req = putRequest(name, sc, v);
    auto r = co_await call(std::move(req));
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  static aws::RestRequest putRequest(const std::string& name, const SubConfig& sc, const Value& v) {
    if (!sc.toXml) {  // AccessControl: a canned ACL is a header, not a body
      auto req = bucketRequest("PUT", name, sc.subresource, std::string(sc.putOperation));
      req.headers.emplace_back("x-amz-acl", cannedAclHeader(v));
      return req;
    }
    Value body = v;
    // Logging without a destination logs into the bucket itself (as in CloudFormation).
    if (sc.property == "LoggingConfiguration" && body.isObject() &&
        !body.find("DestinationBucketName"))
      body["DestinationBucketName"] = Value(name);
    return bucketRequest("PUT", name, sc.subresource, std::string(sc.putOperation), sc.toXml(body));
  }

  // Puts each desired configuration that is missing or differs live, deletes
  // each live one the manifest no longer lists (by Id).
  Awaitable<Result<void>> syncIdConfigs(const std::string& name, const IdConfig& ic,
                                        const Properties& desired, const Properties& live) {
    const PropertySpec& element = info_.property(std::string(ic.property))->element.front();
    const Value* want = desired.find(ic.property);
    const Value* have = live.find(ic.property);
    std::vector<Value> wanted = want && want->isArray() ? want->asArray() : std::vector<Value>{};
    std::vector<Value> had = have && have->isArray() ? have->asArray() : std::vector<Value>{};
    auto byId = [](const std::vector<Value>& in, const std::string& id) -> const Value* {
      for (const auto& c : in)
        if (c.find("Id") && c.find("Id")->scalarText() == id) return &c;
      return nullptr;
    };
    for (const auto& c : wanted) {
      std::string id = c.find("Id") ? c.find("Id")->scalarText() : "";
      const Value* current = byId(had, id);
      if (current && equivalent(element, c, *current)) continue;
      auto req = idRequest("PUT", name, ic, std::string(ic.putOperation), id, ic.toXml(c));
      auto r = co_await call(std::move(req));
      if (!r) co_return fail(r.error());
    }
    for (const auto& c : had) {
      std::string id = c.find("Id") ? c.find("Id")->scalarText() : "";
      if (byId(wanted, id)) continue;
      auto req = idRequest("DELETE", name, ic, std::string(ic.deleteOperation), id, "");
      auto r = co_await call(std::move(req));
      if (!r) co_return fail(r.error());
    }
    co_return Result<void>{};
  }

  static aws::RestRequest idRequest(std::string method, const std::string& name, const IdConfig& ic,
                                    std::string operation, const std::string& id,
                                    std::string body) {
    auto req = bucketRequest(std::move(method), name, ic.subresource, std::move(operation),
                             std::move(body));
    req.query.emplace_back("id", id);
    return req;
  }

  // Every configuration of the list, page by page, sorted by Id.
  Awaitable<Result<Value>> listIdConfigs(const std::string& name, const IdConfig& ic) {
    Value out = Value::array();
    std::string token;
    do {
      auto req = bucketRequest("GET", name, ic.subresource, std::string(ic.listOperation));
      if (!token.empty()) req.query.emplace_back("continuation-token", token);
      auto r = co_await call(std::move(req));
      if (!r) co_return fail(r.error());
      for (auto c : r->root().children(ic.element))
        out.push(ic.parse(c));
      bool truncated = std::string(r->root().child_value("IsTruncated")) == "true";
      token = truncated ? r->root().child_value("NextContinuationToken") : "";
    } while (!token.empty());
    co_return sortedById(out);
  }

  Awaitable<Result<void>> putTags(const std::string& name, const Value::Object& tags) {
    auto r =
        co_await call(bucketRequest("PUT", name, "tagging", "PutBucketTagging", taggingXml(tags)));
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  static bool managesSubConfig(const Desired& desired) {
    for (const auto& sc : kSubConfigs)
      if (desired.properties.find(sc.property)) return true;
    return false;
  }

  Awaitable<Result<Observed>> describe(const Desired& desired) override {
    const std::string named = name(desired);
    co_return co_await describeAs(desired, named, /*observing=*/false);
  }

  Awaitable<Result<Observed>> describeAs(const Desired& desired, const std::string& name,
                                         bool observing) {
    // GetBucketTagging doubles as the existence check, so an observe costs one
    // call plus one per managed sub-configuration. When `observing`, the
    // cycle's bulk snapshot agrees on the tags and a sub-configuration is
    // managed (its GET answers NoSuchBucket for a missing bucket), one less.
    std::optional<Value> bulk;
    if (observing && managesSubConfig(desired)) {
      std::string arn = "arn:" + ctx_.partition + ":s3:::" + name;
      bulk = co_await common::awaitAgreedTags(ctx_, desired, std::move(arn));
    }
    Value tags = bulk ? std::move(*bulk) : Value::array();
    if (!bulk) {
      auto t = co_await call(bucketRequest("GET", name, "tagging", "GetBucketTagging"));
      if (!t) {
        if (t.error().code == "NoSuchBucket") co_return Observed{};
        if (t.error().code != "NoSuchTagSet") co_return fail(t.error());
      } else {
        tags = parseTagging(t->root());
      }
    }
    Observed o = common::found(name);
    o.properties["BucketName"] = Value(name);
    for (const auto& sc : kSubConfigs) {
      if (!desired.properties.find(sc.property)) continue;
      auto r =
          co_await call(bucketRequest("GET", name, sc.subresource, std::string(sc.getOperation)));
      if (!r) {
        if (!sc.absentCode.empty() && r.error().code == sc.absentCode) continue;
        if (r.error().code == "NoSuchBucket") co_return Observed{};
        co_return fail(r.error());
      }
      Value v = sc.parse(r->root());
      if (!v.isObject() || v.size() > 0) o.properties[sc.property] = std::move(v);
    }
    for (const auto& ic : kIdConfigs) {
      if (!desired.properties.find(ic.property)) continue;
      auto list = co_await listIdConfigs(name, ic);
      if (!list) {
        if (list.error().code == "NoSuchBucket") co_return Observed{};
        co_return fail(list.error());
      }
      o.properties[ic.property] = std::move(*list);
    }
    if (desired.properties.find("ObjectLockEnabled")) {
      // Set at creation only; a bucket without it has no object-lock configuration.
      auto r =
          co_await call(bucketRequest("GET", name, "object-lock", "GetObjectLockConfiguration"));
      if (!r && r.error().code != "ObjectLockConfigurationNotFoundError") co_return fail(r.error());
      o.properties["ObjectLockEnabled"] =
          Value(r && std::string(r->root().child_value("ObjectLockEnabled")) == "Enabled");
    }
    o.owner = ownershipFromTags(tags);
    o.properties["Tags"] = std::move(tags);
    const std::string& region = ctx_.region;
    o.attributes["Arn"] = Value("arn:" + ctx_.partition + ":s3:::" + name);
    o.attributes["DomainName"] = Value(name + ".s3.amazonaws.com");
    o.attributes["DualStackDomainName"] =
        Value(name + ".s3.dualstack." + region + ".amazonaws.com");
    o.attributes["RegionalDomainName"] = Value(name + ".s3." + region + ".amazonaws.com");
    o.attributes["WebsiteURL"] =
        Value("http://" + name + ".s3-website-" + region + ".amazonaws.com");
    co_return o;
  }
};

}  // namespace

const common::MakeProvider makeBucketProvider = common::make<BucketProvider>;

}  // namespace driftless::s3
