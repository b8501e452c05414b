// AWS::KMS::Key and AWS::KMS::Alias against moto.
#include "tests/integration/providers/platform_harness.h"

namespace driftless::platform {
namespace {

const char* kKeyPolicy = R"({"Version": "2012-10-17", "Statement": [{"Sid": "Root",
    "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
    "Action": "kms:*", "Resource": "*"}]})";

TEST(KmsKeyProvider, CreateObserveDriftUpdateScheduleDeletion) {
  Harness h("AWS::KMS::Key");
  Desired d =
      h.desired("Key", json(std::string(R"({"Description": "data lake",
      "EnableKeyRotation": true, "PendingWindowInDays": 7, "KeyPolicy": )") +
                            kKeyPolicy + R"(, "Tags": [{"Key": "team", "Value": "data"}]})"));
  EXPECT_FALSE(h.observe(d).exists) << "no key id yet: never created";
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  d.physicalId = live.physicalId;
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  ASSERT_TRUE(live.owner.has_value());
  EXPECT_EQ(live.attributes.find("KeyId")->asString(), live.physicalId);

  h.resetStats();
  h.observe(d);
  EXPECT_EQ(h.stats().total(), 4u)
      << "DescribeKey, ListResourceTags, GetKeyPolicy, GetKeyRotationStatus";
  Desired bare = d;
  bare.properties = json(R"({"Description": "data lake"})");
  h.resetStats();
  h.observe(bare);
  EXPECT_EQ(h.stats().total(), 2u) << "policy and rotation not managed: not read";

  h.outOfBand("kms", "c.disable_key_rotation(KeyId='" + live.physicalId +
                         "')\nc.update_key_description(KeyId='" + live.physicalId +
                         "', Description='changed')\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(paths(drift), (std::vector<std::string>{"Description", "EnableKeyRotation"}));
  h.resetStats();
  live = h.update(d, live, drift);
  EXPECT_EQ(h.calls().count("kms:PutKeyPolicy"), 0u);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  h.outOfBand("kms", "c.disable_key(KeyId='" + live.physicalId + "')\n");
  Desired enabled = d;
  enabled.properties["Enabled"] = Value(true);
  live = h.observe(enabled);
  drift = h.p().diff(enabled, live);
  ASSERT_EQ(paths(drift), std::vector<std::string>{"Enabled"});
  live = h.update(enabled, live, drift);
  EXPECT_TRUE(h.p().diff(enabled, h.observe(enabled)).empty());

  // KeySpec is create-only: refused, never a replace that would delete the key.
  Desired rsa = d;
  rsa.properties["KeySpec"] = Value("RSA_2048");
  Delta createOnly = h.p().diff(rsa, live);
  auto refused = h.run(h.p().update(rsa, live, createOnly));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().kind, ErrorKind::Invalid);
  EXPECT_NE(refused.error().message.find("KeySpec"), std::string::npos);

  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists) << "pending deletion is absent";
  int rc = 0;
  std::string out = testing::moto().python(
      "c = boto3.client('kms', endpoint_url=ep, region_name=region)\n"
      "m = c.describe_key(KeyId='" +
          live.physicalId +
          "')['KeyMetadata']\n"
          "import datetime\n"
          "print(m['KeyState'], (m['DeletionDate'] - m['CreationDate']).days)\n",
      &rc);
  EXPECT_NE(out.find("PendingDeletion 7"), std::string::npos) << out;
  h.remove(d, live);  // already pending deletion: success
}

// Issue 17: a SIGKILL after CreateKey, before state recorded the key id. The
// next cycle observes the resource without an id: the key carrying its
// ownership tags is found (one Tagging API call) and adopted, not created twice.
TEST(KmsKeyProvider, AKeyWhoseIdStateNeverRecordedIsFoundByItsOwnershipTags) {
  Harness h("AWS::KMS::Key");
  Desired d = h.desired("Recovered", json(R"({"Description": "interrupted create"})"));
  Observed created = h.create(d);
  ASSERT_TRUE(created.exists);

  h.resetStats();
  Observed found = h.observe(d);  // d.physicalId is still empty, as after the crash
  ASSERT_TRUE(found.exists);
  EXPECT_EQ(found.physicalId, created.physicalId);
  ASSERT_TRUE(found.owner.has_value());
  EXPECT_EQ(found.owner->logicalId, "Recovered");
  EXPECT_TRUE(h.p().diff(d, found).empty());
  EXPECT_EQ(h.calls().count("tagging:GetResources"), 1u);

  Desired other = h.desired("NeverCreated", json(R"({"Description": "interrupted create"})"));
  EXPECT_FALSE(h.observe(other).exists) << "another resource's key is not this one";

  h.remove(d, created);
  EXPECT_FALSE(h.observe(d).exists) << "a key pending deletion is not adopted";
}

TEST(KmsKeyProvider, Validation) {
  const TypeInfo* info = &typeInfo("AWS::KMS::Key");
  const Value bad = json(R"({"PendingWindowInDays": 3, "RotationPeriodInDays": 100})");
  EXPECT_EQ(info->validate(bad).size(), 2u);
  const Value asymmetricRotation = json(R"({"KeySpec": "RSA_2048", "EnableKeyRotation": true})");
  EXPECT_EQ(info->validate(asymmetricRotation).size(), 1u);
}

std::string createKey(Harness& h) {
  int rc = 0;
  std::string out = testing::moto().python(
      "c = boto3.client('kms', endpoint_url=ep, region_name=region)\n"
      "print(c.create_key()['KeyMetadata']['KeyId'])\n",
      &rc);
  EXPECT_EQ(rc, 0) << out;
  (void)h;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
    out.pop_back();
  return out;
}

TEST(KmsAliasProvider, CreateObserveDriftUpdateRemove) {
  Harness h("AWS::KMS::Alias");
  const std::string first = createKey(h), second = createKey(h);
  const std::string name = "alias/" + uniqueName("data");
  Desired d = h.desired(
      "Alias", json(R"({"AliasName": ")" + name + R"(", "TargetKeyId": ")" + first + R"("})"));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  h.resetStats();
  h.observe(d);
  EXPECT_EQ(h.stats().total(), 1u) << "one DescribeKey of the alias";

  h.outOfBand("kms", "c.update_alias(AliasName='" + name + "', TargetKeyId='" + second + "')\n");
  live = expectDriftCorrected(h, d, {"TargetKeyId"});

  // The key given as an ARN compares as an ARN.
  Desired byArn = d;
  byArn.properties["TargetKeyId"] = Value("arn:aws:kms:us-east-1:123456789012:key/" + first);
  EXPECT_TRUE(h.p().diff(byArn, h.observe(byArn)).empty());

  expectRemoved(h, d, live);
}

TEST(KmsAliasProvider, Validation) {
  const TypeInfo* info = &typeInfo("AWS::KMS::Alias");
  EXPECT_EQ(info->validate(json(R"({"AliasName": "data"})")).size(), 1u);
  EXPECT_EQ(info->validate(json(R"({"AliasName": "alias/aws/s3"})")).size(), 1u);
  EXPECT_TRUE(info->validate(json(R"({"AliasName": "alias/data/lake_1-a"})")).empty());
}

std::string keyAndAlias(ManifestRun& run, const std::string& alias, int version, bool retain) {
  const std::string keep = retain ? "    DeletionPolicy: Retain\n" : "";
  return "Resources:\n  Key:\n    Type: AWS::KMS::Key\n" + keep +
         "    Properties:\n      Description: v" + std::to_string(version) +
         "\n      EnableKeyRotation: true\n      PendingWindowInDays: 7\n"
         "      Tags: [{Key: team, Value: data}]\n"
         "  Alias:\n    Type: AWS::KMS::Alias\n" +
         keep + "    Properties:\n      AliasName: " + alias + "\n      TargetKeyId: !Ref Key\n";
  (void)run;
}

TEST(KmsManifest, KeyAndAliasRoundTrip) {
  ManifestRun run;
  const std::string alias = "alias/" + run.name("data");
  const std::string meta = "c.describe_key(KeyId='" + alias + "')['KeyMetadata']";
  RoundTrip t;
  t.manifest = [&](int v, bool retain) { return keyAndAlias(run, alias, v, retain); };
  t.drift = [&] {
    run.boto("kms", "c.update_key_description(KeyId=" + meta + "['KeyId'], Description='x')");
  };
  t.driftPath = "Description";
  t.checkCorrected = [&] {
    EXPECT_EQ(run.boto("kms", "print(" + meta + "['Description'])"), "v1");
  };
  t.pushedChange = "1 updated";
  t.checkChanged = [&] { EXPECT_EQ(run.boto("kms", "print(" + meta + "['Description'])"), "v2"); };
  t.exists = [&] {
    return run.boto("kms", "try:\n  print(" + meta +
                               "['KeyState'])\nexcept c.exceptions.NotFoundException:\n"
                               "  print('gone')") == "Enabled";
  };
  roundTrip(run, t);

  // Deleted: the alias goes, the key is scheduled for deletion after 7 days.
  const std::string other = "alias/" + run.name("gone");
  createThenDelete(run, keyAndAlias(run, other, 1, false), [&] {
    return run.boto("kms", "try:\n  print(c.describe_key(KeyId='" + other +
                               "')['KeyMetadata']['KeyState'])\n"
                               "except c.exceptions.NotFoundException:\n  print('gone')") ==
           "Enabled";
  });
}

}  // namespace
}  // namespace driftless::platform
