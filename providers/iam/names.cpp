#include <cctype>

#include "providers/iam/iam.h"

namespace driftless::iam {

bool validIamName(std::string_view name, std::size_t max) {
  if (name.empty() || name.size() > max) return false;
  for (unsigned char c : name) {
    if (std::isalnum(c)) continue;
    if (std::string_view("_+=,.@-").find(static_cast<char>(c)) == std::string_view::npos)
      return false;
  }
  return true;
}

bool validIamPath(std::string_view path) {
  if (path.empty() || path.size() > 512 || path.front() != '/' || path.back() != '/') return false;
  for (unsigned char c : path)
    if (c < 0x21 || c > 0x7E) return false;
  return true;
}

}  // namespace driftless::iam
