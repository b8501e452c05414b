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
  };
  TypeInfo info = bucketTypeInfo();
  for (const auto& c : cases) {
    Value manifest = json(c.manifest);
    pugi::xml_document doc;
    Value live = c.parse(parse(doc, c.toXml(manifest)));
    Value desired = Value::object();
    desired[c.property] = manifest;
    Value observed = Value::object();
    observed[c.property] = live;
    auto delta = compareProperties(info, desired, observed);
    EXPECT_TRUE(delta.empty()) << c.property << ": " << live.toJson();
  }
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
