#include "providers/ec2/instance_options.h"

#include <algorithm>
#include <optional>
#include <set>
#include <span>

#include "providers/common/validate.h"
#include "providers/compare.h"
#include "providers/ec2/ec2_api.h"

namespace driftless::ec2::instance {

namespace {

// A setting that is one element of the item (under `parent` when set).
// `fallback`: what an absent element stands for (AWS's default; "" = nothing).
struct Scalar {
  const char* property;
  const char* parent;
  const char* element;
  const char* param;  // RunInstances; nullptr: set by changes() after it
  const char* fallback;
};

constexpr Scalar kScalars[] = {
    {"AvailabilityZone", "placement", "availabilityZone", "Placement.AvailabilityZone", ""},
    {"Tenancy", "placement", "tenancy", "Placement.Tenancy", "default"},
    {"PlacementGroupName", "placement", "groupName", "Placement.GroupName", ""},
    {"HostId", "placement", "hostId", "Placement.HostId", ""},
    {"Affinity", "placement", "affinity", "Placement.Affinity", "default"},
    {"PrivateIpAddress", nullptr, "privateIpAddress", "PrivateIpAddress", ""},
    {"KernelId", nullptr, "kernelId", "KernelId", ""},
    {"RamdiskId", nullptr, "ramdiskId", "RamdiskId", ""},
    {"EbsOptimized", nullptr, "ebsOptimized", "EbsOptimized", "false"},
    {"SourceDestCheck", nullptr, "sourceDestCheck", nullptr, "true"},
};

// An object setting: DescribeInstances' `element` with one child per field;
// RunInstances takes it as "<property>.<field>".
struct Field {
  const char* name;
  const char* element;
  const char* fallback;
};
struct Option {
  const char* property;
  const char* element;
  std::span<const Field> fields;
};

constexpr Field kMetadata[] = {{"HttpTokens", "httpTokens", ""},
                               {"HttpPutResponseHopLimit", "httpPutResponseHopLimit", ""},
                               {"HttpEndpoint", "httpEndpoint", "enabled"},
                               {"HttpProtocolIpv6", "httpProtocolIpv6", "disabled"},
                               {"InstanceMetadataTags", "instanceMetadataTags", "disabled"}};
constexpr Field kCpu[] = {{"CoreCount", "coreCount", ""}, {"ThreadsPerCore", "threadsPerCore", ""}};
constexpr Field kHibernation[] = {{"Configured", "configured", "false"}};
constexpr Field kEnclave[] = {{"Enabled", "enabled", "false"}};
constexpr Field kPrivateDns[] = {
    {"HostnameType", "hostnameType", "ip-name"},
    {"EnableResourceNameDnsARecord", "enableResourceNameDnsARecord", "false"},
    {"EnableResourceNameDnsAAAARecord", "enableResourceNameDnsAAAARecord", "false"}};

constexpr Option kOptions[] = {{"MetadataOptions", "metadataOptions", kMetadata},
                               {"CpuOptions", "cpuOptions", kCpu},
                               {"HibernationOptions", "hibernationOptions", kHibernation},
                               {"EnclaveOptions", "enclaveOptions", kEnclave},
                               {"PrivateDnsNameOptions", "privateDnsNameOptions", kPrivateDns}};

// A scalar as EC2's query takes it (true -> "true", 5 -> "5"); nullopt when
// absent or not a scalar.
std::optional<std::string> scalar(const Value* v) {
  if (!v || !v->isScalar() || v->isNull()) return std::nullopt;
  return v->scalarText();
}

std::string orFallback(std::string v, const char* fallback) {
  return v.empty() ? std::string(fallback) : v;
}

// A network interface's IPv6 addresses as [{Ipv6Address}].
Value::Array ipv6Of(pugi::xml_node nic) {
  Value::Array out;
  for (pugi::xml_node a : items(nic, "ipv6AddressesSet"))
    out.emplace_back(Value::Object{{"Ipv6Address", Value(text(a, "ipv6Address"))}});
  return out;
}

// One network interface of a DescribeInstances item as a NetworkInterfaces element.
Value readInterface(pugi::xml_node nic) {
  Value n = Value::object();
  const pugi::xml_node attachment = nic.child("attachment");
  n["DeviceIndex"] = Value(text(attachment, "deviceIndex"));
  n["DeleteOnTermination"] = Value(text(attachment, "deleteOnTermination"));
  n["AssociatePublicIpAddress"] = Value(!text(nic.child("association"), "publicIp").empty());
  for (auto [field, element] : {std::pair{"Description", "description"},
                                {"NetworkInterfaceId", "networkInterfaceId"},
                                {"PrivateIpAddress", "privateIpAddress"},
                                {"SubnetId", "subnetId"}})
    n[field] = Value(text(nic, element));
  Value::Array groups;
  for (pugi::xml_node g : items(nic, "groupSet"))
    groups.emplace_back(text(g, "groupId"));
  n["GroupSet"] = Value(std::move(groups));
  Value::Array ipv6 = ipv6Of(nic);
  n["Ipv6AddressCount"] = Value(static_cast<std::int64_t>(ipv6.size()));
  n["Ipv6Addresses"] = Value(std::move(ipv6));
  Value::Array ips;
  std::int64_t secondary = 0;
  for (pugi::xml_node a : items(nic, "privateIpAddressesSet")) {
    const bool primary = text(a, "primary") == "true";
    secondary += primary ? 0 : 1;
    ips.emplace_back(Value::Object{{"PrivateIpAddress", Value(text(a, "privateIpAddress"))},
                                   {"Primary", Value(primary)}});
  }
  n["PrivateIpAddresses"] = Value(std::move(ips));
  n["SecondaryPrivateIpAddressCount"] = Value(secondary);
  return n;
}

// The network interfaces, and the primary one's IPv6 addresses (the
// instance-level Ipv6AddressCount and Ipv6Addresses).
void readNetwork(pugi::xml_node item, Observed& o) {
  Value::Array interfaces, primary;
  for (pugi::xml_node nic : items(item, "networkInterfaceSet")) {
    interfaces.push_back(readInterface(nic));
    if (text(nic.child("attachment"), "deviceIndex") == "0") primary = ipv6Of(nic);
  }
  o.properties["NetworkInterfaces"] = Value(std::move(interfaces));
  o.properties["Ipv6AddressCount"] = Value(static_cast<std::int64_t>(primary.size()));
  o.properties["Ipv6Addresses"] = Value(std::move(primary));
}

// Every EBS volume attached or attaching but the root one (settle() drops the
// BlockDeviceMappings' own); one being detached is gone already.
void readVolumes(pugi::xml_node item, Observed& o) {
  const std::string root = text(item, "rootDeviceName");
  Value::Array volumes;
  for (pugi::xml_node m : items(item, "blockDeviceMapping"))
    if (std::string device = text(m, "deviceName"), status = text(m.child("ebs"), "status");
        device != root && status != "detaching" && status != "detached")
      volumes.emplace_back(Value::Object{{"Device", Value(device)},
                                         {"VolumeId", Value(text(m.child("ebs"), "volumeId"))}});
  o.properties["Volumes"] = Value(std::move(volumes));
}

// A list compared as a set of elements: `live` in the manifest's order when
// both hold the same elements.
void keepDeclaredSet(const Value* declared, Value* live) {
  if (!declared || !live || !declared->isArray() || !live->isArray()) return;
  auto sorted = [](const Value& v) {
    std::vector<std::string> out;
    for (const auto& e : v.asArray())
      out.push_back(e.toJson());
    std::sort(out.begin(), out.end());
    return out;
  };
  if (sorted(*declared) == sorted(*live)) *live = *declared;
}

// The live network interfaces in the manifest's order (by DeviceIndex), their
// lists compared as sets.
void settleInterfaces(const Desired& desired, Observed& o) {
  const Value* declared = desired.properties.find("NetworkInterfaces");
  Value* live = o.properties.find("NetworkInterfaces");
  if (!declared || !live || !declared->isArray() || !live->isArray()) return;
  Value::Array& have = live->asArray();
  Value::Array ordered;
  for (const auto& want : declared->asArray()) {
    const auto index = scalar(want.find("DeviceIndex"));
    auto it = std::find_if(have.begin(), have.end(), [&](const Value& n) {
      return index && n.find("DeviceIndex")->scalarText() == *index;
    });
    if (it == have.end()) continue;
    for (const char* f : {"GroupSet", "Ipv6Addresses", "PrivateIpAddresses"})
      keepDeclaredSet(want.find(f), it->find(f));
    ordered.push_back(std::move(*it));
    have.erase(it);
  }
  for (auto& rest : have)
    ordered.push_back(std::move(rest));
  *live = Value(std::move(ordered));
}

// NetworkInterface.N.<Field> (GroupSet: SecurityGroupId.M), in device order
// (the emulator takes the first one listed for the primary's subnet).
void interfaceParams(const TypeInfo& info, const Value& interfaces, aws::Params& params) {
  if (!interfaces.isArray()) return;
  const PropertySpec& spec = info.property("NetworkInterfaces")->element[0];
  Value::Array ordered = interfaces.asArray();
  std::stable_sort(ordered.begin(), ordered.end(), [](const Value& a, const Value& b) {
    return common::intLike(a.find("DeviceIndex")).value_or(0) <
           common::intLike(b.find("DeviceIndex")).value_or(0);
  });
  int n = 1;
  for (const auto& nic : ordered) {
    const std::string prefix = "NetworkInterface." + std::to_string(n++) + ".";
    for (const auto& f : spec.fields)
      if (const Value* v = nic.find(f.name))
        flatten(f, *v, prefix + (f.name == "GroupSet" ? "SecurityGroupId" : f.name), params);
  }
}

// {Device: VolumeId} of a Volumes list.
std::set<std::pair<std::string, std::string>> volumeSet(const Value* v) {
  std::set<std::pair<std::string, std::string>> out;
  if (v && v->isArray())
    for (const auto& e : v->asArray())
      if (auto d = scalar(e.find("Device")), id = scalar(e.find("VolumeId")); d && id)
        out.emplace(*d, *id);
  return out;
}

// DetachVolume of what is attached but not declared, then AttachVolume of
// what is declared but not attached.
void volumeChanges(const std::string& id, const Desired& desired, const Observed* live,
                   std::vector<Change>& out) {
  const auto want = volumeSet(desired.properties.find("Volumes"));
  const auto have = volumeSet(live ? live->properties.find("Volumes") : nullptr);
  for (const auto& [device, volume] : have)
    if (!want.contains({device, volume}))
      out.push_back(
          {"DetachVolume", {{"VolumeId", volume}, {"InstanceId", id}, {"Device", device}}});
  for (const auto& [device, volume] : want)
    if (!have.contains({device, volume}))
      out.push_back(
          {"AttachVolume", {{"VolumeId", volume}, {"InstanceId", id}, {"Device", device}}});
}

// The in-place settings RunInstances takes too: only on update.
void updateChanges(const std::string& id, const Properties& p, const Delta& delta,
                   std::vector<Change>& out) {
  auto changed = [&](const char* property) {
    return p.find(property) && delta.differentAt(property);
  };
  if (changed("SecurityGroupIds")) {
    Change c{"ModifyInstanceAttribute", {{"InstanceId", id}}};
    int n = 1;
    if (const Value* groups = p.find("SecurityGroupIds"); groups->isArray())
      for (const auto& g : groups->asArray())
        c.params.emplace_back("GroupId." + std::to_string(n++), g.scalarText());
    out.push_back(std::move(c));
  }
  if (auto v = scalar(p.find("InstanceInitiatedShutdownBehavior"));
      v && changed("InstanceInitiatedShutdownBehavior"))
    out.push_back(
        {"ModifyInstanceAttribute",
         {{"InstanceId", id}, {"Attribute", "instanceInitiatedShutdownBehavior"}, {"Value", *v}}});
  if (changed("Monitoring"))
    out.push_back({common::boolLike(p.find("Monitoring")).value_or(false) ? "MonitorInstances"
                                                                          : "UnmonitorInstances",
                   {{"InstanceId.1", id}}});
  if (changed("MetadataOptions")) {
    Change c{"ModifyInstanceMetadataOptions", {{"InstanceId", id}}};
    for (const Field& f : kMetadata)
      if (auto v = scalar(p.find("MetadataOptions")->find(f.name)))
        c.params.emplace_back(f.name, *v);
    out.push_back(std::move(c));
  }
  if (auto credits = scalar(p.findPath("CreditSpecification.CPUCredits"));
      credits && changed("CreditSpecification"))
    out.push_back({"ModifyInstanceCreditSpecification",
                   {{"InstanceCreditSpecification.1.InstanceId", id},
                    {"InstanceCreditSpecification.1.CpuCredits", *credits}}});
}

}  // namespace

void readSettings(pugi::xml_node item, Observed& o) {
  for (const Scalar& s : kScalars)
    if (std::string v =
            orFallback(text(s.parent ? item.child(s.parent) : item, s.element), s.fallback);
        !v.empty())
      o.properties[s.property] = Value(v);
  for (const Option& option : kOptions) {
    pugi::xml_node at = item.child(option.element);
    Value fields = Value::object();
    for (const Field& f : option.fields)
      if (std::string v = orFallback(text(at, f.element), f.fallback); !v.empty())
        fields[f.name] = Value(v);
    if (fields.size()) o.properties[option.property] = std::move(fields);
  }
  const std::string monitoring = text(item.child("monitoring"), "state");
  o.properties["Monitoring"] = Value(monitoring == "enabled" || monitoring == "pending");
  Value::Array names;
  for (pugi::xml_node g : items(item, "groupSet"))
    names.emplace_back(text(g, "groupName"));
  o.properties["SecurityGroups"] = Value(std::move(names));
  readNetwork(item, o);
  readVolumes(item, o);
}

void settle(const Desired& desired, Observed& o) {
  if (const Value* mappings = desired.properties.find("BlockDeviceMappings");
      mappings && mappings->isArray())
    if (Value* volumes = o.properties.find("Volumes"); volumes && volumes->isArray()) {
      std::set<std::string> own;
      for (const auto& m : mappings->asArray())
        if (auto d = scalar(m.find("DeviceName"))) own.insert(*d);
      std::erase_if(volumes->asArray(),
                    [&](const Value& v) { return own.contains(v.find("Device")->scalarText()); });
    }
  keepDeclaredOrder(desired, o, "SecurityGroupIds");
  keepDeclaredOrder(desired, o, "SecurityGroups");
  for (const char* list : {"Ipv6Addresses", "Volumes"})
    keepDeclaredSet(desired.properties.find(list), o.properties.find(list));
  settleInterfaces(desired, o);
}

void runParams(const TypeInfo& info, const Desired& desired, aws::Params& params) {
  const Properties& p = desired.properties;
  for (const Scalar& s : kScalars)
    if (auto v = scalar(p.find(s.property)); v && s.param) params.emplace_back(s.param, *v);
  for (const Option& option : kOptions)
    if (const Value* v = p.find(option.property))
      flatten(*info.property(option.property), *v, option.property, params);
  for (const char* name : {"InstanceInitiatedShutdownBehavior", "Ipv6AddressCount"})
    if (auto v = scalar(p.find(name))) params.emplace_back(name, *v);
  if (auto v = scalar(p.find("Monitoring"))) params.emplace_back("Monitoring.Enabled", *v);
  if (auto v = scalar(p.findPath("CreditSpecification.CPUCredits")))
    params.emplace_back("CreditSpecification.CpuCredits", *v);
  if (const Value* v = p.find("NetworkInterfaces")) interfaceParams(info, *v, params);
  for (auto [name, prefix] :
       {std::pair{"SecurityGroups", "SecurityGroup"}, {"Ipv6Addresses", "Ipv6Address"}})
    if (const Value* v = p.find(name)) flatten(*info.property(name), *v, prefix, params);
  // CloudFormation's PropagateTagsToVolumeOnCreation: the manifest's Tags on
  // the volumes RunInstances creates (the ownership tags stay on the instance).
  if (common::boolLike(p.find("PropagateTagsToVolumeOnCreation")).value_or(false))
    if (const Value* tags = p.find("Tags"); tags && tags->isArray() && tags->size()) {
      params.emplace_back("TagSpecification.2.ResourceType", "volume");
      int i = 1;
      for (const auto& [k, v] : tagMap(*tags)) {
        const std::string prefix = "TagSpecification.2.Tag." + std::to_string(i++);
        params.emplace_back(prefix + ".Key", k);
        params.emplace_back(prefix + ".Value", v.scalarText());
      }
    }
}

std::vector<Change> changes(const std::string& id, const Desired& desired, const Observed* live,
                            const Delta* delta) {
  const Properties& p = desired.properties;
  std::vector<Change> out;
  // Set after RunInstances when not AWS's default (it takes no SourceDestCheck).
  auto due = [&](const char* property, bool fallback) {
    auto v = common::boolLike(p.find(property));
    return v && (delta ? delta->differentAt(property) : *v != fallback);
  };
  for (auto [property, fallback] :
       {std::pair{"DisableApiTermination", false}, {"SourceDestCheck", true}})
    if (due(property, fallback))
      out.push_back({"ModifyInstanceAttribute",
                     {{"InstanceId", id},
                      {std::string(property) + ".Value", p.find(property)->scalarText()}}});
  if (delta) updateChanges(id, p, *delta, out);
  if (p.find("Volumes") && (!delta || delta->differentAt("Volumes")))
    volumeChanges(id, desired, live, out);
  return out;
}

std::vector<Read> extraReads(const std::string& id, const Desired& desired) {
  std::vector<Read> out;
  for (auto [property, attribute] :
       {std::pair{"DisableApiTermination", "disableApiTermination"},
        {"InstanceInitiatedShutdownBehavior", "instanceInitiatedShutdownBehavior"}})
    if (desired.properties.find(property))
      out.push_back({property,
                     "DescribeInstanceAttribute",
                     {{"InstanceId", id}, {"Attribute", attribute}},
                     attribute});
  if (desired.properties.find("CreditSpecification"))
    out.push_back({"CreditSpecification",
                   "DescribeInstanceCreditSpecifications",
                   {{"InstanceId.1", id}},
                   "instanceCreditSpecificationSet"});
  return out;
}

void readExtra(const Read& read, pugi::xml_node answer, Observed& o) {
  if (read.property == "CreditSpecification") {
    for (pugi::xml_node i : items(answer, read.element.c_str()))
      o.properties["CreditSpecification"] =
          Value(Value::Object{{"CPUCredits", Value(text(i, "cpuCredits"))}});
    return;
  }
  if (std::string v = text(answer.child(read.element.c_str()), "value"); !v.empty())
    o.properties[read.property] = Value(v);
}

}  // namespace driftless::ec2::instance
