#pragma once
#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace driftless {

// What happens next is decided by the kind, never by parsing the message
// (after Flux's Stalling/Waiting/Generic and ACK's requeue errors).
enum class ErrorKind {
  Transient,  // network failure, 5xx: retry with backoff
  Throttled,  // the service asked us to slow down: retry with a longer backoff
  Waiting,   // a known wait (QueueDeletedRecently, resource still CREATING): retry after retryAfter
  NotFound,  // the thing asked for does not exist
  Conflict,  // exists but belongs to someone else, or a precondition failed (HTTP 409/412)
  Invalid,   // the user's manifest/config/permissions are wrong: no retry until they change
  Fatal,     // a bug or an unrecoverable condition
};

std::string_view toString(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::Fatal;
  std::string message;    // for humans; never contains a secret
  std::string code;       // AWS error code (e.g. "NoSuchBucket"), empty if none
  std::string requestId;  // AWS request id, empty if none
  int httpStatus = 0;     // 0 if the request never got a response
  std::optional<std::chrono::milliseconds> retryAfter;  // for Waiting/Throttled

  bool retryable() const {
    return kind == ErrorKind::Transient || kind == ErrorKind::Throttled ||
           kind == ErrorKind::Waiting;
  }
  // "message (code, request id X)": one line, as shown to operators.
  std::string describe() const;

  static Error make(ErrorKind kind, std::string message) {
    Error e;
    e.kind = kind;
    e.message = std::move(message);
    return e;
  }
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorKind kind, std::string message) {
  return std::unexpected(Error::make(kind, std::move(message)));
}
inline std::unexpected<Error> fail(Error error) {
  return std::unexpected(std::move(error));
}

}  // namespace driftless
