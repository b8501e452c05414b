#pragma once
// Where each service lives: region -> endpoint per partition, overridden by the
// config's endpointUrl, AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL (in
// that order, as in the AWS SDKs).
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace driftless::aws {

enum class Protocol { Query, Json, RestXml, RestJson };

// What the client needs to know about a service: how to name it, sign it and
// speak to it. One row per service driftless calls: the table in endpoints.cpp
// for those the controller and the state store call themselves, addService for
// those only a provider folder calls.
struct ServiceInfo {
  std::string_view name;            // the name callers pass: "s3", "logs", ...
  std::string_view signingName;     // SigV4 service name
  std::string_view endpointPrefix;  // <prefix>.<region>.amazonaws.com
  std::string_view envName;         // AWS_ENDPOINT_URL_<envName>
  Protocol protocol;
  std::string_view apiVersion;    // query protocol: Version=...
  std::string_view targetPrefix;  // json protocol: X-Amz-Target prefix
  std::string_view jsonVersion;   // json protocol: "1.0" or "1.1"
  bool global = false;            // one endpoint per partition (IAM)
};

// nullptr for a service driftless does not know.
const ServiceInfo* serviceInfo(std::string_view service);
// Makes a service known that the table in endpoints.cpp does not list: a
// provider folder declares its service's row as data (common::Service) and the
// registry adds it. The strings must outlive the process (literals). A name
// already known is left as it is.
void addService(const ServiceInfo& info);

struct Partition {
  std::string_view name;       // "aws", "aws-cn", "aws-us-gov"
  std::string_view dnsSuffix;  // "amazonaws.com", "amazonaws.com.cn"
};
Partition partitionOf(std::string_view region);

struct Endpoint {
  std::string url;            // scheme://host[:port], no trailing slash
  std::string signingRegion;  // the region in the credential scope
  bool custom = false;        // from a configured URL: S3 uses path-style
};

// Looks an environment variable up (injected so tests need not touch the process environment).
using EnvLookup = std::function<std::optional<std::string>(std::string_view)>;
std::optional<std::string> processEnv(std::string_view name);

// Resolves the endpoint of `service` in `region`. `configured` is the config's
// endpointUrl. Unknown services resolve to <service>.<region>.<dnsSuffix>.
Endpoint resolveEndpoint(std::string_view service, std::string_view region,
                         const std::optional<std::string>& configured,
                         const EnvLookup& env = processEnv);

// A bucket name usable as a DNS label (virtual-hosted addressing): 3-63
// lower-case letters, digits and hyphens, no dots (TLS wildcard certificates).
bool virtualHostable(std::string_view bucket);

}  // namespace driftless::aws
