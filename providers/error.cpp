#include "providers/error.h"

namespace driftless {

std::string_view toString(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Transient:
      return "transient";
    case ErrorKind::Throttled:
      return "throttled";
    case ErrorKind::Waiting:
      return "waiting";
    case ErrorKind::NotFound:
      return "not-found";
    case ErrorKind::Conflict:
      return "conflict";
    case ErrorKind::Invalid:
      return "invalid";
    case ErrorKind::Fatal:
      return "fatal";
  }
  return "unknown";
}

std::string Error::describe() const {
  std::string out = message;
  if (!code.empty() || !requestId.empty()) {
    out += " (";
    if (!code.empty()) out += code;
    if (!requestId.empty()) {
      if (!code.empty()) out += ", ";
      out += "request id " + requestId;
    }
    out += ")";
  }
  return out;
}

}  // namespace driftless
