#pragma once
// A provider whose observe is one read, `describe` (the read its create and
// update answer with too), and whose diff compares the manifest's properties
// and the live ones after the service's `normalise` (defaults and spellings),
// leaving out `notObserved`: properties that only steer a call (a deletion
// window, a recursive delete) and are never read back, so never drift.
#include <span>
#include <string_view>

#include "providers/common/json_service.h"
#include "providers/common/provider_base.h"

namespace driftless::common {

class DescribedProvider : public ProviderBase {
 public:
  DescribedProvider(ProviderContext ctx, TypeInfo info,
                    std::span<const std::string_view> notObserved = {})
      : ProviderBase(std::move(ctx), std::move(info)), notObserved_(notObserved) {}

  Delta diff(const Desired& desired, const Observed& live) const override;
  Awaitable<Result<Observed>> observe(const Desired& desired) override;

 protected:
  // The resource as it is; Observed{} when absent.
  virtual Awaitable<Result<Observed>> describe(const Desired& desired) = 0;
  // Both sides of diff pass through it. Default: as they are.
  virtual Properties normalise(const Properties& properties) const { return properties; }
  // The end of an update: the tag calls for the resource `id` names
  // (common::updateTags), then the read the update answers with.
  Awaitable<Result<Observed>> retagged(const JsonTagApi& api, const std::string& id,
                                       const Desired& desired, const Observed& live,
                                       const Delta& delta);

 private:
  std::span<const std::string_view> notObserved_;
};

}  // namespace driftless::common
