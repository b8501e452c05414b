// The replay peer (bench only): serves a recording made by bench/replay/record.py
// against moto, on 127.0.0.1:<port>, HTTP/1.1 keep-alive, with an injected latency per
// request (an asynchronous timer: requests on different connections overlap), on
// several io threads (one io_context each, connections dealt round robin). A request with no
// recording is answered 599 with the key in the body, counted, and listed at exit. GET
// /__replay/count answers "<requests> <unknown> <peak in flight>" (not delayed, not counted).
//
// GET /__replay/times answers "<first arrival ns> <last answer ns> <requests>" (steady clock,
// CLOCK_MONOTONIC: Python's time.monotonic_ns) and the requests that arrived in each 50 ms
// since the first, then starts over (a client's timeline: bench/cycle/timeline.py).
//
// --jitter-ms J spreads each request's latency uniformly over [latency − J, latency + J]
// (at least 0), so answers to requests sent together do not all arrive together, as
// AWS's do not.
//
//   replay_server --recording FILE --port P [--latency-ms 20] [--jitter-ms 0] [--threads 2]

// Boost 1.74 Asio uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "bench/replay/replay.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

long long nowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct Stats {
  static constexpr std::size_t kSlots = 1200;  // 50 ms each: one minute
  static constexpr long long kSlotNs = 50'000'000;
  std::atomic<long> requests{0};
  std::atomic<long long> first{0};  // since the last /__replay/times
  std::atomic<long long> last{0};
  std::atomic<long> timed{0};
  std::atomic<int> slots[kSlots] = {};
  std::atomic<long> unknown{0};
  std::atomic<long> inflight{0};
  std::atomic<long> peak{0};
  std::mutex mu;
  std::set<std::string> unknownKeys;
};

std::string_view sv(beast::string_view s) {
  return {s.data(), s.size()};
}

using Table = std::unordered_map<std::string, std::string>;

std::string serialise(int status, std::string_view headers, std::string_view body) {
  std::string reason(http::obsolete_reason(static_cast<http::status>(status)));
  std::string out =
      "HTTP/1.1 " + std::to_string(status) + " " + (reason.empty() ? "Replayed" : reason) + "\r\n";
  out.append(headers);
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

// A request's injected latency: fixed, or drawn per request when there is a jitter.
struct Delay {
  std::chrono::milliseconds latency{0};
  std::chrono::milliseconds jitter{0};

  std::chrono::microseconds next() const {
    using std::chrono::microseconds;
    if (jitter.count() == 0) return latency;
    thread_local std::minstd_rand random(
        static_cast<unsigned>(std::hash<std::thread::id>{}(std::this_thread::get_id())));
    auto low = std::max<long>(0, microseconds(latency - jitter).count());
    auto high = microseconds(latency + jitter).count();
    return microseconds(std::uniform_int_distribution<long>(low, high)(random));
  }
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const Table& table, Stats& stats, Delay latency)
      : socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        table_(table),
        stats_(stats),
        latency_(latency) {}

  void start() { read(); }

 private:
  void read() {
    request_ = {};
    parser_.emplace();
    parser_->body_limit(64 * 1024 * 1024);
    http::async_read(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onRead(ec); });
  }

  void onRead(beast::error_code ec) {
    if (ec) return close();
    request_ = parser_->release();
    if (request_.target() == "/__replay/count") {
      owned_ = std::to_string(stats_.requests.load()) + " " +
               std::to_string(stats_.unknown.load()) + " " + std::to_string(stats_.peak.load());
      owned_ = serialise(200, "", owned_);
      return write(owned_);
    }
    if (request_.target() == "/__replay/times") return write(times());
    stats_.requests++;
    stamp();
    long now = ++stats_.inflight;
    for (long p = stats_.peak.load(); now > p && !stats_.peak.compare_exchange_weak(p, now);) {
    }
    response_ = lookup();
    auto delay = latency_.next();
    if (delay.count() == 0) return answer();
    timer_.expires_after(delay);
    timer_.async_wait([self = shared_from_this()](beast::error_code) { self->answer(); });
  }

  const std::string* lookup() {
    auto key = replay::requestKey(
        sv(request_.method_string()), sv(request_.target()), sv(request_[http::field::host]),
        sv(request_[http::field::authorization]), sv(request_["X-Amz-Target"]), request_.body());
    if (auto it = table_.find(key); it != table_.end()) return &it->second;
    stats_.unknown++;
    {
      std::lock_guard lock(stats_.mu);
      if (stats_.unknownKeys.size() < 1000) stats_.unknownKeys.insert(key);
    }
    owned_ = serialise(599, "Content-Type: text/plain\r\n",
                       "driftless replay: no recording for key:\n" + key);
    return &owned_;
  }

  void stamp() {
    long long t = nowNs(), zero = 0;
    stats_.first.compare_exchange_strong(zero, t);
    long long slot = (t - stats_.first.load()) / Stats::kSlotNs;
    if (slot >= 0 && slot < static_cast<long long>(Stats::kSlots)) stats_.slots[slot]++;
    stats_.timed++;
  }

  const std::string& times() {
    owned_ = std::to_string(stats_.first.exchange(0)) + " " +
             std::to_string(stats_.last.exchange(0)) + " " +
             std::to_string(stats_.timed.exchange(0));
    std::size_t used = 0;
    for (std::size_t i = 0; i < Stats::kSlots; ++i)
      if (stats_.slots[i].load() != 0) used = i + 1;
    for (std::size_t i = 0; i < used; ++i)
      owned_ += " " + std::to_string(stats_.slots[i].exchange(0));
    owned_ = serialise(200, "", owned_);
    return owned_;
  }

  void answer() {
    for (long long t = nowNs(), l = stats_.last.load();
         t > l && !stats_.last.compare_exchange_weak(l, t);) {
    }
    stats_.inflight--;
    write(*response_);
  }

  void write(const std::string& bytes) {
    asio::async_write(socket_, asio::buffer(bytes),
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec || !self->request_.keep_alive()) return self->close();
                        self->read();
                      });
  }

  void close() {
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    socket_.close(ignored);
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  const Table& table_;
  Stats& stats_;
  Delay latency_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::request<http::string_body> request_;
  const std::string* response_ = nullptr;
  std::string owned_;
};

// The listening side: each accepted connection goes to the next io thread's own
// io_context (one io_context per thread: no reactor lock shared between threads).
struct Server {
  tcp::acceptor& acceptor;
  std::vector<std::unique_ptr<asio::io_context>>& contexts;
  const Table& table;
  Stats& stats;
  Delay latency;
  std::size_t next = 0;

  void accept() {
    auto& io = *contexts[next++ % contexts.size()];
    acceptor.async_accept(io, [this, &io](beast::error_code ec, tcp::socket socket) {
      if (!ec) {
        socket.set_option(tcp::no_delay(true));
        // Started on its own io thread: every operation of a session runs there.
        asio::post(io, [this, s = std::make_shared<tcp::socket>(std::move(socket))] {
          std::make_shared<Session>(std::move(*s), table, stats, latency)->start();
        });
      }
      if (acceptor.is_open()) accept();
    });
  }
};

struct Options {
  std::string recording;
  unsigned short port = 0;
  int latencyMs = 0;
  int jitterMs = 0;
  int threads = 2;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], v = argv[i + 1];
    if (a == "--recording")
      o.recording = v;
    else if (a == "--port")
      o.port = static_cast<unsigned short>(std::stoi(v));
    else if (a == "--latency-ms")
      o.latencyMs = std::stoi(v);
    else if (a == "--jitter-ms")
      o.jitterMs = std::max(0, std::stoi(v));
    else if (a == "--threads")
      o.threads = std::max(1, std::stoi(v));
    else
      throw std::runtime_error("unknown option " + a);
  }
  if (o.recording.empty())
    throw std::runtime_error(
        "usage: replay_server --recording FILE --port P "
        "[--latency-ms MS] [--jitter-ms MS] [--threads N]");
  return o;
}

}  // namespace

int main(int argc, char** argv) try {
  Options o = parse(argc, argv);
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  for (int i = 0; i < o.threads; ++i)
    contexts.push_back(std::make_unique<asio::io_context>());
  auto& io = *contexts[0];
  tcp::acceptor acceptor(io);
  tcp::endpoint at(asio::ip::make_address("127.0.0.1"), o.port);
  acceptor.open(at.protocol());
  acceptor.set_option(tcp::acceptor::reuse_address(true));
  acceptor.bind(at);
  acceptor.listen(1024);
  Table table;
  std::string self = "127.0.0.1:" + std::to_string(acceptor.local_endpoint().port());
  for (auto& e : replay::load(o.recording))
    table.try_emplace(
        e.key, serialise(e.status, e.headers, replay::withHost(e.body, replay::kHost, self)));
  Stats stats;
  Server server{
      acceptor, contexts, table, stats,
      Delay{std::chrono::milliseconds(o.latencyMs), std::chrono::milliseconds(o.jitterMs)}};
  server.accept();
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work;
  for (auto& c : contexts)
    work.push_back(asio::make_work_guard(*c));
  asio::signal_set signals(io, SIGTERM, SIGINT);
  signals.async_wait([&](beast::error_code, int) {
    for (auto& c : contexts)
      c->stop();
  });
  std::printf(
      "replay: %zu recorded answers, listening on 127.0.0.1:%u, latency %d ms ± %d ms, %d io "
      "threads\n",
      table.size(), acceptor.local_endpoint().port(), o.latencyMs, o.jitterMs, o.threads);
  std::fflush(stdout);
  std::vector<std::thread> threads;
  for (int i = 1; i < o.threads; ++i)
    threads.emplace_back([&contexts, i] { contexts[static_cast<std::size_t>(i)]->run(); });
  io.run();
  for (auto& t : threads)
    t.join();
  std::printf("replay: %ld requests, %ld unknown (599), peak %ld in flight\n",
              stats.requests.load(), stats.unknown.load(), stats.peak.load());
  for (auto& k : stats.unknownKeys)
    std::printf("replay: unknown key: %s\n", k.c_str());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "replay_server: %s\n", e.what());
  return 2;
}
