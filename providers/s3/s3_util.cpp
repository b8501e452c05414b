#include "providers/s3/s3_util.h"

#include "providers/aws/crypto.h"

#include <sstream>

namespace driftless::s3 {

aws::RestRequest bucketRequest(std::string method, const std::string& bucket,
                               std::string_view subresource, std::string operation,
                               std::string body) {
  aws::RestRequest r;
  r.method = std::move(method);
  r.path = "/";
  r.bucket = bucket;
  if (!subresource.empty()) r.query.emplace_back(std::string(subresource), "");
  r.operation = std::move(operation);
  if (!body.empty()) {
    r.headers.emplace_back("Content-MD5", aws::md5Base64(body));
    if (body.front() == '<') r.headers.emplace_back("Content-Type", "application/xml");
  }
  r.body = std::move(body);
  return r;
}

pugi::xml_document newDocument(const char* root) {
  pugi::xml_document doc;
  auto r = doc.append_child(root);
  r.append_attribute("xmlns") = kS3Namespace;
  return doc;
}

std::string toString(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

void addText(pugi::xml_node parent, const char* name, const std::string& text) {
  parent.append_child(name).text().set(text.c_str());
}

std::string boolText(const Value& v) {
  if (v.isBool()) return v.asBool() ? "true" : "false";
  return v.scalarText();
}

}  // namespace driftless::s3
