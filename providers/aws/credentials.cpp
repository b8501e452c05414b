#include "providers/aws/credentials.h"

namespace driftless::aws {

Awaitable<Result<Credentials>> StaticCredentialsProvider::get() {
  co_return credentials_;
}

std::optional<Credentials> EnvironmentCredentialsProvider::read() const {
  auto ak = env_("AWS_ACCESS_KEY_ID");
  auto sk = env_("AWS_SECRET_ACCESS_KEY");
  if (!ak || !sk) return std::nullopt;
  Credentials c;
  c.accessKeyId = *ak;
  c.secretAccessKey = *sk;
  if (auto t = env_("AWS_SESSION_TOKEN")) c.sessionToken = *t;
  return c;
}

Awaitable<Result<Credentials>> EnvironmentCredentialsProvider::get() {
  if (auto c = read()) co_return *c;
  co_return fail(
      ErrorKind::Invalid,
      "environment credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");
}

}  // namespace driftless::aws
