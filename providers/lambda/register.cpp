#include "providers/lambda/register.h"

#include "providers/common/service.h"
#include "providers/lambda/change_events.h"
#include "providers/lambda/function.h"
#include "providers/lambda/schema.h"

namespace driftless::lambda {

void registerTypes(Registry& r) {
  // ResourceConflictException: the function is being updated (Pending).
  const common::Service lambda{
      .name = "lambda",
      .errors = {.notFound = {"ResourceNotFoundException"},
                 .conflict = {"ResourceConflictException"}},
  };
  common::add(r, lambda, functionTypeInfo(), functionChangeEvents(), makeFunctionProvider);
}

}  // namespace driftless::lambda
