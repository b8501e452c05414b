#pragma once
// A small real HTTP/1.1 server on 127.0.0.1 (Boost.Beast, its own thread) for
// tests of HTTP clients: credential endpoints (ECS, IMDS), retries against
// scripted failures, connection reuse. Keep-alive is on; every request and
// every accepted connection is recorded.
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace driftless::testing {

struct StubRequest {
  std::string method;
  std::string target;                          // path and query, as sent
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

struct StubResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool close = false;  // close the connection after this response
};

class HttpStub {
 public:
  using Handler = std::function<StubResponse(const StubRequest&)>;
  explicit HttpStub(Handler handler);
  ~HttpStub();
  HttpStub(const HttpStub&) = delete;
  HttpStub& operator=(const HttpStub&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<StubRequest> requests() const;
  std::size_t requestCount() const;
  std::size_t connectionsAccepted() const { return connections_.load(); }
  void setHandler(Handler handler);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  std::atomic<std::size_t> connections_{0};
};

}  // namespace driftless::testing
