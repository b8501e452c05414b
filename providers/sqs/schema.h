#pragma once
// AWS::SQS::Queue as data: property schema, Ref/GetAtt, validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::sqs {

TypeInfo queueTypeInfo();
// Queue name rules (1-80 of [A-Za-z0-9_-], ".fifo" iff FifoQueue), value
// ranges of the numeric attributes, RedrivePolicy fields.
std::vector<std::string> validateQueue(const Properties& props);

}  // namespace driftless::sqs
