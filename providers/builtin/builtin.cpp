#include "providers/builtin/builtin.h"

namespace driftless {

const Registry& builtinRegistry() {
  static const Registry registry = [] {
    Registry r;
    // One line per service: <service>::registerTypes(r);
    return r;
  }();
  return registry;
}

}  // namespace driftless
