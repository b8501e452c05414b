// The local backend: the key layout as files under <dataDir>/state.
// Writes are atomic (temp file in the same directory, fsync, rename, fsync of
// the directory); the lease is an advisory flock on <env>/lock.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "state/crypto.h"
#include "state/fs_util.h"
#include "state/object_store.h"

namespace driftless::state {
namespace {

namespace fs = std::filesystem;
using detail::atomicWrite;
using detail::ioError;
using detail::readFile;

class LocalStore final : public detail::ObjectStore {
 public:
  LocalStore(fs::path root, StoreOptions options)
      : ObjectStore(std::move(options)), root_(std::move(root)) {}
  ~LocalStore() override {
    for (auto& [env, held] : leases_)
      ::close(held.fd);
  }

  std::string describe() const override { return "file://" + root_.string(); }

  Awaitable<Result<Lease>> acquireLease(std::string env, std::string holder,
                                        std::chrono::milliseconds ttl) override {
    if (auto ok = detail::checkEnvironmentName(env); !ok) co_return std::unexpected(ok.error());
    if (auto it = leases_.find(env); it != leases_.end()) {
      co_return writeHolder(it->second, holder, ttl);
    }
    fs::path path = root_ / detail::Layout::lock(env);
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0) co_return ioError("cannot open lease file", path, errno);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      int err = errno;
      ::close(fd);
      if (err != EWOULDBLOCK) co_return ioError("cannot lock", path, err);
      auto text = readFile(path);
      std::string who = "another process";
      if (text && *text) {
        auto v = Value::fromJson(**text);
        if (v && v->isObject() && v->find("holder") && v->find("holder")->isString())
          who = v->find("holder")->asString();
      }
      Error e =
          Error::make(ErrorKind::Conflict, "the lease of environment " + env + " is held by " +
                                               who + " (" + path.string() + ")");
      e.httpStatus = 0;
      co_return std::unexpected(std::move(e));
    }
    auto token = detail::randomHex(8);
    if (!token) {
      ::close(fd);
      co_return std::unexpected(token.error());
    }
    Held held;
    held.fd = fd;
    held.lease.environment = env;
    held.lease.token = "flock:" + *token;
    auto [it, inserted] = leases_.emplace(env, std::move(held));
    auto lease = writeHolder(it->second, holder, ttl);
    if (!lease) co_return lease;
    // A new holder: state.json is fenced against an earlier holder's writes.
    auto f = co_await fence(env, holder + " " + lease->token);
    if (!f) co_return std::unexpected(f.error());
    co_return lease;
  }

  Awaitable<Result<Lease>> renewLease(Lease lease, std::chrono::milliseconds ttl) override {
    auto it = leases_.find(lease.environment);
    if (it == leases_.end() || it->second.lease.token != lease.token) {
      forgetKept(lease.environment);
      co_return fail(ErrorKind::Conflict,
                     "the lease of environment " + lease.environment + " is no longer held");
    }
    co_return writeHolder(it->second, lease.holder, ttl);
  }

  Awaitable<Result<void>> releaseLease(Lease lease) override {
    forgetKept(lease.environment);
    auto it = leases_.find(lease.environment);
    if (it == leases_.end() || it->second.lease.token != lease.token) co_return Result<void>{};
    // Empty the holder record before unlocking; the file itself stays (unlinking
    // a lock file races with a process that just opened it).
    if (::ftruncate(it->second.fd, 0) != 0) {
      // Harmless: the flock, not the content, is the lease.
    }
    ::flock(it->second.fd, LOCK_UN);
    ::close(it->second.fd);
    leases_.erase(it);
    co_return Result<void>{};
  }

  Awaitable<Result<std::optional<LeaseInfo>>> leaseHolder(std::string env) override {
    if (auto ok = detail::checkEnvironmentName(env); !ok) co_return std::unexpected(ok.error());
    fs::path path = root_ / detail::Layout::lock(env);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) co_return std::optional<LeaseInfo>{};
    // Free if we can take the lock ourselves (and we did not hold it).
    bool ours = leases_.contains(env);
    bool free = !ours && ::flock(fd, LOCK_SH | LOCK_NB) == 0;
    ::close(fd);
    if (free) co_return std::optional<LeaseInfo>{};
    auto text = readFile(path);
    if (!text) co_return std::unexpected(text.error());
    LeaseInfo info;
    if (*text) {
      auto v = Value::fromJson(**text);
      if (v && v->isObject()) {
        if (const Value* h = v->find("holder"); h && h->isString()) info.holder = h->asString();
        if (const Value* e = v->find("expiresMs"); e && e->isInt())
          info.expires = TimePoint(std::chrono::milliseconds(e->asInt()));
        if (const Value* r = v->find("renewIntervalMs"); r && r->isInt())
          info.renewInterval = std::chrono::milliseconds(r->asInt());
      }
    }
    co_return std::optional<LeaseInfo>(info);
  }

  std::size_t spoolDepth() const override { return 0; }
  Awaitable<Result<std::size_t>> flushSpool() override { co_return std::size_t{0}; }

 protected:
  Awaitable<Result<std::optional<std::string>>> getObject(const std::string& key) override {
    co_return readFile(root_ / key);
  }

  Awaitable<Result<void>> putObject(const std::string& key, const std::string& body) override {
    co_return atomicWrite(root_ / key, body);
  }

  // The version of a file is the MD5 of its content. The check and the rename
  // are not one atomic step, but a writer of state.json holds the flock of its
  // environment, so no other process writes it in between.
  Awaitable<Result<detail::Versioned>> getVersioned(const std::string& key) override {
    auto text = readFile(root_ / key);
    if (!text) co_return std::unexpected(text.error());
    detail::Versioned v;
    if (*text) v.version = detail::md5Hex(**text);
    v.body = std::move(*text);
    co_return v;
  }

  // The file is hashed in pieces (a few ms for megabytes, no copy of it held) and
  // read whole only when it changed.
  Awaitable<Result<std::optional<detail::Versioned>>> getIfChanged(
      const std::string& key, const std::string& version) override {
    using Changed = std::optional<detail::Versioned>;
    auto md5 = detail::md5OfFile(root_ / key);
    if (!md5) co_return std::unexpected(md5.error());
    if (*md5 == version) co_return Changed{};
    auto current = co_await getVersioned(key);
    if (!current) co_return std::unexpected(current.error());
    co_return Changed(std::move(*current));
  }

  Awaitable<Result<std::string>> putIfVersion(const std::string& key, const std::string& body,
                                              const std::string& expected) override {
    auto current = detail::md5OfFile(root_ / key);
    if (!current) co_return std::unexpected(current.error());
    std::string version = current->value_or("");
    if (version != expected) {
      co_return fail(ErrorKind::Conflict, (root_ / key).string() + " is no longer at version " +
                                              (expected.empty() ? "(absent)" : expected));
    }
    auto w = atomicWrite(root_ / key, body);
    if (!w) co_return std::unexpected(w.error());
    co_return detail::md5Hex(body);
  }

  Awaitable<Result<detail::Listing>> listObjects(const std::string& prefix,
                                                 const std::string& startAfter,
                                                 bool delimited) override {
    detail::Listing out;
    fs::path dir = root_ / prefix;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) co_return out;
    auto rel = [this](const fs::path& p) { return p.lexically_relative(root_).generic_string(); };
    if (delimited) {
      for (const auto& entry : fs::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        if (name.starts_with(".")) continue;
        std::string key = rel(entry.path());
        if (entry.is_directory()) {
          key += "/";
          if (key > startAfter) out.prefixes.push_back(key);
        } else if (key > startAfter) {
          out.keys.push_back(key);
        }
      }
    } else {
      for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
        if (!entry.is_regular_file()) continue;
        if (entry.path().filename().string().starts_with(".")) continue;
        std::string key = rel(entry.path());
        if (key > startAfter) out.keys.push_back(key);
      }
    }
    if (ec) co_return ioError("cannot list", dir, ec.value());
    std::sort(out.keys.begin(), out.keys.end());
    std::sort(out.prefixes.begin(), out.prefixes.end());
    co_return out;
  }

  Awaitable<Result<void>> deleteObject(const std::string& key) override {
    fs::path path = root_ / key;
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
      co_return ioError("cannot delete", path, errno);
    }
    // Drop folders emptied by retention (history/<id>/, drift/<y>/<m>/<d>/),
    // never the environment folder itself.
    fs::path dir = path.parent_path();
    std::string env = key.substr(0, key.find('/'));
    fs::path stop = root_ / env;
    std::error_code ec;
    while (dir != stop && dir.string().size() > stop.string().size() && fs::is_empty(dir, ec) &&
           !ec) {
      if (::rmdir(dir.c_str()) != 0) break;
      dir = dir.parent_path();
    }
    co_return Result<void>{};
  }

  std::string where(const std::string& key) const override { return (root_ / key).string(); }

 private:
  struct Held {
    int fd = -1;
    Lease lease;
  };

  Result<Lease> writeHolder(Held& held, std::string holder, std::chrono::milliseconds ttl) {
    held.lease.holder = holder;
    held.lease.expires = now() + ttl;
    held.lease.renewInterval = ttl / 3;
    Value v = Value::object();
    v["version"] = 1;
    v["holder"] = holder;
    v["expires"] = formatTimestamp(held.lease.expires);
    v["expiresMs"] = static_cast<std::int64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(held.lease.expires.time_since_epoch())
            .count());
    v["renewIntervalMs"] = static_cast<std::int64_t>(held.lease.renewInterval.count());
    v["pid"] = static_cast<std::int64_t>(::getpid());
    std::string body = v.toJson() + "\n";
    // In place (the flock is the lease; this is only who holds it).
    if (::ftruncate(held.fd, 0) != 0 || ::pwrite(held.fd, body.data(), body.size(), 0) < 0) {
      return ioError("cannot write lease holder to",
                     root_ / detail::Layout::lock(held.lease.environment), errno);
    }
    return held.lease;
  }

  fs::path root_;
  std::map<std::string, Held> leases_;
};

}  // namespace

std::unique_ptr<Store> makeLocalStore(std::filesystem::path root, StoreOptions options) {
  return std::make_unique<LocalStore>(std::move(root), std::move(options));
}

}  // namespace driftless::state
