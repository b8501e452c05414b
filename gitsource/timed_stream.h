#pragma once
// libgit2 1.5 has no network timeout: a server that accepts and then stays
// silent blocks a fetch forever. We register our own plain-socket stream (the
// TLS stream wraps it) whose connect and every wait are bounded by the timeout
// of the fetch running on the calling thread.
#include <chrono>
#include <string>

namespace driftless::gitsource {

// Registers the stream with libgit2 (once per process; call after git_libgit2_init).
void registerTimedStream();

// The last connect/timeout failure of a stream on this thread, then cleared.
// TLS wraps our stream and reports its failures as a generic SSL error, so the
// caller adds this to say what really happened.
std::string takeLastStreamError();

// Sets the timeout for streams opened on this thread while the guard lives.
class ThreadNetworkTimeout {
 public:
  explicit ThreadNetworkTimeout(std::chrono::milliseconds timeout);
  ~ThreadNetworkTimeout();
  ThreadNetworkTimeout(const ThreadNetworkTimeout&) = delete;
  ThreadNetworkTimeout& operator=(const ThreadNetworkTimeout&) = delete;

 private:
  long previous_;
};

}  // namespace driftless::gitsource
