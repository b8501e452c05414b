#include "providers/cfnspec/coverage.h"

#include <algorithm>
#include <map>
#include <utility>

#include "providers/cfnspec/cfnspec.h"

namespace driftless::cfnspec {
namespace {

constexpr std::string_view kIpam =
    "IPAM pools are not implemented by the EC2 emulator; give CidrBlock or "
    "AmazonProvidedIpv6CidrBlock";
constexpr std::string_view kIpamPool =
    "IPAM pools are not implemented by the EC2 emulator; give the address or block itself";
constexpr std::string_view kByoip =
    "BYOIP IPv6 pools are not implemented by the EC2 emulator; give "
    "AmazonProvidedIpv6CidrBlock";

// Refused properties with a specific reason; any other refused property is
// "not implemented yet": the API supports it, driftless does not call it yet.
const std::map<std::pair<std::string_view, std::string_view>, std::string_view>& reasons() {
  static const std::map<std::pair<std::string_view, std::string_view>, std::string_view> r = {
      {{"AWS::S3::Bucket", "BucketNamePrefix"},
       "driftless does not generate physical names: give BucketName"},
      {{"AWS::S3::Bucket", "BucketNamespace"},
       "account-regional namespaces are not implemented by the S3 emulator"},
      {{"AWS::S3::Bucket", "MetadataConfiguration"},
       "S3 Metadata needs S3 Tables, which the emulator lacks"},
      {{"AWS::S3::Bucket", "MetadataTableConfiguration"},
       "S3 Metadata needs S3 Tables, which the emulator lacks"},
      {{"AWS::Glue::Table", "OpenTableFormatInput"},
       "an Iceberg table's creation input, which GetTable does not return: it cannot be "
       "checked for drift"},
      {{"AWS::Athena::WorkGroup", "WorkGroupConfigurationUpdates"},
       "deprecated in CloudFormation: change WorkGroupConfiguration instead"},
      {{"AWS::CloudWatch::Alarm", "EvaluationWindow"},
       "not implemented by the CloudWatch emulator"},
      {{"AWS::CloudWatch::Alarm", "WarmUpConfiguration"},
       "not implemented by the CloudWatch emulator"},
      {{"AWS::DynamoDB::Table", "ImportSourceSpecification"},
       "an import creates the table from S3 data once; it cannot be reconciled"},
      {{"AWS::DynamoDB::Table", "VectorIndexes"}, "not implemented by the DynamoDB emulator"},
      {{"AWS::Lambda::Function", "FunctionScalingConfig"},
       "Lambda keeps it per published version (PutFunctionScalingConfig takes a version "
       "qualifier): give it on the AWS::Lambda::Version of the function"},
      {{"AWS::Lambda::Function", "PublishToLatestPublished"},
       "a publish request (PublishTo), which GetFunction does not report: it cannot be "
       "checked for drift"},
      {{"AWS::IAM::ManagedPolicy", "Groups"},
       "driftless does not manage IAM groups; attach the policy from the role"},
      {{"AWS::IAM::ManagedPolicy", "Users"},
       "driftless does not manage IAM users; attach the policy from the role"},
      {{"AWS::EC2::VPCCidrBlock", "Ipv4IpamPoolId"}, kIpam},
      {{"AWS::EC2::VPCCidrBlock", "Ipv4NetmaskLength"}, kIpam},
      {{"AWS::EC2::VPCCidrBlock", "Ipv6IpamPoolId"}, kIpam},
      {{"AWS::EC2::VPCCidrBlock", "Ipv6NetmaskLength"}, kIpam},
      {{"AWS::EC2::VPCCidrBlock", "Ipv6Pool"}, kByoip},
      {{"AWS::EC2::VPCCidrBlock", "Ipv6CidrBlock"}, kByoip},
      {{"AWS::EC2::VPCCidrBlock", "Ipv6CidrBlockNetworkBorderGroup"},
       "a network border group is chosen with AWS Local Zones, which the emulator lacks"},
      {{"AWS::EC2::Instance", "AdditionalInfo"},
       "reserved by EC2 (RunInstances' AdditionalInfo): nothing reads it back to reconcile"},
      {{"AWS::EC2::Instance", "ElasticGpuSpecifications"},
       "Elastic Graphics was retired by AWS (January 2024): EC2 accepts no new accelerators"},
      {{"AWS::EC2::Instance", "ElasticInferenceAccelerators"},
       "Elastic Inference was retired by AWS (April 2024): EC2 accepts no new accelerators"},
      {{"AWS::EC2::Instance", "HostResourceGroupArn"},
       "host resource groups belong to AWS License Manager, which the emulator lacks"},
      {{"AWS::EC2::Instance", "NetworkInterfaces"},
       "of a network interface, AssociateCarrierIpAddress needs a Wavelength Zone and "
       "EnaSrdSpecification ENA Express, which the emulator lacks"},
      {{"AWS::EC2::Instance", "LicenseSpecifications"},
       "license configurations belong to AWS License Manager, which the emulator lacks"},
      {{"AWS::EC2::Instance", "SsmAssociations"},
       "SSM State Manager associations are not implemented by the emulator"},
      {{"AWS::EC2::Subnet", "Ipv4IpamPoolId"}, kIpamPool},
      {{"AWS::EC2::Subnet", "Ipv4NetmaskLength"}, kIpamPool},
      {{"AWS::EC2::Subnet", "Ipv6IpamPoolId"}, kIpamPool},
      {{"AWS::EC2::Subnet", "Ipv6NetmaskLength"}, kIpamPool},
      {{"AWS::EC2::Subnet", "OutpostArn"},
       "AWS Outposts (on-premises racks) are not implemented by the EC2 emulator"},
      {{"AWS::EC2::Subnet", "EnableLniAtDeviceIndex"},
       "local network interfaces exist only on AWS Outposts subnets, which the EC2 emulator "
       "lacks"},
      {{"AWS::EC2::VPC", "Ipv4IpamPoolId"}, kIpamPool},
      {{"AWS::EC2::VPC", "Ipv4NetmaskLength"}, kIpamPool},
      {{"AWS::EC2::VPC", "VpcEncryptionControl"},
       "VPC encryption controls are not implemented by the EC2 emulator"},
      {{"AWS::EC2::EIP", "IpamPoolId"}, kIpamPool},
      {{"AWS::EC2::EIP", "TransferAddress"},
       "accepts an address another account transfers; one environment is one account"},
      {{"AWS::EC2::NatGateway", "MaxDrainDurationSeconds"},
       "a parameter of releasing secondary addresses, which DescribeNatGateways does not "
       "report: it cannot be checked for drift"},
      {{"AWS::EC2::VPCEndpoint", "ResourceConfigurationArn"},
       "VPC Lattice resource configurations are not implemented by the emulator"},
      {{"AWS::EC2::VPCEndpoint", "ServiceNetworkArn"},
       "VPC Lattice service networks are not implemented by the emulator"},
      {{"AWS::EC2::Route", "OdbNetworkArn"},
       "Oracle Database@AWS (ODB) networks are not implemented by the emulator"},
      {{"AWS::SecretsManager::Secret", "ReplicaRegions"},
       "an environment is one region: replicas in other regions are not reconciled"},
      {{"AWS::SNS::Subscription", "Region"},
       "an environment is one region: a subscription to a topic in another region is not "
       "reconciled"},
      {{"AWS::SNS::Topic", "Subscription"},
       "inline subscriptions are not tracked; declare AWS::SNS::Subscription resources"},
  };
  return r;
}

std::string cell(std::string s) {
  for (auto& c : s)
    if (c == '|' || c == '\n') c = ' ';
  return s;
}

}  // namespace

std::size_t TypeCoverage::implemented() const {
  return static_cast<std::size_t>(
      std::count_if(properties.begin(), properties.end(),
                    [](const PropertyCoverage& p) { return p.implemented; }));
}

int TypeCoverage::percent() const {
  return properties.empty() ? 100 : static_cast<int>(implemented() * 100 / properties.size());
}

std::string refusalReason(std::string_view type, std::string_view property) {
  auto it = reasons().find({type, property});
  return it == reasons().end() ? std::string() : std::string(it->second);
}

std::vector<TypeCoverage> coverage(const Registry& registry) {
  const Database& db = database();
  std::vector<TypeCoverage> out;
  auto names = registry.types();
  std::sort(names.begin(), names.end());
  for (const auto& name : names) {
    const ResourceType* t = db.type(name);
    const TypeInfo* info = registry.info(name);
    if (!t || !info) continue;
    TypeCoverage c{name, {}, {}};
    for (const auto& p : t->properties) {
      bool implemented = info->property(p.name) != nullptr;
      c.properties.push_back(
          {p.name, implemented, implemented ? std::string() : refusalReason(name, p.name)});
      if (!implemented && c.properties.back().reason.empty())
        c.properties.back().reason = "not implemented yet";
    }
    for (const auto& p : info->properties)
      if (!t->property(p.name)) c.extra.push_back(p.name);
    out.push_back(std::move(c));
  }
  return out;
}

std::string coverageMarkdown(const Registry& registry) {
  auto all = coverage(registry);
  std::string out =
      "Generated from `@aws-cdk/aws-service-spec` " + database().version() +
      " and the providers' declarations. A refused property is an error naming it (\"not "
      "supported yet\"), never silently ignored.\n\n| type | implemented | refused | coverage "
      "|\n|---|---|---|---|\n";
  std::size_t impl = 0, total = 0;
  for (const auto& c : all) {
    out += "| " + c.type + " | " + std::to_string(c.implemented()) + " | " +
           std::to_string(c.properties.size() - c.implemented()) + " | " +
           std::to_string(c.percent()) + "% |\n";
    impl += c.implemented();
    total += c.properties.size();
  }
  out += "| **all** | " + std::to_string(impl) + " | " + std::to_string(total - impl) + " | " +
         std::to_string(total ? impl * 100 / total : 100) + "% |\n";
  for (const auto& c : all) {
    out += "\n#### " + c.type + "\n\n| property | status |\n|---|---|\n";
    for (const auto& p : c.properties)
      out += "| `" + p.name + "` | " +
             (p.implemented ? "implemented" : "refused: " + cell(p.reason)) + " |\n";
    for (const auto& e : c.extra)
      out += "| `" + e + "` | implemented (a driftless extension: not in CloudFormation) |\n";
  }
  return out;
}

}  // namespace driftless::cfnspec
