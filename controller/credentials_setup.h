#pragma once
// The AWS credentials of one environment: the standard chain of the SDKs,
// wrapped in an STS AssumeRole when the environment names a role.
#include <memory>
#include <string>

#include "providers/aws/client.h"

namespace driftless::controller {

// `endpointUrl` (the environment's, for emulators) is also where STS is asked.
std::shared_ptr<aws::CredentialsProvider> makeCredentials(aws::HttpTransport& transport,
                                                          const std::string& region,
                                                          const std::string& endpointUrl,
                                                          const std::string& assumeRoleArn);

}  // namespace driftless::controller
