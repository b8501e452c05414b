#include "providers/lambda/lambda.h"

namespace driftless::lambda {

void registerTypes(Registry& registry) {
  registry.add(functionInfo(), makeFunctionProvider);
}

}  // namespace driftless::lambda
