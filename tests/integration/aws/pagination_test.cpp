// Pagination helpers against moto's list calls with tiny page sizes.
#include "providers/aws/pagination.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "providers/aws/credentials.h"
#include "providers/aws/http_client.h"
#include "tests/integration/aws/aws_test_util.h"
#include "tests/support/peer.h"

namespace driftless::aws {
namespace {

using driftless::testing::sharedMoto;
using testing::runAwait;

class PaginationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_THROW(sharedMoto({.verifySignatures = true}));
    auto& m = sharedMoto({.verifySignatures = true});
    ClientConfig c;
    c.endpointUrl = m.endpoint();
    c.credentials = std::make_shared<StaticCredentialsProvider>(
        Credentials{.accessKeyId = m.accessKeyId(), .secretAccessKey = m.secretAccessKey()});
    client_ = std::make_unique<Client>(transport_, c);
  }
  asio::io_context io_;
  HttpTransport transport_{io_};
  std::unique_ptr<Client> client_;
};

TEST_F(PaginationTest, JsonNextTokenWalksEveryPage) {
  for (auto name : {"/paged/a", "/paged/b", "/paged/c"})
    ASSERT_TRUE(runAwait(
        io_, client_->json("logs", "CreateLogGroup", Value::Object{{"logGroupName", name}})));
  std::vector<std::string> seen;
  auto pages =
      runAwait(io_, forEachJsonPage(*client_, "logs", "DescribeLogGroups",
                                    Value::Object{{"logGroupNamePrefix", "/paged/"}, {"limit", 1}},
                                    "nextToken", [&](const Value& page) {
                                      for (const auto& g : page.find("logGroups")->asArray())
                                        seen.push_back(g.find("logGroupName")->asString());
                                      return true;
                                    }));
  ASSERT_TRUE(pages) << pages.error().describe();
  EXPECT_EQ(*pages, 3);
  EXPECT_EQ(seen, (std::vector<std::string>{"/paged/a", "/paged/b", "/paged/c"}));

  // stopping early
  int calls = 0;
  auto first =
      runAwait(io_, forEachJsonPage(*client_, "logs", "DescribeLogGroups",
                                    Value::Object{{"logGroupNamePrefix", "/paged/"}, {"limit", 1}},
                                    "nextToken", [&](const Value&) { return ++calls < 2; }));
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, 2);
}

TEST_F(PaginationTest, QueryMarkerWalksEveryPage) {
  const std::string trust =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
  for (auto name : {"paged-1", "paged-2", "paged-3"})
    ASSERT_TRUE(runAwait(
        io_, client_->query(
                 "iam", "CreateRole",
                 {{"RoleName", name}, {"Path", "/paged/"}, {"AssumeRolePolicyDocument", trust}})));
  std::vector<std::string> seen;
  auto pages =
      runAwait(io_, forEachQueryPage(*client_, "iam", "ListRoles",
                                     {{"PathPrefix", "/paged/"}, {"MaxItems", "1"}}, "Marker",
                                     [&](const Xml& page) {
                                       for (auto m : page.result.child("Roles").children("member"))
                                         seen.push_back(m.child("RoleName").text().as_string());
                                       return true;
                                     }));
  ASSERT_TRUE(pages) << pages.error().describe();
  std::sort(seen.begin(), seen.end());  // IAM lists in no promised order
  EXPECT_EQ(seen, (std::vector<std::string>{"paged-1", "paged-2", "paged-3"}));
  EXPECT_EQ(*pages, 3);
}

TEST_F(PaginationTest, AFailedPageIsTheError) {
  auto pages = runAwait(io_, forEachJsonPage(*client_, "dynamodb", "DescribeTable",
                                             Value::Object{{"TableName", "absent"}}, "NextToken",
                                             [](const Value&) { return true; }));
  ASSERT_FALSE(pages);
  EXPECT_EQ(pages.error().kind, ErrorKind::NotFound);
}

}  // namespace
}  // namespace driftless::aws
