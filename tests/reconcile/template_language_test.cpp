// The CloudFormation template language beyond Ref/GetAtt/Sub: Outputs and
// imports, generated physical names, Conditions, Mappings, parameter keys and
// types, the remaining intrinsic functions, file formats and line breaks; and
// the regression tests of issue 13's defects.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "providers/builtin/builtin.h"
#include "reconcile/intrinsics.h"
#include "reconcile/loader.h"
#include "state/secrets.h"
#include "tests/reconcile/test_types.h"

namespace driftless::reconcile {
namespace {

LoadContext devContext() {
  LoadContext c;
  c.environment = "dev";
  c.region = "eu-west-1";
  c.accountId = "111111111111";
  return c;
}

LoadResult loadFiles(std::vector<SourceFile> files, const LoadContext& ctx = devContext()) {
  return load(files, ctx, test::testRegistry());
}

std::string diagnosticsText(const LoadResult& r) {
  std::string out;
  if (!r)
    for (const auto& d : r.error())
      out += d.str() + "\n";
  return out;
}

std::string props(const LoadResult& r, const char* stack, const char* logical) {
  if (!r) return "load failed: " + diagnosticsText(r);
  const DesiredResource* d = r->find({stack, logical});
  return d ? d->properties.toJson() : "absent";
}

// ---- Outputs and Fn::ImportValue --------------------------------------------

const char* kShared =
    "Resources:\n"
    "  Dlq: {Type: AWS::SQS::Queue, Properties: {QueueName: shared-dlq}}\n"
    "  Alerts: {Type: AWS::SNS::Topic, Properties: {TopicName: alerts}}\n"
    "Outputs:\n"
    "  DlqArn:\n    Description: the dead letter queue\n    Value: !GetAtt Dlq.Arn\n"
    "    Export: {Name: !Sub '${AWS::StackName}-DlqArn'}\n"
    "  AlertsName:\n    Value: alerts\n    Export: {Name: alerts-name}\n";

TEST(Outputs, AreLoadedWithTheirExportsAndQualifiedReferences) {
  auto r = loadFiles({{"shared.yaml", kShared}});
  ASSERT_TRUE(r) << diagnosticsText(r);
  ASSERT_EQ(r->outputs.size(), 2u);
  const DesiredOutput& alerts = r->outputs[0];
  EXPECT_EQ(alerts.name, "AlertsName");
  EXPECT_EQ(alerts.value.toJson(), R"("alerts")");
  const DesiredOutput& dlq = r->outputs[1];
  EXPECT_EQ(dlq.stack, "shared");
  EXPECT_EQ(dlq.exportName, "shared-DlqArn");
  EXPECT_EQ(dlq.description, "the dead letter queue");
  EXPECT_EQ(dlq.value.toJson(), R"({"Fn::GetAtt":["shared/Dlq","Arn"]})");
  EXPECT_EQ(dlq.line, 5);
}

TEST(Outputs, AnImportDependsOnTheExportingStacksResources) {
  auto r = loadFiles({{"shared.yaml", kShared},
                      {"orders.yaml",
                       "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                       "      QueueName: !Sub 'orders-${AWS::Region}-notify-'\n"
                       "      RedrivePolicy:\n"
                       "        deadLetterTargetArn: !ImportValue shared-DlqArn\n"
                       "        maxReceiveCount: 3\n"
                       "      Tags: [{Key: topic, Value: !ImportValue alerts-name}]\n"}});
  ASSERT_TRUE(r) << diagnosticsText(r);
  const DesiredResource* q = r->find({"orders", "Q"});
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->properties.findPath("RedrivePolicy.deadLetterTargetArn")->toJson(),
            R"({"Fn::GetAtt":["shared/Dlq","Arn"]})");
  EXPECT_EQ(q->properties.findPath("Tags.0.Value")->asString(), "alerts");
  std::vector<ResourceId> deps{{"shared", "Dlq"}};
  EXPECT_EQ(q->dependencies, deps);
  // The other stack's resource resolves it, through the qualified id.
  AttributeLookup lookup = [](const std::string& logical, const std::string& attr) {
    ResourceId id = referencedId("orders", logical);
    if (id == ResourceId{"shared", "Dlq"} && attr == "Arn")
      return std::optional<Value>("arn:aws:sqs:eu-west-1:111111111111:shared-dlq");
    return std::optional<Value>();
  };
  auto resolved = resolveAll(q->properties, lookup);
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_EQ(resolved->findPath("RedrivePolicy.deadLetterTargetArn")->asString(),
            "arn:aws:sqs:eu-west-1:111111111111:shared-dlq");
}

TEST(Outputs, ImportsAreCheckedAcrossTheEnvironment) {
  auto r = loadFiles(
      {{"a.yaml",
        "Resources:\n  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: a, "
        "DelaySeconds: !ImportValue b-delay}}\n"
        "Outputs:\n  Name: {Value: !Ref Q, Export: {Name: a-url}}\n"
        "  Dup: {Value: x, Export: {Name: c-dup}}\n"},
       {"b.yaml",
        "Resources:\n  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: b, "
        "DelaySeconds: 1, Tags: [{Key: k, Value: !ImportValue a-url}]}}\n"
        "Outputs:\n  Delay: {Value: 5, Export: {Name: b-delay}}\n"},
       {"c.yaml",
        "Resources:\n  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !ImportValue gone}}\n"
        "Outputs:\n  Dup: {Value: y, Export: {Name: c-dup}}\n"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(diagnosticsText(r),
            "a.yaml:2:71: circular imports between stacks: a → b → a\n"
            "c.yaml:2:54: Q: Fn::ImportValue: no stack of environment 'dev' exports \"gone\"\n"
            "c.yaml:4:34: Outputs.Dup: export \"c-dup\" is already exported by a.yaml:5 "
            "(Outputs.Dup); export names are unique in an environment\n");
}

// ---- Generated physical names -----------------------------------------------

TEST(GeneratedNames, FollowTheStackTheLogicalIdAndTheTypesRules) {
  const char* manifest =
      "Resources:\n"
      "  OrdersQueue: {Type: AWS::SQS::Queue}\n"
      "  Events: {Type: AWS::SQS::Queue, Properties: {FifoQueue: true}}\n"
      "  ArchiveBucket: {Type: AWS::S3::Bucket}\n"
      "  Named: {Type: AWS::SQS::Queue, Properties: {QueueName: given}}\n";
  auto r = loadFiles({{"Orders_App.yaml", manifest}});
  ASSERT_TRUE(r) << diagnosticsText(r);
  const DesiredResource* q = r->find({"Orders_App", "OrdersQueue"});
  ASSERT_NE(q, nullptr);
  EXPECT_TRUE(q->generatedName);
  EXPECT_TRUE(q->physicalId.starts_with("Orders_App-OrdersQueue-")) << q->physicalId;
  EXPECT_EQ(q->physicalId.size(), std::string("Orders_App-OrdersQueue-").size() + 12);
  EXPECT_EQ(q->properties.find("QueueName")->asString(), q->physicalId);
  const DesiredResource* fifo = r->find({"Orders_App", "Events"});
  EXPECT_TRUE(fifo->physicalId.ends_with(".fifo")) << fifo->physicalId;
  const DesiredResource* bucket = r->find({"Orders_App", "ArchiveBucket"});
  EXPECT_TRUE(bucket->physicalId.starts_with("orders-app-archivebucket-")) << bucket->physicalId;
  for (char c : bucket->physicalId)
    EXPECT_FALSE(std::isupper(static_cast<unsigned char>(c))) << bucket->physicalId;
  EXPECT_FALSE(r->find({"Orders_App", "Named"})->generatedName);
  EXPECT_EQ(r->find({"Orders_App", "Named"})->physicalId, "given");

  // Stable: the same on every load; another environment gets another name.
  auto again = loadFiles({{"Orders_App.yaml", manifest}});
  EXPECT_EQ(again->find({"Orders_App", "OrdersQueue"})->physicalId, q->physicalId);
  LoadContext prod = devContext();
  prod.environment = "prod";
  auto other = loadFiles({{"Orders_App.yaml", manifest}}, prod);
  EXPECT_NE(other->find({"Orders_App", "OrdersQueue"})->physicalId, q->physicalId);
}

TEST(GeneratedNames, StayWithinTheTypesLengthLimit) {
  std::string longId(200, 'A');
  auto r = loadFiles({{"stack.yaml", "Resources:\n  " + longId +
                                         ": {Type: AWS::SQS::Queue, Properties: {FifoQueue: "
                                         "true}}\n  B" +
                                         longId + ": {Type: AWS::S3::Bucket}\n"}});
  ASSERT_TRUE(r) << diagnosticsText(r);
  EXPECT_EQ(r->find({"stack", longId})->physicalId.size(), 80u);
  EXPECT_TRUE(r->find({"stack", longId})->physicalId.ends_with(".fifo"));
  EXPECT_EQ(r->find({"stack", "B" + longId})->physicalId.size(), 63u);
}

// ---- Conditions, Fn::If, AWS::NoValue, Mappings ------------------------------

const char* kConditional =
    "Parameters:\n  Stage: {Type: String, AllowedValues: [dev, prod]}\n"
    "Mappings:\n  Retention:\n    eu-west-1: {dev: 60, prod: 1209600}\n"
    "Conditions:\n"
    "  IsProd: !Equals [!Ref Stage, prod]\n"
    "  IsDev: !Not [!Condition IsProd]\n"
    "  DevInEurope: !And [{Condition: IsDev}, !Equals [!Ref 'AWS::Region', eu-west-1]]\n"
    "  Either: {'Fn::Or': [{Condition: IsProd}, {Condition: IsDev}]}\n"
    "Resources:\n"
    "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: q\n"
    "      MessageRetentionPeriod: !FindInMap [Retention, !Ref 'AWS::Region', !Ref Stage]\n"
    "      DelaySeconds: !If [IsProd, 5, !Ref 'AWS::NoValue']\n"
    "      VisibilityTimeout: !If [DevInEurope, 30, 60]\n"
    "      Tags:\n        - {Key: a, Value: b}\n"
    "        - !If [Either, {Key: c, Value: d}, !Ref 'AWS::NoValue']\n"
    "  ProdOnly:\n    Type: AWS::SQS::Queue\n    Condition: IsProd\n"
    "    Properties: {QueueName: prod-only}\n";

TEST(Conditions, ChooseValuesAndResources) {
  auto dev = loadFiles({{"app.yaml", kConditional}, {"parameters/dev.yaml", "Stage: dev\n"}});
  EXPECT_EQ(props(dev, "app", "Q"),
            R"({"MessageRetentionPeriod":60,"QueueName":"q","Tags":[{"Key":"a","Value":"b"},)"
            R"({"Key":"c","Value":"d"}],"VisibilityTimeout":30})");
  EXPECT_EQ(props(dev, "app", "ProdOnly"), "absent");

  LoadContext prod = devContext();
  prod.environment = "prod";
  auto p = loadFiles({{"app.yaml", kConditional}, {"parameters/prod.yaml", "Stage: prod\n"}}, prod);
  EXPECT_EQ(props(p, "app", "Q"),
            R"({"DelaySeconds":5,"MessageRetentionPeriod":1209600,"QueueName":"q",)"
            R"("Tags":[{"Key":"a","Value":"b"},{"Key":"c","Value":"d"}],"VisibilityTimeout":60})");
  EXPECT_EQ(props(p, "app", "ProdOnly"), R"({"QueueName":"prod-only"})");
}

// ---- Parameters ------------------------------------------------------------

TEST(Parameters, TypesAndConstraintKeysAreHonoured) {
  const char* manifest =
      "Parameters:\n"
      "  Prefix: {Type: String, AllowedPattern: '[a-z][a-z0-9-]*', MinLength: 3, MaxLength: "
      "'20', ConstraintDescription: lowercase letters, Description: name prefix}\n"
      "  Delay: {Type: Number, MinValue: '0', MaxValue: '900', Default: '10'}\n"
      "  Sizes: {Type: 'List<Number>', Default: '1, 2,3'}\n"
      "  Vpc: {Type: 'AWS::EC2::VPC::Id', Default: vpc-0abc}\n"
      "  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1,subnet-2'}\n"
      "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
      "      QueueName: !Sub '${Prefix}-${Vpc}'\n      DelaySeconds: !Ref Delay\n"
      "      VisibilityTimeout: !Select [2, !Ref Sizes]\n"
      "      Tags: [{Key: subnets, Value: !Join ['+', !Ref Subnets]}]\n";
  auto ok = loadFiles({{"p.yaml", manifest}, {"parameters/dev.yaml", "Prefix: orders\n"}});
  EXPECT_EQ(props(ok, "p", "Q"),
            R"({"DelaySeconds":10,"QueueName":"orders-vpc-0abc",)"
            R"("Tags":[{"Key":"subnets","Value":"subnet-1+subnet-2"}],"VisibilityTimeout":3})");

  auto bad = loadFiles({{"p.yaml", manifest}, {"parameters/dev.yaml", "Prefix: Orders\n"}});
  EXPECT_EQ(diagnosticsText(bad),
            "parameters/dev.yaml:1:9: parameter 'Prefix' value \"Orders\" does not match "
            "AllowedPattern \"[a-z][a-z0-9-]*\" (lowercase letters)\n");
  auto shortOne = loadFiles({{"p.yaml", manifest}, {"parameters/dev.yaml", "Prefix: ab\n"}});
  EXPECT_EQ(diagnosticsText(shortOne),
            "parameters/dev.yaml:1:9: parameter 'Prefix' value \"ab\" is shorter than MinLength 3 "
            "(lowercase letters)\n");
}

TEST(Rules, AssertionsThatHoldLetTheTemplateLoad) {
  auto r = loadFiles({{"r.yaml",
                       "Parameters:\n  Stage: {Type: String, Default: dev}\n"
                       "  Zones: {Type: CommaDelimitedList, Default: 'a,b'}\n"
                       "Rules:\n  Dev:\n    RuleCondition: !Equals [!Ref Stage, dev]\n"
                       "    Assertions:\n"
                       "      - Assert: !EachMemberIn [!Ref Zones, [a, b, c]]\n"
                       "      - Assert: !Not [!Contains [!RefAll String, prod]]\n"
                       "  Prod:\n    RuleCondition: !Equals [!Ref Stage, prod]\n"
                       "    Assertions: [{Assert: !Equals [a, b], AssertDescription: never}]\n"
                       "Resources:\n  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: q}}\n"}});
  EXPECT_TRUE(r) << diagnosticsText(r);
}

// ---- More intrinsic functions and pseudo parameters ---------------------------

TEST(Intrinsics, SplitBase64CidrSubAndPseudoParameters) {
  const char* manifest =
      "Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties:\n"
      "      Name: !Select [1, !Split [',', 'a,b,c']]\n"
      "      Type: StringList\n"
      "      Value: !Join [',', !Cidr ['10.0.0.0/16', 3, 8]]\n"
      "      Description: !Sub\n        - '${Encoded} ${AWS::URLSuffix} ${Stack}'\n"
      "        - {Encoded: !Base64 hello, Stack: !Ref 'AWS::StackId'}\n";
  auto r = loadFiles({{"net.yaml", manifest}});
  ASSERT_TRUE(r) << diagnosticsText(r);
  const Value& p = r->resources.at(0).properties;
  EXPECT_EQ(p.find("Name")->asString(), "b");
  EXPECT_EQ(p.find("Value")->asString(), "10.0.0.0/24,10.0.1.0/24,10.0.2.0/24");
  std::string description = p.find("Description")->asString();
  EXPECT_TRUE(
      description.starts_with("aGVsbG8= amazonaws.com "
                              "arn:aws:cloudformation:eu-west-1:111111111111:stack/net/"))
      << description;
  // The synthetic stack id is stable.
  auto again = loadFiles({{"net.yaml", manifest}});
  EXPECT_EQ(again->resources.at(0).properties.find("Description")->asString(), description);
}

TEST(Intrinsics, SplitAndBase64OfAValueKnownAfterApplyResolveLater) {
  auto r = loadFiles({{"s.yaml",
                       "Resources:\n  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: q}}\n"
                       "  P:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Name: p\n"
                       "      Type: String\n"
                       "      Value: !Select [4, !Split [':', !GetAtt Q.Arn]]\n"
                       "      Description: !Base64 {'Fn::GetAtt': [Q, QueueName]}\n"}});
  ASSERT_TRUE(r) << diagnosticsText(r);
  AttributeLookup lookup = [](const std::string&, const std::string& attr) {
    return std::optional<Value>(attr == "Arn" ? "arn:aws:sqs:eu-west-1:111111111111:q" : "q");
  };
  auto v = resolveAll(r->find({"s", "P"})->properties, lookup);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(v->find("Value")->asString(), "111111111111");
  EXPECT_EQ(v->find("Description")->asString(), "cQ==");
}

// ---- Files: formats, line breaks, stack names --------------------------------

TEST(Files, JsonAndTemplateFilesCrlfLoneCrAndBom) {
  auto r = loadFiles(
      {{"json-stack.json",
        "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": "
        "{\"QueueName\": \"from-json\", \"DelaySeconds\": 5}}}}"},
       {"other.template",
        "\xEF\xBB\xBFResources:\r\n  Q:\r\n    Type: AWS::SQS::Queue\r\n    Properties:\r\n"
        "      QueueName: crlf\r\n"},
       {"mac.yml",
        "Resources:\r  Q:\r    Type: AWS::SQS::Queue\r    Properties:\r"
        "      QueueName: lone-cr\r"}});
  ASSERT_TRUE(r) << diagnosticsText(r);
  EXPECT_EQ(r->find({"json-stack", "Q"})->physicalId, "from-json");
  EXPECT_EQ(r->find({"other", "Q"})->physicalId, "crlf");
  // Defect 5: a lone CR is a line break; no CR leaks into the last value.
  EXPECT_EQ(r->find({"mac", "Q"})->physicalId, "lone-cr");
}

TEST(Files, TwoFilesWithOneStackNameAreAnError) {
  auto r =
      loadFiles({{"orders.json", "{\"Resources\": {}}"}, {"team/orders.yaml", "Resources: {}\n"}});
  EXPECT_EQ(diagnosticsText(r),
            "team/orders.yaml: stack 'orders' is already defined by "
            "orders.json\n");
}

// Defect 4: an empty manifest set is an error, never an empty desired state.
TEST(Files, NoTemplateIsAnError) {
  auto r = loadFiles({{"README.md", "# nothing"}, {"parameters/dev.yaml", "A: 1\n"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().at(0).message,
            "no templates: a manifest folder needs at least one *.yaml, *.yml, *.json or "
            "*.template file outside parameters/ (an empty desired state would prune everything)");
}

// ---- Policies --------------------------------------------------------------

TEST(Policies, RetainExceptOnCreateRetainsAndCreationPolicyWarns) {
  auto r = loadFiles({{"p.yaml",
                       "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"
                       "    DeletionPolicy: RetainExceptOnCreate\n"
                       "    UpdateReplacePolicy: Retain\n    CreationPolicy: {}\n"
                       "    Properties: {QueueName: q}\n"}});
  ASSERT_TRUE(r) << diagnosticsText(r);
  EXPECT_EQ(r->resources.at(0).deletionPolicy, "Retain");
  EXPECT_EQ(r->resources.at(0).updateReplacePolicy, "Retain");
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0].str(),
            "p.yaml:6:5: Q: CreationPolicy is accepted and ignored (driftless does not wait for "
            "signals or run rolling updates)");
}

// ---- Defects with the real provider schemas -----------------------------------

LoadResult loadBuiltin(std::vector<SourceFile> files) {
  return load(files, devContext(), builtinRegistry());
}

// Defect 1: a value known only after apply counts as written.
// ---- Fn::ForEach (AWS::LanguageExtensions) -----------------------------------

TEST(ForEach, ExpandsResourcesPropertiesAndOutputsNestedAndFromAListParameter) {
  auto r =
      loadFiles({{"loops.yaml",
                  "Transform: AWS::LanguageExtensions\n"
                  "Parameters:\n  Teams: {Type: CommaDelimitedList, Default: 'red,blue'}\n"
                  "Resources:\n"
                  "  Fn::ForEach::Teams:\n    - Team\n    - !Ref Teams\n"
                  "    - Fn::ForEach::Kinds:\n        - Kind\n        - [in, out-box]\n"
                  "        - Queue${Team}&{Kind}:\n            Type: AWS::SQS::Queue\n"
                  "            Properties:\n"
                  "              QueueName: !Sub '${Team}-${Kind}-${AWS::Region}'\n"
                  "              Tags:\n                - {Key: team, Value: !Ref Team}\n"
                  "Outputs:\n"
                  "  Fn::ForEach::Out:\n    - Team\n    - [red]\n"
                  "    - ${Team}InArn:\n        Value: !GetAtt [!Sub 'Queue${Team}in', Arn]\n"}});
  ASSERT_TRUE(r) << diagnosticsText(r);
  ASSERT_EQ(r->resources.size(), 4u);
  EXPECT_EQ(props(r, "loops", "Queueblueoutbox"),
            R"({"QueueName":"blue-out-box-eu-west-1","Tags":[{"Key":"team","Value":"blue"}]})");
  EXPECT_NE(r->find({"loops", "Queueredin"}), nullptr);
  ASSERT_EQ(r->outputs.size(), 1u);
  EXPECT_EQ(r->outputs[0].name, "redInArn");
  EXPECT_EQ(r->outputs[0].value.toJson(), R"({"Fn::GetAtt":["loops/Queueredin","Arn"]})");
}

TEST(ForEach, ErrorsPointIntoTheLoopsBody) {
  auto r = loadFiles({{"loops.yaml",
                       "Transform: AWS::LanguageExtensions\n"
                       "Resources:\n"
                       "  Fn::ForEach::Q:\n    - N\n    - [a]\n"
                       "    - Queue${N}:\n        Type: AWS::SQS::Queue\n"
                       "        Properties: {QueueName: !Sub '${N}', Nope: 1}\n"}});
  ASSERT_FALSE(r);
  EXPECT_NE(diagnosticsText(r).find("loops.yaml:8:"), std::string::npos) << diagnosticsText(r);
  EXPECT_NE(diagnosticsText(r).find("Queuea:"), std::string::npos) << diagnosticsText(r);
}

// ---- Values looked up in AWS: SSM parameter types, Fn::GetAZs -----------------

const char* kLookups =
    "Parameters:\n"
    "  Retention: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /app/retention}\n"
    "  Names: {Type: 'AWS::SSM::Parameter::Value<List<String>>', Default: /app/names}\n"
    "Resources:\n"
    "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
    "      QueueName: !Select [1, !Ref Names]\n"
    "      MessageRetentionPeriod: !Ref Retention\n"
    "      Tags: [{Key: zone, Value: !Select [1, !GetAZs '']}]\n";

TEST(Lookups, TheFirstLoadNotesWhatToLookUpTheSecondUsesIt) {
  LiveLookups lookups;
  LoadContext ctx = devContext();
  ctx.lookups = &lookups;
  loadFiles({{"app.yaml", kLookups}}, ctx);
  EXPECT_EQ(lookups.missingSsm, (std::set<std::string>{"/app/names", "/app/retention"}));
  EXPECT_EQ(lookups.missingZones, (std::set<std::string>{"eu-west-1"}));

  lookups = LiveLookups{};
  lookups.ssm = {{"/app/retention", "345600"}, {"/app/names", "a,b,c"}};
  lookups.zones["eu-west-1"] = {"eu-west-1x", "eu-west-1y"};
  auto r = loadFiles({{"app.yaml", kLookups}}, ctx);
  ASSERT_TRUE(r) << diagnosticsText(r);
  EXPECT_FALSE(lookups.needed());
  EXPECT_EQ(props(r, "app", "Q"), R"({"MessageRetentionPeriod":345600,"QueueName":"b",)"
                                  R"("Tags":[{"Key":"zone","Value":"eu-west-1y"}]})");
}

TEST(Lookups, AMissingSsmParameterIsALocatedError) {
  LiveLookups lookups;
  lookups.ssm = {{"/app/names", "a,b"}};
  lookups.zones["eu-west-1"] = {"eu-west-1a", "eu-west-1b"};
  lookups.failed["ssm:/app/retention"] = "does not exist";
  LoadContext ctx = devContext();
  ctx.lookups = &lookups;
  auto r = loadFiles({{"app.yaml", kLookups}}, ctx);
  ASSERT_FALSE(r);
  EXPECT_EQ(diagnosticsText(r),
            "app.yaml:2:68: parameter 'Retention': SSM parameter \"/app/retention\" does not "
            "exist\n");
}

TEST(Lookups, OfflineValidationWarnsAndDoesNotTypeCheckWhatUsesThem) {
  auto r = loadFiles({{"app.yaml", kLookups}});
  ASSERT_TRUE(r) << diagnosticsText(r);
  std::string warnings;
  for (const auto& w : r->warnings)
    warnings += w.str() + "\n";
  EXPECT_NE(warnings.find("app.yaml:2:68: parameter 'Retention' is read from SSM parameter "
                          "\"/app/retention\" when a cycle loads the template"),
            std::string::npos)
      << warnings;
  EXPECT_NE(warnings.find("Q: Fn::GetAZs is looked up when a cycle loads the template; offline "
                          "validation assumes eu-west-1a, eu-west-1b, eu-west-1c"),
            std::string::npos)
      << warnings;
}

TEST(Defects, AValueKnownAfterApplyIsNotMissing) {
  auto r = loadBuiltin(
      {{"fanout.yaml",
        "Parameters:\n  Handler: {Type: String, Default: index.handler}\n"
        "Resources:\n"
        "  Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: fanout}}\n"
        "  Queue: {Type: AWS::SQS::Queue, Properties: {QueueName: fanout}}\n"
        "  Sub:\n    Type: AWS::SNS::Subscription\n    Properties:\n"
        "      TopicArn: !Ref Topic\n      Protocol: sqs\n      Endpoint: !GetAtt Queue.Arn\n"
        "  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: fanout\n"
        "      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}\n"
        "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: fanout\n"
        "      Runtime: !Sub 'python3.12'\n      Handler: !Ref Handler\n"
        "      Role: !GetAtt Role.Arn\n      Code: {ZipFile: 'def handler(e, c): pass'}\n"}});
  EXPECT_TRUE(r) << diagnosticsText(r);
}

// Defect 6: an unsupported property is one error, not a second misleading one.
TEST(Defects, AnUnknownPropertyDoesNotCauseAMisleadingSecondError) {
  auto r = loadBuiltin({{"t.yaml",
                         "Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n"
                         "      TableName: t\n      BillingMode: PAY_PER_REQUEST\n"
                         "      AttributeDefinitions:\n"
                         "        - {AttributeName: Id, AttributeType: S}\n"
                         "        - {AttributeName: Language, AttributeType: S}\n"
                         "      KeySchema: [{AttributeName: Id, KeyType: HASH}]\n"
                         "      NotAProperty:\n        - IndexName: ByLanguage\n"
                         "          KeySchema: [{AttributeName: Language, KeyType: RANGE}]\n"}});
  EXPECT_EQ(diagnosticsText(r),
            "t.yaml:11:7: T: unknown property 'NotAProperty' of AWS::DynamoDB::Table\n");
}

// Defect 7: an SSM String value is not a secret; a SecureString value is.
TEST(Defects, OnlySecureStringParameterValuesAreSecret) {
  auto r = loadBuiltin({{"p.yaml",
                         "Resources:\n"
                         "  Plain: {Type: AWS::SSM::Parameter, Properties: {Name: /a/plain, "
                         "Type: String, Value: v}}\n"
                         "  Hidden: {Type: AWS::SSM::Parameter, Properties: {Name: /a/hidden, "
                         "Type: SecureString, Value: v}}\n"}});
  ASSERT_TRUE(r) << diagnosticsText(r);
  EXPECT_EQ(r->find({"p", "Plain"})->secretPaths, std::vector<std::string>{});
  EXPECT_EQ(r->find({"p", "Hidden"})->secretPaths, std::vector<std::string>{"Value"});
  const TypeInfo* info = builtinRegistry().info("AWS::SSM::Parameter");
  Value stored = state::maskSecrets(*info, r->find({"p", "Hidden"})->properties);
  EXPECT_EQ(stored.find("Value")->asString(), "(secret)");
  EXPECT_EQ(
      state::maskSecrets(*info, r->find({"p", "Plain"})->properties).find("Value")->asString(),
      "v");
}

// Defect 3: offline validation names things for a placeholder environment.
TEST(Defects, OfflineValidationUsesAPlaceholderEnvironment) {
  auto dir = std::filesystem::temp_directory_path() / "driftless-cfnlang-offline";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "app.yaml")
        << "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n"
           "      BucketName: !Sub 'logs-${Driftless::Environment}'\n";
  }
  auto diagnostics = validateDirectory(dir, {}, builtinRegistry());
  std::string text;
  for (const auto& d : diagnostics)
    text += d.str() + "\n";
  EXPECT_EQ(text, "");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace driftless::reconcile

#include "reconcile/outputs.h"

namespace driftless::reconcile {
namespace {

TEST(Outputs, AreRecordedInStateResolvedFromTheAppliedResources) {
  auto r = load({{"shared.yaml", kShared},
                 {"app.yaml",
                  "Parameters:\n  Pw: {Type: String, NoEcho: true, Default: hunter2}\n"
                  "Resources:\n  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: app}}\n"
                  "Outputs:\n  Url: {Value: !Ref Q}\n  Pw: {Value: !Ref Pw}\n"}},
                devContext(), test::testRegistry());
  ASSERT_TRUE(r) << diagnosticsText(r);
  state::EnvironmentState applied;
  state::AppliedResource dlq;
  dlq.type = "AWS::SQS::Queue";
  dlq.physicalId = "shared-dlq";
  dlq.attributes["Arn"] = Value("arn:dlq");
  applied.stacks["shared"].resources["Dlq"] = dlq;
  applied.stacks["app"].outputs["Gone"] = state::AppliedOutput{Value("x"), "", "", false};
  recordOutputs(*r, applied);
  const auto& shared = applied.stacks["shared"].outputs;
  ASSERT_EQ(shared.count("DlqArn"), 1u);
  EXPECT_EQ(shared.at("DlqArn").value.asString(), "arn:dlq");
  EXPECT_EQ(shared.at("DlqArn").exportName, "shared-DlqArn");
  EXPECT_EQ(shared.at("AlertsName").value.asString(), "alerts");
  const auto& app = applied.stacks["app"].outputs;
  EXPECT_EQ(app.count("Url"), 0u) << "its queue is not applied: nothing to record yet";
  EXPECT_EQ(app.count("Gone"), 0u) << "no longer in the template";
  ASSERT_EQ(app.count("Pw"), 1u);
  EXPECT_TRUE(app.at("Pw").secret);
  EXPECT_EQ(app.at("Pw").value.asString(), "(secret)");
}

}  // namespace
}  // namespace driftless::reconcile

#include <chrono>

namespace driftless::reconcile {
namespace {

// The figure of reconcile_bench's BM_LoadValidate/1000 (docs/performance.md),
// measurable without the benchmark build: run with
// --gtest_also_run_disabled_tests --gtest_filter='*LoadAndValidate1000*'.
TEST(Performance, DISABLED_LoadAndValidate1000Files) {
  std::vector<SourceFile> files;
  for (int i = 0; i < 1000; ++i) {
    std::string s = std::to_string(i);
    files.push_back(
        {"svc" + s + ".yaml",
         "Parameters:\n  Retention: {Type: Number, Default: 345600, MinValue: 60}\n"
         "Resources:\n  Dlq:\n    Type: AWS::SQS::Queue\n    Properties:\n"
         "      QueueName: !Sub \"svc" +
             s +
             "-dlq-${Driftless::Environment}\"\n      Tags: [{Key: team, Value: payments}]\n"
             "  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub \"svc" +
             s +
             "-${Driftless::Environment}\"\n      MessageRetentionPeriod: !Ref Retention\n"
             "      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5}\n"
             "  Url:\n    Type: AWS::SSM::Parameter\n    Properties:\n"
             "      Name: !Sub \"/${Driftless::Environment}/svc" +
             s + "/url\"\n      Type: String\n      Value: !Ref Queue\n"});
  }
  files.push_back({"parameters/dev.yaml", "{}\n"});
  double best = 1e9;
  for (int round = 0; round < 5; ++round) {
    auto start = std::chrono::steady_clock::now();
    auto r = load(files, devContext(), test::testRegistry());
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(r) << diagnosticsText(r);
    best = std::min(best, ms);
  }
  std::printf("load + validate of 1,000 files: best of 5 %.1f ms\n", best);
}

}  // namespace
}  // namespace driftless::reconcile

#include "tests/support/peer.h"

namespace driftless::reconcile {
namespace {

// tests/reconcile/templates: templates written the way CloudFormation users
// write them (no physical names, Outputs, Conditions, Mappings, JSON, CRLF,
// imports) load unchanged against the real types, in dev and in prod.
TEST(TemplateCorpus, LoadsUnchangedAgainstTheBuiltinTypes) {
  auto files = readDirectory(driftless::testing::sourceDir() / "tests/reconcile/templates");
  ASSERT_TRUE(files) << files.error().message;
  ASSERT_EQ(files->size(), 5u);
  for (const char* env : {"dev", "prod"}) {
    SCOPED_TRACE(env);
    LoadContext ctx = devContext();
    ctx.environment = env;
    auto r = load(*files, ctx, builtinRegistry());
    ASSERT_TRUE(r) << diagnosticsText(r);
    EXPECT_EQ(r->find({"storage", "Scratch"}) != nullptr, std::string(env) == "dev");
    EXPECT_EQ(r->find({"storage", "Archive"})->deletionPolicy, "Retain");
    const DesiredResource* sub = r->find({"consumer", "WorkerSubscription"});
    ASSERT_NE(sub, nullptr);
    std::vector<ResourceId> deps{{"consumer", "Worker"}, {"fanout", "Notifications"}};
    EXPECT_EQ(sub->dependencies, deps);
    EXPECT_TRUE(r->find({"fanout", "BillingQueue"})->generatedName);
    EXPECT_EQ(r->find({"network", "Blocks"})->properties.find("Value")->asString(),
              "10.0.0.0/24,10.0.1.0/24,10.0.2.0/24");
    EXPECT_EQ(r->find({"network", "Zone"})->properties.find("Value")->asString(), "west");
  }
}

}  // namespace
}  // namespace driftless::reconcile
