#include "providers/builtin/builtin.h"
#include "providers/iam/iam.h"
#include "providers/lambda/lambda.h"
#include "providers/logs/logs.h"
#include "providers/ssm/ssm.h"

namespace driftless {

const Registry& builtinRegistry() {
  static const Registry registry = [] {
    Registry r;
    // One line per service: <service>::registerTypes(r);
    iam::registerTypes(r);
    lambda::registerTypes(r);
    logs::registerTypes(r);
    ssm::registerTypes(r);
    return r;
  }();
  return registry;
}

}  // namespace driftless
