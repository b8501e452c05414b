#include "gitsource/timed_stream.h"

#include <fcntl.h>
#include <git2.h>
#include <git2/sys/stream.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <utility>

namespace driftless::gitsource {
namespace {

thread_local long tlTimeoutMs = 30000;
thread_local std::string tlLastError;

// Layout-compatible with libgit2's internal git_socket_stream: its SSH transport
// takes the socket out of the stream it gets from the registry by that layout.
struct TimedStream {
  git_stream parent;
  char* host;
  char* port;
  int s;
  long timeoutMs;
};

TimedStream* self(git_stream* stream) {
  return reinterpret_cast<TimedStream*>(stream);
}

int setError(const std::string& message) {
  tlLastError = message;
  git_error_set_str(GIT_ERROR_NET, message.c_str());
  return -1;
}

// Waits for `events` on the socket; 0 ready, -1 with a libgit2 error set.
int waitFor(TimedStream* st, short events, const char* what) {
  pollfd p{st->s, events, 0};
  for (;;) {
    int rc = ::poll(&p, 1, static_cast<int>(st->timeoutMs));
    if (rc > 0) return 0;
    if (rc == 0)
      return setError("timed out after " + std::to_string(st->timeoutMs) + " ms " + what + " " +
                      st->host + ":" + st->port);
    if (errno != EINTR) return setError(std::string("poll failed: ") + std::strerror(errno));
  }
}

int streamConnect(git_stream* stream) {
  TimedStream* st = self(stream);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  if (int rc = ::getaddrinfo(st->host, st->port, &hints, &list); rc != 0)
    return setError(std::string("failed to resolve address for ") + st->host + ": " +
                    ::gai_strerror(rc));
  std::string lastError = "no address";
  for (addrinfo* a = list; a; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      lastError = std::strerror(errno);
      continue;
    }
    int flags = ::fcntl(fd, F_GETFL, 0);
    ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
      st->s = fd;
      if (waitFor(st, POLLOUT, "connecting to") != 0) {
        ::close(fd);
        st->s = -1;
        ::freeaddrinfo(list);
        return -1;
      }
      int soError = 0;
      socklen_t len = sizeof soError;
      ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &len);
      rc = soError == 0 ? 0 : -1;
      errno = soError;
    }
    if (rc != 0) {
      lastError = std::strerror(errno);
      ::close(fd);
      st->s = -1;
      continue;
    }
    // Blocking again: libssh2 uses the socket directly and expects that.
    ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    timeval tv{st->timeoutMs / 1000, static_cast<suseconds_t>((st->timeoutMs % 1000) * 1000)};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    st->s = fd;
    ::freeaddrinfo(list);
    return 0;
  }
  ::freeaddrinfo(list);
  return setError(std::string("failed to connect to ") + st->host + ":" + st->port + ": " +
                  lastError);
}

ssize_t streamRead(git_stream* stream, void* data, size_t len) {
  TimedStream* st = self(stream);
  if (waitFor(st, POLLIN, "waiting for data from") != 0) return -1;
  for (;;) {
    ssize_t n = ::recv(st->s, data, len, 0);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    return setError(std::string("read from ") + st->host + " failed: " + std::strerror(errno));
  }
}

ssize_t streamWrite(git_stream* stream, const char* data, size_t len, int /*flags*/) {
  TimedStream* st = self(stream);
  if (waitFor(st, POLLOUT, "sending to") != 0) return -1;
  for (;;) {
    ssize_t n = ::send(st->s, data, len, MSG_NOSIGNAL);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    return setError(std::string("write to ") + st->host + " failed: " + std::strerror(errno));
  }
}

int streamClose(git_stream* stream) {
  TimedStream* st = self(stream);
  if (st->s >= 0) ::close(st->s);
  st->s = -1;
  return 0;
}

void streamFree(git_stream* stream) {
  TimedStream* st = self(stream);
  if (st->s >= 0) ::close(st->s);
  std::free(st->host);
  std::free(st->port);
  std::free(st);
}

int streamInit(git_stream** out, const char* host, const char* port) {
  auto* st = static_cast<TimedStream*>(std::calloc(1, sizeof(TimedStream)));
  if (!st) return setError("out of memory");
  st->parent.version = GIT_STREAM_VERSION;
  st->parent.connect = streamConnect;
  st->parent.read = streamRead;
  st->parent.write = streamWrite;
  st->parent.close = streamClose;
  st->parent.free = streamFree;
  st->host = ::strdup(host);
  st->port = ::strdup(port);
  st->s = -1;
  st->timeoutMs = tlTimeoutMs > 0 ? tlTimeoutMs : 30000;
  *out = &st->parent;
  return 0;
}

}  // namespace

std::string takeLastStreamError() {
  return std::exchange(tlLastError, std::string());
}

void registerTimedStream() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_stream_registration reg{};
    reg.version = GIT_STREAM_VERSION;
    reg.init = streamInit;
    git_stream_register(GIT_STREAM_STANDARD, &reg);
  });
}

ThreadNetworkTimeout::ThreadNetworkTimeout(std::chrono::milliseconds timeout)
    : previous_(tlTimeoutMs) {
  tlTimeoutMs = static_cast<long>(timeout.count());
}
ThreadNetworkTimeout::~ThreadNetworkTimeout() {
  tlTimeoutMs = previous_;
}

}  // namespace driftless::gitsource
