#pragma once
// Small pieces the S3 providers share: request building (with the Content-MD5
// S3 requires on PutBucketLifecycleConfiguration, PutBucketTagging, ...) and
// XML bodies.
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "providers/aws/client.h"
#include "providers/value.h"

namespace driftless::s3 {

inline constexpr const char* kS3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

// A request on bucket sub-resource `subresource` ("versioning"; "" for the bucket itself).
aws::RestRequest bucketRequest(std::string method, const std::string& bucket,
                               std::string_view subresource, std::string operation,
                               std::string body = "");

// A new document whose root element is `root` in the S3 namespace.
pugi::xml_document newDocument(const char* root);
std::string toString(const pugi::xml_document& doc);
void addText(pugi::xml_node parent, const char* name, const std::string& text);

// "true"/"false" for a manifest boolean (true or "true").
std::string boolText(const Value& v);

}  // namespace driftless::s3
