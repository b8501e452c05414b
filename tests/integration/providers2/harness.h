#pragma once
// Runs the identity-and-compute providers against the binary's moto server:
// a real aws::Client over HTTP, one io_context, each call run to completion.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "providers/aws/client.h"
#include "providers/aws/credentials.h"
#include "providers/aws/http_client.h"
#include "providers/builtin/builtin.h"
#include "tests/support/peer.h"

namespace driftless::testing {

inline MotoServer& moto() {
  return sharedMoto({.loadIamManagedPolicies = true});
}

// A name no other test (or earlier run against the same moto) has used.
inline std::string uniqueName(std::string_view prefix) {
  static std::atomic<int> n{0};
  return std::string(prefix) + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
}

class Harness {
 public:
  explicit Harness(std::string_view type) : transport_(io_) {
    MotoServer& m = moto();
    aws::ClientConfig cfg;
    cfg.region = "us-east-1";
    cfg.endpointUrl = m.endpoint();
    cfg.credentials = std::make_shared<aws::StaticCredentialsProvider>(
        aws::Credentials{m.accessKeyId(), m.secretAccessKey(), "", std::nullopt});
    cfg.stats = stats_;
    client_ = std::make_unique<aws::Client>(transport_, cfg);
    ctx_.aws = client_.get();
    ctx_.region = "us-east-1";
    ctx_.accountId = "123456789012";  // moto's default account
    ctx_.controllerId = "ctl-test";
    ctx_.environment = "dev";
    provider_ = builtinRegistry().make(type, ctx_);
  }

  template <typename T>
  T run(Awaitable<T> a) {
    std::optional<T> out;
    std::exception_ptr failure;
    asio::co_spawn(io_, std::move(a), [&](std::exception_ptr e, T v) {
      if (e)
        failure = e;
      else
        out.emplace(std::move(v));
    });
    io_.restart();
    io_.run();
    if (failure) std::rethrow_exception(failure);
    return std::move(*out);
  }

  // Every call the provider made must be an IAM action it declares, so
  // deploy/iam-policy.json (checked against the declarations) allows it.
  ~Harness() { expectDeclared(); }
  void expectDeclared() {
    const auto& declared = provider_->info().iamActions;
    for (const auto& [op, n] : stats_->byOperation())
      EXPECT_NE(std::find(declared.begin(), declared.end(), op), declared.end())
          << provider_->info().type << " called " << op << ", which its TypeInfo::iamActions lacks";
  }
  void resetStats() {
    expectDeclared();
    stats_->reset();
  }

  Provider& p() { return *provider_; }
  const ProviderContext& ctx() const { return ctx_; }
  aws::RequestStats& stats() { return *stats_; }

  Desired desired(std::string logicalId, Value properties) {
    Desired d;
    d.id = {"app", std::move(logicalId)};
    d.type = provider_->info().type;
    d.properties = std::move(properties);
    if (const Value* n = d.properties.find(provider_->info().physicalNameProperty))
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

  // Runs boto3 code against moto (a different client than ours); fails the test on error.
  void outOfBand(const std::string& code) {
    int rc = 0;
    std::string out = moto().python(code, &rc);
    ASSERT_EQ(rc, 0) << out;
  }

 private:
  asio::io_context io_;
  aws::HttpTransport transport_;
  std::shared_ptr<aws::RequestStats> stats_ = std::make_shared<aws::RequestStats>();
  std::unique_ptr<aws::Client> client_;
  ProviderContext ctx_;
  std::unique_ptr<Provider> provider_;
};

inline std::vector<std::string> paths(const Delta& d) {
  std::vector<std::string> out;
  for (const auto& c : d.changes)
    out.push_back(c.path);
  return out;
}

}  // namespace driftless::testing
