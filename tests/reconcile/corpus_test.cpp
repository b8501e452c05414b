// The corpus of broken manifests: each case (a file, or a folder with
// parameters/dev.yaml) must produce exactly the located messages of its
// sidecar NAME.expected, one per line, in order. DRIFTLESS_UPDATE_GOLDEN=1
// rewrites the sidecars (review the diff before committing).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "reconcile/loader.h"
#include "tests/reconcile/test_types.h"
#include "tests/support/peer.h"

namespace driftless::reconcile {
namespace {

namespace fs = std::filesystem;

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Corpus, EveryBrokenManifestGivesItsExactLocatedMessages) {
  fs::path dir = driftless::testing::sourceDir() / "tests/reconcile/corpus";
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  bool update = std::getenv("DRIFTLESS_UPDATE_GOLDEN") != nullptr;
  LoadContext ctx;
  ctx.environment = "dev";
  ctx.region = "eu-west-1";
  ctx.accountId = "111111111111";
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() != ".expected") cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  ASSERT_GE(cases.size(), 30u);
  for (const auto& c : cases) {
    std::vector<SourceFile> files;
    if (fs::is_directory(c)) {
      auto read = readDirectory(c);
      ASSERT_TRUE(read) << read.error().message;
      files = *read;
    } else {
      files.push_back({c.filename().string(), readAll(c)});
    }
    auto result = load(files, ctx, test::testRegistry());
    std::string actual;
    if (!result)
      for (const auto& d : result.error())
        actual += d.str() + "\n";
    fs::path expectedFile = c.parent_path() / (c.stem().string() + ".expected");
    if (fs::is_directory(c)) expectedFile = c.parent_path() / (c.filename().string() + ".expected");
    if (update) {
      std::ofstream(expectedFile, std::ios::binary) << actual;
      continue;
    }
    ASSERT_TRUE(fs::exists(expectedFile)) << expectedFile;
    EXPECT_FALSE(actual.empty()) << c.filename() << " loaded without an error";
    EXPECT_EQ(actual, readAll(expectedFile)) << "case " << c.filename();
  }
}

}  // namespace
}  // namespace driftless::reconcile
