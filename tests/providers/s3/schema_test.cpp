#include "providers/s3/schema.h"

#include <gtest/gtest.h>

#include "providers/builtin/builtin.h"

namespace driftless::s3 {
namespace {

struct NameCase {
  const char* why;
  const char* name;
  bool valid;
};

TEST(BucketName, FollowsTheS3NamingRules) {
  const NameCase cases[] = {
      {"lowercase, digits, hyphen and dot", "my-bucket.data-01", true},
      {"three characters is the minimum", "abc", true},
      {"two characters is too short", "ab", false},
      {"64 characters is too long",
       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
      {"uppercase is not allowed", "My-Bucket", false},
      {"underscore is not allowed", "my_bucket", false},
      {"must start with a letter or digit", "-bucket", false},
      {"must end with a letter or digit", "bucket-", false},
      {"no adjacent dots", "my..bucket", false},
      {"not an IP address", "192.168.5.4", false},
      {"reserved prefix xn--", "xn--bucket", false},
      {"reserved prefix sthree-", "sthree-bucket", false},
      {"reserved suffix -s3alias", "bucket-s3alias", false},
      {"reserved suffix --ol-s3", "bucket--ol-s3", false},
  };
  for (const auto& c : cases) {
    auto problems = validateBucketName(c.name);
    EXPECT_EQ(problems.empty(), c.valid) << c.why << ": " << c.name;
    for (const auto& p : problems)
      EXPECT_TRUE(p.starts_with("BucketName: ")) << p;
  }
}

TEST(Bucket, ValidateChecksCrossPropertyRules) {
  auto props = *Value::fromJson(R"({
    "BucketName": "ok-bucket",
    "BucketEncryption": {"ServerSideEncryptionConfiguration": [
      {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256", "KMSMasterKeyID": "k"}}]},
    "LifecycleConfiguration": {"Rules": [{"Id": "r", "Status": "Enabled"},
                                         {"Status": "Enabled", "ExpirationInDays": 3}]}
  })");
  auto problems = validateBucket(props);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0],
            "BucketEncryption.ServerSideEncryptionConfiguration.0: KMSMasterKeyID is only "
            "allowed with SSEAlgorithm aws:kms");
  EXPECT_TRUE(problems[1].starts_with("LifecycleConfiguration.Rules.0: needs at least one action"));
}

TEST(BucketPolicy, ValidatesTheBucketNameAndDocument) {
  auto props = *Value::fromJson(R"({"Bucket": "Bad_Bucket", "PolicyDocument": "{not json"})");
  auto problems = validateBucketPolicy(props);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_TRUE(problems[0].starts_with("Bucket: \"Bad_Bucket\"")) << problems[0];
  EXPECT_EQ(problems.back(), "PolicyDocument: is a string but not a JSON document");
}

TEST(S3Types, AreRegisteredWithCloudFormationNames) {
  const TypeInfo* bucket = builtinRegistry().info("AWS::S3::Bucket");
  ASSERT_NE(bucket, nullptr);
  EXPECT_EQ(bucket->physicalNameProperty, "BucketName");
  EXPECT_EQ(bucket->refAttribute, "");
  EXPECT_TRUE(bucket->property("BucketName")->immutable);
  for (const char* p :
       {"VersioningConfiguration", "BucketEncryption", "PublicAccessBlockConfiguration",
        "LifecycleConfiguration", "OwnershipControls", "Tags"})
    EXPECT_NE(bucket->property(p), nullptr) << p;
  const TypeInfo* policy = builtinRegistry().info("AWS::S3::BucketPolicy");
  ASSERT_NE(policy, nullptr);
  EXPECT_FALSE(policy->taggable);
  EXPECT_EQ(policy->property("PolicyDocument")->kind, PropertySpec::Kind::Json);
}

}  // namespace
}  // namespace driftless::s3
