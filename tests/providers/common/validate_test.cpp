#include "providers/common/validate.h"

#include <gtest/gtest.h>

namespace driftless::common {
namespace {

TEST(Validate, IntLikeAcceptsNumbersAndNumericStrings) {
  Value five(5), text("5"), bad("5x"), empty(""), dbl(2.5);
  EXPECT_EQ(intLike(&five), 5);
  EXPECT_EQ(intLike(&text), 5);
  EXPECT_EQ(intLike(&bad), std::nullopt);
  EXPECT_EQ(intLike(&empty), std::nullopt);
  EXPECT_EQ(intLike(&dbl), std::nullopt);
  EXPECT_EQ(intLike(nullptr), std::nullopt);
}

TEST(Validate, CheckRangeNamesThePropertyAndTheBounds) {
  Value props = *Value::fromJson(R"({"DelaySeconds": "901", "VisibilityTimeout": 30})");
  Problems out;
  checkRange(props, "DelaySeconds", 0, 900, out);
  checkRange(props, "VisibilityTimeout", 0, 43200, out);
  checkRange(props, "Missing", 0, 1, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], "DelaySeconds: must be between 0 and 900, got 901");
}

TEST(Validate, JsonDocumentSkipsUnresolvedIntrinsics) {
  Value str(R"({"a": 1})"), obj = *Value::fromJson(R"({"a": 1})");
  Value intrinsic = *Value::fromJson(R"({"Fn::GetAtt": ["Q", "Arn"]})");
  EXPECT_EQ(jsonDocument(&str), obj);
  EXPECT_EQ(jsonDocument(&obj), obj);
  EXPECT_EQ(jsonDocument(&intrinsic), std::nullopt);
}

}  // namespace
}  // namespace driftless::common
