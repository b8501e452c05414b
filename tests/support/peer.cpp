#include "tests/support/peer.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

extern char** environ;

namespace driftless::testing {

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> mergedEnv(const EnvVars& extra) {
  std::vector<std::string> out;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    auto eq = kv.find('=');
    std::string key = kv.substr(0, eq);
    bool overridden = false;
    for (const auto& [k, v] : extra)
      if (k == key) overridden = true;
    if (!overridden) out.push_back(kv);
  }
  for (const auto& [k, v] : extra)
    if (!v.empty() || k.empty()) out.push_back(k + "=" + v);
  return out;
}

pid_t spawn(const std::vector<std::string>& argv, const EnvVars& env, int outFd, int inFd,
            const std::string& workDir) {
  std::vector<std::string> envStrings = mergedEnv(env);
  // Variables set to "" in `env` are removed from the child's environment.
  std::vector<char*> envp;
  for (auto& s : envStrings)
    envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> argvp;
  for (auto& s : args)
    argvp.push_back(s.data());
  argvp.push_back(nullptr);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);
    setpgid(0, 0);
    if (inFd >= 0)
      dup2(inFd, 0);
    else {
      int devnull = open("/dev/null", O_RDONLY);
      dup2(devnull, 0);
    }
    if (outFd >= 0) {
      dup2(outFd, 1);
      dup2(outFd, 2);
    }
    if (!workDir.empty() && chdir(workDir.c_str()) != 0) _exit(126);
    execvpe(argvp[0], argvp.data(), envp.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

int freePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

bool waitForPort(int port, int timeoutMs, pid_t mustStayAlive) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
  while (Clock::now() < deadline) {
    if (mustStayAlive > 0) {
      int status = 0;
      if (waitpid(mustStayAlive, &status, WNOHANG) == mustStayAlive) return false;
    }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    int rc = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    close(fd);
    if (rc == 0) return true;
    // Readiness polling: a short pause between connection attempts.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

Process::Process(std::vector<std::string> argv, EnvVars env, std::string logFile,
                 std::string workDir)
    : logFile_(std::move(logFile)) {
  int fd = -1;
  if (!logFile_.empty())
    fd = open(logFile_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  else
    fd = open("/dev/null", O_WRONLY);
  pid_ = spawn(argv, env, fd, -1, workDir);
  if (fd >= 0) close(fd);
}

Process::~Process() {
  stop(2000);
}

bool Process::running() {
  if (pid_ <= 0 || reaped_) return false;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    reaped_ = true;
    status_ = status;
    return false;
  }
  return true;
}

bool Process::wait(int timeoutMs, int* status) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
  while (running()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (status) *status = status_;
  return true;
}

int Process::signal(int sig) {
  return running() ? ::kill(pid_, sig) : -1;
}

int Process::stop(int graceMs) {
  if (pid_ <= 0) return 0;
  if (running()) {
    ::kill(pid_, SIGTERM);
    if (!wait(graceMs)) {
      ::kill(-pid_, SIGKILL);
      ::kill(pid_, SIGKILL);
      wait(5000);
    }
  }
  // Children of the peer (werkzeug reloaders, git daemon workers) go with it.
  ::kill(-pid_, SIGKILL);
  return status_;
}

std::string Process::log() const {
  std::ifstream in(logFile_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string runCommand(const std::vector<std::string>& argv, int* exitCode, const EnvVars& env,
                       const std::string& stdinText) {
  int outPipe[2];
  int inPipe[2];
  // Close-on-exec, so the child does not hold its own stdin open (it would never see EOF).
  if (pipe2(outPipe, O_CLOEXEC) != 0 || pipe2(inPipe, O_CLOEXEC) != 0) {
    if (exitCode) *exitCode = -1;
    return "pipe failed";
  }
  pid_t pid = spawn(argv, env, outPipe[1], inPipe[0], "");
  close(outPipe[1]);
  close(inPipe[0]);
  if (!stdinText.empty()) {
    ssize_t ignored = write(inPipe[1], stdinText.data(), stdinText.size());
    (void)ignored;
  }
  close(inPipe[1]);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(outPipe[0], buf, sizeof buf)) > 0)
    out.append(buf, static_cast<size_t>(n));
  close(outPipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (exitCode) *exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return out;
}

std::string pythonWithMoto(std::string* why) {
  std::vector<std::string> candidates;
  if (const char* p = std::getenv("DRIFTLESS_PYTHON"); p && *p) candidates.push_back(p);
  if (const char* home = std::getenv("HOME")) {
    std::error_code ec;
    for (auto& d : std::filesystem::directory_iterator(std::string(home) + "/.pyenv/versions", ec))
      candidates.push_back((d.path() / "bin/python3").string());
  }
  candidates.push_back("python3");
  candidates.push_back("/usr/bin/python3");
  for (const auto& c : candidates) {
    int rc = 0;
    runCommand({c, "-c", "import moto.server, boto3"}, &rc);
    if (rc == 0) return c;
  }
  if (why) *why = "no Python that can `import moto.server, boto3` (run ./scripts/deps)";
  return "";
}

TempDir::TempDir() {
  std::random_device rd;
  auto base = std::filesystem::temp_directory_path();
  for (;;) {
    path_ = base / ("driftless-test-" + std::to_string(rd()));
    if (std::filesystem::create_directory(path_)) break;
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::unique_ptr<MotoServer> MotoServer::start(const Options& options, std::string* error) {
  std::unique_ptr<MotoServer> m(new MotoServer());
  m->options_ = options;
  m->python_ = pythonWithMoto(error);
  if (m->python_.empty()) return nullptr;
  m->port_ = freePort();
  m->logFile_ = (std::filesystem::temp_directory_path() /
                 ("driftless-moto-" + std::to_string(m->port_) + ".log"))
                    .string();
  if (!m->launch(error)) return nullptr;
  return m;
}

bool MotoServer::launch(std::string* error) {
  EnvVars env = {{"AWS_ACCESS_KEY_ID", "testing"},
                 {"AWS_SECRET_ACCESS_KEY", "testing"},
                 {"AWS_DEFAULT_REGION", "us-east-1"}};
  // The bootstrap below makes exactly three unsigned calls (user, policy, key).
  if (options_.verifySignatures) env.emplace_back("INITIAL_NO_AUTH_ACTION_COUNT", "3");
  if (options_.loadIamManagedPolicies) env.emplace_back("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
  for (const auto& kv : options_.extraEnv)
    env.push_back(kv);
  process_ =
      std::make_unique<Process>(std::vector<std::string>{python_, "-m", "moto.server", "-H",
                                                         "127.0.0.1", "-p", std::to_string(port_)},
                                env, logFile_);
  if (!waitForPort(port_, 30000, process_->pid())) {
    if (error)
      *error = "moto server did not start on 127.0.0.1:" + std::to_string(port_) + ": " +
               process_->log();
    process_.reset();
    return false;
  }
  accessKeyId_ = "testing";
  secretAccessKey_ = "testing";
  if (options_.verifySignatures) {
    int rc = 0;
    std::string out = python(
        "import json\n"
        "iam = boto3.client('iam', endpoint_url=ep, region_name=region,"
        " aws_access_key_id='bootstrap', aws_secret_access_key='bootstrap')\n"
        "iam.create_user(UserName='driftless-test')\n"
        "iam.put_user_policy(UserName='driftless-test', PolicyName='all', PolicyDocument="
        "json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'*',"
        "'Resource':'*'}]}))\n"
        "k = iam.create_access_key(UserName='driftless-test')['AccessKey']\n"
        "print(k['AccessKeyId'], k['SecretAccessKey'])\n",
        &rc);
    std::istringstream in(out);
    std::string ak, sk;
    in >> ak >> sk;
    if (rc != 0 || ak.empty() || sk.empty()) {
      if (error) *error = "moto auth bootstrap failed: " + out;
      process_.reset();
      return false;
    }
    accessKeyId_ = ak;
    secretAccessKey_ = sk;
  }
  return true;
}

MotoServer::~MotoServer() {
  stop();
  // The log is for a failure's reader: kept (and named) when a test failed, else removed,
  // so passing runs leave nothing in the temporary directory.
  auto* unit = ::testing::UnitTest::GetInstance();
  const auto* running = unit->current_test_info();  // a server of the test's own
  if (unit->failed_test_count() > 0 || unit->ad_hoc_test_result().Failed() ||
      (running && running->result()->Failed())) {
    std::fprintf(stderr, "moto server log kept: %s\n", logFile_.c_str());
    return;
  }
  std::error_code ec;
  std::filesystem::remove(logFile_, ec);
}

void MotoServer::stop() {
  if (process_) process_->stop(3000);
  process_.reset();
}

bool MotoServer::restart(std::string* error) {
  stop();
  return launch(error);
}

EnvVars MotoServer::clientEnv() const {
  return {{"AWS_ACCESS_KEY_ID", accessKeyId_}, {"AWS_SECRET_ACCESS_KEY", secretAccessKey_},
          {"AWS_SESSION_TOKEN", ""},           {"AWS_PROFILE", ""},
          {"AWS_DEFAULT_REGION", "us-east-1"}, {"AWS_REGION", "us-east-1"},
          {"AWS_ENDPOINT_URL", endpoint()},    {"AWS_EC2_METADATA_DISABLED", "true"}};
}

void MotoServer::reset() {
  python(
      "import urllib.request\nurllib.request.urlopen(urllib.request.Request(ep + "
      "'/moto-api/reset', method='POST')).read()\n");
}

std::string MotoServer::python(const std::string& code, int* exitCode) const {
  std::string prelude =
      "import os, sys, boto3\n"
      "ep = " +
      std::string("'") + endpoint() + "'\n" + "ak = '" + accessKeyId_ + "'\n" + "sk = '" +
      secretAccessKey_ + "'\n" + "region = 'us-east-1'\n";
  EnvVars env = clientEnv();
  return runCommand({python_, "-c", prelude + code}, exitCode, env);
}

MotoServer& sharedMoto(const MotoServer::Options& options) {
  static std::unique_ptr<MotoServer> server;
  static std::string failure;
  if (!server && failure.empty()) {
    server = MotoServer::start(options, &failure);
    if (server) std::atexit([] { server.reset(); });
  }
  if (!server) {
    ADD_FAILURE() << "cannot start the moto server peer: " << failure;
    throw std::runtime_error("moto server unavailable: " + failure);
  }
  return *server;
}

std::filesystem::path sourceDir() {
  if (const char* p = std::getenv("DRIFTLESS_SOURCE_DIR"); p && *p) return p;
  return DRIFTLESS_TEST_SOURCE_DIR;
}

std::filesystem::path binaryDir() {
  if (const char* p = std::getenv("DRIFTLESS_BINARY_DIR"); p && *p) return p;
  return DRIFTLESS_TEST_BINARY_DIR;
}

}  // namespace driftless::testing
