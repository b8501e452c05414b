// The schemas the service folders declare as data (providers/<service>/types.yaml,
// common/declared.h): every declared type is a registered one with exactly what
// its file says, and a mistake in a file is an error naming the file and line.
#include "providers/common/declared.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "providers/builtin/builtin.h"

namespace driftless {
namespace {

std::string errorOf(std::string_view text) {
  try {
    common::parseDeclared("providers/x/types.yaml", text);
  } catch (const std::logic_error& e) {
    return e.what();
  }
  return "";
}

TEST(Declared, EveryDeclaredTypeIsRegisteredAsItsFileSays) {
  const Registry& registry = builtinRegistry();
  const auto declared = common::declaredTypes();
  ASSERT_GE(declared.size(), 50u);  // the folders' files were embedded
  for (const auto& type : declared) {
    SCOPED_TRACE(type);
    const TypeInfo* info = registry.info(type);
    ASSERT_NE(info, nullptr) << "declared in a types.yaml but not registered";
    const TypeInfo file = common::declared(type);
    EXPECT_EQ(info->physicalNameProperty, file.physicalNameProperty);
    EXPECT_EQ(info->refAttribute, file.refAttribute);
    EXPECT_EQ(info->getAttributes, file.getAttributes);
    EXPECT_EQ(info->taggable, file.taggable);
    EXPECT_EQ(info->taggingType, file.taggingType);
    for (const auto& a : file.iamActions)
      EXPECT_NE(std::find(info->iamActions.begin(), info->iamActions.end(), a),
                info->iamActions.end())
          << a;
    for (const auto& p : file.properties)  // schema.cpp may add more
      EXPECT_NE(info->property(p.name), nullptr) << p.name;
  }
}

TEST(Declared, AFileAmendsTheDatabaseShapes) {
  // SQS's DeduplicationScope: the database lists no values; sqs/types.yaml does.
  const TypeInfo queue = common::declared("AWS::SQS::Queue");
  const PropertySpec* scope = queue.property("DeduplicationScope");
  ASSERT_NE(scope, nullptr);
  EXPECT_EQ(scope->allowed, (std::vector<std::string>{"messageGroup", "queue"}));
  EXPECT_EQ(queue.taggingType, "sqs");
  EXPECT_NE(std::find(queue.iamActions.begin(), queue.iamActions.end(), "tag:GetResources"),
            queue.iamActions.end());
}

TEST(Declared, AMistakeInAFileNamesTheFileAndLine) {
  EXPECT_EQ(errorOf("AWS::X::Y:\n  name: Name\n  colour: blue\n"),
            "providers/x/types.yaml:3: unknown key 'colour' (name, ref, attributes, manage, "
            "taggable, tagsInBulk, iam, values, required, optional, immutable, mutable, integer, "
            "json, secret)");
  EXPECT_EQ(errorOf("AWS::X::Y:\n  manage: Name\n"),
            "providers/x/types.yaml:2: manage: must be a list of strings");
  EXPECT_EQ(errorOf("AWS::X::Y:\n  taggable: maybe\n"),
            "providers/x/types.yaml:2: taggable: must be true or false");
  EXPECT_EQ(errorOf("AWS::X::Y:\n  name: A\nAWS::X::Y:\n  name: B\n"),
            "providers/x/types.yaml:3: AWS::X::Y is declared twice");
  EXPECT_EQ(errorOf("- a\n- b\n"),
            "providers/x/types.yaml:1: must be a map of CloudFormation types");
  EXPECT_NE(errorOf("AWS::X::Y: [\n"), "");  // YAML that does not parse
  EXPECT_THROW(common::declared("AWS::Nothing::Here"), std::logic_error);
}

}  // namespace
}  // namespace driftless
