#include "controller/http_server.h"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace driftless::controller {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct HttpServer::Impl : std::enable_shared_from_this<Impl> {
  Impl(asio::io_context& io, HttpHandler h, AsyncHttpHandler a, std::size_t limit)
      : io(io), acceptor(io), handler(std::move(h)), asyncHandler(std::move(a)), bodyLimit(limit) {}

  asio::io_context& io;
  tcp::acceptor acceptor;
  HttpHandler handler;
  AsyncHttpHandler asyncHandler;
  std::size_t bodyLimit;
  bool stopped = false;

  Awaitable<void> acceptLoop() {
    auto self = shared_from_this();
    while (!stopped) {
      boost::system::error_code ec;
      tcp::socket socket =
          co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (stopped || ec == asio::error::operation_aborted) co_return;
        continue;
      }
      asio::co_spawn(io, serve(std::move(socket)), asio::detached);
    }
  }

  // A reply without a length (Server-Sent Events): headers, the body, then
  // whatever `stream` writes until it returns or the client goes away.
  static Awaitable<void> streamReply(beast::tcp_stream& stream, HttpReply& out) {
    std::string head = "HTTP/1.1 " + std::to_string(out.status) +
                       " OK\r\nServer: driftless\r\nContent-Type: " + out.contentType +
                       "\r\nCache-Control: no-cache\r\nConnection: close\r\n";
    for (const auto& [name, value] : out.headers)
      head += name + ": " + value + "\r\n";
    head += "\r\n" + out.body;
    StreamWrite write = [&stream](const std::string& chunk) -> Awaitable<bool> {
      boost::system::error_code ec;
      stream.expires_after(std::chrono::seconds(30));
      co_await asio::async_write(stream, asio::buffer(chunk),
                                 asio::redirect_error(asio::use_awaitable, ec));
      co_return !ec;
    };
    if (co_await write(head)) co_await out.stream(write);
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  Awaitable<void> serve(tcp::socket socket) {
    auto self = shared_from_this();
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
      boost::system::error_code ec;
      http::request_parser<http::string_body> parser;
      parser.body_limit(bodyLimit);
      stream.expires_after(std::chrono::seconds(30));
      co_await http::async_read(stream, buffer, parser,
                                asio::redirect_error(asio::use_awaitable, ec));
      http::response<http::string_body> res;
      bool keepAlive = false;
      if (ec == http::error::body_limit) {
        res.result(http::status::payload_too_large);
        res.set(http::field::content_type, "text/plain; charset=utf-8");
        res.body() = "request body too large\n";
      } else if (ec) {
        co_return;
      } else {
        auto& req = parser.get();
        keepAlive = req.keep_alive();
        HttpRequest in;
        in.method = std::string(req.method_string());
        std::string target(req.target());
        in.target = target.substr(0, target.find('?'));
        if (auto q = target.find('?'); q != std::string::npos) in.query = target.substr(q + 1);
        for (const auto& field : req) {
          std::string name(field.name_string());
          for (auto& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          in.headers[name] = std::string(field.value());
        }
        in.body = std::move(req.body());
        HttpReply out;
        if (asyncHandler)
          out = co_await asyncHandler(in);
        else
          out = handler(in);
        if (out.stream) {
          co_await streamReply(stream, out);
          co_return;
        }
        res.result(static_cast<http::status>(out.status));
        res.set(http::field::content_type, out.contentType);
        for (const auto& [name, value] : out.headers)
          res.set(name, value);
        res.body() = std::move(out.body);
      }
      res.set(http::field::server, "driftless");
      res.keep_alive(keepAlive);
      res.prepare_payload();
      co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || !keepAlive) break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }
};

HttpServer::HttpServer(asio::io_context& io, HttpHandler handler, std::size_t bodyLimit)
    : impl_(std::make_shared<Impl>(io, std::move(handler), nullptr, bodyLimit)) {}

HttpServer::HttpServer(asio::io_context& io, AsyncHttpHandler handler, std::size_t bodyLimit)
    : impl_(std::make_shared<Impl>(io, nullptr, std::move(handler), bodyLimit)) {}

HttpServer::~HttpServer() {
  stop();
}

Result<void> HttpServer::listen(const std::string& hostPort) {
  auto colon = hostPort.rfind(':');
  if (colon == std::string::npos)
    return fail(ErrorKind::Invalid,
                "controller.http.listen: expected host:port, got '" + hostPort + "'");
  std::string host = hostPort.substr(0, colon);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int port = 0;
  try {
    port = std::stoi(hostPort.substr(colon + 1));
  } catch (const std::exception&) {
    return fail(ErrorKind::Invalid, "controller.http.listen: bad port in '" + hostPort + "'");
  }
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host.empty() ? "0.0.0.0" : host, ec);
  if (ec) return fail(ErrorKind::Invalid, "controller.http.listen: bad address '" + host + "'");
  tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  auto& acc = impl_->acceptor;
  acc.open(endpoint.protocol(), ec);
  if (!ec) acc.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acc.bind(endpoint, ec);
  if (!ec) acc.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return fail(ErrorKind::Invalid, "cannot listen for HTTP on " + hostPort + ": " + ec.message());
  asio::co_spawn(impl_->io, impl_->acceptLoop(), asio::detached);
  return {};
}

int HttpServer::port() const {
  boost::system::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void HttpServer::stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  boost::system::error_code ec;
  impl_->acceptor.close(ec);
}

}  // namespace driftless::controller
