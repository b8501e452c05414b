#pragma once
// Real peers for tests: processes started on 127.0.0.1 with a free port,
// waited for until they answer, and stopped by pid. A peer that cannot start
// fails the test with the reason; nothing is skipped silently.
#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace driftless::testing {

using EnvVars = std::vector<std::pair<std::string, std::string>>;

// A port on 127.0.0.1 that was free a moment ago (bound to 0, then released).
int freePort();

// Polls a TCP connect to 127.0.0.1:port until it succeeds or `timeoutMs` passes.
bool waitForPort(int port, int timeoutMs, pid_t mustStayAlive = 0);

// A child process; stopped (SIGTERM, then SIGKILL) when this object dies, and
// also if the test binary dies (PR_SET_PDEATHSIG).
class Process {
 public:
  // argv[0] is looked up in PATH. stdout+stderr go to `logFile` (or /dev/null).
  Process(std::vector<std::string> argv, EnvVars env = {}, std::string logFile = "",
          std::string workDir = "");
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  // SIGTERM, wait up to `graceMs`, then SIGKILL. Returns the exit status (waitpid form).
  int stop(int graceMs = 5000);
  int signal(int sig);
  // Waits for exit up to timeoutMs; returns true and sets status if it exited.
  bool wait(int timeoutMs, int* status = nullptr);
  const std::string& logFile() const { return logFile_; }
  std::string log() const;  // the log file's contents

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  std::string logFile_;
};

// Runs a command to completion; returns its stdout+stderr and sets *exitCode.
std::string runCommand(const std::vector<std::string>& argv, int* exitCode = nullptr,
                       const EnvVars& env = {}, const std::string& stdinText = "");

// A Python that can `import moto.server` (DRIFTLESS_PYTHON, recorded by scripts/deps,
// else searched). Empty with *why set if none.
std::string pythonWithMoto(std::string* why = nullptr);

// A fresh temporary directory, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// A moto server (the AWS peer). One per test binary: use sharedMoto().
class MotoServer {
 public:
  struct Options {
    // INITIAL_NO_AUTH_ACTION_COUNT: create an IAM user with an allow-all policy
    // and an access key, then require every request to be signed with it.
    bool verifySignatures = false;
    bool loadIamManagedPolicies = false;  // MOTO_IAM_LOAD_MANAGED_POLICIES=true
    EnvVars extraEnv;
  };
  // Starts moto; on failure returns nullptr and sets *error to the reason.
  static std::unique_ptr<MotoServer> start(const Options& options, std::string* error);
  ~MotoServer();

  int port() const { return port_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& accessKeyId() const { return accessKeyId_; }
  const std::string& secretAccessKey() const { return secretAccessKey_; }
  // Environment for a child (the driftless binary, boto3) to reach this peer.
  EnvVars clientEnv() const;
  // POST /moto-api/reset: forget every resource (the auth user too: only use
  // without verifySignatures).
  void reset();
  // Runs a Python snippet with boto3 against this peer ("ep", "ak", "sk",
  // "region" are predefined; `boto3` imported). Returns output; *exitCode set.
  std::string python(const std::string& code, int* exitCode = nullptr) const;
  std::string log() const { return process_ ? process_->log() : ""; }
  // Removed with the server when every test passed; kept (and named on stderr) otherwise.
  const std::string& logFile() const { return logFile_; }
  pid_t pid() const { return process_ ? process_->pid() : -1; }
  void stop();  // stops the process now (a test of an outage); restart() brings it back
  bool restart(std::string* error);  // same port, empty state (auth re-bootstrapped)

 private:
  MotoServer() = default;
  bool launch(std::string* error);
  Options options_;
  std::string python_;
  int port_ = 0;
  std::string accessKeyId_ = "testing";
  std::string secretAccessKey_ = "testing";
  std::string logFile_;
  std::unique_ptr<Process> process_;
};

// The binary's one moto server, started on first use with `options` and stopped
// at exit. If it cannot start, the calling test fails with the reason (FAIL()),
// so call it through ASSERT_NO_FATAL_FAILURE or at the top of a test/fixture.
MotoServer& sharedMoto(const MotoServer::Options& options = {});

// The source and build directories (set by ctest; fall back to compile-time values).
std::filesystem::path sourceDir();
std::filesystem::path binaryDir();

}  // namespace driftless::testing
