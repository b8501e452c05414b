// AWS::S3::Bucket LoggingConfiguration, AccelerateConfiguration and
// CorsConfiguration (issue 14): create, no-op, out-of-band change → drift →
// corrected, change → in-place update.
#include "tests/integration/providers1/harness.h"

namespace driftless::testing {
namespace {

TEST(S3BucketProvider, LoggingAccelerateAndCorsRoundTrip) {
  // The log bucket lets the S3 logging service write (a policy, as AWS requires).
  Harness buckets("AWS::S3::Bucket");
  const std::string logs = uniqueName("logs");
  Desired logBucket = buckets.desired("Logs", json(R"({"BucketName": ")" + logs + R"("})"));
  Observed logLive = buckets.create(logBucket);
  Harness policies("AWS::S3::BucketPolicy");
  Desired policy = policies.desired("P", json(R"({"Bucket": ")" + logs + R"("})"));
  policy.properties["PolicyDocument"] =
      json(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": ["s3:PutObject"],
      "Resource": "arn:aws:s3:::)" +
           logs + R"(/*"}]})");
  Observed policyLive = policies.create(policy);

  Harness h("AWS::S3::Bucket");
  const std::string name = uniqueName("configs");
  auto props = [&](const std::string& prefix, const std::string& accel, int maxAge) {
    return json(R"({"BucketName": ")" + name + R"(",
      "LoggingConfiguration": {"DestinationBucketName": ")" +
                logs + R"(", "LogFilePrefix": ")" + prefix + R"("},
      "AccelerateConfiguration": {"AccelerationStatus": ")" +
                accel + R"("},
      "CorsConfiguration": {"CorsRules": [{"Id": "web", "AllowedMethods": ["GET", "HEAD"],
        "AllowedOrigins": ["https://example.com"], "AllowedHeaders": ["*"],
        "ExposedHeaders": ["ETag"], "MaxAge": )" +
                std::to_string(maxAge) + "}]}}");
  };
  Desired d = h.desired("B", props("access/", "Enabled", 300));
  Observed live = h.create(d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(*live.properties.findPath("LoggingConfiguration.LogFilePrefix"), Value("access/"));
  EXPECT_EQ(*live.properties.findPath("AccelerateConfiguration.AccelerationStatus"),
            Value("Enabled"));
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  h.outOfBand("s3", "c.put_bucket_logging(Bucket='" + name +
                        "', BucketLoggingStatus={'LoggingEnabled': {'TargetBucket': '" + logs +
                        "', 'TargetPrefix': 'other/'}})\n"
                        "c.put_bucket_accelerate_configuration(Bucket='" +
                        name +
                        "', AccelerateConfiguration={'Status': 'Suspended'})\n"
                        "c.delete_bucket_cors(Bucket='" +
                        name + "')\n");
  live = h.observe(d);
  Delta drift = h.p().diff(d, live);
  EXPECT_EQ(paths(drift),
            (std::vector<std::string>{"AccelerateConfiguration.AccelerationStatus",
                                      "CorsConfiguration", "LoggingConfiguration.LogFilePrefix"}));
  live = h.update(d, live, drift);
  EXPECT_TRUE(h.p().diff(d, live).empty()) << ::testing::PrintToString(paths(h.p().diff(d, live)));

  Desired changed = h.desired("B", props("v2/", "Suspended", 600));
  Delta delta = h.p().diff(changed, live);
  EXPECT_EQ(paths(delta), (std::vector<std::string>{"AccelerateConfiguration.AccelerationStatus",
                                                    "CorsConfiguration.CorsRules",
                                                    "LoggingConfiguration.LogFilePrefix"}));
  live = h.update(changed, live, delta);
  EXPECT_TRUE(h.p().diff(changed, h.observe(changed)).empty());

  h.remove(changed, live);
  // S3 delivered access logs into the log bucket: empty it (driftless never deletes objects).
  h.outOfBand("s3", "for o in c.list_objects_v2(Bucket='" + logs +
                        "').get('Contents', []):\n  c.delete_object(Bucket='" + logs +
                        "', Key=o['Key'])\n");
  policies.remove(policy, policyLive);
  buckets.remove(logBucket, logLive);
}

}  // namespace
}  // namespace driftless::testing
