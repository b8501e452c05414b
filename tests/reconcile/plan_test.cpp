// Classification, causes, policies and waves of plan() (table-driven).
#include <gtest/gtest.h>

#include "reconcile/plan.h"
#include "reconcile/plan_render.h"
#include "tests/reconcile/plan_fixture.h"

namespace driftless::reconcile {
namespace {

using namespace test;

const ResourceId kQ{"orders", "Q"};
const char* kQueueType = "AWS::SQS::Queue";

std::string queueYaml(const std::string& extraProps, const std::string& extraKeys = "") {
  return "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n" + extraKeys +
         "    Properties:\n      QueueName: orders\n" + extraProps;
}

struct ClassCase {
  const char* reason;
  std::string yaml;              // desired ("" = the resource is gone from git)
  std::optional<Observed> live;  // nullopt = observe failed
  std::optional<Value> applied;  // last applied properties, nullopt = not in state
  std::function<void(PlanOptions&)> tweak;
  ActionKind kind;
  Cause cause;
  bool blocked;
  std::vector<std::string> paths;  // differing paths
  std::string appliedPolicy = "Delete";
};

Observed liveQueue(const char* props) {
  return owned(kQ, "orders", json(props));
}

std::vector<ClassCase> classCases() {
  std::vector<ClassCase> cases;
  auto add = [&](ClassCase c) { cases.push_back(std::move(c)); };
  add({"new in git, absent live: create (change)",
       queueYaml(""),
       absent(),
       std::nullopt,
       {},
       ActionKind::Create,
       Cause::Change,
       false,
       {}});
  add({"managed but missing live: create (drift)",
       queueYaml(""),
       absent(),
       json(R"({"QueueName":"orders"})"),
       {},
       ActionKind::Create,
       Cause::Drift,
       false,
       {}});
  add({"missing live with selfHeal off: recorded, not recreated",
       queueYaml(""),
       absent(),
       json(R"({"QueueName":"orders"})"),
       [](PlanOptions& o) { o.selfHeal = false; },
       ActionKind::Create,
       Cause::Drift,
       true,
       {}});
  add({"live matches git: noop",
       queueYaml("      DelaySeconds: 5\n"),
       liveQueue(R"({"QueueName":"orders","DelaySeconds":5})"),
       json(R"({"QueueName":"orders","DelaySeconds":5})"),
       {},
       ActionKind::Noop,
       Cause::Change,
       false,
       {}});
  add({"AWS returns numbers as strings: still noop",
       queueYaml("      DelaySeconds: 5\n"),
       liveQueue(R"({"QueueName":"orders","DelaySeconds":"5"})"),
       json(R"({"QueueName":"orders","DelaySeconds":5})"),
       {},
       ActionKind::Noop,
       Cause::Change,
       false,
       {}});
  add({"live moved away from last applied: update (drift)",
       queueYaml("      DelaySeconds: 5\n"),
       liveQueue(R"({"QueueName":"orders","DelaySeconds":9})"),
       json(R"({"QueueName":"orders","DelaySeconds":5})"),
       {},
       ActionKind::Update,
       Cause::Drift,
       false,
       {"DelaySeconds"}});
  add({"git moved: update (change)",
       queueYaml("      DelaySeconds: 7\n"),
       liveQueue(R"({"QueueName":"orders","DelaySeconds":5})"),
       json(R"({"QueueName":"orders","DelaySeconds":5})"),
       {},
       ActionKind::Update,
       Cause::Change,
       false,
       {"DelaySeconds"}});
  add({"drift with selfHeal off: recorded, not corrected",
       queueYaml("      DelaySeconds: 5\n"),
       liveQueue(R"({"QueueName":"orders","DelaySeconds":9})"),
       json(R"({"QueueName":"orders","DelaySeconds":5})"),
       [](PlanOptions& o) { o.selfHeal = false; },
       ActionKind::Update,
       Cause::Drift,
       true,
       {"DelaySeconds"}});
  add({"a git change still applies with selfHeal off",
       queueYaml("      DelaySeconds: 7\n"),
       liveQueue(R"({"QueueName":"orders","DelaySeconds":5})"),
       json(R"({"QueueName":"orders","DelaySeconds":5})"),
       [](PlanOptions& o) { o.selfHeal = false; },
       ActionKind::Update,
       Cause::Change,
       false,
       {"DelaySeconds"}});
  add({"immutable change without allowReplace: refused replace",
       queueYaml("      FifoQueue: false\n"),
       liveQueue(R"({"QueueName":"orders","FifoQueue":true})"),
       json(R"({"QueueName":"orders","FifoQueue":true})"),
       {},
       ActionKind::Replace,
       Cause::Change,
       true,
       {"FifoQueue"}});
  add({"immutable change with allowReplace: replace",
       queueYaml("      FifoQueue: false\n", "    Metadata: {driftless: {allowReplace: true}}\n"),
       liveQueue(R"({"QueueName":"orders","FifoQueue":true})"),
       json(R"({"QueueName":"orders","FifoQueue":true})"),
       {},
       ActionKind::Replace,
       Cause::Change,
       false,
       {"FifoQueue"}});
  Observed unowned = liveQueue(R"({"QueueName":"orders"})");
  unowned.owner.reset();
  add({"exists but not ours: conflict",
       queueYaml(""),
       unowned,
       std::nullopt,
       {},
       ActionKind::Conflict,
       Cause::Change,
       true,
       {}});
  add({"exists but not ours, adopt: update adds ownership",
       queueYaml("", "    Metadata: {driftless: {adopt: true}}\n"),
       unowned,
       std::nullopt,
       {},
       ActionKind::Update,
       Cause::Change,
       false,
       {"(ownership)"}});
  Observed other = liveQueue(R"({"QueueName":"orders"})");
  other.owner->controller = "someone-else";
  add({"owned by another controller: conflict",
       queueYaml(""),
       other,
       std::nullopt,
       {},
       ActionKind::Conflict,
       Cause::Change,
       true,
       {}});
  Observed creating = liveQueue(R"({"QueueName":"orders"})");
  creating.status = "CREATING";
  add({"still being created in AWS: transitional",
       queueYaml("      DelaySeconds: 5\n"),
       creating,
       std::nullopt,
       {},
       ActionKind::Transitional,
       Cause::Change,
       true,
       {}});
  add({"observe failed: unobserved",
       queueYaml(""),
       std::nullopt,
       std::nullopt,
       {},
       ActionKind::Unobserved,
       Cause::Change,
       true,
       {}});
  add({"gone from git, owned: delete",
       "",
       liveQueue(R"({"QueueName":"orders"})"),
       json(R"({"QueueName":"orders"})"),
       {},
       ActionKind::Delete,
       Cause::Change,
       false,
       {}});
  add({"gone from git, DeletionPolicy Retain: release",
       "",
       liveQueue(R"({"QueueName":"orders"})"),
       json(R"({"QueueName":"orders"})"),
       {},
       ActionKind::Release,
       Cause::Change,
       false,
       {},
       "Retain"});
  add({"gone from git with prune off: kept and reported",
       "",
       liveQueue(R"({"QueueName":"orders"})"),
       json(R"({"QueueName":"orders"})"),
       [](PlanOptions& o) { o.prune = false; },
       ActionKind::Delete,
       Cause::Change,
       true,
       {}});
  add({"gone from git but now unowned live: never deleted",
       "",
       unowned,
       json(R"({"QueueName":"orders"})"),
       {},
       ActionKind::Conflict,
       Cause::Change,
       true,
       {}});
  add({"tags compared as a set, ownership tags ignored",
       queueYaml("      Tags: [{Key: b, Value: \"2\"}, {Key: a, Value: \"1\"}]\n"),
       owned(kQ, "orders",
             [] {
               Value p = json(R"({"QueueName":"orders"})");
               p["Tags"] =
                   ownedTags(kQ, json(R"([{"Key":"a","Value":"1"},{"Key":"b","Value":"2"}])"));
               return p;
             }()),
       json(R"({"QueueName":"orders"})"),
       {},
       ActionKind::Noop,
       Cause::Change,
       false,
       {}});
  return cases;
}

TEST(PlanClassification, Table) {
  for (const auto& c : classCases()) {
    SCOPED_TRACE(c.reason);
    DesiredState desired = c.yaml.empty() ? DesiredState{} : desiredFrom(c.yaml);
    LiveState live;
    setLive(live, kQ, kQueueType, c.live,
            c.live ? std::nullopt : std::optional(Error::make(ErrorKind::Transient, "timeout")));
    state::EnvironmentState applied;
    if (c.applied) setApplied(applied, kQ, kQueueType, "orders", *c.applied, {}, c.appliedPolicy);
    PlanOptions o = options();
    if (c.tweak) c.tweak(o);
    Plan p = plan(desired, live, applied, o);
    const Action* a = p.find(kQ);
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(toString(a->kind), toString(c.kind));
    if (c.kind != ActionKind::Noop) {
      EXPECT_EQ(toString(a->cause), toString(c.cause));
    }
    EXPECT_EQ(!a->blockedReason.empty(), c.blocked) << a->blockedReason;
    std::vector<std::string> paths;
    for (const auto& d : a->differences)
      paths.push_back(d.path);
    EXPECT_EQ(paths, c.paths);
    EXPECT_EQ(a->executes(), a->kind != ActionKind::Noop && a->kind != ActionKind::Conflict &&
                                 a->kind != ActionKind::Transitional &&
                                 a->kind != ActionKind::Unobserved && !c.blocked);
  }
}

const char* kChain =
    "Resources:\n"
    "  Dlq: {Type: AWS::SQS::Queue, Properties: {QueueName: dlq}}\n"
    "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: q\n"
    "      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5}\n"
    "  Url:\n    Type: AWS::SSM::Parameter\n    Properties: {Name: url, Type: String, Value: "
    "!Ref Q}\n";

TEST(Plan, WavesFollowDependenciesAndDeletesComeLastInReverse) {
  DesiredState desired = desiredFrom(kChain);
  LiveState live;
  for (const char* id : {"Dlq", "Q"})
    setLive(live, {"orders", id}, kQueueType, absent());
  setLive(live, {"orders", "Url"}, "AWS::SSM::Parameter", absent());
  state::EnvironmentState applied;
  // Two orphans: OldTopic depended on OldQueue, so OldTopic goes first.
  setApplied(applied, {"orders", "OldQueue"}, kQueueType, "old", json(R"({"QueueName":"old"})"));
  setApplied(applied, {"orders", "OldTopic"}, "AWS::SNS::Topic", "oldt",
             json(R"({"TopicName":"oldt"})"), {"orders/OldQueue"});
  setLive(live, {"orders", "OldQueue"}, kQueueType,
          owned({"orders", "OldQueue"}, "old", json(R"({"QueueName":"old"})")));
  setLive(live, {"orders", "OldTopic"}, "AWS::SNS::Topic",
          owned({"orders", "OldTopic"}, "oldt", json(R"({"TopicName":"oldt"})")));
  PlanOptions o = options();
  o.maxPruneFraction = 1.0;
  Plan p = plan(desired, live, applied, o);
  std::vector<std::vector<std::string>> waves;
  for (const auto& w : p.waves) {
    waves.emplace_back();
    for (auto i : w)
      waves.back().push_back(p.actions[i].id.logicalId);
  }
  std::vector<std::vector<std::string>> expected{
      {"Dlq"}, {"Q"}, {"Url"}, {"OldTopic"}, {"OldQueue"}};
  EXPECT_EQ(waves, expected);
  // The queue's DLQ ARN and the parameter's queue URL are known after apply.
  const Action* q = p.find({"orders", "Q"});
  EXPECT_EQ(renderValue(*q->desired.properties.findPath("RedrivePolicy.deadLetterTargetArn")),
            "(known after apply)");
  EXPECT_EQ(p.summary.create, 3u);
  EXPECT_EQ(p.summary.remove, 2u);
  EXPECT_TRUE(p.hasChangesOrDrift());
}

TEST(Plan, ResolvesReferencesToResourcesThatStay) {
  DesiredState desired = desiredFrom(kChain);
  LiveState live;
  setLive(live, {"orders", "Dlq"}, kQueueType,
          owned({"orders", "Dlq"}, "dlq", json(R"({"QueueName":"dlq"})"),
                json(R"({"Arn":"arn:aws:sqs:eu-west-1:1:dlq","QueueUrl":"https://q/dlq"})")));
  setLive(
      live, {"orders", "Q"}, kQueueType,
      owned(
          {"orders", "Q"}, "q",
          json(
              R"({"QueueName":"q","RedrivePolicy":{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:1:dlq","maxReceiveCount":"5"}})"),
          json(R"({"Arn":"arn:q","QueueUrl":"https://q/q"})")));
  setLive(live, {"orders", "Url"}, "AWS::SSM::Parameter",
          owned({"orders", "Url"}, "url",
                json(R"({"Name":"url","Type":"String","Value":"https://q/q"})")));
  Plan p = plan(desired, live, {}, options());
  for (const auto& a : p.actions)
    EXPECT_EQ(toString(a.kind), "noop") << a.id.str();
  EXPECT_FALSE(p.hasChangesOrDrift());
  EXPECT_TRUE(p.waves.empty());
}

// One resource that cannot be read blocks itself and what depends on it;
// independent resources still converge.
TEST(Plan, AnUnobservedResourceBlocksOnlyItselfAndItsDependents) {
  DesiredState desired = desiredFrom(std::string(kChain) +
                                     "  Alone: {Type: AWS::SNS::Topic, Properties: {TopicName: "
                                     "alone}}\n");
  LiveState live;
  setLive(live, {"orders", "Dlq"}, kQueueType, std::nullopt,
          Error::make(ErrorKind::Throttled, "Rate exceeded"));
  for (const char* id : {"Q"})
    setLive(live, {"orders", id}, kQueueType, absent());
  setLive(live, {"orders", "Url"}, "AWS::SSM::Parameter", absent());
  setLive(live, {"orders", "Alone"}, "AWS::SNS::Topic", absent());
  // An orphan that an unobserved orphan depends on is not deleted before it.
  state::EnvironmentState applied;
  setApplied(applied, {"orders", "OldQueue"}, kQueueType, "old", json(R"({"QueueName":"old"})"));
  setApplied(applied, {"orders", "OldTopic"}, "AWS::SNS::Topic", "oldt",
             json(R"({"TopicName":"oldt"})"), {"orders/OldQueue"});
  setLive(live, {"orders", "OldQueue"}, kQueueType,
          owned({"orders", "OldQueue"}, "old", json(R"({"QueueName":"old"})")));
  setLive(live, {"orders", "OldTopic"}, "AWS::SNS::Topic", std::nullopt,
          Error::make(ErrorKind::Transient, "connection reset"));
  PlanOptions o = options();
  o.maxPruneFraction = 1.0;
  Plan p = plan(desired, live, applied, o);
  EXPECT_EQ(toString(p.find({"orders", "Dlq"})->kind), "unobserved");
  for (const char* id : {"Q", "Url"}) {
    const Action* a = p.find({"orders", id});
    EXPECT_FALSE(a->executes()) << id;
    EXPECT_EQ(a->blockedReason, "waits for orders/Dlq, which could not be observed") << id;
  }
  EXPECT_TRUE(p.find({"orders", "Alone"})->executes()) << "independent of the unobserved";
  const Action* oldQueue = p.find({"orders", "OldQueue"});
  EXPECT_FALSE(oldQueue->executes());
  EXPECT_EQ(oldQueue->blockedReason,
            "kept while orders/OldTopic, which depends on it, cannot be observed");
  ASSERT_EQ(p.waves.size(), 1u);
  EXPECT_EQ(p.actions[p.waves[0][0]].id.logicalId, "Alone");
}

// A create interrupted after its first call (the bucket exists, its tagging
// failed) is completed by the next cycle when state holds its intent; without
// the intent, or when another controller owns it, it stays a conflict.
TEST(Plan, AnInterruptedCreateWithAnIntentIsCompletedNotAConflict) {
  DesiredState desired =
      desiredFrom("Resources:\n  B: {Type: AWS::SQS::Queue, Properties: {QueueName: b}}\n");
  LiveState live;
  Observed untagged;
  untagged.exists = true;
  untagged.physicalId = "b";
  untagged.properties = json(R"({"QueueName":"b"})");
  setLive(live, {"orders", "B"}, kQueueType, untagged);
  state::EnvironmentState applied;
  EXPECT_EQ(toString(plan(desired, live, applied, options()).find({"orders", "B"})->kind),
            "conflict");
  applied.intents.push_back({"orders/B", kQueueType, "b", "c1"});
  Plan p = plan(desired, live, applied, options());
  const Action* b = p.find({"orders", "B"});
  EXPECT_EQ(toString(b->kind), "update");
  EXPECT_TRUE(b->executes());
  EXPECT_TRUE(b->desired.adopt) << "the update writes the ownership tags";
  ASSERT_FALSE(b->differences.empty());
  EXPECT_EQ(b->differences[0].path, "(ownership)");
  // Another name under the same logical id, or another controller's tags: conflict.
  applied.intents[0].physicalId = "other";
  EXPECT_EQ(toString(plan(desired, live, applied, options()).find({"orders", "B"})->kind),
            "conflict");
  applied.intents[0].physicalId = "b";
  untagged.owner = Ownership{"someone-else", kEnv, "orders", "B"};
  setLive(live, {"orders", "B"}, kQueueType, untagged);
  EXPECT_EQ(toString(plan(desired, live, applied, options()).find({"orders", "B"})->kind),
            "conflict");
  // Partial ownership tags (the controller's, the rest missing) are ours to complete.
  untagged.owner = Ownership{kController, "", "", ""};
  setLive(live, {"orders", "B"}, kQueueType, untagged);
  EXPECT_EQ(toString(plan(desired, live, applied, options()).find({"orders", "B"})->kind),
            "update");
}

// Issue 17: a named resource renamed in git is a replace of the one live under
// its old name (refused without allowReplace), never a create that leaves the
// old one behind unmanaged.
TEST(Plan, ARenameReplacesTheResourceUnderItsOldNameNeverLeaksIt) {
  const ResourceId id{"orders", "Q"};
  auto desiredNamed = [](const std::string& metadata) {
    return desiredFrom("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n" + metadata +
                       "    Properties: {QueueName: new-name}\n");
  };
  state::EnvironmentState applied;
  setApplied(applied, id, kQueueType, "old-name", json(R"({"QueueName":"old-name"})"));
  LiveState live;
  setLive(live, id, kQueueType, absent());
  LiveResource old;
  old.id = id;
  old.type = kQueueType;
  old.info = testRegistry().info(kQueueType);
  old.desired.physicalId = "old-name";
  old.observed = owned(id, "old-name", json(R"({"QueueName":"old-name"})"));
  live.renamedFrom[id] = old;

  Plan refused = plan(desiredNamed(""), live, applied, options());
  const Action* q = refused.find(id);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(toString(q->kind), "replace");
  EXPECT_FALSE(q->executes()) << "nothing is created beside the old queue";
  EXPECT_NE(q->blockedReason.find("QueueName changed from 'old-name'"), std::string::npos)
      << q->blockedReason;
  EXPECT_NE(q->blockedReason.find("allowReplace"), std::string::npos) << q->blockedReason;

  Plan allowed = plan(desiredNamed("    Metadata: {driftless: {allowReplace: true}}\n"), live,
                      applied, options());
  q = allowed.find(id);
  EXPECT_EQ(toString(q->kind), "replace");
  EXPECT_TRUE(q->executes());
  EXPECT_EQ(q->physicalId, "old-name") << "the replace deletes the old queue";
  EXPECT_EQ(q->desired.physicalId, "new-name");
  EXPECT_EQ(q->cause, Cause::Change);

  // The old one already gone: the new name is simply created, as a change from git.
  live.renamedFrom[id].observed = absent();
  Plan gone = plan(desiredNamed(""), live, applied, options());
  EXPECT_EQ(toString(gone.find(id)->kind), "create");
  EXPECT_TRUE(gone.find(id)->executes());
  EXPECT_EQ(gone.find(id)->cause, Cause::Change);

  // The old name not observable: nothing happens to either name.
  live.renamedFrom[id].observed.reset();
  Plan unknown = plan(desiredNamed(""), live, applied, options());
  EXPECT_EQ(toString(unknown.find(id)->kind), "unobserved");
  EXPECT_FALSE(unknown.find(id)->executes());
}

TEST(Plan, MassPruneIsRefusedUnlessAllowed) {
  state::EnvironmentState applied;
  LiveState live;
  for (int i = 0; i < 4; ++i) {
    ResourceId id{"orders", "Q" + std::to_string(i)};
    std::string name = "q" + std::to_string(i);
    setApplied(applied, id, kQueueType, name, json(R"({})"));
    setLive(live, id, kQueueType, owned(id, name, json("{}")));
  }
  DesiredState desired =
      desiredFrom("Resources:\n  Q0: {Type: AWS::SQS::Queue, Properties: {QueueName: q0}}\n");
  PlanOptions o = options();
  o.maxPruneFraction = 0.5;
  Plan refused = plan(desired, live, applied, o);
  EXPECT_EQ(refused.refusal,
            "refusing to delete 3 of 4 managed resources (more than maxPruneFraction 0.5); run "
            "apply with --allow-mass-prune if this is intended");
  EXPECT_TRUE(refused.waves.empty());
  o.allowMassPrune = true;
  Plan allowed = plan(desired, live, applied, o);
  EXPECT_TRUE(allowed.refusal.empty());
  EXPECT_EQ(allowed.summary.remove, 3u);
}

TEST(Plan, SecretsCompareThroughTheKeyedHash) {
  std::string yaml =
      "Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties: {Name: pw, Type: "
      "SecureString, Value: s3cret}\n";
  ResourceId id{"orders", "P"};
  auto hasher = [](const Value& v) { return "hmac-sha256:" + std::to_string(v.hash()); };
  state::EnvironmentState applied;
  Value stored = json(R"({"Name":"pw","Type":"SecureString"})");
  stored["Value"] = Value(hasher(Value("s3cret")));
  setApplied(applied, id, "AWS::SSM::Parameter", "pw", stored);
  LiveState live;
  setLive(live, id, "AWS::SSM::Parameter",
          owned(id, "pw", json(R"({"Name":"pw","Type":"SecureString","Value":"changed"})")));
  PlanOptions o = options();
  o.hashSecret = hasher;
  Plan p = plan(desiredFrom(yaml), live, applied, o);
  const Action* a = p.find(id);
  ASSERT_EQ(a->differences.size(), 1u);
  EXPECT_EQ(toString(a->differences[0].cause), "drift");  // git still says s3cret
  EXPECT_TRUE(a->differences[0].secret);
  std::string text = renderText(p);
  EXPECT_EQ(text.find("s3cret"), std::string::npos) << text;
  EXPECT_EQ(text.find("changed"), std::string::npos) << text;
  EXPECT_NE(text.find("~ Value: (secret) → (secret) (drift)"), std::string::npos) << text;
  EXPECT_EQ(renderJson(p).toJson().find("s3cret"), std::string::npos);
}

TEST(Plan, IsDeterministic) {
  DesiredState desired = desiredFrom(kChain);
  LiveState live;
  for (const char* id : {"Dlq", "Q"})
    setLive(live, {"orders", id}, kQueueType, absent());
  setLive(live, {"orders", "Url"}, "AWS::SSM::Parameter", absent());
  EXPECT_EQ(renderJson(plan(desired, live, {}, options())).toJson(),
            renderJson(plan(desired, live, {}, options())).toJson());
}

}  // namespace
}  // namespace driftless::reconcile
