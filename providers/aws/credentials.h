#pragma once
// Credential sources and the default chain in the AWS SDKs' order.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "providers/aws/client.h"
#include "providers/aws/endpoints.h"

namespace driftless::aws {

// Fixed credentials (tests, or keys given in a config).
class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials credentials, std::string name = "static")
      : credentials_(std::move(credentials)), name_(std::move(name)) {}
  Awaitable<Result<Credentials>> get() override;
  std::string name() const override { return name_; }

 private:
  Credentials credentials_;
  std::string name_;
};

// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, read on every get().
class EnvironmentCredentialsProvider final : public CredentialsProvider {
 public:
  explicit EnvironmentCredentialsProvider(EnvLookup env = processEnv) : env_(std::move(env)) {}
  Awaitable<Result<Credentials>> get() override;
  std::string name() const override { return "environment"; }
  // The credentials if both key variables are set.
  std::optional<Credentials> read() const;

 private:
  EnvLookup env_;
};

}  // namespace driftless::aws
