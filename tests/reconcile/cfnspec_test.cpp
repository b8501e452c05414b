// AWS's CloudFormation database compiled into the binary (providers/cfnspec):
// it matches the pinned package, and the loader validates any type against it.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <zlib.h>

#include <fstream>
#include <sstream>

#include "providers/aws/crypto.h"
#include "providers/cfnspec/cfnspec.h"
#include "reconcile/loader.h"
#include "tests/reconcile/test_types.h"
#include "tests/support/peer.h"

namespace driftless::reconcile {
namespace {

namespace fs = std::filesystem;
const fs::path kPackage = "node_modules/@aws-cdk/aws-service-spec";

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string gunzip(const std::string& in) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 16 + MAX_WBITS), Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  std::string out;
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  inflateEnd(&z);
  EXPECT_EQ(rc, Z_STREAM_END);
  return out;
}

TEST(CfnSpec, CompiledTableIsThePinnedPackage) {
  fs::path src = driftless::testing::sourceDir();
  rapidjson::Document lock;
  std::string lockText = readAll(src / "package-lock.json");
  lock.Parse(lockText.c_str());
  ASSERT_TRUE(lock.IsObject()) << "package-lock.json";
  const auto& pkgs = lock["packages"];
  ASSERT_TRUE(pkgs.HasMember("node_modules/@aws-cdk/aws-service-spec"))
      << "package-lock.json does not pin @aws-cdk/aws-service-spec";
  std::string pinned = pkgs["node_modules/@aws-cdk/aws-service-spec"]["version"].GetString();
  const auto& db = cfnspec::database();
  EXPECT_EQ(db.version(), pinned) << "the compiled table is not from the pinned version";
  std::string gz = readAll(src / kPackage / "db.json.gz");
  ASSERT_FALSE(gz.empty()) << (src / kPackage / "db.json.gz") << " missing: run scripts/deps";
  EXPECT_EQ(db.sha256(), aws::sha256Hex(gz))
      << "the installed database differs from the one compiled in: rebuild";
}

// Independent of scripts/gen-cfnspec: every type, property, flag and attribute
// of the installed database is in the compiled table, and nothing else.
TEST(CfnSpec, CompiledTableAgreesWithTheDatabaseEverywhere) {
  std::string gz = readAll(driftless::testing::sourceDir() / kPackage / "db.json.gz");
  ASSERT_FALSE(gz.empty()) << "run scripts/deps";
  std::string text = gunzip(gz);
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  ASSERT_TRUE(doc.IsObject());
  const auto& db = cfnspec::database();
  const auto& entities = doc["schema"]["resource"]["entities"];
  ASSERT_EQ(db.types().size(), entities.Size());
  std::size_t props = 0;
  for (const auto& r : entities.GetArray()) {
    std::string name = r["cloudFormationType"].GetString();
    const cfnspec::ResourceType* t = db.type(name);
    ASSERT_NE(t, nullptr) << name;
    ASSERT_EQ(t->properties.size(), r["properties"].MemberCount()) << name;
    for (auto m = r["properties"].MemberBegin(); m != r["properties"].MemberEnd(); ++m) {
      const cfnspec::Property* p = t->property(m->name.GetString());
      ASSERT_NE(p, nullptr) << name << "." << m->name.GetString();
      const auto& j = m->value;
      EXPECT_EQ(p->required, j.HasMember("required") && j["required"].GetBool()) << p->name;
      std::string repl = j.HasMember("causesReplacement") ? j["causesReplacement"].GetString() : "";
      EXPECT_EQ(p->replaces, repl == "yes") << name << "." << p->name;
      EXPECT_EQ(p->mayReplace, repl == "maybe") << name << "." << p->name;
      ++props;
    }
    ASSERT_EQ(t->attributes.size(), r["attributes"].MemberCount()) << name;
    for (auto m = r["attributes"].MemberBegin(); m != r["attributes"].MemberEnd(); ++m)
      EXPECT_TRUE(t->hasAttribute(m->name.GetString())) << name << "." << m->name.GetString();
    std::string tag =
        r.HasMember("tagInformation") && r["tagInformation"].HasMember("tagPropertyName")
            ? r["tagInformation"]["tagPropertyName"].GetString()
            : "";
    EXPECT_EQ(t->tagProperty, tag) << name;
  }
  EXPECT_GT(props, 10000u);
}

TEST(CfnSpec, NavigatesNestedPropertiesAndDocuments) {
  const auto& db = cfnspec::database();
  const auto* bucket = db.type("AWS::S3::Bucket");
  ASSERT_NE(bucket, nullptr);
  EXPECT_EQ(bucket->tagProperty, "Tags");
  EXPECT_EQ(bucket->primaryIdentifier, std::vector<std::string>{"BucketName"});
  EXPECT_TRUE(bucket->property("BucketName")->replaces);
  const auto* dest = db.property(*bucket, "LoggingConfiguration.DestinationBucketName");
  ASSERT_NE(dest, nullptr);
  EXPECT_EQ(db.describe(dest->type), "String");
  const auto* rules = db.property(*bucket, "LifecycleConfiguration.Rules.0.Status");
  ASSERT_NE(rules, nullptr);
  EXPECT_TRUE(rules->required);
  EXPECT_EQ(db.describe(db.property(*bucket, "LifecycleConfiguration.Rules")->type),
            "List of Rule");
  EXPECT_EQ(db.property(*bucket, "LoggingConfiguration.Nope"), nullptr);
  auto doc = cfnspec::documentation("AWS::S3::Bucket", "LoggingConfiguration.LogFilePrefix");
  ASSERT_TRUE(doc);
  EXPECT_NE(doc->find("prefix"), std::string::npos) << *doc;
  EXPECT_TRUE(cfnspec::documentation("AWS::S3::Bucket", ""));
  EXPECT_EQ(cfnspec::closest("BuckteName", bucket->propertyNames()), "BucketName");
  EXPECT_EQ(cfnspec::closest("Zzzzzz", bucket->propertyNames()), std::nullopt);
}

std::string loadErrors(const std::string& manifest) {
  LoadContext c;
  c.environment = "dev";
  c.region = "eu-west-1";
  c.accountId = "111111111111";
  auto r = load({{"a.yaml", manifest}}, c, test::testRegistry());
  std::string out;
  if (!r)
    for (const auto& d : r.error())
      out += d.str() + "\n";
  return out;
}

TEST(CfnSpecValidation, AValidUnmanagedTypeGetsOneError) {
  EXPECT_EQ(loadErrors("Resources:\n"
                       "  Ip:\n"
                       "    Type: AWS::EC2::EIP\n"
                       "    Properties: {Domain: vpc, InstanceId: i-0abc}\n"),
            "a.yaml:3:11: Ip: AWS::EC2::EIP is a CloudFormation type driftless does not manage "
            "yet\n");
}

TEST(CfnSpecValidation, UnmanagedTypesPropertiesAreChecked) {
  EXPECT_EQ(loadErrors("Resources:\n"
                       "  Eni:\n"
                       "    Type: AWS::EC2::NetworkInterface\n"
                       "    Properties:\n"
                       "      SubnetIdd: subnet-1\n"
                       "      SecondaryPrivateIpAddressCount: [1]\n"
                       "      Tags: [{Key: a}]\n"
                       "  Egress:\n"
                       "    Type: AWS::EC2::EgressOnlyInternetGateway\n"
                       "    Properties:\n"
                       "      Tags: [{Key: n, Value: !GetAtt Eni.PrimaryPrivateIpAddres}]\n"),
            "a.yaml:3:11: Eni: AWS::EC2::NetworkInterface is a CloudFormation type driftless does "
            "not manage yet\n"
            "a.yaml:4:5: Eni: missing required property 'SubnetId' of AWS::EC2::NetworkInterface\n"
            "a.yaml:5:7: Eni: unknown property 'SubnetIdd' of AWS::EC2::NetworkInterface (did you "
            "mean 'SubnetId'?)\n"
            "a.yaml:6:39: Eni: property 'SecondaryPrivateIpAddressCount' must be an integer, got a "
            "list\n"
            "a.yaml:7:14: Eni: property 'Tags.0' must be a tag {Key, Value}, got a map\n"
            "a.yaml:9:11: Egress: AWS::EC2::EgressOnlyInternetGateway is a CloudFormation type "
            "driftless does not manage yet\n"
            "a.yaml:10:5: Egress: missing required property 'VpcId' of "
            "AWS::EC2::EgressOnlyInternetGateway\n"
            "a.yaml:11:30: Egress: AWS::EC2::NetworkInterface Eni has no attribute "
            "'PrimaryPrivateIpAddres' (did you mean 'PrimaryPrivateIpAddress'?)\n");
}

TEST(CfnSpecValidation, NestedFieldsOfUnmanagedTypes) {
  EXPECT_EQ(
      loadErrors("Resources:\n"
                 "  Log:\n"
                 "    Type: AWS::EC2::FlowLog\n"
                 "    Properties:\n"
                 "      ResourceId: vpc-1\n"
                 "      ResourceType: VPC\n"
                 "      DestinationOptions: {FileFormat: plain-text, PerHourPartiton: true}\n"
                 "      MaxAggregationInterval: sixty\n"),
      "a.yaml:3:11: Log: AWS::EC2::FlowLog is a CloudFormation type driftless does not "
      "manage yet\n"
      "a.yaml:7:7: Log: missing required property 'DestinationOptions.HiveCompatiblePartitions' "
      "of AWS::EC2::FlowLog\n"
      "a.yaml:7:7: Log: missing required property 'DestinationOptions.PerHourPartition' of "
      "AWS::EC2::FlowLog\n"
      "a.yaml:7:52: Log: unknown property 'DestinationOptions.PerHourPartiton' of "
      "AWS::EC2::FlowLog (did you mean 'PerHourPartition'?)\n"
      "a.yaml:8:31: Log: property 'MaxAggregationInterval' must be an integer, got "
      "\"sixty\"\n");
}

TEST(CfnSpecValidation, AMisspeltTypeGetsDidYouMean) {
  EXPECT_EQ(loadErrors("Resources:\n  Vpc: {Type: AWS::EC2::VCP, Properties: {}}\n"),
            "a.yaml:2:15: Vpc: unknown resource type 'AWS::EC2::VCP' (did you mean "
            "'AWS::EC2::VPC'?)\n");
  EXPECT_EQ(loadErrors("Resources:\n  X: {Type: Custom::Thing}\n"),
            "a.yaml:2:13: X: unknown resource type 'Custom::Thing'\n");
}

TEST(CfnSpecValidation, ManagedTypesRefuseWhatTheyDoNotImplement) {
  EXPECT_EQ(loadErrors("Resources:\n"
                       "  Q:\n"
                       "    Type: AWS::SQS::Queue\n"
                       "    Properties:\n"
                       "      QueueNam: q\n"
                       "      KmsMasterKeyId: alias/aws/sqs\n"),
            // (no "QueueName is required": a missing name is generated)
            "a.yaml:5:7: Q: unknown property 'QueueNam' of AWS::SQS::Queue (did you mean "
            "'QueueName'?)\n"
            "a.yaml:6:7: Q: property 'KmsMasterKeyId' of AWS::SQS::Queue is not supported yet\n");
}

}  // namespace
}  // namespace driftless::reconcile
