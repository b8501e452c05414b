#include "tests/support/http_stub.h"

#include <cctype>
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace driftless::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct HttpStub::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::thread thread;
  mutable std::mutex mu;
  Handler handler;
  std::vector<StubRequest> requests;
  std::atomic<std::size_t>* connections = nullptr;

  void accept() {
    acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec) return;
      connections->fetch_add(1);
      serve(std::make_shared<tcp::socket>(std::move(socket)));
      accept();
    });
  }

  struct Session {
    std::shared_ptr<tcp::socket> socket;
    beast::flat_buffer buffer;
    http::request<http::string_body> request;
    http::response<http::string_body> response;
  };

  void serve(std::shared_ptr<tcp::socket> socket) {
    auto s = std::make_shared<Session>();
    s->socket = std::move(socket);
    read(s);
  }

  void read(std::shared_ptr<Session> s) {
    s->request = {};
    http::async_read(
        *s->socket, s->buffer, s->request, [this, s](boost::system::error_code ec, std::size_t) {
          if (ec) return;
          StubRequest r;
          r.method = std::string(s->request.method_string());
          r.target = std::string(s->request.target());
          for (const auto& f : s->request) {
            std::string name(f.name_string());
            for (auto& c : name)
              c = static_cast<char>(std::tolower(c));
            r.headers[name] = std::string(f.value());
          }
          r.body = s->request.body();
          Handler h;
          {
            std::lock_guard lock(mu);
            requests.push_back(r);
            h = handler;
          }
          StubResponse out = h ? h(r) : StubResponse{.status = 404};
          s->response = {};
          s->response.result(static_cast<unsigned>(out.status));
          s->response.version(11);
          for (const auto& [k, v] : out.headers)
            s->response.set(k, v);
          s->response.body() = out.body;
          s->response.keep_alive(!out.close && s->request.keep_alive());
          s->response.prepare_payload();
          http::async_write(*s->socket, s->response,
                            [this, s](boost::system::error_code ec, std::size_t) {
                              if (ec || !s->response.keep_alive()) {
                                boost::system::error_code ignored;
                                s->socket->shutdown(tcp::socket::shutdown_both, ignored);
                                return;
                              }
                              read(s);
                            });
        });
  }
};

HttpStub::HttpStub(Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->connections = &connections_;
  tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(ep.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(ep);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->accept();
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

HttpStub::~HttpStub() {
  impl_->io.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::vector<StubRequest> HttpStub::requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->requests;
}

std::size_t HttpStub::requestCount() const {
  std::lock_guard lock(impl_->mu);
  return impl_->requests.size();
}

void HttpStub::setHandler(Handler handler) {
  std::lock_guard lock(impl_->mu);
  impl_->handler = std::move(handler);
}

}  // namespace driftless::testing
