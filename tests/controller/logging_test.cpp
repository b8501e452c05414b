#include "controller/logging.h"

#include <gtest/gtest.h>

#include <sstream>

#include <spdlog/sinks/ostream_sink.h>

namespace driftless::logging {
namespace {

struct Captured {
  std::ostringstream out;
  std::shared_ptr<spdlog::logger> logger;

  explicit Captured(Format format, spdlog::level::level_enum level = spdlog::level::info) {
    Options options;
    options.format = format;
    options.level = level;
    logger = makeLogger("test", std::make_shared<spdlog::sinks::ostream_sink_st>(out), options);
  }
  std::string text() {
    logger->flush();
    return out.str();
  }
};

// Replaces every RFC 3339 UTC millisecond timestamp ("2026-11-22T10:15:00.123Z") by
// "<time>", so lines can be compared whole. (No <regex>: GCC 12 warns in it under
// sanitizers.)
std::string maskTimes(std::string text) {
  const std::string shape = "dddd-dd-ddTdd:dd:dd.dddZ";
  for (std::size_t i = 0; i + shape.size() <= text.size(); ++i) {
    bool match = true;
    for (std::size_t k = 0; k < shape.size() && match; ++k) {
      const char c = text[i + k];
      match = shape[k] == 'd' ? (c >= '0' && c <= '9') : c == shape[k];
    }
    if (match) text.replace(i, shape.size(), "<time>");
  }
  return text;
}

const std::vector<Field> kCreated = {
    {"env", "dev"},
    {"cycle", "20261122T101500Z-abc1234-1"},
    {"commit", "abc1234"},
    {"id", "orders/OrdersQueue"},
    {"type", "AWS::SQS::Queue"},
    {"physicalId", "https://sqs.eu-west-1.amazonaws.com/1/orders-dev"},
};

TEST(Logging, TextEventIsOneReadableLine) {
  Captured log(Format::Text);
  event("resource.created", kCreated, spdlog::level::info, log.logger.get());
  EXPECT_EQ(maskTimes(log.text()),
            "<time> INFO  resource.created env=dev cycle=20261122T101500Z-abc1234-1 "
            "commit=abc1234 id=orders/OrdersQueue type=AWS::SQS::Queue "
            "physicalId=https://sqs.eu-west-1.amazonaws.com/1/orders-dev\n");
}

TEST(Logging, JsonEventIsOneObjectWithFieldsInOrder) {
  Captured log(Format::Json);
  event("resource.created", kCreated, spdlog::level::info, log.logger.get());
  EXPECT_EQ(maskTimes(log.text()),
            R"({"time":"<time>","level":"info",)"
            R"("event":"resource.created","env":"dev","cycle":"20261122T101500Z-abc1234-1",)"
            R"("commit":"abc1234","id":"orders/OrdersQueue","type":"AWS::SQS::Queue",)"
            R"("physicalId":"https://sqs.eu-west-1.amazonaws.com/1/orders-dev"})"
            "\n");
}

TEST(Logging, SecretFieldsAndUrlCredentialsNeverReachALine) {
  for (Format format : {Format::Text, Format::Json}) {
    Captured log(format);
    event("source.fetched",
          {{"env", "dev"},
           {"url", "https://deploy:ghp_leak@git.example.com/r.git"},
           secret("token", "ghp_leak2"),
           {"count", 3},
           {"ok", true}},
          spdlog::level::info, log.logger.get());
    log.logger->warn("fetch failed for https://x:ghp_leak3@host/r");
    const std::string out = log.text();
    EXPECT_EQ(out.find("ghp_leak"), std::string::npos) << out;
    if (format == Format::Text) {
      EXPECT_NE(out.find("url=https://***@git.example.com/r.git token=*** count=3 ok=true"),
                std::string::npos)
          << out;
      EXPECT_NE(out.find("WARN  fetch failed for https://***@host/r"), std::string::npos) << out;
    } else {
      EXPECT_NE(out.find(R"("url":"https://***@git.example.com/r.git","token":"***","count":3,)"
                         R"("ok":true})"),
                std::string::npos)
          << out;
      EXPECT_NE(out.find(R"("level":"warn","msg":"fetch failed for https://***@host/r"})"),
                std::string::npos)
          << out;
    }
  }
}

TEST(Logging, LevelFiltersAndJsonEscapes) {
  Captured log(Format::Json, spdlog::level::warn);
  log.logger->info("hidden");
  event("cycle.started", {{"env", "dev"}}, spdlog::level::info, log.logger.get());
  log.logger->error("quote \" and\nnewline");
  EXPECT_EQ(log.text().substr(log.text().find("\"level\"")),
            "\"level\":\"error\",\"msg\":\"quote \\\" and\\nnewline\"}\n");
}

TEST(Logging, ValuesWithSpacesAreQuotedInText) {
  Captured log(Format::Text);
  event("resource.failed", {{"error", "Access Denied (403)"}, {"event", "x"}}, spdlog::level::err,
        log.logger.get());
  EXPECT_NE(log.text().find("ERROR resource.failed error=\"Access Denied (403)\" event=x"),
            std::string::npos)
      << log.text();
}

TEST(Logging, ParsesFormatAndLevelNames) {
  EXPECT_EQ(parseFormat("json"), Format::Json);
  EXPECT_EQ(parseFormat("text"), Format::Text);
  EXPECT_EQ(parseFormat("xml").error(), "unknown log format \"xml\" (use text or json)");
  EXPECT_EQ(parseLevel("debug"), spdlog::level::debug);
  EXPECT_EQ(parseLevel("warn"), spdlog::level::warn);
  EXPECT_FALSE(parseLevel("loud").has_value());
}

}  // namespace
}  // namespace driftless::logging
