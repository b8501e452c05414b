#include "providers/ssm/ssm.h"

namespace driftless::ssm {

void registerTypes(Registry& registry) {
  registry.add(parameterInfo(), makeParameterProvider);
}

}  // namespace driftless::ssm
