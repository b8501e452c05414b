// Observe in bulk from list APIs (issue 20, providers/common/bulk_read.h):
// KMS ListAliases, Secrets Manager ListSecrets, EventBridge ListRules. Each
// test counts the calls per operation at the harness: N resources of a full
// observation in one listing (plus the per-resource reads the listing cannot
// replace) instead of one read each; a resource deleted by hand or drifted is
// confirmed by its own read (these listings lag writes); a failed listing is
// answered by one read each; a few resources in a large account are read one
// by one (the cost model).
#include <string>
#include <vector>

#include "tests/integration/providers/platform_harness.h"
#include "tests/support/fault_proxy.h"
#include "tests/support/http_stub.h"

// After the harness: it uses Harness.
#include "tests/integration/providers/bulk_observe.h"

namespace driftless::testing::bulk {
namespace {

// ---- KMS: ListAliases (100 a page) ----

// A key, and `n` aliases of it: each named by ARN when `i` is odd.
std::vector<Desired> makeAliases(Harness& h, int n, std::string* keyId = nullptr) {
  Harness keys("AWS::KMS::Key");
  Desired key = keys.desired(uniqueName("Key"), json(R"({"Description": "bulk"})"));
  const std::string id = keys.create(key).physicalId;
  EXPECT_FALSE(id.empty());
  if (keyId) *keyId = id;
  std::vector<Desired> out;
  for (int i = 0; i < n; ++i) {
    const std::string name = "alias/" + uniqueName("bulk");
    const std::string target =
        i % 2 ? "arn:aws:kms:us-east-1:123456789012:key/" + id : std::string(id);
    Desired d = h.desired(uniqueName("Alias"), json(R"({"AliasName": ")" + name +
                                                    R"(", "TargetKeyId": ")" + target + R"("})"));
    EXPECT_TRUE(h.create(d).exists) << name;
    out.push_back(std::move(d));
  }
  return out;
}

TEST(KmsBulk, AliasesInOneListingDriftAndAbsenceConfirmed) {
  Harness h("AWS::KMS::Alias");
  std::string keyId;
  std::vector<Desired> aliases = makeAliases(h, 12, &keyId);
  h.resetStats();
  EXPECT_EQ(observeAll(h, aliases), 12);
  EXPECT_EQ(h.calls(), (Calls{{"kms:ListAliases", 1}}))
      << "12 aliases, first cycle (more than the 10 pages assumed): one listing";
  printRatio(h, aliases, h.stats().total(), 0);
  const auto learned = h.observeBatch().learned("kms:aliases");
  ASSERT_TRUE(learned.has_value());
  EXPECT_GE(*learned, 12u) << "the account's aliases (moto adds the aws/ ones)";

  // Deleted by hand: not in the listing, confirmed absent by DescribeKey.
  h.outOfBand("kms", "c.delete_alias(AliasName='" + aliases[3].physicalId + "')");
  // Pointed elsewhere by hand: the listing shows it, DescribeKey confirms it.
  Harness keys("AWS::KMS::Key");
  Desired other = keys.desired(uniqueName("Key"), json(R"({"Description": "other"})"));
  const std::string otherId = keys.create(other).physicalId;
  h.outOfBand("kms", "c.update_alias(AliasName='" + aliases[0].physicalId + "', TargetKeyId='" +
                         otherId + "')");
  expectAll(h, aliases);
  h.resetStats();
  EXPECT_FALSE(h.observe(aliases[3]).exists) << "deleted by hand";
  Observed drifted = h.observe(aliases[0]);
  EXPECT_EQ(paths(h.p().diff(aliases[0], drifted)), std::vector<std::string>{"TargetKeyId"});
  EXPECT_EQ(drifted.properties.find("TargetKeyId")->asString(), otherId);
  EXPECT_TRUE(h.observe(aliases[1]).exists);
  EXPECT_EQ(h.calls(), (Calls{{"kms:DescribeKey", 2}, {"kms:ListAliases", 1}}))
      << "the listing, and DescribeKey only for the absent and the drifted alias";
  aliases.erase(aliases.begin() + 3);

  // Three aliases in an account of 2,000 (20 pages): one read each.
  h.outOfBand("kms", "c.update_alias(AliasName='" + aliases[0].physicalId + "', TargetKeyId='" +
                         keyId + "')");
  std::vector<Desired> three(aliases.begin(), aliases.begin() + 3);
  h.observeBatch().learn("kms:aliases", 2000);
  h.resetStats();
  EXPECT_EQ(observeAll(h, three), 3);
  EXPECT_EQ(h.calls(), (Calls{{"kms:DescribeKey", 3}}));
  removeAll(h, aliases);
  keys.remove(other, Observed{});
}

TEST(KmsBulk, AFailedListingFallsBackToOneReadEach) {
  FaultProxy proxy(moto().endpoint());
  Harness h("AWS::KMS::Alias", {.endpoint = proxy.url()});
  std::vector<Desired> aliases = makeAliases(h, 3);
  h.observeBatch().learn("kms:aliases", 3);  // one page: cheaper than 3 reads
  EXPECT_EQ(afterRefusedListing(proxy, h, aliases, "ListAliases"),
            (Calls{{"kms:DescribeKey", 3}, {"kms:ListAliases", 1}}))
      << "the refused listing, then one read each";
  removeAll(h, aliases);
}

// moto answers ListAliases in one page (it ignores Limit and Marker): the
// paging AWS makes is checked against a stub answering as AWS does.
TEST(KmsBulkWire, ListAliasesFollowsNextMarker) {
  const std::string arn = "arn:aws:kms:us-east-1:123456789012:";
  HttpStub stub([&arn](const StubRequest& r) {
    StubResponse out;
    out.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
    const std::string target = r.headers.count("x-amz-target") ? r.headers.at("x-amz-target") : "";
    if (target.ends_with("DescribeKey")) {
      out.status = 400;
      out.body = R"({"__type": "NotFoundException", "message": "Alias is not found."})";
    } else if (!target.ends_with("ListAliases")) {
      out.status = 500;
    } else if (r.body.find(R"("Marker":"m1")") != std::string::npos) {
      out.body = R"({"Aliases": [{"AliasName": "alias/wb", "AliasArn": ")" + arn +
                 R"(alias/wb", "TargetKeyId": "k2"}], "Truncated": false})";
    } else {
      out.body = R"({"Aliases": [{"AliasName": "alias/wa", "AliasArn": ")" + arn +
                 R"(alias/wa", "TargetKeyId": "k1"}], "NextMarker": "m1", "Truncated": true})";
    }
    return out;
  });
  Harness h("AWS::KMS::Alias", {.endpoint = stub.url()});
  std::vector<Desired> aliases;
  for (auto [name, target] :
       {std::pair{"alias/wa", std::string("k1")}, std::pair{"alias/wb", arn + "key/k2"},
        std::pair{"alias/wgone", std::string("k3")}})
    aliases.push_back(h.desired("A" + std::string(name).substr(7),
                                json(R"({"AliasName": ")" + std::string(name) +
                                     R"(", "TargetKeyId": ")" + target + R"("})")));
  h.observeBatch().learn("kms:aliases", 2);
  h.resetStats();
  EXPECT_EQ(observeAll(h, aliases), 2) << "wa on the first page, wb (by key ARN) on the second";
  EXPECT_EQ(h.calls(), (Calls{{"kms:DescribeKey", 1}, {"kms:ListAliases", 2}}))
      << "two pages; DescribeKey confirms only the alias on neither";
  std::vector<std::string> lists;
  for (const auto& r : stub.requests())
    if (r.body.find("Limit") != std::string::npos) lists.push_back(r.body);
  ASSERT_EQ(lists.size(), 2u);
  EXPECT_NE(lists[0].find(R"("Limit":100)"), std::string::npos) << lists[0];
  EXPECT_EQ(lists[0].find("Marker"), std::string::npos) << lists[0];
  EXPECT_NE(lists[1].find(R"("Marker":"m1")"), std::string::npos) << lists[1];
}

// ---- Secrets Manager: ListSecrets (100 a page) filtered by name prefix ----

// `n` secrets named under one prefix, with generated values (not compared),
// and `prefix` set to it.
std::vector<Desired> makeSecrets(Harness& h, int n, std::string& prefix) {
  prefix = "driftless/" + uniqueName("bulk") + "/";
  std::vector<Desired> out;
  for (int i = 0; i < n; ++i) {
    const std::string name = prefix + "s" + std::to_string(i);
    Desired d = h.desired(uniqueName("Secret"), json(R"({"Name": ")" + name + R"(",
        "Description": "bulk", "GenerateSecretString": {"PasswordLength": 16},
        "ForceDeleteWithoutRecovery": true, "Tags": [{"Key": "team", "Value": "bulk"}]})"));
    EXPECT_TRUE(h.create(d).exists) << name;
    out.push_back(std::move(d));
  }
  return out;
}

TEST(SecretsBulk, SecretsInOneListingOfTheirPrefixDriftAndAbsenceConfirmed) {
  Harness h("AWS::SecretsManager::Secret");
  std::string elsewhere;
  std::vector<Desired> outside = makeSecrets(h, 1, elsewhere);
  std::string prefix;
  std::vector<Desired> secrets = makeSecrets(h, 12, prefix);
  h.resetStats();
  EXPECT_EQ(observeAll(h, secrets), 12);
  EXPECT_EQ(h.calls(), (Calls{{"secretsmanager:ListSecrets", 1}}))
      << "12 secrets: one page of their prefix (12 DescribeSecret before)";
  printRatio(h, secrets, h.stats().total(), 0);
  EXPECT_EQ(h.observeBatch().learned("secretsmanager:secrets#" + prefix + "s"), 12u)
      << "the name filter left out the secret of another prefix";

  h.outOfBand("secretsmanager", "c.delete_secret(SecretId='" + secrets[4].physicalId +
                                    "', ForceDeleteWithoutRecovery=True)\n"
                                    "c.update_secret(SecretId='" +
                                    secrets[0].physicalId + "', Description='changed')");
  expectAll(h, secrets);
  h.resetStats();
  EXPECT_FALSE(h.observe(secrets[4]).exists) << "deleted by hand";
  Observed drifted = h.observe(secrets[0]);
  EXPECT_EQ(paths(h.p().diff(secrets[0], drifted)), std::vector<std::string>{"Description"});
  EXPECT_TRUE(h.observe(secrets[1]).exists);
  EXPECT_EQ(h.calls(),
            (Calls{{"secretsmanager:DescribeSecret", 2}, {"secretsmanager:ListSecrets", 1}}))
      << "DescribeSecret only for the absent and the drifted secret";
  secrets.erase(secrets.begin() + 4);

  // A managed value is still read on its own, never listed.
  h.outOfBand("secretsmanager",
              "c.update_secret(SecretId='" + secrets[0].physicalId + "', Description='bulk')");
  Desired valued = secrets[1];
  valued.properties.erase("GenerateSecretString");
  valued.properties["SecretString"] = Value("s3cr3t");
  h.outOfBand("secretsmanager",
              "c.put_secret_value(SecretId='" + valued.physicalId + "', SecretString='s3cr3t')");
  std::vector<Desired> mixed(secrets.begin(), secrets.end());
  mixed[1] = valued;
  h.resetStats();
  EXPECT_EQ(observeAll(h, mixed), 11);
  EXPECT_EQ(h.calls(),
            (Calls{{"secretsmanager:GetSecretValue", 1}, {"secretsmanager:ListSecrets", 1}}));

  // Three secrets under a prefix of 2,000 (20 pages): one read each.
  std::vector<Desired> three(secrets.begin(), secrets.begin() + 3);
  h.observeBatch().learn("secretsmanager:secrets#" + prefix + "s", 2000);
  h.resetStats();
  EXPECT_EQ(observeAll(h, three), 3);
  EXPECT_EQ(h.calls(), (Calls{{"secretsmanager:DescribeSecret", 3}}));
  removeAll(h, secrets);
  removeAll(h, outside);
}

TEST(SecretsBulk, AFailedListingFallsBackToOneReadEach) {
  FaultProxy proxy(moto().endpoint());
  Harness h("AWS::SecretsManager::Secret", {.endpoint = proxy.url()});
  std::string prefix;
  std::vector<Desired> secrets = makeSecrets(h, 3, prefix);
  h.observeBatch().learn("secretsmanager:secrets#" + prefix + "s", 3);
  EXPECT_EQ(afterRefusedListing(proxy, h, secrets, "ListSecrets"),
            (Calls{{"secretsmanager:DescribeSecret", 3}, {"secretsmanager:ListSecrets", 1}}));
  removeAll(h, secrets);
}

// ---- EventBridge: ListRules (100 a page) of a bus and a name prefix ----

// `n` rules on a new bus named `bus`, their names under `prefix`.
std::vector<Desired> makeRules(Harness& h, int n, std::string& bus, std::string& prefix) {
  bus = uniqueName("bulk-bus");
  h.outOfBand("events", "c.create_event_bus(Name='" + bus + "')");
  prefix = uniqueName("bulk") + "-";
  std::vector<Desired> out;
  for (int i = 0; i < n; ++i) {
    const std::string name = prefix + "r" + std::to_string(i);
    Desired d = h.desired(uniqueName("Rule"),
                          json(R"({"Name": ")" + name + R"(", "EventBusName": ")" + bus + R"(",
        "Description": "bulk", "State": "ENABLED", "EventPattern": {"source": ["bulk"]},
        "Tags": [{"Key": "team", "Value": "bulk"}]})"));
    EXPECT_TRUE(h.create(d).exists) << name;
    out.push_back(std::move(d));
  }
  return out;
}

TEST(EventsBulk, RulesInOneListingOfTheirBusDriftAndAbsenceConfirmed) {
  Harness h("AWS::Events::Rule");
  std::string bus, prefix;
  std::vector<Desired> rules = makeRules(h, 12, bus, prefix);
  h.resetStats();
  EXPECT_EQ(observeAll(h, rules), 12);
  EXPECT_EQ(h.calls(), (Calls{{"events:ListRules", 1}, {"events:ListTagsForResource", 12}}))
      << "12 rules: one page of their bus and prefix; tags still per rule (24 calls before)";
  printRatio(h, rules, h.stats().total(), 0);
  const std::string scope = "events:rules#" + bus + "#" + prefix + "r";
  EXPECT_EQ(h.observeBatch().learned(scope), 12u);

  h.outOfBand("events", "c.delete_rule(Name='" + rules[5].physicalId + "', EventBusName='" + bus +
                            "')\nc.disable_rule(Name='" + rules[0].physicalId +
                            "', EventBusName='" + bus + "')");
  expectAll(h, rules);
  h.resetStats();
  EXPECT_FALSE(h.observe(rules[5]).exists) << "deleted by hand";
  Observed drifted = h.observe(rules[0]);
  EXPECT_EQ(paths(h.p().diff(rules[0], drifted)), std::vector<std::string>{"State"});
  EXPECT_TRUE(h.observe(rules[1]).exists);
  EXPECT_EQ(h.calls(), (Calls{{"events:DescribeRule", 2},
                              {"events:ListRules", 1},
                              {"events:ListTagsForResource", 3}}))
      << "DescribeRule only for the absent and the drifted rule";
  rules.erase(rules.begin() + 5);

  // Three rules under a prefix of 2,000 (20 pages): one read each.
  h.outOfBand("events",
              "c.enable_rule(Name='" + rules[0].physicalId + "', EventBusName='" + bus + "')");
  std::vector<Desired> three(rules.begin(), rules.begin() + 3);
  h.observeBatch().learn(scope, 2000);
  h.resetStats();
  EXPECT_EQ(observeAll(h, three), 3);
  EXPECT_EQ(h.calls(), (Calls{{"events:DescribeRule", 3}, {"events:ListTagsForResource", 3}}));
  removeAll(h, rules);
  h.outOfBand("events", "c.delete_event_bus(Name='" + bus + "')");
}

TEST(EventsBulk, AFailedListingFallsBackToOneReadEach) {
  FaultProxy proxy(moto().endpoint());
  Harness h("AWS::Events::Rule", {.endpoint = proxy.url()});
  std::string bus, prefix;
  std::vector<Desired> rules = makeRules(h, 3, bus, prefix);
  h.observeBatch().learn("events:rules#" + bus + "#" + prefix + "r", 3);
  EXPECT_EQ(
      afterRefusedListing(proxy, h, rules, "ListRules"),
      (Calls{
          {"events:DescribeRule", 3}, {"events:ListRules", 1}, {"events:ListTagsForResource", 3}}));
  removeAll(h, rules);
  h.outOfBand("events", "c.delete_event_bus(Name='" + bus + "')");
}

// ---- Tags from the Tagging API snapshot: KMS keys, event buses, rules ----

TEST(KmsBulk, KeyTagsFromTheTaggingApiWhenTheyAgree) {
  Harness h("AWS::KMS::Key");
  std::vector<Desired> keys;
  for (int i = 0; i < 3; ++i) {
    Desired d = h.desired(uniqueName("Key"), json(R"({"Description": "bulk",
        "Tags": [{"Key": "team", "Value": "bulk"}]})"));
    d.physicalId = h.create(d).physicalId;
    keys.push_back(std::move(d));
  }
  const std::size_t k = h.loadTagSnapshot({"kms:key"});
  EXPECT_GE(k, 1u);
  h.resetStats();
  EXPECT_EQ(observeAll(h, keys), 3);
  EXPECT_EQ(h.calls(), (Calls{{"kms:DescribeKey", 3}}))
      << "tags from the snapshot (6 calls before: DescribeKey, ListResourceTags each)";

  // Tags changed by hand: not agreed, read from the key itself, drift seen.
  h.outOfBand("kms", "c.tag_resource(KeyId='" + keys[0].physicalId +
                         "', Tags=[{'TagKey': 'team', 'TagValue': 'other'}])");
  h.loadTagSnapshot({"kms:key"});
  h.resetStats();
  Observed drifted = h.observe(keys[0]);
  EXPECT_EQ(paths(h.p().diff(keys[0], drifted)), std::vector<std::string>{"Tags"});
  EXPECT_EQ(h.calls(), (Calls{{"kms:DescribeKey", 1}, {"kms:ListResourceTags", 1}}));

  // The read after a write never takes the snapshot's tags (it lags writes).
  h.resetStats();
  Observed updated = h.update(keys[0], drifted, h.p().diff(keys[0], drifted));
  EXPECT_TRUE(h.p().diff(keys[0], updated).empty());
  EXPECT_EQ(h.calls()["kms:ListResourceTags"], 1u);
  removeAll(h, keys);
}

TEST(EventsBulk, BusTagsFromTheTaggingApiWhenTheyAgree) {
  Harness h("AWS::Events::EventBus");
  std::vector<Desired> buses;
  for (int i = 0; i < 3; ++i) {
    const std::string name = uniqueName("bulk-tagged-bus");
    Desired d = h.desired(uniqueName("Bus"), json(R"({"Name": ")" + name + R"(",
        "Tags": [{"Key": "team", "Value": "bulk"}]})"));
    EXPECT_TRUE(h.create(d).exists) << name;
    buses.push_back(std::move(d));
  }
  h.loadTagSnapshot({"events:event-bus"});
  h.resetStats();
  EXPECT_EQ(observeAll(h, buses), 3);
  EXPECT_EQ(h.calls(), (Calls{{"events:DescribeEventBus", 3}}))
      << "tags from the snapshot (6 calls before)";
  removeAll(h, buses);
}

// moto 5.2.1's Tagging API lists no EventBridge rules (only buses): the rules'
// tags from the snapshot are checked on the wire, with ListRules.
TEST(EventsBulkWire, RulesFromOneListingWithTagsFromTheTaggingApi) {
  const std::string arn = "arn:aws:events:us-east-1:123456789012:rule/";
  HttpStub stub([&arn](const StubRequest& r) {
    StubResponse out;
    out.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
    const std::string target = r.headers.count("x-amz-target") ? r.headers.at("x-amz-target") : "";
    std::string rules, mappings;
    for (const std::string n : {"ra", "rb"}) {
      rules += std::string(rules.empty() ? "" : ", ") + R"({"Name": ")" + n + R"(", "Arn": ")" +
               arn + n + R"(", "State": "ENABLED", "EventPattern": "{\"source\": [\"bulk\"]}"})";
      mappings += std::string(mappings.empty() ? "" : ", ") + R"({"ResourceARN": ")" + arn + n +
                  R"(", "Tags": )" + ownershipTagsJson("R" + n) + "}";
    }
    if (target.ends_with("GetResources"))
      out.body = R"({"ResourceTagMappingList": [)" + mappings + "]}";
    else if (target.ends_with("ListRules"))
      out.body = R"({"Rules": [)" + rules + "]}";
    else
      out.status = 500;
    return out;
  });
  Harness h("AWS::Events::Rule", {.endpoint = stub.url()});
  std::vector<Desired> rules;
  for (const std::string n : {"ra", "rb"})
    rules.push_back(h.desired("R" + n, json(R"({"Name": ")" + n + R"(", "State": "ENABLED",
        "EventPattern": {"source": ["bulk"]}})")));
  h.loadTagSnapshot({"events:rule"});
  h.observeBatch().learn("events:rules##r", 2);
  h.resetStats();
  EXPECT_EQ(observeAll(h, rules), 2);
  EXPECT_EQ(h.calls(), (Calls{{"events:ListRules", 1}}))
      << "before: DescribeRule and ListTagsForResource each (4)";
  bool filtered = false;
  for (const auto& r : stub.requests())
    filtered =
        filtered || r.body.find(R"("ResourceTypeFilters":["events:rule"])") != std::string::npos;
  EXPECT_TRUE(filtered) << "the Tagging API listing asks for events:rule";
}

// ---- Through the binary: a no-op `driftless plan`, counted at a proxy ----

TEST(PlatformBulkCycle, NoOpPlanReadsAliasesSecretsAndRulesInBulk) {
  FaultProxy proxy(sharedMoto().endpoint());
  platform::ManifestRun run(proxy.url());
  const std::string base = run.name("bulk");
  std::string stack =
      "Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n"
      "      Description: bulk\n      Tags: [{Key: team, Value: bulk}]\n";
  for (int i = 0; i < 12; ++i) {
    const std::string n = std::to_string(i);
    stack += "  Alias" + n + ":\n    Type: AWS::KMS::Alias\n    Properties:\n" +
             "      AliasName: alias/" + base + "-a" + n + "\n      TargetKeyId: !Ref Key\n" +
             "  Secret" + n + ":\n    Type: AWS::SecretsManager::Secret\n    Properties:\n" +
             "      Name: " + base + "/s" + n + "\n      Description: bulk\n" +
             "      GenerateSecretString: {PasswordLength: 16}\n" +
             "      ForceDeleteWithoutRecovery: true\n      Tags: [{Key: team, Value: bulk}]\n" +
             "  Rule" + n + ":\n    Type: AWS::Events::Rule\n    Properties:\n" +
             "      Name: " + base + "-r" + n + "\n      State: ENABLED\n" +
             "      EventPattern: {source: [bulk]}\n      Tags: [{Key: team, Value: bulk}]\n";
  }
  run.s.push("dev", {{"stack.yaml", stack}});
  run.apply();
  std::string out;
  proxy.resetCounts();
  ASSERT_EQ(run.plan(&out), 0) << out;
  EXPECT_EQ(proxy.count({.operation = "ListAliases"}), 1u);
  EXPECT_EQ(proxy.count({.operation = "DescribeKey"}), 1u) << "the key's own; no alias's";
  EXPECT_EQ(proxy.count({.operation = "ListResourceTags"}), 0u)
      << "the key's tags from the listing";
  EXPECT_EQ(proxy.count({.operation = "ListSecrets"}), 1u) << "one page of the secrets' prefix";
  EXPECT_EQ(proxy.count({.operation = "DescribeSecret"}), 0u);
  EXPECT_EQ(proxy.count({.operation = "ListRules"}), 1u);
  EXPECT_EQ(proxy.count({.operation = "DescribeRule"}), 0u);
  EXPECT_EQ(proxy.count({.operation = "ListTagsForResource"}), 12u)
      << "the rules' own tags: moto's Tagging API lists no rules";
  EXPECT_GE(proxy.count({.operation = "GetResources"}), 1u);

  // Drift made by hand is seen (the listing shows it, the resource's own read
  // confirms it) and corrected.
  run.boto("events", "c.disable_rule(Name='" + base + "-r3')");
  run.boto("secretsmanager", "c.update_secret(SecretId='" + base + "/s5', Description='changed')");
  ASSERT_EQ(run.plan(&out), 2) << out;
  EXPECT_NE(out.find("State"), std::string::npos) << out;
  EXPECT_NE(out.find("Description"), std::string::npos) << out;
  run.apply();
  EXPECT_EQ(run.plan(&out), 0) << out;
  run.removeStack("stack.yaml");
  run.apply();
}

}  // namespace
}  // namespace driftless::testing::bulk
