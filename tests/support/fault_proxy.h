#pragma once
// A fault-injection HTTP/1.1 proxy for tests, in front of an AWS peer (moto):
// point an environment's endpointUrl (or a ClientConfig's) at url() and every
// request is forwarded to the upstream unchanged, unless a fault says otherwise.
//
//   FaultProxy proxy(testing::sharedMoto().endpoint());
//   proxy.failNext({.match = {.operation = "CreateQueue"}, .fault = Fault::Throttle});
//   proxy.failNext({.match = {.service = "s3", .method = "PUT", .nth = 2},
//                   .fault = Fault::ResetAfterForward});
//   proxy.setLatency(std::chrono::milliseconds(200));
//   proxy.setRandomFaults({.throttle = 0.3, .seed = 7});
//   proxy.outage(true);  ...  proxy.outage(false);   // or proxy.outageFor(2s)
//   proxy.count({.operation = "CreateQueue"});       // what it saw
//
// Fault responses have the shape of the request's protocol, so the project's
// AWS client classifies them as AWS's would be:
//   query (IAM, SNS, STS, Action=...): <ErrorResponse><Error><Code>Throttling</Code>...
//   JSON (X-Amz-Target: DynamoDB, SQS, Logs, SSM): {"__type":"...#ThrottlingException"}
//   rest-json (Lambda, /2015-03-31/...): 429 TooManyRequestsException + x-amzn-errortype
//   REST-XML (S3): 503 <Error><Code>SlowDown</Code>...
// Runs on its own thread; every method is thread-safe.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace driftless::testing {

// Which requests a rule applies to; empty fields match anything.
struct RequestMatch {
  std::string service;    // from the SigV4 credential scope: "sqs", "s3", "dynamodb", ...
  std::string method;     // "PUT"
  std::string path;       // a prefix of the path (without the query): "/my-bucket"
  std::string target;     // the X-Amz-Target header, whole ("AmazonSQS.CreateQueue") or
                          // its operation part ("CreateQueue")
  std::string action;     // the query protocol's Action= (in the query string or the form body)
  std::string operation;  // either of the above: an X-Amz-Target operation or an Action
  int nth = 1;            // a rule fires from the nth matching request on (1 = the next one)
};

enum class Fault {
  Throttle,       // the protocol's throttling error (query/JSON 400, Lambda 429, S3 503 SlowDown)
  InternalError,  // 500 InternalFailure / InternalError / ServiceException
  Unavailable,    // 503 ServiceUnavailable
  ResetBeforeForward,  // the connection is reset; the upstream never sees the request
  ResetAfterForward,   // forwarded (the upstream acts on it), then the connection is reset
  Status,              // `status` with `code` in the protocol's error shape
};

struct FaultRule {
  RequestMatch match;
  Fault fault = Fault::Throttle;
  int status = 0;    // overrides the fault's status (Fault::Status needs it)
  std::string code;  // overrides the fault's error code
  int count = 1;     // how many matching requests fail (from the nth on); < 0 = all
};

// Independent faults on every request (seeded, so a run can be repeated).
struct RandomFaults {
  double throttle = 0;     // fraction of requests answered with Fault::Throttle
  double serverError = 0;  // ... with Fault::InternalError
  double reset = 0;        // ... with Fault::ResetBeforeForward
  std::uint64_t seed = 1;
  RequestMatch match;  // only requests matching this (default: all)
};

// One request as the proxy saw it.
struct SeenRequest {
  std::string method;
  std::string path;  // without the query
  std::string service;
  std::string operation;       // X-Amz-Target's operation or Action ("" for REST)
  int status = 0;              // what the client got (0 = reset, or the outage refused it)
  std::optional<Fault> fault;  // set if a fault answered it
  bool forwarded = false;      // the upstream saw it
};

class FaultProxy {
 public:
  // upstreamUrl: "http://127.0.0.1:<port>" (plain HTTP).
  explicit FaultProxy(const std::string& upstreamUrl);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  std::string url() const;  // "http://127.0.0.1:<port>"
  int port() const;

  // Adds a rule; rules are tried in the order added, the first that fires wins.
  void failNext(FaultRule rule);
  // Held before each request is forwarded (requests are held concurrently).
  void setLatency(std::chrono::milliseconds latency);
  void setRandomFaults(RandomFaults faults);
  // Refuses every connection (the port is closed; requests in flight are reset)
  // until outage(false).
  void outage(bool on);
  // An outage that ends by itself after `d`.
  void outageFor(std::chrono::milliseconds d);
  bool inOutage() const;
  // Removes rules, random faults, latency and any outage (counts are kept).
  void clearFaults();

  std::vector<SeenRequest> requests() const;
  std::size_t count(const RequestMatch& match = {}) const;  // seen requests matching
  std::size_t faultsInjected() const;
  std::size_t rulesPending() const;  // rules that have not fired `count` times yet
  std::size_t peakInFlight() const;  // most requests held at once
  void resetCounts();

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

std::string toString(Fault fault);

}  // namespace driftless::testing
