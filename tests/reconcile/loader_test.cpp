// Loader and intrinsics: what a manifest turns into (table-driven).
#include <gtest/gtest.h>

#include "reconcile/intrinsics.h"
#include "reconcile/loader.h"
#include "tests/reconcile/test_types.h"

namespace driftless::reconcile {
namespace {

LoadContext devContext() {
  LoadContext c;
  c.environment = "dev";
  c.region = "eu-west-1";
  c.accountId = "111111111111";
  c.commit = "c0ffee";
  return c;
}

LoadResult loadFiles(std::vector<SourceFile> files) {
  return load(files, devContext(), test::testRegistry());
}

std::string diagnosticsText(const LoadResult& r) {
  std::string out;
  if (!r)
    for (const auto& d : r.error())
      out += d.str() + "\n";
  return out;
}

struct PropertyCase {
  const char* reason;
  const char* manifest;  // orders.yaml
  const char* params;    // parameters/dev.yaml, or nullptr
  const char* logicalId;
  const char* expectedJson;  // the resource's properties
};

class PropertyTable : public ::testing::TestWithParam<PropertyCase> {};

TEST_P(PropertyTable, LoadsTo) {
  const auto& c = GetParam();
  std::vector<SourceFile> files{{"orders.yaml", c.manifest}};
  if (c.params) files.push_back({"parameters/dev.yaml", c.params});
  auto r = loadFiles(files);
  ASSERT_TRUE(r.has_value()) << c.reason << "\n" << diagnosticsText(r);
  const DesiredResource* res = r->find({"orders", c.logicalId});
  ASSERT_NE(res, nullptr) << c.reason;
  auto expected = Value::fromJson(c.expectedJson);
  ASSERT_TRUE(expected.has_value()) << c.reason;
  EXPECT_EQ(res->properties.toJson(), expected->toJson()) << c.reason;
}

INSTANTIATE_TEST_SUITE_P(
    Intrinsics, PropertyTable,
    ::testing::Values(
        PropertyCase{"literal values keep their YAML types",
                     "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                     "      QueueName: orders\n      MessageRetentionPeriod: 60\n",
                     nullptr, "Q", R"({"MessageRetentionPeriod":60,"QueueName":"orders"})"},
        PropertyCase{"an integer written as a string is an integer",
                     "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                     "      QueueName: orders\n      MessageRetentionPeriod: \"60\"\n",
                     nullptr, "Q", R"({"MessageRetentionPeriod":60,"QueueName":"orders"})"},
        PropertyCase{"a String property keeps a number as written",
                     "Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties:\n"
                     "      Name: version\n      Type: String\n      Value: 1.10\n",
                     nullptr, "P", R"({"Name":"version","Type":"String","Value":"1.10"})"},
        PropertyCase{"short !Sub with pseudo parameters",
                     "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                     "      QueueName: !Sub \"orders-${Driftless::Environment}-${AWS::Region}\"\n",
                     nullptr, "Q", R"({"QueueName":"orders-dev-eu-west-1"})"},
        PropertyCase{
            "long-form Fn::Sub with variables and a literal ${!x}",
            "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
            "      QueueName:\n        Fn::Sub: [\"${Base}-${AWS::AccountId}\", "
            "{Base: orders}]\n"
            "      Tags: [{Key: t, Value: !Sub \"${!Literal}\"}]\n",
            nullptr, "Q",
            R"({"QueueName":"orders-111111111111","Tags":[{"Key":"t","Value":"${Literal}"}]})"},
        PropertyCase{"Ref to a parameter takes the Default",
                     "Parameters:\n  Retention: {Type: Number, Default: 345600}\n"
                     "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                     "      QueueName: q\n      MessageRetentionPeriod: !Ref Retention\n",
                     nullptr, "Q", R"({"MessageRetentionPeriod":345600,"QueueName":"q"})"},
        PropertyCase{"parameters/<env>.yaml overrides the Default",
                     "Parameters:\n  Retention: {Type: Number, Default: 345600}\n"
                     "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                     "      QueueName: q\n      MessageRetentionPeriod: {Ref: Retention}\n",
                     "Retention: 1209600\n", "Q",
                     R"({"MessageRetentionPeriod":1209600,"QueueName":"q"})"},
        PropertyCase{"!Join and !Select over a CommaDelimitedList",
                     "Parameters:\n  Names: {Type: CommaDelimitedList, Default: \"a, b,c\"}\n"
                     "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                     "      QueueName: !Join [\"-\", [!Select [1, !Ref Names], x]]\n",
                     nullptr, "Q", R"({"QueueName":"b-x"})"},
        PropertyCase{"Fn::Join long form over a List<String> from the env file",
                     "Parameters:\n  Parts: {Type: List<String>}\n"
                     "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                     "      QueueName: {\"Fn::Join\": [\"_\", {Ref: Parts}]}\n",
                     "Parts: [one, two]\n", "Q", R"({"QueueName":"one_two"})"},
        PropertyCase{
            "!GetAtt of a resource stays known-after-apply",
            "Resources:\n  Dlq:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: "
            "dlq}\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: q\n"
            "      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: "
            "5}\n",
            nullptr, "Q",
            R"({"QueueName":"q","RedrivePolicy":{"deadLetterTargetArn":{"Fn::GetAtt":["Dlq","Arn"]},"maxReceiveCount":5}})"},
        PropertyCase{
            "Fn::GetAtt list form",
            "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: t}\n"
            "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: q\n"
            "      Tags: [{Key: topic, Value: {\"Fn::GetAtt\": [T, TopicArn]}}]\n",
            nullptr, "Q",
            R"({"QueueName":"q","Tags":[{"Key":"topic","Value":{"Fn::GetAtt":["T","TopicArn"]}}]})"},
        PropertyCase{
            "!Sub with a resource attribute becomes a Join to resolve later",
            "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: t}\n"
            "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: q\n"
            "      Tags: [{Key: k, Value: !Sub \"arn=${T.TopicArn};\"}]\n",
            nullptr, "Q",
            R"({"QueueName":"q","Tags":[{"Key":"k","Value":{"Fn::Join":["",["arn=",{"Fn::GetAtt":["T","TopicArn"]},";"]]}}]})"},
        PropertyCase{
            "Ref to a bucket is its name, known at load time",
            "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: "
            "!Sub \"data-${Driftless::Environment}\"}\n"
            "  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref B\n"
            "      PolicyDocument: {Statement: []}\n",
            nullptr, "P", R"({"Bucket":"data-dev","PolicyDocument":{"Statement":[]}})"},
        PropertyCase{
            "a policy document with !Sub of a bucket name and YAML anchors",
            "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: "
            "logs-x}\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n"
            "      Bucket: !Ref B\n      PolicyDocument:\n        Statement:\n"
            "          - &deny {Effect: Deny, Principal: \"*\", Action: \"s3:*\", "
            "Resource: !Sub \"arn:${AWS::Partition}:s3:::${B}/*\"}\n"
            "          - *deny\n",
            nullptr, "P",
            R"({"Bucket":"logs-x","PolicyDocument":{"Statement":[{"Action":"s3:*","Effect":"Deny","Principal":"*","Resource":"arn:aws:s3:::logs-x/*"},{"Action":"s3:*","Effect":"Deny","Principal":"*","Resource":"arn:aws:s3:::logs-x/*"}]}})"},
        PropertyCase{"Ref to a queue is its URL: known after apply",
                     "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: a}\n"
                     "  P:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Name: url\n"
                     "      Type: String\n      Value: !Ref A\n",
                     nullptr, "P", R"({"Name":"url","Type":"String","Value":{"Ref":"A"}})"}),
    [](const auto& info) { return "case" + std::to_string(info.index); });

TEST(Loader, CollectsDependenciesFromReferencesAndDependsOn) {
  auto r = loadFiles({{"orders.yaml",
                       "Resources:\n"
                       "  Dlq: {Type: AWS::SQS::Queue, Properties: {QueueName: dlq}}\n"
                       "  Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: t}}\n"
                       "  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: Topic\n"
                       "    Properties:\n      QueueName: q\n"
                       "      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, "
                       "maxReceiveCount: 3}\n"}});
  ASSERT_TRUE(r) << diagnosticsText(r);
  const auto* q = r->find({"orders", "Q"});
  ASSERT_NE(q, nullptr);
  std::vector<ResourceId> expected{{"orders", "Dlq"}, {"orders", "Topic"}};
  EXPECT_EQ(q->dependencies, expected);
  EXPECT_EQ(q->physicalId, "q");
  EXPECT_EQ(q->type, "AWS::SQS::Queue");
  EXPECT_EQ(q->line, 4);
}

TEST(Loader, ReadsPoliciesAndMetadata) {
  auto r = loadFiles({{"orders.yaml",
                       "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    DeletionPolicy: Retain\n"
                       "    Metadata: {driftless: {adopt: true, allowReplace: true}, other: 1}\n"
                       "    Properties: {QueueName: q}\n"}});
  ASSERT_TRUE(r) << diagnosticsText(r);
  const auto& q = r->resources.at(0);
  EXPECT_EQ(q.deletionPolicy, "Retain");
  EXPECT_TRUE(q.adopt);
  EXPECT_TRUE(q.allowReplace);
}

TEST(Loader, MarksNoEchoAndSchemaSecretsAsSecretPaths) {
  auto r = loadFiles({{"app.yaml",
                       "Parameters:\n  Password: {Type: String, NoEcho: true}\n"
                       "Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties:\n"
                       "      Name: pw\n      Type: SecureString\n      Value: v\n"
                       "      Description: !Sub \"pw is ${Password}\"\n"},
                      {"parameters/dev.yaml", "Password: hunter2\n"}});
  ASSERT_TRUE(r) << diagnosticsText(r);
  std::vector<std::string> expected{"Description", "Value"};
  EXPECT_EQ(r->resources.at(0).secretPaths, expected);
}

TEST(Loader, StackIsTheFileNameAndFilesOutsideYamlAreIgnored) {
  auto r = loadFiles({{"team/payments.yml",
                       "Resources:\n  Q: {Type: AWS::SQS::Queue, "
                       "Properties: {QueueName: p}}\n"},
                      {"README.md", "not yaml"},
                      {"parameters/prod.yaml", "Unknown: 1\n"}});
  ASSERT_TRUE(r) << diagnosticsText(r);
  ASSERT_EQ(r->resources.size(), 1u);
  EXPECT_EQ(r->resources[0].id.str(), "payments/Q");
  EXPECT_EQ(r->commit, "c0ffee");
  EXPECT_EQ(r->environment, "dev");
}

TEST(Loader, ReportsEveryErrorOfACommitAtOnce) {
  auto r = loadFiles({{"a.yaml", "Resources:\n  Q: {Type: AWS::SQS::Queu}\n"},
                      {"b.yaml",
                       "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: "
                       "{QueueName: q, Bogus: 1}\n"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(diagnosticsText(r),
            "a.yaml:2:13: Q: unknown resource type 'AWS::SQS::Queu' (did you mean "
            "'AWS::SQS::Queue'?)\n"
            "b.yaml:4:32: Q: unknown property 'Bogus' of AWS::SQS::Queue\n");
}

TEST(Loader, EmptySnapshotIsAnError) {
  auto r = loadFiles({});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().size(), 1u);
}

TEST(Intrinsics, ResolvesWhatIsKnownAndKeepsTheRest) {
  Value v = *Value::fromJson(
      R"({"a":{"Fn::GetAtt":["Dlq","Arn"]},"b":{"Fn::Join":["",["x-",{"Ref":"T"}]]},"c":{"Fn::Select":[1,["p",{"Ref":"T"}]]}})");
  AttributeLookup onlyDlq = [](const std::string& id, const std::string& attr) {
    return id == "Dlq" && attr == "Arn" ? std::optional<Value>("arn:dlq") : std::nullopt;
  };
  Value partial = resolvePartial(v, onlyDlq);
  EXPECT_EQ(partial.find("a")->asString(), "arn:dlq");
  EXPECT_TRUE(hasUnresolved(partial));
  auto refs = unresolvedReferences(partial);
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].first, "T");
  EXPECT_FALSE(resolveAll(partial, onlyDlq).has_value());

  AttributeLookup all = [](const std::string& id, const std::string& attr) {
    if (id == "T" && attr.empty()) return std::optional<Value>("url");
    return std::optional<Value>();
  };
  auto full = resolveAll(partial, all);
  ASSERT_TRUE(full) << full.error().message;
  EXPECT_EQ(full->toJson(), R"({"a":"arn:dlq","b":"x-url","c":"url"})");
}

TEST(Diagnostic, FormatsLikeACompiler) {
  EXPECT_EQ((Diagnostic{"a.yaml", 3, 7, "bad"}.str()), "a.yaml:3:7: bad");
  EXPECT_EQ((Diagnostic{"a.yaml", 0, 0, "bad"}.str()), "a.yaml: bad");
  EXPECT_EQ((Diagnostic{"", 0, 0, "bad"}.str()), "bad");
}

}  // namespace
}  // namespace driftless::reconcile

namespace driftless::reconcile {
namespace {

TEST(Loader, WithoutAnEnvironmentAParameterWithoutDefaultIsNotAnError) {
  std::vector<SourceFile> files{
      {"orders.yaml",
       "Parameters:\n  Retention: {Type: Number, MinValue: 60}\n"
       "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: q, "
       "MessageRetentionPeriod: !Ref Retention}\n"}};
  LoadContext offline;
  EXPECT_TRUE(load(files, offline, test::testRegistry()).has_value());
  LoadContext dev;
  dev.environment = "dev";
  auto r = load(files, dev, test::testRegistry());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().at(0).str(),
            "orders.yaml:2:3: parameter 'Retention' has no Default and no value in "
            "parameters/dev.yaml");
}

}  // namespace
}  // namespace driftless::reconcile
