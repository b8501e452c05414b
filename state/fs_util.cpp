#include "state/fs_util.h"

#include "state/crypto.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace driftless::state::detail {

namespace fs = std::filesystem;

std::unexpected<Error> ioError(const std::string& what, const fs::path& path, int err) {
  return std::unexpected(
      Error::make(ErrorKind::Transient, what + " " + path.string() + ": " + std::strerror(err)));
}

namespace {

bool writeAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

Result<void> fsyncDir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ioError("cannot open directory", dir, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return ioError("cannot fsync directory", dir, err);
  return {};
}

}  // namespace

// Temp files start with '.', so listings skip them.
Result<void> atomicWrite(const fs::path& path, std::string_view body) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) {
    return std::unexpected(Error::make(
        ErrorKind::Transient,
        "cannot create directory " + path.parent_path().string() + ": " + ec.message()));
  }
  static std::atomic<unsigned> counter{0};
  fs::path tmp =
      path.parent_path() / ("." + path.filename().string() + ".tmp." + std::to_string(::getpid()) +
                            "." + std::to_string(counter.fetch_add(1)));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return ioError("cannot create", tmp, errno);
  bool ok = writeAll(fd, body) && ::fsync(fd) == 0;
  int err = errno;
  ::close(fd);
  if (!ok) {
    ::unlink(tmp.c_str());
    return ioError("cannot write", tmp, err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    err = errno;
    ::unlink(tmp.c_str());
    return ioError("cannot rename into", path, err);
  }
  return fsyncDir(path.parent_path());
}

Result<bool> readPieces(const fs::path& path, const std::function<void(std::size_t)>& reserve,
                        const std::function<void(std::string_view)>& piece) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return false;
    return ioError("cannot open", path, errno);
  }
  if (struct stat st{}; ::fstat(fd, &st) == 0 && st.st_size > 0)
    reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return ioError("cannot read", path, err);
    }
    if (n == 0) break;
    piece(std::string_view(buf, static_cast<std::size_t>(n)));
  }
  ::close(fd);
  return true;
}

Result<std::optional<std::string>> readFile(const fs::path& path) {
  // One allocation of the file's size: growing by doubling held up to twice a
  // 9 MiB state.json, and copied it at every step.
  std::string out;
  auto found = readPieces(
      path, [&](std::size_t size) { out.reserve(size); },
      [&](std::string_view piece) { out.append(piece); });
  if (!found) return std::unexpected(found.error());
  if (!*found) return std::optional<std::string>{};
  return std::optional<std::string>(std::move(out));
}

Result<std::optional<std::string>> md5OfFile(const fs::path& path) {
  Hasher md5 = Hasher::md5();
  auto found = readPieces(
      path, [](std::size_t) {}, [&](std::string_view piece) { md5.update(piece); });
  if (!found) return std::unexpected(found.error());
  if (!*found) return std::optional<std::string>{};
  return std::optional<std::string>(md5.hex());
}

}  // namespace driftless::state::detail
