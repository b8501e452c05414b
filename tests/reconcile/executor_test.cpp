// observeAll + execute against a fake provider (an in-memory cloud defined
// here): ordering, "known after apply" resolution, failure isolation, the
// concurrency bound, cancellation, state and convergence.
#include <gtest/gtest.h>

#include <boost/asio/steady_timer.hpp>
#include <map>
#include <set>

#include "reconcile/executor.h"
#include "reconcile/intrinsics.h"
#include "reconcile/observe.h"
#include "reconcile/plan_render.h"
#include "tests/reconcile/plan_fixture.h"

namespace driftless::reconcile {
namespace {

using namespace test;

struct Cloud {
  std::map<std::string, Observed> resources;  // by "type|physicalId"
  std::vector<std::string> calls;             // "create dlq", ...
  std::set<std::string> failOn;               // physical ids whose writes fail
  int inFlight = 0;
  int maxInFlight = 0;
  std::vector<std::string> observed;      // physical ids observe was called for, in order
  std::map<std::string, Value> readWith;  // physical id -> the properties observe was given
};

class FakeProvider : public Provider {
 public:
  FakeProvider(TypeInfo info, Cloud& cloud, ProviderContext ctx)
      : info_(std::move(info)), cloud_(cloud), ctx_(std::move(ctx)) {}
  const TypeInfo& info() const override { return info_; }

  Awaitable<Result<Observed>> observe(const Desired& d) override {
    // Without a physical id the properties are the identity: they must be resolved.
    if (d.physicalId.empty() && hasUnresolved(d.properties))
      cloud_.calls.push_back("observe unresolved " + d.id.str());
    cloud_.observed.push_back(d.physicalId);
    cloud_.readWith[d.physicalId] = d.properties;
    co_await pause();
    auto it = cloud_.resources.find(key(d.physicalId));
    if (it == cloud_.resources.end()) co_return Observed{};
    co_return it->second;
  }
  Awaitable<Result<Observed>> create(const Desired& d) override {
    cloud_.calls.push_back("create " + d.physicalId);
    co_await pause();
    if (cloud_.failOn.count(d.physicalId))
      co_return fail(ErrorKind::Invalid, "AccessDenied for " + d.physicalId);
    Observed o;
    o.exists = true;
    o.physicalId = d.physicalId;
    o.properties = d.properties;
    o.attributes["Arn"] = Value("arn:aws:fake:" + d.physicalId);
    o.attributes["QueueUrl"] = Value("https://fake/" + d.physicalId);
    o.attributes["TopicArn"] = Value("arn:aws:sns:" + d.physicalId);
    o.owner = ctx_.ownership(d.id);
    cloud_.resources[key(d.physicalId)] = o;
    co_return o;
  }
  Awaitable<Result<Observed>> update(const Desired& d, const Observed& live,
                                     const Delta& delta) override {
    cloud_.calls.push_back("update " + d.physicalId + " " + pathsOf(delta));
    co_await pause();
    if (cloud_.failOn.count(d.physicalId)) co_return fail(ErrorKind::Invalid, "update refused");
    Observed o = live;
    for (const auto& [k, v] : d.properties.asObject())
      o.properties[k] = v;
    o.owner = ctx_.ownership(d.id);
    cloud_.resources[key(d.physicalId)] = o;
    co_return o;
  }
  Awaitable<Result<void>> remove(const Desired& d, const Observed&) override {
    cloud_.calls.push_back("remove " + d.physicalId);
    co_await pause();
    if (cloud_.failOn.count(d.physicalId)) co_return fail(ErrorKind::Invalid, "delete refused");
    cloud_.resources.erase(key(d.physicalId));
    co_return Result<void>{};
  }

 private:
  std::string key(const std::string& physicalId) const { return info_.type + "|" + physicalId; }
  static std::string pathsOf(const Delta& delta) {
    std::string out;
    for (const auto& c : delta.changes)
      out += (out.empty() ? "" : ",") + c.path;
    return out;
  }
  // Every call yields to the event loop once, so concurrent calls overlap.
  Awaitable<void> pause() {
    ++cloud_.inFlight;
    cloud_.maxInFlight = std::max(cloud_.maxInFlight, cloud_.inFlight);
    asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(1));
    co_await t.async_wait(asio::use_awaitable);
    --cloud_.inFlight;
  }
  TypeInfo info_;
  Cloud& cloud_;
  ProviderContext ctx_;
};

class Harness {
 public:
  Harness() {
    for (const auto& type : testRegistry().types()) {
      TypeInfo info = *testRegistry().info(type);
      registry_.add(info, [this, info](const ProviderContext& ctx) {
        return std::make_unique<FakeProvider>(info, cloud, ctx);
      });
    }
    ProviderContext ctx;
    ctx.controllerId = kController;
    ctx.environment = kEnv;
    providers_ = std::make_unique<ProviderSet>(registry_, ctx);
  }

  template <typename T>
  T run(Awaitable<T> work) {
    asio::io_context io;
    std::optional<T> out;
    asio::co_spawn(io, std::move(work), [&](std::exception_ptr e, T value) {
      if (e) std::rethrow_exception(e);
      out = std::move(value);
    });
    io.run();
    return std::move(*out);
  }

  LiveState observe(const DesiredState& d, const state::EnvironmentState& st,
                    LiveState* prior = nullptr) {
    return run(observeAll(d, st, *providers_, {.concurrency = 4, .prior = prior}));
  }
  // observeAll's lending overload: the reads borrow `d`'s properties.
  LiveState observeLending(DesiredState& d, const state::EnvironmentState& st) {
    return run(observeAll(d, st, *providers_, {.concurrency = 4}));
  }
  LiveState observeAhead(state::EnvironmentState& st) {
    return run(observeApplied(st, *providers_, {.concurrency = 4}));
  }

  // One cycle: observe, plan, execute. Returns the result; `planOut` gets the plan.
  ExecutionResult cycle(const DesiredState& d, const state::EnvironmentState& st,
                        ExecuteOptions eo = {}, Plan* planOut = nullptr,
                        PlanOptions po = options()) {
    LiveState live = observe(d, st);
    po.differ = providers_->differ();
    Plan p = plan(d, live, st, po);
    if (!eo.hashSecret) eo.hashSecret = hasher;
    ExecutionResult r = run(execute(p, st, *providers_, eo));
    if (planOut) *planOut = std::move(p);
    return r;
  }

  static std::string hasher(const Value& v) {
    return "hmac-sha256:" + std::to_string(v.hash() % 1000000);
  }

  ProviderSet& providers() { return *providers_; }

  Cloud cloud;

 private:
  Registry registry_;
  std::unique_ptr<ProviderSet> providers_;
};

const char* kChain =
    "Resources:\n"
    "  Dlq: {Type: AWS::SQS::Queue, Properties: {QueueName: dlq}}\n"
    "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: q\n"
    "      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5}\n"
    "  Url:\n    Type: AWS::SSM::Parameter\n    Properties: {Name: url, Type: String, Value: "
    "!Ref Q}\n"
    "  Alone: {Type: AWS::SNS::Topic, Properties: {TopicName: alone}}\n";

TEST(Executor, CreatesInDependencyOrderResolvingValuesKnownAfterApply) {
  Harness h;
  DesiredState desired = desiredFrom(kChain);
  Plan p;
  ExecutionResult r = h.cycle(desired, {}, {}, &p);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.succeeded, 4u);
  std::vector<std::string> expected{"create alone", "create dlq", "create q", "create url"};
  EXPECT_EQ(h.cloud.calls, expected);
  const Observed& q = h.cloud.resources.at("AWS::SQS::Queue|q");
  EXPECT_EQ(q.properties.findPath("RedrivePolicy.deadLetterTargetArn")->asString(),
            "arn:aws:fake:dlq");
  EXPECT_EQ(h.cloud.resources.at("AWS::SSM::Parameter|url").properties.find("Value")->asString(),
            "https://fake/q");
  // State: every resource, resolved, with attributes, dependencies and the commit.
  const auto* applied = r.state.find({"orders", "Q"});
  ASSERT_NE(applied, nullptr);
  EXPECT_EQ(applied->physicalId, "q");
  EXPECT_EQ(applied->properties.findPath("RedrivePolicy.deadLetterTargetArn")->asString(),
            "arn:aws:fake:dlq");
  EXPECT_EQ(applied->attributes.find("QueueUrl")->asString(), "https://fake/q");
  EXPECT_EQ(applied->dependencies, std::vector<std::string>{"orders/Dlq"});
  EXPECT_EQ(applied->commit, "abc1234");
  EXPECT_EQ(r.state.commit, "abc1234");
  EXPECT_EQ(r.state.resourceCount(), 4u);
}

// Issue 13, defect 2: a subscription to a topic created in the same apply is
// absent, not observed with the topic's unresolved ARN.
TEST(Observe, NeverSendsAValueKnownOnlyAfterApply) {
  Harness h;
  DesiredState desired = desiredFrom(
      "Resources:\n  Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: t}}\n"
      "  Sub:\n    Type: AWS::SNS::Subscription\n    Properties:\n"
      "      TopicArn: !Ref Topic\n      Protocol: sqs\n      Endpoint: arn:aws:sqs:q\n");
  LiveState live = h.observe(desired, {});
  ASSERT_TRUE(live.find({"orders", "Sub"})->observed.has_value());
  EXPECT_FALSE(live.find({"orders", "Sub"})->observed->exists);
  ExecutionResult r = h.cycle(desired, {});
  EXPECT_TRUE(r.ok());
  for (const auto& call : h.cloud.calls)
    EXPECT_FALSE(call.starts_with("observe unresolved")) << call;
}

// Fn::ImportValue: the exporting stack's resource is created first and its
// value reaches the importing stack's resource.
TEST(Executor, ResolvesAValueImportedFromAnotherStack) {
  Harness h;
  LoadContext ctx;
  ctx.environment = kEnv;
  ctx.region = "eu-west-1";
  ctx.accountId = "111111111111";
  auto loaded = load(
      {{"shared.yaml",
        "Resources:\n  Dlq: {Type: AWS::SQS::Queue, Properties: {QueueName: dlq}}\n"
        "Outputs:\n  Arn: {Value: !GetAtt Dlq.Arn, Export: {Name: dlq-arn}}\n"},
       {"app.yaml",
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: q\n"
        "      RedrivePolicy: {deadLetterTargetArn: !ImportValue dlq-arn, maxReceiveCount: 5}\n"}},
      ctx, testRegistry());
  ASSERT_TRUE(loaded);
  ExecutionResult r = h.cycle(*loaded, {});
  EXPECT_TRUE(r.ok());
  std::vector<std::string> expected{"create dlq", "create q"};
  EXPECT_EQ(h.cloud.calls, expected);
  EXPECT_EQ(h.cloud.resources.at("AWS::SQS::Queue|q")
                .properties.findPath("RedrivePolicy.deadLetterTargetArn")
                ->asString(),
            "arn:aws:fake:dlq");
  Plan again;
  h.cycle(*loaded, r.state, {}, &again);
  EXPECT_FALSE(again.hasChangesOrDrift()) << renderText(again);
}

TEST(Executor, ConvergesSoTheNextCycleIsANoop) {
  Harness h;
  DesiredState desired = desiredFrom(kChain);
  ExecutionResult first = h.cycle(desired, {});
  ASSERT_TRUE(first.ok());
  h.cloud.calls.clear();
  Plan again;
  ExecutionResult second = h.cycle(desired, first.state, {}, &again);
  EXPECT_FALSE(again.hasChangesOrDrift()) << renderText(again);
  EXPECT_TRUE(h.cloud.calls.empty());
  EXPECT_EQ(second.state.resourceCount(), 4u);
}

TEST(Executor, CorrectsDriftAndReportsItAsDrift) {
  Harness h;
  DesiredState desired = desiredFrom(kChain);
  ExecutionResult first = h.cycle(desired, {});
  h.cloud.resources.at("AWS::SQS::Queue|q").properties["RedrivePolicy"]["maxReceiveCount"] =
      Value(99);
  h.cloud.calls.clear();
  Plan p;
  ExecutionResult second = h.cycle(desired, first.state, {}, &p);
  EXPECT_TRUE(second.ok());
  const Action* q = p.find({"orders", "Q"});
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(toString(q->kind), "update");
  EXPECT_TRUE(q->drifted());
  EXPECT_EQ(h.cloud.calls, std::vector<std::string>{"update q RedrivePolicy.maxReceiveCount"});
  EXPECT_EQ(h.cloud.resources.at("AWS::SQS::Queue|q")
                .properties.findPath("RedrivePolicy.maxReceiveCount")
                ->asInt(),
            5);
}

TEST(Executor, AFailureSkipsDependentsAndNotIndependents) {
  Harness h;
  h.cloud.failOn.insert("dlq");
  std::vector<std::string> events;
  ExecuteOptions eo;
  eo.onEvent = [&](const ExecutionEvent& e) {
    if (e.phase == ExecutionEvent::Phase::Finished)
      events.push_back(e.action->id.logicalId + ":" + std::string(toString(e.result->outcome)));
  };
  ExecutionResult r = h.cycle(desiredFrom(kChain), {}, eo);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.failed, 1u);
  EXPECT_EQ(r.skipped, 2u);
  EXPECT_EQ(r.succeeded, 1u);
  std::vector<std::string> expected{"Alone:succeeded", "Dlq:failed", "Q:skipped", "Url:skipped"};
  EXPECT_EQ(events, expected);
  for (const auto& rr : r.results) {
    if (rr.id.logicalId == "Dlq") {
      EXPECT_EQ(rr.error->message, "AccessDenied for dlq");
    }
    if (rr.id.logicalId == "Q") {
      EXPECT_EQ(rr.error->message, "skipped: dependency orders/Dlq failed");
    }
  }
  // State holds only what succeeded.
  EXPECT_NE(r.state.find({"orders", "Alone"}), nullptr);
  EXPECT_EQ(r.state.find({"orders", "Dlq"}), nullptr);
  EXPECT_EQ(r.state.find({"orders", "Q"}), nullptr);
}

std::string manyQueues(int n) {
  std::string yaml = "Resources:\n";
  for (int i = 0; i < n; ++i)
    yaml += "  Q" + std::to_string(i) + ": {Type: AWS::SQS::Queue, Properties: {QueueName: q" +
            std::to_string(i) + "}}\n";
  return yaml;
}

TEST(Executor, NeverRunsMoreThanTheConcurrencyBound) {
  Harness h;
  DesiredState desired = desiredFrom(manyQueues(20));
  LiveState live = h.observe(desired, {});
  EXPECT_EQ(h.cloud.maxInFlight, 4);  // observe's bound (Harness::observe)
  Plan p = plan(desired, live, {}, options());
  h.cloud.maxInFlight = 0;
  ExecuteOptions eo;
  eo.concurrency = 3;
  ExecutionResult r = h.run(execute(p, {}, h.providers(), eo));
  EXPECT_EQ(r.succeeded, 20u);
  EXPECT_EQ(h.cloud.maxInFlight, 3);
}

TEST(Executor, CancellationStopsStartingActionsAndLetsStartedOnesFinish) {
  Harness h;
  std::atomic<bool> cancel{false};
  ExecuteOptions eo;
  eo.concurrency = 2;
  eo.cancel = &cancel;
  eo.onEvent = [&](const ExecutionEvent& e) {
    if (e.phase == ExecutionEvent::Phase::Started && e.action->id.logicalId == "Q1")
      cancel = true;  // a shutdown arrives while Q0 and Q1 are in flight
  };
  ExecutionResult r = h.cycle(desiredFrom(manyQueues(6)), {}, eo);
  EXPECT_TRUE(r.cancelled);
  EXPECT_EQ(r.succeeded, 2u);  // Q0 and Q1 were started and finished
  EXPECT_EQ(r.cancelledCount, 4u);
  EXPECT_EQ(h.cloud.resources.size(), 2u);
  EXPECT_EQ(r.state.resourceCount(), 2u);
  EXPECT_FALSE(r.ok());
}

TEST(Executor, DeletesOrphansDependentsFirstAndReleasesRetained) {
  Harness h;
  DesiredState desired = desiredFrom(kChain);
  ExecutionResult first = h.cycle(desired, {});
  ASSERT_TRUE(first.ok());
  first.state.stacks["orders"].resources["Alone"].deletionPolicy = "Retain";
  h.cloud.calls.clear();
  PlanOptions po = options();
  po.maxPruneFraction = 1.0;
  Plan p;
  ExecutionResult r = h.cycle(DesiredState{}, first.state, {}, &p, po);
  EXPECT_TRUE(r.ok());
  std::vector<std::string> expected{"remove url", "remove q", "remove dlq"};
  EXPECT_EQ(h.cloud.calls, expected);
  EXPECT_EQ(r.state.resourceCount(), 0u);
  EXPECT_EQ(h.cloud.resources.count("AWS::SNS::Topic|alone"), 1u);  // released, still there
  EXPECT_EQ(toString(p.find({"orders", "Alone"})->kind), "release");
}

// A commit's policies reach state even when the resource's AWS properties are
// not converged this cycle (drift left alone, a failed update): the next prune
// must see `Retain`.
TEST(Executor, PoliciesReachStateWhateverTheActionDid) {
  Harness h;
  DesiredState desired = desiredFrom(kChain);
  ExecutionResult first = h.cycle(desired, {});
  ASSERT_TRUE(first.ok());
  // Drift on Q (not corrected: selfHeal false) and a failing update on Alone.
  h.cloud.resources.at("AWS::SQS::Queue|q").properties["RedrivePolicy"]["maxReceiveCount"] =
      Value(99);
  h.cloud.failOn.insert("alone");
  const char* retained =
      "Resources:\n"
      "  Dlq: {Type: AWS::SQS::Queue, Properties: {QueueName: dlq}}\n"
      "  Q:\n    Type: AWS::SQS::Queue\n    DeletionPolicy: Retain\n"
      "    Properties:\n      QueueName: q\n"
      "      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5}\n"
      "  Url:\n    Type: AWS::SSM::Parameter\n    DeletionPolicy: Retain\n"
      "    Properties: {Name: url, Type: String, Value: !Ref Q}\n"
      "  Alone: {Type: AWS::SNS::Topic, DeletionPolicy: Retain,\n"
      "          Properties: {TopicName: alone, Tags: [{Key: k, Value: v}]}}\n";
  DesiredState changed = desiredFrom(retained);
  PlanOptions po = options();
  po.selfHeal = false;
  Plan p;
  ExecutionResult r = h.cycle(changed, first.state, {}, &p, po);
  EXPECT_EQ(toString(p.find({"orders", "Q"})->kind), "update");
  EXPECT_FALSE(p.find({"orders", "Q"})->blockedReason.empty()) << "drift left alone";
  EXPECT_EQ(r.failed, 1u) << "Alone's update fails";
  for (const char* id : {"Q", "Alone", "Url"})
    EXPECT_EQ(r.state.find({"orders", id})->deletionPolicy, "Retain") << id;
  EXPECT_EQ(r.state.find({"orders", "Dlq"})->deletionPolicy, "Delete");
  // The failed update's properties stay as last applied: only the policy moved.
  EXPECT_EQ(r.state.find({"orders", "Alone"})->properties.find("Tags"), nullptr);
}

TEST(Executor, RefusedPlanExecutesNothing) {
  Harness h;
  DesiredState desired = desiredFrom(kChain);
  ExecutionResult first = h.cycle(desired, {});
  h.cloud.calls.clear();
  ExecutionResult r = h.cycle(DesiredState{}, first.state);  // maxPruneFraction 0.5
  EXPECT_FALSE(r.refusal.empty());
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(h.cloud.calls.empty());
  EXPECT_EQ(r.state.resourceCount(), 4u);
}

TEST(Executor, StateKeepsSecretsOnlyAsKeyedHashes) {
  Harness h;
  DesiredState desired = desiredFrom(
      "Parameters:\n  Pw: {Type: String, NoEcho: true, Default: hunter2}\n"
      "Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties: {Name: pw, Type: "
      "SecureString, Value: !Ref Pw, Description: !Sub \"for ${Pw}\"}\n");
  ExecutionResult r = h.cycle(desired, {});
  ASSERT_TRUE(r.ok());
  const auto* applied = r.state.find({"orders", "P"});
  ASSERT_NE(applied, nullptr);
  EXPECT_EQ(applied->properties.toJson().find("hunter2"), std::string::npos);
  EXPECT_EQ(applied->properties.find("Value")->asString(), Harness::hasher(Value("hunter2")));
  // And the next cycle sees no change, because the hash matches.
  Plan again;
  h.cycle(desired, r.state, {}, &again);
  EXPECT_FALSE(again.hasChangesOrDrift()) << renderText(again);
}

TEST(Observe, RecordsFailuresAndObservesOrphans) {
  Harness h;
  DesiredState desired =
      desiredFrom("Resources:\n  Odd: {Type: AWS::SQS::Queue, Properties: {QueueName: odd}}\n");
  state::EnvironmentState st;
  setApplied(st, {"orders", "Gone"}, "AWS::SQS::Queue", "gone", json("{}"));
  setApplied(st, {"orders", "Unknown"}, "Custom::Thing", "x", json("{}"));
  LiveState live = h.observe(desired, st);
  ASSERT_EQ(live.resources.size(), 3u);
  EXPECT_FALSE(live.find({"orders", "Odd"})->observed->exists);
  EXPECT_EQ(live.find({"orders", "Gone"})->desired.physicalId, "gone");
  EXPECT_TRUE(live.find({"orders", "Gone"})->observed.has_value());
  const LiveResource* unknown = live.find({"orders", "Unknown"});
  EXPECT_FALSE(unknown->observed.has_value());
  EXPECT_EQ(unknown->error->message, "no provider for type Custom::Thing");
}

// A full scan of the commit last applied reads what state records while the
// manifests load (observeApplied); observeAll then reads only what the loaded
// manifests ask differently, and finds the same as a plain observation. The
// parameter's Value is secret (state keeps its keyed hash): never read ahead.
TEST(Observe, TakesOverTheReadsMadeAheadThatTheManifestsConfirm) {
  Harness h;
  DesiredState desired = desiredFrom(kChain);
  ExecutionResult r = h.cycle(desired, {});
  ASSERT_TRUE(r.ok());
  h.cloud.observed.clear();
  const state::EnvironmentState recorded = r.state;
  LiveState prior = h.observeAhead(r.state);
  EXPECT_TRUE(r.state.sameContent(recorded)) << "the properties lent to the reads are back";
  EXPECT_EQ(prior.resources.size(), 3u);
  EXPECT_EQ(prior.find({"orders", "Url"}), nullptr);
  EXPECT_EQ(h.cloud.observed.size(), 3u);
  h.cloud.observed.clear();
  LiveState live = h.observe(desiredFrom(kChain), r.state, &prior);
  EXPECT_EQ(h.cloud.observed, std::vector<std::string>{"url"}) << "only the secret one is read";
  EXPECT_TRUE(prior.resources.empty());
  LiveState plain = h.observe(desiredFrom(kChain), r.state);
  ASSERT_EQ(live.resources.size(), plain.resources.size());
  for (const auto& [id, lr] : plain.resources) {
    const LiveResource* taken = live.find(id);
    ASSERT_NE(taken, nullptr) << id.str();
    ASSERT_TRUE(taken->observed && lr.observed) << id.str();
    EXPECT_EQ(taken->observed->physicalId, lr.observed->physicalId);
    EXPECT_EQ(taken->observed->properties, lr.observed->properties) << id.str();
    EXPECT_EQ(taken->observed->attributes, lr.observed->attributes) << id.str();
  }
  Plan p = plan(desiredFrom(kChain), live, r.state, options());
  EXPECT_FALSE(p.hasChangesOrDrift()) << renderText(p);
}

// Given the desired state itself (not a const one), each read of a resource
// with nothing to resolve borrows the manifest's properties and gives them
// back: the reads get what a plain observation sends, the desired state is as
// loaded afterwards, and a plan that takes it over finds the converged cycle a
// no-op. A property that refers to a dependency is still resolved first.
TEST(Observe, LendsTheManifestsPropertiesToTheReadsAndGivesThemBack) {
  Harness h;
  ExecutionResult r = h.cycle(desiredFrom(kChain), {});
  ASSERT_TRUE(r.ok());
  h.cloud.readWith.clear();
  LiveState plain = h.observe(desiredFrom(kChain), r.state);
  const std::map<std::string, Value> plainReads = h.cloud.readWith;
  h.cloud.readWith.clear();
  h.cloud.calls.clear();
  DesiredState desired = desiredFrom(kChain);
  LiveState live = h.observeLending(desired, r.state);
  EXPECT_EQ(h.cloud.readWith, plainReads);
  EXPECT_EQ(h.cloud.readWith.at("dlq"), json(R"({"QueueName":"dlq"})"));
  EXPECT_TRUE(h.cloud.calls.empty()) << "no read was sent an unresolved value";
  const DesiredState loaded = desiredFrom(kChain);
  ASSERT_EQ(desired.resources.size(), loaded.resources.size());
  for (std::size_t i = 0; i < loaded.resources.size(); ++i)
    EXPECT_EQ(desired.resources[i].properties, loaded.resources[i].properties)
        << loaded.resources[i].id.str();
  ASSERT_EQ(live.resources.size(), plain.resources.size());
  for (const auto& [id, lr] : plain.resources) {
    const LiveResource* lent = live.find(id);
    ASSERT_NE(lent, nullptr) << id.str();
    ASSERT_TRUE(lent->observed && lr.observed) << id.str();
    EXPECT_EQ(lent->desired.physicalId, lr.desired.physicalId) << id.str();
    EXPECT_EQ(lent->observed->properties, lr.observed->properties) << id.str();
  }
  PlanOptions po = options();
  po.differ = h.providers().differ();
  Plan p = planTakingOver(desired, live, r.state, po);
  EXPECT_FALSE(p.hasChangesOrDrift()) << renderText(p);
}

// What the manifests ask differently from what state records (here a topic
// renamed in git: its new name, and the old name observed for the replace) is
// read with the manifest's input; what they ask the same is taken over.
TEST(Observe, ReadsAgainWhatTheManifestsAskDifferently) {
  Harness h;
  ExecutionResult r = h.cycle(desiredFrom(kChain), {});
  ASSERT_TRUE(r.ok());
  state::EnvironmentState& st = r.state;
  LiveState prior = h.observeAhead(st);
  std::string changed = kChain;
  changed.replace(changed.find("TopicName: alone"), 16, "TopicName: lone, DisplayName: x");
  h.cloud.observed.clear();
  LiveState live = h.observe(desiredFrom(changed), st, &prior);
  std::multiset<std::string> again(h.cloud.observed.begin(), h.cloud.observed.end());
  EXPECT_EQ(again, (std::multiset<std::string>{"lone", "url"}));
  EXPECT_EQ(live.find({"orders", "Alone"})->desired.physicalId, "lone");
  EXPECT_FALSE(live.find({"orders", "Alone"})->observed->exists);
  ASSERT_NE(live.previous({"orders", "Alone"}), nullptr);
  EXPECT_TRUE(live.previous({"orders", "Alone"})->observed->exists);
  EXPECT_TRUE(live.find({"orders", "Q"})->observed->exists);
  EXPECT_TRUE(prior.resources.empty());
}

}  // namespace
}  // namespace driftless::reconcile

namespace driftless::reconcile {
namespace {

// A generated name is shown as such on first creation, and kept afterwards.
TEST(Executor, AGeneratedNameIsShownOnCreationAndStable) {
  Harness h;
  DesiredState desired = test::desiredFrom("Resources:\n  Jobs: {Type: AWS::SQS::Queue}\n");
  Plan first;
  ExecutionResult r = h.cycle(desired, {}, {}, &first);
  ASSERT_TRUE(r.ok());
  const std::string name = desired.resources.at(0).physicalId;
  EXPECT_TRUE(name.starts_with("orders-Jobs-")) << name;
  EXPECT_NE(renderText(first).find("+ orders/Jobs  " + name + " (generated)"), std::string::npos)
      << renderText(first);
  EXPECT_EQ(r.state.find({"orders", "Jobs"})->physicalId, name);
  Plan again;
  h.cycle(test::desiredFrom("Resources:\n  Jobs: {Type: AWS::SQS::Queue}\n"), r.state, {}, &again);
  EXPECT_FALSE(again.hasChangesOrDrift()) << renderText(again);
}

}  // namespace
}  // namespace driftless::reconcile
