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

// Every double written reads back as itself: state.json's checksum is over the
// text of what was read, so one that moved by an ulp made the file corrupt.
TEST(Value, EveryDoubleReadsBackExactly) {
  std::uint64_t x = 88172645463325252ULL;  // xorshift: the same doubles every run
  for (int i = 0; i < 100000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    double d = static_cast<double>(x >> 11) / 9007199254740992.0 * 1000.0;
    Value v(d);
    auto back = Value::fromJson(v.toJson());
    ASSERT_TRUE(back) << v.toJson();
    ASSERT_TRUE(back->isDouble()) << v.toJson();
    ASSERT_EQ(back->asDouble(), d) << v.toJson();
  }
  auto v = Value::fromJson(
      "[350.89811378291955, 0e95, 1e-400, -0.5, 12, -9223372036854775808, "
      "9223372036854775808, 2.5E3]");
  ASSERT_TRUE(v) << v.error().message;
  const auto& a = v->asArray();
  EXPECT_EQ(a[0].asDouble(), 350.89811378291955);
  EXPECT_EQ(a[1].asDouble(), 0.0);
  EXPECT_EQ(a[2].asDouble(), 0.0);
  EXPECT_EQ(a[3].asDouble(), -0.5);
  EXPECT_EQ(a[4].asInt(), 12);
  EXPECT_EQ(a[5].asInt(), INT64_MIN);
  EXPECT_EQ(a[6].asDouble(), 9223372036854775808.0);
  EXPECT_EQ(a[7].asDouble(), 2500.0);
  auto again = Value::fromJson(v->toJson());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->toJson(), v->toJson());
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
