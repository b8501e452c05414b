#include "providers/kinesis/register.h"

#include "providers/kinesis/change_events.h"
#include "providers/kinesis/schema.h"
#include "providers/kinesis/stream.h"

namespace driftless::kinesis {

void registerTypes(Registry& r) {
  r.add(withChangeEvents(streamTypeInfo(), streamChangeEvents()), makeStreamProvider);
}

}  // namespace driftless::kinesis
