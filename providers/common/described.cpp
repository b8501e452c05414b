#include "providers/common/described.h"

#include "providers/compare.h"

namespace driftless::common {

Delta DescribedProvider::diff(const Desired& desired, const Observed& live) const {
  Properties compared = normalise(desired.properties);
  for (auto p : notObserved_)
    compared.erase(p);
  return compareProperties(info_, compared, normalise(live.properties));
}

Awaitable<Result<Observed>> DescribedProvider::observe(const Desired& desired) {
  co_return co_await describe(desired);
}

}  // namespace driftless::common
