// AWS::S3::BucketPolicy: GetBucketPolicy / PutBucketPolicy / DeleteBucketPolicy.
#include "providers/s3/bucket_policy.h"
#include "providers/common/provider_base.h"

#include "providers/aws/client.h"
#include "providers/common/errors.h"
#include "providers/s3/s3_util.h"
#include "providers/s3/schema.h"

namespace driftless::s3 {

namespace {

class BucketPolicyProvider final : public common::ProviderBase {
 public:
  explicit BucketPolicyProvider(ProviderContext ctx) : ProviderBase(ctx, bucketPolicyTypeInfo()) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    std::string bucket = name(desired);
    auto r =
        co_await ctx_.aws->rest("s3", bucketRequest("GET", bucket, "policy", "GetBucketPolicy"));
    if (!r) {
      const auto& code = r.error().code;
      if (code == "NoSuchBucketPolicy" || code == "NoSuchBucket") co_return Observed{};
      co_return fail(common::classify(r.error(), "s3:GetBucketPolicy"));
    }
    Observed o = common::found(bucket);
    o.properties["Bucket"] = Value(bucket);
    auto doc = Value::fromJson(r->body);
    o.properties["PolicyDocument"] = doc ? *doc : Value(r->body);
    co_return o;
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    co_return co_await put(desired);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed&,
                                     const Delta&) override {
    co_return co_await put(desired);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed&) override {
    auto r = co_await ctx_.aws->rest(
        "s3", bucketRequest("DELETE", name(desired), "policy", "DeleteBucketPolicy"));
    if (!r) {
      const auto& code = r.error().code;
      if (code == "NoSuchBucketPolicy" || code == "NoSuchBucket") co_return Result<void>{};
      co_return fail(common::classify(r.error(), "s3:DeleteBucketPolicy"));
    }
    co_return Result<void>{};
  }

 private:
  Awaitable<Result<Observed>> put(const Desired& desired) {
    const Value* doc = desired.properties.find("PolicyDocument");
    std::string body = !doc ? "" : doc->isString() ? doc->asString() : doc->toJson();
    auto req = bucketRequest("PUT", name(desired), "policy", "PutBucketPolicy", body);
    auto r = co_await ctx_.aws->rest("s3", std::move(req));
    if (!r) co_return fail(common::classify(r.error(), "s3:PutBucketPolicy"));
    co_return co_await observe(desired);
  }
};

}  // namespace

const common::MakeProvider makeBucketPolicyProvider = common::make<BucketPolicyProvider>;

}  // namespace driftless::s3
