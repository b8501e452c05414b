#pragma once
// Parsers of response bodies, kept apart from the transport so that they can
// be tested and fuzzed alone: a malformed, truncated or foreign body is an
// Error, never a crash.
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "providers/aws/client.h"
#include "providers/error.h"

namespace driftless::aws {

// Query protocol (IAM, SNS, STS): <ActionResponse><ActionResult>...</ActionResult>
// <ResponseMetadata><RequestId>. `result` is the <ActionResult> (or the root).
Result<Xml> parseQueryResponse(std::string_view service, std::string_view action,
                               const HttpResponse& response);
// JSON protocols: the body as a Value; an empty body is an empty object.
Result<Value> parseJsonResponse(std::string_view service, std::string_view operation,
                                const HttpResponse& response);
// REST XML (S3): the document; an empty body is an empty document.
Result<Xml> parseXmlResponse(std::string_view service, std::string_view operation,
                             const HttpResponse& response);

// <Credentials> of an STS AssumeRole* result node.
Result<Credentials> parseStsCredentials(pugi::xml_node result, std::string_view what);
// {Code, AccessKeyId, SecretAccessKey, Token, Expiration} of ECS and IMDS.
Result<Credentials> parseMetadataCredentials(std::string_view body, std::string_view what);

// Parsed INI of the shared credentials/config files: section -> key -> value.
// Sections of the config file are named as written ("profile dev", "default").
using IniFile = std::map<std::string, std::map<std::string, std::string>>;
IniFile parseIni(std::string_view text);

}  // namespace driftless::aws
