#pragma once
// listedOrRead (bulk_read.h) for a provider whose item observer and own read
// are its members.
#include <functional>
#include <string>

#include "providers/common/bulk_read.h"

namespace driftless::common {

// `desired`, named `id`, observed from its item of this observation's listing
// by `(p.*fromItem)(desired, item)`, or by its own read `(p.*read)(desired)`:
// listedOrRead's rules (absence and drift always confirmed by the own read).
template <class P, class FromItem, class Read>
Awaitable<Result<Observed>> listedOrReadBy(const ProviderContext& ctx, const BulkSource& source,
                                           P& p, const Desired& desired, const std::string& id,
                                           FromItem fromItem, Read read) {
  const ItemObserver item = [&p, &desired, fromItem](const Value& v) {
    return std::invoke(fromItem, p, desired, v);
  };
  const OwnRead own = [&p, &desired, read] { return std::invoke(read, p, desired); };
  co_return co_await listedOrRead(ctx, source, p, desired, id, item, own);
}

}  // namespace driftless::common
