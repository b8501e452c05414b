#pragma once
// The controller configuration (SPEC §2): the operators' YAML, loaded into typed
// structs. Loading validates everything it can without touching the network or
// the environment, and reports every problem of a file at once, each as one line
// `file:line:col: key.path: message` (line and column 1-based).
//
// Secrets never live in this file: a token or webhook secret is referenced by the
// NAME of the environment variable holding it (`tokenEnv`, `webhookSecretEnv`), and
// `${...}` interpolation is refused anywhere, so the config can be committed and logged.
#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "gitsource/verify.h"

namespace driftless::config {

using Duration = std::chrono::milliseconds;

// `http: { listen: "host:port" }`. Port 0 picks a free port (tests).
struct HttpConfig {
  std::string listen;  // as written, e.g. "127.0.0.1:9464" or "[::1]:9464"
  std::string host;    // "127.0.0.1", "::1" (brackets removed), "localhost"
  std::uint16_t port = 0;
  // The status page /ui/ and the JSON API /api/v1/ (default true).
  bool ui = true;
  // NAME of the env var holding a bearer token for /ui/ and /api/. Without it the
  // API is read-only (no resync/suspend/resume from HTTP).
  std::string tokenEnv;
};

// `events:`: AWS's own change events (CloudTrail management events, routed by an
// EventBridge rule to an SQS queue) drive targeted cycles (docs/operations.md).
struct EventsConfig {
  std::string queueUrl;     // required: https://sqs.<region>.amazonaws.com/<account>/<name>
  std::string region;       // required
  std::string endpointUrl;  // optional, for emulators
  // Also ignore events made by the principal driftless runs as (besides its User-Agent).
  bool ignoreOwnPrincipal = false;
};

struct ControllerSection {
  std::string id;  // required; [A-Za-z0-9._-]{1,128}; the ownership tag value
  // default: /var/lib/driftless. Relative paths are resolved against the config
  // file's directory (so a config and its data can travel together).
  std::filesystem::path dataDir;
  // default: <dataDir>/control.sock (/run may not be writable); same relative rule.
  std::filesystem::path controlSocket;
  // default: absent = no HTTP listener (no /healthz, /metrics, /webhook).
  std::optional<HttpConfig> http;
  // default: empty = webhook disabled. The NAME of an env var; never the secret.
  std::string webhookSecretEnv;
  int maxInFlightRequests = 64;        // default 64; 1..10000
  std::optional<EventsConfig> events;  // default: absent = drift found by full scans only
  // default: empty = AWS's documented rates (providers/aws/budget.cpp). AWS service
  // name (as in driftless_aws_requests_total) → requests per second, 0.5..100000.
  std::map<std::string, double> apiBudget;
};

// Exactly one of tokenEnv / sshKeyFile, or neither (anonymous / file:// / local path).
struct GitAuth {
  std::string tokenEnv;                  // NAME of the env var holding an HTTPS token
  std::filesystem::path sshKeyFile;      // relative -> against the config file's directory
  std::filesystem::path knownHostsFile;  // optional, only with sshKeyFile
  std::string sshPassphraseEnv;          // optional, only with sshKeyFile: NAME of the env var
                                         // holding the key's passphrase
};

struct SourceConfig {
  std::string name;        // "default" for the single `source:` form, else the `sources:` key
  std::string url;         // https://, http://, ssh://, git://, file://, user@host:path, or a path
                           // (credentials inside the URL are refused); a relative path is
                           // resolved against the config file's directory
  std::string path = ".";  // default "."; folder inside the repo, no leading '/', no ".."
  GitAuth auth;
};

// `environments.<env>.health`: CloudWatch alarms watched for `bakeTime` after
// every cycle that changed something (controller/health.h).
struct HealthConfig {
  std::vector<std::string> alarms;  // alarm names, or
  std::string alarmPrefix;          // every alarm whose name starts with this
  Duration bakeTime = std::chrono::minutes(10);
  bool rollback = false;  // onFailure: rollback | notify (default notify)
};

struct EnvironmentConfig {
  std::string name;    // the map key; [A-Za-z0-9][A-Za-z0-9_-]{0,63}
  std::string source;  // name of a SourceConfig; default: the only source
  std::string path;    // effective manifest folder: the env's `path`, else the source's
  std::string branch;  // required
  Duration interval = std::chrono::minutes(5);  // default 5m; > 0
  Duration retryInterval{0};                    // default interval / 2; > 0
  std::string region;                           // required, e.g. eu-west-1
  std::string assumeRoleArn;                    // optional: arn:aws:iam::<12 digits>:role/<name>
  std::string endpointUrl;                      // optional: http(s)://host[:port]
  bool prune = false;                           // default false: deleting must be asked for
  bool selfHeal = true;                         // default true: correct drift
  double maxPruneFraction = 0.5;                // default 0.5; within [0, 1]
  // How often a cycle observes every resource; between full scans a cycle with no
  // new commit observes nothing, and change events trigger targeted cycles.
  Duration fullScanInterval{0};  // default = interval (every cycle is a full scan)
  // How often the daemon looks for leaked resources (driftless_unmanaged_resources).
  Duration unmanagedScanInterval = std::chrono::hours(1);  // default 1h
  // default off. `verify: { mode: ssh, allowedSignersFile: PATH }` or
  // `verify: { mode: gpg, keyring: PATH }` (relative -> against the config file's
  // directory): only commits signed by an allowed key are reconciled.
  gitsource::VerifyPolicy verify;
  std::optional<HealthConfig> health;  // default: no health gate
};

// `notifications:` entries (docs/operations.md#notifications).
struct NotificationConfig {
  std::string name;
  std::vector<std::string> on;            // event kinds: drift.detected, cycle.failed, ...
  std::vector<std::string> environments;  // empty = all
  std::string snsTopicArn;                // sns: { topicArn, region }
  std::string snsRegion;
  std::string snsEndpointUrl;    // optional, for emulators
  std::string webhookUrlEnv;     // webhook: { urlEnv, secretEnv }: NAMES of env vars
  std::string webhookSecretEnv;  // optional: HMAC-SHA256 signature header when set
};

enum class StateBackend { Local, S3 };

struct StateConfig {
  StateBackend backend = StateBackend::Local;  // default local (under dataDir/state)
  std::string bucket;                          // required for s3
  std::string prefix;  // default ""; a non-empty prefix always ends with '/'
  std::string region;  // required for s3
  Duration retention = std::chrono::hours(24 * 90);  // default 90d; > 0
  std::string endpointUrl;                           // optional, for emulators
};

struct ControllerConfig {
  std::filesystem::path file;  // where it was loaded from (as given)
  ControllerSection controller;
  std::map<std::string, SourceConfig> sources;            // by name; at least one
  std::map<std::string, EnvironmentConfig> environments;  // by name; at least one
  StateConfig state;
  std::vector<NotificationConfig> notifications;

  const SourceConfig& sourceOf(const EnvironmentConfig& env) const {
    return sources.at(env.source);
  }
};

// One problem found while loading. line/column are 1-based; 0 when the problem is
// about the file as a whole (unreadable, empty).
struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string keyPath;  // "environments.dev.interval"; empty for syntax errors
  std::string message;

  // "file:line:col: key.path: message" (parts that are absent are left out).
  std::string format() const;
};

using LoadResult = std::expected<ControllerConfig, std::vector<Diagnostic>>;

// Parses `text` as if read from `fileName` (used in messages and to resolve relative
// paths). Never throws; on failure returns every diagnostic, in file order.
LoadResult parseConfig(std::string_view text, const std::filesystem::path& fileName);
// Reads and parses a file.
LoadResult loadConfig(const std::filesystem::path& file);

// For start-up code that prefers an exception (SPEC: exceptions only at start-up
// and config load). what() is every diagnostic, one per line.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};
ControllerConfig loadConfigOrThrow(const std::filesystem::path& file);

// "250ms", "30s", "5m", "1h", "90d", and sums such as "1h30m". No sign, no spaces,
// a unit is required. Returns the error message on failure. Zero is accepted here;
// callers that need a positive value check it.
std::expected<Duration, std::string> parseDuration(std::string_view text);
// The shortest exact rendering: 90000ms -> "1m30s", 250ms -> "250ms", 0 -> "0s".
std::string formatDuration(Duration d);

}  // namespace driftless::config
