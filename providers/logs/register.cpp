#include "providers/logs/logs.h"

#include "providers/logs/change_events.h"

namespace driftless::logs {

void registerTypes(Registry& registry) {
  registry.add(withChangeEvents(logGroupInfo(), logGroupChangeEvents()), makeLogGroupProvider);
}

}  // namespace driftless::logs
