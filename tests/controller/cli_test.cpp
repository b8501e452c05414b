#include "controller/cli/app.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/peer.h"

namespace driftless::cli {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exitCode;
  std::string out;
  std::string err;
};

Outcome runCli(std::vector<std::string> args) {
  args.insert(args.begin(), "driftless");
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  std::ostringstream out, err;
  const int code = run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

TEST(Cli, VersionAndHelp) {
  auto r = runCli({"--version"});
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_EQ(r.out, std::string("driftless ") + DRIFTLESS_VERSION + "\n");

  r = runCli({"--help"});
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_NE(r.out.find("validate"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--log-format"), std::string::npos) << r.out;

  r = runCli({"validate", "--help"});
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_NE(r.out.find("--config"), std::string::npos) << r.out;
}

TEST(Cli, UsageErrorsAreOneLineAndExitOne) {
  struct Case {
    std::vector<std::string> args;
    std::string err;
  } cases[] = {
      {{}, "driftless: A subcommand is required (see --help)\n"},
      {{"frobnicate"}, "driftless: unknown command \"frobnicate\" (see --help)\n"},
      {{"validate"}, "driftless validate: nothing to validate: give --config FILE (see --help)\n"},
      {{"--log-format", "xml", "validate"},
       "driftless: --log-format: xml not in {text,json} (see --help)\n"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args.empty() ? "(none)" : c.args.front());
    auto r = runCli(c.args);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err, c.err);
    EXPECT_EQ(lines(r.err).size(), 1u);
  }
}

TEST(Cli, ValidateAcceptsAGoodConfigWithGlobalOptionsAnywhere) {
  const std::string file = (testing::sourceDir() / "deploy/examples/single-source.yaml").string();
  auto r = runCli({"validate", "--config", file, "--log-format", "json", "--log-level", "warn"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, file + ": valid (controller platform-prod; 2 environments: dev, prod)\n");
  EXPECT_EQ(r.err, "");
}

// `driftless validate --config` on the whole bad corpus: every expected line on
// stderr, nothing on stdout, exit 1.
TEST(Cli, ValidateReportsEveryErrorOfEachBadConfig) {
  const fs::path dir = testing::sourceDir() / "tests/controller/configs/bad";
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    SCOPED_TRACE(entry.path().filename().string());
    auto r = runCli({"validate", "--config", entry.path().string()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.out, "");
    std::vector<std::string> expected;
    std::ifstream in(fs::path(entry.path()).replace_extension(".expected"));
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && !line.starts_with("#")) expected.push_back(dir.string() + "/" + line);
    }
    EXPECT_EQ(lines(r.err), expected);
    ++checked;
  }
  EXPECT_GE(checked, 15);
}

}  // namespace
}  // namespace driftless::cli

namespace driftless::cli {
namespace {

// Issue 13, defect 3: offline `validate PATH` names things for a placeholder
// environment and says so; CreationPolicy is accepted with a warning.
TEST(Cli, ValidatePathUsesAPlaceholderEnvironmentAndPrintsWarnings) {
  auto dir = fs::temp_directory_path() / ("driftless-validate-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "app.yaml")
      << "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    CreationPolicy: {}\n"
         "    Properties:\n      BucketName: !Sub 'logs-${Driftless::Environment}'\n";
  auto r = runCli({"validate", dir.string()});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, dir.string() +
                       ": manifests valid (offline, for a placeholder environment 'dev': give "
                       "--env NAME to check an environment's parameters)\n");
  EXPECT_EQ(r.err, "warning: " + dir.string() +
                       "/app.yaml:4:5: B: CreationPolicy is accepted and ignored (driftless does "
                       "not wait for signals or run rolling updates)\n");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace driftless::cli
