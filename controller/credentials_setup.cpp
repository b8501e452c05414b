#include "controller/credentials_setup.h"

#include "providers/aws/credentials.h"

namespace driftless::controller {

std::shared_ptr<aws::CredentialsProvider> makeCredentials(aws::HttpTransport& transport,
                                                          const std::string& region,
                                                          const std::string& endpointUrl,
                                                          const std::string& assumeRoleArn) {
  aws::CredentialsOptions options;
  options.region = region;
  if (!endpointUrl.empty()) options.stsEndpoint = endpointUrl;
  auto chain = aws::defaultCredentialsChain(transport, options);
  if (assumeRoleArn.empty()) return chain;
  aws::AssumeRoleOptions role;
  role.region = region;
  if (!endpointUrl.empty()) role.stsEndpoint = endpointUrl;
  return aws::assumeRole(std::move(chain), assumeRoleArn, transport, role);
}

}  // namespace driftless::controller
