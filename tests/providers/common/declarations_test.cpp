// Every registered type declares, as data in its service folder, what the rest
// of driftless relies on without reading its code: the IAM actions it may call
// (from which `driftless iam-policy` makes the controller's policy), the rules of its physical
// name, and the error codes of its service.
#include <gtest/gtest.h>

#include <string>

#include "providers/builtin/builtin.h"
#include "providers/common/errors.h"

namespace driftless {
namespace {

TEST(Declarations, EveryTypeDeclaresIamActionsNameRulesAndErrorCodes) {
  const Registry& registry = builtinRegistry();
  ASSERT_FALSE(registry.types().empty());
  for (const auto& type : registry.types()) {
    SCOPED_TRACE(type);
    const TypeInfo* info = registry.info(type);
    ASSERT_NE(info, nullptr);
    EXPECT_FALSE(info->service.empty());

    EXPECT_FALSE(info->iamActions.empty());
    bool ownService = false;
    for (const auto& a : info->iamActions) {
      EXPECT_NE(a.find(':'), std::string::npos) << a;
      if (a.starts_with(info->service + ":")) ownService = true;
    }
    EXPECT_TRUE(ownService) << "no action of its own service " << info->service;

    // Name rules: a physical name no AWS service accepts is refused offline,
    // and the problem names the property.
    if (!info->physicalNameProperty.empty()) {
      ASSERT_TRUE(info->validate) << "no validate function";
      Properties props = Value::object();
      props[info->physicalNameProperty] = Value("not a name! " + std::string(3000, '*'));
      auto problems = info->validate(props);
      ASSERT_FALSE(problems.empty())
          << "an invalid " << info->physicalNameProperty << " passes validation";
      bool named = false;
      for (const auto& p : problems)
        if (p.starts_with(info->physicalNameProperty)) named = true;
      EXPECT_TRUE(named) << problems.front();
    }

    // Error codes: at least how the service says "absent", and classify uses them.
    ASSERT_FALSE(info->errors.notFound.empty());
    for (const auto& code : info->errors.notFound) {
      Error e = Error::make(ErrorKind::Invalid, "m");
      e.code = code;
      e.httpStatus = 400;
      EXPECT_EQ(common::classify(e, info->service + ":Any").kind, ErrorKind::NotFound) << code;
    }
  }
}

}  // namespace
}  // namespace driftless
