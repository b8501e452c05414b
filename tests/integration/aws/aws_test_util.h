#pragma once
// Runs a coroutine to completion on an io_context (tests only).
#include <exception>
#include <future>

#include "providers/asio.h"

namespace driftless::aws::testing {

template <typename T>
T runAwait(asio::io_context& io, Awaitable<T> task) {
  std::future<T> f = asio::co_spawn(io, std::move(task), asio::use_future);
  io.restart();
  io.run();
  return f.get();
}

}  // namespace driftless::aws::testing
