// The S3 backend: the key layout under s3://<bucket>/<prefix>. Each record is
// one PUT of the whole object with Content-MD5 (S3 rejects a body damaged on
// the way). The lease is the <env>/lock object, taken with If-None-Match: *
// and renewed or taken over with If-Match: <etag>. When S3 cannot be reached,
// records go to a spool directory and are uploaded in order later.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <map>

#include "providers/aws/client.h"
#include "state/crypto.h"
#include "state/fs_util.h"
#include "state/lease_holder.h"
#include "state/object_store.h"

namespace driftless::state {
namespace {

namespace fs = std::filesystem;

// How long puts go straight to the spool after a failed upload before one
// tries S3 again on its own (flushSpool at a cycle's start always tries).
constexpr std::chrono::seconds kSpoolRetryInterval{30};

// S3 could not be reached (no response, or 5xx/throttling after the
// client's retries): the record is kept in the spool instead of failing.
bool unreachable(const Error& e) {
  return e.httpStatus == 0 || e.httpStatus >= 500 || e.kind == ErrorKind::Throttled;
}

bool preconditionFailed(const Error& e) {
  return e.httpStatus == 412 || e.code == "PreconditionFailed";
}

bool notFound(const Error& e) {
  return e.httpStatus == 404 || e.kind == ErrorKind::NotFound || e.code == "NoSuchKey";
}

std::string unquote(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"')
    return std::string(etag.substr(1, etag.size() - 2));
  return std::string(etag);
}

std::int64_t epochMs(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

struct LockBody {
  std::string holder;
  TimePoint expires;
  std::chrono::milliseconds renewInterval{0};
};

std::optional<LockBody> parseLock(std::string_view text) {
  auto v = Value::fromJson(text);
  if (!v || !v->isObject()) return std::nullopt;
  const Value* h = v->find("holder");
  const Value* e = v->find("expiresMs");
  if (!h || !h->isString() || !e || !e->isInt()) return std::nullopt;
  LockBody b;
  b.holder = h->asString();
  b.expires = TimePoint(std::chrono::milliseconds(e->asInt()));
  if (const Value* r = v->find("renewIntervalMs"); r && r->isInt())
    b.renewInterval = std::chrono::milliseconds(r->asInt());
  return b;
}

// A spool record: its key, and for a fenced state.json the version the
// object must still have when the record is uploaded.
struct Spooled {
  std::string key;
  std::optional<std::string> expected;  // "" = must not exist
  std::size_t headerSize = 0;           // the first line of the file, without '\n'
};

class S3Store final : public detail::ObjectStore {
 public:
  S3Store(aws::Client& client, S3StoreConfig config, StoreOptions options)
      : ObjectStore(std::move(options)), client_(client), config_(std::move(config)) {
    if (!config_.prefix.empty() && config_.prefix.back() != '/') config_.prefix += '/';
    while (!config_.prefix.empty() && config_.prefix.front() == '/')
      config_.prefix.erase(0, 1);
    loadSpool();
  }

  std::string describe() const override { return "s3://" + config_.bucket + "/" + config_.prefix; }

  // --- lease -------------------------------------------------------------

  Awaitable<Result<Lease>> acquireLease(std::string env, std::string holder,
                                        std::chrono::milliseconds ttl) override {
    if (auto ok = detail::checkEnvironmentName(env); !ok) co_return std::unexpected(ok.error());
    std::string key = detail::Layout::lock(env);
    // A lock deleted between our create and our read is simply tried again.
    for (int attempt = 0; attempt < 3; ++attempt) {
      Lease lease = makeLease(env, holder, ttl);
      std::string body = lockBody(lease);
      aws::Headers ifNone;
      ifNone.emplace_back("If-None-Match", "*");
      auto created = co_await put(key, body, std::move(ifNone));
      if (created) {
        lease.token = *created;
        co_return co_await fenced(std::move(lease));
      }
      if (!preconditionFailed(created.error())) co_return std::unexpected(created.error());

      auto current = co_await get(key);
      if (!current) co_return std::unexpected(current.error());
      if (!current->body) continue;  // released meanwhile
      auto lock = parseLock(*current->body);
      // An unreadable lock cannot be honoured: it is treated as expired.
      // So is the lease of this controller's own process that crashed on this host.
      bool takeOver = !lock || lock->holder == holder || now() >= lock->expires ||
                      holderDiedOnThisHost(lock->holder, holder);
      if (!takeOver) {
        Error e =
            Error::make(ErrorKind::Conflict,
                        "the lease of environment " + env + " is held by " + lock->holder +
                            " until " + formatTimestamp(lock->expires) + " (" + where(key) + ")");
        e.httpStatus = 412;
        co_return std::unexpected(std::move(e));
      }
      aws::Headers ifMatch;
      ifMatch.emplace_back("If-Match", "\"" + current->etag + "\"");
      auto replaced = co_await put(key, body, std::move(ifMatch));
      if (replaced) {
        lease.token = *replaced;
        co_return co_await fenced(std::move(lease));
      }
      if (preconditionFailed(replaced.error()) || notFound(replaced.error())) {
        Error e = Error::make(ErrorKind::Conflict, "the lease of environment " + env +
                                                       " was taken by another controller at the "
                                                       "same moment (" +
                                                       where(key) + ")");
        e.httpStatus = 412;
        co_return std::unexpected(std::move(e));
      }
      co_return std::unexpected(replaced.error());
    }
    co_return fail(ErrorKind::Conflict,
                   "the lease of environment " + env + " keeps changing hands; try again");
  }

  Awaitable<Result<Lease>> renewLease(Lease lease, std::chrono::milliseconds ttl) override {
    if (auto ok = detail::checkEnvironmentName(lease.environment); !ok)
      co_return std::unexpected(ok.error());
    Lease next = makeLease(lease.environment, lease.holder, ttl);
    std::string body = lockBody(next);
    aws::Headers ifMatch;
    ifMatch.emplace_back("If-Match", "\"" + lease.token + "\"");
    auto r = co_await put(detail::Layout::lock(lease.environment), body, std::move(ifMatch));
    if (!r) {
      if (preconditionFailed(r.error()) || notFound(r.error())) {
        forgetKept(lease.environment);
        Error e = Error::make(ErrorKind::Conflict, "the lease of environment " + lease.environment +
                                                       " was lost: another controller took it "
                                                       "over; no new actions start there");
        e.httpStatus = r.error().httpStatus;
        co_return std::unexpected(std::move(e));
      }
      co_return std::unexpected(r.error());
    }
    next.token = *r;
    co_return next;
  }

  Awaitable<Result<void>> releaseLease(Lease lease) override {
    if (auto ok = detail::checkEnvironmentName(lease.environment); !ok) co_return ok;
    forgetKept(lease.environment);
    aws::RestRequest req;
    req.method = "DELETE";
    req.bucket = config_.bucket;
    req.path = "/" + fullKey(detail::Layout::lock(lease.environment));
    req.headers.emplace_back("If-Match", "\"" + lease.token + "\"");
    req.operation = "DeleteObject";
    auto r = co_await client_.rest("s3", std::move(req));
    // Someone else's lock now, or none: ours is released either way.
    if (!r && !preconditionFailed(r.error()) && !notFound(r.error()))
      co_return std::unexpected(r.error());
    co_return Result<void>{};
  }

  Awaitable<Result<std::optional<LeaseInfo>>> leaseHolder(std::string env) override {
    if (auto ok = detail::checkEnvironmentName(env); !ok) co_return std::unexpected(ok.error());
    auto current = co_await get(detail::Layout::lock(env));
    if (!current) co_return std::unexpected(current.error());
    if (!current->body) co_return std::optional<LeaseInfo>{};
    auto lock = parseLock(*current->body);
    if (!lock || now() >= lock->expires) co_return std::optional<LeaseInfo>{};
    co_return std::optional<LeaseInfo>(LeaseInfo{lock->holder, lock->expires, lock->renewInterval});
  }

  // --- spool -------------------------------------------------------------

  std::size_t spoolDepth() const override { return spool_.size(); }

  Awaitable<Result<std::size_t>> flushSpool() override {
    // Cycles of different environments share this spool: two flushes that
    // interleave at a PUT would upload (and erase) the same head twice and
    // could reorder records. The one already running empties it for both.
    if (flushing_) co_return std::size_t{0};
    flushing_ = true;
    struct Done {
      bool& flag;
      ~Done() { flag = false; }
    } done{flushing_};
    lastFlushAttempt_ = now();
    std::size_t uploaded = 0;
    std::vector<std::string> dropped;
    while (!spool_.empty()) {
      auto [seq, rec] = *spool_.begin();
      fs::path file = spoolFile(seq);
      auto text = detail::readFile(file);
      if (!text) co_return std::unexpected(text.error());
      if (!*text) {  // removed by hand
        spool_.erase(spool_.begin());
        continue;
      }
      std::string body = (*text)->substr(rec.headerSize + 1);
      aws::Headers headers;
      if (rec.expected) headers = conditionHeaders(*rec.expected);
      auto r = co_await put(rec.key, body, std::move(headers));
      if (!r && rec.expected &&
          (preconditionFailed(r.error()) || notFound(r.error()) || r.error().httpStatus == 409)) {
        // A fenced state.json whose lease was taken over meanwhile: the new
        // holder's state stands, this one is dropped (and said so).
        dropped.push_back(rec.key);
      } else if (!r) {
        Error e = r.error();
        e.message = std::to_string(spool_.size()) + " record(s) still spooled in " +
                    config_.spoolDir.string() + ": " + e.message;
        co_return std::unexpected(std::move(e));
      } else {
        ++uploaded;
      }
      ::unlink(file.c_str());
      spool_.erase(spool_.begin());
    }
    if (!dropped.empty()) {
      Error e = Error::make(ErrorKind::Conflict,
                            std::to_string(dropped.size()) + " spooled record(s) dropped (" +
                                where(dropped.front()) +
                                "): another controller took the lease over meanwhile");
      e.code = "LeaseLost";
      co_return std::unexpected(std::move(e));
    }
    co_return uploaded;
  }

 protected:
  Awaitable<Result<std::optional<std::string>>> getObject(const std::string& key) override {
    // Read your own writes: a record still in the spool is newer than S3's.
    auto spooled = newestSpooled(key);
    if (!spooled) co_return std::unexpected(spooled.error());
    if (*spooled) co_return std::move(*spooled);
    auto r = co_await get(key);
    if (!r) co_return std::unexpected(r.error());
    co_return std::move(r->body);
  }

  Awaitable<Result<detail::Versioned>> getVersioned(const std::string& key) override {
    auto spooled = newestSpooled(key);
    if (!spooled) co_return std::unexpected(spooled.error());
    if (*spooled) {
      std::string version = detail::md5Hex(**spooled);
      co_return detail::Versioned{std::move(*spooled), std::move(version)};
    }
    auto r = co_await get(key);
    if (!r) co_return std::unexpected(r.error());
    co_return detail::Versioned{std::move(r->body), r->etag};
  }

  Awaitable<Result<std::optional<detail::Versioned>>> getIfChanged(
      const std::string& key, const std::string& version) override {
    using Changed = std::optional<detail::Versioned>;
    auto spooled = newestSpooled(key);
    if (!spooled) co_return std::unexpected(spooled.error());
    if (*spooled) {
      std::string current = detail::md5Hex(**spooled);
      if (current == version) co_return Changed{};
      co_return Changed(detail::Versioned{std::move(*spooled), std::move(current)});
    }
    aws::Headers ifNone;
    ifNone.emplace_back("If-None-Match", "\"" + version + "\"");
    auto r = co_await getWith(key, std::move(ifNone));
    if (!r) {
      if (r.error().httpStatus == 304) co_return Changed{};  // still that version
      co_return std::unexpected(r.error());
    }
    co_return Changed(detail::Versioned{std::move(r->body), r->etag});
  }

  Awaitable<Result<std::string>> putIfVersion(const std::string& key, const std::string& body,
                                              const std::string& expected) override {
    if (!spool_.empty() && now() - lastFlushAttempt_ >= kSpoolRetryInterval) {
      (void)co_await flushSpool();
    }
    // Spooled with its condition, checked when it is uploaded. S3 gives a
    // single PUT the MD5 of its body as ETag: that is the version it will have.
    if (!spool_.empty()) co_return spoolConditional(key, body, expected);
    auto r = co_await put(key, body, conditionHeaders(expected));
    if (r) co_return r->empty() ? detail::md5Hex(body) : *r;
    if (preconditionFailed(r.error()) || r.error().httpStatus == 409 ||
        (notFound(r.error()) && r.error().code != "NoSuchBucket")) {
      co_return fail(ErrorKind::Conflict, where(key) + " is no longer at version " +
                                              (expected.empty() ? "(absent)" : expected));
    }
    if (unreachable(r.error())) {
      lastFlushAttempt_ = now();
      co_return spoolConditional(key, body, expected);
    }
    co_return std::unexpected(r.error());
  }

  Awaitable<Result<void>> putEphemeral(const std::string& key, const std::string& body) override {
    auto r = co_await put(key, body, aws::Headers{});
    if (!r) co_return std::unexpected(r.error());
    co_return Result<void>{};
  }

  bool isUnreachable(const Error& e) const override { return unreachable(e); }

  // <spoolDir>/.state-<env>.json (dot files are not spool records).
  void keepLocalCopy(const std::string& env, const std::string& body) override {
    if (config_.spoolDir.empty()) return;
    std::error_code ec;
    fs::create_directories(config_.spoolDir, ec);
    (void)detail::atomicWrite(config_.spoolDir / (".state-" + env + ".json"), body);
  }
  std::optional<std::string> localCopy(const std::string& env) override {
    if (config_.spoolDir.empty()) return std::nullopt;
    auto text = detail::readFile(config_.spoolDir / (".state-" + env + ".json"));
    if (!text || !*text) return std::nullopt;
    return std::move(**text);
  }

  Awaitable<Result<void>> putObject(const std::string& key, const std::string& body) override {
    if (!spool_.empty() && now() - lastFlushAttempt_ >= kSpoolRetryInterval) {
      (void)co_await flushSpool();
    }
    if (!spool_.empty()) co_return spoolRecord(key, body);  // keep the order
    auto r = co_await put(key, body, aws::Headers{});
    if (r) co_return Result<void>{};
    if (unreachable(r.error())) {
      lastFlushAttempt_ = now();
      co_return spoolRecord(key, body);
    }
    co_return std::unexpected(r.error());
  }

  Awaitable<Result<detail::Listing>> listObjects(const std::string& prefix,
                                                 const std::string& startAfter,
                                                 bool delimited) override {
    detail::Listing out;
    std::string token;
    for (;;) {
      aws::RestRequest req;
      req.method = "GET";
      req.bucket = config_.bucket;
      req.path = "/";
      req.query.emplace_back("list-type", "2");
      req.query.emplace_back("prefix", fullKey(prefix));
      if (delimited) req.query.emplace_back("delimiter", "/");
      if (!token.empty()) {
        req.query.emplace_back("continuation-token", token);
      } else if (!startAfter.empty()) {
        req.query.emplace_back("start-after", fullKey(startAfter));
      }
      req.query.emplace_back("max-keys", std::to_string(config_.maxKeys));
      std::sort(req.query.begin(), req.query.end());
      req.operation = "ListObjectsV2";
      auto r = co_await client_.restXml("s3", std::move(req));
      if (!r) co_return std::unexpected(r.error());
      pugi::xml_node root = r->root();
      for (auto c : root.children("Contents")) {
        std::string key = c.child_value("Key");
        if (key.starts_with(config_.prefix)) out.keys.push_back(key.substr(config_.prefix.size()));
      }
      for (auto c : root.children("CommonPrefixes")) {
        std::string p = c.child_value("Prefix");
        if (p.starts_with(config_.prefix)) out.prefixes.push_back(p.substr(config_.prefix.size()));
      }
      bool truncated = std::string_view(root.child_value("IsTruncated")) == "true";
      token = root.child_value("NextContinuationToken");
      if (!truncated || token.empty()) break;
    }
    std::sort(out.keys.begin(), out.keys.end());
    std::sort(out.prefixes.begin(), out.prefixes.end());
    co_return out;
  }

  Awaitable<Result<void>> deleteObject(const std::string& key) override {
    aws::RestRequest req;
    req.method = "DELETE";
    req.bucket = config_.bucket;
    req.path = "/" + fullKey(key);
    req.operation = "DeleteObject";
    auto r = co_await client_.rest("s3", std::move(req));
    if (!r && !notFound(r.error())) co_return std::unexpected(r.error());
    co_return Result<void>{};
  }

  std::string where(const std::string& key) const override {
    return "s3://" + config_.bucket + "/" + fullKey(key);
  }

 private:
  struct Got {
    std::optional<std::string> body;  // nullopt: no such key
    std::string etag;
  };

  std::string fullKey(const std::string& key) const { return config_.prefix + key; }

  // PUT of the whole object; returns the new ETag (unquoted).
  Awaitable<Result<std::string>> put(const std::string& key, const std::string& body,
                                     aws::Headers extra) {
    aws::RestRequest req;
    req.method = "PUT";
    req.bucket = config_.bucket;
    req.path = "/" + fullKey(key);
    req.headers = std::move(extra);
    req.headers.emplace_back("Content-MD5", detail::md5Base64(body));
    req.headers.emplace_back("Content-Type",
                             key.ends_with(".jsonl") ? "application/x-ndjson" : "application/json");
    req.body = body;
    req.operation = "PutObject";
    auto r = co_await client_.rest("s3", std::move(req));
    if (!r) co_return std::unexpected(r.error());
    auto etag = r->header("etag");
    co_return etag ? unquote(*etag) : std::string();
  }

  Awaitable<Result<Got>> get(const std::string& key) { return getWith(key, aws::Headers{}); }

  Awaitable<Result<Got>> getWith(const std::string& key, aws::Headers extra) {
    aws::RestRequest req;
    req.method = "GET";
    req.bucket = config_.bucket;
    req.path = "/" + fullKey(key);
    req.headers = std::move(extra);
    req.operation = "GetObject";
    auto r = co_await client_.rest("s3", std::move(req));
    if (!r) {
      if (notFound(r.error()) && r.error().code != "NoSuchBucket") co_return Got{};
      co_return std::unexpected(r.error());
    }
    Got g;
    g.body = std::move(r->body);
    if (auto etag = r->header("etag")) g.etag = unquote(*etag);
    co_return g;
  }

  Lease makeLease(std::string env, std::string holder, std::chrono::milliseconds ttl) const {
    Lease l;
    l.environment = env;
    l.holder = holder;
    l.expires = now() + ttl;
    l.renewInterval = ttl / 3;
    return l;
  }

  std::string lockBody(const Lease& l) const {
    Value v = Value::object();
    v["version"] = 1;
    v["holder"] = l.holder;
    v["expires"] = formatTimestamp(l.expires);
    v["expiresMs"] = epochMs(l.expires);
    v["renewIntervalMs"] = static_cast<std::int64_t>(l.renewInterval.count());
    v["acquired"] = formatTimestamp(now());
    // ETags are content hashes: the nonce keeps two writes of the same
    // holder and expiry from sharing one (a stale token must stay stale).
    auto nonce = detail::randomHex(8);
    v["nonce"] = nonce ? *nonce : std::to_string(epochMs(Clock::now()));
    return v.toJson() + "\n";
  }

  // --- spool files: <spoolDir>/<seq, 16 digits>.rec = key "\n" body ---------

  fs::path spoolFile(std::uint64_t seq) const {
    char name[32];
    std::snprintf(name, sizeof name, "%016llu.rec", static_cast<unsigned long long>(seq));
    return config_.spoolDir / name;
  }

  void loadSpool() {
    std::error_code ec;
    if (config_.spoolDir.empty() || !fs::is_directory(config_.spoolDir, ec)) return;
    for (const auto& e : fs::directory_iterator(config_.spoolDir, ec)) {
      std::string name = e.path().filename().string();
      if (name.starts_with(".") || !name.ends_with(".rec")) continue;
      std::uint64_t seq = std::strtoull(name.c_str(), nullptr, 10);
      auto text = detail::readFile(e.path());
      if (!text || !*text) continue;
      auto nl = (*text)->find('\n');
      if (nl == std::string::npos) continue;
      spool_.emplace(seq, parseHeader((*text)->substr(0, nl)));
      nextSeq_ = std::max(nextSeq_, seq + 1);
    }
  }

  // The first line of a spool file: "<key>", or "<key> if-match=<etag>" /
  // "<key> if-none-match=*" for a fenced state.json (keys have no spaces).
  static Spooled parseHeader(const std::string& line) {
    Spooled rec;
    rec.headerSize = line.size();
    auto space = line.find(' ');
    rec.key = line.substr(0, space);
    if (space == std::string::npos) return rec;
    std::string cond = line.substr(space + 1);
    if (cond.starts_with("if-match="))
      rec.expected = cond.substr(9);
    else if (cond == "if-none-match=*")
      rec.expected = std::string();
    return rec;
  }

  static aws::Headers conditionHeaders(const std::string& expected) {
    aws::Headers h;
    if (expected.empty())
      h.emplace_back("If-None-Match", "*");
    else
      h.emplace_back("If-Match", "\"" + expected + "\"");
    return h;
  }

  // The body of the newest spooled record of `key` (nullopt: none).
  Result<std::optional<std::string>> newestSpooled(const std::string& key) const {
    for (auto it = spool_.rbegin(); it != spool_.rend(); ++it) {
      if (it->second.key != key) continue;
      auto text = detail::readFile(spoolFile(it->first));
      if (!text) return std::unexpected(text.error());
      if (*text) return std::optional<std::string>((*text)->substr(it->second.headerSize + 1));
    }
    return std::optional<std::string>{};
  }

  Result<void> spoolRecord(const std::string& key, const std::string& body,
                           std::optional<std::string> expected = std::nullopt) {
    if (config_.spoolDir.empty()) {
      return fail(ErrorKind::Transient,
                  "cannot reach " + where(key) + " and no spool directory is configured");
    }
    std::string header = key;
    if (expected) header += expected->empty() ? " if-none-match=*" : " if-match=" + *expected;
    std::uint64_t seq = nextSeq_++;
    auto w = detail::atomicWrite(spoolFile(seq), header + "\n" + body);
    if (!w) return w;
    spool_.emplace(seq, parseHeader(header));
    return {};
  }

  Result<std::string> spoolConditional(const std::string& key, const std::string& body,
                                       const std::string& expected) {
    auto spooled = spoolRecord(key, body, expected);
    if (!spooled) return std::unexpected(spooled.error());
    return detail::md5Hex(body);
  }

  // After an acquire: take state.json over (see ObjectStore::fence).
  Awaitable<Result<Lease>> fenced(Lease lease) {
    auto f = co_await fence(lease.environment, lease.holder + " " + lease.token);
    if (!f) co_return std::unexpected(f.error());
    co_return lease;
  }

  aws::Client& client_;
  S3StoreConfig config_;
  std::map<std::uint64_t, Spooled> spool_;  // by seq, in write order
  std::uint64_t nextSeq_ = 1;
  TimePoint lastFlushAttempt_{};
  bool flushing_ = false;
};

}  // namespace

std::unique_ptr<Store> makeS3Store(aws::Client& client, S3StoreConfig config,
                                   StoreOptions options) {
  return std::make_unique<S3Store>(client, std::move(config), std::move(options));
}

}  // namespace driftless::state
