#pragma once
// What every provider holds: the environment's context (the AWS client, region,
// account, ownership) and its type's TypeInfo.
#include <string>
#include <utility>

#include "providers/provider.h"

namespace driftless::common {

// An Observed for a resource that exists, named `physicalId`.
inline Observed found(std::string physicalId) {
  Observed o;
  o.exists = true;
  o.physicalId = std::move(physicalId);
  return o;
}

// The same, its name also shown as the property `nameProperty` ("QueueName").
inline Observed found(std::string physicalId, const std::string& nameProperty) {
  Observed o = found(std::move(physicalId));
  o.properties[nameProperty] = Value(o.physicalId);
  return o;
}

class ProviderBase : public Provider {
 public:
  ProviderBase(ProviderContext ctx, TypeInfo info) : ctx_(std::move(ctx)), info_(std::move(info)) {}

  const TypeInfo& info() const override { return info_; }

 protected:
  // The resource's name: the manifest's physical-name property, else the
  // physical id recorded in state (a remove after the manifest dropped it).
  std::string name(const Desired& d) const {
    const Value* v = d.properties.find(info_.physicalNameProperty);
    return v && v->isScalar() ? v->scalarText() : d.physicalId;
  }
  // The name of what `live` observed (a remove), else the manifest's.
  std::string name(const Desired& d, const Observed& live) const {
    return live.physicalId.empty() ? name(d) : live.physicalId;
  }

  ProviderContext ctx_;
  TypeInfo info_;
};

}  // namespace driftless::common
