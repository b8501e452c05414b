#pragma once
// HTTP on libcurl's multi interface, driven by the Asio io_context: curl tells
// us which sockets to watch (CURLMOPT_SOCKETFUNCTION) and when to wake it
// (CURLMOPT_TIMERFUNCTION); Asio waits on them. Hundreds of requests are in
// flight on one thread, and the multi handle's connection cache reuses
// connections. Not thread-safe: call send() from the io_context's thread.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "providers/asio.h"
#include "providers/aws/client.h"
#include "providers/error.h"

namespace driftless::aws {

struct TransportOptions {
  // Requests beyond this wait in a queue until one finishes (maxInFlightRequests);
  // HttpRequest::ahead ones first.
  std::size_t maxInFlight = 64;
  // A PEM file of CA certificates; empty = the system's. Verification is always on.
  std::string caBundle;
  // Defaults for requests that set none.
  std::chrono::milliseconds connectTimeout{5000};
  std::chrono::milliseconds requestTimeout{30000};
  // Idle connections kept for reuse (CURLMOPT_MAXCONNECTS).
  long maxIdleConnections = 128;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // fully encoded
  Headers headers;  // sent as given; curl adds none we did not ask for except Content-Length
  std::string body;
  std::optional<std::chrono::milliseconds> connectTimeout;
  std::optional<std::chrono::milliseconds> timeout;  // whole request
  // Waits for a slot ahead of every request that is not (in order among
  // themselves): a listing whose pages go one at a time and that other reads
  // wait for (the Tagging API's) never queues behind those reads.
  bool ahead = false;
};

class HttpTransport {
 public:
  explicit HttpTransport(asio::io_context& io, TransportOptions options = {});
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  // A response of any status is a value; only a failure to get one (connect
  // error, timeout, reset) is an Error, of kind Transient with httpStatus 0 and
  // code "RequestTimeout" (timeout) or "ConnectionError".
  Awaitable<Result<HttpResponse>> send(HttpRequest request);

  asio::io_context& context();
  const TransportOptions& options() const;
  std::size_t inFlight() const;             // handed to curl
  std::size_t queued() const;               // waiting for a slot
  std::size_t peakInFlight() const;         // highest inFlight() seen
  std::uint64_t connectionsOpened() const;  // new TCP connections (not reused ones)
  std::uint64_t completed() const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace driftless::aws
