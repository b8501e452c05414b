#pragma once
#include "providers/registry.h"

namespace driftless::logs {

// AWS::Logs::LogGroup.
TypeInfo logGroupInfo();
std::unique_ptr<Provider> makeLogGroupProvider(const ProviderContext& ctx);
void registerTypes(Registry& registry);

// The retention periods CloudWatch Logs accepts, in days.
bool validRetention(std::int64_t days);

}  // namespace driftless::logs
