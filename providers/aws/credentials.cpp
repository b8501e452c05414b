#include "providers/aws/credentials.h"

#include <boost/asio/redirect_error.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "providers/aws/errors.h"
#include "providers/aws/http_client.h"
#include "providers/aws/protocol.h"
#include "providers/aws/retry.h"
#include "providers/aws/signer.h"

namespace driftless::aws {
namespace {

Clock orSystem(Clock c) {
  return c ? c : [] { return std::chrono::system_clock::now(); };
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return std::string(s);
}

std::optional<std::string> readWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string stsRegion(const std::string& configured, const EnvLookup& env) {
  if (!configured.empty()) return configured;
  if (auto r = env("AWS_REGION")) return *r;
  if (auto r = env("AWS_DEFAULT_REGION")) return *r;
  return "us-east-1";
}

std::string formEncode(const Params& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out.push_back('&');
    out += sigv4::uriEncode(k, false) + "=" + sigv4::uriEncode(v, false);
  }
  return out;
}

Error httpFailure(std::string_view what, const HttpResponse& r) {
  Error e = parseErrorResponse("credentials", what, r);
  e.message = std::string(what) + ": HTTP " + std::to_string(r.status) +
              (e.code.empty() ? std::string() : " " + e.code);
  return e;
}

// ---- sources ----

class WebIdentityProvider final : public RefreshingCredentialsProvider {
 public:
  WebIdentityProvider(HttpTransport& t, std::string tokenFile, std::string roleArn,
                      std::string sessionName, CredentialsOptions o)
      : RefreshingCredentialsProvider(o.clock, o.refreshBefore),
        transport_(t),
        tokenFile_(std::move(tokenFile)),
        roleArn_(std::move(roleArn)),
        sessionName_(sessionName.empty() ? "driftless" : std::move(sessionName)),
        options_(std::move(o)) {}
  std::string name() const override { return "web identity " + roleArn_; }

 protected:
  Awaitable<Result<Credentials>> fetch() override {
    auto token = readWholeFile(tokenFile_);
    if (!token)
      co_return fail(ErrorKind::Invalid,
                     "web identity: cannot read AWS_WEB_IDENTITY_TOKEN_FILE " + tokenFile_);
    const std::string region = stsRegion(options_.region, options_.env);
    Endpoint ep = resolveEndpoint("sts", region, options_.stsEndpoint, options_.env);
    Params form = {{"Action", "AssumeRoleWithWebIdentity"},
                   {"Version", "2011-06-15"},
                   {"RoleArn", roleArn_},
                   {"RoleSessionName", sessionName_},
                   {"WebIdentityToken", trim(*token)}};
    HttpRequest req;
    req.method = "POST";
    req.url = ep.url + "/";
    req.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    req.body = formEncode(form);
    req.timeout = std::chrono::seconds(10);
    // AssumeRoleWithWebIdentity is not signed: the token is the proof
    auto r = co_await transport_.send(std::move(req));
    if (!r) co_return fail(r.error());
    if (r->status < 200 || r->status >= 300) {
      Error e = parseErrorResponse("sts", "AssumeRoleWithWebIdentity", *r);
      co_return fail(std::move(e));
    }
    pugi::xml_document doc;
    if (!doc.load_buffer(r->body.data(), r->body.size()))
      co_return fail(ErrorKind::Transient, "web identity: unreadable STS response");
    co_return parseStsCredentials(doc.document_element().child("AssumeRoleWithWebIdentityResult"),
                                  "web identity");
  }

 private:
  HttpTransport& transport_;
  std::string tokenFile_;
  std::string roleArn_;
  std::string sessionName_;
  CredentialsOptions options_;
};

class ContainerProvider final : public RefreshingCredentialsProvider {
 public:
  ContainerProvider(HttpTransport& t, std::string uri, std::string authToken, CredentialsOptions o)
      : RefreshingCredentialsProvider(o.clock, o.refreshBefore),
        transport_(t),
        uri_(std::move(uri)),
        authToken_(std::move(authToken)),
        options_(std::move(o)) {}
  std::string name() const override { return "container credentials"; }

 protected:
  Awaitable<Result<Credentials>> fetch() override {
    HttpRequest req;
    req.url = uri_;
    std::string token = authToken_;
    if (token.empty()) {
      if (auto file = options_.env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
        auto text = readWholeFile(*file);
        if (!text)
          co_return fail(
              ErrorKind::Invalid,
              "container credentials: cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + *file);
        token = trim(*text);
      }
    }
    if (!token.empty()) req.headers.emplace_back("Authorization", token);
    req.connectTimeout = options_.metadataTimeout;
    req.timeout = options_.metadataTimeout * 2;
    auto r = co_await transport_.send(std::move(req));
    if (!r) co_return fail(r.error());
    if (r->status != 200) co_return fail(httpFailure("container credentials", *r));
    co_return parseMetadataCredentials(r->body, "container credentials");
  }

 private:
  HttpTransport& transport_;
  std::string uri_;
  std::string authToken_;
  CredentialsOptions options_;
};

class InstanceMetadataProvider final : public RefreshingCredentialsProvider {
 public:
  InstanceMetadataProvider(HttpTransport& t, CredentialsOptions o)
      : RefreshingCredentialsProvider(o.clock, o.refreshBefore),
        transport_(t),
        options_(std::move(o)) {
    endpoint_ = options_.imdsEndpoint;
    if (endpoint_.empty())
      endpoint_ =
          options_.env("AWS_EC2_METADATA_SERVICE_ENDPOINT").value_or("http://169.254.169.254");
    while (!endpoint_.empty() && endpoint_.back() == '/')
      endpoint_.pop_back();
  }
  std::string name() const override { return "instance metadata"; }

 protected:
  Awaitable<Result<Credentials>> fetch() override {
    HttpRequest tokenReq;
    tokenReq.method = "PUT";
    tokenReq.url = endpoint_ + "/latest/api/token";
    tokenReq.headers = {{"X-aws-ec2-metadata-token-ttl-seconds", "21600"}};
    tokenReq.connectTimeout = options_.metadataTimeout;
    tokenReq.timeout = options_.metadataTimeout;
    auto token = co_await transport_.send(std::move(tokenReq));
    if (!token) co_return fail(token.error());
    if (token->status != 200) co_return fail(httpFailure("instance metadata token", *token));

    const std::string base = endpoint_ + "/latest/meta-data/iam/security-credentials/";
    HttpRequest roleReq;
    roleReq.url = base;
    roleReq.headers = {{"X-aws-ec2-metadata-token", trim(token->body)}};
    roleReq.connectTimeout = options_.metadataTimeout;
    roleReq.timeout = options_.metadataTimeout;
    Headers tokenHeader = roleReq.headers;
    auto role = co_await transport_.send(std::move(roleReq));
    if (!role) co_return fail(role.error());
    if (role->status != 200) co_return fail(httpFailure("instance metadata role", *role));
    std::string roleName = trim(role->body.substr(0, role->body.find('\n')));
    if (roleName.empty())
      co_return fail(ErrorKind::Invalid, "instance metadata: the instance has no IAM role");

    HttpRequest credsReq;
    credsReq.url = base + roleName;
    credsReq.headers = tokenHeader;
    credsReq.connectTimeout = options_.metadataTimeout;
    credsReq.timeout = options_.metadataTimeout;
    auto creds = co_await transport_.send(std::move(credsReq));
    if (!creds) co_return fail(creds.error());
    if (creds->status != 200) co_return fail(httpFailure("instance metadata credentials", *creds));
    co_return parseMetadataCredentials(creds->body, "instance metadata");
  }

 private:
  HttpTransport& transport_;
  CredentialsOptions options_;
  std::string endpoint_;
};

class AssumeRoleProvider final : public RefreshingCredentialsProvider {
 public:
  AssumeRoleProvider(std::shared_ptr<CredentialsProvider> base, std::string roleArn,
                     HttpTransport& t, AssumeRoleOptions o)
      : RefreshingCredentialsProvider(o.clock, o.refreshBefore),
        base_(std::move(base)),
        roleArn_(std::move(roleArn)),
        transport_(t),
        options_(std::move(o)) {
    ClientConfig config;
    config.region = stsRegion(options_.region, options_.env);
    config.endpointUrl = options_.stsEndpoint;
    if (!config.endpointUrl)
      config.endpointUrl = resolveEndpoint("sts", config.region, std::nullopt, options_.env).url;
    config.credentials = base_;
    client_ = std::make_unique<Client>(transport_, std::move(config));
  }
  std::string name() const override {
    return "assume role " + roleArn_ + " (via " + base_->name() + ")";
  }

 protected:
  Awaitable<Result<Credentials>> fetch() override {
    Params params = {{"RoleArn", roleArn_},
                     {"RoleSessionName", options_.sessionName},
                     {"DurationSeconds", std::to_string(options_.duration.count())}};
    if (!options_.externalId.empty()) params.emplace_back("ExternalId", options_.externalId);
    auto r = co_await client_->query("sts", "AssumeRole", std::move(params));
    if (!r) {
      Error e = r.error();
      e.message = "assume role " + roleArn_ + ": " + e.message;
      co_return fail(std::move(e));
    }
    co_return parseStsCredentials(r->result, "assume role " + roleArn_);
  }

 private:
  std::shared_ptr<CredentialsProvider> base_;
  std::string roleArn_;
  HttpTransport& transport_;
  AssumeRoleOptions options_;
  std::unique_ptr<Client> client_;
};

// ---- shared files ----

struct SharedFiles {
  IniFile credentials;  // sections named by profile
  IniFile config;       // "default" or "profile <name>"
  std::string credentialsPath;
  std::string configPath;
};

SharedFiles loadSharedFiles(const CredentialsOptions& o) {
  SharedFiles f;
  std::string home = o.homeDir;
  if (home.empty()) home = o.env("HOME").value_or("");
  f.credentialsPath = o.env("AWS_SHARED_CREDENTIALS_FILE").value_or(home + "/.aws/credentials");
  f.configPath = o.env("AWS_CONFIG_FILE").value_or(home + "/.aws/config");
  if (auto t = readWholeFile(f.credentialsPath)) f.credentials = parseIni(*t);
  if (auto t = readWholeFile(f.configPath)) f.config = parseIni(*t);
  return f;
}

// The merged keys of a profile (the credentials file wins), or nullopt.
std::optional<std::map<std::string, std::string>> profileKeys(const SharedFiles& f,
                                                              const std::string& profile) {
  std::optional<std::map<std::string, std::string>> out;
  auto cfg = f.config.find(profile == "default" ? "default" : "profile " + profile);
  if (cfg == f.config.end() && profile == "default") cfg = f.config.find("profile default");
  if (cfg != f.config.end()) out = cfg->second;
  if (auto cred = f.credentials.find(profile); cred != f.credentials.end()) {
    if (!out) out.emplace();
    for (const auto& [k, v] : cred->second)
      (*out)[k] = v;
  }
  return out;
}

class ProfileProvider final : public RefreshingCredentialsProvider {
 public:
  ProfileProvider(HttpTransport& t, std::string profile, CredentialsOptions o)
      : RefreshingCredentialsProvider(o.clock, o.refreshBefore),
        transport_(t),
        profile_(std::move(profile)),
        options_(std::move(o)) {}
  std::string name() const override { return "profile " + profile_; }

 protected:
  Awaitable<Result<Credentials>> fetch() override {
    SharedFiles files = loadSharedFiles(options_);
    std::set<std::string> seen = {profile_};
    co_return co_await resolve(files, profile_, seen);
  }

 private:
  // The credentials of profile `name`: its keys, or the role it assumes with
  // the credentials of its source (another profile, itself chained as deep as
  // written, or a credential_source).
  Awaitable<Result<Credentials>> resolve(const SharedFiles& files, std::string name,
                                         std::set<std::string>& seen) {
    auto keys = profileKeys(files, name);
    if (!keys)
      co_return fail(ErrorKind::Invalid,
                     "profile " + name + ": not found in " + files.credentialsPath + " or " +
                         files.configPath +
                         (name == profile_ ? "" : " (source of profile " + profile_ + ")"));
    auto get = [&](const std::string& k) {
      auto it = keys->find(k);
      return it == keys->end() ? std::string() : it->second;
    };
    auto staticKeys = [&]() -> Result<Credentials> {
      Credentials c;
      c.accessKeyId = get("aws_access_key_id");
      c.secretAccessKey = get("aws_secret_access_key");
      c.sessionToken = get("aws_session_token");
      if (c.accessKeyId.empty() || c.secretAccessKey.empty())
        return fail(ErrorKind::Invalid,
                    "profile " + name +
                        ": has neither aws_access_key_id/aws_secret_access_key nor role_arn");
      return c;
    };
    const std::string roleArn = get("role_arn");
    if (roleArn.empty()) co_return staticKeys();

    // STS is called in the region of the profile asked for
    CredentialsOptions sts = options_;
    if (sts.region.empty()) {
      auto top = profileKeys(files, profile_);
      if (top && top->contains("region")) sts.region = top->at("region");
    }
    if (std::string tokenFile = get("web_identity_token_file"); !tokenFile.empty()) {
      WebIdentityProvider web(transport_, tokenFile, roleArn, get("role_session_name"), sts);
      // a one-shot fetch: this provider's own cache does the refreshing
      co_return co_await fetchFrom(web);
    }
    Result<Credentials> source = fail(ErrorKind::Invalid, "");
    const std::string sourceProfile = get("source_profile");
    const std::string credentialSource = get("credential_source");
    if (sourceProfile == name) {
      source = staticKeys();  // a profile may be its own source: its keys assume its role
    } else if (!sourceProfile.empty()) {
      if (!seen.insert(sourceProfile).second)
        co_return fail(ErrorKind::Invalid,
                       "profile " + profile_ + ": source_profile cycle at " + sourceProfile);
      source = co_await resolve(files, sourceProfile, seen);
    } else if (credentialSource == "Environment") {
      auto env = EnvironmentCredentialsProvider(options_.env).read();
      if (env)
        source = *env;
      else
        source = fail(ErrorKind::Invalid, "profile " + name +
                                              ": credential_source Environment, but "
                                              "AWS_ACCESS_KEY_ID is not set");
    } else if (credentialSource == "Ec2InstanceMetadata") {
      InstanceMetadataProvider imds(transport_, options_);
      source = co_await fetchFrom(imds);
    } else if (credentialSource == "EcsContainer") {
      std::string uri;
      if (auto rel = options_.env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))
        uri = options_.ecsEndpoint + *rel;
      else
        uri = options_.env("AWS_CONTAINER_CREDENTIALS_FULL_URI").value_or("");
      if (uri.empty()) {
        source = fail(ErrorKind::Invalid, "profile " + name +
                                              ": credential_source EcsContainer, but no "
                                              "AWS_CONTAINER_CREDENTIALS_*_URI is set");
      } else {
        ContainerProvider ecs(transport_, uri,
                              options_.env("AWS_CONTAINER_AUTHORIZATION_TOKEN").value_or(""),
                              options_);
        source = co_await fetchFrom(ecs);
      }
    } else {
      co_return fail(ErrorKind::Invalid, "profile " + name +
                                             ": role_arn needs source_profile or "
                                             "credential_source (Environment, "
                                             "Ec2InstanceMetadata, EcsContainer)");
    }
    if (!source) co_return fail(source.error());
    AssumeRoleOptions ar;
    ar.region = sts.region;
    ar.stsEndpoint = sts.stsEndpoint;
    ar.env = sts.env;
    ar.clock = sts.clock;
    if (auto n = get("role_session_name"); !n.empty()) ar.sessionName = n;
    ar.externalId = get("external_id");
    if (auto d = get("duration_seconds"); !d.empty())
      ar.duration = std::chrono::seconds(std::atol(d.c_str()));
    AssumeRoleProvider assume(
        std::make_shared<StaticCredentialsProvider>(*source, "source of profile " + name), roleArn,
        transport_, ar);
    co_return co_await fetchFrom(assume);
  }

  HttpTransport& transport_;
  std::string profile_;
  CredentialsOptions options_;
};

// ---- the chain ----

struct Source {
  std::string name;
  // The provider if this source is configured, else nullptr with *why set.
  std::function<std::shared_ptr<CredentialsProvider>(std::string* why)> make;
};

class ChainProvider final : public CredentialsProvider {
 public:
  explicit ChainProvider(std::vector<Source> sources) : sources_(std::move(sources)) {}
  std::string name() const override {
    std::lock_guard lock(mu_);
    return chosen_ ? chosen_->name() : "default credentials chain";
  }
  Awaitable<Result<Credentials>> get() override {
    std::shared_ptr<CredentialsProvider> chosen;
    {
      std::lock_guard lock(mu_);
      chosen = chosen_;
    }
    if (chosen) co_return co_await chosen->get();
    std::string reasons;
    for (const auto& s : sources_) {
      std::string why;
      auto p = s.make(&why);
      if (p) {
        auto c = co_await p->get();
        if (c) {
          std::lock_guard lock(mu_);
          if (!chosen_) chosen_ = p;
          co_return c;
        }
        why = c.error().describe();
      }
      reasons += (reasons.empty() ? "" : "; ") + s.name + ": " + why;
    }
    co_return fail(ErrorKind::Invalid, "no AWS credentials found (" + reasons + ")");
  }

 private:
  std::vector<Source> sources_;
  mutable std::mutex mu_;
  std::shared_ptr<CredentialsProvider> chosen_;
};

bool loopbackOrEcsHost(std::string_view uri) {
  auto p = uri.find("://");
  if (p == std::string_view::npos) return false;
  std::string_view scheme = uri.substr(0, p);
  if (scheme == "https") return true;
  std::string_view rest = uri.substr(p + 3);
  std::string_view host = rest.substr(0, rest.find('/'));
  if (host.starts_with("["))
    host = host.substr(0, host.find(']') + 1);
  else
    host = host.substr(0, host.find(':'));
  return host == "localhost" || host.starts_with("127.") || host == "[::1]" ||
         host == "169.254.170.2" || host == "169.254.170.23" || host == "[fd00:ec2::23]";
}

}  // namespace

Awaitable<Result<Credentials>> StaticCredentialsProvider::get() {
  co_return credentials_;
}

std::optional<Credentials> EnvironmentCredentialsProvider::read() const {
  auto ak = env_("AWS_ACCESS_KEY_ID");
  auto sk = env_("AWS_SECRET_ACCESS_KEY");
  if (!ak || !sk) return std::nullopt;
  Credentials c;
  c.accessKeyId = *ak;
  c.secretAccessKey = *sk;
  if (auto t = env_("AWS_SESSION_TOKEN")) c.sessionToken = *t;
  return c;
}

Awaitable<Result<Credentials>> EnvironmentCredentialsProvider::get() {
  if (auto c = read()) co_return *c;
  co_return fail(
      ErrorKind::Invalid,
      "environment credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");
}

// ---- RefreshingCredentialsProvider ----

RefreshingCredentialsProvider::RefreshingCredentialsProvider(Clock clock,
                                                             std::chrono::seconds refreshBefore)
    : clock_(orSystem(std::move(clock))), refreshBefore_(refreshBefore) {}

std::uint64_t RefreshingCredentialsProvider::fetches() const {
  std::lock_guard lock(mu_);
  return fetches_;
}

Awaitable<void> RefreshingCredentialsProvider::refresh() {
  auto result = co_await fetch();
  std::vector<std::shared_ptr<asio::steady_timer>> waiters;
  {
    std::lock_guard lock(mu_);
    ++fetches_;
    if (result) {
      cached_ = std::move(*result);
      lastError_.reset();
    } else {
      lastError_ = result.error();
    }
    refreshing_ = false;
    waiters.swap(waiters_);
  }
  for (auto& w : waiters)
    w->cancel();
}

Awaitable<Result<Credentials>> RefreshingCredentialsProvider::get() {
  auto self = shared_from_this();  // a background refresh may outlive this call
  auto executor = co_await asio::this_coro::executor;
  for (int round = 0;; ++round) {
    std::shared_ptr<asio::steady_timer> wait;
    bool runFetch = false;
    bool spawnRefresh = false;
    std::optional<Credentials> serve;
    {
      std::lock_guard lock(mu_);
      const auto t = clock_();
      const bool valid = cached_ && (!cached_->expiration || *cached_->expiration > t);
      const bool fresh =
          valid && (!cached_->expiration || *cached_->expiration - refreshBefore_ > t);
      if (valid) {
        serve = cached_;
        // about to expire: refresh in the background, keep serving what we have
        if (!fresh && !refreshing_) refreshing_ = spawnRefresh = true;
      }
      if (!serve && !(round > 0 && lastError_)) {
        if (refreshing_) {
          wait = std::make_shared<asio::steady_timer>(executor,
                                                      std::chrono::steady_clock::time_point::max());
          waiters_.push_back(wait);
        } else {
          refreshing_ = runFetch = true;
        }
      }
    }
    if (spawnRefresh)
      asio::co_spawn(
          executor, [self]() -> Awaitable<void> { co_await self->refresh(); }, asio::detached);
    if (serve) co_return std::move(*serve);
    if (!wait && !runFetch) {
      std::lock_guard lock(mu_);
      co_return fail(*lastError_);
    }
    if (runFetch) {
      co_await refresh();
    } else {
      boost::system::error_code ec;
      co_await wait->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    std::lock_guard lock(mu_);
    const auto t = clock_();
    if (cached_ && (!cached_->expiration || *cached_->expiration > t)) co_return *cached_;
    if (lastError_) co_return fail(*lastError_);
  }
}

// ---- factories ----

std::shared_ptr<CredentialsProvider> webIdentityCredentials(HttpTransport& transport,
                                                            std::string tokenFile,
                                                            std::string roleArn,
                                                            std::string sessionName,
                                                            const CredentialsOptions& options) {
  return std::make_shared<WebIdentityProvider>(transport, std::move(tokenFile), std::move(roleArn),
                                               std::move(sessionName), options);
}

std::shared_ptr<CredentialsProvider> containerCredentials(HttpTransport& transport, std::string uri,
                                                          std::string authToken,
                                                          const CredentialsOptions& options) {
  return std::make_shared<ContainerProvider>(transport, std::move(uri), std::move(authToken),
                                             options);
}

std::shared_ptr<CredentialsProvider> instanceMetadataCredentials(
    HttpTransport& transport, const CredentialsOptions& options) {
  return std::make_shared<InstanceMetadataProvider>(transport, options);
}

std::shared_ptr<CredentialsProvider> profileCredentials(HttpTransport& transport,
                                                        std::string profile,
                                                        const CredentialsOptions& options) {
  return std::make_shared<ProfileProvider>(transport, std::move(profile), options);
}

std::shared_ptr<CredentialsProvider> assumeRole(std::shared_ptr<CredentialsProvider> base,
                                                std::string roleArn, HttpTransport& transport,
                                                AssumeRoleOptions options) {
  return std::make_shared<AssumeRoleProvider>(std::move(base), std::move(roleArn), transport,
                                              std::move(options));
}

std::shared_ptr<CredentialsProvider> defaultCredentialsChain(HttpTransport& transport,
                                                             CredentialsOptions options) {
  if (!options.env) options.env = processEnv;
  HttpTransport* t = &transport;
  std::vector<Source> sources;
  sources.push_back(
      {"environment", [options](std::string* why) -> std::shared_ptr<CredentialsProvider> {
         auto env = std::make_shared<EnvironmentCredentialsProvider>(options.env);
         if (env->read()) return env;
         *why = "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY not set";
         return nullptr;
       }});
  sources.push_back(
      {"profile", [options, t](std::string* why) -> std::shared_ptr<CredentialsProvider> {
         auto explicitProfile = options.env("AWS_PROFILE");
         std::string profile = explicitProfile.value_or("default");
         SharedFiles files = loadSharedFiles(options);
         // an explicitly named profile that is missing is an error, not a skip
         if (!explicitProfile && !profileKeys(files, profile)) {
           *why = "no [default] profile in " + files.credentialsPath + " or " + files.configPath;
           return nullptr;
         }
         return std::make_shared<ProfileProvider>(*t, profile, options);
       }});
  sources.push_back(
      {"web identity", [options, t](std::string* why) -> std::shared_ptr<CredentialsProvider> {
         auto file = options.env("AWS_WEB_IDENTITY_TOKEN_FILE");
         auto role = options.env("AWS_ROLE_ARN");
         if (!file || !role) {
           *why = "AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN not set";
           return nullptr;
         }
         return std::make_shared<WebIdentityProvider>(
             *t, *file, *role, options.env("AWS_ROLE_SESSION_NAME").value_or(""), options);
       }});
  sources.push_back(
      {"container", [options, t](std::string* why) -> std::shared_ptr<CredentialsProvider> {
         std::string uri;
         if (auto rel = options.env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
           uri = options.ecsEndpoint + *rel;
         } else if (auto full = options.env("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
           if (!loopbackOrEcsHost(*full)) {
             *why = "AWS_CONTAINER_CREDENTIALS_FULL_URI " + *full +
                    " is neither https nor a loopback/ECS address";
             return nullptr;
           }
           uri = *full;
         } else {
           *why = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/FULL_URI not set";
           return nullptr;
         }
         return std::make_shared<ContainerProvider>(
             *t, uri, options.env("AWS_CONTAINER_AUTHORIZATION_TOKEN").value_or(""), options);
       }});
  sources.push_back(
      {"instance metadata", [options, t](std::string* why) -> std::shared_ptr<CredentialsProvider> {
         auto disabled = options.env("AWS_EC2_METADATA_DISABLED");
         if (disabled && (*disabled == "true" || *disabled == "TRUE" || *disabled == "True")) {
           *why = "AWS_EC2_METADATA_DISABLED";
           return nullptr;
         }
         return std::make_shared<InstanceMetadataProvider>(*t, options);
       }});
  return std::make_shared<ChainProvider>(std::move(sources));
}

}  // namespace driftless::aws
