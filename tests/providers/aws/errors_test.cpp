#include "providers/aws/errors.h"

#include <gtest/gtest.h>

namespace driftless::aws {
namespace {

HttpResponse response(int status, std::string body, Headers headers = {}) {
  return HttpResponse{.status = status, .headers = std::move(headers), .body = std::move(body)};
}

TEST(ErrorKinds, FromCodeAndStatus) {
  struct Case {
    std::string code;
    int status;
    ErrorKind kind;
  };
  const Case cases[] = {
      {"Throttling", 400, ErrorKind::Throttled},
      {"ThrottlingException", 400, ErrorKind::Throttled},
      {"RequestLimitExceeded", 503, ErrorKind::Throttled},
      {"SlowDown", 503, ErrorKind::Throttled},
      {"TooManyRequestsException", 429, ErrorKind::Throttled},
      {"ProvisionedThroughputExceededException", 400, ErrorKind::Throttled},
      {"Anything", 429, ErrorKind::Throttled},
      {"InternalError", 500, ErrorKind::Transient},
      {"BadGateway", 502, ErrorKind::Transient},
      {"ServiceUnavailable", 503, ErrorKind::Transient},
      {"", 504, ErrorKind::Transient},
      {"RequestTimeout", 400, ErrorKind::Transient},
      {"ConnectionError", 0, ErrorKind::Transient},
      {"NoSuchBucket", 404, ErrorKind::NotFound},
      {"NoSuchKey", 404, ErrorKind::NotFound},
      {"QueueDoesNotExist", 400, ErrorKind::NotFound},
      {"AWS.SimpleQueueService.NonExistentQueue", 400, ErrorKind::NotFound},
      {"NotFound", 400, ErrorKind::NotFound},
      {"NoSuchEntity", 404, ErrorKind::NotFound},
      {"ResourceNotFoundException", 400, ErrorKind::NotFound},
      {"ParameterNotFound", 400, ErrorKind::NotFound},
      {"Whatever", 404, ErrorKind::NotFound},
      {"BucketAlreadyExists", 409, ErrorKind::Conflict},
      {"PreconditionFailed", 412, ErrorKind::Conflict},
      {"ConditionalRequestConflict", 409, ErrorKind::Conflict},
      {"AccessDenied", 403, ErrorKind::Invalid},
      {"ValidationException", 400, ErrorKind::Invalid},
      {"LimitExceeded", 400, ErrorKind::Invalid},
  };
  for (const auto& c : cases)
    EXPECT_EQ(errorKindFor(c.code, c.status), c.kind) << c.code << " " << c.status;
}

TEST(ErrorParsing, EveryProtocolShape) {
  struct Case {
    std::string why;
    HttpResponse r;
    std::string code, message, requestId;
    ErrorKind kind;
  };
  const Case cases[] = {
      {"query XML",
       response(400,
                "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
                "<Message>Role x not found</Message></Error><RequestId>r-1</RequestId>"
                "</ErrorResponse>"),
       "NoSuchEntity", "iam:GetRole: Role x not found", "r-1", ErrorKind::NotFound},
      {"S3 XML",
       response(404,
                "<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>gone</Message>"
                "<RequestId>r-2</RequestId></Error>"),
       "NoSuchKey", "iam:GetRole: gone", "r-2", ErrorKind::NotFound},
      {"JSON 1.0 __type with namespace",
       response(400, R"({"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"no"})",
                {{"x-amzn-requestid", "r-3"}}),
       "QueueDoesNotExist", "iam:GetRole: no", "r-3", ErrorKind::NotFound},
      {"JSON 1.1 __type, Message",
       response(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",)"
                     R"("Message":"Requested resource not found"})"),
       "ResourceNotFoundException", "iam:GetRole: Requested resource not found", "",
       ErrorKind::NotFound},
      {"rest-json header wins",
       response(404, R"({"Type":"User","Message":"Function not found"})",
                {{"x-amzn-errortype", "ResourceNotFoundException:http://internal.amazon.com/"}}),
       "ResourceNotFoundException", "iam:GetRole: Function not found", "", ErrorKind::NotFound},
      {"JSON code field", response(400, R"({"code":"ThrottlingException","message":"slow"})"),
       "ThrottlingException", "iam:GetRole: slow", "", ErrorKind::Throttled},
      {"moto's 403 XML to a JSON request",
       response(403,
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ErrorResponse><Errors><Error>"
                "<Code>SignatureDoesNotMatch</Code><Message>bad sig</Message>"
                "<Type>Sender</Type></Error></Errors></ErrorResponse>"),
       "SignatureDoesNotMatch", "iam:GetRole: bad sig", "", ErrorKind::Invalid},
      {"no body (HEAD)", response(404, ""), "NotFound", "iam:GetRole: HTTP 404", "",
       ErrorKind::NotFound},
      {"HTML from a proxy", response(502, "<html><body>Bad Gateway</body></html>"), "Http502",
       "iam:GetRole: HTTP 502", "", ErrorKind::Transient},
      {"truncated JSON", response(500, R"({"__type":"Internal)"), "InternalError",
       "iam:GetRole: HTTP 500", "", ErrorKind::Transient},
      {"truncated XML", response(403, "<Error><Code>AccessDen"), "Forbidden",
       "iam:GetRole: HTTP 403", "", ErrorKind::Invalid},
  };
  for (const auto& c : cases) {
    Error e = parseErrorResponse("iam", "GetRole", c.r);
    EXPECT_EQ(e.code, c.code) << c.why;
    EXPECT_EQ(e.message, c.message) << c.why;
    EXPECT_EQ(e.requestId, c.requestId) << c.why;
    EXPECT_EQ(e.kind, c.kind) << c.why;
    EXPECT_EQ(e.httpStatus, c.r.status) << c.why;
  }
}

TEST(ErrorParsing, SanitizeCode) {
  EXPECT_EQ(sanitizeErrorCode("com.amazonaws.sqs#QueueDoesNotExist"), "QueueDoesNotExist");
  EXPECT_EQ(sanitizeErrorCode("ResourceNotFoundException:http://x/"), "ResourceNotFoundException");
  EXPECT_EQ(sanitizeErrorCode(" Plain "), "Plain");
}

}  // namespace
}  // namespace driftless::aws
