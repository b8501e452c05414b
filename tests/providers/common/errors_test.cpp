#include "providers/common/errors.h"

#include <gtest/gtest.h>

namespace driftless::common {
namespace {

struct Case {
  const char* code;
  int status;
  ErrorKind kind;
};

TEST(Errors, CodesMapToTheKindsTheReconcilerSchedulesOn) {
  const Case cases[] = {
      {"NoSuchBucket", 404, ErrorKind::NotFound},
      {"QueueDoesNotExist", 400, ErrorKind::NotFound},
      {"AWS.SimpleQueueService.NonExistentQueue", 400, ErrorKind::NotFound},
      {"NotFound", 404, ErrorKind::NotFound},
      {"ResourceNotFoundException", 400, ErrorKind::NotFound},
      {"BucketAlreadyExists", 409, ErrorKind::Conflict},
      {"ResourceInUseException", 400, ErrorKind::Conflict},
      {"ThrottlingException", 400, ErrorKind::Throttled},
      {"SlowDown", 503, ErrorKind::Throttled},
      {"SomethingElse", 429, ErrorKind::Throttled},
      {"AccessDenied", 403, ErrorKind::Invalid},
  };
  for (const auto& c : cases) {
    Error e = Error::make(ErrorKind::Fatal, "m");
    e.code = c.code;
    e.httpStatus = c.status;
    EXPECT_EQ(classify(e, "s3:GetBucketTagging").kind, c.kind) << c.code;
  }
}

TEST(Errors, AccessDeniedNamesTheAction) {
  Error e = Error::make(ErrorKind::Fatal, "Access Denied");
  e.code = "AccessDenied";
  EXPECT_EQ(classify(e, "s3:PutBucketVersioning").message,
            "access denied for s3:PutBucketVersioning: Access Denied");
  EXPECT_TRUE(isNotFound(classify(Error{.code = "NoSuchBucket"}, "s3:x")));
}

TEST(ErrorContext, AccessDeniedIsInvalidAndNamesTheAction) {
  Error e;
  e.kind = ErrorKind::Invalid;
  e.code = "AccessDenied";
  e.httpStatus = 403;
  e.message = "iam:GetRole: not authorized";
  Error out = withContext(e, "iam:GetRole", "role app");
  EXPECT_EQ(out.kind, ErrorKind::Invalid);
  EXPECT_NE(out.message.find("access denied for iam:GetRole"), std::string::npos) << out.message;
  EXPECT_TRUE(out.message.starts_with("role app: ")) << out.message;
}

}  // namespace
}  // namespace driftless::common
