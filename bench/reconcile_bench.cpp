// Reconcile micro benchmarks (docs/performance.md, "Reconcile"):
// - load + validate a 1,000-file manifest set (3 resources a file, intrinsics);
// - plan() over 1,000 / 10,000 / 100,000 synthetic resources in steady state
//   (1% drifted, a third referring to another resource's Arn), the pure CPU
//   part of a cycle; goal: 100,000 in < 1 s on one core.
#include <benchmark/benchmark.h>

#include "reconcile/loader.h"
#include "reconcile/plan.h"
#include "reconcile/plan_render.h"
#include "tests/reconcile/test_types.h"

namespace driftless::reconcile {
namespace {

std::vector<SourceFile> manifestFiles(int n) {
  std::vector<SourceFile> files;
  for (int i = 0; i < n; ++i) {
    std::string s = std::to_string(i);
    files.push_back(
        {"svc" + s + ".yaml",
         "Parameters:\n  Retention: {Type: Number, Default: 345600, MinValue: 60}\n"
         "Resources:\n"
         "  Dlq:\n    Type: AWS::SQS::Queue\n    Properties:\n"
         "      QueueName: !Sub \"svc" +
             s +
             "-dlq-${Driftless::Environment}\"\n"
             "      Tags: [{Key: team, Value: payments}]\n"
             "  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n"
             "      QueueName: !Sub \"svc" +
             s +
             "-${Driftless::Environment}\"\n"
             "      MessageRetentionPeriod: !Ref Retention\n"
             "      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5}\n"
             "  Url:\n    Type: AWS::SSM::Parameter\n    Properties:\n"
             "      Name: !Sub \"/${Driftless::Environment}/svc" +
             s +
             "/url\"\n"
             "      Type: String\n      Value: !Ref Queue\n"});
  }
  files.push_back({"parameters/dev.yaml", "{}\n"});
  return files;
}

void BM_LoadValidate(benchmark::State& state) {
  auto files = manifestFiles(static_cast<int>(state.range(0)));
  LoadContext ctx{.environment = "dev", .region = "eu-west-1", .accountId = "111111111111"};
  for (auto _ : state) {
    auto r = load(files, ctx, test::testRegistry());
    if (!r) state.SkipWithError("manifests did not validate");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_LoadValidate)->Arg(1000)->Unit(benchmark::kMillisecond);

struct Inputs {
  DesiredState desired;
  LiveState live;
  state::EnvironmentState applied;
};

Inputs steadyState(int n) {
  static const TypeInfo* queue = test::testRegistry().info("AWS::SQS::Queue");
  Inputs in;
  in.desired.commit = "c0ffee";
  in.desired.environment = "dev";
  for (int i = 0; i < n; ++i) {
    std::string stack = "svc" + std::to_string(i / 100);
    std::string lid = "Q" + std::to_string(i % 100);
    std::string name = "q-" + std::to_string(i);
    DesiredResource r;
    r.id = {stack, lid};
    r.type = queue->type;
    r.info = queue;
    r.physicalId = name;
    r.properties["QueueName"] = Value(name);
    r.properties["MessageRetentionPeriod"] = Value(345600);
    r.properties["Tags"] = *Value::fromJson(R"([{"Key":"team","Value":"payments"}])");
    Value live = r.properties;
    live["MessageRetentionPeriod"] = Value(i % 100 == 7 ? "86400" : "345600");  // 1% drift
    Value redrive;
    if (i % 3 == 2) {
      std::string dep = "Q" + std::to_string(i % 100 - 1);
      r.dependencies.push_back({stack, dep});
      r.properties["RedrivePolicy"]["deadLetterTargetArn"] =
          *Value::fromJson(R"({"Fn::GetAtt":[")" + dep + R"(","Arn"]})");
      r.properties["RedrivePolicy"]["maxReceiveCount"] = Value(5);
      redrive["deadLetterTargetArn"] = Value("arn:aws:sqs:eu-west-1:1:q-" + std::to_string(i - 1));
      redrive["maxReceiveCount"] = Value("5");
      live["RedrivePolicy"] = redrive;
    }
    Observed o;
    o.exists = true;
    o.physicalId = name;
    o.properties = std::move(live);
    o.attributes["Arn"] = Value("arn:aws:sqs:eu-west-1:1:" + name);
    o.owner = Ownership{"ctl", "dev", stack, lid};
    LiveResource lr;
    lr.id = r.id;
    lr.type = r.type;
    lr.info = queue;
    lr.observed = std::move(o);
    in.live.resources.emplace(r.id, std::move(lr));
    state::AppliedResource a;
    a.type = r.type;
    a.physicalId = name;
    a.properties = r.properties;
    if (i % 3 == 2) a.properties["RedrivePolicy"] = redrive;
    in.applied.stacks[stack].resources[lid] = std::move(a);
    in.desired.resources.push_back(std::move(r));
  }
  in.desired.sort();
  return in;
}

void BM_Plan(benchmark::State& state) {
  Inputs in = steadyState(static_cast<int>(state.range(0)));
  PlanOptions o;
  o.controllerId = "ctl";
  o.environment = "dev";
  std::size_t drifted = 0;
  for (auto _ : state) {
    Plan p = plan(in.desired, in.live, in.applied, o);
    drifted = p.summary.drifted;
    benchmark::DoNotOptimize(p);
  }
  state.counters["drifted"] = static_cast<double>(drifted);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Plan)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_RenderJson(benchmark::State& state) {
  Inputs in = steadyState(static_cast<int>(state.range(0)));
  PlanOptions o;
  o.controllerId = "ctl";
  o.environment = "dev";
  Plan p = plan(in.desired, in.live, in.applied, o);
  for (auto _ : state) {
    std::string json = renderJson(p).toJson();
    benchmark::DoNotOptimize(json);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_RenderJson)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace driftless::reconcile

BENCHMARK_MAIN();
