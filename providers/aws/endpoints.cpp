#include "providers/aws/endpoints.h"

#include <array>
#include <cstdlib>
#include <deque>
#include <mutex>

namespace driftless::aws {
namespace {

constexpr std::array kServices = {
    ServiceInfo{"s3", "s3", "s3", "S3", Protocol::RestXml, "", "", ""},
    ServiceInfo{"lambda", "lambda", "lambda", "LAMBDA", Protocol::RestJson, "", "", ""},
    ServiceInfo{"iam", "iam", "iam", "IAM", Protocol::Query, "2010-05-08", "", "", true},
    ServiceInfo{"sns", "sns", "sns", "SNS", Protocol::Query, "2010-03-31", "", ""},
    // EC2: Fn::GetAZs (DescribeAvailabilityZones).
    ServiceInfo{"ec2", "ec2", "ec2", "EC2", Protocol::Query, "2016-11-15", "", ""},
    ServiceInfo{"sts", "sts", "sts", "STS", Protocol::Query, "2011-06-15", "", ""},
    ServiceInfo{"monitoring", "monitoring", "monitoring", "CLOUDWATCH", Protocol::Query,
                "2010-08-01", "", ""},
    ServiceInfo{"dynamodb", "dynamodb", "dynamodb", "DYNAMODB", Protocol::Json, "",
                "DynamoDB_20120810", "1.0"},
    ServiceInfo{"sqs", "sqs", "sqs", "SQS", Protocol::Json, "", "AmazonSQS", "1.0"},
    ServiceInfo{"logs", "logs", "logs", "CLOUDWATCH_LOGS", Protocol::Json, "", "Logs_20140328",
                "1.1"},
    ServiceInfo{"ssm", "ssm", "ssm", "SSM", Protocol::Json, "", "AmazonSSM", "1.1"},
    ServiceInfo{"events", "events", "events", "EVENTBRIDGE", Protocol::Json, "", "AWSEvents",
                "1.1"},
    ServiceInfo{"kms", "kms", "kms", "KMS", Protocol::Json, "", "TrentService", "1.1"},
    ServiceInfo{"athena", "athena", "athena", "ATHENA", Protocol::Json, "", "AmazonAthena", "1.1"},
    ServiceInfo{"glue", "glue", "glue", "GLUE", Protocol::Json, "", "AWSGlue", "1.1"},
    ServiceInfo{"ecr", "ecr", "api.ecr", "ECR", Protocol::Json, "",
                "AmazonEC2ContainerRegistry_V20150921", "1.1"},
    ServiceInfo{"scheduler", "scheduler", "scheduler", "SCHEDULER", Protocol::RestJson, "", "", ""},
    ServiceInfo{"states", "states", "states", "SFN", Protocol::Json, "", "AWSStepFunctions", "1.0"},
    ServiceInfo{"kinesis", "kinesis", "kinesis", "KINESIS", Protocol::Json, "", "Kinesis_20131202",
                "1.1"},
    ServiceInfo{"secretsmanager", "secretsmanager", "secretsmanager", "SECRETS_MANAGER",
                Protocol::Json, "", "secretsmanager", "1.1"},
    // The Resource Groups Tagging API: resources by tag, many per call (`unmanaged`).
    ServiceInfo{"tagging", "tagging", "tagging", "RESOURCE_GROUPS_TAGGING_API", Protocol::Json, "",
                "ResourceGroupsTaggingAPI_20170126", "1.1"},
};

std::string trimSlash(std::string url) {
  while (!url.empty() && url.back() == '/')
    url.pop_back();
  return url;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Services a provider folder declares (addService); a deque keeps the
// pointers serviceInfo hands out valid.
std::mutex added_mutex;
std::deque<ServiceInfo>& added() {
  static std::deque<ServiceInfo> services;
  return services;
}

}  // namespace

const ServiceInfo* serviceInfo(std::string_view service) {
  for (const auto& s : kServices)
    if (s.name == service) return &s;
  std::lock_guard lock(added_mutex);
  for (const auto& s : added())
    if (s.name == service) return &s;
  return nullptr;
}

void addService(const ServiceInfo& info) {
  if (serviceInfo(info.name)) return;
  std::lock_guard lock(added_mutex);
  added().push_back(info);
}

Partition partitionOf(std::string_view region) {
  if (region.starts_with("cn-")) return {"aws-cn", "amazonaws.com.cn"};
  if (region.starts_with("us-gov-")) return {"aws-us-gov", "amazonaws.com"};
  return {"aws", "amazonaws.com"};
}

std::optional<std::string> processEnv(std::string_view name) {
  const char* v = std::getenv(std::string(name).c_str());
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

Endpoint resolveEndpoint(std::string_view service, std::string_view region,
                         const std::optional<std::string>& configured, const EnvLookup& env) {
  const ServiceInfo* info = serviceInfo(service);
  const Partition partition = partitionOf(region);
  Endpoint ep;
  ep.signingRegion = std::string(region);
  if (info && info->global) {
    // IAM signs with the partition's home region wherever it is called from.
    if (partition.name == "aws-cn")
      ep.signingRegion = "cn-north-1";
    else if (partition.name == "aws-us-gov")
      ep.signingRegion = "us-gov-west-1";
    else
      ep.signingRegion = "us-east-1";
  }
  std::optional<std::string> custom = configured;
  if (!custom) {
    auto ignore = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
    if (!ignore || (*ignore != "true" && *ignore != "TRUE" && *ignore != "True")) {
      std::string envName = info ? std::string(info->envName) : upper(service);
      custom = env("AWS_ENDPOINT_URL_" + envName);
      if (!custom) custom = env("AWS_ENDPOINT_URL");
    }
  }
  if (custom && !custom->empty()) {
    ep.url = trimSlash(*custom);
    ep.custom = true;
    return ep;
  }
  std::string prefix = info ? std::string(info->endpointPrefix) : std::string(service);
  if (info && info->global) {
    if (partition.name == "aws-cn")
      ep.url = "https://iam.cn-north-1.amazonaws.com.cn";
    else if (partition.name == "aws-us-gov")
      ep.url = "https://iam.us-gov.amazonaws.com";
    else
      ep.url = "https://iam.amazonaws.com";
    return ep;
  }
  ep.url = "https://" + prefix + "." + std::string(region) + "." + std::string(partition.dnsSuffix);
  return ep;
}

bool virtualHostable(std::string_view bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) return false;
  if (bucket.front() == '-' || bucket.back() == '-') return false;
  for (char c : bucket)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

}  // namespace driftless::aws
