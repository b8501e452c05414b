#pragma once
// Credential sources and the default chain in the AWS SDKs' order:
//   1. environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN)
//   2. AWS_PROFILE (default "default") in the shared credentials and config
//      files (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE): static keys,
//      role_arn + source_profile (STS AssumeRole), web_identity_token_file
//   3. web identity (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, STS AssumeRoleWithWebIdentity)
//   4. ECS container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI,
//      AWS_CONTAINER_AUTHORIZATION_TOKEN[_FILE])
//   5. EC2 instance metadata, IMDSv2 (token PUT, then the role's credentials),
//      unless AWS_EC2_METADATA_DISABLED=true
// Temporary credentials are cached and refreshed before they expire; a refresh
// never blocks a caller while the cached credentials are still valid.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "providers/aws/client.h"
#include "providers/aws/endpoints.h"
#include "providers/aws/protocol.h"

namespace driftless::aws {

class HttpTransport;

using Clock = std::function<std::chrono::system_clock::time_point()>;

// Fixed credentials (tests, or keys given in a config).
class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials credentials, std::string name = "static")
      : credentials_(std::move(credentials)), name_(std::move(name)) {}
  Awaitable<Result<Credentials>> get() override;
  std::string name() const override { return name_; }

 private:
  Credentials credentials_;
  std::string name_;
};

// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, read on every get().
class EnvironmentCredentialsProvider final : public CredentialsProvider {
 public:
  explicit EnvironmentCredentialsProvider(EnvLookup env = processEnv) : env_(std::move(env)) {}
  Awaitable<Result<Credentials>> get() override;
  std::string name() const override { return "environment"; }
  // The credentials if both key variables are set.
  std::optional<Credentials> read() const;

 private:
  EnvLookup env_;
};

// Base of every source of temporary credentials: caches what fetch() returns,
// refreshes `refreshBefore` ahead of expiry in the background (callers keep
// the cached credentials meanwhile), and makes concurrent callers of an empty
// or expired cache share one fetch. Create with std::make_shared.
class RefreshingCredentialsProvider
    : public CredentialsProvider,
      public std::enable_shared_from_this<RefreshingCredentialsProvider> {
 public:
  Awaitable<Result<Credentials>> get() final;
  std::uint64_t fetches() const;  // how many times fetch() ran (tests)

 protected:
  explicit RefreshingCredentialsProvider(
      Clock clock = nullptr, std::chrono::seconds refreshBefore = std::chrono::minutes(5));
  virtual Awaitable<Result<Credentials>> fetch() = 0;
  // Runs another provider's fetch() without its cache (a source used inside a source).
  static Awaitable<Result<Credentials>> fetchFrom(RefreshingCredentialsProvider& p) {
    return p.fetch();
  }
  std::chrono::system_clock::time_point now() const { return clock_(); }

 private:
  Awaitable<void> refresh();
  Clock clock_;
  std::chrono::seconds refreshBefore_;
  mutable std::mutex mu_;
  std::optional<Credentials> cached_;
  bool refreshing_ = false;
  std::optional<Error> lastError_;
  std::vector<std::shared_ptr<asio::steady_timer>> waiters_;
  std::uint64_t fetches_ = 0;
};

// Where the HTTP-based sources send their requests; defaults are the real
// AWS addresses, tests point them at local servers.
struct CredentialsOptions {
  EnvLookup env = processEnv;
  Clock clock;         // default: system clock
  std::string region;  // for STS; default AWS_REGION, AWS_DEFAULT_REGION, us-east-1
  std::optional<std::string>
      stsEndpoint;  // default: resolved like any service (AWS_ENDPOINT_URL_STS...)
  std::string ecsEndpoint = "http://169.254.170.2";  // for the RELATIVE_URI form
  std::string imdsEndpoint;  // default AWS_EC2_METADATA_SERVICE_ENDPOINT or http://169.254.169.254
  std::chrono::milliseconds metadataTimeout{1000};  // ECS and IMDS: local, so short
  std::chrono::seconds refreshBefore = std::chrono::minutes(5);
  std::string homeDir;  // default $HOME, for ~/.aws/credentials and ~/.aws/config
};

struct AssumeRoleOptions {
  std::string sessionName = "driftless";
  std::string externalId;
  std::chrono::seconds duration = std::chrono::hours(1);
  std::string region;  // STS region; default as in CredentialsOptions
  std::optional<std::string> stsEndpoint;
  Clock clock;
  std::chrono::seconds refreshBefore = std::chrono::minutes(5);
  EnvLookup env = processEnv;
};

// STS AssumeRoleWithWebIdentity (unsigned) with a token read from a file on every refresh.
std::shared_ptr<CredentialsProvider> webIdentityCredentials(HttpTransport& transport,
                                                            std::string tokenFile,
                                                            std::string roleArn,
                                                            std::string sessionName,
                                                            const CredentialsOptions& options = {});
// ECS/EKS container credentials from `uri`, with an Authorization header if `authToken` is set.
std::shared_ptr<CredentialsProvider> containerCredentials(HttpTransport& transport, std::string uri,
                                                          std::string authToken,
                                                          const CredentialsOptions& options = {});
// EC2 instance metadata (IMDSv2).
std::shared_ptr<CredentialsProvider> instanceMetadataCredentials(
    HttpTransport& transport, const CredentialsOptions& options = {});
// A named profile of the shared files. Fails (kind Invalid) when the profile
// is absent or incomplete; role_arn profiles assume the role with STS.
std::shared_ptr<CredentialsProvider> profileCredentials(HttpTransport& transport,
                                                        std::string profile,
                                                        const CredentialsOptions& options = {});
// STS AssumeRole signed with `base`'s credentials (an environment's assumeRoleArn).
std::shared_ptr<CredentialsProvider> assumeRole(std::shared_ptr<CredentialsProvider> base,
                                                std::string roleArn, HttpTransport& transport,
                                                AssumeRoleOptions options = {});

// The SDK chain above. The first source that yields credentials is kept for
// later calls; when none does, the error lists why each was skipped.
std::shared_ptr<CredentialsProvider> defaultCredentialsChain(HttpTransport& transport,
                                                             CredentialsOptions options = {});

}  // namespace driftless::aws
