#include "controller/http_server.h"

#include <gtest/gtest.h>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <thread>

namespace driftless::controller {
namespace {

namespace http = boost::beast::http;

struct Answer {
  int status = 0;
  std::string body;
};

Answer send(int port, http::verb verb, const std::string& target, const std::string& body) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.body() = body;
  req.prepare_payload();
  http::write(socket, req);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  boost::system::error_code ec;
  http::read(socket, buffer, res, ec);
  return {static_cast<int>(res.result_int()), res.body()};
}

TEST(HttpServer, RoutesThroughTheHandlerAndLimitsBodies) {
  asio::io_context io;
  HttpServer server(
      io,
      [](const HttpRequest& r) {
        HttpReply reply;
        reply.body = r.method + " " + r.target + " " + std::to_string(r.body.size());
        return reply;
      },
      /*bodyLimit=*/1024);
  auto listening = server.listen("127.0.0.1:0");
  ASSERT_TRUE(listening) << listening.error().message;
  ASSERT_GT(server.port(), 0);
  std::thread thread([&] {
    auto guard = asio::make_work_guard(io);
    io.run();
  });

  Answer ok = send(server.port(), http::verb::get, "/healthz?x=1", "");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "GET /healthz 0");
  Answer post = send(server.port(), http::verb::post, "/webhook", std::string(100, 'x'));
  EXPECT_EQ(post.body, "POST /webhook 100");
  Answer big = send(server.port(), http::verb::post, "/webhook", std::string(4096, 'x'));
  EXPECT_EQ(big.status, 413);

  asio::post(io, [&] { server.stop(); });
  io.stop();
  thread.join();
}

TEST(HttpServer, BadListenAddressIsOneLine) {
  asio::io_context io;
  HttpServer server(io, [](const HttpRequest&) { return HttpReply{}; });
  auto r = server.listen("nonsense");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("controller.http.listen"), std::string::npos);
}

}  // namespace
}  // namespace driftless::controller
