#include "providers/logs/logs.h"

namespace driftless::logs {

void registerTypes(Registry& registry) {
  registry.add(logGroupInfo(), makeLogGroupProvider);
}

}  // namespace driftless::logs
