#include "gitsource/repository.h"

#include <git2.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <optional>
#include <random>
#include <set>
#include <shared_mutex>
#include <system_error>

#include "gitsource/known_hosts.h"
#include "gitsource/timed_stream.h"

namespace driftless::gitsource {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// RAII for libgit2 handles.
template <typename T, void (*Free)(T*)>
struct Handle {
  T* p = nullptr;
  Handle() = default;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() {
    if (p) Free(p);
  }
  T** out() { return &p; }
  T* get() const { return p; }
};
using RepoHandle = Handle<git_repository, git_repository_free>;
using RefHandle = Handle<git_reference, git_reference_free>;
using CommitHandle = Handle<git_commit, git_commit_free>;
using TreeHandle = Handle<git_tree, git_tree_free>;
using EntryHandle = Handle<git_tree_entry, git_tree_entry_free>;
using BlobHandle = Handle<git_blob, git_blob_free>;
using ObjectHandle = Handle<git_object, git_object_free>;
using RemoteHandle = Handle<git_remote, git_remote_free>;
using OdbHandle = Handle<git_odb, git_odb_free>;
using RefIterHandle = Handle<git_reference_iterator, git_reference_iterator_free>;

void initLibgit2() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    registerTimedStream();
  });
}

std::string lastGitError() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}
int lastGitErrorClass() {
  const git_error* e = git_error_last();
  return e ? e->klass : GIT_ERROR_NONE;
}

std::string oidHex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

std::string shortId(std::string_view commit) {
  return std::string(commit.substr(0, 7));
}

std::string trackingRef(std::string_view branch) {
  return "refs/remotes/origin/" + std::string(branch);
}

bool isHex(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

// Errors that mean the cache itself is damaged, not the network or the input.
bool corruptionClass(int klass) {
  return klass == GIT_ERROR_ODB || klass == GIT_ERROR_ZLIB || klass == GIT_ERROR_OBJECT ||
         klass == GIT_ERROR_REFERENCE || klass == GIT_ERROR_REPOSITORY ||
         klass == GIT_ERROR_INDEXER || klass == GIT_ERROR_FILESYSTEM || klass == GIT_ERROR_OS;
}

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (std::size_t pos = s.find(from); pos != std::string::npos;
       pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

struct ParsedUrl {
  std::string scheme;  // "https", "ssh", "git", "file", "" for a path or scp-like
  std::string host;
  int port = 0;
};

ParsedUrl parseUrl(std::string_view url) {
  ParsedUrl out;
  auto sep = url.find("://");
  if (sep == std::string_view::npos) return out;
  out.scheme = std::string(url.substr(0, sep));
  auto rest = url.substr(sep + 3);
  auto slash = rest.find('/');
  auto authority = rest.substr(0, slash);
  if (auto at = authority.rfind('@'); at != std::string_view::npos)
    authority = authority.substr(at + 1);
  if (authority.starts_with('[')) {
    auto close = authority.find(']');
    out.host = std::string(authority.substr(1, close - 1));
    if (close + 1 < authority.size() && authority[close + 1] == ':')
      out.port = std::atoi(std::string(authority.substr(close + 2)).c_str());
  } else if (auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    out.host = std::string(authority.substr(0, colon));
    out.port = std::atoi(std::string(authority.substr(colon + 1)).c_str());
  } else {
    out.host = std::string(authority);
  }
  return out;
}

std::string hashUrl(const std::string& url) {
  git_oid oid;
  git_odb_hash(&oid, url.data(), url.size(), GIT_OBJECT_BLOB);
  return oidHex(oid).substr(0, 16);
}

// What one network round found for one branch.
struct BranchOutcome {
  bool missing = false;
  std::string previous;
  std::string current;
  bool forced = false;
};

struct Round {
  std::set<std::string> branches;
  bool started = false;
  bool finished = false;
  Clock::time_point finishedAt;
  std::optional<Error> error;
  std::map<std::string, BranchOutcome> outcomes;
};

}  // namespace

std::string redactUrl(std::string_view url) {
  auto sep = url.find("://");
  if (sep == std::string_view::npos) return std::string(url);
  auto scheme = url.substr(0, sep);
  auto rest = url.substr(sep + 3);
  auto slash = rest.find('/');
  auto authority = rest.substr(0, slash);
  auto at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  auto userinfo = authority.substr(0, at);
  std::string kept;
  // An ssh user name ("git@") is needed and not secret; anything else in the
  // userinfo (a token as user, user:password) is dropped.
  if (scheme == "ssh" || scheme == "git+ssh" || scheme == "ssh+git") {
    auto colon = userinfo.find(':');
    kept = std::string(userinfo.substr(0, colon)) + "@";
  }
  return std::string(scheme) + "://" + kept + std::string(rest.substr(at + 1));
}

struct Repository::Impl {
  SourceOptions options;
  std::string display;
  fs::path dir;
  ParsedUrl parsed;

  // Readers (snapshot, resolve, a fetch's own object writes) share the
  // directory; re-cloning it takes it exclusively.
  mutable std::shared_mutex dirMutex;
  std::mutex networkMutex;                   // one network operation at a time per repository
  mutable std::atomic<bool> suspect{false};  // a read hit a damaged object: re-clone next fetch
  std::atomic<std::size_t> fetches{0};

  std::mutex coordMutex;
  std::condition_variable coordCv;
  std::shared_ptr<Round> current;  // running
  std::shared_ptr<Round> next;     // collecting branches, not started
  std::shared_ptr<Round> last;     // most recent finished
  std::set<std::string> watched;   // every branch asked for so far

  // ---- messages ---------------------------------------------------------

  // libgit2 messages may echo the URL as given (with credentials) or, in theory,
  // a token: never let either out.
  std::string scrub(std::string message) const {
    replaceAll(message, options.url, display);
    if (!options.auth.tokenEnv.empty())
      if (const char* token = std::getenv(options.auth.tokenEnv.c_str()); token && *token)
        replaceAll(message, token, "***");
    if (!options.auth.sshPassphraseEnv.empty())
      if (const char* pass = std::getenv(options.auth.sshPassphraseEnv.c_str()); pass && *pass)
        replaceAll(message, pass, "***");
    return message;
  }

  Error gitError(ErrorKind kind, const std::string& what) const {
    return Error::make(kind, scrub(what + ": " + lastGitError()));
  }

  // ---- the cache directory ------------------------------------------------

  Result<void> openHandle(RepoHandle& repo) const {
    if (git_repository_open_bare(repo.out(), dir.c_str()) != 0)
      return fail(gitError(ErrorKind::Fatal,
                           "git source " + display + ": cannot open cache " + dir.string()));
    return {};
  }

  // Every fetched ref must lead to a readable commit and root tree. Cheap (a few
  // object reads per branch) and catches truncated refs, objects and packs.
  std::optional<std::string> damage() const {
    if (!fs::exists(dir / "HEAD") || !fs::exists(dir / "objects") || !fs::exists(dir / "refs"))
      return "incomplete repository (no HEAD, objects or refs)";
    RepoHandle repo;
    if (git_repository_open_bare(repo.out(), dir.c_str()) != 0) return lastGitError();
    // The iterator skips loose ref files it cannot parse, so look at the files too.
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir / "refs", ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::string name = "refs/" + fs::relative(it->path(), dir / "refs").generic_string();
      RefHandle ref;
      if (git_reference_lookup(ref.out(), repo.get(), name.c_str()) != 0)
        return "unreadable ref " + name + ": " + lastGitError();
    }
    RefIterHandle it;
    if (git_reference_iterator_new(it.out(), repo.get()) != 0) return lastGitError();
    for (;;) {
      RefHandle ref;
      int rc = git_reference_next(ref.out(), it.get());
      if (rc == GIT_ITEROVER) break;
      if (rc != 0) return "unreadable ref: " + lastGitError();
      std::string name = git_reference_name(ref.get());
      if (!name.starts_with("refs/remotes/") && !name.starts_with("refs/tags/")) continue;
      ObjectHandle obj;
      if (git_reference_peel(obj.out(), ref.get(), GIT_OBJECT_COMMIT) != 0)
        return name + ": " + lastGitError();
      CommitHandle commit;
      if (git_commit_lookup(commit.out(), repo.get(), git_object_id(obj.get())) != 0)
        return name + ": " + lastGitError();
      TreeHandle tree;
      if (git_commit_tree(tree.out(), commit.get()) != 0) return name + ": " + lastGitError();
    }
    return std::nullopt;
  }

  // Creates the bare cache next to its final place and renames it in, so a
  // crash never leaves a half-initialised directory under the real name.
  Result<void> createCache() {
    std::error_code ec;
    fs::create_directories(dir.parent_path(), ec);
    if (ec)
      return fail(ErrorKind::Fatal, "git source " + display + ": cannot create cache root " +
                                        dir.parent_path().string() + ": " + ec.message());
    std::mt19937_64 rng{std::random_device{}()};
    fs::path tmp = dir.string() + ".init-" + std::to_string(rng());
    RepoHandle repo;
    if (git_repository_init(repo.out(), tmp.c_str(), /*is_bare=*/1) != 0)
      return fail(gitError(ErrorKind::Fatal,
                           "git source " + display + ": cannot create cache " + tmp.string()));
    {
      std::ofstream note(tmp / "description");
      note << "driftless cache of " << display << "\n";
    }
    fs::rename(tmp, dir, ec);
    if (ec) {
      fs::remove_all(tmp);
      return fail(ErrorKind::Fatal, "git source " + display + ": cannot create cache " +
                                        dir.string() + ": " + ec.message());
    }
    return {};
  }

  // Caller holds dirMutex exclusively.
  Result<void> recreate(const std::string& why) {
    spdlog::warn("git source {}: cache {} is damaged ({}); removing it and cloning again", display,
                 dir.string(), scrub(why));
    std::error_code ec;
    fs::remove_all(dir, ec);
    if (ec)
      return fail(ErrorKind::Fatal, "git source " + display + ": cannot remove damaged cache " +
                                        dir.string() + ": " + ec.message());
    suspect = false;
    return createCache();
  }

  Result<void> ensureHealthy(bool force) {
    std::unique_lock lock(dirMutex);
    if (!fs::exists(dir)) return createCache();
    if (suspect) return recreate("a read found damaged objects");
    if (!force) return {};
    if (auto why = damage()) return recreate(*why);
    return {};
  }

  // ---- credentials ----------------------------------------------------------

  struct CallState {
    const Impl* impl;
    int credentialCalls = 0;
    bool authRejected = false;
    std::string hostKeyProblem;
  };

  static int credentials(git_credential** out, const char* /*url*/, const char* userFromUrl,
                         unsigned int allowed, void* payload) {
    auto* state = static_cast<CallState*>(payload);
    const SourceAuth& auth = state->impl->options.auth;
    // libgit2 asks again after a rejection; a second ask means the first failed.
    if (++state->credentialCalls > 1) {
      state->authRejected = true;
      git_error_set_str(GIT_ERROR_NET, "authentication rejected by the server");
      return GIT_EAUTH;
    }
    if ((allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) && !auth.tokenEnv.empty()) {
      const char* token = std::getenv(auth.tokenEnv.c_str());
      if (!token || !*token) {
        state->authRejected = true;
        git_error_set_str(
            GIT_ERROR_NET,
            ("environment variable " + auth.tokenEnv + " (auth.tokenEnv) is not set").c_str());
        return GIT_EAUTH;
      }
      const char* user = userFromUrl && *userFromUrl ? userFromUrl : "x-access-token";
      return git_credential_userpass_plaintext_new(out, user, token);
    }
    if ((allowed & GIT_CREDENTIAL_SSH_KEY) && !auth.sshKeyFile.empty()) {
      const char* pass = nullptr;
      if (!auth.sshPassphraseEnv.empty()) pass = std::getenv(auth.sshPassphraseEnv.c_str());
      return git_credential_ssh_key_new(out, userFromUrl && *userFromUrl ? userFromUrl : "git",
                                        nullptr, auth.sshKeyFile.c_str(), pass);
    }
    if (allowed & GIT_CREDENTIAL_USERNAME)
      return git_credential_username_new(out, userFromUrl && *userFromUrl ? userFromUrl : "git");
    state->authRejected = true;
    git_error_set_str(GIT_ERROR_NET,
                      "the server requires authentication and the source has no usable auth "
                      "(auth.tokenEnv for https, auth.sshKeyFile for ssh)");
    return GIT_EAUTH;
  }

  static int certificateCheck(git_cert* cert, int valid, const char* host, void* payload) {
    auto* state = static_cast<CallState*>(payload);
    if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2)
      return valid ? 0 : GIT_PASSTHROUGH;  // TLS: libgit2's own verification decides
    const SourceAuth& auth = state->impl->options.auth;
    auto* hostkey = reinterpret_cast<git_cert_hostkey*>(cert);
    auto reject = [&](std::string why) {
      state->hostKeyProblem = why;
      git_error_set_str(GIT_ERROR_SSH, why.c_str());
      return GIT_ECERTIFICATE;
    };
    if (auth.knownHostsFile.empty())
      return reject("ssh host key of " + std::string(host) +
                    " cannot be verified: set auth.knownHostsFile (no trust on first use)");
    if (!(hostkey->type & GIT_CERT_SSH_RAW))
      return reject("ssh host key of " + std::string(host) + " not available for checking");
    std::ifstream in(auth.knownHostsFile);
    if (!in) return reject("cannot read auth.knownHostsFile " + auth.knownHostsFile);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string why;
    int port = state->impl->parsed.port ? state->impl->parsed.port : 22;
    if (!knownHostsAccepts(text, host, port,
                           std::string_view(hostkey->hostkey, hostkey->hostkey_len), &why))
      return reject(why + " (" + auth.knownHostsFile + ")");
    return 0;
  }

  git_remote_callbacks callbacks(CallState& state) const {
    git_remote_callbacks cb = GIT_REMOTE_CALLBACKS_INIT;
    cb.credentials = &Impl::credentials;
    cb.certificate_check = &Impl::certificateCheck;
    cb.payload = &state;
    return cb;
  }

  Error networkError(const CallState& state, const std::string& verb) const {
    std::string detail = lastGitError();
    if (std::string stream = takeLastStreamError();
        !stream.empty() && detail.find(stream) == std::string::npos)
      detail = stream + " (" + detail + ")";
    detail = scrub(detail);
    if (state.authRejected)
      return Error::make(ErrorKind::Invalid,
                         "git source " + display + ": authentication failed: " + detail);
    if (!state.hostKeyProblem.empty())
      return Error::make(ErrorKind::Invalid, "git source " + display + ": " + detail);
    return Error::make(ErrorKind::Transient,
                       "git source " + display + ": " + verb + " failed: " + detail);
  }

  // ---- one network round ------------------------------------------------------

  // Reads a ref's commit id, or "" if absent/unreadable.
  static std::string readRef(git_repository* repo, const std::string& name) {
    git_oid oid;
    if (git_reference_name_to_id(&oid, repo, name.c_str()) != 0) return {};
    return oidHex(oid);
  }

  struct Advertised {
    std::map<std::string, std::string> refs;  // full ref name -> oid
  };

  // Connects, lists the remote's refs, downloads what `wanted` (remote ref ->
  // local ref) needs if anything differs, and updates the local refs. Returns
  // the advertisement. Caller holds networkMutex and dirMutex (shared).
  Result<Advertised> transfer(
      git_repository* repo,
      const std::function<std::vector<std::pair<std::string, std::string>>(const Advertised&)>&
          wanted) {
    ThreadNetworkTimeout timeoutGuard(options.timeout);
    takeLastStreamError();
    fetches++;
    RemoteHandle remote;
    // Anonymous (nothing written to the cache's config) and without url.insteadOf:
    // the URL the operator configured is the one used, whatever a host's global
    // git config says. (Skipping it also avoids a leak in libgit2 1.5's regex
    // matching of config keys.)
    git_remote_create_options createOpts = GIT_REMOTE_CREATE_OPTIONS_INIT;
    createOpts.repository = repo;
    createOpts.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
    if (git_remote_create_with_opts(remote.out(), options.url.c_str(), &createOpts) != 0)
      return fail(gitError(ErrorKind::Invalid, "git source " + display + ": bad URL"));
    CallState state{this};
    git_remote_callbacks cb = callbacks(state);
    git_proxy_options proxy = GIT_PROXY_OPTIONS_INIT;
    proxy.type = GIT_PROXY_AUTO;
    if (git_remote_connect(remote.get(), GIT_DIRECTION_FETCH, &cb, &proxy, nullptr) != 0)
      return fail(networkError(state, "connect"));
    const git_remote_head** heads = nullptr;
    size_t count = 0;
    if (git_remote_ls(&heads, &count, remote.get()) != 0)
      return fail(networkError(state, "listing refs"));
    Advertised adv;
    for (size_t i = 0; i < count; ++i)
      adv.refs[heads[i]->name] = oidHex(heads[i]->oid);
    auto specs = wanted(adv);
    bool needed = false;
    for (const auto& [src, dst] : specs)
      if (readRef(repo, dst) != adv.refs[src]) needed = true;
    if (needed) {
      std::vector<std::string> strings;
      for (const auto& [src, dst] : specs)
        strings.push_back("+" + src + ":" + dst);
      std::vector<char*> ptrs;
      for (auto& s : strings)
        ptrs.push_back(s.data());
      git_strarray refspecs{ptrs.data(), ptrs.size()};
      git_fetch_options fo = GIT_FETCH_OPTIONS_INIT;
      fo.callbacks = cb;
      fo.proxy_opts = proxy;
      fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
      fo.update_fetchhead = 0;
      fo.prune = GIT_FETCH_NO_PRUNE;
      if (git_remote_download(remote.get(), &refspecs, &fo) != 0) {
        int klass = lastGitErrorClass();
        Error e = networkError(state, "download");
        if (corruptionClass(klass)) e.kind = ErrorKind::Fatal;
        return fail(e);
      }
      // Set the refs ourselves: an anonymous remote's update_tips only follows
      // its configured refspecs.
      for (const auto& [src, dst] : specs) {
        git_oid oid;
        git_oid_fromstr(&oid, adv.refs[src].c_str());
        RefHandle ref;
        if (git_reference_create(ref.out(), repo, dst.c_str(), &oid, /*force=*/1,
                                 "driftless fetch") != 0)
          return fail(gitError(ErrorKind::Fatal, "git source " + display + ": updating " + dst));
      }
    }
    git_remote_disconnect(remote.get());
    return adv;
  }

  void runRound(Round& round) {
    auto health = ensureHealthy(/*force=*/true);
    if (!health) {
      round.error = health.error();
      return;
    }
    auto attempt = [&]() -> Result<void> {
      std::shared_lock lock(dirMutex);
      RepoHandle repo;
      if (auto r = openHandle(repo); !r) return fail(r.error());
      std::map<std::string, std::string> before;
      for (const auto& b : round.branches)
        before[b] = readRef(repo.get(), trackingRef(b));
      auto adv = transfer(repo.get(), [&](const Advertised& a) {
        std::vector<std::pair<std::string, std::string>> specs;
        for (const auto& b : round.branches)
          if (a.refs.contains("refs/heads/" + b))
            specs.emplace_back("refs/heads/" + b, trackingRef(b));
        return specs;
      });
      if (!adv) return fail(adv.error());
      for (const auto& b : round.branches) {
        BranchOutcome o;
        o.previous = before[b];
        auto it = adv->refs.find("refs/heads/" + b);
        if (it == adv->refs.end()) {
          o.missing = true;
          // Drop the stale tracking ref: resolve() must not hand out a deleted branch.
          RefHandle ref;
          if (git_reference_lookup(ref.out(), repo.get(), trackingRef(b).c_str()) == 0)
            git_reference_delete(ref.get());
        } else {
          o.current = it->second;
          if (!o.previous.empty() && o.previous != o.current) {
            git_oid prev, cur;
            git_oid_fromstr(&prev, o.previous.c_str());
            git_oid_fromstr(&cur, o.current.c_str());
            o.forced = git_graph_descendant_of(repo.get(), &cur, &prev) != 1;
          }
        }
        round.outcomes[b] = o;
      }
      return {};
    };
    auto result = attempt();
    if (!result && result.error().kind == ErrorKind::Fatal) {
      // A failure that is not the network's, the input's or the credentials':
      // the cache is what is left. It is only a cache: rebuild it and try once more.
      std::unique_lock lock(dirMutex);
      auto re = recreate(result.error().message);
      lock.unlock();
      if (re) result = attempt();
    }
    if (!result) round.error = result.error();
  }

  // ---- shared fetches --------------------------------------------------------

  Result<FetchResult> fetch(const std::vector<std::string>& branches, bool reuseRecent) {
    if (branches.empty()) return FetchResult{};
    std::set<std::string> wanted(branches.begin(), branches.end());
    for (const auto& b : wanted)
      if (b.empty() || b.starts_with("refs/") || b.find("..") != std::string::npos)
        return fail(ErrorKind::Invalid, "git source " + display + ": invalid branch name '" + b +
                                            "' (give the branch without refs/heads/)");
    auto covers = [&](const std::shared_ptr<Round>& r) {
      return r &&
             std::includes(r->branches.begin(), r->branches.end(), wanted.begin(), wanted.end());
    };
    std::unique_lock lock(coordMutex);
    std::shared_ptr<Round> mine;
    bool shared = true;
    if (reuseRecent && covers(last) && Clock::now() - last->finishedAt < options.fetchReuseWindow &&
        !last->error) {
      mine = last;
    } else if (reuseRecent && covers(current)) {
      mine = current;
    } else {
      // Every branch any caller watches rides along: one ref listing answers
      // them all, so the other environments' next fetch is already done.
      watched.insert(wanted.begin(), wanted.end());
      if (!next) next = std::make_shared<Round>();
      next->branches.insert(watched.begin(), watched.end());
      mine = next;
      coordCv.wait(lock, [&] { return !current || mine->started; });
      if (!mine->started) {
        shared = false;
        mine->started = true;
        current = mine;
        next.reset();
        lock.unlock();
        {
          std::lock_guard net(networkMutex);
          // Waiters must always be released: nothing may escape a round.
          try {
            runRound(*mine);
          } catch (const std::exception& e) {
            mine->error = Error::make(
                ErrorKind::Fatal, "git source " + display + ": fetch failed: " + scrub(e.what()));
          }
        }
        lock.lock();
        mine->finished = true;
        mine->finishedAt = Clock::now();
        last = mine;
        current.reset();
        coordCv.notify_all();
      }
    }
    coordCv.wait(lock, [&] { return mine->finished; });
    lock.unlock();
    return resultFor(*mine, wanted, shared);
  }

  Result<FetchResult> resultFor(const Round& round, const std::set<std::string>& wanted,
                                bool shared) const {
    if (round.error) return fail(*round.error);
    FetchResult out;
    out.shared = shared;
    for (const auto& b : wanted) {
      const BranchOutcome& o = round.outcomes.at(b);
      if (o.missing)
        return fail(ErrorKind::NotFound,
                    "git source " + display + ": branch " + b + " not found on the remote");
      out.heads[b] = o.current;
      if (o.previous != o.current) {
        out.updates.push_back({b, o.previous, o.current, o.forced});
        if (o.forced) {
          std::string notice = "branch " + b + " of " + display + " was force-pushed: old head " +
                               shortId(o.previous) + " is no longer an ancestor of " +
                               shortId(o.current);
          out.notices.push_back(notice);
        }
      }
    }
    out.changed = !out.updates.empty();
    for (const auto& n : out.notices)
      if (!shared) spdlog::warn("git source: {}", n);
    return out;
  }

  // ---- local reads -------------------------------------------------------------

  Result<git_oid> resolveOid(git_repository* repo, std::string_view rev) const {
    std::string r(rev);
    for (const std::string& name : {trackingRef(r), "refs/tags/" + r}) {
      RefHandle ref;
      if (git_reference_lookup(ref.out(), repo, name.c_str()) != 0) continue;
      ObjectHandle obj;
      if (git_reference_peel(obj.out(), ref.get(), GIT_OBJECT_COMMIT) != 0) {
        suspect = true;
        return fail(gitError(ErrorKind::Fatal, "git source " + display + ": reading " + name));
      }
      return *git_object_id(obj.get());
    }
    if (isHex(r) && r.size() >= 4 && r.size() <= GIT_OID_HEXSZ) {
      git_oid prefix;
      if (git_oid_fromstrn(&prefix, r.c_str(), r.size()) == 0) {
        CommitHandle commit;
        int rc = git_commit_lookup_prefix(commit.out(), repo, &prefix, r.size());
        if (rc == 0) return *git_commit_id(commit.get());
        if (rc == GIT_EAMBIGUOUS)
          return fail(ErrorKind::Invalid,
                      "git source " + display + ": commit id " + r + " is ambiguous");
        if (rc != GIT_ENOTFOUND) {
          suspect = true;
          return fail(gitError(ErrorKind::Fatal, "git source " + display + ": reading commit " + r +
                                                     " (cache damaged; it is re-cloned on "
                                                     "the next fetch)"));
        }
      }
    }
    return fail(ErrorKind::NotFound, "git source " + display + ": revision '" + r +
                                         "' not found (not a fetched branch, tag or commit)");
  }

  Result<Snapshot> snapshot(std::string_view commitId, std::string_view rawPath,
                            std::string_view environment) const {
    std::shared_lock lock(dirMutex);
    RepoHandle repo;
    if (auto r = openHandle(repo); !r) return fail(r.error());
    auto oid = resolveOid(repo.get(), commitId);
    if (!oid) return fail(oid.error());
    CommitHandle commit;
    if (git_commit_lookup(commit.out(), repo.get(), &*oid) != 0) {
      suspect = true;
      return fail(gitError(ErrorKind::Fatal,
                           "git source " + display + ": reading commit " + std::string(commitId)));
    }
    Snapshot snap;
    snap.commit = oidHex(*oid);
    snap.shortCommit = shortId(snap.commit);
    const git_signature* author = git_commit_author(commit.get());
    snap.author = std::string(author->name) + " <" + author->email + ">";
    snap.commitTime = git_commit_committer(commit.get())->when.time;
    const char* summary = git_commit_summary(commit.get());
    snap.subject = summary ? summary : "";
    snap.environment = std::string(environment);
    // Normalise "./manifests/" to "manifests"; "" and "." are the root.
    std::string path(rawPath);
    while (path.starts_with("./"))
      path.erase(0, 2);
    while (path.ends_with('/'))
      path.pop_back();
    if (path == ".") path.clear();
    snap.path = path;

    auto corrupt = [&](const std::string& what) {
      suspect = true;
      return fail(gitError(ErrorKind::Fatal, "git source " + display + ": commit " +
                                                 snap.shortCommit + ": reading " + what +
                                                 " failed (cache damaged; it is re-cloned on "
                                                 "the next fetch)"));
    };
    TreeHandle root;
    if (git_commit_tree(root.out(), commit.get()) != 0) return corrupt("its tree");
    TreeHandle sub;
    git_tree* folder = root.get();
    if (!path.empty()) {
      EntryHandle entry;
      int rc = git_tree_entry_bypath(entry.out(), root.get(), path.c_str());
      if (rc == GIT_ENOTFOUND)
        return fail(ErrorKind::Invalid, "git source " + display + ": path '" + path +
                                            "' does not exist in commit " + snap.shortCommit);
      if (rc != 0) return corrupt("path " + path);
      if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE)
        return fail(ErrorKind::Invalid, "git source " + display + ": path '" + path +
                                            "' in commit " + snap.shortCommit +
                                            " is a file, not a folder");
      if (git_tree_lookup(sub.out(), repo.get(), git_tree_entry_id(entry.get())) != 0)
        return corrupt("folder " + path);
      folder = sub.get();
    }
    OdbHandle odb;
    if (git_repository_odb(odb.out(), repo.get()) != 0) return corrupt("the object database");
    const std::string prefix = path.empty() ? "" : path + "/";
    auto readBlob = [&](const git_tree_entry* e, std::string relative) -> Result<void> {
      const git_oid* id = git_tree_entry_id(e);
      size_t size = 0;
      git_object_t type;
      // The header alone: a huge blob is refused without being loaded.
      if (git_odb_read_header(&size, &type, odb.get(), id) != 0) return corrupt(prefix + relative);
      if (size > options.maxFileBytes)
        return fail(ErrorKind::Invalid, "git source " + display + ": " + prefix + relative +
                                            " in commit " + snap.shortCommit + " is " +
                                            std::to_string(size) + " bytes, over the limit of " +
                                            std::to_string(options.maxFileBytes) +
                                            " bytes for a manifest file");
      BlobHandle blob;
      if (git_blob_lookup(blob.out(), repo.get(), id) != 0) return corrupt(prefix + relative);
      const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
      snap.files.push_back({std::move(relative),
                            std::string(data, static_cast<size_t>(git_blob_rawsize(blob.get())))});
      return {};
    };
    auto isManifest = [](std::string_view name) {
      return name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json") ||
             name.ends_with(".template");
    };
    auto isFile = [](const git_tree_entry* e) {
      auto mode = git_tree_entry_filemode(e);
      return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
    };
    const git_tree_entry* paramsEntry = nullptr;
    size_t n = git_tree_entrycount(folder);
    snap.files.reserve(n + 1);
    for (size_t i = 0; i < n; ++i) {
      const git_tree_entry* e = git_tree_entry_byindex(folder, i);
      std::string_view name = git_tree_entry_name(e);
      if (name == "parameters" && git_tree_entry_type(e) == GIT_OBJECT_TREE) paramsEntry = e;
      if (!isFile(e) || !isManifest(name)) continue;
      if (auto r = readBlob(e, std::string(name)); !r) return fail(r.error());
    }
    if (paramsEntry && !environment.empty()) {
      TreeHandle params;
      if (git_tree_lookup(params.out(), repo.get(), git_tree_entry_id(paramsEntry)) != 0)
        return corrupt(prefix + "parameters");
      for (const char* ext : {".yaml", ".yml", ".json"}) {
        std::string name = std::string(environment) + ext;
        const git_tree_entry* e = git_tree_entry_byname(params.get(), name.c_str());
        if (e && isFile(e)) {
          if (auto r = readBlob(e, "parameters/" + name); !r) return fail(r.error());
          break;
        }
      }
    }
    std::sort(snap.files.begin(), snap.files.end(),
              [](const File& a, const File& b) { return a.path < b.path; });
    return snap;
  }
};

Repository::Repository(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Repository::~Repository() = default;

Result<std::shared_ptr<Repository>> Repository::open(SourceOptions options) {
  const std::string shown = redactUrl(options.url);
  try {
    return openUnchecked(std::move(options));
  } catch (const std::exception& e) {
    // Filesystem errors (permissions, a file where the cache root should be).
    return fail(ErrorKind::Fatal, "git source " + shown + ": cannot open the cache: " + e.what());
  }
}

Result<std::shared_ptr<Repository>> Repository::openUnchecked(SourceOptions options) {
  initLibgit2();
  if (options.url.empty()) return fail(ErrorKind::Invalid, "git source: url is empty");
  if (options.cacheRoot.empty())
    return fail(ErrorKind::Invalid, "git source " + redactUrl(options.url) + ": no cache root");
  auto impl = std::make_unique<Impl>();
  impl->display = redactUrl(options.url);
  impl->parsed = parseUrl(options.url);
  const std::string& scheme = impl->parsed.scheme;
  if (!scheme.empty() && scheme != "https" && scheme != "http" && scheme != "ssh" &&
      scheme != "git" && scheme != "file" && scheme != "git+ssh" && scheme != "ssh+git")
    return fail(ErrorKind::Invalid, "git source " + impl->display + ": unsupported URL scheme '" +
                                        scheme + "' (use https, ssh, git, file or a path)");
  // A plain relative path is made absolute: the daemon's working directory is not the user's.
  if (scheme.empty() && options.url.find(':') == std::string::npos)
    options.url = fs::absolute(options.url).lexically_normal().string();
  impl->dir = options.cacheRoot / hashUrl(impl->display);
  impl->options = std::move(options);
  if (scheme.empty() && impl->options.url.find(':') == std::string::npos)
    impl->display = impl->options.url;
  {
    std::unique_lock lock(impl->dirMutex);
    if (!fs::exists(impl->dir)) {
      if (auto r = impl->createCache(); !r) return fail(r.error());
    } else if (auto why = impl->damage()) {
      if (auto r = impl->recreate(*why); !r) return fail(r.error());
    }
  }
  return std::shared_ptr<Repository>(new Repository(std::move(impl)));
}

Result<FetchResult> Repository::fetch(const std::vector<std::string>& branches, bool reuseRecent) {
  return impl_->fetch(branches, reuseRecent);
}

Result<std::string> Repository::fetchRevision(std::string_view revision) {
  std::string rev(revision);
  if (rev.empty())
    return fail(ErrorKind::Invalid, "git source " + impl_->display + ": empty revision");
  {
    std::lock_guard net(impl_->networkMutex);
    if (auto r = impl_->ensureHealthy(false); !r) return fail(r.error());
    std::shared_lock lock(impl_->dirMutex);
    RepoHandle repo;
    if (auto r = impl_->openHandle(repo); !r) return fail(r.error());
    auto adv = impl_->transfer(repo.get(), [&](const Impl::Advertised& a) {
      std::vector<std::pair<std::string, std::string>> specs;
      if (a.refs.contains("refs/heads/" + rev))
        specs.emplace_back("refs/heads/" + rev, trackingRef(rev));
      else if (a.refs.contains("refs/tags/" + rev))
        specs.emplace_back("refs/tags/" + rev, "refs/tags/" + rev);
      return specs;
    });
    if (!adv) return fail(adv.error());
  }
  return resolve(rev);
}

Result<std::string> Repository::resolve(std::string_view rev) const {
  std::shared_lock lock(impl_->dirMutex);
  RepoHandle repo;
  if (auto r = impl_->openHandle(repo); !r) return fail(r.error());
  auto oid = impl_->resolveOid(repo.get(), rev);
  if (!oid) return fail(oid.error());
  return oidHex(*oid);
}

Result<bool> Repository::movedSince(std::string_view branch, std::string_view commit) const {
  std::shared_lock lock(impl_->dirMutex);
  RepoHandle repo;
  if (auto r = impl_->openHandle(repo); !r) return fail(r.error());
  std::string head = Impl::readRef(repo.get(), trackingRef(branch));
  if (head.empty())
    return fail(ErrorKind::NotFound, "git source " + impl_->display + ": branch " +
                                         std::string(branch) + " has not been fetched");
  return !(head == commit || (commit.size() >= 4 && head.starts_with(commit)));
}

Result<bool> Repository::isAncestor(std::string_view ancestor, std::string_view descendant) const {
  std::shared_lock lock(impl_->dirMutex);
  RepoHandle repo;
  if (auto r = impl_->openHandle(repo); !r) return fail(r.error());
  auto a = impl_->resolveOid(repo.get(), ancestor);
  if (!a) return fail(a.error());
  auto d = impl_->resolveOid(repo.get(), descendant);
  if (!d) return fail(d.error());
  if (git_oid_equal(&*a, &*d)) return true;
  int rc = git_graph_descendant_of(repo.get(), &*d, &*a);
  if (rc < 0)
    return fail(
        impl_->gitError(ErrorKind::Fatal, "git source " + impl_->display + ": history walk"));
  return rc == 1;
}

Result<Repository::SignedCommit> Repository::signedCommit(std::string_view commit) const {
  std::shared_lock lock(impl_->dirMutex);
  RepoHandle repo;
  if (auto r = impl_->openHandle(repo); !r) return fail(r.error());
  auto oid = impl_->resolveOid(repo.get(), commit);
  if (!oid) return fail(oid.error());
  git_buf signature = GIT_BUF_INIT;
  git_buf data = GIT_BUF_INIT;
  int rc = git_commit_extract_signature(&signature, &data, repo.get(), &*oid, nullptr);
  SignedCommit out;
  if (rc == 0) {
    out.signature.assign(signature.ptr, signature.size);
    out.signedData.assign(data.ptr, data.size);
  }
  git_buf_dispose(&signature);
  git_buf_dispose(&data);
  if (rc != 0 && rc != GIT_ENOTFOUND)
    return fail(impl_->gitError(
        ErrorKind::Fatal,
        "git source " + impl_->display + ": reading the signature of commit " + shortId(commit)));
  return out;
}

Result<Snapshot> Repository::snapshot(std::string_view commit, std::string_view path,
                                      std::string_view environment) const {
  return impl_->snapshot(commit, path, environment);
}

std::string Repository::displayUrl() const {
  return impl_->display;
}
std::filesystem::path Repository::cacheDir() const {
  return impl_->dir;
}
std::size_t Repository::fetchCount() const {
  return impl_->fetches.load();
}

Result<std::shared_ptr<Repository>> RepositoryCache::get(SourceOptions options) {
  std::string key = redactUrl(options.url);
  std::lock_guard lock(mutex_);
  if (auto it = byUrl_.find(key); it != byUrl_.end()) return it->second;
  options.cacheRoot = cacheRoot_;
  auto repo = Repository::open(std::move(options));
  if (!repo) return fail(repo.error());
  byUrl_[key] = *repo;
  return *repo;
}

std::size_t RepositoryCache::size() const {
  std::lock_guard lock(mutex_);
  return byUrl_.size();
}

}  // namespace driftless::gitsource
