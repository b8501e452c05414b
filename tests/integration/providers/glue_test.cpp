// AWS::Glue::Database against moto.
#include "tests/integration/providers/platform_harness.h"

namespace driftless::platform {
namespace {

std::string lower(std::string s) {
  for (auto& c : s)
    c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(GlueDatabaseProvider, CreateObserveDriftUpdateRemove) {
  Harness h("AWS::Glue::Database");
  const std::string name = lower(uniqueName("lake"));
  Desired d = h.desired("Lake", json(R"({"CatalogId": "123456789012",
      "DatabaseInput": {"Name": ")" + name +
                                     R"(", "Description": "raw zone",
          "LocationUri": "s3://lake/raw/", "Parameters": {"classification": "parquet"}}})"));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(live.attributes.find("Name")->asString(), name);
  h.resetStats();
  h.observe(d);
  EXPECT_EQ(h.stats().total(), 1u) << "one GetDatabase";

  h.outOfBand("glue", "c.update_database(Name='" + name + "', DatabaseInput={'Name': '" + name +
                          "', 'Description': 'changed', 'LocationUri': 's3://lake/raw/', "
                          "'Parameters': {'classification': 'parquet'}})\n");
  live = expectDriftCorrected(h, d, {"DatabaseInput.Description"});

  d.properties["DatabaseInput"]["LocationUri"] = Value("s3://lake/raw-v2/");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"DatabaseInput.LocationUri"});
  live = h.update(d, live, change);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());

  expectRemoved(h, d, live);
}

TEST(GlueDatabaseProvider, Validation) {
  const TypeInfo& info = typeInfo("AWS::Glue::Database");
  const Value upper = json(R"({"CatalogId": "abc", "DatabaseInput": {"Name": "Raw"}})");
  EXPECT_EQ(info.validate(upper).size(), 2u) << ::testing::PrintToString(info.validate(upper));
  const Value unnamed = json(R"({"CatalogId": "123456789012", "DatabaseInput": {}})");
  EXPECT_EQ(info.validate(unnamed).size(), 1u);
  EXPECT_FALSE(info.taggable);
}

TEST(GlueManifest, DatabaseRoundTrip) {
  ManifestRun run;
  const std::string name = lower(run.name("raw"));
  auto field = [&](const std::string& f) {
    return run.boto("glue", "print(c.get_database(Name='" + name + "')['Database']['" + f + "'])");
  };
  RoundTrip t;
  t.manifest = [&](int v, bool retain) -> std::string {
    return "Resources:\n  Raw:\n    Type: AWS::Glue::Database\n" +
           std::string(retain ? "    DeletionPolicy: Retain\n" : "") +
           "    Properties:\n      CatalogId: !Ref AWS::AccountId\n      DatabaseInput:\n"
           "        Name: " +
           name + "\n        Description: v" + std::to_string(v) + "\n";
  };
  t.drift = [&] {
    run.boto("glue", "c.update_database(Name='" + name + "', DatabaseInput={'Name': '" + name +
                         "', 'Description': 'by hand'})");
  };
  t.driftPath = "DatabaseInput.Description";
  t.checkCorrected = [&] { EXPECT_EQ(field("Description"), "v1"); };
  t.pushedChange = "1 updated";
  t.checkChanged = [&] { EXPECT_EQ(field("Description"), "v2"); };
  t.exists = [&] {
    return run.boto("glue", "print(any(d['Name'] == '" + name +
                                "' for d in c.get_databases()['DatabaseList']))") == "True";
  };
  roundTrip(run, t);

  const std::string gone = lower(run.name("gone"));
  createThenDelete(
      run,
      "Resources:\n  Gone:\n    Type: AWS::Glue::Database\n    Properties:\n"
      "      CatalogId: !Ref AWS::AccountId\n      DatabaseInput: {Name: " +
          gone + "}\n",
      [&] {
        return run.boto("glue", "print(any(d['Name'] == '" + gone +
                                    "' for d in c.get_databases()['DatabaseList']))") == "True";
      });
}

}  // namespace
}  // namespace driftless::platform
