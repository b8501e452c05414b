#include "providers/iam/policy.h"

#include <gtest/gtest.h>

namespace driftless::iam {
namespace {

Value json(const char* s) {
  auto v = Value::fromJson(s);
  EXPECT_TRUE(v.has_value()) << s;
  return v ? *v : Value();
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
    EXPECT_EQ(samePolicy(c.a, c.b), c.same) << c.why;
}

TEST(PolicyDocuments, ReadAsIamReturnsThem) {
  // IAM returns documents URL-encoded; moto and some APIs return plain JSON.
  Value want = Value::object();
  want["Version"] = Value("2012-10-17");
  EXPECT_EQ(policyDocument("%7B%22Version%22%3A%222012-10-17%22%7D"), want);
  EXPECT_EQ(policyDocument(R"({"Version":"2012-10-17"})"), want);
  // Neither: the raw text, so a diff shows what AWS holds.
  EXPECT_EQ(policyDocument("not%2Ja policy"), Value("not%2Ja policy"));
}

}  // namespace
}  // namespace driftless::iam
