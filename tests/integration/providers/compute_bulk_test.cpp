// Observe in bulk from list APIs (issue 20, providers/common/bulk_read.h):
// Lambda ListFunctions, Logs DescribeLogGroups, SSM GetParameters and
// DescribeParameters. Each test counts the calls per operation at the
// harness: N resources of a full observation in ceil(N / page) + k calls
// instead of N (or 2N), a resource deleted by hand still absent, a failed
// listing answered by one read each, and the cost model's choice of one read
// each for a few resources in a large account.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "tests/integration/providers/harness.h"
#include "tests/support/fault_proxy.h"
#include "tests/support/http_stub.h"

// After the harness: it uses Harness.
#include "tests/integration/providers/bulk_observe.h"

namespace driftless::testing {
namespace bulk {

// ---- Lambda: ListFunctions (50 a page) with tags from the Tagging API ----

std::string lambdaRole(Harness& h) {
  const std::string role = uniqueName("bulk-exec");
  h.outOfBand("iam",
              "import json\nc.create_role(RoleName='" + role +
                  "', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': "
                  "[{'Effect': 'Allow', 'Principal': {'Service': 'lambda.amazonaws.com'}, "
                  "'Action': 'sts:AssumeRole'}]}))\n");
  return "arn:aws:iam::123456789012:role/" + role;
}

std::vector<Desired> makeFunctions(Harness& h, int n) {
  const std::string role = lambdaRole(h);
  std::vector<Desired> out;
  for (int i = 0; i < n; ++i) {
    const std::string name = uniqueName("bulk-fn");
    Desired d = h.desired(name, json(R"({"FunctionName": ")" + name + R"(", "Role": ")" + role +
                                     R"(", "Runtime": "python3.12", "Handler": "index.handler",
        "MemorySize": 256, "Environment": {"Variables": {"N": ")" +
                                     std::to_string(i) + R"("}},
        "Code": {"ZipFile": "def handler(e, c):\n    return 1\n"},
        "Tags": [{"Key": "team", "Value": "bulk"}]})"));
    EXPECT_TRUE(h.create(d).exists) << name;
    out.push_back(std::move(d));
  }
  return out;
}

TEST(LambdaBulk, ManyFunctionsInOneListingAFewOneByOne) {
  Harness h("AWS::Lambda::Function");
  std::vector<Desired> fns = makeFunctions(h, 12);
  // The cycle loads the tag snapshot before observing (k = its pages).
  h.resetStats();
  const std::size_t k = h.loadTagSnapshot({"lambda:function"});
  EXPECT_GE(k, 1u);
  h.resetStats();
  EXPECT_EQ(observeAll(h, fns), 12);
  EXPECT_EQ(h.calls(), (Calls{{"lambda:ListFunctions", 1}}))
      << "12 functions, first cycle (more than the 10 pages assumed): one listing "
         "(moto answers it in one page; AWS in ceil(account / 50))";
  printRatio(h, fns, h.stats().total() + k, k);
  const auto learned = h.observeBatch().learned("lambda:functions");
  ASSERT_TRUE(learned.has_value());
  EXPECT_GE(*learned, 12u) << "the account's size, learned for the next cycle";

  // Deleted by hand: absent from the listing, so absent.
  h.outOfBand("lambda", "c.delete_function(FunctionName='" + fns[4].physicalId + "')");
  h.loadTagSnapshot({"lambda:function"});
  h.resetStats();
  EXPECT_EQ(observeAll(h, fns), 11);
  EXPECT_EQ(h.calls(), (Calls{{"lambda:ListFunctions", 1}}));
  fns.erase(fns.begin() + 4);

  // A function whose tags drifted is not agreed by the snapshot: read on its
  // own, and its drift seen.
  h.outOfBand("lambda", "c.tag_resource(Resource=c.get_function(FunctionName='" +
                            fns[0].physicalId +
                            "')['Configuration']['FunctionArn'], Tags={'team': 'other'})");
  h.loadTagSnapshot({"lambda:function"});
  h.resetStats();
  expectAll(h, fns);
  Observed drifted = h.observe(fns[0]);
  EXPECT_EQ(paths(h.p().diff(fns[0], drifted)), std::vector<std::string>{"Tags"});
  EXPECT_EQ(h.calls(), (Calls{{"lambda:GetFunction", 1}, {"lambda:ListFunctions", 1}}));
  h.outOfBand("lambda", "c.tag_resource(Resource=c.get_function(FunctionName='" +
                            fns[0].physicalId +
                            "')['Configuration']['FunctionArn'], Tags={'team': 'bulk'})");
  h.loadTagSnapshot({"lambda:function"});

  // Three functions in an account of 2,000 (40 pages): one read each.
  std::vector<Desired> three(fns.begin(), fns.begin() + 3);
  h.observeBatch().learn("lambda:functions", 2000);
  h.resetStats();
  EXPECT_EQ(observeAll(h, three), 3);
  EXPECT_EQ(h.calls(), (Calls{{"lambda:GetFunction", 3}}));
  // ... and in an account of 60 (2 pages): listed.
  h.observeBatch().learn("lambda:functions", 60);
  h.resetStats();
  EXPECT_EQ(observeAll(h, three), 3);
  EXPECT_EQ(h.calls(), (Calls{{"lambda:ListFunctions", 1}}));

  // First cycle of another process (nothing learned), three functions: one by one.
  Harness fresh("AWS::Lambda::Function");
  fresh.loadTagSnapshot({"lambda:function"});
  fresh.resetStats();
  EXPECT_EQ(observeAll(fresh, three), 3);
  EXPECT_EQ(fresh.calls(), (Calls{{"lambda:GetFunction", 3}}));
  removeAll(h, fns);
}

TEST(LambdaBulk, AFailedListingFallsBackToOneReadEach) {
  FaultProxy proxy(moto().endpoint());
  Harness h("AWS::Lambda::Function", {.endpoint = proxy.url()});
  std::vector<Desired> fns = makeFunctions(h, 3);
  // An account of 3 functions (one page, cheaper than 3 reads): listed.
  h.observeBatch().learn("lambda:functions", 3);
  h.loadTagSnapshot({"lambda:function"});
  proxy.failNext({.match = {.service = "lambda", .method = "GET", .path = "/2015-03-31/functions/"},
                  .fault = Fault::Status,
                  .status = 403,
                  .code = "AccessDeniedException"});
  h.resetStats();
  EXPECT_EQ(observeAll(h, fns), 3);
  EXPECT_EQ(proxy.faultsInjected(), 1u);
  EXPECT_EQ(h.calls(), (Calls{{"lambda:GetFunction", 3}, {"lambda:ListFunctions", 1}}))
      << "the refused listing, then one read each";
  removeAll(h, fns);
}

// ---- Logs: DescribeLogGroups under the names' common prefix (50 a page) ----

std::vector<Desired> makeLogGroups(Harness& h, int n) {
  const std::string base = "/driftless/" + uniqueName("bulk") + "/";
  std::vector<Desired> out;
  for (int i = 0; i < n; ++i) {
    const std::string name = base + "g" + std::to_string(i);
    Desired d = h.desired(uniqueName("Lg"), json(R"({"LogGroupName": ")" + name + R"(",
        "RetentionInDays": 7, "Tags": [{"Key": "team", "Value": "bulk"}]})"));
    EXPECT_TRUE(h.create(d).exists) << name;
    out.push_back(std::move(d));
  }
  return out;
}

TEST(LogsBulk, ManyLogGroupsInOneListingOfTheirPrefix) {
  Harness h("AWS::Logs::LogGroup");
  std::vector<Desired> groups = makeLogGroups(h, 12);
  const std::size_t k = h.loadTagSnapshot({"logs"});
  h.resetStats();
  EXPECT_EQ(observeAll(h, groups), 12);
  EXPECT_EQ(h.calls(), (Calls{{"logs:DescribeLogGroups", 1}}))
      << "12 log groups: one page of their prefix, tags from the snapshot (24 calls before)";
  printRatio(h, groups, h.stats().total() + k, k);

  h.outOfBand("logs", "c.delete_log_group(logGroupName='" + groups[3].physicalId + "')");
  h.loadTagSnapshot({"logs"});
  h.resetStats();
  EXPECT_EQ(observeAll(h, groups), 11) << "deleted by hand: absent";
  EXPECT_EQ(h.calls(), (Calls{{"logs:DescribeLogGroups", 1}}));
  groups.erase(groups.begin() + 3);

  // Drift by hand is seen from the listing.
  h.outOfBand("logs", "c.put_retention_policy(logGroupName='" + groups[0].physicalId +
                          "', retentionInDays=30)");
  expectAll(h, groups);
  Observed drifted = h.observe(groups[0]);
  EXPECT_EQ(paths(h.p().diff(groups[0], drifted)), std::vector<std::string>{"RetentionInDays"});

  // Without the snapshot (no bulk tags), one group: one by one, as before.
  h.clearTagSnapshot();
  h.resetStats();
  EXPECT_EQ(observeAll(h, {groups[1]}), 1);
  EXPECT_EQ(h.calls(), (Calls{{"logs:DescribeLogGroups", 1}, {"logs:ListTagsForResource", 1}}));
  removeAll(h, groups);
}

TEST(LogsBulk, AFailedListingFallsBackToOneReadEach) {
  FaultProxy proxy(moto().endpoint());
  Harness h("AWS::Logs::LogGroup", {.endpoint = proxy.url()});
  std::vector<Desired> groups = makeLogGroups(h, 11);
  h.loadTagSnapshot({"logs"});
  EXPECT_EQ(afterRefusedListing(proxy, h, groups, "DescribeLogGroups"),
            (Calls{{"logs:DescribeLogGroups", 12}}))
      << "the refused listing, then one read each (tags still from the snapshot)";
  removeAll(h, groups);
}

// ---- SSM: GetParameters (10 names a call), DescribeParameters (50) ----

std::vector<Desired> makeParameters(Harness& h, int n, const std::string& extra = "") {
  const std::string base = "/driftless/" + uniqueName("bulk") + "/";
  std::vector<Desired> out;
  for (int i = 0; i < n; ++i) {
    const std::string name = base + "p" + std::to_string(i);
    Desired d = h.desired(uniqueName("Param"), json(R"({"Name": ")" + name + R"(",
        "Type": "String", "Value": "v)" + std::to_string(i) +
                                                    R"(", "Description": "bulk",
        "Tags": {"team": "bulk"})" + extra + "}"));
    EXPECT_TRUE(h.create(d).exists) << name;
    out.push_back(std::move(d));
  }
  return out;
}

TEST(SsmBulk, ParametersTenNamesACallWithTheirMetadataInOneDescribe) {
  Harness h("AWS::SSM::Parameter");
  std::vector<Desired> params = makeParameters(h, 12);
  const std::size_t k = h.loadTagSnapshot({"ssm:parameter"});
  h.resetStats();
  EXPECT_EQ(observeAll(h, params), 12);
  EXPECT_EQ(h.calls(), (Calls{{"ssm:DescribeParameters", 2}, {"ssm:GetParameters", 2}}))
      << "12 names: 2 GetParameters; their metadata in one DescribeParameters filter of 12 names, "
         "which moto pages by 10 (AWS: one page of 50); 36 calls before";
  printRatio(h, params, h.stats().total() + k, k);
  h.loadTagSnapshot({"ssm:parameter"});

  h.outOfBand("ssm", "c.delete_parameter(Name='" + params[5].physicalId + "')");
  h.loadTagSnapshot({"ssm:parameter"});
  h.resetStats();
  EXPECT_EQ(observeAll(h, params), 11) << "deleted by hand: absent (InvalidParameters)";
  params.erase(params.begin() + 5);

  h.outOfBand("ssm", "c.put_parameter(Name='" + params[0].physicalId +
                         "', Value='changed', Type='String', Overwrite=True)");
  expectAll(h, params);
  Observed drifted = h.observe(params[0]);
  EXPECT_EQ(paths(h.p().diff(params[0], drifted)), std::vector<std::string>{"Value"});

  // One parameter: one read, as before.
  h.resetStats();
  EXPECT_EQ(observeAll(h, {params[1]}), 1);
  EXPECT_EQ(h.calls(), (Calls{{"ssm:DescribeParameters", 1}, {"ssm:GetParameter", 1}}));
  removeAll(h, params);
}

TEST(SsmBulk, ASecureStringToCompareIsReadOnItsOwnDecrypted) {
  Harness h("AWS::SSM::Parameter");
  std::vector<Desired> params = makeParameters(h, 3);
  Desired secret = h.desired(uniqueName("Secret"),
                             json(R"({"Name": "/driftless/)" + uniqueName("bulk-secret") + R"(",
      "Type": "SecureString", "Value": "s3cr3t"})"));
  secret.physicalId = h.create(secret).physicalId;
  params.push_back(secret);
  h.loadTagSnapshot({"ssm:parameter"});
  h.resetStats();
  EXPECT_EQ(observeAll(h, params), 4);
  EXPECT_EQ(
      h.calls(),
      (Calls{{"ssm:DescribeParameters", 1}, {"ssm:GetParameter", 1}, {"ssm:GetParameters", 1}}))
      << "the secret alone read with decryption; the others' values never decrypted";
  removeAll(h, params);
}

TEST(SsmBulk, AFailedGetParametersFallsBackToOneReadEach) {
  FaultProxy proxy(moto().endpoint());
  Harness h("AWS::SSM::Parameter", {.endpoint = proxy.url()});
  std::vector<Desired> params = makeParameters(h, 4);
  h.loadTagSnapshot({"ssm:parameter"});
  EXPECT_EQ(
      afterRefusedListing(proxy, h, params, "GetParameters"),
      (Calls{{"ssm:DescribeParameters", 1}, {"ssm:GetParameter", 4}, {"ssm:GetParameters", 1}}));
  removeAll(h, params);
}

// ---- IAM: GetAccountAuthorizationDetails (Filter Role, 1,000 a page) ----

std::vector<Desired> makeRoles(Harness& h, int n, const std::string& extra = "") {
  std::vector<Desired> out;
  for (int i = 0; i < n; ++i) {
    const std::string name = uniqueName("bulk-role");
    Desired d = h.desired(uniqueName("Role"), json(R"({"RoleName": ")" + name + R"(",
        "Path": "/bulk/", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
           "Action": "sts:AssumeRole"}]},
        "Policies": [{"PolicyName": "read", "PolicyDocument": {"Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Action": "sqs:ReceiveMessage", "Resource": "*"}]}}],
        "ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        "Tags": [{"Key": "team", "Value": "bulk"}])" +
                                                   extra + "}"));
    EXPECT_TRUE(h.create(d).exists) << name;
    out.push_back(std::move(d));
  }
  return out;
}

TEST(IamBulk, RolesWithTheirPoliciesInOneListing) {
  Harness h("AWS::IAM::Role");
  std::vector<Desired> roles = makeRoles(h, 11);
  h.resetStats();
  EXPECT_EQ(observeAll(h, roles), 11);
  EXPECT_EQ(h.calls(), (Calls{{"iam:GetAccountAuthorizationDetails", 1}}))
      << "11 roles with an inline policy and an attachment each: one listing (44 calls before)";
  printRatio(h, roles, h.stats().total(), 0);

  h.outOfBand("iam", "c.delete_role_policy(RoleName='" + roles[2].physicalId +
                         "', PolicyName='read')\nc.detach_role_policy(RoleName='" +
                         roles[2].physicalId +
                         "', PolicyArn='arn:aws:iam::aws:policy/ReadOnlyAccess')\n"
                         "c.delete_role(RoleName='" +
                         roles[2].physicalId + "')");
  h.outOfBand("iam", "c.attach_role_policy(RoleName='" + roles[0].physicalId +
                         "', PolicyArn='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')");
  h.resetStats();
  expectAll(h, roles);
  EXPECT_FALSE(h.observe(roles[2]).exists) << "deleted by hand";
  Observed drifted = h.observe(roles[0]);
  EXPECT_EQ(paths(h.p().diff(roles[0], drifted)), std::vector<std::string>{"ManagedPolicyArns"});
  EXPECT_EQ(h.calls(), (Calls{{"iam:GetAccountAuthorizationDetails", 1}}));
  h.outOfBand("iam", "c.detach_role_policy(RoleName='" + roles[0].physicalId +
                         "', PolicyArn='arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')");
  roles.erase(roles.begin() + 2);

  // Three roles in an account of 5,000 (5 pages): one read each.
  std::vector<Desired> three(roles.begin(), roles.begin() + 3);
  h.observeBatch().learn("iam:roles", 5000);
  h.resetStats();
  EXPECT_EQ(observeAll(h, three), 3);
  EXPECT_EQ(h.calls()["iam:GetAccountAuthorizationDetails"], 0u);
  EXPECT_EQ(h.calls()["iam:GetRole"], 3u);
  for (const auto& d : roles)
    h.remove(d, Observed{});
}

TEST(IamBulk, ADescriptionTheListingLacksIsReadOnItsOwn) {
  Harness h("AWS::IAM::Role");
  std::vector<Desired> roles = makeRoles(h, 3, R"(, "Description": "bulk")");
  h.observeBatch().learn("iam:roles", 3);  // one page: cheaper than 3 reads
  h.resetStats();
  EXPECT_EQ(observeAll(h, roles), 3);
  EXPECT_EQ(h.calls()["iam:GetAccountAuthorizationDetails"], 1u);
  EXPECT_EQ(h.calls()["iam:GetRole"], 3u) << "RoleDetail carries no Description";
  for (const auto& d : roles)
    h.remove(d, Observed{});
}

// moto 5.2.1's ManagedPolicyDetail lacks PolicyName and PolicyId (AWS's has
// both): a listed policy is then read on its own, so against moto the listing
// tells only absence; the saving is checked on the wire (IamBulkWire below).
TEST(IamBulk, ManagedPoliciesListedAndReadOnTheirOwnWhereMotosListingLacksFields) {
  Harness h("AWS::IAM::ManagedPolicy");
  std::vector<Desired> policies;
  for (int i = 0; i < 11; ++i) {
    const std::string name = uniqueName("bulk-policy");
    Desired d = h.desired(uniqueName("Policy"), json(R"({"ManagedPolicyName": ")" + name + R"(",
        "Path": "/bulk/", "Description": "bulk", "PolicyDocument": {"Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Action": "sqs:ReceiveMessage", "Resource": "*"}]},
        "Tags": [{"Key": "team", "Value": "bulk"}]})"));
    EXPECT_TRUE(h.create(d).exists) << name;
    policies.push_back(std::move(d));
  }
  const std::string arn0 = "arn:aws:iam::123456789012:policy/bulk/" + policies[0].physicalId;
  const std::string arn1 = "arn:aws:iam::123456789012:policy/bulk/" + policies[1].physicalId;
  h.outOfBand("iam", "import json\nc.create_policy_version(PolicyArn='" + arn0 +
                         "', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': "
                         "[{'Effect': 'Allow', 'Action': 'sqs:*', 'Resource': '*'}]}), "
                         "SetAsDefault=True)\nc.delete_policy(PolicyArn='" +
                         arn1 + "')");
  expectAll(h, policies);
  h.resetStats();
  EXPECT_FALSE(h.observe(policies[1]).exists) << "deleted by hand: not in the listing";
  EXPECT_EQ(h.calls(), (Calls{{"iam:GetAccountAuthorizationDetails", 1}}));
  Observed drifted = h.observe(policies[0]);
  EXPECT_EQ(paths(h.p().diff(policies[0], drifted)), std::vector<std::string>{"PolicyDocument"});
  EXPECT_EQ(h.calls(), (Calls{{"iam:GetAccountAuthorizationDetails", 1},
                              {"iam:GetPolicy", 1},
                              {"iam:GetPolicyVersion", 1},
                              {"iam:ListPolicyTags", 1}}));
  policies.erase(policies.begin() + 1);
  for (const auto& d : policies)
    h.remove(d, Observed{});
}

// ---- Paging on the wire: moto answers ListFunctions and
// GetAccountAuthorizationDetails in one page, so the pages AWS makes are
// checked against a stub answering as AWS does ----

std::string functionJson(const std::string& name) {
  return R"({"FunctionName": ")" + name +
         R"(", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:)" + name +
         R"(", "Role": "arn:aws:iam::123456789012:role/r", "Runtime": "python3.12",
      "Handler": "index.handler", "MemorySize": 128, "Timeout": 3, "PackageType": "Zip",
      "CodeSha256": "x"})";
}

TEST(LambdaBulkWire, ListFunctionsFollowsNextMarker) {
  HttpStub stub([](const StubRequest& r) {
    StubResponse out;
    out.headers = {{"Content-Type", "application/json"}};
    const std::string target = r.headers.count("x-amz-target") ? r.headers.at("x-amz-target") : "";
    if (target.ends_with("GetResources"))
      out.body = R"({"ResourceTagMappingList": [
          {"ResourceARN": "arn:aws:lambda:us-east-1:123456789012:function:fa", "Tags": )" +
                 ownershipTagsJson("Fa") + R"(},
          {"ResourceARN": "arn:aws:lambda:us-east-1:123456789012:function:fb", "Tags": )" +
                 ownershipTagsJson("Fb") + "}]}";
    else if (r.target.find("Marker=m1") != std::string::npos)
      out.body = R"({"Functions": [)" + functionJson("fb") + "]}";
    else if (r.target.starts_with("/2015-03-31/functions/?"))
      out.body = R"({"Functions": [)" + functionJson("fa") + R"(], "NextMarker": "m1"})";
    else
      out.status = 500;
    return out;
  });
  Harness h("AWS::Lambda::Function", {.endpoint = stub.url()});
  std::vector<Desired> fns;
  for (const char* n : {"fa", "fb", "fgone"}) {
    Desired d = h.desired("F" + std::string(n).substr(1),
                          json(R"({"FunctionName": ")" + std::string(n) + R"(",
        "Role": "arn:aws:iam::123456789012:role/r", "Runtime": "python3.12",
        "Handler": "index.handler", "MemorySize": 128,
        "Code": {"ZipFile": "x"}})"));
    fns.push_back(std::move(d));
  }
  h.loadTagSnapshot({"lambda:function"});
  h.observeBatch().learn("lambda:functions", 2);
  expectAll(h, fns);
  h.resetStats();
  EXPECT_TRUE(h.observe(fns[0]).exists);
  Observed b = h.observe(fns[1]);
  EXPECT_TRUE(b.exists) << "found on the second page";
  EXPECT_EQ(b.properties.find("MemorySize")->asInt(), 128);
  EXPECT_FALSE(h.observe(fns[2]).exists) << "on neither page: absent";
  EXPECT_EQ(h.calls(), (Calls{{"lambda:ListFunctions", 2}}));
  std::vector<std::string> lists;
  for (const auto& r : stub.requests())
    if (r.target.starts_with("/2015-03-31/functions/")) lists.push_back(r.target);
  EXPECT_EQ(lists, (std::vector<std::string>{"/2015-03-31/functions/?MaxItems=50",
                                             "/2015-03-31/functions/?MaxItems=50&Marker=m1"}));
}

std::string roleXml(const std::string& name) {
  return "<member><Path>/</Path><RoleName>" + name + "</RoleName><RoleId>AROA" + name +
         "</RoleId><Arn>arn:aws:iam::123456789012:role/" + name +
         "</Arn><AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22"
         "%3A%5B%5D%7D</AssumeRolePolicyDocument><RolePolicyList/><AttachedManagedPolicies/>"
         "<Tags><member><Key>driftless:controller</Key><Value>ctl-test</Value></member>"
         "<member><Key>driftless:environment</Key><Value>dev</Value></member>"
         "<member><Key>driftless:stack</Key><Value>app</Value></member>"
         "<member><Key>driftless:logical-id</Key><Value>R" +
         name + "</Value></member></Tags></member>";
}

TEST(IamBulkWire, GetAccountAuthorizationDetailsFollowsMarker) {
  HttpStub stub([](const StubRequest& r) {
    StubResponse out;
    out.headers = {{"Content-Type", "text/xml"}};
    const bool second = r.body.find("Marker=m1") != std::string::npos;
    const std::string page =
        second
            ? roleXml("rb") + "</RoleDetailList><IsTruncated>false</IsTruncated>"
            : roleXml("ra") + "</RoleDetailList><IsTruncated>true</IsTruncated><Marker>m1</Marker>";
    out.body =
        "<GetAccountAuthorizationDetailsResponse><GetAccountAuthorizationDetailsResult>"
        "<RoleDetailList>" +
        page + "</GetAccountAuthorizationDetailsResult></GetAccountAuthorizationDetailsResponse>";
    if (r.body.find("Action=GetAccountAuthorizationDetails") == std::string::npos) out.status = 500;
    return out;
  });
  Harness h("AWS::IAM::Role", {.endpoint = stub.url()});
  std::vector<Desired> roles;
  for (const char* n : {"ra", "rb", "rgone"}) {
    Desired d = h.desired("R" + std::string(n), json(R"({"RoleName": ")" + std::string(n) + R"(",
        "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}})"));
    roles.push_back(std::move(d));
  }
  h.observeBatch().learn("iam:roles", 2);
  expectAll(h, roles);
  h.resetStats();
  for (int i = 0; i < 2; ++i) {
    Observed live = h.observe(roles[i]);
    EXPECT_TRUE(live.exists) << roles[i].physicalId;
    EXPECT_TRUE(h.p().diff(roles[i], live).empty())
        << ::testing::PrintToString(paths(h.p().diff(roles[i], live)));
  }
  EXPECT_FALSE(h.observe(roles[2]).exists);
  EXPECT_EQ(h.calls(), (Calls{{"iam:GetAccountAuthorizationDetails", 2}}));
  ASSERT_EQ(stub.requestCount(), 2u);
  const std::string first = stub.requests()[0].body;
  EXPECT_NE(first.find("Filter.member.1=Role"), std::string::npos) << first;
  EXPECT_NE(first.find("MaxItems=1000"), std::string::npos) << first;
}

std::string policyXml(const std::string& name) {
  return "<member><PolicyName>" + name + "</PolicyName><PolicyId>ANPA" + name +
         "</PolicyId><Arn>arn:aws:iam::123456789012:policy/bulk/" + name +
         "</Arn><Path>/bulk/</Path><DefaultVersionId>v2</DefaultVersionId>"
         "<AttachmentCount>0</AttachmentCount><IsAttachable>true</IsAttachable>"
         "<Description>bulk</Description><PolicyVersionList>"
         "<member><Document>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"
         "</Document><VersionId>v2</VersionId><IsDefaultVersion>true</IsDefaultVersion></member>"
         "<member><Document>%7B%7D</Document><VersionId>v1</VersionId>"
         "<IsDefaultVersion>false</IsDefaultVersion></member></PolicyVersionList></member>";
}

// Customer managed policies as AWS lists them (with PolicyName and PolicyId):
// one listing for their documents, tags per policy.
TEST(IamBulkWire, ManagedPoliciesFromOneListingAndTheirTags) {
  HttpStub stub([](const StubRequest& r) {
    StubResponse out;
    out.headers = {{"Content-Type", "text/xml"}};
    if (r.body.find("Action=GetAccountAuthorizationDetails") != std::string::npos) {
      out.body =
          "<GetAccountAuthorizationDetailsResponse><GetAccountAuthorizationDetailsResult>"
          "<Policies>" +
          policyXml("pa") + policyXml("pb") +
          "</Policies><IsTruncated>false</IsTruncated></GetAccountAuthorizationDetailsResult>"
          "</GetAccountAuthorizationDetailsResponse>";
    } else if (r.body.find("Action=ListPolicyTags") != std::string::npos) {
      const std::string logical =
          r.body.find("policy%2Fbulk%2Fpa") != std::string::npos ? "Pa" : "Pb";
      out.body =
          "<ListPolicyTagsResponse><ListPolicyTagsResult><Tags>"
          "<member><Key>driftless:controller</Key><Value>ctl-test</Value></member>"
          "<member><Key>driftless:environment</Key><Value>dev</Value></member>"
          "<member><Key>driftless:stack</Key><Value>app</Value></member>"
          "<member><Key>driftless:logical-id</Key><Value>" +
          logical +
          "</Value></member></Tags><IsTruncated>false</IsTruncated></ListPolicyTagsResult>"
          "</ListPolicyTagsResponse>";
    } else {
      out.status = 500;
    }
    return out;
  });
  Harness h("AWS::IAM::ManagedPolicy", {.endpoint = stub.url()});
  std::vector<Desired> policies;
  for (const char* n : {"pa", "pb"}) {
    Desired d = h.desired("P" + std::string(n).substr(1),
                          json(R"({"ManagedPolicyName": ")" + std::string(n) + R"(",
        "Path": "/bulk/", "Description": "bulk",
        "PolicyDocument": {"Version": "2012-10-17", "Statement": []}})"));
    policies.push_back(std::move(d));
  }
  h.observeBatch().learn("iam:local-policies", 2);
  expectAll(h, policies);
  h.resetStats();
  for (const auto& d : policies) {
    Observed live = h.observe(d);
    ASSERT_TRUE(live.exists) << d.physicalId;
    EXPECT_TRUE(h.p().diff(d, live).empty())
        << ::testing::PrintToString(paths(h.p().diff(d, live)));
    EXPECT_EQ(live.attributes.find("PolicyId")->asString(), "ANPA" + d.physicalId);
    EXPECT_EQ(live.attributes.find("DefaultVersionId")->asString(), "v2");
    EXPECT_TRUE(live.owner.has_value());
  }
  EXPECT_EQ(h.calls(),
            (Calls{{"iam:GetAccountAuthorizationDetails", 1}, {"iam:ListPolicyTags", 2}}))
      << "before: GetPolicy, GetPolicyVersion and ListPolicyTags each (6)";
}

}  // namespace bulk
}  // namespace driftless::testing
