#pragma once
// The AWS client every provider and the S3 state store call through. One
// Client per (environment region, endpoint, credentials); many Clients share
// one HttpTransport (one curl multi handle on the io_context).
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "providers/asio.h"
#include "providers/aws/user_agent.h"
#include "providers/error.h"
#include "providers/value.h"

namespace driftless::aws {

using Headers = std::vector<std::pair<std::string, std::string>>;
using Params = std::vector<std::pair<std::string, std::string>>;

struct Credentials {
  std::string accessKeyId;
  std::string secretAccessKey;  // never logged
  std::string sessionToken;     // never logged
  std::optional<std::chrono::system_clock::time_point> expiration;
};

// A source of credentials (environment, profile, web identity, ECS, IMDS,
// AssumeRole, or a chain of them). get() may refresh; concurrent callers share
// one refresh and requests in flight keep the credentials they were signed with.
class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  virtual Awaitable<Result<Credentials>> get() = 0;
  virtual std::string name() const = 0;  // "environment", "profile default", ... (for errors)
};

struct HttpResponse {
  int status = 0;
  Headers headers;  // names lower-cased
  std::string body;
  std::optional<std::string_view> header(std::string_view lowerName) const {
    for (const auto& [k, v] : headers)
      if (k == lowerName) return std::string_view(v);
    return std::nullopt;
  }
};

// Counts requests by service and HTTP status (0 = no response), for
// driftless_aws_requests_total and for tests that assert call counts.
class RequestStats {
 public:
  void record(std::string_view service, int status, std::string_view operation);
  std::uint64_t total() const;
  std::uint64_t total(std::string_view service) const;
  // operation → count, e.g. {"s3:GetBucketVersioning": 3}
  std::map<std::string, std::uint64_t> byOperation() const;
  std::map<std::pair<std::string, int>, std::uint64_t> byServiceStatus() const;
  void reset();

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, std::uint64_t> byServiceStatus_;
  std::map<std::string, std::uint64_t> byOperation_;
};

class HttpTransport;  // providers/aws/http_client.h
class ApiBudget;      // providers/aws/budget.h

struct ClientConfig {
  std::string region = "us-east-1";
  // The config's endpointUrl; overrides AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL.
  std::optional<std::string> endpointUrl;
  std::shared_ptr<CredentialsProvider> credentials;
  int maxAttempts = 3;  // AWS SDK standard mode
  std::chrono::milliseconds connectTimeout{5000};
  std::chrono::milliseconds requestTimeout{30000};
  std::shared_ptr<RequestStats> stats;  // optional
  // Optional: the process's API budget (one per process, shared by every Client);
  // each attempt waits for its service's token and reports throttling to it.
  std::shared_ptr<ApiBudget> budget;
  // Injected by tests; by default the system clock and a seeded random engine.
  // `random` is uniform in [0, 1) and scales the retry backoff (full jitter).
  std::function<std::chrono::system_clock::time_point()> clock;
  std::function<double()> random;
};

// REST request (S3 rest-xml, Lambda rest-json). Paths and query are NOT encoded.
struct RestRequest {
  std::string method = "GET";
  std::string path = "/";  // S3: the key path below the bucket ("/" for bucket operations)
  Params query;            // in order; a key with empty value is written "key="
  Headers headers;
  std::string body;
  std::string bucket;     // S3 only: path-style for custom endpoints, virtual-hosted otherwise
  std::string operation;  // for stats and errors: "GetBucketVersioning"
};

// A parsed XML response body: <XResponse><XResult>...</XResult></XResponse> for
// the query protocol; the document root for REST XML.
struct Xml {
  std::shared_ptr<pugi::xml_document> doc;
  pugi::xml_node root() const { return doc ? doc->document_element() : pugi::xml_node(); }
  // query protocol: the <ActionResult> element (or the root if absent)
  pugi::xml_node result;
  std::string requestId;
};

// GCC 12 miscompiles aggregate and initializer-list temporaries that appear
// inside a co_await expression (the frame copy keeps pointers into the old
// object: "free(): invalid pointer", or "array used as initializer"). Inside a
// coroutine, build RestRequest/Params/Headers in a named local first:
//   RestRequest req{.method = "PUT", .bucket = b};   // not co_await rest("s3", {...})
//   auto r = co_await client.rest("s3", std::move(req));
class Client {
 public:
  Client(HttpTransport& transport, ClientConfig config);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  const std::string& region() const { return config_.region; }
  const ClientConfig& config() const { return config_; }

  // Query protocol (IAM, SNS, STS): Action=<action>&Version=<service version>&params...
  // Errors (<ErrorResponse><Error><Code>) become Error with kind from the code.
  Awaitable<Result<Xml>> query(std::string_view service, std::string_view action, Params params);

  // JSON 1.0/1.1 with X-Amz-Target "<prefix>.<operation>" (DynamoDB, SQS, Logs, SSM).
  Awaitable<Result<Value>> json(std::string_view service, std::string_view operation,
                                const Value& body);

  // REST (S3 rest-xml, Lambda rest-json). A non-2xx response is an Error parsed
  // from its XML or JSON body; a 2xx response is returned as is.
  Awaitable<Result<HttpResponse>> rest(std::string_view service, RestRequest request);
  // REST + parse the XML body (S3).
  Awaitable<Result<Xml>> restXml(std::string_view service, RestRequest request);

  // The endpoint (scheme://host[:port]) used for `service`.
  std::string endpoint(std::string_view service) const;

 private:
  struct Impl;
  ClientConfig config_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace driftless::aws
