#include "providers/common/observe_batch.h"

#include <optional>

namespace driftless::common {

struct ObserveBatch::Slot {
  bool done = false;
  Loaded value;
  std::optional<asio::steady_timer> finished;  // cancelled when `read` returns
};

void ObserveBatch::expect(const std::string& type, const std::string& physicalId) {
  if (physicalId.empty()) return;
  // 10,000 resources of a few types: a search of the list per id took 0.1 s of
  // the io thread before the first read.
  auto& ids = ids_[type];
  if (ids.known.insert(physicalId).second) ids.inOrder.push_back(physicalId);
}

const std::vector<std::string>& ObserveBatch::ids(const std::string& type) const {
  static const std::vector<std::string> kNone;
  auto it = ids_.find(type);
  return it == ids_.end() ? kNone : it->second.inOrder;
}

bool ObserveBatch::expects(const std::string& type, const std::string& physicalId) const {
  auto it = ids_.find(type);
  return it != ids_.end() && it->second.known.contains(physicalId);
}

Awaitable<ObserveBatch::Loaded> ObserveBatch::once(const std::string& key, Reader read) {
  std::shared_ptr<Slot> slot = slots_[key];
  if (slot && slot->done) co_return slot->value;
  if (slot) {
    boost::system::error_code ec;
    co_await slot->finished->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    co_return slot->value;
  }
  slot = std::make_shared<Slot>();
  slots_[key] = slot;
  auto executor = co_await asio::this_coro::executor;
  slot->finished.emplace(executor, asio::steady_timer::time_point::max());
  try {
    slot->value = co_await read();
  } catch (...) {
    slot->done = true;
    slot->finished->cancel();
    throw;
  }
  slot->done = true;
  slot->finished->cancel();
  co_return slot->value;
}

void ObserveBatch::clear() {
  ids_.clear();
  slots_.clear();
}

void ObserveBatch::learn(const std::string& scope, std::size_t listed) {
  learned_[scope] = listed;
}

std::optional<std::size_t> ObserveBatch::learned(const std::string& scope) const {
  auto it = learned_.find(scope);
  if (it == learned_.end()) return std::nullopt;
  return it->second;
}

}  // namespace driftless::common
