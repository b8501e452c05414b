#include "providers/s3/bucket_xml.h"

#include <cctype>
#include <cstring>
#include <initializer_list>
#include <set>

#include "providers/common/validate.h"
#include "providers/s3/s3_util.h"

namespace driftless::s3 {

namespace {

std::string text(const Value* v) {
  return v ? v->scalarText() : "";
}

// Child text as a manifest value: integers as numbers, "true"/"false" as booleans.
void setInt(Value& out, const char* name, pugi::xml_node n) {
  if (!n) return;
  auto v = Value(std::string(n.child_value()));
  if (auto i = common::intLike(&v)) out[name] = Value(*i);
}
void setBool(Value& out, const char* name, pugi::xml_node n) {
  if (!n) return;
  out[name] = Value(std::strcmp(n.child_value(), "true") == 0);
}
void setString(Value& out, const char* name, pugi::xml_node n) {
  if (!n) return;
  out[name] = Value(std::string(n.child_value()));
}

}  // namespace

std::string versioningXml(const Value& vc) {
  auto doc = newDocument("VersioningConfiguration");
  addText(doc.document_element(), "Status", text(vc.find("Status")));
  return toString(doc);
}

Value parseVersioning(pugi::xml_node root) {
  Value out = Value::object();
  setString(out, "Status", root.child("Status"));
  return out;
}

std::string encryptionXml(const Value& be) {
  auto doc = newDocument("ServerSideEncryptionConfiguration");
  const Value* rules = be.find("ServerSideEncryptionConfiguration");
  if (rules && rules->isArray()) {
    for (const auto& r : rules->asArray()) {
      auto rule = doc.document_element().append_child("Rule");
      if (const Value* d = r.find("ServerSideEncryptionByDefault")) {
        auto def = rule.append_child("ApplyServerSideEncryptionByDefault");
        addText(def, "SSEAlgorithm", text(d->find("SSEAlgorithm")));
        if (const Value* k = d->find("KMSMasterKeyID")) addText(def, "KMSMasterKeyID", text(k));
      }
      if (const Value* b = r.find("BucketKeyEnabled"))
        addText(rule, "BucketKeyEnabled", boolText(*b));
    }
  }
  return toString(doc);
}

Value parseEncryption(pugi::xml_node root) {
  Value rules = Value::array();
  for (auto rule : root.children("Rule")) {
    Value r = Value::object();
    if (auto d = rule.child("ApplyServerSideEncryptionByDefault")) {
      Value def = Value::object();
      setString(def, "SSEAlgorithm", d.child("SSEAlgorithm"));
      if (d.child("KMSMasterKeyID") && *d.child_value("KMSMasterKeyID"))
        setString(def, "KMSMasterKeyID", d.child("KMSMasterKeyID"));
      r["ServerSideEncryptionByDefault"] = def;
    }
    setBool(r, "BucketKeyEnabled", rule.child("BucketKeyEnabled"));
    // S3 reports BucketKeyEnabled=false when never set; that is its default.
    if (!r.find("BucketKeyEnabled")) r["BucketKeyEnabled"] = Value(false);
    rules.push(std::move(r));
  }
  Value out = Value::object();
  out["ServerSideEncryptionConfiguration"] = rules;
  return out;
}

namespace {
const char* const kPublicAccessFields[] = {"BlockPublicAcls", "BlockPublicPolicy",
                                           "IgnorePublicAcls", "RestrictPublicBuckets"};
}

std::string publicAccessBlockXml(const Value& c) {
  auto doc = newDocument("PublicAccessBlockConfiguration");
  for (const char* f : kPublicAccessFields) {
    const Value* v = c.find(f);
    addText(doc.document_element(), f, v ? boolText(*v) : "false");
  }
  return toString(doc);
}

Value parsePublicAccessBlock(pugi::xml_node root) {
  Value out = Value::object();
  for (const char* f : kPublicAccessFields) {
    out[f] = Value(std::strcmp(root.child_value(f), "true") == 0);
  }
  return out;
}

std::string lifecycleXml(const Value& lc) {
  auto doc = newDocument("LifecycleConfiguration");
  const Value* rules = lc.find("Rules");
  if (!rules || !rules->isArray()) return toString(doc);
  for (const auto& r : rules->asArray()) {
    auto rule = doc.document_element().append_child("Rule");
    if (r.find("ExpirationDate") || r.find("ExpirationInDays") ||
        r.find("ExpiredObjectDeleteMarker")) {
      auto e = rule.append_child("Expiration");
      if (const Value* v = r.find("ExpirationDate")) addText(e, "Date", text(v));
      if (const Value* v = r.find("ExpirationInDays")) addText(e, "Days", text(v));
      if (const Value* v = r.find("ExpiredObjectDeleteMarker"))
        addText(e, "ExpiredObjectDeleteMarker", boolText(*v));
    }
    if (const Value* v = r.find("Id")) addText(rule, "ID", text(v));
    // Filter: one condition directly, several inside <And>.
    int conditions = 0;
    const Value* tags = r.find("TagFilters");
    if (r.find("Prefix")) ++conditions;
    if (tags && tags->isArray()) conditions += static_cast<int>(tags->size());
    if (r.find("ObjectSizeGreaterThan")) ++conditions;
    if (r.find("ObjectSizeLessThan")) ++conditions;
    auto filter = rule.append_child("Filter");
    auto into = conditions > 1 ? filter.append_child("And") : filter;
    if (const Value* v = r.find("Prefix")) addText(into, "Prefix", text(v));
    if (conditions == 0) addText(into, "Prefix", "");
    if (tags && tags->isArray()) {
      for (const auto& t : tags->asArray()) {
        auto tag = into.append_child("Tag");
        addText(tag, "Key", text(t.find("Key")));
        addText(tag, "Value", text(t.find("Value")));
      }
    }
    if (const Value* v = r.find("ObjectSizeGreaterThan"))
      addText(into, "ObjectSizeGreaterThan", text(v));
    if (const Value* v = r.find("ObjectSizeLessThan")) addText(into, "ObjectSizeLessThan", text(v));
    addText(rule, "Status", text(r.find("Status")));
    if (const Value* ts = r.find("Transitions"); ts && ts->isArray()) {
      for (const auto& t : ts->asArray()) {
        auto x = rule.append_child("Transition");
        if (const Value* v = t.find("TransitionDate")) addText(x, "Date", text(v));
        if (const Value* v = t.find("TransitionInDays")) addText(x, "Days", text(v));
        addText(x, "StorageClass", text(t.find("StorageClass")));
      }
    }
    if (const Value* ts = r.find("NoncurrentVersionTransitions"); ts && ts->isArray()) {
      for (const auto& t : ts->asArray()) {
        auto x = rule.append_child("NoncurrentVersionTransition");
        addText(x, "NoncurrentDays", text(t.find("TransitionInDays")));
        addText(x, "StorageClass", text(t.find("StorageClass")));
        if (const Value* v = t.find("NewerNoncurrentVersions"))
          addText(x, "NewerNoncurrentVersions", text(v));
      }
    }
    const Value* nve = r.find("NoncurrentVersionExpiration");
    const Value* nveDays = r.find("NoncurrentVersionExpirationInDays");
    if (nve || nveDays) {
      auto x = rule.append_child("NoncurrentVersionExpiration");
      addText(x, "NoncurrentDays", text(nve ? nve->find("NoncurrentDays") : nveDays));
      if (const Value* v = nve ? nve->find("NewerNoncurrentVersions") : nullptr)
        addText(x, "NewerNoncurrentVersions", text(v));
    }
    if (const Value* a = r.find("AbortIncompleteMultipartUpload")) {
      auto x = rule.append_child("AbortIncompleteMultipartUpload");
      addText(x, "DaysAfterInitiation", text(a->find("DaysAfterInitiation")));
    }
  }
  return toString(doc);
}

Value parseLifecycle(pugi::xml_node root) {
  Value rules = Value::array();
  for (auto rule : root.children("Rule")) {
    Value r = Value::object();
    setString(r, "Id", rule.child("ID"));
    setString(r, "Status", rule.child("Status"));
    auto filter = rule.child("Filter");
    auto conds = filter.child("And") ? filter.child("And") : filter;
    if (conds.child("Prefix"))
      setString(r, "Prefix", conds.child("Prefix"));
    else if (rule.child("Prefix"))
      setString(r, "Prefix", rule.child("Prefix"));
    Value tags = Value::array();
    for (auto t : conds.children("Tag")) {
      Value tag = Value::object();
      setString(tag, "Key", t.child("Key"));
      setString(tag, "Value", t.child("Value"));
      tags.push(std::move(tag));
    }
    if (tags.size() > 0) r["TagFilters"] = tags;
    setInt(r, "ObjectSizeGreaterThan", conds.child("ObjectSizeGreaterThan"));
    setInt(r, "ObjectSizeLessThan", conds.child("ObjectSizeLessThan"));
    if (auto e = rule.child("Expiration")) {
      setString(r, "ExpirationDate", e.child("Date"));
      setInt(r, "ExpirationInDays", e.child("Days"));
      setBool(r, "ExpiredObjectDeleteMarker", e.child("ExpiredObjectDeleteMarker"));
    }
    Value transitions = Value::array();
    for (auto t : rule.children("Transition")) {
      Value x = Value::object();
      setString(x, "TransitionDate", t.child("Date"));
      setInt(x, "TransitionInDays", t.child("Days"));
      setString(x, "StorageClass", t.child("StorageClass"));
      transitions.push(std::move(x));
    }
    if (transitions.size() > 0) r["Transitions"] = transitions;
    Value nvts = Value::array();
    for (auto t : rule.children("NoncurrentVersionTransition")) {
      Value x = Value::object();
      setInt(x, "TransitionInDays", t.child("NoncurrentDays"));
      setString(x, "StorageClass", t.child("StorageClass"));
      setInt(x, "NewerNoncurrentVersions", t.child("NewerNoncurrentVersions"));
      nvts.push(std::move(x));
    }
    if (nvts.size() > 0) r["NoncurrentVersionTransitions"] = nvts;
    if (auto e = rule.child("NoncurrentVersionExpiration")) {
      // Both CloudFormation spellings describe this one element.
      Value x = Value::object();
      setInt(x, "NoncurrentDays", e.child("NoncurrentDays"));
      setInt(x, "NewerNoncurrentVersions", e.child("NewerNoncurrentVersions"));
      if (const Value* d = x.find("NoncurrentDays")) r["NoncurrentVersionExpirationInDays"] = *d;
      r["NoncurrentVersionExpiration"] = x;
    }
    if (auto a = rule.child("AbortIncompleteMultipartUpload")) {
      Value x = Value::object();
      setInt(x, "DaysAfterInitiation", a.child("DaysAfterInitiation"));
      r["AbortIncompleteMultipartUpload"] = x;
    }
    rules.push(std::move(r));
  }
  Value out = Value::object();
  out["Rules"] = rules;
  return out;
}

std::string ownershipControlsXml(const Value& oc) {
  auto doc = newDocument("OwnershipControls");
  if (const Value* rules = oc.find("Rules"); rules && rules->isArray()) {
    for (const auto& r : rules->asArray()) {
      auto rule = doc.document_element().append_child("Rule");
      addText(rule, "ObjectOwnership", text(r.find("ObjectOwnership")));
    }
  }
  return toString(doc);
}

Value parseOwnershipControls(pugi::xml_node root) {
  Value rules = Value::array();
  for (auto rule : root.children("Rule")) {
    Value r = Value::object();
    setString(r, "ObjectOwnership", rule.child("ObjectOwnership"));
    rules.push(std::move(r));
  }
  Value out = Value::object();
  out["Rules"] = rules;
  return out;
}

std::string loggingXml(const Value& logging) {
  auto doc = newDocument("BucketLoggingStatus");
  auto enabled = doc.document_element().append_child("LoggingEnabled");
  addText(enabled, "TargetBucket", text(logging.find("DestinationBucketName")));
  addText(enabled, "TargetPrefix", text(logging.find("LogFilePrefix")));
  return toString(doc);
}

Value parseLogging(pugi::xml_node root) {
  Value out = Value::object();
  auto enabled = root.child("LoggingEnabled");
  if (!enabled) return out;
  setString(out, "DestinationBucketName", enabled.child("TargetBucket"));
  out["LogFilePrefix"] = Value(std::string(enabled.child_value("TargetPrefix")));
  return out;
}

std::string objectLockXml(const Value& objectLock) {
  auto doc = newDocument("ObjectLockConfiguration");
  auto root = doc.document_element();
  // S3 requires ObjectLockEnabled in every configuration; "Enabled" is its only value.
  addText(root, "ObjectLockEnabled", "Enabled");
  if (const Value* d = objectLock.findPath("Rule.DefaultRetention")) {
    auto retention = root.append_child("Rule").append_child("DefaultRetention");
    for (const char* k : {"Mode", "Days", "Years"})
      if (const Value* v = d->find(k)) addText(retention, k, text(v));
  }
  return toString(doc);
}

Value parseObjectLock(pugi::xml_node root) {
  Value out = Value::object();
  setString(out, "ObjectLockEnabled", root.child("ObjectLockEnabled"));
  if (auto d = root.child("Rule").child("DefaultRetention")) {
    Value retention = Value::object();
    setString(retention, "Mode", d.child("Mode"));
    setInt(retention, "Days", d.child("Days"));
    setInt(retention, "Years", d.child("Years"));
    out["Rule"]["DefaultRetention"] = std::move(retention);
  }
  return out;
}

std::string accelerateXml(const Value& accelerate) {
  auto doc = newDocument("AccelerateConfiguration");
  addText(doc.document_element(), "Status", text(accelerate.find("AccelerationStatus")));
  return toString(doc);
}

Value parseAccelerate(pugi::xml_node root) {
  Value out = Value::object();
  setString(out, "AccelerationStatus", root.child("Status"));
  return out;
}

std::string abacXml(const Value& status) {
  auto doc = newDocument("AbacStatus");
  addText(doc.document_element(), "Status", status.scalarText());
  return toString(doc);
}

Value parseAbac(pugi::xml_node root) {
  std::string status = root.child("Status").child_value();
  return Value(status.empty() ? "Disabled" : status);
}

namespace {
// CORS list fields: manifest name → XML element (repeated).
constexpr std::pair<const char*, const char*> kCorsLists[] = {{"AllowedHeaders", "AllowedHeader"},
                                                              {"AllowedMethods", "AllowedMethod"},
                                                              {"AllowedOrigins", "AllowedOrigin"},
                                                              {"ExposedHeaders", "ExposeHeader"}};
}  // namespace

std::string corsXml(const Value& cors) {
  auto doc = newDocument("CORSConfiguration");
  if (const Value* rules = cors.find("CorsRules"); rules && rules->isArray()) {
    for (const auto& r : rules->asArray()) {
      auto rule = doc.document_element().append_child("CORSRule");
      if (const Value* id = r.find("Id")) addText(rule, "ID", text(id));
      for (const auto& [field, element] : kCorsLists)
        if (const Value* l = r.find(field); l && l->isArray())
          for (const auto& e : l->asArray())
            addText(rule, element, e.scalarText());
      if (const Value* m = r.find("MaxAge")) addText(rule, "MaxAgeSeconds", text(m));
    }
  }
  return toString(doc);
}

Value parseCors(pugi::xml_node root) {
  Value rules = Value::array();
  for (auto rule : root.children("CORSRule")) {
    Value r = Value::object();
    setString(r, "Id", rule.child("ID"));
    for (const auto& [field, element] : kCorsLists) {
      Value l = Value::array();
      for (auto e : rule.children(element))
        l.push(Value(std::string(e.child_value())));
      if (l.size() > 0) r[field] = std::move(l);
    }
    setInt(r, "MaxAge", rule.child("MaxAgeSeconds"));
    rules.push(std::move(r));
  }
  Value out = Value::object();
  if (rules.size() > 0) out["CorsRules"] = std::move(rules);
  return out;
}

std::string taggingXml(const Value::Object& tags) {
  auto doc = newDocument("Tagging");
  auto set = doc.document_element().append_child("TagSet");
  for (const auto& [k, v] : tags) {
    auto t = set.append_child("Tag");
    addText(t, "Key", k);
    addText(t, "Value", v.scalarText());
  }
  return toString(doc);
}

Value parseTagging(pugi::xml_node root) {
  Value out = Value::array();
  for (auto t : root.child("TagSet").children("Tag")) {
    Value tag = Value::object();
    tag["Key"] = Value(std::string(t.child_value("Key")));
    tag["Value"] = Value(std::string(t.child_value("Value")));
    out.push(std::move(tag));
  }
  return out;
}

namespace {

// Copies the listed fields of `v` as child elements of `parent` (manifest name = element).
void addFields(pugi::xml_node parent, const Value* v, std::initializer_list<const char*> fields) {
  if (!v) return;
  for (const char* f : fields)
    if (const Value* x = v->find(f)) addText(parent, f, text(x));
}
void setFields(Value& out, pugi::xml_node n, std::initializer_list<const char*> fields) {
  for (const char* f : fields)
    setString(out, f, n.child(f));
}

constexpr std::initializer_list<const char*> kRedirectFields = {
    "HostName", "HttpRedirectCode", "Protocol", "ReplaceKeyPrefixWith", "ReplaceKeyWith"};
constexpr std::initializer_list<const char*> kConditionFields = {"HttpErrorCodeReturnedEquals",
                                                                 "KeyPrefixEquals"};

}  // namespace

std::string websiteXml(const Value& website) {
  auto doc = newDocument("WebsiteConfiguration");
  auto root = doc.document_element();
  if (const Value* r = website.find("RedirectAllRequestsTo"))
    addFields(root.append_child("RedirectAllRequestsTo"), r, {"HostName", "Protocol"});
  if (const Value* i = website.find("IndexDocument"))
    addText(root.append_child("IndexDocument"), "Suffix", text(i));
  if (const Value* e = website.find("ErrorDocument"))
    addText(root.append_child("ErrorDocument"), "Key", text(e));
  if (const Value* rules = website.find("RoutingRules"); rules && rules->isArray()) {
    auto list = root.append_child("RoutingRules");
    for (const auto& r : rules->asArray()) {
      auto rule = list.append_child("RoutingRule");
      if (const Value* c = r.find("RoutingRuleCondition"))
        addFields(rule.append_child("Condition"), c, kConditionFields);
      addFields(rule.append_child("Redirect"), r.find("RedirectRule"), kRedirectFields);
    }
  }
  return toString(doc);
}

Value parseWebsite(pugi::xml_node root) {
  Value out = Value::object();
  if (auto r = root.child("RedirectAllRequestsTo")) {
    Value redirect = Value::object();
    setFields(redirect, r, {"HostName", "Protocol"});
    out["RedirectAllRequestsTo"] = std::move(redirect);
  }
  setString(out, "IndexDocument", root.child("IndexDocument").child("Suffix"));
  setString(out, "ErrorDocument", root.child("ErrorDocument").child("Key"));
  Value rules = Value::array();
  for (auto rule : root.child("RoutingRules").children("RoutingRule")) {
    Value r = Value::object();
    if (auto c = rule.child("Condition")) {
      Value cond = Value::object();
      setFields(cond, c, kConditionFields);
      r["RoutingRuleCondition"] = std::move(cond);
    }
    Value redirect = Value::object();
    setFields(redirect, rule.child("Redirect"), kRedirectFields);
    r["RedirectRule"] = std::move(redirect);
    rules.push(std::move(r));
  }
  if (rules.size() > 0) out["RoutingRules"] = std::move(rules);
  return out;
}

namespace {

// Notification destinations: manifest list, its ARN field, the XML element and its ARN element.
struct NotificationKind {
  const char *list, *arnField, *element, *arnElement;
};
constexpr NotificationKind kNotificationKinds[] = {
    {"TopicConfigurations", "Topic", "TopicConfiguration", "Topic"},
    {"QueueConfigurations", "Queue", "QueueConfiguration", "Queue"},
    {"LambdaConfigurations", "Function", "CloudFunctionConfiguration", "CloudFunction"}};

}  // namespace

std::string notificationXml(const Value& notification) {
  auto doc = newDocument("NotificationConfiguration");
  auto root = doc.document_element();
  for (const auto& k : kNotificationKinds) {
    const Value* list = notification.find(k.list);
    if (!list || !list->isArray()) continue;
    for (const auto& c : list->asArray()) {
      auto config = root.append_child(k.element);
      addText(config, k.arnElement, text(c.find(k.arnField)));
      addText(config, "Event", text(c.find("Event")));
      if (const Value* rules = c.findPath("Filter.S3Key.Rules"); rules && rules->isArray()) {
        auto key = config.append_child("Filter").append_child("S3Key");
        for (const auto& r : rules->asArray())
          addFields(key.append_child("FilterRule"), &r, {"Name", "Value"});
      }
    }
  }
  if (common::boolLike(notification.findPath("EventBridgeConfiguration.EventBridgeEnabled"))
          .value_or(false))
    root.append_child("EventBridgeConfiguration");
  return toString(doc);
}

Value parseNotification(pugi::xml_node root) {
  Value out = Value::object();
  for (const auto& k : kNotificationKinds) {
    Value list = Value::array();
    for (auto config : root.children(k.element)) {
      // S3 groups events per configuration; CloudFormation has one event each.
      for (auto event : config.children("Event")) {
        Value c = Value::object();
        c[k.arnField] = Value(std::string(config.child_value(k.arnElement)));
        c["Event"] = Value(std::string(event.child_value()));
        Value rules = Value::array();
        for (auto r : config.child("Filter").child("S3Key").children("FilterRule")) {
          Value rule = Value::object();
          // S3 answers "Prefix"/"Suffix" for the "prefix"/"suffix" it was given.
          std::string name = r.child_value("Name");
          for (auto& ch : name)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          rule["Name"] = Value(name);
          rule["Value"] = Value(std::string(r.child_value("Value")));
          rules.push(std::move(rule));
        }
        if (rules.size() > 0) c["Filter"]["S3Key"]["Rules"] = std::move(rules);
        list.push(std::move(c));
      }
    }
    if (list.size() > 0) out[k.list] = std::move(list);
  }
  out["EventBridgeConfiguration"]["EventBridgeEnabled"] =
      Value(static_cast<bool>(root.child("EventBridgeConfiguration")));
  return out;
}

std::string replicationXml(const Value& replication) {
  auto doc = newDocument("ReplicationConfiguration");
  auto root = doc.document_element();
  addText(root, "Role", text(replication.find("Role")));
  const Value* rules = replication.find("Rules");
  if (!rules || !rules->isArray()) return toString(doc);
  for (const auto& r : rules->asArray()) {
    auto rule = root.append_child("Rule");
    if (const Value* id = r.find("Id")) addText(rule, "ID", text(id));
    addFields(rule, &r, {"Priority"});
    addText(rule, "Status", text(r.find("Status")));
    if (const Value* f = r.find("Filter")) {
      auto filter = rule.append_child("Filter");
      addFields(filter, f, {"Prefix"});
      if (const Value* t = f->find("TagFilter"))
        addFields(filter.append_child("Tag"), t, {"Key", "Value"});
    } else if (const Value* p = r.find("Prefix")) {
      addText(rule, "Prefix", text(p));
    }
    if (const Value* d = r.find("DeleteMarkerReplication"))
      addFields(rule.append_child("DeleteMarkerReplication"), d, {"Status"});
    const Value* d = r.find("Destination");
    auto dest = rule.append_child("Destination");
    addFields(dest, d, {"Bucket", "Account", "StorageClass"});
    if (const Value* a = d ? d->find("AccessControlTranslation") : nullptr)
      addFields(dest.append_child("AccessControlTranslation"), a, {"Owner"});
    if (const Value* e = d ? d->find("EncryptionConfiguration") : nullptr)
      addFields(dest.append_child("EncryptionConfiguration"), e, {"ReplicaKmsKeyID"});
  }
  return toString(doc);
}

Value parseReplication(pugi::xml_node root) {
  Value out = Value::object();
  setString(out, "Role", root.child("Role"));
  Value rules = Value::array();
  for (auto rule : root.children("Rule")) {
    Value r = Value::object();
    setString(r, "Id", rule.child("ID"));
    setInt(r, "Priority", rule.child("Priority"));
    setString(r, "Status", rule.child("Status"));
    setString(r, "Prefix", rule.child("Prefix"));
    if (auto f = rule.child("Filter")) {
      Value filter = Value::object();
      setString(filter, "Prefix", f.child("Prefix"));
      if (auto t = f.child("Tag")) setFields(filter["TagFilter"], t, {"Key", "Value"});
      r["Filter"] = std::move(filter);
    }
    if (auto d = rule.child("DeleteMarkerReplication"))
      setFields(r["DeleteMarkerReplication"], d, {"Status"});
    auto d = rule.child("Destination");
    Value dest = Value::object();
    setFields(dest, d, {"Bucket", "Account", "StorageClass"});
    if (auto a = d.child("AccessControlTranslation"))
      setFields(dest["AccessControlTranslation"], a, {"Owner"});
    if (auto e = d.child("EncryptionConfiguration"))
      setFields(dest["EncryptionConfiguration"], e, {"ReplicaKmsKeyID"});
    r["Destination"] = std::move(dest);
    rules.push(std::move(r));
  }
  out["Rules"] = std::move(rules);
  return out;
}

namespace {

// CloudFormation's canned ACL names and S3's x-amz-acl values.
constexpr std::pair<const char*, const char*> kCannedAcls[] = {
    {"Private", "private"},
    {"PublicRead", "public-read"},
    {"PublicReadWrite", "public-read-write"},
    {"AuthenticatedRead", "authenticated-read"},
    {"LogDeliveryWrite", "log-delivery-write"},
    {"BucketOwnerRead", "bucket-owner-read"},
    {"BucketOwnerFullControl", "bucket-owner-full-control"},
    {"AwsExecRead", "aws-exec-read"}};

constexpr const char* kAllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
constexpr const char* kAuthenticatedUsers =
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
constexpr const char* kLogDelivery = "http://acs.amazonaws.com/groups/s3/LogDelivery";

}  // namespace

std::string cannedAclHeader(const Value& accessControl) {
  std::string name = accessControl.scalarText();
  for (const auto& [cfn, header] : kCannedAcls)
    if (name == cfn) return header;
  return name;
}

Value parseAcl(pugi::xml_node root) {
  std::string owner = root.child("Owner").child_value("ID");
  std::set<std::string> grants;  // "<grantee>:<permission>" besides the owner's FULL_CONTROL
  for (auto g : root.child("AccessControlList").children("Grant")) {
    auto grantee = g.child("Grantee");
    std::string who =
        *grantee.child_value("URI") ? grantee.child_value("URI") : grantee.child_value("ID");
    std::string permission = g.child_value("Permission");
    if (who == owner && permission == "FULL_CONTROL") continue;
    grants.insert((who == owner ? std::string("owner") : who) + ":" + permission);
  }
  const std::string all = kAllUsers;
  const std::string log = kLogDelivery;
  if (grants.empty()) return Value("Private");
  if (grants == std::set<std::string>{all + ":READ"}) return Value("PublicRead");
  if (grants == std::set<std::string>{all + ":READ", all + ":WRITE"})
    return Value("PublicReadWrite");
  if (grants == std::set<std::string>{std::string(kAuthenticatedUsers) + ":READ"})
    return Value("AuthenticatedRead");
  if (grants == std::set<std::string>{log + ":READ_ACP", log + ":WRITE"})
    return Value("LogDeliveryWrite");
  if (grants.size() == 1 && grants.begin()->ends_with(":READ") &&
      !grants.begin()->starts_with("http"))
    return Value("AwsExecRead");
  return Value("(grants no canned ACL makes)");
}

namespace {

// The Filter of metrics, analytics and intelligent-tiering configurations:
// one condition directly, several inside <And>.
void addIdFilter(pugi::xml_node parent, const Value& c) {
  const Value* tags = c.find("TagFilters");
  std::size_t conditions = (c.find("Prefix") ? 1 : 0) + (c.find("AccessPointArn") ? 1 : 0) +
                           (tags && tags->isArray() ? tags->size() : 0);
  if (conditions == 0) return;
  auto filter = parent.append_child("Filter");
  auto into = conditions > 1 ? filter.append_child("And") : filter;
  addFields(into, &c, {"Prefix"});
  if (tags && tags->isArray())
    for (const auto& t : tags->asArray())
      addFields(into.append_child("Tag"), &t, {"Key", "Value"});
  addFields(into, &c, {"AccessPointArn"});
}

void parseIdFilter(pugi::xml_node config, Value& out) {
  auto filter = config.child("Filter");
  auto conds = filter.child("And") ? filter.child("And") : filter;
  setFields(out, conds, {"Prefix", "AccessPointArn"});
  Value tags = Value::array();
  for (auto t : conds.children("Tag")) {
    Value tag = Value::object();
    setFields(tag, t, {"Key", "Value"});
    tags.push(std::move(tag));
  }
  if (tags.size() > 0) out["TagFilters"] = std::move(tags);
}

// <root><Id/><Filter/>…: the head of a metrics, analytics or tiering configuration.
pugi::xml_document filteredIdDocument(const char* root, const Value& c) {
  auto doc = newDocument(root);
  addText(doc.document_element(), "Id", text(c.find("Id")));
  addIdFilter(doc.document_element(), c);
  return doc;
}

Value parseFilteredId(pugi::xml_node n) {
  Value out = Value::object();
  setString(out, "Id", n.child("Id"));
  parseIdFilter(n, out);
  return out;
}

// Destination {BucketArn, Format, BucketAccountId, Prefix} ↔ <S3BucketDestination>.
void addBucketDestination(pugi::xml_node parent, const Value* d) {
  auto dest = parent.append_child("Destination").append_child("S3BucketDestination");
  if (!d) return;
  if (const Value* a = d->find("BucketAccountId")) addText(dest, "AccountId", text(a));
  addText(dest, "Bucket", text(d->find("BucketArn")));
  addText(dest, "Format", text(d->find("Format")));
  addFields(dest, d, {"Prefix"});
}

Value parseBucketDestination(pugi::xml_node destination) {
  auto d = destination.child("S3BucketDestination");
  Value out = Value::object();
  setString(out, "BucketAccountId", d.child("AccountId"));
  setString(out, "BucketArn", d.child("Bucket"));
  setString(out, "Format", d.child("Format"));
  setString(out, "Prefix", d.child("Prefix"));
  return out;
}

}  // namespace

std::string inventoryXml(const Value& c) {
  auto doc = newDocument("InventoryConfiguration");
  auto root = doc.document_element();
  addText(root, "Id", text(c.find("Id")));
  addText(root, "IsEnabled", c.find("Enabled") ? boolText(*c.find("Enabled")) : "false");
  addBucketDestination(root, c.find("Destination"));
  if (const Value* p = c.find("Prefix")) addText(root.append_child("Filter"), "Prefix", text(p));
  addFields(root, &c, {"IncludedObjectVersions"});
  if (const Value* f = c.find("OptionalFields"); f && f->isArray()) {
    auto fields = root.append_child("OptionalFields");
    for (const auto& x : f->asArray())
      addText(fields, "Field", x.scalarText());
  }
  addText(root.append_child("Schedule"), "Frequency", text(c.find("ScheduleFrequency")));
  return toString(doc);
}

Value parseInventory(pugi::xml_node n) {
  Value out = Value::object();
  setString(out, "Id", n.child("Id"));
  setBool(out, "Enabled", n.child("IsEnabled"));
  out["Destination"] = parseBucketDestination(n.child("Destination"));
  setString(out, "Prefix", n.child("Filter").child("Prefix"));
  setString(out, "IncludedObjectVersions", n.child("IncludedObjectVersions"));
  Value fields = Value::array();
  for (auto f : n.child("OptionalFields").children("Field"))
    fields.push(Value(std::string(f.child_value())));
  if (fields.size() > 0) out["OptionalFields"] = std::move(fields);
  setString(out, "ScheduleFrequency", n.child("Schedule").child("Frequency"));
  return out;
}

std::string metricsXml(const Value& c) {
  return toString(filteredIdDocument("MetricsConfiguration", c));
}

Value parseMetrics(pugi::xml_node n) {
  return parseFilteredId(n);
}

std::string analyticsXml(const Value& c) {
  auto doc = filteredIdDocument("AnalyticsConfiguration", c);
  auto analysis = doc.document_element().append_child("StorageClassAnalysis");
  if (const Value* e = c.findPath("StorageClassAnalysis.DataExport")) {
    auto exp = analysis.append_child("DataExport");
    addFields(exp, e, {"OutputSchemaVersion"});
    addBucketDestination(exp, e->find("Destination"));
  }
  return toString(doc);
}

Value parseAnalytics(pugi::xml_node n) {
  Value out = parseFilteredId(n);
  Value analysis = Value::object();
  if (auto e = n.child("StorageClassAnalysis").child("DataExport")) {
    Value exp = Value::object();
    setString(exp, "OutputSchemaVersion", e.child("OutputSchemaVersion"));
    exp["Destination"] = parseBucketDestination(e.child("Destination"));
    analysis["DataExport"] = std::move(exp);
  }
  out["StorageClassAnalysis"] = std::move(analysis);
  return out;
}

std::string intelligentTieringXml(const Value& c) {
  auto doc = filteredIdDocument("IntelligentTieringConfiguration", c);
  auto root = doc.document_element();
  addText(root, "Status", text(c.find("Status")));
  if (const Value* ts = c.find("Tierings"); ts && ts->isArray())
    for (const auto& t : ts->asArray())
      addFields(root.append_child("Tiering"), &t, {"Days", "AccessTier"});
  return toString(doc);
}

Value parseIntelligentTiering(pugi::xml_node n) {
  Value out = parseFilteredId(n);
  setString(out, "Status", n.child("Status"));
  Value tierings = Value::array();
  for (auto t : n.children("Tiering")) {
    Value x = Value::object();
    setInt(x, "Days", t.child("Days"));
    setString(x, "AccessTier", t.child("AccessTier"));
    tierings.push(std::move(x));
  }
  out["Tierings"] = std::move(tierings);
  return out;
}

std::string createBucketXml(const std::string& region) {
  if (region.empty() || region == "us-east-1") return "";
  auto doc = newDocument("CreateBucketConfiguration");
  addText(doc.document_element(), "LocationConstraint", region);
  return toString(doc);
}

}  // namespace driftless::s3
