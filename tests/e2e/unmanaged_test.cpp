// What driftless does not manage: `unmanaged` finds a resource a killed cycle
// leaked (our tags, no state) and, with --all, an untagged one; `import`
// prints the manifest that adopts a live resource, which then converges.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "tests/e2e/harness.h"

namespace driftless::e2e {
namespace {

TEST(Unmanaged, FindsLeakedAndUntaggedResourcesAndImportAdoptsOne) {
  Scenario s(ConfigOptions{.environments = {{"dev", true, true}}, .http = false});
  s.push("dev", {{"kept.yaml", s.queues({"kept"})}});
  int rc = 0;
  std::string out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;

  // Left by a cycle killed between CreateQueue and its state write: our tags, no state.
  const std::string leaked = s.queueName("leaked", "dev"), loose = s.queueName("loose", "dev");
  s.python(
      "c = boto3.client('sqs', endpoint_url=ep, region_name=region)\n"
      "c.create_queue(QueueName='" +
      leaked + "', tags={'driftless:controller': '" + s.prefix() +
      "', 'driftless:environment': 'dev', 'driftless:stack': 'gone', "
      "'driftless:logical-id': 'leaked'})\n"
      "c.create_queue(QueueName='" +
      loose + "', Attributes={'VisibilityTimeout': '45'}, tags={'team': 'data'})\n");

  out = s.cli({"unmanaged", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 2) << out;
  EXPECT_NE(out.find(":" + leaked), std::string::npos) << out;
  EXPECT_NE(out.find("leaked  AWS::SQS::Queue"), std::string::npos) << out;
  EXPECT_NE(out.find("(was gone/leaked)"), std::string::npos) << out;
  EXPECT_EQ(out.find(s.queueName("kept", "dev")), std::string::npos) << "in state: managed";
  EXPECT_EQ(out.find(loose), std::string::npos) << "untagged ones only with --all";

  out = s.cli({"unmanaged", "--config", s.config(), "--env", "dev", "--all", "-o", "json"}, &rc);
  EXPECT_EQ(rc, 2) << out;
  auto report = Value::fromJson(out);
  ASSERT_TRUE(report) << out;
  std::string looseKind;
  for (const auto& r : report->find("resources")->asArray())
    if (r.find("arn")->asString().ends_with(":" + loose)) looseKind = r.find("kind")->asString();
  EXPECT_EQ(looseKind, "untagged") << out;

  // import: the manifest that adopts it; committed, it converges.
  std::string yaml = s.cli({"import", "AWS::SQS::Queue", loose, "--config", s.config(), "--env",
                            "dev", "--stack", "imported", "--logical-id", "Loose"},
                           &rc);
  ASSERT_EQ(rc, 0) << yaml;
  EXPECT_NE(yaml.find("adopt: true"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("VisibilityTimeout: 45"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("\"team\""), std::string::npos) << yaml;
  EXPECT_EQ(yaml.find("driftless:controller"), std::string::npos) << "no ownership tags";
  s.push("dev", {{"imported.yaml", yaml}});
  out = s.cli({"plan", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 2) << "adopting writes the ownership tags: " << out;
  EXPECT_NE(out.find("ownership tags (adopt)"), std::string::npos) << out;
  EXPECT_EQ(out.find("VisibilityTimeout"), std::string::npos) << "no property changes: " << out;
  out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  out = s.cli({"plan", "--config", s.config(), "--env", "dev"}, &rc);
  EXPECT_EQ(rc, 0) << "converged: " << out;
  EXPECT_EQ(s.queueAttribute(loose, "VisibilityTimeout"), "45");
}

}  // namespace
}  // namespace driftless::e2e

namespace driftless::e2e {
namespace {

// `unmanaged --all` covers every listable type through its inventory data: an
// untagged resource of the later types (global IAM included) is reported with
// its type; an owned one in state is not (tagged, or, for types that cannot be
// tagged, recorded in state); AWS's own defaults never are.
TEST(Unmanaged, AllListsEveryListableTypeButOwnedOnesAndAwsDefaults) {
  Scenario s(ConfigOptions{.environments = {{"dev", true, true}}, .http = false});
  const std::string p = s.prefix();
  const std::string trust =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", )"
      R"("Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})";
  s.push("dev", {{"owned.yaml",
                  "Resources:\n"
                  "  Bus:\n    Type: AWS::Events::EventBus\n    Properties:\n      Name: " +
                      p +
                      "-bus-owned\n"
                      "  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n"
                      "      RepositoryName: " +
                      p +
                      "-repo-owned\n"
                      "  Db:\n    Type: AWS::Glue::Database\n    Properties:\n"
                      "      CatalogId: !Ref AWS::AccountId\n      DatabaseInput: {Name: " +
                      p +
                      "_db_owned}\n"
                      "  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: " +
                      p + "-role-owned\n      AssumeRolePolicyDocument: '" + trust + "'\n"}});
  int rc = 0;
  std::string out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;

  // Made by someone else, without ownership tags (the role with another tag).
  s.python(
      "import json\n"
      "kw = dict(endpoint_url=ep, region_name=region)\n"
      "boto3.client('events', **kw).create_event_bus(Name='" +
      p +
      "-bus-loose')\n"
      "boto3.client('ecr', **kw).create_repository(repositoryName='" +
      p +
      "-repo-loose')\n"
      "boto3.client('glue', **kw).create_database(DatabaseInput={'Name': '" +
      p +
      "_db_loose'})\n"
      "glue = boto3.client('glue', **kw)\n"
      "glue.create_job(Name='" +
      p +
      "-job-loose', Role='r', Command={'Name': 'glueetl', 'ScriptLocation': 's3://s/a.py'})\n"
      "glue.create_crawler(Name='" +
      p +
      "-crawler-loose', Role='r', Targets={'S3Targets': [{'Path': 's3://s/'}]})\n"
      "boto3.client('athena', **kw).create_work_group(Name='" +
      p +
      "-wg-loose')\n"
      "boto3.client('kinesis', **kw).create_stream(StreamName='" +
      p +
      "-stream-loose', ShardCount=1)\n"
      "boto3.client('iam', **kw).create_role(RoleName='" +
      p + "-role-loose', AssumeRolePolicyDocument='" + trust +
      "', Tags=[{'Key': 'team', 'Value': 'data'}])\n"
      "boto3.client('iam', **kw).create_role(RoleName='" +
      p + "-role-other', AssumeRolePolicyDocument='" + trust +
      "', Tags=[{'Key': 'driftless:controller', 'Value': 'another-controller'}])\n"
      "import io, zipfile\n"
      "b = io.BytesIO()\n"
      "with zipfile.ZipFile(b, 'w') as z: z.writestr('index.py', 'def handler(e, c): return 1')\n"
      "lam = boto3.client('lambda', **kw)\n"
      "lam.create_function(FunctionName='" +
      p +
      "-fn-loose', Runtime='python3.12', Handler='index.handler', Role="
      "'arn:aws:iam::123456789012:role/" +
      p +
      "-role-loose', Code={'ZipFile': b.getvalue()})\n"
      "v = lam.publish_version(FunctionName='" +
      p +
      "-fn-loose')['Version']\n"
      "lam.create_alias(FunctionName='" +
      p +
      "-fn-loose', Name='live', FunctionVersion=v)\n"
      "lam.publish_layer_version(LayerName='" +
      p +
      "-layer-loose', Content={'ZipFile': b.getvalue()})\n"
      "k = boto3.client('kms', **kw).create_key(Description='" +
      p + " loose')['KeyMetadata']['Arn']\nprint(k)\n");

  out = s.cli({"unmanaged", "--config", s.config(), "--env", "dev", "--all", "-o", "json"}, &rc);
  EXPECT_EQ(rc, 2) << out;
  auto report = Value::fromJson(out);
  ASSERT_TRUE(report) << out;
  std::map<std::string, std::string> typeOf;  // ARN -> type, untagged only
  for (const auto& r : report->find("resources")->asArray())
    if (r.find("kind")->asString() == "untagged")
      typeOf[r.find("arn")->asString()] = r.find("type")->asString();
  auto reported = [&](const std::string& suffix) {
    for (const auto& [arn, type] : typeOf)
      if (arn.ends_with(suffix)) return type;
    return std::string();
  };
  EXPECT_EQ(reported(":event-bus/" + p + "-bus-loose"), "AWS::Events::EventBus") << out;
  EXPECT_EQ(reported(":repository/" + p + "-repo-loose"), "AWS::ECR::Repository") << out;
  EXPECT_EQ(reported(":database/" + p + "_db_loose"), "AWS::Glue::Database") << out;
  EXPECT_EQ(reported(":workgroup/" + p + "-wg-loose"), "AWS::Athena::WorkGroup") << out;
  EXPECT_EQ(reported(":job/" + p + "-job-loose"), "AWS::Glue::Job") << out;
  EXPECT_EQ(reported(":crawler/" + p + "-crawler-loose"), "AWS::Glue::Crawler") << out;
  EXPECT_EQ(reported(":stream/" + p + "-stream-loose"), "AWS::Kinesis::Stream") << out;
  EXPECT_EQ(reported(":role/" + p + "-role-loose"), "AWS::IAM::Role") << "IAM is global: " << out;
  EXPECT_NE(out.find("AWS::KMS::Key"), std::string::npos) << "a customer managed key: " << out;
  // Lambda's children, listed per function and per layer.
  EXPECT_EQ(reported(":function:" + p + "-fn-loose"), "AWS::Lambda::Function") << out;
  EXPECT_EQ(reported(":function:" + p + "-fn-loose:1"), "AWS::Lambda::Version") << out;
  EXPECT_EQ(reported(":function:" + p + "-fn-loose:live"), "AWS::Lambda::Alias") << out;
  EXPECT_EQ(reported(":layer:" + p + "-layer-loose:1"), "AWS::Lambda::LayerVersion") << out;
  EXPECT_EQ(reported(":$LATEST"), "") << "$LATEST is the function itself: " << out;

  for (const char* owned : {"-bus-owned", "-repo-owned", "_db_owned", "-role-owned"})
    EXPECT_EQ(reported(p + owned), "") << owned << " is in state: " << out;
  EXPECT_EQ(reported(p + "-role-other"), "") << "another controller's role (its tags): " << out;
  EXPECT_EQ(reported(":event-bus/default"), "") << "AWS's default bus: " << out;
  EXPECT_EQ(reported(":workgroup/primary"), "") << "AWS's primary workgroup: " << out;

  // The text report names the type of each.
  out = s.cli({"unmanaged", "--config", s.config(), "--env", "dev", "--all"}, &rc);
  EXPECT_EQ(rc, 2) << out;
  EXPECT_NE(out.find("untagged  AWS::Glue::Database  arn:"), std::string::npos) << out;
}

// Issue 18 with 19: the VPC types are listed too, AWS's own left out: moto's
// default VPC and its subnets, and the default security group and main route
// table every VPC is made with; instances through their reservations, the
// terminated ones left out.
TEST(Unmanaged, AllListsUntaggedNetworkingButTheDefaultsEveryVpcIsMadeWith) {
  Scenario s(ConfigOptions{.environments = {{"dev", true, true}}, .http = false});
  s.push("dev", {{"net.yaml",
                  "Resources:\n  Net:\n    Type: AWS::EC2::VPC\n"
                  "    Properties: {CidrBlock: 10.41.0.0/16}\n"}});
  int rc = 0;
  std::string out = s.cli({"apply", "--config", s.config(), "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  // Made by hand, untagged: a VPC with a subnet, a group and a route table of its own.
  std::string ids = s.python(
      "c = boto3.client('ec2', endpoint_url=ep, region_name=region)\n"
      "v = c.create_vpc(CidrBlock='10.42.0.0/16')['Vpc']['VpcId']\n"
      "sn = c.create_subnet(VpcId=v, CidrBlock='10.42.1.0/24')['Subnet']['SubnetId']\n"
      "g = c.create_security_group(VpcId=v, GroupName='loose', Description='by hand')['GroupId']\n"
      "rt = c.create_route_table(VpcId=v)['RouteTable']['RouteTableId']\n"
      "vm = c.run_instances(ImageId='ami-12c6146b', MinCount=2, MaxCount=2, "
      "SubnetId=sn)['Instances']\n"
      "c.terminate_instances(InstanceIds=[vm[1]['InstanceId']])\n"
      "dg = c.describe_security_groups(Filters=[{'Name': 'vpc-id', 'Values': [v]}, "
      "{'Name': 'group-name', 'Values': ['default']}])['SecurityGroups'][0]['GroupId']\n"
      "main = [t['RouteTableId'] for t in c.describe_route_tables(Filters=[{'Name': 'vpc-id', "
      "'Values': [v]}])['RouteTables'] if any(a.get('Main') for a in t.get('Associations', "
      "[]))][0]\n"
      "dv = c.describe_vpcs(Filters=[{'Name': 'is-default', 'Values': "
      "['true']}])['Vpcs'][0]['VpcId']\n"
      "ds = c.describe_subnets(Filters=[{'Name': 'default-for-az', 'Values': ['true']}])"
      "['Subnets'][0]['SubnetId']\n"
      "print(v, sn, g, rt, dg, main, dv, ds, vm[0]['InstanceId'], vm[1]['InstanceId'])");
  std::istringstream in(ids);
  std::string vpc, subnet, group, table, defaultGroup, mainTable, defaultVpc, defaultSubnet;
  std::string instance, terminated;
  in >> vpc >> subnet >> group >> table >> defaultGroup >> mainTable >> defaultVpc >>
      defaultSubnet >> instance >> terminated;
  ASSERT_FALSE(terminated.empty()) << ids;

  out = s.cli({"unmanaged", "--config", s.config(), "--env", "dev", "--all", "-o", "json"}, &rc);
  EXPECT_EQ(rc, 2) << out;
  auto report = Value::fromJson(out);
  ASSERT_TRUE(report) << out;
  std::map<std::string, std::string> typeOf;  // id -> type, untagged only
  for (const auto& r : report->find("resources")->asArray()) {
    const std::string arn = r.find("arn")->asString();
    if (r.find("kind")->asString() == "untagged")
      typeOf[arn.substr(arn.rfind('/') + 1)] = r.find("type")->asString();
  }
  EXPECT_EQ(typeOf[vpc], "AWS::EC2::VPC") << out;
  EXPECT_EQ(typeOf[subnet], "AWS::EC2::Subnet") << out;
  EXPECT_EQ(typeOf[group], "AWS::EC2::SecurityGroup") << out;
  EXPECT_EQ(typeOf[table], "AWS::EC2::RouteTable") << out;
  EXPECT_EQ(typeOf[instance], "AWS::EC2::Instance") << out;
  EXPECT_EQ(typeOf.count(terminated), 0u) << "a terminated instance is gone: " << out;
  for (const auto& own : {defaultGroup, mainTable, defaultVpc, defaultSubnet})
    EXPECT_EQ(typeOf.count(own), 0u) << own << " is AWS's own: " << out;
  Value state =
      Value::fromJson(s.python("c = boto3.client('s3', endpoint_url=ep, region_name=region)\n"
                               "print(c.get_object(Bucket='" +
                               s.bucket() +
                               "', Key='driftless/dev/state.json')['Body'].read().decode())"))
          .value_or(Value::object());
  const Value* owned = state.findPath("stacks.net.resources.Net.physicalId");
  ASSERT_NE(owned, nullptr) << state.toJson();
  EXPECT_EQ(typeOf.count(owned->asString()), 0u) << "the managed VPC: " << out;
}

}  // namespace
}  // namespace driftless::e2e
