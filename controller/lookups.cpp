#include "controller/lookups.h"

#include <vector>

namespace driftless::controller {

namespace {

std::string text(const Value& v, std::string_view key) {
  const Value* f = v.find(key);
  return f ? f->scalarText() : std::string();
}

Awaitable<Result<void>> lookUpSsm(aws::Client& aws, reconcile::LiveLookups& lookups) {
  std::vector<std::string> names(lookups.missingSsm.begin(), lookups.missingSsm.end());
  for (std::size_t at = 0; at < names.size(); at += 10) {
    Value body = Value::object();
    Value batch = Value::array();
    for (std::size_t i = at; i < std::min(names.size(), at + 10); ++i)
      batch.push(Value(names[i]));
    body["Names"] = std::move(batch);
    auto r = co_await aws.json("ssm", "GetParameters", body);
    if (!r) co_return std::unexpected(std::move(r.error()));
    if (const Value* ps = r->find("Parameters"); ps && ps->isArray())
      for (const auto& p : ps->asArray()) {
        std::string name = text(p, "Name");
        if (text(p, "Type") == "SecureString")
          lookups.failed["ssm:" + name] =
              "is a SecureString (the SSM parameter types read String and StringList)";
        else
          lookups.ssm[name] = text(p, "Value");
      }
    if (const Value* bad = r->find("InvalidParameters"); bad && bad->isArray())
      for (const auto& n : bad->asArray())
        lookups.failed["ssm:" + n.scalarText()] = "does not exist";
  }
  lookups.missingSsm.clear();
  co_return Result<void>{};
}

Awaitable<Result<void>> lookUpZones(aws::Client& aws, const std::string& region,
                                    reconcile::LiveLookups& lookups) {
  for (const auto& wanted : lookups.missingZones) {
    if (wanted != region) {
      lookups.failed["zones:" + wanted] =
          "only the environment's region (" + region + ") is looked up";
      continue;
    }
    aws::Params params;
    auto r = co_await aws.query("ec2", "DescribeAvailabilityZones", std::move(params));
    if (!r) co_return std::unexpected(std::move(r.error()));
    std::vector<std::string> zones;
    for (auto item : r->root().child("availabilityZoneInfo").children("item"))
      if (std::string_view(item.child_value("zoneState")) == "available")
        zones.emplace_back(item.child_value("zoneName"));
    if (zones.empty())
      lookups.failed["zones:" + wanted] = "has no available zones";
    else
      lookups.zones[wanted] = std::move(zones);
  }
  lookups.missingZones.clear();
  co_return Result<void>{};
}

}  // namespace

Awaitable<Result<void>> lookUp(aws::Client& aws, std::string region,
                               reconcile::LiveLookups& lookups) {
  if (!lookups.missingSsm.empty()) {
    auto r = co_await lookUpSsm(aws, lookups);
    if (!r) co_return r;
  }
  if (!lookups.missingZones.empty()) {
    auto r = co_await lookUpZones(aws, region, lookups);
    if (!r) co_return r;
  }
  co_return Result<void>{};
}

}  // namespace driftless::controller
