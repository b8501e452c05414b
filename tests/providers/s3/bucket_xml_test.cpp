#include "providers/s3/bucket_xml.h"

#include <gtest/gtest.h>

#include "providers/compare.h"
#include "providers/s3/s3_util.h"
#include "providers/s3/schema.h"

namespace driftless::s3 {
namespace {

Value json(const char* s) {
  return *Value::fromJson(s);
}

pugi::xml_node parse(pugi::xml_document& doc, const std::string& xml) {
  EXPECT_TRUE(doc.load_string(xml.c_str())) << xml;
  return doc.document_element();
}

// Each sub-configuration written as S3 XML and read back equals the manifest
// under the schema's comparison: what create writes, observe reads as no drift.
struct RoundTrip {
  const char* property;
  const char* manifest;
  std::string (*toXml)(const Value&);
  Value (*parse)(pugi::xml_node);
};

// Written as S3 XML and read back, `c.manifest` equals itself under the schema's
// comparison (as a one-element list for the Id-keyed lists).
void expectRoundTrip(const RoundTrip& c, bool asList) {
  Value manifest = json(c.manifest);
  pugi::xml_document doc;
  Value live = c.parse(parse(doc, c.toXml(manifest)));
  auto wrap = [&](const Value& v) {
    if (!asList) return v;
    Value list = Value::array();
    list.push(v);
    return list;
  };
  Value desired = Value::object();
  desired[c.property] = wrap(manifest);
  Value observed = Value::object();
  observed[c.property] = wrap(live);
  auto delta = compareProperties(bucketTypeInfo(), desired, observed);
  EXPECT_TRUE(delta.empty()) << c.property << ": " << live.toJson();
}

TEST(BucketXml, SubConfigurationsRoundTrip) {
  const RoundTrip cases[] = {
      {"VersioningConfiguration", R"({"Status": "Enabled"})", versioningXml, parseVersioning},
      {"BucketEncryption",
       R"({"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault":
           {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/k"}, "BucketKeyEnabled": true}]})",
       encryptionXml, parseEncryption},
      {"PublicAccessBlockConfiguration",
       R"({"BlockPublicAcls": true, "RestrictPublicBuckets": "true"})", publicAccessBlockXml,
       parsePublicAccessBlock},
      {"LifecycleConfiguration",
       R"({"Rules": [
          {"Id": "logs", "Status": "Enabled", "Prefix": "logs/", "ExpirationInDays": 30,
           "Transitions": [{"StorageClass": "GLACIER", "TransitionInDays": 7}],
           "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 2}},
          {"Id": "tagged", "Status": "Disabled", "Prefix": "t/",
           "TagFilters": [{"Key": "k", "Value": "v"}], "ObjectSizeGreaterThan": 100,
           "NoncurrentVersionExpirationInDays": 9,
           "NoncurrentVersionTransitions": [{"StorageClass": "STANDARD_IA", "TransitionInDays": 31,
                                             "NewerNoncurrentVersions": 2}]},
          {"Id": "new-form", "Status": "Enabled",
           "NoncurrentVersionExpiration": {"NoncurrentDays": 5, "NewerNoncurrentVersions": 1},
           "ExpiredObjectDeleteMarker": true}]})",
       lifecycleXml, parseLifecycle},
      {"OwnershipControls", R"({"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]})",
       ownershipControlsXml, parseOwnershipControls},
      {"WebsiteConfiguration",
       R"({"RedirectAllRequestsTo": {"HostName": "example.com", "Protocol": "https"}})", websiteXml,
       parseWebsite},
      {"WebsiteConfiguration",
       R"({"IndexDocument": "index.html", "ErrorDocument": "e.html", "RoutingRules": [
          {"RoutingRuleCondition": {"HttpErrorCodeReturnedEquals": "404"},
           "RedirectRule": {"HostName": "h", "Protocol": "http", "ReplaceKeyWith": "x"}}]})",
       websiteXml, parseWebsite},
      {"NotificationConfiguration",
       R"({"EventBridgeConfiguration": {"EventBridgeEnabled": true},
          "LambdaConfigurations": [{"Event": "s3:ObjectCreated:*",
            "Function": "arn:aws:lambda:us-east-1:1:function:f",
            "Filter": {"S3Key": {"Rules": [{"Name": "suffix", "Value": ".jpg"}]}}}],
          "TopicConfigurations": [{"Event": "s3:ObjectRemoved:*", "Topic": "arn:aws:sns:r:1:t"},
                                  {"Event": "s3:ObjectCreated:*", "Topic": "arn:aws:sns:r:1:t"}]})",
       notificationXml, parseNotification},
      {"NotificationConfiguration",
       R"({"EventBridgeConfiguration": {"EventBridgeEnabled": false}})", notificationXml,
       parseNotification},
      {"ReplicationConfiguration",
       R"({"Role": "arn:aws:iam::1:role/r", "Rules": [
          {"Id": "tagged", "Priority": 2, "Status": "Enabled",
           "Filter": {"TagFilter": {"Key": "k", "Value": "v"}},
           "DeleteMarkerReplication": {"Status": "Enabled"},
           "Destination": {"Bucket": "arn:aws:s3:::b", "Account": "2",
             "AccessControlTranslation": {"Owner": "Destination"},
             "EncryptionConfiguration": {"ReplicaKmsKeyID": "arn:aws:kms:r:2:key/k"}}},
          {"Status": "Disabled", "Prefix": "old/", "Destination": {"Bucket": "arn:aws:s3:::c"}}]})",
       replicationXml, parseReplication},
  };
  for (const auto& c : cases)
    expectRoundTrip(c, false);
}

// One configuration of each Id-keyed list, as a one-element list.
TEST(BucketXml, IdConfigurationsRoundTrip) {
  const RoundTrip cases[] = {
      {"InventoryConfigurations",
       R"({"Id": "i", "Enabled": true, "IncludedObjectVersions": "Current",
          "Destination": {"BucketArn": "arn:aws:s3:::r", "Format": "Parquet",
                          "BucketAccountId": "123456789012", "Prefix": "p"},
          "Prefix": "data/", "OptionalFields": ["Size", "ETag"], "ScheduleFrequency": "Weekly"})",
       inventoryXml, parseInventory},
      {"MetricsConfigurations",
       R"({"Id": "m", "Prefix": "a/", "AccessPointArn": "arn:ap",
          "TagFilters": [{"Key": "k", "Value": "v"}, {"Key": "k2", "Value": "v2"}]})",
       metricsXml, parseMetrics},
      {"MetricsConfigurations", R"({"Id": "whole-bucket"})", metricsXml, parseMetrics},
      {"AnalyticsConfigurations",
       R"({"Id": "a", "TagFilters": [{"Key": "k", "Value": "v"}],
          "StorageClassAnalysis": {"DataExport": {"OutputSchemaVersion": "V_1",
            "Destination": {"BucketArn": "arn:aws:s3:::r", "Format": "CSV", "Prefix": "x"}}}})",
       analyticsXml, parseAnalytics},
      {"IntelligentTieringConfigurations",
       R"({"Id": "t", "Status": "Enabled", "Prefix": "p/",
          "Tierings": [{"AccessTier": "ARCHIVE_ACCESS", "Days": 90},
                       {"AccessTier": "DEEP_ARCHIVE_ACCESS", "Days": 180}]})",
       intelligentTieringXml, parseIntelligentTiering},
  };
  for (const auto& c : cases)
    expectRoundTrip(c, true);
}

TEST(BucketXml, LifecycleFilterUsesAndOnlyForSeveralConditions) {
  std::string one = lifecycleXml(json(R"({"Rules": [{"Status": "Enabled", "Prefix": "a/",
                                                     "ExpirationInDays": 1}]})"));
  EXPECT_NE(one.find("<Filter><Prefix>a/</Prefix></Filter>"), std::string::npos) << one;
  std::string two = lifecycleXml(json(R"({"Rules": [{"Status": "Enabled", "Prefix": "a/",
      "TagFilters": [{"Key": "k", "Value": "v"}], "ExpirationInDays": 1}]})"));
  EXPECT_NE(two.find("<Filter><And><Prefix>a/</Prefix><Tag><Key>k</Key>"), std::string::npos)
      << two;
}

TEST(BucketXml, NotificationsGoOneEventPerConfigurationWithS3sElementNames) {
  std::string xml = notificationXml(json(R"({"EventBridgeConfiguration":
      {"EventBridgeEnabled": true}, "LambdaConfigurations": [{"Event": "s3:ObjectCreated:*",
      "Function": "arn:f", "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "a/"}]}}}]})"));
  EXPECT_NE(xml.find("<CloudFunctionConfiguration><CloudFunction>arn:f</CloudFunction><Event>"
                     "s3:ObjectCreated:*</Event><Filter><S3Key><FilterRule><Name>prefix</Name>"
                     "<Value>a/</Value></FilterRule></S3Key></Filter></CloudFunctionConfiguration>"
                     "<EventBridgeConfiguration/>"),
            std::string::npos)
      << xml;
  // S3 may group events and capitalise filter names; observe splits and lowers them.
  pugi::xml_document doc;
  Value live = parseNotification(parse(doc, R"(<NotificationConfiguration>
      <QueueConfiguration><Id>x</Id><Queue>arn:q</Queue><Event>e1</Event><Event>e2</Event>
      <Filter><S3Key><FilterRule><Name>Suffix</Name><Value>.png</Value></FilterRule></S3Key></Filter>
      </QueueConfiguration></NotificationConfiguration>)"));
  EXPECT_EQ(live, json(R"({"EventBridgeConfiguration": {"EventBridgeEnabled": false},
      "QueueConfigurations": [
        {"Queue": "arn:q", "Event": "e1", "Filter": {"S3Key": {"Rules": [{"Name": "suffix", "Value": ".png"}]}}},
        {"Queue": "arn:q", "Event": "e2", "Filter": {"S3Key": {"Rules": [{"Name": "suffix", "Value": ".png"}]}}}]})"));
}

TEST(BucketXml, CannedAclsFromAndToS3) {
  EXPECT_EQ(cannedAclHeader(Value("PublicReadWrite")), "public-read-write");
  EXPECT_EQ(cannedAclHeader(Value("LogDeliveryWrite")), "log-delivery-write");
  EXPECT_EQ(cannedAclHeader(Value("AwsExecRead")), "aws-exec-read");
  auto acl = [](const std::string& grants) {
    pugi::xml_document doc;
    std::string xml =
        "<AccessControlPolicy><Owner><ID>me</ID></Owner><AccessControlList>"
        "<Grant><Grantee><ID>me</ID></Grantee><Permission>FULL_CONTROL</Permission>"
        "</Grant>" +
        grants + "</AccessControlList></AccessControlPolicy>";
    EXPECT_TRUE(doc.load_string(xml.c_str()));
    return parseAcl(doc.document_element());
  };
  auto group = [](const std::string& uri, const std::string& permission) {
    return "<Grant><Grantee><URI>http://acs.amazonaws.com/groups/" + uri +
           "</URI></Grantee><Permission>" + permission + "</Permission></Grant>";
  };
  EXPECT_EQ(acl(""), Value("Private"));
  EXPECT_EQ(acl(group("global/AllUsers", "READ")), Value("PublicRead"));
  EXPECT_EQ(acl(group("global/AllUsers", "READ") + group("global/AllUsers", "WRITE")),
            Value("PublicReadWrite"));
  EXPECT_EQ(acl(group("global/AuthenticatedUsers", "READ")), Value("AuthenticatedRead"));
  EXPECT_EQ(acl(group("s3/LogDelivery", "WRITE") + group("s3/LogDelivery", "READ_ACP")),
            Value("LogDeliveryWrite"));
  EXPECT_EQ(acl("<Grant><Grantee><ID>ec2</ID></Grantee><Permission>READ</Permission></Grant>"),
            Value("AwsExecRead"));
  // Grants no canned ACL makes are drift from any of them.
  EXPECT_EQ(acl(group("global/AllUsers", "WRITE_ACP")), Value("(grants no canned ACL makes)"));
}

TEST(BucketXml, CreateBucketNamesTheRegionExceptUsEast1) {
  EXPECT_EQ(createBucketXml("us-east-1"), "");
  EXPECT_NE(createBucketXml("eu-west-1").find("<LocationConstraint>eu-west-1</LocationConstraint>"),
            std::string::npos);
}

TEST(BucketXml, TaggingRoundTrips) {
  Value::Object tags{{"a", Value("1")}, {"driftless:stack", Value("s")}};
  pugi::xml_document doc;
  EXPECT_EQ(parseTagging(parse(doc, taggingXml(tags))),
            json(R"([{"Key": "a", "Value": "1"}, {"Key": "driftless:stack", "Value": "s"}])"));
}

}  // namespace
}  // namespace driftless::s3
