// Load generator for the replay peer (bench only): replays every request of a
// recording, round robin, on C keep-alive connections until R requests are answered,
// and prints requests/s. The request of an entry is rebuilt from its key (method,
// path and query, X-Amz-Target, body, and an Authorization header naming its scope).
//
//   replay_load --recording FILE --port P [--connections 64] [--requests 200000]
// Boost 1.74 Asio uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bench/replay/replay.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// "GET eu-west-1/s3 /bucket?versioning= \nbody" -> the raw HTTP/1.1 request.
std::string rebuild(const std::string& key, const std::string& host) {
  auto nl = key.find('\n');
  std::string head = key.substr(0, nl),
              body = replay::withHost(key.substr(nl + 1), replay::kHost, host);
  std::vector<std::string> f;
  for (std::size_t at = 0, i = 0; i < 3; ++i) {
    auto sp = head.find(' ', at);
    f.push_back(head.substr(at, sp - at));
    at = sp + 1;
    if (i == 2) f.push_back(head.substr(at));
  }
  std::string target = f[2];
  if (target.back() == '?') target.pop_back();
  std::string out = f[0] + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
  if (f[1] != "-")
    out += "Authorization: AWS4-HMAC-SHA256 Credential=load/20260101/" + f[1] +
           "/aws4_request, SignedHeaders=host, Signature=0\r\n";
  if (!f[3].empty()) out += "X-Amz-Target: " + f[3] + "\r\n";
  return out + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

struct Load {
  std::vector<std::string> requests;
  long target = 0;
  long sent = 0;
  long answered = 0;
  long failed = 0;
};

class Client : public std::enable_shared_from_this<Client> {
 public:
  Client(asio::io_context& io, Load& load) : socket_(io), load_(load) {}

  void start(const tcp::endpoint& at) {
    socket_.async_connect(at, [self = shared_from_this()](beast::error_code ec) {
      if (ec)
        return std::fprintf(stderr, "replay_load: connect: %s\n", ec.message().c_str()), void();
      self->socket_.set_option(tcp::no_delay(true));
      self->next();
    });
  }

 private:
  void next() {
    if (load_.sent >= load_.target) return;
    const std::string& req =
        load_.requests[static_cast<std::size_t>(load_.sent++) % load_.requests.size()];
    asio::async_write(socket_, asio::buffer(req),
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return;
                        self->parser_.emplace();
                        self->parser_->body_limit(64 * 1024 * 1024);
                        http::async_read(self->socket_, self->buffer_, *self->parser_,
                                         [self](beast::error_code ec, std::size_t) {
                                           if (ec) return;
                                           self->load_.answered++;
                                           if (self->parser_->get().result_int() == 599)
                                             self->load_.failed++;
                                           self->next();
                                         });
                      });
  }

  tcp::socket socket_;
  Load& load_;
  beast::flat_buffer buffer_;
  std::optional<http::response_parser<http::string_body>> parser_;
};

}  // namespace

int main(int argc, char** argv) try {
  std::string recording;
  unsigned short port = 0;
  int connections = 64;
  Load load;
  load.target = 200000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], v = argv[i + 1];
    if (a == "--recording")
      recording = v;
    else if (a == "--port")
      port = static_cast<unsigned short>(std::stoi(v));
    else if (a == "--connections")
      connections = std::stoi(v);
    else if (a == "--requests")
      load.target = std::stol(v);
    else
      throw std::runtime_error("unknown option " + a);
  }
  for (auto& e : replay::load(recording))
    load.requests.push_back(rebuild(e.key, "127.0.0.1:" + std::to_string(port)));
  if (load.requests.empty()) throw std::runtime_error("empty recording " + recording);
  asio::io_context io(1);
  tcp::endpoint at(asio::ip::make_address("127.0.0.1"), port);
  auto start = std::chrono::steady_clock::now();
  for (int c = 0; c < connections; ++c)
    std::make_shared<Client>(io, load)->start(at);
  io.run();
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "{\"requests\": %ld, \"unknown\": %ld, \"connections\": %d, \"seconds\": %.3f, "
      "\"per_second\": %.0f}\n",
      load.answered, load.failed, connections, s, static_cast<double>(load.answered) / s);
  return load.answered == load.target && load.failed == 0 ? 0 : 1;
} catch (const std::exception& e) {
  std::fprintf(stderr, "replay_load: %s\n", e.what());
  return 2;
}
