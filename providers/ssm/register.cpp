#include "providers/ssm/ssm.h"

#include "providers/ssm/change_events.h"

namespace driftless::ssm {

void registerTypes(Registry& registry) {
  registry.add(withChangeEvents(parameterInfo(), parameterChangeEvents()), makeParameterProvider);
}

}  // namespace driftless::ssm
