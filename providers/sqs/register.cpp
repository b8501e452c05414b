#include "providers/sqs/register.h"

#include "providers/sqs/change_events.h"
#include "providers/sqs/queue.h"
#include "providers/sqs/schema.h"

namespace driftless::sqs {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(queueTypeInfo(), queueChangeEvents()), makeQueueProvider);
}

}  // namespace driftless::sqs
