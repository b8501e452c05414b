#include "providers/aws/endpoints.h"

#include <gtest/gtest.h>

#include <map>

namespace driftless::aws {
namespace {

EnvLookup envOf(std::map<std::string, std::string> vars) {
  return [vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(Endpoints, PartitionsAndServices) {
  struct Case {
    std::string service, region, url, signingRegion;
  };
  const Case cases[] = {
      {"s3", "eu-west-1", "https://s3.eu-west-1.amazonaws.com", "eu-west-1"},
      {"sqs", "cn-north-1", "https://sqs.cn-north-1.amazonaws.com.cn", "cn-north-1"},
      {"dynamodb", "us-gov-west-1", "https://dynamodb.us-gov-west-1.amazonaws.com",
       "us-gov-west-1"},
      {"logs", "ap-southeast-2", "https://logs.ap-southeast-2.amazonaws.com", "ap-southeast-2"},
      {"sts", "eu-central-1", "https://sts.eu-central-1.amazonaws.com", "eu-central-1"},
      {"iam", "eu-west-1", "https://iam.amazonaws.com", "us-east-1"},
      {"iam", "cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
      {"iam", "us-gov-east-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1"},
  };
  for (const auto& c : cases) {
    Endpoint ep = resolveEndpoint(c.service, c.region, std::nullopt, envOf({}));
    EXPECT_EQ(ep.url, c.url) << c.service << " " << c.region;
    EXPECT_EQ(ep.signingRegion, c.signingRegion) << c.service << " " << c.region;
    EXPECT_FALSE(ep.custom);
  }
  EXPECT_EQ(partitionOf("cn-north-1").name, "aws-cn");
  EXPECT_EQ(partitionOf("us-gov-west-1").name, "aws-us-gov");
  EXPECT_EQ(partitionOf("eu-west-1").name, "aws");
}

TEST(Endpoints, OverridesInSdkOrder) {
  auto env = envOf({{"AWS_ENDPOINT_URL", "http://global:1/"},
                    {"AWS_ENDPOINT_URL_S3", "http://s3-only:2"},
                    {"AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://logs:3"}});
  EXPECT_EQ(resolveEndpoint("s3", "eu-west-1", std::nullopt, env).url, "http://s3-only:2");
  EXPECT_EQ(resolveEndpoint("logs", "eu-west-1", std::nullopt, env).url, "http://logs:3");
  EXPECT_EQ(resolveEndpoint("sqs", "eu-west-1", std::nullopt, env).url, "http://global:1");
  // the config's endpointUrl beats both variables
  Endpoint cfg = resolveEndpoint("s3", "eu-west-1", "http://config:4", env);
  EXPECT_EQ(cfg.url, "http://config:4");
  EXPECT_TRUE(cfg.custom);
  EXPECT_EQ(cfg.signingRegion, "eu-west-1");
  // the SDKs' switch to ignore the variables
  auto ignoring = envOf(
      {{"AWS_ENDPOINT_URL", "http://global:1"}, {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"}});
  EXPECT_EQ(resolveEndpoint("sqs", "eu-west-1", std::nullopt, ignoring).url,
            "https://sqs.eu-west-1.amazonaws.com");
}

TEST(Endpoints, VirtualHostableBuckets) {
  EXPECT_TRUE(virtualHostable("my-bucket-1"));
  EXPECT_FALSE(virtualHostable("my.bucket"));  // dots break the TLS wildcard
  EXPECT_FALSE(virtualHostable("My-Bucket"));
  EXPECT_FALSE(virtualHostable("ab"));
  EXPECT_FALSE(virtualHostable("-leading"));
}

TEST(Endpoints, ServiceTable) {
  EXPECT_EQ(serviceInfo("dynamodb")->targetPrefix, "DynamoDB_20120810");
  EXPECT_EQ(serviceInfo("dynamodb")->jsonVersion, "1.0");
  EXPECT_EQ(serviceInfo("sqs")->targetPrefix, "AmazonSQS");
  EXPECT_EQ(serviceInfo("logs")->jsonVersion, "1.1");
  EXPECT_EQ(serviceInfo("ssm")->targetPrefix, "AmazonSSM");
  EXPECT_EQ(serviceInfo("iam")->apiVersion, "2010-05-08");
  EXPECT_EQ(serviceInfo("sns")->apiVersion, "2010-03-31");
  EXPECT_EQ(serviceInfo("sts")->apiVersion, "2011-06-15");
  EXPECT_EQ(serviceInfo("nope"), nullptr);
}

}  // namespace
}  // namespace driftless::aws
