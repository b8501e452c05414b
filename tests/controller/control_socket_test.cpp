#include "controller/control_socket.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <thread>

#include "tests/support/peer.h"

namespace driftless::controller {
namespace {

// The server runs on its own io_context thread, the client is the CLI's blocking one.
class ControlSocketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (dir_.path() / "control.sock").string();
    server_ = std::make_unique<ControlSocket>(
        io_, path_,
        [](const Value& request) -> Awaitable<Value> {
          Value answer = Value::object();
          answer["ok"] = true;
          answer["echo"] = request;
          co_return answer;
        },
        bus_);
    auto started = server_->start();
    ASSERT_TRUE(started) << started.error().message;
    thread_ = std::thread([this] {
      auto guard = asio::make_work_guard(io_);
      io_.run();
    });
  }
  void TearDown() override {
    asio::post(io_, [this] { server_->stop(); });
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }

  testing::TempDir dir_;
  std::string path_;
  asio::io_context io_;
  EventBus bus_;
  std::unique_ptr<ControlSocket> server_;
  std::thread thread_;
};

TEST_F(ControlSocketTest, SocketIsOwnerOnly) {
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_TRUE(S_ISSOCK(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(ControlSocketTest, AnswersOneRequest) {
  Value request = Value::object();
  request["command"] = "status";
  request["env"] = "dev";
  auto answer = controlRequest(path_, request);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_TRUE(answer->find("ok")->asBool());
  EXPECT_EQ(answer->find("echo")->find("env")->asString(), "dev");
}

TEST_F(ControlSocketTest, FollowStreamsPublishedEvents) {
  Value request = Value::object();
  request["command"] = "logs";
  request["follow"] = true;
  request["env"] = "dev";
  std::vector<std::string> got;
  auto r = controlStream(path_, request, [&](const Value& line) {
    if (line.find("following")) {
      // Subscribed: publish one event of another environment, then ours.
      Event other;
      other.name = "cycle.started";
      other.env = "prod";
      bus_.publish(other);
      Event mine;
      mine.name = "cycle.finished";
      mine.env = "dev";
      bus_.publish(mine);
      return true;
    }
    got.push_back(line.find("event")->asString());
    return false;
  });
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], "cycle.finished");
}

TEST(ControlSocketClient, NoDaemonIsOneClearError) {
  testing::TempDir dir;
  Value request = Value::object();
  request["command"] = "status";
  auto answer = controlRequest((dir.path() / "none.sock").string(), request);
  ASSERT_FALSE(answer);
  EXPECT_NE(answer.error().message.find("no driftless daemon listens on"), std::string::npos);
}

}  // namespace
}  // namespace driftless::controller
