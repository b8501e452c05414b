#pragma once
// The daemon's control socket: a Unix stream socket (mode 0600, owner only) with a
// line-delimited JSON protocol. Each request is one JSON object on one line:
//   {"command":"resync","env":"dev"}   {"command":"status"}
//   {"command":"suspend","env":"dev"}  {"command":"resume","env":"dev"}
//   {"command":"logs","follow":true,"env":"dev"}
// Each answer is one JSON object on one line ({"ok":true,...} or {"ok":false,"error":...});
// `logs` with follow streams one event object a line until the client hangs up.
#include <functional>
#include <memory>
#include <string>

#include "controller/events.h"
#include "providers/asio.h"
#include "providers/error.h"
#include "providers/value.h"

namespace driftless::controller {

// Answers one request (not `logs`). Runs on the io_context thread; may await
// (suspend/resume persist to the state store before answering).
using ControlHandler = std::function<Awaitable<Value>(const Value& request)>;

class ControlSocket {
 public:
  ControlSocket(asio::io_context& io, std::string path, ControlHandler handler, EventBus& events);
  ~ControlSocket();

  // Creates the socket file (mode 0600). Fails when another daemon answers on it;
  // a stale file left by a killed daemon is replaced.
  Result<void> start();
  // Stops accepting, ends follow streams and removes the socket file.
  void stop();
  const std::string& path() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// Client side, for the CLI: sends one request and returns the answer.
// A missing or unanswered socket is an Error whose message says no daemon listens.
Result<Value> controlRequest(const std::string& path, const Value& request);

// Sends `request` and calls onLine for every line received until the daemon closes
// the stream or onLine returns false.
Result<void> controlStream(const std::string& path, const Value& request,
                           const std::function<bool(const Value&)>& onLine);

}  // namespace driftless::controller
