// Every credentials source against a real peer: moto's STS (AssumeRole,
// AssumeRoleWithWebIdentity) and local HTTP servers speaking the ECS and
// IMDSv2 protocols. Files are written by the tests; no AWS host is reached.
#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>

#include "providers/aws/credentials.h"
#include "providers/aws/http_client.h"
#include "providers/aws/signer.h"
#include "tests/integration/aws/aws_test_util.h"
#include "tests/support/http_stub.h"
#include "tests/support/peer.h"

namespace driftless::aws {
namespace {

using driftless::testing::HttpStub;
using driftless::testing::sharedMoto;
using driftless::testing::StubRequest;
using driftless::testing::StubResponse;
using driftless::testing::TempDir;
using testing::runAwait;

EnvLookup envOf(std::map<std::string, std::string> vars) {
  return [vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string isoIn(std::chrono::seconds s) {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

class CredentialsPeerTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NO_THROW(sharedMoto({.verifySignatures = true})); }
  driftless::testing::MotoServer& moto() { return sharedMoto({.verifySignatures = true}); }

  std::shared_ptr<CredentialsProvider> motoKey() {
    return std::make_shared<StaticCredentialsProvider>(
        Credentials{.accessKeyId = moto().accessKeyId(),
                    .secretAccessKey = moto().secretAccessKey()},
        "moto key");
  }

  Client client(std::shared_ptr<CredentialsProvider> creds) {
    ClientConfig c;
    c.endpointUrl = moto().endpoint();
    c.credentials = std::move(creds);
    return Client(transport_, c);
  }

  // The ARN STS says the credentials belong to.
  std::string callerArn(std::shared_ptr<CredentialsProvider> creds) {
    ClientConfig c;
    c.endpointUrl = moto().endpoint();
    c.credentials = std::move(creds);
    Client cl(transport_, c);
    auto who = runAwait(io_, cl.query("sts", "GetCallerIdentity", {}));
    if (!who) return "error: " + who.error().describe();
    return who->result.child("Arn").text().as_string();
  }

  // A role moto will let the assumed session act as (allow-all inline policy).
  void createRole(const std::string& name) {
    ClientConfig c;
    c.endpointUrl = moto().endpoint();
    c.credentials = motoKey();
    Client iam(transport_, c);
    std::string trust =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},)"
        R"("Action":["sts:AssumeRole","sts:AssumeRoleWithWebIdentity"]}]})";
    auto created = runAwait(
        io_,
        iam.query("iam", "CreateRole", {{"RoleName", name}, {"AssumeRolePolicyDocument", trust}}));
    ASSERT_TRUE(created || created.error().code == "EntityAlreadyExists")
        << created.error().describe();
    std::string allow =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";
    auto put = runAwait(
        io_, iam.query("iam", "PutRolePolicy",
                       {{"RoleName", name}, {"PolicyName", "all"}, {"PolicyDocument", allow}}));
    ASSERT_TRUE(put) << put.error().describe();
  }

  asio::io_context io_;
  HttpTransport transport_{io_};
  TempDir dir_;
};

TEST_F(CredentialsPeerTest, AssumeRoleOnTopOfABaseProvider) {
  ASSERT_NO_FATAL_FAILURE(createRole("deployer"));
  auto role = assumeRole(motoKey(), "arn:aws:iam::123456789012:role/deployer", transport_,
                         {.sessionName = "driftless-test", .stsEndpoint = moto().endpoint()});
  auto creds = runAwait(io_, role->get());
  ASSERT_TRUE(creds) << creds.error().describe();
  EXPECT_TRUE(creds->accessKeyId.starts_with("ASIA"));
  EXPECT_FALSE(creds->sessionToken.empty());
  ASSERT_TRUE(creds->expiration.has_value());
  EXPECT_GT(*creds->expiration, std::chrono::system_clock::now() + std::chrono::minutes(30));
  // requests signed with the role's session credentials are accepted as the role
  EXPECT_EQ(callerArn(role), "arn:aws:sts::123456789012:assumed-role/deployer/driftless-test");
}

TEST_F(CredentialsPeerTest, AssumeRoleFailureNamesTheRole) {
  auto bad = std::make_shared<StaticCredentialsProvider>(
      Credentials{.accessKeyId = moto().accessKeyId(), .secretAccessKey = "wrong"});
  auto role = assumeRole(bad, "arn:aws:iam::123456789012:role/deployer", transport_,
                         {.stsEndpoint = moto().endpoint()});
  auto creds = runAwait(io_, role->get());
  ASSERT_FALSE(creds);
  EXPECT_NE(creds.error().message.find("arn:aws:iam::123456789012:role/deployer"),
            std::string::npos);
  EXPECT_EQ(creds.error().code, "SignatureDoesNotMatch");
}

TEST_F(CredentialsPeerTest, ProfileWithRoleArnAndSourceProfile) {
  ASSERT_NO_FATAL_FAILURE(createRole("profile-role"));
  std::ofstream(dir_.path() / "credentials")
      << "[base]\naws_access_key_id = " << moto().accessKeyId()
      << "\naws_secret_access_key = " << moto().secretAccessKey() << "\n";
  std::ofstream(dir_.path() / "config")
      << "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/profile-role\n"
         "source_profile = base\nrole_session_name = from-profile\nregion = eu-west-1\n";
  auto chain = defaultCredentialsChain(
      transport_,
      {.env = envOf({{"AWS_PROFILE", "deploy"},
                     {"AWS_SHARED_CREDENTIALS_FILE", (dir_.path() / "credentials").string()},
                     {"AWS_CONFIG_FILE", (dir_.path() / "config").string()},
                     {"AWS_EC2_METADATA_DISABLED", "true"}}),
       .stsEndpoint = moto().endpoint()});
  EXPECT_EQ(callerArn(chain), "arn:aws:sts::123456789012:assumed-role/profile-role/from-profile");
  EXPECT_EQ(chain->name(), "profile deploy");
}

TEST_F(CredentialsPeerTest, ProfileRoleChainingAssumesEachRoleInTurn) {
  ASSERT_NO_FATAL_FAILURE(createRole("chain-first"));
  ASSERT_NO_FATAL_FAILURE(createRole("chain-second"));
  std::ofstream(dir_.path() / "credentials")
      << "[base]\naws_access_key_id = " << moto().accessKeyId()
      << "\naws_secret_access_key = " << moto().secretAccessKey() << "\n";
  std::ofstream(dir_.path() / "config")
      << "[profile first]\nrole_arn = arn:aws:iam::123456789012:role/chain-first\n"
         "source_profile = base\nrole_session_name = hop-1\n"
         "[profile second]\nrole_arn = arn:aws:iam::123456789012:role/chain-second\n"
         "source_profile = first\nrole_session_name = hop-2\n"
         "[profile loop-a]\nrole_arn = arn:aws:iam::123456789012:role/chain-first\n"
         "source_profile = loop-b\n"
         "[profile loop-b]\nrole_arn = arn:aws:iam::123456789012:role/chain-first\n"
         "source_profile = loop-a\n";
  auto profile = [&](const std::string& name) {
    return profileCredentials(
        transport_, name,
        {.env = envOf({{"AWS_SHARED_CREDENTIALS_FILE", (dir_.path() / "credentials").string()},
                       {"AWS_CONFIG_FILE", (dir_.path() / "config").string()}}),
         .stsEndpoint = moto().endpoint()});
  };
  // "second" assumes chain-second with the session of chain-first, not with base's keys
  EXPECT_EQ(callerArn(profile("second")),
            "arn:aws:sts::123456789012:assumed-role/chain-second/hop-2");
  auto loop = runAwait(io_, profile("loop-a")->get());
  ASSERT_FALSE(loop);
  EXPECT_NE(loop.error().message.find("source_profile cycle"), std::string::npos)
      << loop.error().message;
}

TEST_F(CredentialsPeerTest, StaticProfileKeysSignRequests) {
  std::ofstream(dir_.path() / "credentials")
      << "[default]\naws_access_key_id=" << moto().accessKeyId()
      << "\naws_secret_access_key=" << moto().secretAccessKey() << "\n";
  auto chain = defaultCredentialsChain(
      transport_,
      {.env = envOf({{"AWS_SHARED_CREDENTIALS_FILE", (dir_.path() / "credentials").string()},
                     {"AWS_CONFIG_FILE", (dir_.path() / "none").string()},
                     {"AWS_EC2_METADATA_DISABLED", "true"}})});
  EXPECT_EQ(callerArn(chain), "arn:aws:iam::123456789012:user/driftless-test");
}

// moto answers an unsigned request (AssumeRoleWithWebIdentity is unsigned by
// design) with HTTP 500 when it verifies signatures, boto3's too: this test
// gets its own moto without INITIAL_NO_AUTH_ACTION_COUNT.
driftless::testing::MotoServer& unauthenticatedMoto() {
  static std::unique_ptr<driftless::testing::MotoServer> server;
  static std::string failure;
  if (!server && failure.empty()) server = driftless::testing::MotoServer::start({}, &failure);
  if (!server) throw std::runtime_error("cannot start a second moto: " + failure);
  return *server;
}

TEST_F(CredentialsPeerTest, WebIdentityTokenFileViaSts) {
  driftless::testing::MotoServer* sts = nullptr;
  ASSERT_NO_THROW(sts = &unauthenticatedMoto());
  std::ofstream(dir_.path() / "token") << "eyJhbGciOiJSUzI1NiJ9.test.token\n";
  auto chain = defaultCredentialsChain(
      transport_, {.env = envOf({{"AWS_WEB_IDENTITY_TOKEN_FILE", (dir_.path() / "token").string()},
                                 {"AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/web-role"},
                                 {"AWS_ROLE_SESSION_NAME", "pod-1"},
                                 {"HOME", dir_.str()},
                                 {"AWS_EC2_METADATA_DISABLED", "true"}}),
                   .stsEndpoint = sts->endpoint()});
  auto creds = runAwait(io_, chain->get());
  ASSERT_TRUE(creds) << creds.error().describe();
  EXPECT_FALSE(creds->sessionToken.empty());
  EXPECT_TRUE(creds->expiration.has_value());
  EXPECT_EQ(chain->name(), "web identity arn:aws:iam::123456789012:role/web-role");
  // the session credentials act as the role
  ClientConfig c;
  c.endpointUrl = sts->endpoint();
  c.credentials = chain;
  Client cl(transport_, c);
  auto who = runAwait(io_, cl.query("sts", "GetCallerIdentity", {}));
  ASSERT_TRUE(who) << who.error().describe();
  EXPECT_EQ(std::string(who->result.child("Arn").text().as_string()),
            "arn:aws:sts::123456789012:assumed-role/web-role/pod-1");
}

TEST_F(CredentialsPeerTest, WebIdentityMissingTokenFile) {
  auto web = webIdentityCredentials(transport_, (dir_.path() / "absent").string(),
                                    "arn:aws:iam::123456789012:role/web-role", "s",
                                    {.stsEndpoint = moto().endpoint()});
  auto creds = runAwait(io_, web->get());
  ASSERT_FALSE(creds);
  EXPECT_NE(creds.error().message.find("cannot read AWS_WEB_IDENTITY_TOKEN_FILE"),
            std::string::npos);
}

// ---- ECS and IMDS: local servers speaking their protocols ----

StubResponse credentialsJson(const std::string& ak, std::chrono::seconds ttl,
                             const std::string& extra = "") {
  return {.status = 200,
          .headers = {{"Content-Type", "application/json"}},
          .body = R"({)" + extra + R"("AccessKeyId":")" + ak +
                  R"(","SecretAccessKey":"secret","Token":"session","Expiration":")" + isoIn(ttl) +
                  R"("})"};
}

TEST_F(CredentialsPeerTest, ContainerRelativeUriThroughTheChain) {
  HttpStub ecs([](const StubRequest& r) {
    if (r.target != "/v2/credentials/abc") return StubResponse{.status = 404};
    return credentialsJson("ECSKEY", std::chrono::hours(6));
  });
  auto chain = defaultCredentialsChain(
      transport_, {.env = envOf({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc"},
                                 {"HOME", dir_.str()},
                                 {"AWS_EC2_METADATA_DISABLED", "true"}}),
                   .ecsEndpoint = ecs.url()});
  auto creds = runAwait(io_, chain->get());
  ASSERT_TRUE(creds) << creds.error().describe();
  EXPECT_EQ(creds->accessKeyId, "ECSKEY");
  EXPECT_EQ(creds->sessionToken, "session");
  EXPECT_EQ(chain->name(), "container credentials");
  // cached: a second get() does not call the endpoint again
  ASSERT_TRUE(runAwait(io_, chain->get()));
  EXPECT_EQ(ecs.requestCount(), 1u);
}

TEST_F(CredentialsPeerTest, ContainerFullUriSendsTheAuthorizationToken) {
  HttpStub ecs([](const StubRequest& r) {
    auto auth = r.headers.find("authorization");
    if (auth == r.headers.end() || auth->second != "Bearer pod-token")
      return StubResponse{.status = 401, .body = R"({"message":"unauthorized"})"};
    return credentialsJson("EKSKEY", std::chrono::hours(6));
  });
  std::ofstream(dir_.path() / "eks-token") << "Bearer pod-token\n";
  auto env =
      envOf({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", ecs.url() + "/creds"},
             {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", (dir_.path() / "eks-token").string()},
             {"HOME", dir_.str()},
             {"AWS_EC2_METADATA_DISABLED", "true"}});
  auto chain = defaultCredentialsChain(transport_, {.env = env});
  auto creds = runAwait(io_, chain->get());
  ASSERT_TRUE(creds) << creds.error().describe();
  EXPECT_EQ(creds->accessKeyId, "EKSKEY");

  // without the token the endpoint refuses, and the error says so
  auto noToken = containerCredentials(transport_, ecs.url() + "/creds", "", {.env = envOf({})});
  auto refused = runAwait(io_, noToken->get());
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("HTTP 401"), std::string::npos) << refused.error().message;
}

TEST_F(CredentialsPeerTest, InstanceMetadataV2TokenThenRoleCredentials) {
  HttpStub imds([](const StubRequest& r) {
    if (r.method == "PUT" && r.target == "/latest/api/token") {
      auto ttl = r.headers.find("x-aws-ec2-metadata-token-ttl-seconds");
      if (ttl == r.headers.end()) return StubResponse{.status = 400};
      return StubResponse{.status = 200, .body = "IMDSTOKEN"};
    }
    auto token = r.headers.find("x-aws-ec2-metadata-token");
    if (token == r.headers.end() || token->second != "IMDSTOKEN")
      return StubResponse{.status = 401};
    if (r.target == "/latest/meta-data/iam/security-credentials/")
      return StubResponse{.status = 200, .body = "instance-role\n"};
    if (r.target == "/latest/meta-data/iam/security-credentials/instance-role")
      return credentialsJson("IMDSKEY", std::chrono::hours(6), R"("Code":"Success",)");
    return StubResponse{.status = 404};
  });
  auto chain = defaultCredentialsChain(
      transport_,
      {.env = envOf({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url()}, {"HOME", dir_.str()}})});
  auto creds = runAwait(io_, chain->get());
  ASSERT_TRUE(creds) << creds.error().describe();
  EXPECT_EQ(creds->accessKeyId, "IMDSKEY");
  EXPECT_EQ(chain->name(), "instance metadata");
  auto reqs = imds.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[0].method, "PUT");  // the v2 token comes first
}

TEST_F(CredentialsPeerTest, InstanceMetadataWithoutRole) {
  HttpStub imds([](const StubRequest& r) {
    if (r.method == "PUT") return StubResponse{.status = 200, .body = "T"};
    return StubResponse{.status = 404};
  });
  auto p = instanceMetadataCredentials(transport_, {.env = envOf({}), .imdsEndpoint = imds.url()});
  auto creds = runAwait(io_, p->get());
  ASSERT_FALSE(creds);
  EXPECT_NE(creds.error().message.find("instance metadata role: HTTP 404"), std::string::npos)
      << creds.error().message;
}

}  // namespace
}  // namespace driftless::aws
