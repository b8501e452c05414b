#include "tests/support/fault_proxy.h"

#include <functional>
#include <future>
#include <list>
#include <mutex>
#include <random>
#include <thread>

#include <boost/asio/redirect_error.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "providers/asio.h"

namespace driftless::testing {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using asio::use_awaitable;
using boost::system::error_code;

namespace {

enum class Protocol { Query, Json, RestJson, RestXml };

// What a request is, for matching and for the shape of a fault.
struct RequestInfo {
  std::string method;
  std::string path;
  std::string service;
  std::string target;  // X-Amz-Target, whole
  std::string action;  // Action=
  Protocol protocol = Protocol::RestXml;
  std::string operation() const {
    if (!action.empty()) return action;
    auto dot = target.rfind('.');
    return dot == std::string::npos ? target : target.substr(dot + 1);
  }
};

std::string formValue(std::string_view form, std::string_view key) {
  std::size_t pos = 0;
  while (pos <= form.size()) {
    auto amp = form.find('&', pos);
    auto part =
        form.substr(pos, amp == std::string_view::npos ? std::string_view::npos : amp - pos);
    if (part.starts_with(key) && part.size() > key.size() && part[key.size()] == '=')
      return std::string(part.substr(key.size() + 1));
    if (amp == std::string_view::npos) break;
    pos = amp + 1;
  }
  return "";
}

RequestInfo describe(const http::request<http::string_body>& req) {
  RequestInfo info;
  info.method = std::string(req.method_string());
  auto sv = [](beast::string_view v) { return std::string_view(v.data(), v.size()); };
  std::string_view target = sv(req.target());
  auto q = target.find('?');
  info.path = std::string(target.substr(0, q));
  std::string_view query = q == std::string_view::npos ? "" : target.substr(q + 1);
  // Credential=AKID/20260101/us-east-1/sqs/aws4_request
  std::string_view auth = sv(req[http::field::authorization]);
  if (auto c = auth.find("Credential="); c != std::string_view::npos) {
    auto scope = auth.substr(c + 11, auth.find_first_of(", ", c) - c - 11);
    auto end = scope.rfind('/');
    if (end != std::string_view::npos) {
      auto start = scope.rfind('/', end - 1);
      if (start != std::string_view::npos)
        info.service = std::string(scope.substr(start + 1, end - start - 1));
    }
  }
  info.target = std::string(req["X-Amz-Target"]);
  info.action = formValue(query, "Action");
  if (info.action.empty() &&
      sv(req[http::field::content_type]).starts_with("application/x-www-form-urlencoded"))
    info.action = formValue(req.body(), "Action");
  if (!info.target.empty())
    info.protocol = Protocol::Json;
  else if (!info.action.empty())
    info.protocol = Protocol::Query;
  else if (info.service == "lambda" || info.path.starts_with("/2015-03-31/"))
    info.protocol = Protocol::RestJson;
  return info;
}

bool matches(const RequestMatch& m, const RequestInfo& r) {
  auto targetOp = [&] {
    auto dot = r.target.rfind('.');
    return dot == std::string::npos ? r.target : r.target.substr(dot + 1);
  };
  if (!m.service.empty() && m.service != r.service) return false;
  if (!m.method.empty() && m.method != r.method) return false;
  if (!m.path.empty() && !r.path.starts_with(m.path)) return false;
  if (!m.target.empty() && m.target != r.target && m.target != targetOp()) return false;
  if (!m.action.empty() && m.action != r.action) return false;
  if (!m.operation.empty() && m.operation != r.action && m.operation != targetOp()) return false;
  return true;
}

bool matches(const RequestMatch& m, const SeenRequest& r) {
  if (!m.service.empty() && m.service != r.service) return false;
  if (!m.method.empty() && m.method != r.method) return false;
  if (!m.path.empty() && !r.path.starts_with(m.path)) return false;
  if (!m.operation.empty() && m.operation != r.operation) return false;
  if (!m.target.empty() && m.target != r.operation) return false;
  if (!m.action.empty() && m.action != r.operation) return false;
  return true;
}

struct ErrorShape {
  int status;
  std::string code;
  std::string message;
};

ErrorShape shapeOf(Fault fault, Protocol p) {
  switch (fault) {
    case Fault::Throttle:
      if (p == Protocol::RestXml) return {503, "SlowDown", "Please reduce your request rate."};
      if (p == Protocol::RestJson) return {429, "TooManyRequestsException", "Rate exceeded"};
      if (p == Protocol::Json) return {400, "ThrottlingException", "Rate exceeded"};
      return {400, "Throttling", "Rate exceeded"};
    case Fault::InternalError:
      if (p == Protocol::RestXml)
        return {500, "InternalError", "We encountered an internal error."};
      if (p == Protocol::RestJson) return {500, "ServiceException", "Internal failure"};
      if (p == Protocol::Json) return {500, "InternalServerError", "Internal server error"};
      return {500, "InternalFailure", "Internal failure"};
    case Fault::Unavailable:
      if (p == Protocol::Json || p == Protocol::RestJson)
        return {503, "ServiceUnavailableException", "Service unavailable"};
      return {503, "ServiceUnavailable", "Service is unable to handle the request."};
    default:
      return {500, "InternalError", "injected"};
  }
}

http::response<http::string_body> errorResponse(const FaultRule& rule, const RequestInfo& info,
                                                unsigned version) {
  ErrorShape shape = shapeOf(rule.fault, info.protocol);
  if (rule.status) shape.status = rule.status;
  if (!rule.code.empty()) shape.code = rule.code;
  http::response<http::string_body> res{static_cast<http::status>(shape.status), version};
  const std::string requestId = "fault-proxy-0000";
  res.set("x-amzn-RequestId", requestId);
  switch (info.protocol) {
    case Protocol::Query:
      res.set(http::field::content_type, "text/xml");
      res.body() = "<ErrorResponse><Error><Type>Sender</Type><Code>" + shape.code +
                   "</Code><Message>" + shape.message + "</Message></Error><RequestId>" +
                   requestId + "</RequestId></ErrorResponse>";
      break;
    case Protocol::Json:
      res.set(http::field::content_type, "application/x-amz-json-1.0");
      res.body() = "{\"__type\":\"com.amazonaws." + info.service + "#" + shape.code +
                   "\",\"message\":\"" + shape.message + "\"}";
      break;
    case Protocol::RestJson:
      res.set(http::field::content_type, "application/json");
      res.set("x-amzn-errortype", shape.code);
      res.body() = "{\"Type\":\"Service\",\"message\":\"" + shape.message + "\"}";
      break;
    case Protocol::RestXml:
      res.set(http::field::content_type, "application/xml");
      res.set("x-amz-request-id", requestId);
      res.body() = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + shape.code +
                   "</Code><Message>" + shape.message + "</Message><RequestId>" + requestId +
                   "</RequestId></Error>";
      break;
  }
  return res;
}

struct RuleState {
  FaultRule rule;
  int matched = 0;
  int fired = 0;
  bool pending() const { return rule.count < 0 || fired < rule.count; }
};

void reset(tcp::socket& s) {
  error_code ignored;
  s.set_option(asio::socket_base::linger(true, 0), ignored);
  s.close(ignored);
}

}  // namespace

std::string toString(Fault fault) {
  switch (fault) {
    case Fault::Throttle:
      return "throttle";
    case Fault::InternalError:
      return "internal-error";
    case Fault::Unavailable:
      return "unavailable";
    case Fault::ResetBeforeForward:
      return "reset-before-forward";
    case Fault::ResetAfterForward:
      return "reset-after-forward";
    case Fault::Status:
      return "status";
  }
  return "?";
}

struct FaultProxy::Impl : std::enable_shared_from_this<FaultProxy::Impl> {
  asio::io_context io;
  tcp::acceptor acceptor{io};
  tcp::endpoint upstream;
  std::string upstreamHost;
  int port = 0;
  std::thread thread;
  asio::steady_timer outageTimer{io};
  // Keeps io.run() going while the port is closed (an outage) and nothing is pending.
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};

  mutable std::mutex mu;
  std::vector<RuleState> rules;
  std::chrono::milliseconds latency{0};
  std::optional<RandomFaults> random;
  std::mt19937_64 rng;
  bool outage = false;
  std::vector<SeenRequest> seen;
  std::size_t faults = 0;
  std::size_t inFlight = 0;
  std::size_t peak = 0;
  std::list<std::weak_ptr<tcp::socket>> sockets;  // io thread only

  void listen() {
    tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port));
    acceptor.open(ep.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(ep);
    acceptor.listen();
    port = acceptor.local_endpoint().port();
    accept();
  }

  void accept() {
    acceptor.async_accept([self = shared_from_this()](error_code ec, tcp::socket socket) {
      if (ec) return;  // closed: an outage or the end
      auto s = std::make_shared<tcp::socket>(std::move(socket));
      s->set_option(tcp::no_delay(true));
      self->sockets.remove_if([](const auto& w) { return w.expired(); });
      self->sockets.push_back(s);
      asio::co_spawn(self->io, self->session(s), asio::detached);
      self->accept();
    });
  }

  // Io thread: the port closes and every connection is reset.
  void beginOutage() {
    error_code ignored;
    acceptor.close(ignored);
    for (auto& w : sockets)
      if (auto s = w.lock()) reset(*s);
    sockets.clear();
  }
  void endOutage() {
    if (acceptor.is_open()) return;
    listen();
  }

  void setOutage(bool on) {
    {
      std::lock_guard lock(mu);
      outage = on;
    }
    runOnIo([this, on] {
      outageTimer.cancel();
      if (on)
        beginOutage();
      else
        endOutage();
    });
  }

  // Runs `f` on the io thread and waits for it: when outage() returns, the port
  // is closed (or open again).
  void runOnIo(std::function<void()> f) {
    std::promise<void> done;
    asio::post(io, [&] {
      f();
      done.set_value();
    });
    done.get_future().wait();
  }

  // Under mu: which fault (if any) answers this request, and it is recorded.
  std::optional<FaultRule> decide(const RequestInfo& info, std::size_t* index) {
    SeenRequest seenReq{info.method, info.path, info.service, info.operation(), 0, {}, false};
    std::optional<FaultRule> chosen;
    for (auto& r : rules) {
      if (!r.pending() || !matches(r.rule.match, info)) continue;
      if (++r.matched < r.rule.match.nth) continue;
      ++r.fired;
      chosen = r.rule;
      break;
    }
    if (!chosen && random && matches(random->match, info)) {
      double x = std::uniform_real_distribution<double>(0, 1)(rng);
      if (x < random->throttle)
        chosen = FaultRule{.fault = Fault::Throttle};
      else if (x < random->throttle + random->serverError)
        chosen = FaultRule{.fault = Fault::InternalError};
      else if (x < random->throttle + random->serverError + random->reset)
        chosen = FaultRule{.fault = Fault::ResetBeforeForward};
    }
    if (chosen) {
      ++faults;
      seenReq.fault = chosen->fault;
    }
    *index = seen.size();
    seen.push_back(std::move(seenReq));
    return chosen;
  }

  void finish(std::size_t index, int status, bool forwarded) {
    std::lock_guard lock(mu);
    seen[index].status = status;
    seen[index].forwarded = forwarded;
  }

  // Sends the request upstream on a connection of its own ("Connection: close":
  // moto answers HTTP/1.0 and closes), reading the whole response.
  asio::awaitable<bool> forward(http::request<http::string_body>& req,
                                http::response<http::string_body>& res) {
    error_code ec;
    beast::tcp_stream up(io);
    up.expires_after(std::chrono::seconds(120));
    co_await up.async_connect(upstream, asio::redirect_error(use_awaitable, ec));
    if (ec) co_return false;
    req.keep_alive(false);
    co_await http::async_write(up, req, asio::redirect_error(use_awaitable, ec));
    if (ec) co_return false;
    beast::flat_buffer buf;
    http::response_parser<http::string_body> parser;
    parser.body_limit(std::uint64_t{1} << 30);
    if (req.method() == http::verb::head) parser.skip(true);
    co_await http::async_read(up, buf, parser, asio::redirect_error(use_awaitable, ec));
    if (ec) co_return false;
    res = parser.release();
    up.socket().shutdown(tcp::socket::shutdown_both, ec);
    co_return true;
  }

  asio::awaitable<void> session(std::shared_ptr<tcp::socket> client) {
    auto self = shared_from_this();
    beast::flat_buffer buf;
    for (;;) {
      error_code ec;
      http::request_parser<http::string_body> parser;
      parser.body_limit(std::uint64_t{1} << 30);
      co_await http::async_read(*client, buf, parser, asio::redirect_error(use_awaitable, ec));
      if (ec) co_return;
      http::request<http::string_body> req = parser.release();
      RequestInfo info = describe(req);
      std::size_t index = 0;
      std::optional<FaultRule> fault;
      std::chrono::milliseconds delay{0};
      {
        std::lock_guard lock(mu);
        if (outage) {
          seen.push_back({info.method, info.path, info.service, info.operation(), 0, {}, false});
          reset(*client);
          co_return;
        }
        fault = decide(info, &index);
        delay = latency;
        peak = std::max(peak, ++inFlight);
      }
      struct Leave {
        Impl* impl;
        ~Leave() {
          std::lock_guard lock(impl->mu);
          --impl->inFlight;
        }
      } leave{this};
      if (delay.count() > 0) {
        asio::steady_timer timer(io, delay);
        co_await timer.async_wait(asio::redirect_error(use_awaitable, ec));
      }
      if (!client->is_open()) co_return;  // reset by an outage meanwhile
      const bool keepAlive = req.keep_alive();
      if (fault && fault->fault == Fault::ResetBeforeForward) {
        reset(*client);
        co_return;
      }
      http::response<http::string_body> res;
      bool forwarded = false;
      if (fault && fault->fault != Fault::ResetAfterForward) {
        res = errorResponse(*fault, info, req.version());
      } else {
        forwarded = co_await forward(req, res);
        if (!forwarded) {
          res =
              errorResponse(FaultRule{.fault = Fault::Status, .status = 502, .code = "BadGateway"},
                            info, req.version());
        }
      }
      if (fault && fault->fault == Fault::ResetAfterForward) {
        finish(index, 0, forwarded);
        reset(*client);
        co_return;
      }
      finish(index, static_cast<int>(res.result_int()), forwarded);
      res.version(req.version());
      res.keep_alive(keepAlive);
      if (req.method() == http::verb::head) {  // keeps the upstream's Content-Length
        http::response_serializer<http::string_body> sr(res);
        sr.split(true);
        co_await http::async_write_header(*client, sr, asio::redirect_error(use_awaitable, ec));
      } else {
        res.prepare_payload();
        co_await http::async_write(*client, res, asio::redirect_error(use_awaitable, ec));
      }
      if (ec || !keepAlive) {
        client->shutdown(tcp::socket::shutdown_both, ec);
        co_return;
      }
    }
  }
};

FaultProxy::FaultProxy(const std::string& upstreamUrl) : impl_(std::make_shared<Impl>()) {
  // http://host:port[/]
  std::string rest = upstreamUrl.substr(upstreamUrl.find("://") + 3);
  if (auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  auto colon = rest.rfind(':');
  std::string host = colon == std::string::npos ? rest : rest.substr(0, colon);
  int upstreamPort = colon == std::string::npos ? 80 : std::stoi(rest.substr(colon + 1));
  if (host == "localhost") host = "127.0.0.1";
  impl_->upstream =
      tcp::endpoint(asio::ip::make_address(host), static_cast<unsigned short>(upstreamPort));
  impl_->listen();
  impl_->thread = std::thread([impl = impl_] { impl->io.run(); });
}

FaultProxy::~FaultProxy() {
  // Close the port and every client connection, so sessions end and release the
  // Impl they hold; then stop, and let the cancelled handlers run to completion.
  impl_->runOnIo([impl = impl_.get()] {
    impl->beginOutage();
    impl->outageTimer.cancel();
  });
  impl_->io.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->io.restart();
  impl_->io.poll();
}

std::string FaultProxy::url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port);
}
int FaultProxy::port() const {
  return impl_->port;
}

void FaultProxy::failNext(FaultRule rule) {
  std::lock_guard lock(impl_->mu);
  impl_->rules.push_back({std::move(rule)});
}

void FaultProxy::setLatency(std::chrono::milliseconds latency) {
  std::lock_guard lock(impl_->mu);
  impl_->latency = latency;
}

void FaultProxy::setRandomFaults(RandomFaults faults) {
  std::lock_guard lock(impl_->mu);
  impl_->rng.seed(faults.seed);
  impl_->random = std::move(faults);
}

void FaultProxy::outage(bool on) {
  impl_->setOutage(on);
}

void FaultProxy::outageFor(std::chrono::milliseconds d) {
  {
    std::lock_guard lock(impl_->mu);
    impl_->outage = true;
  }
  impl_->runOnIo([impl = impl_, d] {
    impl->beginOutage();
    impl->outageTimer.expires_after(d);
    impl->outageTimer.async_wait([impl](error_code ec) {
      if (ec) return;  // replaced by outage(true/false)
      {
        std::lock_guard lock(impl->mu);
        impl->outage = false;
      }
      impl->endOutage();
    });
  });
}

bool FaultProxy::inOutage() const {
  std::lock_guard lock(impl_->mu);
  return impl_->outage;
}

void FaultProxy::clearFaults() {
  {
    std::lock_guard lock(impl_->mu);
    impl_->rules.clear();
    impl_->random.reset();
    impl_->latency = std::chrono::milliseconds(0);
  }
  impl_->setOutage(false);
}

std::vector<SeenRequest> FaultProxy::requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->seen;
}

std::size_t FaultProxy::count(const RequestMatch& match) const {
  std::lock_guard lock(impl_->mu);
  std::size_t n = 0;
  for (const auto& r : impl_->seen)
    if (matches(match, r)) ++n;
  return n;
}

std::size_t FaultProxy::faultsInjected() const {
  std::lock_guard lock(impl_->mu);
  return impl_->faults;
}

std::size_t FaultProxy::rulesPending() const {
  std::lock_guard lock(impl_->mu);
  std::size_t n = 0;
  for (const auto& r : impl_->rules)
    if (r.pending()) ++n;
  return n;
}

std::size_t FaultProxy::peakInFlight() const {
  std::lock_guard lock(impl_->mu);
  return impl_->peak;
}

void FaultProxy::resetCounts() {
  std::lock_guard lock(impl_->mu);
  impl_->seen.clear();
  impl_->faults = 0;
  impl_->peak = impl_->inFlight;
}

}  // namespace driftless::testing
