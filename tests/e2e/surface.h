#pragma once
// Helpers for the operator's-surface tests (status page, API, notifications,
// health gates): plain HTTP requests, config variants, and a local HTTP
// receiver for webhook notifications.
#include <gtest/gtest.h>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <mutex>
#include <sstream>
#include <thread>

#include "controller/http_server.h"
#include "providers/asio.h"
#include "tests/e2e/harness.h"

namespace driftless::e2e {

struct Answer {
  int status = 0;
  std::string body;
  Value json() const {
    auto v = Value::fromJson(body);
    return v ? *v : Value();
  }
};

inline Answer request(int port, const std::string& method, const std::string& target,
                      const std::string& token = "", const std::string& body = "") {
  namespace http = boost::beast::http;
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  req.body() = body;
  req.prepare_payload();
  http::write(socket, req);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res);
  return {static_cast<int>(res.result_int()), res.body()};
}

// A copy of `config` with `edit` applied, written next to it as `name`.
inline std::string editedConfig(const std::string& config, const std::string& name,
                                const std::function<void(std::string&)>& edit) {
  std::ifstream in(config);
  std::stringstream text;
  text << in.rdbuf();
  std::string y = text.str();
  edit(y);
  auto path = std::filesystem::path(config).parent_path() / name;
  std::ofstream(path) << y;
  return path.string();
}

// Inserts `lines` (already indented) after the settings of environment `env`.
inline void addToEnvironment(std::string& y, const std::string& env, const std::string& lines) {
  auto at = y.find("  " + env + ":\n");
  ASSERT_NE(at, std::string::npos) << y;
  auto end = y.find("    maxPruneFraction: 1\n", at);
  ASSERT_NE(end, std::string::npos) << y;
  y.insert(end + std::string("    maxPruneFraction: 1\n").size(), lines);
}

inline std::string textOf(const Value& v, const char* key) {
  const Value* f = v.find(key);
  if (!f || f->isNull()) return "";
  return f->isString() ? f->asString() : f->toJson();
}

// A local HTTP endpoint that records what it receives (the webhook receiver).
class Receiver {
 public:
  struct Received {
    std::map<std::string, std::string> headers;
    std::string body;
  };
  // `status` decides each answer (by the number of requests so far, from 1).
  explicit Receiver(std::function<int(int)> status = [](int) { return 200; })
      : status_(std::move(status)) {
    server_ =
        std::make_unique<controller::HttpServer>(io_, [this](const controller::HttpRequest& r) {
          std::lock_guard lock(mu_);
          received_.push_back({r.headers, r.body});
          cv_.notify_all();
          controller::HttpReply reply;
          reply.status = status_(static_cast<int>(received_.size()));
          reply.body = "ok\n";
          return reply;
        });
    auto listening = server_->listen("127.0.0.1:0");
    EXPECT_TRUE(listening) << (listening ? "" : listening.error().message);
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Receiver() {
    asio::post(io_, [this] { server_->stop(); });
    io_.stop();
    thread_.join();
  }
  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + "/hook";
  }
  // Waits until `pred` holds for the requests so far (timeout: a failure).
  bool waitFor(const std::function<bool(const std::vector<Received>&)>& pred, int timeoutMs) {
    std::unique_lock lock(mu_);
    bool ok =
        cv_.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return pred(received_); });
    if (!ok) ADD_FAILURE() << "the receiver got " << received_.size() << " request(s)";
    return ok;
  }
  std::vector<Received> received() {
    std::lock_guard lock(mu_);
    return received_;
  }

 private:
  asio::io_context io_;
  std::function<int(int)> status_;
  std::unique_ptr<controller::HttpServer> server_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Received> received_;
};

}  // namespace driftless::e2e
