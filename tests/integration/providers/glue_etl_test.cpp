// AWS::Glue::Job and AWS::Glue::Crawler against moto (which has neither
// UpdateJob nor UpdateCrawler: those calls are checked on the wire).
#include "tests/integration/providers/platform_harness.h"

namespace driftless::platform {
namespace {

const std::string kRole = "arn:aws:iam::123456789012:role/glue-service";

// A stub Glue answering `get` (the job or crawler) to its get call, GetTags
// with `tags`, and {} to anything else.
testing::HttpStub glueStub(std::string getOp, std::string get, std::string tags) {
  return testing::HttpStub([=](const testing::StubRequest& r) {
    std::string target = r.headers.count("x-amz-target") ? r.headers.at("x-amz-target") : "";
    testing::StubResponse out;
    out.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
    out.body = target == "AWSGlue." + getOp ? get : target == "AWSGlue.GetTags" ? tags : "{}";
    return out;
  });
}

// What an owned resource's live state looks like to update(): its tags carry ownership.
Observed ownedLive(const std::string& properties) {
  Observed live;
  live.exists = true;
  live.properties = json(properties);
  live.owner = Ownership{"ctl-test", "dev", "app", "X"};
  return live;
}

// A no-op observe is the get call and GetTags; a tag change made by hand
// (`change`, boto3 with `arn` bound) is drift on Tags alone, corrected without
// `updateCall`; a new name replaces; then deleted.
void tagDriftCorrectedThenRemoved(Harness& h, const Desired& d, Observed live,
                                  const std::string& resource, const std::string& change,
                                  const std::string& updateCall) {
  h.resetStats();
  h.observe(d);
  EXPECT_EQ(h.stats().total(), 2u) << "the get call and GetTags";
  h.outOfBand("glue", "arn = 'arn:aws:glue:us-east-1:123456789012:" + resource + "'\n" + change);
  h.resetStats();
  live = expectDriftCorrected(h, d, {"Tags"});
  EXPECT_EQ(h.calls().count(updateCall), 0u) << "a tags-only change";
  EXPECT_TRUE(h.p().info().property("Name")->immutable);
  expectRemoved(h, d, live);
}

TEST(GlueJobProvider, CreateObserveDriftRemove) {
  Harness h("AWS::Glue::Job");
  const std::string name = uniqueName("etl");
  Desired d = h.desired("Etl", json(R"({"Name": ")" + name + R"(", "Role": ")" + kRole + R"(",
      "Command": {"Name": "glueetl", "ScriptLocation": "s3://scripts/etl.py",
                  "PythonVersion": "3"},
      "DefaultArguments": {"--job-language": "python", "--retries": 2},
      "GlueVersion": "4.0", "MaxRetries": 1, "Timeout": 60, "WorkerType": "G.1X",
      "NumberOfWorkers": 2, "Description": "nightly",
      "ExecutionProperty": {"MaxConcurrentRuns": 1},
      "Tags": {"team": "data"}})"));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(botoOutput("glue", "print(c.get_job(JobName='" + name +
                                   "')['Job']['DefaultArguments']['--retries'])"),
            "2")
      << "arguments are sent as strings";
  EXPECT_FALSE(h.p().info().property("Command")->immutable) << "changed in place";
  tagDriftCorrectedThenRemoved(h, d, live, "job/" + name,
                               "c.tag_resource(ResourceArn=arn, TagsToAdd={'team': 'other'})",
                               "glue:UpdateJob");
}

// UpdateJob on the wire: the manifest's whole definition as JobUpdate (no
// name, no tags), arguments as strings (a JSON string parsed); no tag call
// when the tags agree.
TEST(GlueJobProvider, UpdateJobOnTheWire) {
  testing::HttpStub stub =
      glueStub("GetJob", R"({"Job": {"Name": "etl", "Role": "r", "Description": "new"}})",
               R"({"Tags": {"driftless:controller": "ctl-test"}})");
  Harness h("AWS::Glue::Job", Harness::Options{.endpoint = stub.url()});
  Desired d = h.desired("Etl", json(R"({"Name": "etl", "Role": "r", "Description": "new",
      "Command": {"Name": "pythonshell", "ScriptLocation": "s3://s/a.py"},
      "DefaultArguments": {"--n": 5}, "NonOverridableArguments": "{\"--x\": 1}",
      "MaxCapacity": 0.0625})"));
  Observed live = ownedLive(R"({"Name": "etl", "Role": "r", "Description": "old",
      "Command": {"Name": "pythonshell", "ScriptLocation": "s3://s/a.py"},
      "DefaultArguments": {"--n": "5"}, "NonOverridableArguments": {"--x": "1"},
      "MaxCapacity": 0.0625, "Tags": {}})");
  Delta delta = h.p().diff(d, live);
  ASSERT_EQ(paths(delta), std::vector<std::string>{"Description"});
  h.update(d, live, delta);
  auto sent = sentJson(stub, "UpdateJob");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0], json(R"({"JobName": "etl", "JobUpdate": {"Role": "r", "Description": "new",
      "Command": {"Name": "pythonshell", "ScriptLocation": "s3://s/a.py"},
      "DefaultArguments": {"--n": "5"}, "NonOverridableArguments": {"--x": "1"},
      "MaxCapacity": 0.0625}})"));
  EXPECT_TRUE(sentJson(stub, "TagResource").empty());
}

TEST(GlueJobProvider, Validation) {
  const TypeInfo& info = typeInfo("AWS::Glue::Job");
  const Value bad = json(R"({"Role": "r", "Command": {"Name": "spark"}, "MaxCapacity": 2,
      "WorkerType": "G.1X", "MaxRetries": 11})");
  EXPECT_EQ(info.validate(bad).size(), 4u) << ::testing::PrintToString(info.validate(bad));
  EXPECT_TRUE(info.taggable);
}

const std::string kCrawlerConfig =
    R"({\"Version\": 1.0, \"CrawlerOutput\": {\"Partitions\": {\"AddOrUpdateBehavior\": \"InheritFromTable\"}}})";

TEST(GlueCrawlerProvider, CreateObserveDriftRemove) {
  Harness h("AWS::Glue::Crawler");
  const std::string name = uniqueName("raw");
  Desired d = h.desired("Raw", json(R"({"Name": ")" + name + R"(", "Role": ")" + kRole + R"j(",
      "DatabaseName": "lake", "Description": "raw zone", "TablePrefix": "raw_",
      "Targets": {"S3Targets": [{"Path": "s3://lake/raw/", "Exclusions": ["*.tmp"]}]},
      "Schedule": {"ScheduleExpression": "cron(0 2 * * ? *)"},
      "SchemaChangePolicy": {"UpdateBehavior": "UPDATE_IN_DATABASE", "DeleteBehavior": "LOG"},
      "Configuration": ")j" + kCrawlerConfig +
                                    R"(",
      "Tags": {"team": "data"}})"));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(botoOutput("glue", "print(c.get_crawler(Name='" + name +
                                   "')['Crawler']['Schedule']['ScheduleExpression'])"),
            "cron(0 2 * * ? *)");
  tagDriftCorrectedThenRemoved(h, d, live, "crawler/" + name,
                               "c.untag_resource(ResourceArn=arn, TagsToRemove=['team'])",
                               "glue:UpdateCrawler");
}

// UpdateCrawler on the wire: the manifest's definition, the schedule as its
// expression and the configuration as JSON text.
TEST(GlueCrawlerProvider, UpdateCrawlerOnTheWire) {
  testing::HttpStub stub = glueStub("GetCrawler", R"j({"Crawler": {"Name": "raw", "Role": "r",
      "Schedule": {"ScheduleExpression": "cron(0 3 * * ? *)", "State": "SCHEDULED"},
      "Targets": {"S3Targets": [{"Path": "s3://l/", "Exclusions": []}], "JdbcTargets": []}}})j",
                                    R"({"Tags": {"driftless:controller": "ctl-test"}})");
  Harness h("AWS::Glue::Crawler", Harness::Options{.endpoint = stub.url()});
  Desired d = h.desired("Raw", json(R"j({"Name": "raw", "Role": "r",
      "Targets": {"S3Targets": [{"Path": "s3://l/"}]},
      "Schedule": {"ScheduleExpression": "cron(0 3 * * ? *)"},
      "Configuration": {"Version": 1.0}})j"));
  // What the stub answers (AWS's empty lists and schedule state) is no drift
  // but for the configuration it lacks.
  Observed answered = h.observe(d);
  EXPECT_EQ(paths(h.p().diff(d, answered)), std::vector<std::string>{"Configuration"});
  Observed live = ownedLive(R"j({"Name": "raw", "Role": "r", "Tags": {},
      "Targets": {"S3Targets": [{"Path": "s3://l/"}]}, "Configuration": "{\"Version\": 1.0}",
      "Schedule": {"ScheduleExpression": "cron(0 2 * * ? *)"}})j");
  Delta delta = h.p().diff(d, live);
  ASSERT_EQ(paths(delta), std::vector<std::string>{"Schedule.ScheduleExpression"});
  h.update(d, live, delta);
  auto sent = sentJson(stub, "UpdateCrawler");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0], json(R"j({"Name": "raw", "Role": "r",
      "Targets": {"S3Targets": [{"Path": "s3://l/"}]}, "Schedule": "cron(0 3 * * ? *)",
      "Configuration": "{\"Version\":1.0}"})j"));
}

// LakeFormationConfiguration: moto 5.2.1's CreateCrawler drops it
// (docs/manifest-reference.md, "What the emulator cannot do"), so on the wire:
// GetCrawler's answer is no drift, a change by hand is, and UpdateCrawler
// sends the flag as a JSON boolean.
TEST(GlueCrawlerProvider, LakeFormationConfigurationOnTheWire) {
  testing::HttpStub stub = glueStub("GetCrawler", R"j({"Crawler": {"Name": "raw", "Role": "r",
      "Targets": {"S3Targets": [{"Path": "s3://l/", "Exclusions": []}]},
      "LakeFormationConfiguration": {"UseLakeFormationCredentials": true,
                                     "AccountId": "123456789012"}}})j",
                                    R"({"Tags": {"driftless:controller": "ctl-test"}})");
  Harness h("AWS::Glue::Crawler", Harness::Options{.endpoint = stub.url()});
  Desired d = h.desired("Raw", json(R"j({"Name": "raw", "Role": "r",
      "Targets": {"S3Targets": [{"Path": "s3://l/"}]},
      "LakeFormationConfiguration": {"UseLakeFormationCredentials": "true",
                                     "AccountId": "123456789012"}})j"));
  h.create(d);
  auto created = sentJson(stub, "CreateCrawler");
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(*created[0].find("LakeFormationConfiguration"),
            json(R"({"UseLakeFormationCredentials": true, "AccountId": "123456789012"})"));
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  Observed live = ownedLive(R"j({"Name": "raw", "Role": "r", "Tags": {},
      "Targets": {"S3Targets": [{"Path": "s3://l/"}]},
      "LakeFormationConfiguration": {"UseLakeFormationCredentials": false,
                                     "AccountId": "123456789012"}})j");
  Delta delta = h.p().diff(d, live);
  ASSERT_EQ(paths(delta),
            std::vector<std::string>{"LakeFormationConfiguration.UseLakeFormationCredentials"});
  h.update(d, live, delta);
  auto sent = sentJson(stub, "UpdateCrawler");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(*sent[0].find("LakeFormationConfiguration"),
            json(R"({"UseLakeFormationCredentials": true, "AccountId": "123456789012"})"));
  EXPECT_FALSE(h.p().info().property("LakeFormationConfiguration")->immutable);
}

TEST(GlueCrawlerProvider, Validation) {
  const TypeInfo& info = typeInfo("AWS::Glue::Crawler");
  const Value bad = json(R"j({"Role": "r", "Targets": {"S3Targets": []}, "DatabaseName": "Lake",
      "Schedule": {"ScheduleExpression": "rate(1 day)"}})j");
  EXPECT_EQ(info.validate(bad).size(), 3u) << ::testing::PrintToString(info.validate(bad));
}

// Tags-only round trips (moto has no UpdateJob/UpdateCrawler).
void taggedRoundTrip(ManifestRun& run, const std::string& kind, const std::string& body,
                     const std::string& exists) {
  const std::string name = run.name("etl");
  const std::string arn = "arn:aws:glue:us-east-1:123456789012:" + kind + "/" + name;
  auto tag = [&] {
    return run.boto("glue", "print(c.get_tags(ResourceArn='" + arn + "')['Tags'].get('team'))");
  };
  RoundTrip t;
  t.manifest = [&](int v, bool retain) -> std::string {
    return "Resources:\n  Etl:\n    Type: AWS::Glue::" +
           std::string(kind == "job" ? "Job" : "Crawler") + "\n" +
           std::string(retain ? "    DeletionPolicy: Retain\n" : "") +
           "    Properties:\n      Name: " + name + "\n" + body + "      Tags: {team: v" +
           std::to_string(v) + "}\n";
  };
  t.drift = [&] {
    run.boto("glue", "c.untag_resource(ResourceArn='" + arn + "', TagsToRemove=['team'])");
  };
  t.driftPath = "Tags";
  t.checkCorrected = [&] { EXPECT_EQ(tag(), "v1"); };
  t.pushedChange = "1 updated";
  t.checkChanged = [&] { EXPECT_EQ(tag(), "v2"); };
  t.exists = [&] {
    return run.boto("glue", "print('" + name + "' in c." + exists + ")") == "True";
  };
  roundTrip(run, t);
}

const std::string kJobBody =
    "      Role: " + kRole +
    "\n      Command: {Name: glueetl, ScriptLocation: 's3://scripts/etl.py'}\n"
    "      GlueVersion: '4.0'\n      WorkerType: G.1X\n      NumberOfWorkers: 2\n";

TEST(GlueManifest, JobRoundTrip) {
  ManifestRun run;
  taggedRoundTrip(run, "job", kJobBody, "list_jobs()['JobNames']");
}

TEST(GlueManifest, CrawlerRoundTrip) {
  ManifestRun run;
  taggedRoundTrip(run, "crawler",
                  "      Role: " + kRole +
                      "\n      DatabaseName: lake\n      Targets:\n        S3Targets:\n"
                      "          - Path: s3://lake/raw/\n"
                      "      Schedule: {ScheduleExpression: 'cron(0 2 * * ? *)'}\n",
                  "list_crawlers()['CrawlerNames']");
}

// A new job name replaces the job (allowReplace): the old one is deleted.
TEST(GlueManifest, RenamingAJobReplacesIt) {
  ManifestRun run;
  auto manifest = [&](const std::string& name) {
    return "Resources:\n  Etl:\n    Type: AWS::Glue::Job\n"
           "    Metadata: {driftless: {allowReplace: true}}\n    Properties:\n      Name: " +
           name + "\n" + kJobBody;
  };
  auto jobs = [&] { return run.boto("glue", "print(sorted(c.list_jobs()['JobNames']))"); };
  const std::string first = run.name("first"), second = run.name("second");
  run.s.push("dev", {{"stack.yaml", manifest(first)}});
  run.apply();
  ASSERT_NE(jobs().find(first), std::string::npos);
  run.s.push("dev", {{"stack.yaml", manifest(second)}});
  std::string out = run.apply();
  EXPECT_NE(out.find("1 replaced"), std::string::npos) << out;
  EXPECT_EQ(jobs().find(first), std::string::npos) << jobs();
  EXPECT_NE(jobs().find(second), std::string::npos) << jobs();
  EXPECT_EQ(run.plan(&out), 0) << out;

  // Without a Name, one is generated (<stack>-<LogicalId>-<suffix>), then deleted.
  createThenDelete(run,
                   "Resources:\n  Gone:\n    Type: AWS::Glue::Job\n    Properties:\n" + kJobBody,
                   [&] { return jobs().find("gone-Gone-") != std::string::npos; });
}

}  // namespace
}  // namespace driftless::platform
