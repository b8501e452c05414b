#include "providers/lambda/lambda.h"

#include "providers/lambda/change_events.h"

namespace driftless::lambda {

void registerTypes(Registry& registry) {
  registry.add(withChangeEvents(functionInfo(), functionChangeEvents()), makeFunctionProvider);
}

}  // namespace driftless::lambda
