// Networking observe benchmark (docs/performance.md, "VPC networking"): 200
// subnets and 200 security groups in moto, observed as a cycle's observe phase
// does (64 requests in flight on one io_context), once one by one and once
// in bulk (common/observe_batch.h: the ids of the observation known, one
// Describe* per type). Prints, per type, the calls per resource and wall time
// of both and their ratios. Then the two-AZ stack of issue #18 (28 resources
// of 14 types), 1 and 4 copies applied by the `driftless` binary: the EC2
// reads of a no-op `driftless plan`, counted per operation at a proxy, against
// one read per resource and one per type.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>

#include "bench/bench_client.h"
#include "providers/builtin/builtin.h"
#include "providers/common/observe_batch.h"
#include "tests/integration/providers/platform_harness.h"
#include "tests/integration/providers/two_az_stack.h"
#include "tests/support/fault_proxy.h"
#include "tests/support/peer.h"

namespace driftless {
namespace {

constexpr int kResources = 200;
constexpr std::size_t kInFlight = 64;

// One moto with a VPC holding 200 subnets and 200 security groups, made by boto3.
struct World {
  std::unique_ptr<testing::MotoServer> moto;
  std::map<std::string, std::vector<std::string>> ids;  // type -> ids

  static World& get() {
    static World w = [] {
      World w;
      auto seeded = bench::seededMoto(R"(
import json
c = boto3.client('ec2', endpoint_url=ep, aws_access_key_id=ak, aws_secret_access_key=sk, region_name=region)
vpc = c.create_vpc(CidrBlock='10.50.0.0/16')['Vpc']['VpcId']
subnets, groups = [], []
for i in range()" + std::to_string(kResources) +
                                      R"():
    subnets.append(c.create_subnet(VpcId=vpc, CidrBlock='10.50.%d.0/24' % i)['Subnet']['SubnetId'])
    groups.append(c.create_security_group(VpcId=vpc, GroupName='bench-%d' % i, Description='bench')['GroupId'])
print(json.dumps({'AWS::EC2::Subnet': subnets, 'AWS::EC2::SecurityGroup': groups}))
)");
      w.moto = std::move(seeded.moto);
      const Value* ids = &seeded.printed;
      for (const auto& [type, list] : ids->asObject())
        for (const auto& id : list.asArray())
          w.ids[type].push_back(id.asString());
      return w;
    }();
    return w;
  }
};

struct Figures {
  double callsPerResource = 0;
  double wallMs = 0;
};
std::map<std::string, Figures> results;  // "<type>/<batched>"

void observeAll(benchmark::State& state, const char* type) {
  World& world = World::get();
  const bool batched = state.range(0) != 0;
  bench::BenchClient bc(*world.moto, kInFlight);
  asio::io_context& io = bc.io;
  auto& stats = bc.stats;
  ProviderContext& ctx = bc.ctx;
  if (batched) ctx.observeBatch = std::make_shared<common::ObserveBatch>();
  auto provider = builtinRegistry().make(type, ctx);
  std::vector<Desired> desired;
  for (const auto& id : world.ids.at(type)) {
    Desired d;
    d.id = {"bench", "R" + std::to_string(desired.size())};
    d.type = type;
    d.physicalId = id;
    desired.push_back(std::move(d));
  }
  std::uint64_t calls = 0, observed = 0;
  double wall = 0;
  int failures = 0;
  for (auto _ : state) {
    stats->reset();
    if (ctx.observeBatch) {
      ctx.observeBatch->clear();  // a new observation: read AWS afresh
      for (const auto& d : desired)
        ctx.observeBatch->expect(d.type, d.physicalId);
    }
    const auto t0 = std::chrono::steady_clock::now();
    std::size_t done = 0;
    for (const auto& d : desired) {
      asio::co_spawn(io, provider->observe(d), [&](std::exception_ptr e, Result<Observed> r) {
        if (e || !r || !r->exists) ++failures;
        if (++done == desired.size()) io.stop();
      });
    }
    io.restart();
    io.run();
    wall +=
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    calls += stats->total();
    observed += desired.size();
  }
  if (failures > 0) state.SkipWithError("some observes failed or found nothing");
  const double perResource =
      static_cast<double>(calls) / static_cast<double>(observed ? observed : 1);
  state.counters["calls_per_resource"] = perResource;
  state.counters["resources_per_s"] =
      benchmark::Counter(static_cast<double>(observed), benchmark::Counter::kIsRate);
  results[std::string(type) + (batched ? "/bulk" : "/each")] = {
      perResource, wall / static_cast<double>(state.iterations())};
}

void BM_ObserveSubnets(benchmark::State& s) {
  observeAll(s, "AWS::EC2::Subnet");
}
void BM_ObserveSecurityGroups(benchmark::State& s) {
  observeAll(s, "AWS::EC2::SecurityGroup");
}
BENCHMARK(BM_ObserveSubnets)
    ->ArgName("bulk")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);
BENCHMARK(BM_ObserveSecurityGroups)
    ->ArgName("bulk")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

// The EC2 reads of the last no-op plan over `stacks` copies of the stack.
struct StackFigures {
  int stacks = 0;
  std::map<std::string, int> reads;  // operation -> calls
  int total = 0;
  double planMs = 0;
};
std::vector<StackFigures> stackResults;
constexpr int kStackResources = 28, kStackTypes = 14;

// `stacks` copies of the two-AZ stack (one manifest each) applied once, then
// no-op plans timed, their EC2 requests counted at a proxy in front of moto.
void BM_NoOpPlanOfTwoAzStacks(benchmark::State& state) {
  const int stacks = static_cast<int>(state.range(0));
  testing::FaultProxy proxy(testing::sharedMoto().endpoint());
  platform::ManifestRun run(proxy.url());
  std::map<std::string, std::string> files;
  for (int i = 0; i < stacks; ++i)
    files["net" + std::to_string(i) + ".yaml"] = platform::twoAzStack(100 + i);
  run.s.push("dev", files);
  run.apply();
  StackFigures f{.stacks = stacks};
  for (auto _ : state) {
    proxy.resetCounts();
    const auto t0 = std::chrono::steady_clock::now();
    std::string out;
    if (run.plan(&out) != 0) state.SkipWithError(("the plan is not a no-op:\n" + out).c_str());
    f.planMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  }
  f.reads.clear();
  f.total = 0;
  for (const auto& r : proxy.requests())
    if (r.service == "ec2") ++f.reads[r.operation], ++f.total;
  state.counters["ec2_reads"] = f.total;
  state.counters["reads_per_type"] = static_cast<double>(f.total) / kStackTypes;
  stackResults.push_back(std::move(f));
}
BENCHMARK(BM_NoOpPlanOfTwoAzStacks)
    ->ArgName("stacks")
    ->Arg(1)
    ->Arg(4)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(2);

void printStacks() {
  for (const auto& f : stackResults) {
    const int resources = kStackResources * f.stacks;
    std::printf(
        "two-AZ stack x%d (%d resources of %d types), no-op plan: %d EC2 reads = %.2f per type, "
        "%.3f per resource; one read per resource would be %d (%.1fx more)\n",
        f.stacks, resources, kStackTypes, f.total, static_cast<double>(f.total) / kStackTypes,
        static_cast<double>(f.total) / resources, resources,
        static_cast<double>(resources) / (f.total ? f.total : 1));
    for (const auto& [op, n] : f.reads)
      std::printf("  %-32s %d\n", op.c_str(), n);
  }
}

void printRatio(const std::string& type) {
  auto each = results.find(type + "/each");
  auto bulk = results.find(type + "/bulk");
  if (each == results.end() || bulk == results.end()) return;
  std::printf(
      "%s, %d resources: one by one %.3f calls/resource in %.1f ms; in bulk %.3f calls/resource "
      "in %.1f ms; %.0fx fewer calls, wall speed-up %.2fx\n",
      type.c_str(), kResources, each->second.callsPerResource, each->second.wallMs,
      bulk->second.callsPerResource, bulk->second.wallMs,
      each->second.callsPerResource / bulk->second.callsPerResource,
      each->second.wallMs / bulk->second.wallMs);
}

}  // namespace
}  // namespace driftless

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  driftless::printRatio("AWS::EC2::Subnet");
  driftless::printRatio("AWS::EC2::SecurityGroup");
  driftless::printStacks();
  return 0;
}
