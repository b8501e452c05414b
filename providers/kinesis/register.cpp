#include "providers/kinesis/register.h"

#include "providers/common/service.h"
#include "providers/kinesis/inventory.h"
#include "providers/kinesis/schema.h"
#include "providers/kinesis/stream.h"

namespace driftless::kinesis {

void registerTypes(Registry& r) {
  common::add(r,
              {common::Type(streamTypeInfo(), streamInventory(), makeStreamProvider,
                            {{{"UpdateShardCount", "IncreaseStreamRetentionPeriod",
                               "DecreaseStreamRetentionPeriod", "UpdateStreamMode",
                               "StartStreamEncryption", "StopStreamEncryption",
                               "EnableEnhancedMonitoring", "DisableEnhancedMonitoring",
                               "AddTagsToStream", "RemoveTagsFromStream", "DeleteStream"},
                              {"requestParameters.streamName", "requestParameters.streamARN"}}})},
              {.name = "kinesis",
               .errors = {.notFound = {"ResourceNotFoundException"},
                          .conflict = {"ResourceInUseException"}}});
}

}  // namespace driftless::kinesis
