#include "state/secrets.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "state/crypto.h"

namespace driftless::state {
namespace {

constexpr std::size_t kMinKeyBytes = 16;

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' '))
    s.pop_back();
  return s;
}

// Applies `replace` to every value at a secret position of `spec` below `v`.
template <typename F>
void walk(const PropertySpec& spec, Value& v, const F& replace) {
  if (spec.secret) {
    if (!v.isNull()) v = replace(v);
    return;
  }
  switch (spec.kind) {
    case PropertySpec::Kind::Object:
      if (!v.isObject()) return;
      for (const auto& field : spec.fields) {
        if (Value* member = v.find(field.name)) walk(field, *member, replace);
      }
      return;
    case PropertySpec::Kind::List:
      if (!v.isArray() || spec.element.empty()) return;
      for (auto& e : v.asArray())
        walk(spec.element.front(), e, replace);
      return;
    case PropertySpec::Kind::Map:
      if (!v.isObject() || spec.element.empty()) return;
      for (auto& [k, e] : v.asObject())
        walk(spec.element.front(), e, replace);
      return;
    default:
      return;
  }
}

template <typename F>
Value replaceSecrets(const TypeInfo& info, const Value& properties, const F& replace) {
  Value out = properties;
  if (!out.isObject()) return out;
  for (const auto& spec : info.properties) {
    if (Value* member = out.find(spec.name)) walk(spec, *member, replace);
  }
  if (info.conditionalSecrets) {
    for (const auto& path : info.conditionalSecrets(properties)) {
      Value* v = &out;
      std::string_view rest = path;
      while (v && v->isObject() && !rest.empty()) {
        auto dot = rest.find('.');
        v = v->find(rest.substr(0, dot));
        rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
      }
      if (v && rest.empty() && !v->isNull()) *v = replace(*v);
    }
  }
  return out;
}

}  // namespace

Result<SecretHasher> SecretHasher::load(const std::filesystem::path& dataDir) {
  if (const char* env = std::getenv(std::string(kSecretKeyEnv).c_str()); env && *env) {
    std::string key = env;
    if (key.size() < kMinKeyBytes) {
      return fail(ErrorKind::Invalid, "$" + std::string(kSecretKeyEnv) + " must be at least " +
                                          std::to_string(kMinKeyBytes) + " bytes long");
    }
    return SecretHasher(std::move(key));
  }
  std::filesystem::path file = dataDir / "state.key";
  std::error_code ec;
  std::filesystem::create_directories(dataDir, ec);
  if (ec) {
    return fail(ErrorKind::Invalid,
                "cannot create data directory " + dataDir.string() + ": " + ec.message());
  }
  // O_EXCL: of two processes creating the key at once, one writes it and the
  // other reads what was written.
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    auto key = detail::randomHex(32);
    if (!key) {
      ::close(fd);
      ::unlink(file.c_str());
      return std::unexpected(key.error());
    }
    std::string line = *key + "\n";
    bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
              ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
      ::unlink(file.c_str());
      return fail(ErrorKind::Invalid,
                  "cannot write " + file.string() + ": " + std::strerror(errno));
    }
    return SecretHasher(std::move(*key));
  }
  if (errno != EEXIST) {
    return fail(ErrorKind::Invalid, "cannot create " + file.string() + ": " + std::strerror(errno));
  }
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    return fail(ErrorKind::Invalid, "cannot read " + file.string() + ": " + std::strerror(errno));
  }
  if ((st.st_mode & 077) != 0) {
    return fail(ErrorKind::Invalid, file.string() +
                                        " is readable by group or others; chmod 600 it (it keys "
                                        "the hashes of secret values)");
  }
  std::ifstream in(file);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string key = trim(buf.str());
  if (!in || key.size() < kMinKeyBytes) {
    return fail(ErrorKind::Invalid, file.string() + " holds no usable key (at least " +
                                        std::to_string(kMinKeyBytes) +
                                        " bytes); delete it to create a new one");
  }
  return SecretHasher(std::move(key));
}

bool isSecretHash(const Value& v) {
  return v.isString() && v.asString().starts_with(kSecretHashPrefix) &&
         v.asString().size() == kSecretHashPrefix.size() + 64;
}

std::string SecretHasher::hash(const Value& clear) const {
  if (isSecretHash(clear)) return clear.asString();
  std::string text = clear.isScalar() ? clear.scalarText() : clear.toJson();
  return std::string(kSecretHashPrefix) + detail::hmacSha256Hex(key_, text);
}

bool SecretHasher::matches(const Value& clear, const Value& stored) const {
  if (isSecretHash(stored)) return hash(clear) == stored.asString();
  if (clear.isScalar() && stored.isScalar()) return clear.scalarText() == stored.scalarText();
  return clear == stored;
}

Value hashSecrets(const TypeInfo& info, const Value& properties, const SecretHasher& hasher) {
  return replaceSecrets(info, properties, [&](const Value& v) { return Value(hasher.hash(v)); });
}

Value maskSecrets(const TypeInfo& info, const Value& properties) {
  return replaceSecrets(info, properties, [](const Value&) { return Value(kSecretMask); });
}

bool isSecretPath(const TypeInfo& info, std::string_view path) {
  // Walk the dotted path through the spec; list indices and map keys take
  // the element spec.
  auto next = [&path]() {
    auto dot = path.find('.');
    std::string_view part = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    return part;
  };
  const PropertySpec* spec = info.property(next());
  while (spec) {
    if (spec->secret) return true;
    if (path.empty()) return false;
    std::string_view part = next();
    switch (spec->kind) {
      case PropertySpec::Kind::Object: {
        const PropertySpec* found = nullptr;
        for (const auto& f : spec->fields)
          if (f.name == part) found = &f;
        spec = found;
        break;
      }
      case PropertySpec::Kind::List:
      case PropertySpec::Kind::Map:
        spec = spec->element.empty() ? nullptr : &spec->element.front();
        break;
      default:
        return false;
    }
  }
  return false;
}

}  // namespace driftless::state
