#include <gtest/gtest.h>

#include "providers/builtin/builtin.h"
#include "providers/lambda/schema.h"

namespace driftless {
namespace {

struct Case {
  const char* why;
  const char* properties;
  std::vector<std::string> problems;
};

TEST(LambdaFunctionInfo, DeclaresTheCloudFormationShape) {
  const TypeInfo* info = builtinRegistry().info("AWS::Lambda::Function");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->service, "lambda");
  EXPECT_EQ(info->physicalNameProperty, "FunctionName");
  EXPECT_EQ(info->refAttribute, "");
  EXPECT_EQ(info->getAttributes, (std::vector<std::string>{"Arn"}));
  EXPECT_TRUE(info->property("FunctionName")->immutable);
  EXPECT_TRUE(info->property("Code")->required);
  EXPECT_TRUE(info->property("Role")->required);
  // Environment variable values are secrets; their names are not.
  const auto& env = *info->property("Environment");
  ASSERT_EQ(env.fields.size(), 1u);
  EXPECT_EQ(env.fields[0].name, "Variables");
  EXPECT_EQ(env.fields[0].kind, PropertySpec::Kind::Map);
  EXPECT_TRUE(env.fields[0].element.at(0).secret);
  for (const char* p : {"Runtime", "Handler", "MemorySize", "Timeout", "Description",
                        "Architectures", "EphemeralStorage", "Layers", "Tags"})
    EXPECT_NE(info->property(p), nullptr) << p;
}

TEST(LambdaFunctionInfo, Validates) {
  const Case cases[] = {
      {"inline code with runtime and handler",
       R"({"FunctionName": "fn-1_a", "Runtime": "python3.12", "Handler": "index.handler", "Code": {"ZipFile": "x"}})",
       {}},
      {"S3 code", R"({"FunctionName": "f", "Code": {"S3Bucket": "b", "S3Key": "k"}})", {}},
      {"a dot is not allowed in a name", R"({"FunctionName": "a.b"})", {"FunctionName:"}},
      {"inline code and S3 code together",
       R"({"Runtime": "r", "Handler": "h", "Code": {"ZipFile": "x", "S3Bucket": "b", "S3Key": "k"}})",
       {"Code:"}},
      {"no code at all", R"({"Code": {}})", {"Code:"}},
      {"S3 code without a key", R"({"Code": {"S3Bucket": "b"}})", {"Code:"}},
      {"inline code without a handler", R"({"Runtime": "r", "Code": {"ZipFile": "x"}})", {"Code:"}},
      {"memory below the minimum", R"({"MemorySize": 64})", {"MemorySize:"}},
      {"timeout above 15 minutes", R"({"Timeout": "901"})", {"Timeout:"}},
      {"ephemeral storage too small",
       R"({"EphemeralStorage": {"Size": 100}})",
       {"EphemeralStorage.Size:"}},
      {"two architectures", R"({"Architectures": ["x86_64", "arm64"]})", {"Architectures:"}},
      {"two file systems",
       R"({"FileSystemConfigs": [{"Arn": "a", "LocalMountPath": "/mnt/a"},
                                 {"Arn": "b", "LocalMountPath": "/mnt/b"}]})",
       {"FileSystemConfigs:"}},
      {"a log level with text logs",
       R"({"LoggingConfig": {"ApplicationLogLevel": "WARN"}})",
       {"LoggingConfig:"}},
      {"an image function",
       R"({"PackageType": "Image", "Code": {"ImageUri": "r/x:1"}, "ImageConfig": {"Command": ["a"]}})",
       {}},
      {"an image without PackageType Image",
       R"({"Code": {"ImageUri": "r/x:1"}, "ImageConfig": {}})",
       {"Code:", "ImageConfig:"}},
      {"a manual runtime without its version",
       R"({"RuntimeManagementConfig": {"UpdateRuntimeOn": "Manual"}})",
       {"RuntimeManagementConfig:"}},
      {"log levels with JSON logs",
       R"({"LoggingConfig": {"LogFormat": "JSON", "SystemLogLevel": "WARN"}})",
       {}},
      {"a bad variable name",
       R"({"Environment": {"Variables": {"1X": "secret-value"}}})",
       {"Environment.Variables:"}},
  };
  auto info = lambda::functionTypeInfo();
  for (const auto& c : cases) {
    auto got = info.validate(*Value::fromJson(c.properties));
    ASSERT_EQ(got.size(), c.problems.size()) << c.why << ": " << ::testing::PrintToString(got);
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_TRUE(got[i].starts_with(c.problems[i])) << c.why << ": " << got[i];
      EXPECT_EQ(got[i].find("secret-value"), std::string::npos) << "a secret leaked: " << got[i];
    }
  }
}

}  // namespace
}  // namespace driftless
