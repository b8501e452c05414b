#include "reconcile/manifest.h"

#include <algorithm>

namespace driftless::reconcile {

std::string Diagnostic::str() const {
  if (file.empty()) return message;
  if (line <= 0) return file + ": " + message;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

void DesiredState::sort() {
  std::sort(resources.begin(), resources.end(),
            [](const DesiredResource& a, const DesiredResource& b) { return a.id < b.id; });
}

const DesiredResource* DesiredState::find(const ResourceId& id) const {
  auto it =
      std::lower_bound(resources.begin(), resources.end(), id,
                       [](const DesiredResource& r, const ResourceId& k) { return r.id < k; });
  return it != resources.end() && it->id == id ? &*it : nullptr;
}

}  // namespace driftless::reconcile
