// Provider observe benchmarks (docs/performance.md, "Providers"): 250 live
// resources of each storage-and-messaging type in moto, observed with 64
// requests in flight on one io_context, as a cycle's observe phase does.
// The types of issue 17 (events, keys, secrets, the data platform and the
// Lambda/IAM wiring) are observed 50 each in a moto of their own, made only
// when one of their benchmarks runs.
// Reports AWS calls per resource (1 + the managed sub-configurations; the
// tagging/list call that reads ownership counts as one) and wall time.
#include <benchmark/benchmark.h>

#include <atomic>
#include <memory>
#include <stdexcept>

#include "bench/bench_client.h"
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
      auto seeded = bench::seededMoto(R"(
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
)");
      w.moto = std::move(seeded.moto);
      const Value* arns = &seeded.printed;
      for (const auto& a : arns->asArray())
        w.subscriptionArns.push_back(a.asString());
      return w;
    }();
    return w;
  }
};

// Desired properties of resource i for a benchmark variant.
using MakeDesired = Value (*)(int i);

// Physical id of resource i, when the name property does not give it.
using MakeId = std::string (*)(int i);

void observeOn(benchmark::State& state, testing::MotoServer& moto, int count, const char* type,
               MakeDesired make, MakeId id);

void observeAll(benchmark::State& state, const char* type, MakeDesired make,
                bool useSubscriptionArn = false) {
  MakeId arn = [](int i) { return World::get().subscriptionArns[static_cast<std::size_t>(i)]; };
  observeOn(state, *World::get().moto, kResources, type, make, useSubscriptionArn ? arn : nullptr);
}

void observeOn(benchmark::State& state, testing::MotoServer& moto, int count, const char* type,
               MakeDesired make, MakeId id) {
  bench::BenchClient bc(moto, kInFlight);
  asio::io_context& io = bc.io;
  auto& stats = bc.stats;
  ProviderContext& ctx = bc.ctx;
  auto provider = builtinRegistry().make(type, ctx);
  std::vector<Desired> desired;
  for (int i = 0; i < count; ++i) {
    Desired d;
    d.id = {"bench", "R" + std::to_string(i)};
    d.type = type;
    d.properties = make(i);
    const auto& pn = provider->info().physicalNameProperty;
    if (const Value* v = pn.empty() ? nullptr : d.properties.find(pn))
      d.physicalId = v->scalarText();
    if (id) d.physicalId = id(i);
    desired.push_back(std::move(d));
  }
  std::uint64_t calls = 0, observed = 0;
  int failures = 0;
  for (auto _ : state) {
    stats->reset();
    int done = 0;
    for (const auto& d : desired)
      asio::co_spawn(io, provider->observe(d), [&](std::exception_ptr e, Result<Observed> r) {
        if (e || !r || !r->exists) ++failures;
        if (++done == count) io.stop();
      });
    io.restart();
    io.run();
    calls += stats->total();
    observed += static_cast<std::uint64_t>(count);
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

// The platform types of issue 17: 50 of each in a moto of their own, made by boto3.
constexpr int kPlatform = 50;
struct PlatformWorld {
  std::unique_ptr<testing::MotoServer> moto;
  std::vector<std::string> keyIds;
  std::vector<std::string> mappingIds;

  static PlatformWorld& get() {
    static PlatformWorld w = [] {
      PlatformWorld w;
      auto seeded = bench::seededMoto(R"(
import json
kw = dict(endpoint_url=ep, aws_access_key_id=ak, aws_secret_access_key=sk, region_name=region)
c = {s: boto3.client(s, **kw) for s in ('events', 'kms', 'secretsmanager', 'kinesis', 'cloudwatch',
     'stepfunctions', 'athena', 'glue', 'ecr', 'scheduler', 'iam', 'logs')}
role = 'arn:aws:iam::123456789012:role/bench'
keys, esms = [], []
import io, zipfile
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w') as z:
    z.writestr('index.py', 'def handler(e, c):\n    return e\n')
code = buf.getvalue()
fnrole = c['iam'].create_role(RoleName='bench-fn-role', AssumeRolePolicyDocument='{}')['Role']['Arn']
lam = boto3.client('lambda', **kw)
for i in range()" + std::to_string(kPlatform) +
                                      R"():
    c['events'].create_event_bus(Name='bench-bus-%d' % i)
    c['events'].put_rule(Name='bench-rule-%d' % i, ScheduleExpression='rate(1 day)')
    keys.append(c['kms'].create_key()['KeyMetadata']['KeyId'])
    c['secretsmanager'].create_secret(Name='bench-secret-%d' % i, SecretString='x')
    c['kinesis'].create_stream(StreamName='bench-stream-%d' % i, ShardCount=1)
    c['cloudwatch'].put_metric_alarm(AlarmName='bench-alarm-%d' % i, MetricName='m', Namespace='n',
        Statistic='Sum', Period=60, EvaluationPeriods=1, Threshold=1, ComparisonOperator='GreaterThanThreshold')
    c['stepfunctions'].create_state_machine(name='bench-flow-%d' % i, roleArn=role,
        definition=json.dumps({'StartAt': 'A', 'States': {'A': {'Type': 'Pass', 'End': True}}}))
    # moto registers a workgroup for ListTagsForResource only when it is created with tags
    c['athena'].create_work_group(Name='bench-wg-%d' % i, Tags=[{'Key': 'bench', 'Value': '1'}])
    c['glue'].create_database(DatabaseInput={'Name': 'benchdb%d' % i})
    c['glue'].create_table(DatabaseName='benchdb%d' % i, TableInput={'Name': 't'})
    c['glue'].create_job(Name='bench-job-%d' % i, Role=role, Command={'Name': 'glueetl', 'ScriptLocation': 's3://b/s.py'})
    c['glue'].create_crawler(Name='bench-crawler-%d' % i, Role=role, DatabaseName='benchdb%d' % i,
        Targets={'S3Targets': [{'Path': 's3://b/p'}]})
    c['ecr'].create_repository(repositoryName='bench-repo-%d' % i)
    c['scheduler'].create_schedule(Name='bench-schedule-%d' % i, ScheduleExpression='rate(1 day)',
        FlexibleTimeWindow={'Mode': 'OFF'}, Target={'Arn': 'arn:aws:sqs:us-east-1:123456789012:q', 'RoleArn': role})
    c['iam'].create_instance_profile(InstanceProfileName='bench-profile-%d' % i)
    fn = 'bench-fn-%d' % i
    c['iam'].put_role_policy(RoleName='bench-fn-role', PolicyName='bench-policy-%d' % i, PolicyDocument=json.dumps(
        {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 'sqs:SendMessage', 'Resource': '*'}]}))
    lam.create_function(FunctionName=fn, Runtime='python3.12', Role=fnrole, Handler='index.handler', Code={'ZipFile': code})
    lam.add_permission(FunctionName=fn, StatementId='bench-R%d' % i, Action='lambda:InvokeFunction', Principal='sns.amazonaws.com')
    lam.publish_version(FunctionName=fn)
    lam.create_alias(FunctionName=fn, Name='live', FunctionVersion='1')
    lam.publish_layer_version(LayerName='bench-layer-%d' % i, Content={'ZipFile': code})
    esms.append(lam.create_event_source_mapping(FunctionName=fn, StartingPosition='LATEST',
        EventSourceArn='arn:aws:kinesis:us-east-1:123456789012:stream/bench-stream-%d' % i)['UUID'])
    c['logs'].create_log_group(logGroupName='bench-lg-%d' % i)
    c['logs'].put_subscription_filter(logGroupName='bench-lg-%d' % i, filterName='bench-sf-%d' % i,
        filterPattern='', destinationArn='arn:aws:kinesis:us-east-1:123456789012:stream/bench-stream-%d' % i)
print(json.dumps({'keys': keys, 'esms': esms}))
)");
      w.moto = std::move(seeded.moto);
      const Value* ids = &seeded.printed;
      if (!ids->find("keys") || !ids->find("esms"))
        throw std::runtime_error("setup output: " + ids->toJson());
      for (const auto& k : ids->find("keys")->asArray())
        w.keyIds.push_back(k.asString());
      for (const auto& m : ids->find("esms")->asArray())
        w.mappingIds.push_back(m.asString());
      return w;
    }();
    return w;
  }
};

// Observes the 50 of `type`, named <prefix><i> in `property`.
void observePlatform(benchmark::State& s, const char* type, MakeDesired make, MakeId id = nullptr) {
  observeOn(s, *PlatformWorld::get().moto, kPlatform, type, make, id);
}
#define NAMED(fn, type, property, prefix)                                             \
  void fn(benchmark::State& s) {                                                      \
    observePlatform(s, type, [](int i) {                                              \
      return j(std::string(R"({")") + property + R"(": ")" + n(prefix, i) + R"("})"); \
    });                                                                               \
  }
NAMED(BM_ObserveEventBus, "AWS::Events::EventBus", "Name", "bench-bus-")
NAMED(BM_ObserveRule, "AWS::Events::Rule", "Name", "bench-rule-")
NAMED(BM_ObserveSecret, "AWS::SecretsManager::Secret", "Name", "bench-secret-")
NAMED(BM_ObserveStream, "AWS::Kinesis::Stream", "Name", "bench-stream-")
NAMED(BM_ObserveAlarm, "AWS::CloudWatch::Alarm", "AlarmName", "bench-alarm-")
NAMED(BM_ObserveStateMachine, "AWS::StepFunctions::StateMachine", "StateMachineName", "bench-flow-")
NAMED(BM_ObserveWorkGroup, "AWS::Athena::WorkGroup", "Name", "bench-wg-")
NAMED(BM_ObserveGlueJob, "AWS::Glue::Job", "Name", "bench-job-")
NAMED(BM_ObserveGlueCrawler, "AWS::Glue::Crawler", "Name", "bench-crawler-")
NAMED(BM_ObserveRepository, "AWS::ECR::Repository", "RepositoryName", "bench-repo-")
NAMED(BM_ObserveSchedule, "AWS::Scheduler::Schedule", "Name", "bench-schedule-")
NAMED(BM_ObserveInstanceProfile, "AWS::IAM::InstanceProfile", "InstanceProfileName",
      "bench-profile-")
NAMED(BM_ObserveLogGroup, "AWS::Logs::LogGroup", "LogGroupName", "bench-lg-")
#undef NAMED
void BM_ObserveSubscriptionFilter(benchmark::State& s) {
  observePlatform(s, "AWS::Logs::SubscriptionFilter", [](int i) {
    return j(
        R"({"LogGroupName": ")" + n("bench-lg-", i) + R"(", "FilterName": ")" + n("bench-sf-", i) +
        R"(", "FilterPattern": "", "DestinationArn": "arn:aws:kinesis:us-east-1:123456789012:stream/)" +
        n("bench-stream-", i) + R"("})");
  });
}
void BM_ObserveKey(benchmark::State& s) {
  observePlatform(
      s, "AWS::KMS::Key", [](int) { return j("{}"); },
      [](int i) { return PlatformWorld::get().keyIds[static_cast<std::size_t>(i)]; });
}
void BM_ObserveGlueDatabase(benchmark::State& s) {
  observePlatform(
      s, "AWS::Glue::Database",
      [](int i) {
        return j(R"({"CatalogId": "123456789012", "DatabaseInput": {"Name": ")" + n("benchdb", i) +
                 R"("}})");
      },
      [](int i) { return n("benchdb", i); });
}
void BM_ObserveGlueTable(benchmark::State& s) {
  observePlatform(
      s, "AWS::Glue::Table",
      [](int i) {
        return j(R"({"CatalogId": "123456789012", "DatabaseName": ")" + n("benchdb", i) +
                 R"(", "TableInput": {"Name": "t"}})");
      },
      [](int i) { return n("benchdb", i) + "|t"; });
}

std::string fnArn(int i) {
  return "arn:aws:lambda:us-east-1:123456789012:function:" + n("bench-fn-", i);
}
void BM_ObservePermission(benchmark::State& s) {
  observePlatform(
      s, "AWS::Lambda::Permission",
      [](int i) {
        return j(R"({"FunctionName": ")" + n("bench-fn-", i) +
                 R"(", "Action": "lambda:InvokeFunction", "Principal": "sns.amazonaws.com"})");
      },
      [](int i) { return n("bench-fn-", i) + "|" + n("bench-R", i); });
}
void BM_ObserveVersion(benchmark::State& s) {
  observePlatform(
      s, "AWS::Lambda::Version",
      [](int i) { return j(R"({"FunctionName": ")" + n("bench-fn-", i) + R"("})"); },
      [](int i) { return fnArn(i) + ":1"; });
}
void BM_ObserveAlias(benchmark::State& s) {
  observePlatform(
      s, "AWS::Lambda::Alias",
      [](int i) {
        return j(R"({"FunctionName": ")" + n("bench-fn-", i) +
                 R"(", "Name": "live", "FunctionVersion": "1"})");
      },
      [](int i) { return fnArn(i) + ":live"; });
}
void BM_ObserveLayerVersion(benchmark::State& s) {
  observePlatform(
      s, "AWS::Lambda::LayerVersion",
      [](int i) { return j(R"({"LayerName": ")" + n("bench-layer-", i) + R"("})"); },
      [](int i) {
        return "arn:aws:lambda:us-east-1:123456789012:layer:" + n("bench-layer-", i) + ":1";
      });
}
void BM_ObserveEventSourceMapping(benchmark::State& s) {
  observePlatform(
      s, "AWS::Lambda::EventSourceMapping",
      [](int i) {
        return j(R"({"FunctionName": ")" + n("bench-fn-", i) +
                 R"(", "EventSourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/)" +
                 n("bench-stream-", i) + R"(", "StartingPosition": "LATEST"})");
      },
      [](int i) { return PlatformWorld::get().mappingIds[static_cast<std::size_t>(i)]; });
}

void BM_ObserveIamPolicy(benchmark::State& s) {
  observePlatform(s, "AWS::IAM::Policy", [](int i) {
    return j(
        R"({"PolicyName": ")" + n("bench-policy-", i) +
        R"(", "Roles": ["bench-fn-role"], "PolicyDocument": {"Version": "2012-10-17",)"
        R"( "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}})");
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
PROVIDER_BENCH(BM_ObserveEventBus);
PROVIDER_BENCH(BM_ObserveRule);
PROVIDER_BENCH(BM_ObserveKey);
PROVIDER_BENCH(BM_ObserveSecret);
PROVIDER_BENCH(BM_ObserveStream);
PROVIDER_BENCH(BM_ObserveAlarm);
PROVIDER_BENCH(BM_ObserveStateMachine);
PROVIDER_BENCH(BM_ObserveWorkGroup);
PROVIDER_BENCH(BM_ObserveGlueDatabase);
PROVIDER_BENCH(BM_ObserveGlueTable);
PROVIDER_BENCH(BM_ObserveGlueJob);
PROVIDER_BENCH(BM_ObserveGlueCrawler);
PROVIDER_BENCH(BM_ObserveRepository);
PROVIDER_BENCH(BM_ObserveSchedule);
PROVIDER_BENCH(BM_ObserveInstanceProfile);
PROVIDER_BENCH(BM_ObserveLogGroup);
PROVIDER_BENCH(BM_ObserveSubscriptionFilter);
PROVIDER_BENCH(BM_ObservePermission);
PROVIDER_BENCH(BM_ObserveVersion);
PROVIDER_BENCH(BM_ObserveAlias);
PROVIDER_BENCH(BM_ObserveLayerVersion);
PROVIDER_BENCH(BM_ObserveEventSourceMapping);
PROVIDER_BENCH(BM_ObserveIamPolicy);

}  // namespace
}  // namespace driftless

BENCHMARK_MAIN();
