#pragma once
// A small HTTP/1.1 server (Boost.Beast) for /healthz, /readyz, /metrics and
// /webhook, on the daemon's io_context. Routing is the caller's handler.
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "providers/asio.h"
#include "providers/error.h"

namespace driftless::controller {

struct HttpRequest {
  std::string method;                          // "GET", "POST"
  std::string target;                          // path without the query string
  std::string query;                           // after '?', undecoded ("" when none)
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string header(const std::string& lowerName) const {
    auto it = headers.find(lowerName);
    return it == headers.end() ? std::string() : it->second;
  }
};

// Writes one chunk of a streamed reply; false once the client went away.
using StreamWrite = std::function<Awaitable<bool>(const std::string&)>;

struct HttpReply {
  int status = 200;
  std::string contentType = "text/plain; charset=utf-8";
  std::string body;
  std::map<std::string, std::string> headers;  // extra response headers
  // When set, the reply is streamed (Server-Sent Events): the headers are sent
  // without a length, `body` first, then `stream` writes until it returns; the
  // connection is closed after.
  std::function<Awaitable<void>(StreamWrite)> stream;
};

using HttpHandler = std::function<HttpReply(const HttpRequest&)>;
// A handler that may wait (state store reads); runs on the server's io_context.
using AsyncHttpHandler = std::function<Awaitable<HttpReply>(const HttpRequest&)>;

class HttpServer {
 public:
  // Bodies larger than `bodyLimit` are answered 413 without calling the handler.
  HttpServer(asio::io_context& io, HttpHandler handler, std::size_t bodyLimit = 1 << 20);
  HttpServer(asio::io_context& io, AsyncHttpHandler handler, std::size_t bodyLimit = 1 << 20);
  ~HttpServer();

  // Binds "host:port" (port 0 picks a free one) and starts accepting.
  Result<void> listen(const std::string& hostPort);
  // The bound port (after listen).
  int port() const;
  // Stops accepting; connections in progress finish their request.
  void stop();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace driftless::controller
