// AWS::EC2::Instance's settings (providers/ec2/instance_options.cpp) against
// moto, checked with boto3: each set at RunInstances (or right after it), no
// drift right after, changed by hand and put back, changed in place or
// replaced as CloudFormation's database says. What moto 5.2.1 ignores
// (placement beyond the zone, CPU and enclave options, private DNS names,
// kernel and RAM disk, IPv6 addresses, CPU credits, MonitorInstances) is
// checked on the wire against a stub answering as EC2 documents
// (docs/manifest-reference.md, "What the emulator cannot do").
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <string>

#include "reconcile/cfnspec_check.h"
#include "tests/support/http_stub.h"
#include "tests/support/peer.h"

namespace driftless::testing {
inline MotoServer& moto() {
  return sharedMoto();
}
}  // namespace driftless::testing

#include "tests/support/provider_harness.h"

namespace driftless {
namespace {

using testing::Harness;
using testing::json;
using testing::paths;
using testing::uniqueName;

// The start of every boto3 snippet: an ec2 client `c`, the instance id `i`.
std::string prelude(const std::string& instance) {
  return "c = boto3.client('ec2', endpoint_url=ep, aws_access_key_id=ak, "
         "aws_secret_access_key=sk, region_name='us-east-1')\ni = '" +
         instance + "'\n";
}

// boto3's answer to `code`, without the trailing newline.
std::string boto(const std::string& code, const std::string& instance = "") {
  int rc = 0;
  std::string out = testing::moto().python(prelude(instance) + code, &rc);
  EXPECT_EQ(rc, 0) << out;
  return out.erase(out.find_last_not_of('\n') + 1);
}

// An update of what replaces the instance is refused: the plan replaces it.
void expectReplaced(Harness& h, const Desired& d, const Observed& live, const Delta& change) {
  auto refused = h.run(h.p().update(d, live, change));
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("replaced instead"), std::string::npos);
}

// Terminates the instance, then runs `cleanup` (boto3: what the test made for it).
void terminated(Harness& h, const Desired& d, const Observed& live, const std::string& cleanup) {
  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists);
  boto(cleanup);
}

// An instance attribute as boto3 reads it (DescribeInstanceAttribute).
std::string attribute(const std::string& instance, const std::string& name) {
  const std::string key(1, static_cast<char>(std::toupper(name[0])));
  return boto("print(c.describe_instance_attribute(InstanceId=i, Attribute='" + name + "')['" +
                  key + name.substr(1) + "']['Value'])",
              instance);
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(Ec2InstanceSettings, SetAtRunDriftCorrectedChangedInPlaceAgainstMoto) {
  const std::string vpc = boto("print(c.create_vpc(CidrBlock='10.140.0.0/16')['Vpc']['VpcId'])");
  const std::string subnet = boto("print(c.create_subnet(VpcId='" + vpc +
                                  "', CidrBlock='10.140.1.0/24', AvailabilityZone='us-east-1b')"
                                  "['Subnet']['SubnetId'])");
  const std::string sg = boto("print(c.create_security_group(GroupName='" + uniqueName("s") +
                              "', Description='x', VpcId='" + vpc + "')['GroupId'])");
  const std::string vol =
      boto("print(c.create_volume(Size=1, AvailabilityZone='us-east-1b')['VolumeId'])");
  Harness h("AWS::EC2::Instance");
  Desired d = h.desired(uniqueName("Vm"), json(R"({"ImageId": "ami-12c6146b",
      "InstanceType": "t3.micro", "SubnetId": ")" +
                                               subnet + R"(", "SecurityGroupIds": [")" + sg + R"("],
      "AvailabilityZone": "us-east-1b", "PrivateIpAddress": "10.140.1.25", "Tenancy": "default",
      "EbsOptimized": true, "Monitoring": true, "DisableApiTermination": true,
      "InstanceInitiatedShutdownBehavior": "terminate", "SourceDestCheck": false,
      "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2},
      "HibernationOptions": {"Configured": true}, "EnclaveOptions": {"Enabled": false},
      "Volumes": [{"Device": "/dev/sdf", "VolumeId": ")" +
                                               vol + R"("}],
      "PropagateTagsToVolumeOnCreation": true, "Tags": [{"Key": "team", "Value": "data"}]})"));
  EXPECT_FALSE(h.observe(d).exists);
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  d.physicalId = live.physicalId;
  const std::string id = live.physicalId;
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty())
      << ::testing::PrintToString(paths(h.p().diff(d, h.observe(d))));
  EXPECT_EQ(attribute(id, "disableApiTermination"), "True");
  EXPECT_EQ(attribute(id, "instanceInitiatedShutdownBehavior"), "terminate");
  EXPECT_EQ(attribute(id, "sourceDestCheck"), "False");
  EXPECT_EQ(boto("r = c.describe_instances(InstanceIds=[i])['Reservations'][0]['Instances'][0]\n"
                 "print(r['PrivateIpAddress'], r['EbsOptimized'], r['Monitoring']['State'], "
                 "r['MetadataOptions']['HttpTokens'], r['HibernationOptions']['Configured'], "
                 "sorted(m['DeviceName'] for m in r['BlockDeviceMappings']))",
                 id),
            "10.140.1.25 True enabled required True ['/dev/sda1', '/dev/sdf']");
  EXPECT_EQ(boto("print([t['Key'] + '=' + t['Value'] for v in c.describe_volumes(Filters=[{'Name':"
                 " 'attachment.instance-id', 'Values': [i]}])['Volumes'] if "
                 "v['Attachments'][0]['Device'] == '/dev/sda1' for t in v.get('Tags', [])])",
                 id),
            "['team=data']")
      << "the manifest's tags on the volumes RunInstances made";
  // The no-op read: one DescribeInstances, and DescribeInstanceAttribute for
  // the two settings only it answers.
  h.resetStats();
  h.observe(d);
  EXPECT_EQ(h.calls().count("ec2:DescribeInstances") ? h.calls().at("ec2:DescribeInstances") : 0,
            1u);
  EXPECT_EQ(h.stats().total(), 3u);

  // Changed by hand: drift, put back in place.
  boto(
      "c.modify_instance_attribute(InstanceId=i, DisableApiTermination={'Value': False})\n"
      "c.modify_instance_attribute(InstanceId=i, Attribute='instanceInitiatedShutdownBehavior', "
      "Value='stop')\n"
      "c.modify_instance_attribute(InstanceId=i, SourceDestCheck={'Value': True})\n"
      "c.modify_instance_metadata_options(InstanceId=i, HttpTokens='optional', "
      "HttpPutResponseHopLimit=2)\n"
      "c.detach_volume(VolumeId='" +
          vol + "', InstanceId=i, Device='/dev/sdf')",
      id);
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  EXPECT_EQ(sorted(paths(drift)),
            (std::vector<std::string>{"DisableApiTermination", "InstanceInitiatedShutdownBehavior",
                                      "MetadataOptions.HttpTokens", "SourceDestCheck", "Volumes"}));
  h.resetStats();
  live = h.update(d, live, drift);
  EXPECT_EQ(h.calls().at("ec2:ModifyInstanceAttribute"), 3u);
  EXPECT_EQ(h.calls().at("ec2:ModifyInstanceMetadataOptions"), 1u);
  EXPECT_EQ(h.calls().at("ec2:AttachVolume"), 1u);
  EXPECT_EQ(h.calls().count("ec2:RunInstances"), 0u);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  EXPECT_EQ(attribute(id, "disableApiTermination"), "True");
  EXPECT_EQ(attribute(id, "instanceInitiatedShutdownBehavior"), "terminate");
  EXPECT_EQ(attribute(id, "sourceDestCheck"), "False");

  // Changes in place: protection off, shutdown stops, metadata, a volume detached.
  d.properties["DisableApiTermination"] = Value(false);
  d.properties["InstanceInitiatedShutdownBehavior"] = Value("stop");
  d.properties["MetadataOptions"]["HttpPutResponseHopLimit"] = Value(3);
  d.properties["Volumes"] = Value::array();
  Delta change = h.p().diff(d, live);
  EXPECT_EQ(sorted(paths(change)),
            (std::vector<std::string>{"DisableApiTermination", "InstanceInitiatedShutdownBehavior",
                                      "MetadataOptions.HttpPutResponseHopLimit", "Volumes"}));
  h.resetStats();
  live = h.update(d, live, change);
  EXPECT_EQ(h.calls().at("ec2:DetachVolume"), 1u);
  EXPECT_EQ(h.calls().count("ec2:RunInstances"), 0u);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  EXPECT_EQ(attribute(id, "disableApiTermination"), "False");
  EXPECT_EQ(boto("r = c.describe_instances(InstanceIds=[i])['Reservations'][0]['Instances'][0]\n"
                 "print(r['MetadataOptions']['HttpPutResponseHopLimit'], "
                 "len(r['BlockDeviceMappings']))",
                 id),
            "3 1");

  // Replaced, as CloudFormation's database says (or EC2 needs the instance stopped).
  for (const char* p : {"AvailabilityZone", "PrivateIpAddress", "EbsOptimized", "Tenancy",
                        "HibernationOptions", "EnclaveOptions", "SecurityGroups"})
    EXPECT_TRUE(h.p().info().property(p)->immutable) << p;
  for (const char* p : {"DisableApiTermination", "InstanceInitiatedShutdownBehavior",
                        "SourceDestCheck", "Monitoring", "MetadataOptions", "Volumes"})
    EXPECT_FALSE(h.p().info().property(p)->immutable) << p;
  Desired moved = d;
  moved.properties["PrivateIpAddress"] = Value("10.140.1.26");
  EXPECT_EQ(paths(h.p().diff(moved, live)), (std::vector<std::string>{"PrivateIpAddress"}));
  expectReplaced(h, moved, live, h.p().diff(moved, live));
  terminated(h, d, live,
             "c.delete_volume(VolumeId='" + vol + "')\nc.delete_security_group(GroupId='" + sg +
                 "')\nc.delete_subnet(SubnetId='" + subnet + "')\nc.delete_vpc(VpcId='" + vpc +
                 "')");
}

// Security groups by name and the zone without a subnet: the default VPC.
TEST(Ec2InstanceSettings, GroupNamesAndZoneInTheDefaultVpc) {
  const std::string name = uniqueName("web");
  const std::string sg =
      boto("print(c.create_security_group(GroupName='" + name + "', Description='x')['GroupId'])");
  Harness h("AWS::EC2::Instance");
  Desired d = h.desired(uniqueName("Vm"), json(R"({"ImageId": "ami-12c6146b",
      "InstanceType": "t3.micro", "AvailabilityZone": "us-east-1c",
      "SecurityGroups": [")" + name + R"("]})"));
  EXPECT_FALSE(h.observe(d).exists);
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  d.physicalId = live.physicalId;
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  EXPECT_EQ(boto("r = c.describe_instances(InstanceIds=[i])['Reservations'][0]['Instances'][0]\n"
                 "print(r['Placement']['AvailabilityZone'], [g['GroupId'] for g in "
                 "r['SecurityGroups']])",
                 live.physicalId),
            "us-east-1c ['" + sg + "']");
  // Another group by hand: drift on SecurityGroups, which replaces.
  const std::string other = uniqueName("db");
  const std::string sg2 =
      boto("print(c.create_security_group(GroupName='" + other + "', Description='x')['GroupId'])");
  boto("c.modify_instance_attribute(InstanceId=i, Groups=['" + sg + "', '" + sg2 + "'])",
       live.physicalId);
  live = h.observe(d);
  EXPECT_EQ(paths(h.p().diff(d, live)), (std::vector<std::string>{"SecurityGroups"}));
  h.remove(d, live);
  boto("c.delete_security_group(GroupId='" + sg + "')\nc.delete_security_group(GroupId='" + sg2 +
       "')");
}

// Two network interfaces in two subnets, the primary with a public address.
TEST(Ec2InstanceSettings, NetworkInterfacesAgainstMoto) {
  const std::string vpc = boto("print(c.create_vpc(CidrBlock='10.150.0.0/16')['Vpc']['VpcId'])");
  auto subnet = [&](const std::string& cidr) {
    return boto("print(c.create_subnet(VpcId='" + vpc + "', CidrBlock='" + cidr +
                "', AvailabilityZone='us-east-1b')['Subnet']['SubnetId'])");
  };
  const std::string sn1 = subnet("10.150.1.0/24"), sn2 = subnet("10.150.2.0/24");
  const std::string sg = boto("print(c.create_security_group(GroupName='" + uniqueName("n") +
                              "', Description='x', VpcId='" + vpc + "')['GroupId'])");
  Harness h("AWS::EC2::Instance");
  Desired d = h.desired(uniqueName("Vm"), json(R"({"ImageId": "ami-12c6146b",
      "InstanceType": "t3.micro", "NetworkInterfaces": [
        {"DeviceIndex": "1", "SubnetId": ")" + sn2 +
                                               R"(", "GroupSet": [")" + sg + R"("],
         "Description": "backend", "DeleteOnTermination": true},
        {"DeviceIndex": 0, "SubnetId": ")" + sn1 +
                                               R"(", "GroupSet": [")" + sg + R"("],
         "AssociatePublicIpAddress": true, "DeleteOnTermination": true,
         "PrivateIpAddresses": [{"PrivateIpAddress": "10.150.1.30", "Primary": true}]}]})"));
  EXPECT_FALSE(h.observe(d).exists);
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  d.physicalId = live.physicalId;
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty())
      << ::testing::PrintToString(paths(h.p().diff(d, h.observe(d))));
  EXPECT_EQ(boto("r = c.describe_instances(InstanceIds=[i])['Reservations'][0]['Instances'][0]\n"
                 "print(sorted((n['Attachment']['DeviceIndex'], n['PrivateIpAddress'][:9], "
                 "n['Description'], 'PublicIp' in n['Association']) for n in "
                 "r['NetworkInterfaces']))",
                 live.physicalId),
            "[(0, '10.150.1.', 'Primary network interface', True), (1, '10.150.2.', 'backend', "
            "False)]");
  EXPECT_EQ(live.attributes.find("PrivateIp")->asString(), "10.150.1.30");
  // A description changed by hand: drift, which only a replacement corrects.
  const std::string eni = boto(
      "r = c.describe_instances(InstanceIds=[i])['Reservations'][0]['Instances'][0]\n"
      "print([n['NetworkInterfaceId'] for n in r['NetworkInterfaces'] if "
      "n['Attachment']['DeviceIndex'] == 1][0])",
      live.physicalId);
  boto("c.modify_network_interface_attribute(NetworkInterfaceId='" + eni +
       "', Description={'Value': 'other'})");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  ASSERT_EQ(drift.changes.size(), 1u) << ::testing::PrintToString(paths(drift));
  EXPECT_TRUE(paths(drift)[0].starts_with("NetworkInterfaces")) << paths(drift)[0];
  EXPECT_TRUE(h.p().info().property("NetworkInterfaces")->immutable);
  expectReplaced(h, d, live, drift);
  terminated(h, d, live,
             "c.delete_security_group(GroupId='" + sg + "')\nc.delete_subnet(SubnetId='" + sn1 +
                 "')\nc.delete_subnet(SubnetId='" + sn2 + "')\nc.delete_vpc(VpcId='" + vpc + "')");
}

TEST(Ec2InstanceSettings, ValidationNamesTheProperty) {
  const TypeInfo* info = builtinRegistry().info("AWS::EC2::Instance");
  ASSERT_NE(info, nullptr);
  auto problems = info->validate(json(R"({"ImageId": "ami-1", "SecurityGroups": ["a"],
      "SecurityGroupIds": ["sg-1"], "Ipv6AddressCount": 1,
      "Ipv6Addresses": [{"Ipv6Address": "2600::1"}],
      "MetadataOptions": {"HttpPutResponseHopLimit": 65},
      "Volumes": [{"Device": "/dev/sdf", "VolumeId": "vol-1"},
                  {"Device": "/dev/sdf", "VolumeId": "vol-2"}]})"));
  ASSERT_EQ(problems.size(), 4u) << ::testing::PrintToString(problems);
  EXPECT_TRUE(problems[0].starts_with("SecurityGroups")) << problems[0];
  EXPECT_TRUE(problems[1].starts_with("Ipv6AddressCount")) << problems[1];
  EXPECT_TRUE(problems[2].starts_with("MetadataOptions.HttpPutResponseHopLimit")) << problems[2];
  EXPECT_TRUE(problems[3].starts_with("Volumes")) << problems[3];
  problems = info->validate(json(R"({"ImageId": "ami-1", "SubnetId": "subnet-1",
      "NetworkInterfaces": [{"DeviceIndex": "0", "SubnetId": "subnet-1"}]})"));
  ASSERT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
  EXPECT_TRUE(problems[0].starts_with("SubnetId: give it in NetworkInterfaces")) << problems[0];
  // The two interface fields not implemented are refused with the reason.
  const std::string refused = reconcile::undeclaredPropertyMessage(
      "AWS::EC2::Instance", "NetworkInterfaces.0.EnaSrdSpecification", {});
  EXPECT_NE(refused.find("is not supported yet (of a network interface, AssociateCarrierIpAddress "
                         "needs a Wavelength Zone"),
            std::string::npos)
      << refused;
}

// What moto ignores, on EC2's wire format: a stub that runs one instance and
// describes it as EC2 does.
struct InstanceWire {
  std::atomic<bool> ran = false;
  std::string monitoring = "enabled";
  std::string credits = "unlimited";
  testing::HttpStub stub{[this](const testing::StubRequest& r) {
    auto answer = [](const std::string& action, const std::string& result) {
      return testing::StubResponse{
          .headers = {{"Content-Type", "text/xml"}},
          .body = "<" + action + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">" +
                  "<requestId>r</requestId>" + result + "</" + action + "Response>"};
    };
    const std::string action = r.body.substr(7, r.body.find('&') - 7);
    if (action == "RunInstances") {
      ran = true;
      return answer(action,
                    "<instancesSet><item><instanceId>i-1</instanceId></item>"
                    "</instancesSet>");
    }
    if (action == "DescribeInstanceCreditSpecifications")
      return answer(action,
                    "<instanceCreditSpecificationSet><item><instanceId>i-1</instanceId>"
                    "<cpuCredits>" +
                        credits + "</cpuCredits></item></instanceCreditSpecificationSet>");
    if (action != "DescribeInstances") return answer(action, "<return>true</return>");
    // By ownership tags (the adoption check): nothing; by id: the instance.
    if (!ran || r.body.find("Filter.1.Name=tag") != std::string::npos)
      return answer(action, "<reservationSet/>");
    return answer(action, item());
  }};

  std::string item() const {
    return "<reservationSet><item><instancesSet><item><instanceId>i-1</instanceId>"
           "<imageId>ami-1</imageId><instanceState><name>running</name></instanceState>"
           "<placement><availabilityZone>us-east-1a</availabilityZone><groupName>pg</groupName>"
           "<tenancy>host</tenancy><hostId>h-0123</hostId><affinity>host</affinity></placement>"
           "<monitoring><state>" +
           monitoring +
           "</state></monitoring><kernelId>aki-1</kernelId><ramdiskId>ari-1</ramdiskId>"
           "<cpuOptions><coreCount>2</coreCount><threadsPerCore>1</threadsPerCore></cpuOptions>"
           "<enclaveOptions><enabled>true</enabled></enclaveOptions>"
           "<privateDnsNameOptions><hostnameType>resource-name</hostnameType>"
           "<enableResourceNameDnsARecord>true</enableResourceNameDnsARecord>"
           "<enableResourceNameDnsAAAARecord>false</enableResourceNameDnsAAAARecord>"
           "</privateDnsNameOptions><blockDeviceMapping><item><deviceName>/dev/sdf</deviceName>"
           "<ebs><volumeId>vol-9</volumeId><status>detaching</status></ebs></item>"
           "</blockDeviceMapping><networkInterfaceSet><item><networkInterfaceId>eni-1"
           "</networkInterfaceId><attachment><deviceIndex>0</deviceIndex></attachment>"
           "<ipv6AddressesSet><item><ipv6Address>2600:1f18::5</ipv6Address></item>"
           "</ipv6AddressesSet><privateIpAddressesSet><item><privateIpAddress>10.0.0.5"
           "</privateIpAddress><primary>true</primary></item><item><privateIpAddress>10.0.0.6"
           "</privateIpAddress><primary>false</primary></item></privateIpAddressesSet></item>"
           "</networkInterfaceSet></item></instancesSet></item></reservationSet>";
  }

  // The body of the last request of `action`.
  std::string sent(const std::string& action) const {
    std::string out;
    for (const auto& r : stub.requests())
      if (r.body.starts_with("Action=" + action + "&")) out = r.body;
    return out;
  }
};

TEST(Ec2InstanceSettings, PlacementCpuDnsKernelIpv6CreditsAndMonitoringOnTheWire) {
  InstanceWire wire;
  Harness h("AWS::EC2::Instance", {.endpoint = wire.stub.url()});
  Desired d = h.desired(uniqueName("Vm"), json(R"({"ImageId": "ami-1",
      "Tenancy": "host", "PlacementGroupName": "pg", "HostId": "h-0123", "Affinity": "host",
      "KernelId": "aki-1", "RamdiskId": "ari-1", "Monitoring": true,
      "CpuOptions": {"CoreCount": 2, "ThreadsPerCore": 1}, "EnclaveOptions": {"Enabled": true},
      "PrivateDnsNameOptions": {"HostnameType": "resource-name",
                                "EnableResourceNameDnsARecord": true},
      "Ipv6Addresses": [{"Ipv6Address": "2600:1f18::5"}],
      "CreditSpecification": {"CPUCredits": "unlimited"}, "Volumes": []})"));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(live.physicalId, "i-1");
  d.physicalId = live.physicalId;
  // No drift; the volume being detached (Volumes: []) counts as gone already.
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  EXPECT_EQ(h.calls().count("ec2:DetachVolume"), 0u);
  const std::string run = wire.sent("RunInstances");
  for (const char* field :
       {"Placement.Tenancy=host", "Placement.GroupName=pg", "Placement.HostId=h-0123",
        "Placement.Affinity=host", "KernelId=aki-1", "RamdiskId=ari-1", "Monitoring.Enabled=true",
        "CpuOptions.CoreCount=2", "CpuOptions.ThreadsPerCore=1", "EnclaveOptions.Enabled=true",
        "PrivateDnsNameOptions.HostnameType=resource-name",
        "PrivateDnsNameOptions.EnableResourceNameDnsARecord=true",
        "Ipv6Address.1.Ipv6Address=2600%3A1f18%3A%3A5", "CreditSpecification.CpuCredits=unlimited"})
    EXPECT_NE(run.find(std::string(field) + "&"), std::string::npos) << field << " in " << run;

  // Monitoring and CPU credits changed by hand: drift, put back in place.
  wire.monitoring = "disabled";
  wire.credits = "standard";
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  EXPECT_EQ(sorted(paths(drift)),
            (std::vector<std::string>{"CreditSpecification.CPUCredits", "Monitoring"}));
  h.update(d, live, drift);
  EXPECT_TRUE(wire.sent("MonitorInstances").ends_with("&InstanceId.1=i-1"))
      << wire.sent("MonitorInstances");
  const std::string credits = wire.sent("ModifyInstanceCreditSpecification");
  for (const char* field : {"InstanceCreditSpecification.1.InstanceId=i-1",
                            "InstanceCreditSpecification.1.CpuCredits=unlimited"})
    EXPECT_NE(credits.find(field), std::string::npos) << field << " in " << credits;
  // Monitoring off: UnmonitorInstances.
  wire.monitoring = "enabled";
  wire.credits = "unlimited";
  d.properties["Monitoring"] = Value(false);
  live = h.observe(d);
  Delta change = h.p().diff(d, live);
  EXPECT_EQ(paths(change), (std::vector<std::string>{"Monitoring"}));
  h.update(d, live, change);
  EXPECT_TRUE(wire.sent("UnmonitorInstances").ends_with("&InstanceId.1=i-1"))
      << wire.sent("UnmonitorInstances");
  // Each of the others replaces (EC2 changes them only on a stopped instance).
  for (const char* p : {"PlacementGroupName", "HostId", "Affinity", "KernelId", "RamdiskId",
                        "CpuOptions", "PrivateDnsNameOptions", "Ipv6Addresses", "Ipv6AddressCount"})
    EXPECT_TRUE(h.p().info().property(p)->immutable) << p;
  // A count instead of addresses: EC2 picks them; the count is compared.
  Desired counted = h.desired(uniqueName("Vm"), json(R"({"ImageId": "ami-1",
      "Ipv6AddressCount": 1})"));
  wire.ran = false;
  Observed one = h.create(counted);
  EXPECT_NE(wire.sent("RunInstances").find("&Ipv6AddressCount=1&"), std::string::npos);
  counted.physicalId = one.physicalId;
  EXPECT_TRUE(h.p().diff(counted, one).empty());
  counted.properties["Ipv6AddressCount"] = Value(2);
  EXPECT_EQ(paths(h.p().diff(counted, one)), (std::vector<std::string>{"Ipv6AddressCount"}));
  // An existing interface with a secondary address EC2 picks (moto ignores the count).
  Desired attached = h.desired(uniqueName("Vm"), json(R"({"ImageId": "ami-1",
      "NetworkInterfaces": [{"DeviceIndex": "0", "NetworkInterfaceId": "eni-1",
        "SecondaryPrivateIpAddressCount": 1,
        "Ipv6Addresses": [{"Ipv6Address": "2600:1f18::5"}]}]})"));
  wire.ran = false;
  Observed nic = h.create(attached);
  const std::string sent = wire.sent("RunInstances");
  for (const char* field :
       {"NetworkInterface.1.DeviceIndex=0", "NetworkInterface.1.NetworkInterfaceId=eni-1",
        "NetworkInterface.1.SecondaryPrivateIpAddressCount=1",
        "NetworkInterface.1.Ipv6Addresses.1.Ipv6Address=2600%3A1f18%3A%3A5"})
    EXPECT_NE(sent.find(std::string(field) + "&"), std::string::npos) << field << " in " << sent;
  attached.physicalId = nic.physicalId;
  EXPECT_TRUE(h.p().diff(attached, nic).empty())
      << ::testing::PrintToString(paths(h.p().diff(attached, nic)));
  attached.properties["NetworkInterfaces"] = json(R"([{"DeviceIndex": "0",
      "SecondaryPrivateIpAddressCount": 2}])");
  EXPECT_EQ(paths(h.p().diff(attached, nic)), (std::vector<std::string>{"NetworkInterfaces"}));
  wire.monitoring = "disabled";
  live = h.observe(d);
  d.properties["CpuOptions"]["CoreCount"] = Value(4);
  EXPECT_EQ(paths(h.p().diff(d, live)), (std::vector<std::string>{"CpuOptions.CoreCount"}));
}

}  // namespace
}  // namespace driftless
