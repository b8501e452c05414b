#include "providers/sqs/register.h"

#include "providers/sqs/queue.h"
#include "providers/sqs/schema.h"

namespace driftless::sqs {

void registerTypes(Registry& r) {
  r.add(queueTypeInfo(), makeQueueProvider);
}

}  // namespace driftless::sqs
