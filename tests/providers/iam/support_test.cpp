#include "providers/iam/support.h"

#include <gtest/gtest.h>

namespace driftless {
namespace {

Value json(const char* s) {
  auto v = Value::fromJson(s);
  EXPECT_TRUE(v.has_value()) << s;
  return v ? *v : Value();
}

const char* kOwnership =
    R"([{"Key": "driftless:controller", "Value": "c"}, {"Key": "driftless:environment", "Value": "dev"},
        {"Key": "driftless:stack", "Value": "app"}, {"Key": "driftless:logical-id", "Value": "R"}])";

TEST(PlanTags, CallsOnlyForTheDifference) {
  struct Case {
    const char* why;
    const char* desired;  // nullptr: Tags not in the manifest
    const char* live;
    std::vector<std::string> set;
    std::vector<std::string> remove;
  };
  const Case cases[] = {
      {"in sync: nothing to do",
       R"([{"Key": "team", "Value": "a"}])",
       R"([{"Key": "team", "Value": "a"}, {"Key": "driftless:controller", "Value": "c"},
           {"Key": "driftless:environment", "Value": "dev"}, {"Key": "driftless:stack", "Value": "app"},
           {"Key": "driftless:logical-id", "Value": "R"}])",
       {},
       {}},
      {"a changed value is set, an extra tag removed",
       R"([{"Key": "team", "Value": "b"}])",
       R"([{"Key": "team", "Value": "a"}, {"Key": "extra", "Value": "x"},
           {"Key": "driftless:controller", "Value": "c"}, {"Key": "driftless:environment", "Value": "dev"},
           {"Key": "driftless:stack", "Value": "app"}, {"Key": "driftless:logical-id", "Value": "R"}])",
       {"team"},
       {"extra"}},
      {"unmanaged tags are left alone; adopt adds the ownership tags",
       nullptr,
       R"([{"Key": "extra", "Value": "x"}])",
       {"driftless:controller", "driftless:environment", "driftless:logical-id", "driftless:stack"},
       {}},
      {"tags as a map (SSM, Lambda)",
       R"({"team": "a"})",
       R"({"team": "a", "old": "1",
        "driftless:controller": "c", "driftless:environment": "dev", "driftless:stack": "app",
        "driftless:logical-id": "R"})",
       {},
       {"old"}},
  };
  for (const auto& c : cases) {
    Value desired = c.desired ? json(c.desired) : Value();
    auto plan = awsutil::planTags(c.desired ? &desired : nullptr, json(c.live), json(kOwnership));
    std::vector<std::string> set;
    for (const auto& [k, v] : plan.set)
      set.push_back(k);
    EXPECT_EQ(set, c.set) << c.why;
    EXPECT_EQ(plan.remove, c.remove) << c.why;
  }
}

TEST(PolicyDocuments, CompareSemantically) {
  struct Case {
    const char* why;
    Value a;
    Value b;
    bool same;
  };
  const Case cases[] = {
      {"URL-encoded as IAM returns it",
       json(
           R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})"),
       Value("%7B%22Version%22%3A%20%222012-10-17%22%2C%20%22Statement%22%3A%20%5B%7B%22Effect%22%"
             "3A%20"
             "%22Allow%22%2C%20%22Action%22%3A%20%22s3%3AGetObject%22%2C%20%22Resource%22%3A%20%22%"
             "2A%22%7D%5D%7D"),
       true},
      {"key order and a single statement object",
       json(
           R"({"Statement": {"Resource": "*", "Action": ["s3:GetObject"], "Effect": "Allow"}, "Version": "2012-10-17"})"),
       json(
           R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})"),
       true},
      {"action order carries no meaning",
       json(
           R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["b:B", "a:A"], "Resource": "*"}]})"),
       json(
           R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["a:A", "b:B"], "Resource": "*"}]})"),
       true},
      {"a missing Version is IAM's 2008-10-17",
       json(R"({"Statement": [{"Effect": "Allow", "Action": "a:A", "Resource": "*"}]})"),
       json(
           R"({"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "a:A", "Resource": "*"}]})"),
       true},
      {"but not 2012-10-17",
       json(R"({"Statement": [{"Effect": "Allow", "Action": "a:A", "Resource": "*"}]})"),
       json(
           R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "a:A", "Resource": "*"}]})"),
       false},
      {"a different action differs",
       json(
           R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "a:A", "Resource": "*"}]})"),
       json(
           R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "a:*", "Resource": "*"}]})"),
       false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(awsutil::samePolicy(c.a, c.b), c.same) << c.why;
}

TEST(Encodings, Base64AndSha256MatchKnownVectors) {
  EXPECT_EQ(awsutil::base64(""), "");
  EXPECT_EQ(awsutil::base64("f"), "Zg==");
  EXPECT_EQ(awsutil::base64("fo"), "Zm8=");
  EXPECT_EQ(awsutil::base64("foo"), "Zm9v");
  EXPECT_EQ(awsutil::base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(awsutil::sha256Base64(""), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

TEST(PolicyDocuments, ReadAsIamReturnsThem) {
  // IAM returns documents URL-encoded; moto and some APIs return plain JSON.
  Value want = Value::object();
  want["Version"] = Value("2012-10-17");
  EXPECT_EQ(awsutil::policyDocument("%7B%22Version%22%3A%222012-10-17%22%7D"), want);
  EXPECT_EQ(awsutil::policyDocument(R"({"Version":"2012-10-17"})"), want);
  // Neither: the raw text, so a diff shows what AWS holds.
  EXPECT_EQ(awsutil::policyDocument("not%2Ja policy"), Value("not%2Ja policy"));
}

TEST(ErrorContext, AccessDeniedIsInvalidAndNamesTheAction) {
  Error e;
  e.kind = ErrorKind::Invalid;
  e.code = "AccessDenied";
  e.httpStatus = 403;
  e.message = "iam:GetRole: not authorized";
  Error out = awsutil::withContext(e, "iam:GetRole", "role app");
  EXPECT_EQ(out.kind, ErrorKind::Invalid);
  EXPECT_NE(out.message.find("access denied for iam:GetRole"), std::string::npos) << out.message;
  EXPECT_TRUE(out.message.starts_with("role app: ")) << out.message;
}

}  // namespace
}  // namespace driftless
