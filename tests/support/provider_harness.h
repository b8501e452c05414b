#pragma once
// Runs one provider against a real peer (the binary's moto server, or another
// endpoint such as dynalite): a real aws::Client over HTTP on one io_context,
// each provider call run to completion, request counts per operation, and a
// check that every call made is an IAM action the type declares (so the
// policy `driftless iam-policy` makes from the declarations allows it).
//
// Each test binary defines, before including this header, which moto it uses:
//   namespace driftless::testing { inline MotoServer& moto() { return sharedMoto({...}); } }
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "providers/aws/client.h"
#include "providers/aws/credentials.h"
#include "providers/aws/http_client.h"
#include "providers/builtin/builtin.h"
#include "providers/common/observe_batch.h"
#include "providers/common/tag_snapshot.h"
#include "tests/support/peer.h"

namespace driftless::testing {

inline MotoServer& moto();  // defined by the test binary's harness.h

// A name no other test (or earlier run against the same peer) has used.
inline std::string uniqueName(std::string_view prefix) {
  static std::atomic<int> n{0};
  return std::string(prefix) + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
}

inline Value json(const std::string& s) {
  auto v = Value::fromJson(s);
  EXPECT_TRUE(v.has_value()) << s;
  return v ? *v : Value();
}

inline std::vector<std::string> paths(const Delta& d) {
  std::vector<std::string> out;
  for (const auto& c : d.changes)
    out.push_back(c.path);
  return out;
}

// The IAM action that authorises an API operation ("s3:GetBucketEncryption" is
// allowed by s3:GetEncryptionConfiguration). Only S3 names them differently.
inline std::string iamActionFor(const std::string& operation) {
  static const std::map<std::string, std::string> kS3 = {
      {"s3:GetBucketEncryption", "s3:GetEncryptionConfiguration"},
      {"s3:PutBucketEncryption", "s3:PutEncryptionConfiguration"},
      {"s3:DeleteBucketEncryption", "s3:PutEncryptionConfiguration"},
      {"s3:GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"},
      {"s3:PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock"},
      {"s3:DeletePublicAccessBlock", "s3:PutBucketPublicAccessBlock"},
      {"s3:GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration"},
      {"s3:PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration"},
      {"s3:DeleteBucketLifecycle", "s3:PutLifecycleConfiguration"},
      {"s3:DeleteBucketTagging", "s3:PutBucketTagging"},
      {"s3:DeleteBucketOwnershipControls", "s3:PutBucketOwnershipControls"},
      {"s3:HeadBucket", "s3:ListBucket"},
      {"s3:ListObjectsV2", "s3:ListBucket"},
      {"s3:GetBucketAccelerateConfiguration", "s3:GetAccelerateConfiguration"},
      {"s3:PutBucketAccelerateConfiguration", "s3:PutAccelerateConfiguration"},
      {"s3:GetBucketCors", "s3:GetBucketCORS"},
      {"s3:PutBucketCors", "s3:PutBucketCORS"},
      {"s3:GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration"},
      {"s3:PutObjectLockConfiguration", "s3:PutBucketObjectLockConfiguration"},
      {"s3:GetBucketNotificationConfiguration", "s3:GetBucketNotification"},
      {"s3:PutBucketNotificationConfiguration", "s3:PutBucketNotification"},
      {"s3:GetBucketReplication", "s3:GetReplicationConfiguration"},
      {"s3:PutBucketReplication", "s3:PutReplicationConfiguration"},
      {"s3:ListBucketInventoryConfigurations", "s3:GetInventoryConfiguration"},
      {"s3:PutBucketInventoryConfiguration", "s3:PutInventoryConfiguration"},
      {"s3:DeleteBucketInventoryConfiguration", "s3:PutInventoryConfiguration"},
      {"s3:ListBucketMetricsConfigurations", "s3:GetMetricsConfiguration"},
      {"s3:PutBucketMetricsConfiguration", "s3:PutMetricsConfiguration"},
      {"s3:DeleteBucketMetricsConfiguration", "s3:PutMetricsConfiguration"},
      {"s3:ListBucketAnalyticsConfigurations", "s3:GetAnalyticsConfiguration"},
      {"s3:PutBucketAnalyticsConfiguration", "s3:PutAnalyticsConfiguration"},
      {"s3:DeleteBucketAnalyticsConfiguration", "s3:PutAnalyticsConfiguration"},
      {"s3:ListBucketIntelligentTieringConfigurations", "s3:GetIntelligentTieringConfiguration"},
      {"s3:PutBucketIntelligentTieringConfiguration", "s3:PutIntelligentTieringConfiguration"},
      {"s3:DeleteBucketIntelligentTieringConfiguration", "s3:PutIntelligentTieringConfiguration"},
  };
  // CloudWatch's endpoint (and the client's service name) is "monitoring".
  if (operation.starts_with("monitoring:")) return "cloudwatch:" + operation.substr(11);
  // The Resource Groups Tagging API's actions are "tag:...".
  if (operation.starts_with("tagging:")) return "tag:" + operation.substr(8);
  auto it = kS3.find(operation);
  return it == kS3.end() ? operation : it->second;
}

class Harness {
 public:
  struct Options {
    std::string region = "us-east-1";
    std::string endpoint;                    // empty: the binary's moto server
    std::string accountId = "123456789012";  // moto's default account
  };

  explicit Harness(std::string_view type) : Harness(type, Options{}) {}
  Harness(std::string_view type, Options options) : transport_(io_) {
    std::string endpoint = options.endpoint;
    std::string ak = "testing", sk = "testing";
    if (endpoint.empty()) {
      MotoServer& m = moto();
      endpoint = m.endpoint();
      ak = m.accessKeyId();
      sk = m.secretAccessKey();
    }
    aws::ClientConfig cfg;
    cfg.region = options.region;
    cfg.endpointUrl = endpoint;
    cfg.credentials = std::make_shared<aws::StaticCredentialsProvider>(
        aws::Credentials{ak, sk, "", std::nullopt});
    cfg.stats = stats_;
    client_ = std::make_unique<aws::Client>(transport_, cfg);
    ctx_.aws = client_.get();
    ctx_.region = options.region;
    ctx_.accountId = options.accountId;
    ctx_.controllerId = "ctl-test";
    ctx_.environment = "dev";
    ctx_.tagSnapshot = std::make_shared<common::TagSnapshot>();    // loaded on request
    ctx_.observeBatch = std::make_shared<common::ObserveBatch>();  // empty: one by one
    provider_ = builtinRegistry().make(type, ctx_);
  }

  ~Harness() { expectDeclared(); }

  template <typename T>
  T run(Awaitable<T> a) {
    std::optional<T> out;
    std::exception_ptr failure;
    asio::co_spawn(io_, std::move(a), [&](std::exception_ptr e, T v) {
      if (e)
        failure = e;
      else
        out.emplace(std::move(v));
      io_.stop();
    });
    io_.restart();
    io_.run();
    if (failure) std::rethrow_exception(failure);
    return std::move(*out);
  }

  // Every call made so far is an IAM action the provider's type declares.
  void expectDeclared() {
    if (!provider_) return;
    const auto& declared = provider_->info().iamActions;
    for (const auto& [op, n] : stats_->byOperation())
      EXPECT_NE(std::find(declared.begin(), declared.end(), iamActionFor(op)), declared.end())
          << provider_->info().type << " called " << op << ", allowed by " << iamActionFor(op)
          << ", which its TypeInfo::iamActions lacks";
  }
  void resetStats() {
    expectDeclared();
    stats_->reset();
  }

  // Loads the bulk tag snapshot the provider shares, as a cycle does before
  // observing; returns the requests it took.
  std::size_t loadTagSnapshot(std::vector<std::string> types) {
    auto r = run(ctx_.tagSnapshot->load(ctx_, std::move(types)));
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().describe());
    return r ? *r : 0;
  }
  void clearTagSnapshot() { ctx_.tagSnapshot->clear(); }
  // The ids a full observation expects, as a cycle fills it (common/observe_batch.h).
  common::ObserveBatch& observeBatch() { return *ctx_.observeBatch; }

  Provider& p() { return *provider_; }
  void setProvider(std::unique_ptr<Provider> p) { provider_ = std::move(p); }
  const ProviderContext& ctx() const { return ctx_; }
  aws::RequestStats& stats() { return *stats_; }
  // The operations called since the last reset, "s3:GetBucketTagging" → n.
  std::map<std::string, std::uint64_t> calls() const { return stats_->byOperation(); }

  Desired desired(std::string logicalId, Value properties) {
    Desired d;
    d.id = {"app", std::move(logicalId)};
    d.type = provider_->info().type;
    d.properties = std::move(properties);
    const auto& pn = provider_->info().physicalNameProperty;
    if (const Value* n = pn.empty() ? nullptr : d.properties.find(pn))
      d.physicalId = n->scalarText();
    return d;
  }

  Observed observe(const Desired& d) {
    auto r = run(provider_->observe(d));
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().describe());
    return r ? *r : Observed{};
  }
  Observed create(const Desired& d) {
    auto r = run(provider_->create(d));
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().describe());
    return r ? *r : Observed{};
  }
  Observed update(const Desired& d, const Observed& live, const Delta& delta) {
    auto r = run(provider_->update(d, live, delta));
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().describe());
    return r ? *r : Observed{};
  }
  void remove(const Desired& d, const Observed& live) {
    auto r = run(provider_->remove(d, live));
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().describe());
  }

  // Runs boto3 code against moto (a different client than ours); fails the test
  // on error. With `service`, `c` is a boto3 client of it in this harness's region.
  void outOfBand(const std::string& code) {
    int rc = 0;
    std::string out = moto().python(code, &rc);
    ASSERT_EQ(rc, 0) << out;
  }
  void outOfBand(const std::string& service, const std::string& code) {
    outOfBand("c = boto3.client('" + service +
              "', endpoint_url=ep, aws_access_key_id=ak, aws_secret_access_key=sk, "
              "region_name='" +
              ctx_.region + "')\n" + code);
  }

 private:
  asio::io_context io_;
  aws::HttpTransport transport_;
  std::shared_ptr<aws::RequestStats> stats_ = std::make_shared<aws::RequestStats>();
  std::unique_ptr<aws::Client> client_;
  ProviderContext ctx_;
  std::unique_ptr<Provider> provider_;
};

}  // namespace driftless::testing
