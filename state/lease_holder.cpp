#include "state/lease_holder.h"

#include <cerrno>
#include <charconv>
#include <csignal>
#include <optional>

namespace driftless::state {

namespace {

struct Holder {
  std::string_view where;  // "<id>@<host>"
  long pid = 0;
};

std::optional<Holder> parse(std::string_view holder) {
  auto colon = holder.rfind(':');
  if (colon == std::string_view::npos || holder.find('@') == std::string_view::npos)
    return std::nullopt;
  Holder h{holder.substr(0, colon)};
  std::string_view digits = holder.substr(colon + 1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), h.pid);
  if (ec != std::errc() || end != digits.data() + digits.size() || h.pid <= 0) return std::nullopt;
  return h;
}

}  // namespace

bool holderDiedOnThisHost(std::string_view lockHolder, std::string_view self) {
  auto other = parse(lockHolder);
  auto me = parse(self);
  if (!other || !me || other->where != me->where || other->pid == me->pid) return false;
  return ::kill(static_cast<pid_t>(other->pid), 0) == -1 && errno == ESRCH;
}

}  // namespace driftless::state
