#include "controller/metrics.h"

#include <gtest/gtest.h>

namespace driftless::controller {
namespace {

TEST(Metrics, RendersCountersGaugesAndHistogram) {
  Metrics m;
  m.cycleFinished("dev", "succeeded", 0.3);
  m.cycleFinished("dev", "succeeded", 7);
  m.cycleFinished("dev", "failed", 0.01);
  m.setDrifted("dev", 2);
  m.setManaged("dev", 5);
  m.setLastSuccess("dev", 1700000000);
  m.addRequestSource([] { return Metrics::RequestCounts{{{"sqs", 200}, 3}, {{"s3", 404}, 1}}; });
  m.addRequestSource([] { return Metrics::RequestCounts{{{"sqs", 200}, 2}}; });
  std::string text = m.render();
  EXPECT_NE(text.find("driftless_cycles_total{env=\"dev\",result=\"succeeded\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("driftless_cycles_total{env=\"dev\",result=\"failed\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("driftless_cycle_duration_seconds_bucket{env=\"dev\",le=\"0.5\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("driftless_cycle_duration_seconds_bucket{env=\"dev\",le=\"+Inf\"} 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("driftless_cycle_duration_seconds_count{env=\"dev\"} 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("driftless_drifted_resources{env=\"dev\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("driftless_managed_resources{env=\"dev\"} 5\n"), std::string::npos);
  EXPECT_NE(text.find("driftless_last_success_timestamp_seconds{env=\"dev\"} 1700000000\n"),
            std::string::npos);
  EXPECT_NE(text.find("driftless_aws_requests_total{service=\"sqs\",status=\"200\"} 5\n"),
            std::string::npos);
  EXPECT_NE(text.find("driftless_aws_requests_total{service=\"s3\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("process_resident_memory_bytes "), std::string::npos);
  EXPECT_GT(residentMemoryBytes(), 0u);
}

TEST(Metrics, RendersTheApiBudgetAndObserveRequestsPerResource) {
  Metrics m;
  std::string text = m.render();
  EXPECT_EQ(text.find("driftless_api_budget_rate"), std::string::npos) << "none before a source";
  m.setBudgetSource([] {
    return std::vector<Metrics::BudgetRate>{{"lambda", "eu-west-1", 7.5, 2},
                                            {"lambda", "us-east-1", 15, 1},
                                            {"sqs", "eu-west-1", 100, 0}};
  });
  m.setObserveRequestsPerResource("dev", 1.25);
  text = m.render();
  EXPECT_NE(text.find("driftless_api_budget_rate{service=\"lambda\",region=\"eu-west-1\"} 7.5\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("driftless_api_budget_rate{service=\"sqs\",region=\"eu-west-1\"} 100\n"),
            std::string::npos);
  EXPECT_NE(text.find("driftless_aws_throttled_total{service=\"lambda\"} 3\n"), std::string::npos)
      << "summed over regions";
  EXPECT_NE(text.find("driftless_aws_throttled_total{service=\"sqs\"} 0\n"), std::string::npos);
  EXPECT_NE(text.find("driftless_observe_requests_per_resource{env=\"dev\"} 1.25\n"),
            std::string::npos);
}

TEST(Metrics, EscapesLabelValues) {
  EXPECT_EQ(escapeLabel("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

}  // namespace
}  // namespace driftless::controller
