#pragma once
// Observe in bulk (issues 18 and 20): before a full observation the cycle
// lists, per type, the physical ids state records; a provider that can read
// many resources in one call (EC2's Describe* take up to 1,000 ids) reads all
// of its type's ids on its first observe and finds the others' answers here,
// so a no-op cycle makes one read per type instead of one per resource.
// A bulk read that fails costs only itself: every provider then reads its
// resources one by one. Everything runs on the cycle's one io_context thread.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "providers/asio.h"

namespace driftless::common {

class ObserveBatch {
 public:
  // What a bulk read produced (the provider's own type), or null when it failed.
  using Loaded = std::shared_ptr<const void>;
  using Reader = std::function<Awaitable<Loaded>()>;

  // `physicalId` of `type` will be observed in this observation.
  void expect(const std::string& type, const std::string& physicalId);
  // The ids of `type` this observation expects (empty when none).
  const std::vector<std::string>& ids(const std::string& type) const;
  bool expects(const std::string& type, const std::string& physicalId) const;

  // Runs `read` once per `key` and observation; callers that arrive while it
  // runs wait for its result.
  Awaitable<Loaded> once(const std::string& key, Reader read);

  // Forgets ids and results: called after each observation, so the next one
  // reads AWS afresh. What was learned (below) is kept.
  void clear();

  // How many resources a bulk listing of `scope` (a type, or a type and a
  // name prefix) found: kept for the life of the process, so the next
  // observation's cost model (common/bulk_read.h) knows what listing costs.
  void learn(const std::string& scope, std::size_t listed);
  std::optional<std::size_t> learned(const std::string& scope) const;

 private:
  struct Slot;
  struct Ids {
    std::vector<std::string> inOrder;       // the order bulk reads send them in
    std::unordered_set<std::string> known;  // expect/expects in constant time
  };
  std::unordered_map<std::string, Ids> ids_;
  std::unordered_map<std::string, std::size_t> learned_;
  std::unordered_map<std::string, std::shared_ptr<Slot>> slots_;
};

}  // namespace driftless::common
