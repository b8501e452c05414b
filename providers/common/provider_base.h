#pragma once
// What every provider holds: the environment's context (the AWS client, region,
// account, ownership) and its type's TypeInfo.
#include <utility>

#include "providers/provider.h"

namespace driftless::common {

class ProviderBase : public Provider {
 public:
  ProviderBase(ProviderContext ctx, TypeInfo info) : ctx_(std::move(ctx)), info_(std::move(info)) {}

  const TypeInfo& info() const override { return info_; }

 protected:
  ProviderContext ctx_;
  TypeInfo info_;
};

}  // namespace driftless::common
