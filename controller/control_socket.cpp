#include "controller/control_socket.h"

#include <sys/stat.h>
#include <unistd.h>

#include <deque>
#include <filesystem>
#include <set>

namespace driftless::controller {

using stream = asio::local::stream_protocol;

namespace {

// One follow stream: events are queued by the bus (any thread) and written by
// one coroutine, so writes never interleave.
struct Follower : std::enable_shared_from_this<Follower> {
  explicit Follower(stream::socket s) : socket(std::move(s)), wake(socket.get_executor()) {
    wake.expires_at(std::chrono::steady_clock::time_point::max());
  }
  stream::socket socket;
  asio::steady_timer wake;
  std::deque<std::string> queue;
  bool closed = false;

  void push(std::string line) {
    if (closed) return;
    // A reader that stops reading must not grow the daemon without bound.
    if (queue.size() > 10000) queue.pop_front();
    queue.push_back(std::move(line));
    wake.cancel();
  }
  void close() {
    closed = true;
    wake.cancel();
    boost::system::error_code ec;
    socket.shutdown(stream::socket::shutdown_both, ec);
    socket.close(ec);
  }
};

}  // namespace

struct ControlSocket::Impl : std::enable_shared_from_this<Impl> {
  Impl(asio::io_context& io, std::string p, ControlHandler h, EventBus& bus)
      : io(io), path(std::move(p)), handler(std::move(h)), events(bus), acceptor(io) {}

  asio::io_context& io;
  std::string path;
  ControlHandler handler;
  EventBus& events;
  stream::acceptor acceptor;
  bool stopped = false;
  std::set<std::shared_ptr<Follower>> followers;

  Awaitable<void> acceptLoop() {
    auto self = shared_from_this();
    while (!stopped) {
      boost::system::error_code ec;
      stream::socket socket =
          co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (stopped || ec == asio::error::operation_aborted) co_return;
        continue;
      }
      asio::co_spawn(io, serve(std::move(socket)), asio::detached);
    }
  }

  static Awaitable<bool> writeLine(stream::socket& socket, const std::string& text) {
    std::string line = text + '\n';
    boost::system::error_code ec;
    co_await asio::async_write(socket, asio::buffer(line),
                               asio::redirect_error(asio::use_awaitable, ec));
    co_return !ec;
  }

  Awaitable<void> serve(stream::socket socket) {
    auto self = shared_from_this();
    asio::streambuf buf(64 * 1024);
    for (;;) {
      boost::system::error_code ec;
      co_await asio::async_read_until(socket, buf, '\n',
                                      asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      std::string line;
      std::istream is(&buf);
      std::getline(is, line);
      auto request = Value::fromJson(line);
      if (!request || !request->isObject()) {
        Value err = Value::object();
        err["ok"] = false;
        err["error"] = "request is not a JSON object";
        std::string text = err.toJson();
        if (!co_await writeLine(socket, text)) co_return;
        continue;
      }
      const Value* cmd = request->find("command");
      const Value* follow = request->find("follow");
      if (cmd && cmd->isString() && cmd->asString() == "logs" && follow && follow->isBool() &&
          follow->asBool()) {
        co_await streamEvents(socket, *request);
        co_return;
      }
      const Value& req = *request;
      Value answer = co_await handler(req);
      std::string text = answer.toJson();
      if (!co_await writeLine(socket, text)) co_return;
    }
  }

  static Awaitable<void> watchHangUp(std::shared_ptr<Follower> follower) {
    char scratch[256];
    boost::system::error_code ec;
    while (!follower->closed) {
      co_await follower->socket.async_read_some(asio::buffer(scratch),
                                                asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
    }
    follower->close();
  }

  Awaitable<void> streamEvents(stream::socket& client, const Value& request) {
    auto self = shared_from_this();
    std::string env;
    if (const Value* e = request.find("env"); e && e->isString()) env = e->asString();
    auto follower = std::make_shared<Follower>(std::move(client));
    followers.insert(follower);
    std::weak_ptr<Follower> weak = follower;
    asio::io_context& ctx = io;
    int token = events.subscribe([weak, env, &ctx](const Event& event) {
      if (!env.empty() && !event.env.empty() && event.env != env) return;
      asio::post(ctx, [weak, line = event.toJson()]() mutable {
        if (auto f = weak.lock()) f->push(std::move(line));
      });
    });
    Value hello = Value::object();
    hello["ok"] = true;
    hello["following"] = env.empty() ? Value("all") : Value(env);
    follower->push(hello.toJson());
    // Reading detects the client hanging up while we have nothing to write.
    asio::co_spawn(io, watchHangUp(follower), asio::detached);
    while (!follower->closed) {
      while (!follower->queue.empty() && !follower->closed) {
        std::string line = std::move(follower->queue.front());
        follower->queue.pop_front();
        if (!co_await writeLine(follower->socket, line)) follower->close();
      }
      if (follower->closed) break;
      boost::system::error_code ec;
      co_await follower->wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    events.unsubscribe(token);
    followers.erase(follower);
  }
};

ControlSocket::ControlSocket(asio::io_context& io, std::string path, ControlHandler handler,
                             EventBus& events)
    : impl_(std::make_shared<Impl>(io, std::move(path), std::move(handler), events)) {}

ControlSocket::~ControlSocket() {
  stop();
}

const std::string& ControlSocket::path() const {
  return impl_->path;
}

Result<void> ControlSocket::start() {
  const std::string& path = impl_->path;
  namespace fs = std::filesystem;
  std::error_code fec;
  if (fs::path(path).has_parent_path()) fs::create_directories(fs::path(path).parent_path(), fec);
  if (fs::exists(path, fec)) {
    // Another daemon answering here owns the socket; a dead one left a stale file.
    boost::system::error_code ec;
    stream::socket probe(impl_->io);
    probe.connect(stream::endpoint(path), ec);
    if (!ec)
      return fail(ErrorKind::Conflict,
                  "control socket " + path + " is in use: another driftless daemon runs");
    fs::remove(path, fec);
  }
  boost::system::error_code ec;
  auto& acc = impl_->acceptor;
  // The umask makes the file owner-only from its creation, not after a chmod race.
  mode_t old = ::umask(0177);
  acc.open(stream(), ec);
  if (!ec) acc.bind(stream::endpoint(path), ec);
  ::umask(old);
  if (!ec) acc.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return fail(ErrorKind::Invalid, "cannot create control socket " + path + ": " + ec.message());
  ::chmod(path.c_str(), 0600);
  asio::co_spawn(impl_->io, impl_->acceptLoop(), asio::detached);
  return {};
}

void ControlSocket::stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  boost::system::error_code ec;
  impl_->acceptor.close(ec);
  for (const auto& f : impl_->followers)
    f->close();
  std::error_code fec;
  std::filesystem::remove(impl_->path, fec);
}

namespace {

Result<std::unique_ptr<stream::socket>> connectTo(asio::io_context& io, const std::string& path) {
  auto socket = std::make_unique<stream::socket>(io);
  boost::system::error_code ec;
  socket->connect(stream::endpoint(path), ec);
  if (ec)
    return fail(ErrorKind::NotFound,
                "no driftless daemon listens on " + path + " (" + ec.message() + ")");
  return socket;
}

}  // namespace

Result<Value> controlRequest(const std::string& path, const Value& request) {
  Value answer;
  bool got = false;
  auto r = controlStream(path, request, [&](const Value& v) {
    answer = v;
    got = true;
    return false;
  });
  if (!r) return fail(r.error());
  if (!got) return fail(ErrorKind::Transient, "the daemon on " + path + " closed without answer");
  return answer;
}

Result<void> controlStream(const std::string& path, const Value& request,
                           const std::function<bool(const Value&)>& onLine) {
  asio::io_context io;
  auto socket = connectTo(io, path);
  if (!socket) return fail(socket.error());
  boost::system::error_code ec;
  std::string line = request.toJson() + "\n";
  asio::write(**socket, asio::buffer(line), ec);
  if (ec) return fail(ErrorKind::Transient, "writing to " + path + ": " + ec.message());
  asio::streambuf buf;
  for (;;) {
    asio::read_until(**socket, buf, '\n', ec);
    if (ec) return {};  // the daemon closed the stream
    std::string text;
    std::istream is(&buf);
    std::getline(is, text);
    auto v = Value::fromJson(text);
    if (!v) return fail(ErrorKind::Fatal, "bad answer from the daemon: " + v.error().message);
    if (!onLine(*v)) return {};
  }
}

}  // namespace driftless::controller
