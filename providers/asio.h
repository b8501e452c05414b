#pragma once
// The one way the project includes Boost.Asio. Boost 1.74's awaitable.hpp uses
// std::exchange without including <utility>, so <utility> must come first.
#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace driftless {
namespace asio = boost::asio;
template <typename T>
using Awaitable = boost::asio::awaitable<T>;
}  // namespace driftless
