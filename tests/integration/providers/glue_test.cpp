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

// A table of a database made with boto3: its parent, which ownership follows.
std::string tableDatabase() {
  const std::string db = lower(uniqueName("tables"));
  botoOutput("glue", "c.create_database(DatabaseInput={'Name': '" + db + "'})");
  return db;
}

TEST(GlueTableProvider, CreateObserveDriftUpdateReplaceRemove) {
  Harness h("AWS::Glue::Table");
  const std::string db = tableDatabase();
  const std::string name = lower(uniqueName("events"));
  Desired d = h.desired("Events", json(R"({"CatalogId": "123456789012", "DatabaseName": ")" + db +
                                       R"(", "TableInput": {"Name": ")" + name + R"(",
      "Description": "raw events", "TableType": "EXTERNAL_TABLE",
      "Parameters": {"classification": "parquet", "skip.header.line.count": 1},
      "PartitionKeys": [{"Name": "dt", "Type": "string"}],
      "StorageDescriptor": {"Location": "s3://lake/events/", "Compressed": false,
          "Columns": [{"Name": "id", "Type": "bigint"}, {"Name": "body", "Type": "string",
                       "Comment": "the payload"}],
          "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
          "SerdeInfo": {"SerializationLibrary":
              "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"}}}})"));
  Observed live = expectCreated(h, d);
  ASSERT_TRUE(live.exists);
  EXPECT_EQ(live.physicalId, db + "|" + name);
  EXPECT_EQ(live.attributes.find("Name")->asString(), name) << "Ref is the table name";
  EXPECT_EQ(botoOutput("glue", "print(c.get_table(DatabaseName='" + db + "', Name='" + name +
                                   "')['Table']['Parameters']['skip.header.line.count'])"),
            "1")
      << "parameters are sent as strings";
  h.resetStats();
  h.observe(d);
  EXPECT_EQ(h.stats().total(), 1u) << "one GetTable";

  // A column added by hand is drift; UpdateTable puts the manifest's back.
  h.outOfBand("glue", "t = c.get_table(DatabaseName='" + db + "', Name='" + name +
                          "')['Table']\nsd = t['StorageDescriptor']\n"
                          "sd['Columns'].append({'Name': 'extra', 'Type': 'int'})\n"
                          "c.update_table(DatabaseName='" +
                          db + "', TableInput={'Name': '" + name +
                          "', 'StorageDescriptor': sd, 'PartitionKeys': t['PartitionKeys'], "
                          "'Parameters': t['Parameters'], 'TableType': 'EXTERNAL_TABLE', "
                          "'Description': 'raw events'})\n");
  live = expectDriftCorrected(h, d, {"TableInput.StorageDescriptor.Columns"});

  // A description is changed in place: one UpdateTable keeping what the
  // manifest does not manage (Retention, set by hand, survives).
  h.outOfBand("glue", "t = c.get_table(DatabaseName='" + db + "', Name='" + name +
                          "')['Table']\nc.update_table(DatabaseName='" + db +
                          "', TableInput={k: t[k] for k in ('Name', 'StorageDescriptor', "
                          "'PartitionKeys', 'Parameters', 'TableType', 'Description')} | "
                          "{'Retention': 7})\n");
  live = h.observe(d);
  d.properties["TableInput"]["Description"] = Value("curated events");
  Delta change = h.p().diff(d, live);
  ASSERT_EQ(paths(change), std::vector<std::string>{"TableInput.Description"});
  h.resetStats();
  live = h.update(d, live, change);
  EXPECT_EQ(h.calls().count("glue:UpdateTable"), 1u);
  EXPECT_TRUE(h.p().diff(d, h.observe(d)).empty());
  EXPECT_EQ(botoOutput("glue", "print(c.get_table(DatabaseName='" + db + "', Name='" + name +
                                   "')['Table'].get('Retention'))"),
            "7");

  // The name, the database and the catalog replace the table.
  const TypeInfo& info = h.p().info();
  EXPECT_TRUE(info.property("DatabaseName")->immutable);
  EXPECT_TRUE(info.property("CatalogId")->immutable);
  EXPECT_TRUE(info.property("TableInput")->fields[0].immutable);
  EXPECT_EQ(info.property("TableInput")->fields[0].name, "Name");

  expectRemoved(h, d, live);
  // Removed after its manifest dropped it: the state's "<database>|<table>" names it.
  Observed again = h.create(d);
  Desired orphan = d;
  orphan.properties = Value::object();
  orphan.physicalId = again.physicalId;
  h.remove(orphan, again);
  EXPECT_FALSE(h.observe(d).exists);
}

TEST(GlueTableProvider, Validation) {
  const TypeInfo& info = typeInfo("AWS::Glue::Table");
  const Value bad = json(R"({"CatalogId": "1", "DatabaseName": "Raw",
      "TableInput": {"Name": "Events", "TableType": "VIRTUAL_VIEW"}})");
  EXPECT_EQ(info.validate(bad).size(), 4u) << ::testing::PrintToString(info.validate(bad));
  const Value unnamed = json(R"({"CatalogId": "123456789012", "DatabaseName": "raw",
      "TableInput": {}})");
  EXPECT_EQ(info.validate(unnamed).size(), 1u);
  EXPECT_FALSE(info.taggable) << "owned through its database and the state entry";
}

TEST(GlueManifest, TableRoundTrip) {
  ManifestRun run;
  const std::string db = lower(run.name("lake"));
  const std::string name = lower(run.name("clicks"));
  auto description = [&] {
    return run.boto("glue", "print(c.get_table(DatabaseName='" + db + "', Name='" + name +
                                "')['Table']['Description'])");
  };
  RoundTrip t;
  t.manifest = [&](int v, bool retain) -> std::string {
    // The database is kept: deleting it would take its tables along.
    return "Resources:\n  Lake:\n    Type: AWS::Glue::Database\n    DeletionPolicy: Retain\n"
           "    Properties:\n"
           "      CatalogId: !Ref AWS::AccountId\n      DatabaseInput: {Name: " +
           db + "}\n  Clicks:\n    Type: AWS::Glue::Table\n" +
           std::string(retain ? "    DeletionPolicy: Retain\n" : "") +
           "    Properties:\n      CatalogId: !Ref AWS::AccountId\n"
           "      DatabaseName: !Ref Lake\n      TableInput:\n        Name: " +
           name + "\n        Description: v" + std::to_string(v) +
           "\n        TableType: EXTERNAL_TABLE\n        PartitionKeys: [{Name: dt, Type: "
           "string}]\n        StorageDescriptor:\n          Location: s3://lake/clicks/\n"
           "          Columns:\n            - {Name: id, Type: bigint}\n";
  };
  t.drift = [&] {
    run.boto("glue", "t = c.get_table(DatabaseName='" + db + "', Name='" + name +
                         "')['Table']\nc.update_table(DatabaseName='" + db +
                         "', TableInput={'Name': '" + name +
                         "', 'Description': 'by hand', 'StorageDescriptor': "
                         "t['StorageDescriptor'], 'PartitionKeys': t['PartitionKeys']})");
  };
  t.driftPath = "TableInput.Description";
  t.checkCorrected = [&] { EXPECT_EQ(description(), "v1"); };
  t.pushedChange = "1 updated";
  t.checkChanged = [&] { EXPECT_EQ(description(), "v2"); };
  t.exists = [&] {
    return run.boto("glue", "print(any(t['Name'] == '" + name +
                                "' for t in c.get_tables(DatabaseName='" + db +
                                "')['TableList']))") == "True";
  };
  roundTrip(run, t);
}

}  // namespace
}  // namespace driftless::platform
