#include "controller/oneshot.h"

#include "controller/event_log.h"

namespace driftless::controller {

int runOneShot(const std::string& command, const config::ControllerConfig& config,
               const std::vector<std::string>& envs, bool logEvents, std::ostream& err,
               const std::function<Awaitable<int>(Runtime&)>& body) {
  asio::io_context io;
  auto rt = Runtime::create(io, config, envs);
  if (!rt) {
    err << "driftless " << command << ": " << rt.error().message << "\n";
    return 1;
  }
  Runtime& runtime = **rt;
  runtime.endWithProcess();
  if (logEvents) runtime.events().subscribe([](const Event& e) { logEvent(e); });
  int code = 1;
  asio::co_spawn(
      io, [&]() -> Awaitable<void> { code = co_await body(runtime); }, asio::detached);
  io.run();
  return code;
}

void keepUntilExit(std::shared_ptr<void> p) {
  static auto* kept = new std::vector<std::shared_ptr<void>>();  // never destroyed
  kept->push_back(std::move(p));
}

}  // namespace driftless::controller
