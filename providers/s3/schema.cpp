#include "providers/s3/schema.h"

#include <cctype>
#include "providers/common/cfn_schema.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::s3 {

namespace {

using P = PropertySpec;

constexpr std::string_view kBucketType = "AWS::S3::Bucket";
constexpr std::string_view kBucketPolicyType = "AWS::S3::BucketPolicy";

P storageClass(std::string name) {
  return P::string(std::move(name))
      .oneOf({"DEEP_ARCHIVE", "GLACIER", "GLACIER_IR", "INTELLIGENT_TIERING", "ONEZONE_IA",
              "STANDARD_IA"});
}

P lifecycleRule() {
  return P::object(
      "Rule",
      {P::string("Id"), P::string("Status").req().oneOf({"Enabled", "Disabled"}),
       P::string("Prefix"),
       P::list("TagFilters",
               P::object("TagFilter", {P::string("Key").req(), P::string("Value").req()})),
       P::integer("ObjectSizeGreaterThan"), P::integer("ObjectSizeLessThan"),
       P::string("ExpirationDate"), P::integer("ExpirationInDays"),
       P::boolean("ExpiredObjectDeleteMarker"), P::integer("NoncurrentVersionExpirationInDays"),
       P::object("NoncurrentVersionExpiration",
                 {P::integer("NoncurrentDays").req(), P::integer("NewerNoncurrentVersions")}),
       P::list("NoncurrentVersionTransitions",
               P::object("NoncurrentVersionTransition",
                         {storageClass("StorageClass").req(), P::integer("TransitionInDays").req(),
                          P::integer("NewerNoncurrentVersions")})),
       P::list("Transitions", P::object("Transition", {storageClass("StorageClass").req(),
                                                       P::string("TransitionDate"),
                                                       P::integer("TransitionInDays")})),
       P::object("AbortIncompleteMultipartUpload", {P::integer("DaysAfterInitiation").req()})});
}

P notificationList(std::string name, std::string arnField) {
  auto rule = P::object("FilterRule", {P::string("Name").req(), P::string("Value").req()});
  auto filter = P::object("NotificationFilter",
                          {P::object("S3Key", {P::list("Rules", std::move(rule)).req()}).req()});
  return P::list(std::move(name),
                 P::object("", {P::string("Event").req(), P::string(std::move(arnField)).req(),
                                std::move(filter)}));
}

P notificationConfiguration() {
  return P::object("NotificationConfiguration",
                   {P::object("EventBridgeConfiguration", {P::boolean("EventBridgeEnabled").req()}),
                    notificationList("LambdaConfigurations", "Function"),
                    notificationList("QueueConfigurations", "Queue"),
                    notificationList("TopicConfigurations", "Topic")});
}

P websiteConfiguration() {
  auto protocol = P::string("Protocol").oneOf({"http", "https"});
  auto redirect =
      P::object("RedirectRule", {P::string("HostName"), P::string("HttpRedirectCode"), protocol,
                                 P::string("ReplaceKeyPrefixWith"), P::string("ReplaceKeyWith")});
  auto condition = P::object("RoutingRuleCondition", {P::string("HttpErrorCodeReturnedEquals"),
                                                      P::string("KeyPrefixEquals")});
  return P::object(
      "WebsiteConfiguration",
      {P::string("IndexDocument"), P::string("ErrorDocument"),
       P::object("RedirectAllRequestsTo", {P::string("HostName").req(), protocol}),
       P::list("RoutingRules", P::object("RoutingRule", {redirect.req(), condition}))});
}

P replicationConfiguration() {
  auto destination = P::object(
      "Destination",
      {P::string("Bucket").req(), P::string("Account"), storageClass("StorageClass"),
       P::object("AccessControlTranslation", {P::string("Owner").req().oneOf({"Destination"})}),
       P::object("EncryptionConfiguration", {P::string("ReplicaKmsKeyID").req()})});
  auto filter = P::object(
      "Filter", {P::string("Prefix"),
                 P::object("TagFilter", {P::string("Key").req(), P::string("Value").req()})});
  auto rule = P::object(
      "ReplicationRule",
      {P::string("Id"), P::integer("Priority"),
       P::string("Status").req().oneOf({"Enabled", "Disabled"}), P::string("Prefix"),
       std::move(filter),
       P::object("DeleteMarkerReplication", {P::string("Status").oneOf({"Enabled", "Disabled"})}),
       destination.req()});
  return P::object("ReplicationConfiguration",
                   {P::string("Role").req(), P::list("Rules", std::move(rule)).req()});
}

P tagFilters() {
  return P::list("TagFilters",
                 P::object("TagFilter", {P::string("Key").req(), P::string("Value").req()}));
}

P bucketDestination(std::vector<std::string> formats) {
  return P::object("Destination", {P::string("BucketArn").req(),
                                   P::string("Format").req().oneOf(std::move(formats)),
                                   P::string("BucketAccountId"), P::string("Prefix")});
}

// The Id-keyed configuration lists: a set by Id, each put and deleted on its own.
std::vector<P> idConfigurations() {
  auto inventory = P::object("InventoryConfiguration",
                             {P::string("Id").req(), P::boolean("Enabled").req(),
                              bucketDestination({"CSV", "ORC", "Parquet"}).req(),
                              P::string("IncludedObjectVersions").req().oneOf({"All", "Current"}),
                              P::list("OptionalFields", P::string("")), P::string("Prefix"),
                              P::string("ScheduleFrequency").req().oneOf({"Daily", "Weekly"})});
  auto metrics = P::object(
      "MetricsConfiguration",
      {P::string("Id").req(), P::string("AccessPointArn"), P::string("Prefix"), tagFilters()});
  auto analytics = P::object(
      "AnalyticsConfiguration",
      {P::string("Id").req(), P::string("Prefix"), tagFilters(),
       P::object("StorageClassAnalysis",
                 {P::object("DataExport", {bucketDestination({"CSV"}).req(),
                                           P::string("OutputSchemaVersion").req().oneOf({"V_1"})})})
           .req()});
  auto tiering = P::object(
      "IntelligentTieringConfiguration",
      {P::string("Id").req(), P::string("Prefix"),
       P::string("Status").req().oneOf({"Enabled", "Disabled"}), tagFilters(),
       P::list("Tierings",
               P::object(
                   "Tiering",
                   {P::string("AccessTier").req().oneOf({"ARCHIVE_ACCESS", "DEEP_ARCHIVE_ACCESS"}),
                    P::integer("Days").req()}))
           .req()});
  return {P::list("InventoryConfigurations", std::move(inventory)),
          P::list("MetricsConfigurations", std::move(metrics)),
          P::list("AnalyticsConfigurations", std::move(analytics)),
          P::list("IntelligentTieringConfigurations", std::move(tiering))};
}

bool looksLikeIp(std::string_view s) {
  int dots = 0;
  for (char c : s) {
    if (c == '.') {
      ++dots;
    } else if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return dots == 3;
}

}  // namespace

std::vector<std::string> validateBucketName(std::string_view name) {
  std::vector<std::string> out;
  auto bad = [&](const std::string& why) {
    out.push_back("BucketName: \"" + std::string(name) + "\" " + why);
  };
  if (name.size() < 3 || name.size() > 63) bad("must be 3 to 63 characters long");
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    if (!ok) {
      bad("may contain only lowercase letters, digits, dots and hyphens");
      break;
    }
  }
  if (!name.empty()) {
    auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (!alnum(name.front()) || !alnum(name.back()))
      bad("must begin and end with a lowercase letter or a digit");
  }
  if (name.find("..") != std::string_view::npos) bad("must not contain two adjacent dots");
  if (name.find(".-") != std::string_view::npos || name.find("-.") != std::string_view::npos)
    bad("must not contain a dot next to a hyphen");
  if (looksLikeIp(name)) bad("must not be formatted as an IP address");
  for (std::string_view p : {"xn--", "sthree-", "amzn-s3-demo-"})
    if (name.starts_with(p)) bad("must not start with \"" + std::string(p) + "\"");
  for (std::string_view s : {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"})
    if (name.ends_with(s)) bad("must not end with \"" + std::string(s) + "\"");
  return out;
}

std::vector<std::string> validateBucket(const Properties& props) {
  std::vector<std::string> out;
  if (auto name = common::stringLike(props.find("BucketName"))) {
    auto problems = validateBucketName(*name);
    out.insert(out.end(), problems.begin(), problems.end());
  }
  if (const Value* enc = props.findPath("BucketEncryption.ServerSideEncryptionConfiguration");
      enc && enc->isArray()) {
    for (std::size_t i = 0; i < enc->size(); ++i) {
      const Value& rule = enc->asArray()[i];
      std::string where = "BucketEncryption.ServerSideEncryptionConfiguration." + std::to_string(i);
      auto alg = common::stringLike(rule.findPath("ServerSideEncryptionByDefault.SSEAlgorithm"));
      if (rule.findPath("ServerSideEncryptionByDefault.KMSMasterKeyID") && alg && *alg == "AES256")
        out.push_back(where + ": KMSMasterKeyID is only allowed with SSEAlgorithm aws:kms");
    }
  }
  if (const Value* rules = props.findPath("LifecycleConfiguration.Rules");
      rules && rules->isArray()) {
    static const char* kActions[] = {"ExpirationDate",
                                     "ExpirationInDays",
                                     "ExpiredObjectDeleteMarker",
                                     "NoncurrentVersionExpirationInDays",
                                     "NoncurrentVersionExpiration",
                                     "NoncurrentVersionTransitions",
                                     "Transitions",
                                     "AbortIncompleteMultipartUpload"};
    for (std::size_t i = 0; i < rules->size(); ++i) {
      const Value& rule = rules->asArray()[i];
      if (!rule.isObject()) continue;
      bool any = false;
      for (const char* a : kActions)
        any = any || rule.find(a);
      if (!any)
        out.push_back("LifecycleConfiguration.Rules." + std::to_string(i) +
                      ": needs at least one action (expiration, transition, noncurrent "
                      "version or abort incomplete multipart upload)");
    }
  }
  return out;
}

std::vector<std::string> validateBucketPolicy(const Properties& props) {
  std::vector<std::string> out;
  if (auto name = common::stringLike(props.find("Bucket"))) {
    for (auto& p : validateBucketName(*name))
      out.push_back("Bucket" + p.substr(10));
  }
  if (const Value* doc = props.find("PolicyDocument"); doc && doc->isString()) {
    if (!Value::fromJson(doc->asString()))
      out.push_back("PolicyDocument: is a string but not a JSON document");
  }
  return out;
}

TypeInfo bucketTypeInfo() {
  TypeInfo t = common::typeInfo(
      std::string(kBucketType), "BucketName", "",
      {"Arn", "DomainName", "DualStackDomainName", "RegionalDomainName", "WebsiteURL"});
  t.properties = {
      P::string("BucketName").req().immut(),
      P::object("VersioningConfiguration",
                {P::string("Status").req().oneOf({"Enabled", "Suspended"})}),
      P::object("BucketEncryption",
                {P::list("ServerSideEncryptionConfiguration",
                         P::object("ServerSideEncryptionRule",
                                   {P::object("ServerSideEncryptionByDefault",
                                              {P::string("SSEAlgorithm")
                                                   .req()
                                                   .oneOf({"AES256", "aws:kms", "aws:kms:dsse"}),
                                               P::string("KMSMasterKeyID")}),
                                    P::boolean("BucketKeyEnabled")}))
                     .req()}),
      P::object("PublicAccessBlockConfiguration",
                {P::boolean("BlockPublicAcls"), P::boolean("BlockPublicPolicy"),
                 P::boolean("IgnorePublicAcls"), P::boolean("RestrictPublicBuckets")}),
      P::object("LifecycleConfiguration", {P::list("Rules", lifecycleRule()).req()}),
      P::object("OwnershipControls",
                {P::list("Rules", P::object("OwnershipControlsRule",
                                            {P::string("ObjectOwnership")
                                                 .oneOf({"BucketOwnerEnforced", "ObjectWriter",
                                                         "BucketOwnerPreferred"})}))
                     .req()}),
      P::object("LoggingConfiguration",
                {P::string("DestinationBucketName"), P::string("LogFilePrefix")}),
      P::object("AccelerateConfiguration",
                {P::string("AccelerationStatus").req().oneOf({"Enabled", "Suspended"})}),
      // Tags as access control (attribute-based access control) for the bucket.
      P::string("AbacStatus").oneOf({"Enabled", "Disabled"}),
      P::object(
          "CorsConfiguration",
          {P::list("CorsRules",
                   P::object("CorsRule",
                             {P::string("Id"), P::list("AllowedHeaders", P::string("")),
                              P::list("AllowedMethods",
                                      P::string("").oneOf({"GET", "PUT", "HEAD", "POST", "DELETE"}))
                                  .req(),
                              P::list("AllowedOrigins", P::string("")).req(),
                              P::list("ExposedHeaders", P::string("")), P::integer("MaxAge")}))
               .req()}),
      P::boolean("ObjectLockEnabled").immut(),
      P::object(
          "ObjectLockConfiguration",
          {P::string("ObjectLockEnabled").oneOf({"Enabled"}),
           P::object("Rule", {P::object("DefaultRetention",
                                        {P::string("Mode").oneOf({"GOVERNANCE", "COMPLIANCE"}),
                                         P::integer("Days"), P::integer("Years")})})}),
      P::string("AccessControl")
          .oneOf({"AuthenticatedRead", "AwsExecRead", "BucketOwnerFullControl", "BucketOwnerRead",
                  "LogDeliveryWrite", "Private", "PublicRead", "PublicReadWrite"}),
      websiteConfiguration(),
      notificationConfiguration(),
      replicationConfiguration(),
      P::tags(),
  };
  for (auto& p : idConfigurations())
    t.properties.push_back(std::move(p));
  t.iamActions = {"s3:CreateBucket",
                  "s3:DeleteBucket",
                  "s3:ListBucket",
                  "s3:GetBucketLocation",
                  "s3:GetBucketTagging",
                  "s3:PutBucketTagging",
                  "s3:GetBucketVersioning",
                  "s3:PutBucketVersioning",
                  "s3:GetEncryptionConfiguration",
                  "s3:PutEncryptionConfiguration",
                  "s3:GetBucketPublicAccessBlock",
                  "s3:PutBucketPublicAccessBlock",
                  "s3:GetLifecycleConfiguration",
                  "s3:PutLifecycleConfiguration",
                  "s3:GetBucketOwnershipControls",
                  "s3:PutBucketOwnershipControls",
                  "s3:GetBucketLogging",
                  "s3:PutBucketLogging",
                  "s3:GetAccelerateConfiguration",
                  "s3:PutAccelerateConfiguration",
                  "s3:GetBucketAbac",
                  "s3:PutBucketAbac",
                  "s3:GetBucketCORS",
                  "s3:PutBucketCORS",
                  "s3:GetBucketObjectLockConfiguration",
                  "s3:PutBucketObjectLockConfiguration",
                  "s3:GetBucketWebsite",
                  "s3:PutBucketWebsite",
                  "s3:GetBucketNotification",
                  "s3:PutBucketNotification",
                  "s3:GetReplicationConfiguration",
                  "s3:PutReplicationConfiguration",
                  "iam:PassRole",
                  "s3:GetBucketAcl",
                  "s3:PutBucketAcl",
                  "s3:GetInventoryConfiguration",
                  "s3:PutInventoryConfiguration",
                  "s3:GetMetricsConfiguration",
                  "s3:PutMetricsConfiguration",
                  "s3:GetAnalyticsConfiguration",
                  "s3:PutAnalyticsConfiguration",
                  "s3:GetIntelligentTieringConfiguration",
                  "s3:PutIntelligentTieringConfiguration"};
  t.validate = validateBucket;
  common::tagsReadInBulk(t, "s3");
  return t;
}

TypeInfo bucketPolicyTypeInfo() {
  // The policy has no name of its own: it is identified by its bucket.
  TypeInfo t = common::typeInfo(std::string(kBucketPolicyType), "Bucket", "", {});
  t.taggable = false;
  common::manage(t, {"Bucket", "PolicyDocument"});
  t.iamActions =
      common::actions("s3", {"GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy"});
  t.validate = validateBucketPolicy;
  return t;
}

}  // namespace driftless::s3
