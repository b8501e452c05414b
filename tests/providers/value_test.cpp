#include "providers/value.h"

#include <gtest/gtest.h>

namespace driftless {
namespace {

TEST(Value, JsonRoundTripSortsKeys) {
  auto v = Value::fromJson(R"({"b": [1, 2.5, "x", true, null], "a": {"z": 1, "y": 2}})");
  ASSERT_TRUE(v.has_value()) << v.error().message;
  EXPECT_EQ(v->toJson(), R"({"a":{"y":2,"z":1},"b":[1,2.5,"x",true,null]})");
  auto again = Value::fromJson(v->toJson());
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *v);
  EXPECT_EQ(again->hash(), v->hash());
}

TEST(Value, MalformedJsonIsAnErrorWithOffset) {
  for (const char* bad : {"{", "[1,]", "{\"a\":}", "nul", "{} x", ""}) {
    auto v = Value::fromJson(bad);
    ASSERT_FALSE(v.has_value()) << bad;
    EXPECT_EQ(v.error().kind, ErrorKind::Invalid);
    EXPECT_NE(v.error().message.find("offset"), std::string::npos) << v.error().message;
  }
}

TEST(Value, NumbersPastDoubleRangeAreAnErrorNotInfinity) {
  // 126 nines then e194 is about 1e320: found by fuzz/response_fuzz, which could
  // not write the parsed value back out
  std::string huge = std::string(126, '9') + "2e194";
  for (const std::string& bad : {huge, std::string("[1e400]"), std::string("-1e309"),
                                 std::string("Infinity"), std::string("NaN")}) {
    auto v = Value::fromJson(bad);
    ASSERT_FALSE(v.has_value()) << bad;
    EXPECT_EQ(v.error().kind, ErrorKind::Invalid);
  }
  auto big = Value::fromJson("1.7e308");
  ASSERT_TRUE(big) << big.error().message;
  auto again = Value::fromJson(big->toJson());
  ASSERT_TRUE(again) << big->toJson();
  EXPECT_EQ(*again, *big);
}

TEST(Value, DeepNestingIsAnErrorNotAStackOverflow) {
  // found by fuzz/response_fuzz: [[[[... 100,000 deep overflowed the parser's stack
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto v = Value::fromJson(deep);
  ASSERT_FALSE(v.has_value());
  EXPECT_NE(v.error().message.find("nested more than 256 levels"), std::string::npos)
      << v.error().message;
  std::string ok = std::string(200, '[') + std::string(200, ']');
  EXPECT_TRUE(Value::fromJson(ok).has_value());
}

TEST(Value, IntAndDoubleCompareNumerically) {
  EXPECT_EQ(Value(5), Value(5.0));
  EXPECT_EQ(Value(5).hash(), Value(5.0).hash());
  EXPECT_NE(Value(5), Value("5"));
  EXPECT_NE(Value(true), Value(1));
}

TEST(Value, PathsReachIntoObjectsAndLists) {
  auto v = Value::fromJson(R"({"Tags":[{"Key":"team","Value":"payments"}],"R":{"max":5}})");
  ASSERT_TRUE(v);
  ASSERT_NE(v->findPath("Tags.0.Value"), nullptr);
  EXPECT_EQ(v->findPath("Tags.0.Value")->asString(), "payments");
  EXPECT_EQ(v->findPath("R.max")->asInt(), 5);
  EXPECT_EQ(v->findPath("Tags.1.Value"), nullptr);
  EXPECT_EQ(v->findPath("R.max.deeper"), nullptr);
  EXPECT_EQ(v->findPath("Nope"), nullptr);
}

TEST(Value, BuildersCreateObjectsAndArrays) {
  Value v;
  v["a"]["b"] = 1;
  v["list"].push("x");
  EXPECT_EQ(v.toJson(), R"({"a":{"b":1},"list":["x"]})");
  EXPECT_TRUE(v.erase("a"));
  EXPECT_FALSE(v.erase("a"));
  EXPECT_EQ(v.size(), 1u);
}

}  // namespace
}  // namespace driftless
