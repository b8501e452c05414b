#pragma once
// Looks up what a load of the manifests noted as missing (reconcile::LiveLookups):
// SSM parameters for the AWS::SSM::Parameter::Value<...> parameter types, with
// GetParameters (10 names a call), and availability zones for Fn::GetAZs, with
// EC2 DescribeAvailabilityZones (the environment's own region). What does not
// exist goes to `failed` (a located load error); an AWS failure is the result.
#include <string>

#include "providers/asio.h"
#include "providers/aws/client.h"
#include "reconcile/manifest.h"

namespace driftless::controller {

Awaitable<Result<void>> lookUp(aws::Client& aws, std::string region,
                               reconcile::LiveLookups& lookups);

}  // namespace driftless::controller
