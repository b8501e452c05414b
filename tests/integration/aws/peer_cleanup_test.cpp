// The test peers leave nothing behind in the temporary directory when the tests pass:
// CI runs on a shared disk, and every binary starts its own moto.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "tests/support/peer.h"

namespace {

TEST(PeerCleanup, MotoLogIsRemovedWithItsServerWhenTestsPass) {
  std::string failure;
  auto moto = driftless::testing::MotoServer::start({}, &failure);
  ASSERT_TRUE(moto) << failure;
  const std::filesystem::path log = moto->logFile();
  ASSERT_TRUE(std::filesystem::exists(log)) << log;  // written while it runs
  moto.reset();
  EXPECT_FALSE(std::filesystem::exists(log)) << log << " left behind";
}

}  // namespace
