// AWS::EC2::Instance: tagged (providers/ec2/tagged.h), one RunInstances with
// the ownership tags in TagSpecifications and a ClientToken; create returns
// once the instance is running, delete (TerminateInstances) once it is
// terminated. In place: the security groups, termination protection, shutdown
// behaviour, source/dest check (ModifyInstanceAttribute), monitoring
// (Monitor/UnmonitorInstances), metadata options, CPU credits and attached
// volumes (providers/ec2/instance_options.h); every other property replaces
// the instance (an InstanceType change too: no stop and start behind the
// manifest's back).
#include "providers/common/validate.h"
#include "providers/common/wait.h"
#include "providers/ec2/ec2_api.h"
#include "providers/ec2/instance_options.h"
#include "providers/ec2/schema.h"
#include "providers/ec2/tagged.h"
#include "providers/ec2/types.h"

namespace driftless::ec2 {

namespace {

const Kind kInstance{.noun = "instance",
                     .describeAction = "DescribeInstances",
                     .setName = "reservationSet",
                     .idField = "instanceId",
                     .idFilter = "instance-id",
                     .resourceType = "instance",
                     .deleteAction = "TerminateInstances",
                     .deleteIdParam = "InstanceId.1",
                     .innerSet = "instancesSet"};

// Properties RunInstances takes that DescribeInstances does not answer: taken
// as declared (they replace the instance when changed).
// PropagateTagsToVolumeOnCreation acts at RunInstances only, as in CloudFormation.
constexpr const char* kWriteOnly[] = {"UserData", "BlockDeviceMappings", "LaunchTemplate",
                                      "PropagateTagsToVolumeOnCreation"};

class InstanceProvider final : public TaggedProvider {
 public:
  explicit InstanceProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), instanceTypeInfo(), kInstance) {}

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    const std::string id = live.exists ? live.physicalId : desired.physicalId;
    auto removed = co_await TaggedProvider::remove(desired, live);
    if (!removed || id.empty()) co_return removed;
    co_return co_await waitFor(desired, id, false);
  }

 protected:
  bool gone(pugi::xml_node item) const override {
    const std::string state = text(item.child("instanceState"), "name");
    return state == "terminated" || state == "shutting-down";
  }

  void read(pugi::xml_node item, Observed& o) const override {
    for (auto [property, element] : {std::pair{"ImageId", "imageId"},
                                     {"InstanceType", "instanceType"},
                                     {"SubnetId", "subnetId"},
                                     {"KeyName", "keyName"}})
      if (std::string v = text(item, element); !v.empty()) o.properties[property] = Value(v);
    Value::Array groups;
    for (pugi::xml_node g : items(item, "groupSet"))
      groups.emplace_back(text(g, "groupId"));
    o.properties["SecurityGroupIds"] = Value(std::move(groups));
    if (std::string arn = text(item.child("iamInstanceProfile"), "arn"); !arn.empty())
      o.properties["IamInstanceProfile"] = Value(arn.substr(arn.rfind('/') + 1));
    for (auto [attribute, element] : {std::pair{"PrivateIp", "privateIpAddress"},
                                      {"PublicIp", "ipAddress"},
                                      {"PrivateDnsName", "privateDnsName"},
                                      {"PublicDnsName", "dnsName"},
                                      {"VpcId", "vpcId"}})
      o.attributes[attribute] = Value(text(item, element));
    o.attributes["AvailabilityZone"] = Value(text(item.child("placement"), "availabilityZone"));
    o.attributes["InstanceId"] = Value(o.physicalId);
    instance::readSettings(item, o);
    if (std::string state = text(item.child("instanceState"), "name");
        state == "pending" || state == "stopping")
      o.status = state;
  }

  Awaitable<Result<void>> readMore(const Desired& desired, Observed& o) override {
    for (const char* p : kWriteOnly)
      if (const Value* v = desired.properties.find(p)) o.properties[p] = *v;
    instance::settle(desired, o);
    std::vector<instance::Read> reads = instance::extraReads(o.physicalId, desired);
    for (instance::Read& read : reads) {
      const std::string_view action = read.action;
      const std::string what = label(o.physicalId);
      auto r = co_await ec2(action, std::move(read.params), what);
      if (!r) co_return fail(r.error());
      instance::readExtra(read, r->result, o);
    }
    co_return Result<void>{};
  }

  Awaitable<Result<std::string>> createResource(const Desired& desired,
                                                aws::Params params) override {
    for (const char* p : {"ImageId", "InstanceType", "SubnetId", "KeyName", "UserData"})
      if (auto v = common::stringLike(desired.properties.find(p))) params.emplace_back(p, *v);
    if (auto profile = common::stringLike(desired.properties.find("IamInstanceProfile")))
      params.emplace_back("IamInstanceProfile.Name", *profile);
    for (const char* p : {"SecurityGroupIds", "BlockDeviceMappings", "LaunchTemplate"})
      if (const Value* v = desired.properties.find(p))
        flatten(*info_.property(p), *v,
                info_.property(p)->kind == PropertySpec::Kind::List ? singular(p) : std::string(p),
                params);
    instance::runParams(info_, desired, params);
    params.emplace_back("MinCount", "1");
    params.emplace_back("MaxCount", "1");
    params.emplace_back("ClientToken", clientToken());
    const std::string what = desired.id.str();
    auto r = co_await ec2("RunInstances", std::move(params), what);
    if (!r) co_return fail(r.error());
    for (pugi::xml_node i : items(r->result, "instancesSet"))
      co_return text(i, "instanceId");
    co_return fail(ErrorKind::Fatal, "ec2:RunInstances: no instanceId in the response");
  }

  // After create (or adoption): until running, then what RunInstances does not
  // set. On update: what `delta` touches of the in-place settings.
  Awaitable<Result<void>> apply(const Desired& desired, const std::string& id, const Observed* live,
                                const Delta* delta) override {
    if (!delta) {
      auto running = co_await waitFor(desired, id, true);
      if (!running) co_return running;
    }
    std::vector<instance::Change> calls = instance::changes(id, desired, live, delta);
    for (instance::Change& change : calls) {
      const std::string_view action = change.action;
      const std::string what = label(id);
      auto r = co_await ec2(action, std::move(change.params), what);
      if (!r) co_return fail(r.error());
    }
    co_return Result<void>{};
  }

 private:
  // True once the instance is running (`running`) or gone (`!running`); an
  // instance that ends before running is an error.
  Awaitable<Result<bool>> reached(Desired desired, std::string id, bool running) {
    auto now = co_await describe(desired, id);
    if (!now) co_return fail(now.error());
    if (!running) co_return !now->exists;
    if (!now->exists)
      co_return fail(ErrorKind::Invalid, label(id) + " was terminated before it ran");
    co_return now->status.empty();
  }

  Awaitable<Result<void>> waitFor(const Desired& desired, const std::string& id, bool running) {
    // A named std::function, not a lambda temporary in the co_await (GCC 12).
    std::function<Awaitable<Result<bool>>()> ready = [this, desired, id, running] {
      return reached(desired, id, running);
    };
    std::string what = label(id) + (running ? " to be running" : " to be terminated");
    co_return co_await common::waitUntil(std::move(ready), std::move(what));
  }
};

}  // namespace

const common::MakeProvider makeInstanceProvider = common::make<InstanceProvider>;

}  // namespace driftless::ec2
