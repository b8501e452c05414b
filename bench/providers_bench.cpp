// Provider observe benchmarks (docs/performance.md, "Providers"): 250 live
// resources of each storage-and-messaging type in moto, observed with 64
// requests in flight on one io_context, as a cycle's observe phase does.
// Reports AWS calls per resource (1 + the managed sub-configurations; the
// tagging/list call that reads ownership counts as one) and wall time.
#include <benchmark/benchmark.h>

#include <atomic>
#include <memory>
#include <stdexcept>

#include "providers/aws/client.h"
#include "providers/aws/credentials.h"
#include "providers/aws/http_client.h"
#include "providers/builtin/builtin.h"
#include "tests/support/peer.h"

namespace driftless {
namespace {

constexpr int kResources = 250;
constexpr std::size_t kInFlight = 64;

// One moto with 250 resources of each type, created once by boto3.
struct World {
  std::unique_ptr<testing::MotoServer> moto;
  std::vector<std::string> subscriptionArns;

  static World& get() {
    static World w = [] {
      World w;
      std::string error;
      w.moto = testing::MotoServer::start({}, &error);
      if (!w.moto) throw std::runtime_error("moto did not start: " + error);
      int rc = 0;
      std::string out = w.moto->python(R"(
import json
kw = dict(endpoint_url=ep, aws_access_key_id=ak, aws_secret_access_key=sk, region_name=region)
s3, sqs, sns, ddb, iam = (boto3.client(s, **kw) for s in ('s3', 'sqs', 'sns', 'dynamodb', 'iam'))
doc = json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': '*', 'Action': 'sqs:SendMessage', 'Resource': '*'}]})
arns = []
for i in range()" + std::to_string(kResources) +
                                           R"():
    b = 'bench-bucket-%d' % i
    s3.create_bucket(Bucket=b)
    s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={'Status': 'Enabled'})
    s3.put_bucket_policy(Bucket=b, Policy=json.dumps({'Version': '2012-10-17', 'Statement': [
        {'Effect': 'Allow', 'Principal': '*', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::%s/*' % b}]}))
    q = sqs.create_queue(QueueName='bench-queue-%d' % i, Attributes={'DelaySeconds': '5', 'Policy': doc})
    t = sns.create_topic(Name='bench-topic-%d' % i, Attributes={'Policy': doc})['TopicArn']
    iam.create_role(RoleName='bench-role-%d' % i, AssumeRolePolicyDocument='{}')
    iam.put_role_policy(RoleName='bench-role-%d' % i, PolicyName='inline', PolicyDocument=doc)
    qarn = 'arn:aws:sqs:%s:123456789012:bench-queue-%d' % (region, i)
    arns.append(sns.subscribe(TopicArn=t, Protocol='sqs', Endpoint=qarn, ReturnSubscriptionArn=True)['SubscriptionArn'])
    ddb.create_table(TableName='bench-table-%d' % i, BillingMode='PAY_PER_REQUEST',
        AttributeDefinitions=[{'AttributeName': 'pk', 'AttributeType': 'S'}],
        KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'}])
print(json.dumps(arns))
)",
                                       &rc);
      if (rc != 0) throw std::runtime_error("setup failed: " + out);
      auto arns = Value::fromJson(out.substr(out.find('[')));
      if (!arns) throw std::runtime_error("setup output: " + out);
      for (const auto& a : arns->asArray())
        w.subscriptionArns.push_back(a.asString());
      return w;
    }();
    return w;
  }
};

// Desired properties of resource i for a benchmark variant.
using MakeDesired = Value (*)(int i);

void observeAll(benchmark::State& state, const char* type, MakeDesired make,
                bool useSubscriptionArn = false) {
  World& world = World::get();
  asio::io_context io;
  aws::TransportOptions topts;
  topts.maxInFlight = kInFlight;
  aws::HttpTransport transport(io, topts);
  auto stats = std::make_shared<aws::RequestStats>();
  aws::ClientConfig cfg;
  cfg.region = "us-east-1";
  cfg.endpointUrl = world.moto->endpoint();
  cfg.credentials = std::make_shared<aws::StaticCredentialsProvider>(
      aws::Credentials{world.moto->accessKeyId(), world.moto->secretAccessKey(), "", std::nullopt});
  cfg.stats = stats;
  aws::Client client(transport, cfg);
  ProviderContext ctx;
  ctx.aws = &client;
  ctx.region = "us-east-1";
  ctx.accountId = "123456789012";
  ctx.controllerId = "bench";
  ctx.environment = "bench";
  auto provider = builtinRegistry().make(type, ctx);
  std::vector<Desired> desired;
  for (int i = 0; i < kResources; ++i) {
    Desired d;
    d.id = {"bench", "R" + std::to_string(i)};
    d.type = type;
    d.properties = make(i);
    const auto& pn = provider->info().physicalNameProperty;
    if (const Value* n = pn.empty() ? nullptr : d.properties.find(pn))
      d.physicalId = n->scalarText();
    if (useSubscriptionArn) d.physicalId = world.subscriptionArns[static_cast<std::size_t>(i)];
    desired.push_back(std::move(d));
  }
  std::uint64_t calls = 0, observed = 0;
  int failures = 0;
  for (auto _ : state) {
    stats->reset();
    int done = 0;
    for (const auto& d : desired) {
      asio::co_spawn(io, provider->observe(d), [&](std::exception_ptr e, Result<Observed> r) {
        if (e || !r || !r->exists) ++failures;
        if (++done == kResources) io.stop();
      });
    }
    io.restart();
    io.run();
    calls += stats->total();
    observed += kResources;
  }
  if (failures > 0) state.SkipWithError("some observes failed or found nothing");
  state.counters["calls_per_resource"] =
      static_cast<double>(calls) / static_cast<double>(observed ? observed : 1);
  state.counters["resources_per_s"] =
      benchmark::Counter(static_cast<double>(observed), benchmark::Counter::kIsRate);
}

Value j(const std::string& s) {
  return *Value::fromJson(s);
}
std::string n(const char* prefix, int i) {
  return prefix + std::to_string(i);
}

void BM_ObserveBucketNameOnly(benchmark::State& s) {
  observeAll(s, "AWS::S3::Bucket",
             [](int i) { return j(R"({"BucketName": ")" + n("bench-bucket-", i) + R"("})"); });
}
void BM_ObserveBucketAllSubConfigs(benchmark::State& s) {
  observeAll(s, "AWS::S3::Bucket", [](int i) {
    return j(R"({"BucketName": ")" + n("bench-bucket-", i) + R"(",
      "VersioningConfiguration": {"Status": "Enabled"},
      "BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
      "PublicAccessBlockConfiguration": {"BlockPublicAcls": true},
      "LifecycleConfiguration": {"Rules": [{"Status": "Enabled", "ExpirationInDays": 1}]},
      "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}})");
  });
}
void BM_ObserveBucketPolicy(benchmark::State& s) {
  observeAll(s, "AWS::S3::BucketPolicy", [](int i) {
    return j(R"({"Bucket": ")" + n("bench-bucket-", i) + R"(", "PolicyDocument": {}})");
  });
}
void BM_ObserveQueue(benchmark::State& s) {
  observeAll(s, "AWS::SQS::Queue", [](int i) {
    return j(R"({"QueueName": ")" + n("bench-queue-", i) + R"(", "DelaySeconds": 5})");
  });
}
void BM_ObserveTopic(benchmark::State& s) {
  observeAll(s, "AWS::SNS::Topic",
             [](int i) { return j(R"({"TopicName": ")" + n("bench-topic-", i) + R"("})"); });
}
void BM_ObserveSubscription(benchmark::State& s) {
  observeAll(
      s, "AWS::SNS::Subscription",
      [](int i) {
        return j(R"({"TopicArn": "arn:aws:sns:us-east-1:123456789012:)" + n("bench-topic-", i) +
                 R"(", "Protocol": "sqs", "Endpoint": "arn:aws:sqs:us-east-1:123456789012:)" +
                 n("bench-queue-", i) + R"("})");
      },
      true);
}
void BM_ObserveTable(benchmark::State& s) {
  observeAll(s, "AWS::DynamoDB::Table",
             [](int i) { return j(R"({"TableName": ")" + n("bench-table-", i) + R"("})"); });
}
void BM_ObserveTableWithTtlAndPitr(benchmark::State& s) {
  observeAll(s, "AWS::DynamoDB::Table", [](int i) {
    return j(R"({"TableName": ")" + n("bench-table-", i) + R"(",
      "TimeToLiveSpecification": {"Enabled": false},
      "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": false}})");
  });
}

// The wiring types of issue 17: one read per parent.
constexpr const char* kDoc =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",)"
    R"( "Action": "sqs:SendMessage", "Resource": "*"}]})";
void BM_ObserveQueuePolicy(benchmark::State& s) {
  observeAll(s, "AWS::SQS::QueuePolicy", [](int i) {
    std::string url = World::get().moto->endpoint() + "/123456789012/" + n("bench-queue-", i);
    return j(R"({"Queues": [")" + url + R"("], "PolicyDocument": )" + kDoc + "}");
  });
}
void BM_ObserveTopicPolicy(benchmark::State& s) {
  observeAll(s, "AWS::SNS::TopicPolicy", [](int i) {
    return j(R"({"Topics": ["arn:aws:sns:us-east-1:123456789012:)" + n("bench-topic-", i) +
             R"("], "PolicyDocument": )" + kDoc + "}");
  });
}
void BM_ObserveRolePolicy(benchmark::State& s) {
  observeAll(s, "AWS::IAM::RolePolicy", [](int i) {
    return j(R"({"RoleName": ")" + n("bench-role-", i) +
             R"(", "PolicyName": "inline", "PolicyDocument": )" + kDoc + "}");
  });
}

#define PROVIDER_BENCH(f) BENCHMARK(f)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3)
PROVIDER_BENCH(BM_ObserveBucketNameOnly);
PROVIDER_BENCH(BM_ObserveBucketAllSubConfigs);
PROVIDER_BENCH(BM_ObserveBucketPolicy);
PROVIDER_BENCH(BM_ObserveQueue);
PROVIDER_BENCH(BM_ObserveTopic);
PROVIDER_BENCH(BM_ObserveSubscription);
PROVIDER_BENCH(BM_ObserveTable);
PROVIDER_BENCH(BM_ObserveTableWithTtlAndPitr);
PROVIDER_BENCH(BM_ObserveQueuePolicy);
PROVIDER_BENCH(BM_ObserveTopicPolicy);
PROVIDER_BENCH(BM_ObserveRolePolicy);

}  // namespace
}  // namespace driftless

BENCHMARK_MAIN();
