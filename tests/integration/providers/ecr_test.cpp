// AWS::ECR::Repository against moto.
#include "tests/integration/providers/platform_harness.h"

namespace driftless::platform {
namespace {

const char* kLifecycle =
    R"({\"rules\": [{\"rulePriority\": 1, \"selection\": {\"tagStatus\": \"untagged\", )"
    R"(\"countType\": \"imageCountMoreThan\", \"countNumber\": 5}, \"action\": {\"type\": )"
    R"(\"expire\"}}]})";

TEST(EcrRepositoryProvider, CreateObserveDriftUpdateRemove) {
  Harness h("AWS::ECR::Repository");
  const std::string name = "team/" + uniqueName("api");
  Desired d = h.desired("Repo", json(R"({"RepositoryName": ")" + name + R"(",
      "ImageTagMutability": "IMMUTABLE", "ImageScanningConfiguration": {"ScanOnPush": true},
      "LifecyclePolicy": {"LifecyclePolicyText": ")" +
                                     kLifecycle + R"("},
      "EmptyOnDelete": true, "Tags": [{"Key": "team", "Value": "api"}]})"));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  EXPECT_NE(live.attributes.find("RepositoryUri")->asString().find(name), std::string::npos);
  h.resetStats();
  h.observe(d);
  EXPECT_EQ(h.stats().total(), 3u)
      << "DescribeRepositories, ListTagsForResource, GetLifecyclePolicy";

  h.outOfBand("ecr", "c.put_image_tag_mutability(repositoryName='" + name +
                         "', imageTagMutability='MUTABLE')\nc.put_image_scanning_configuration("
                         "repositoryName='" +
                         name + "', imageScanningConfiguration={'scanOnPush': False})\n");
  h.resetStats();
  live =
      expectDriftCorrected(h, d, {"ImageScanningConfiguration.ScanOnPush", "ImageTagMutability"});
  EXPECT_EQ(h.calls().count("ecr:PutLifecyclePolicy"), 0u);

  // A new encryption configuration replaces the repository (immutable).
  d.properties["EncryptionConfiguration"] = json(R"({"EncryptionType": "KMS"})");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"EncryptionConfiguration.EncryptionType"});
  EXPECT_TRUE(h.p().info().property("EncryptionConfiguration")->immutable);
  d.properties.erase("EncryptionConfiguration");

  // With an image and EmptyOnDelete, the delete takes the images with it.
  h.outOfBand("ecr",
              "import json\nc.put_image(repositoryName='" + name +
                  "', imageManifest=json.dumps({'schemaVersion': 2, 'mediaType': "
                  "'application/vnd.docker.distribution.manifest.v2+json'}), imageTag='v1')\n");
  expectRemoved(h, d, live);
}

TEST(EcrRepositoryProvider, ARepositoryWithImagesIsNotEmptiedUnlessTheManifestSaysSo) {
  Harness h("AWS::ECR::Repository");
  const std::string name = uniqueName("keep");
  Desired d = h.desired("Repo", json(R"({"RepositoryName": ")" + name + R"("})"));
  Observed live = expectCreated(h, d);
  h.outOfBand("ecr",
              "import json\nc.put_image(repositoryName='" + name +
                  "', imageManifest=json.dumps({'schemaVersion': 2, 'mediaType': "
                  "'application/vnd.docker.distribution.manifest.v2+json'}), imageTag='v1')\n");
  auto r = h.run(h.p().remove(d, live));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, ErrorKind::Invalid);
  EXPECT_NE(r.error().message.find("EmptyOnDelete"), std::string::npos);
  EXPECT_TRUE(h.observe(d).exists);
  d.properties["EmptyOnDelete"] = Value(true);
  expectRemoved(h, d, live);
}

TEST(EcrManifest, RepositoryRoundTrip) {
  ManifestRun run;
  const std::string name = run.name("api");
  auto field = [&](const std::string& f) {
    return run.boto("ecr", "print(c.describe_repositories(repositoryNames=['" + name +
                               "'])['repositories'][0]['" + f + "'])");
  };
  RoundTrip t;
  t.manifest = [&](int v, bool retain) -> std::string {
    return "Resources:\n  Repo:\n    Type: AWS::ECR::Repository\n" +
           std::string(retain ? "    DeletionPolicy: Retain\n" : "") +
           "    Properties:\n      RepositoryName: " + name +
           "\n      ImageTagMutability: " + (v == 1 ? "IMMUTABLE" : "MUTABLE") +
           "\n      Tags: [{Key: team, Value: api}]\n";
  };
  t.drift = [&] {
    run.boto("ecr", "c.put_image_tag_mutability(repositoryName='" + name +
                        "', imageTagMutability='MUTABLE')");
  };
  t.driftPath = "ImageTagMutability";
  t.checkCorrected = [&] { EXPECT_EQ(field("imageTagMutability"), "IMMUTABLE"); };
  t.pushedChange = "1 updated";
  t.checkChanged = [&] { EXPECT_EQ(field("imageTagMutability"), "MUTABLE"); };
  t.exists = [&] {
    return run.boto("ecr", "print(any(r['repositoryName'] == '" + name +
                               "' for r in c.describe_repositories()['repositories']))") == "True";
  };
  roundTrip(run, t);

  const std::string gone = run.name("gone");
  createThenDelete(
      run,
      "Resources:\n  Gone:\n    Type: AWS::ECR::Repository\n    Properties:\n      "
      "RepositoryName: " +
          gone + "\n",
      [&] {
        return run.boto("ecr", "print(any(r['repositoryName'] == '" + gone +
                                   "' for r in c.describe_repositories()['repositories']))") ==
               "True";
      });
}

// ImageTagMutabilityExclusionFilters (issue 14): moto 5.2.1 neither stores nor
// returns them: create, observe, drift and the update are checked on the wire.
TEST(EcrRepositoryProvider, TagMutabilityExclusionFiltersOnTheWire) {
  std::string filter = "latest";
  testing::HttpStub stub([&](const testing::StubRequest& r) {
    std::string target = r.headers.count("x-amz-target") ? r.headers.at("x-amz-target") : "";
    testing::StubResponse out;
    out.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
    if (target.ends_with(".DescribeRepositories"))
      out.body = R"({"repositories": [{"repositoryName": "app",
          "repositoryArn": "arn:aws:ecr:us-east-1:123456789012:repository/app",
          "repositoryUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/app",
          "imageTagMutability": "IMMUTABLE_WITH_EXCLUSION",
          "imageTagMutabilityExclusionFilters": [{"filterType": "WILDCARD", "filter": ")" +
                 filter + R"("}]}]})";
    else if (target.ends_with(".ListTagsForResource"))
      out.body = R"({"tags": []})";
    else
      out.body = "{}";
    return out;
  });
  auto sent = [&](const std::string& op) { return sentJson(stub, op); };
  Harness h("AWS::ECR::Repository", Harness::Options{.endpoint = stub.url()});
  Desired d = h.desired("Repo", json(R"({"RepositoryName": "app",
      "ImageTagMutability": "IMMUTABLE_WITH_EXCLUSION",
      "ImageTagMutabilityExclusionFilters": [{"ImageTagMutabilityExclusionFilterType": "WILDCARD",
                                              "ImageTagMutabilityExclusionFilterValue": "latest"}]})"));
  h.create(d);
  ASSERT_EQ(sent("CreateRepository").size(), 1u);
  EXPECT_EQ(*sent("CreateRepository")[0].find("imageTagMutabilityExclusionFilters"),
            json(R"([{"filterType": "WILDCARD", "filter": "latest"}])"));
  expectDriftCorrected(h, d, [&] { filter = "dev-*"; }, {"ImageTagMutabilityExclusionFilters"});
  ASSERT_EQ(sent("PutImageTagMutability").size(), 1u);
  EXPECT_EQ(sent("PutImageTagMutability")[0], json(R"({"repositoryName": "app",
      "imageTagMutability": "IMMUTABLE_WITH_EXCLUSION",
      "imageTagMutabilityExclusionFilters": [{"filterType": "WILDCARD", "filter": "latest"}]})"));
}

}  // namespace
}  // namespace driftless::platform
