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

Awaitable<Result<Observed>> DescribedProvider::retagged(const JsonTagApi& api,
                                                        const std::string& id,
                                                        const Desired& desired,
                                                        const Observed& live, const Delta& delta) {
  auto t = co_await updateTags(ctx_, api, id, desired, live, delta);
  if (!t) co_return fail(t.error());
  co_return co_await describe(desired);
}

}  // namespace driftless::common
